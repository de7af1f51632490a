import DigITCore
import DigITDashboard
import DigITFeeds
import DigITMetrics
import DigITSnapshot
import DigITTestSupport
import Foundation
import Testing

/// Sample-Data as of a fixed Sunday, exported in-process; temporary folders; golden files.
enum Fixture {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let sampleData = packageRoot.appendingPathComponent("Sample-Data").path
  /// Sunday of 2026-W47.
  static let asOf = Day(year: 2026, month: 11, day: 22)!

  /// Loads a data root with checksums and computes its report.
  static func load(_ root: String = sampleData, asOf: Day = asOf) throws -> (LoadResult, Report) {
    let load = try FeedLoader(root: root, asOf: asOf, checksums: true).load()
    return (load, Aggregator(load.dataSet).report(asOf: asOf))
  }

  /// The snapshot of a data root; the source is labelled `label` (not the absolute path, so that golden
  /// files do not depend on where the package is checked out).
  static func snapshot(
    _ root: String = sampleData, label: String = "Sample-Data", asOf: Day = asOf, previous: SnapshotState? = nil,
    generatedAt: String? = nil
  ) throws -> Snapshot {
    let (load, report) = try load(root, asOf: asOf)
    return Snapshot(
      report: report, source: SnapshotSource(root: label, files: load.files, problems: load.diagnostics),
      previous: previous, generatedAt: generatedAt)
  }

  static let sample: Snapshot = try! snapshot()

  /// A new empty folder under the system's temporary folder.
  static func temporaryFolder(_ name: String = #function) -> String {
    let clean = name.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "digit-snapshot-\(clean)-\(UUID().uuidString.prefix(8))"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// A copy of Sample-Data to change.
  static func copyOfSampleData() -> String {
    let target = temporaryFolder("data") + "/root"
    try! FileManager.default.copyItem(atPath: sampleData, toPath: target)
    return target
  }

  static func bytes(_ path: String) -> [UInt8] { Array((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()) }

  /// Every file under a folder (relative paths, including hidden ones), sorted.
  static func tree(_ folder: String) -> [String] {
    let e = FileManager.default.enumerator(atPath: folder)
    var out: [String] = []
    while let p = e?.nextObject() as? String { out.append(p) }
    return out.sorted()
  }

  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  /// Compares bytes with `Golden/<name>` (see ``Golden``).
  static func expectGolden(_ bytes: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try Golden.expect(bytes, name, in: golden, sourceLocation: sourceLocation)
  }
}
