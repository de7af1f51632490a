import Foundation
import Testing

/// The one golden-file helper: compares output with a file beside the tests; `DIGIT_UPDATE_GOLDEN=1 swift
/// test` rewrites the golden files instead (then read the diff before committing). On a difference the
/// issue names the first differing line, and the whole output is kept at the package root as
/// `.golden-actual-<name>` (ignored by git) to compare with a diff tool.
public enum Golden {
  /// The package's root folder.
  public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()
  /// Sample-Data.
  public static let sampleRoot = packageRoot.appendingPathComponent("Sample-Data").path
  /// The shipped dashboards.
  public static let dashboards = packageRoot.appendingPathComponent("Dashboards").path

  /// Whether this run rewrites golden files.
  public static var updating: Bool { ProcessInfo.processInfo.environment["DIGIT_UPDATE_GOLDEN"] == "1" }

  /// Compares `bytes` with `folder/name`.
  public static func expect(
    _ bytes: [UInt8], _ name: String, in folder: URL, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = folder.appendingPathComponent(name)
    if updating {
      try Data(bytes).write(to: url)
      return
    }
    let expected = (try? Data(contentsOf: url)).map(Array.init) ?? []
    guard expected != bytes else { return }
    let actual = packageRoot.appendingPathComponent(".golden-actual-" + name)
    try? Data(bytes).write(to: actual)
    let a = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let b = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    Issue.record(
      """
      \(name) differs from its golden file at line \(line + 1):
        got:      \(line < a.count ? a[line] : "<end>")
        expected: \(line < b.count ? b[line] : "<end>")
      (the whole output is in \(actual.path); regenerate with DIGIT_UPDATE_GOLDEN=1 swift test)
      """, sourceLocation: sourceLocation)
  }

  /// Compares text with `folder/name`.
  public static func expect(
    _ text: String, _ name: String, in folder: URL, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    try expect(Array(text.utf8), name, in: folder, sourceLocation: sourceLocation)
  }
}
