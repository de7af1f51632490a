import DigITCore
import DigITDashboard
import Foundation
import Testing

/// The keys tables of the README and the DocC page are the one key table (``KeyMap/markdown(_:)``).
/// After a change of the table, `DIGIT_UPDATE_GOLDEN=1 swift test --filter KeyDocsTests` writes it into
/// both files.
@Suite struct KeyDocsTests {
  static let files = ["README.md", "Sources/DigITDashboard/DigITDashboard.docc/DigITDashboard.md"]

  /// The file's text with its keys table (from `| key | does |` to the first line that is not a table
  /// row) replaced by `table`; `nil` when it has none.
  static func replacingTable(in text: String, with table: String) -> String? {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(of: "| key | does |") else { return nil }
    var end = start
    while end < lines.count && lines[end].hasPrefix("|") { end += 1 }
    lines.replaceSubrange(start..<end, with: [String(table.dropLast())])  // the table ends with its newline
    return lines.joined(separator: "\n")
  }

  @Test(arguments: files) func theKeysTableIsTheKeyTable(file: String) throws {
    let path = Sample.packageRoot.appendingPathComponent(file).path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let table = KeyMap.markdown(.en)
    let updated = try #require(Self.replacingTable(in: text, with: table), "\(file) has no keys table")
    if updated != text && ProcessInfo.processInfo.environment["DIGIT_UPDATE_GOLDEN"] == "1" {
      try updated.write(toFile: path, atomically: true, encoding: .utf8)
      return
    }
    #expect(text.contains(table), "\(file): the keys table differs from KeyMap.markdown(.en):\n\(table)")
  }
}
