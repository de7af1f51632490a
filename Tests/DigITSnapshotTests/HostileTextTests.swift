import DigITCore
import DigITFeeds
import DigITMetrics
import Foundation
import Testing

@testable import DigITSnapshot

/// Feed text with markup, formulas, escape sequences, quotes, line breaks and umlauts is text in every
/// format: escaped in HTML and Markdown, neutralised in CSV, valid in JSON.
@Suite struct HostileTextTests {
  static let title = "<script>alert(1)</script> \"Zitat\" 'x' & Größe\u{1B}]0;pwned\u{07}\u{1B}[31m rot\u{202E}"
  static let formula = "=HYPERLINK(\"http://evil.example\",\"Klick\")"

  /// A copy of Sample-Data whose Bürgeramt has a project with hostile title, owner and category, and a
  /// milestone with a line break in its name.
  static let snapshot: Snapshot = {
    let root = Fixture.copyOfSampleData()
    let projects = root + "/offices/buergeramt/projects.csv"
    var text = String(decoding: Fixture.bytes(projects), as: UTF8.self)
    let quoted = "\"" + title.replacingOccurrences(of: "\"", with: "\"\"") + "\nzweite Zeile\""
    text +=
      "P-33-666,\(quoted),\"\(formula.replacingOccurrences(of: "\"", with: "\"\""))\",blocked,@SUM(A1),2026-01-05,2026-10-30,1000,900,Verwaltung,2026-11-20,high\n"
    try! Data(text.utf8).write(to: URL(fileURLWithPath: projects))
    let milestones = root + "/offices/buergeramt/milestones.csv"
    var m = String(decoding: Fixture.bytes(milestones), as: UTF8.self)
    if !m.hasSuffix("\n") { m += "\n" }
    let header = m.split(separator: "\n").first.map(String.init) ?? ""
    #expect(header.hasPrefix("project_id,name,due,done"), "milestones.csv header: \(header)")
    m += "P-33-666,\"<b>Meilenstein</b>\n| Tabelle | -1\",2026-09-01,\n"
    try! Data(m.utf8).write(to: URL(fileURLWithPath: milestones))
    return try! Fixture.snapshot(root)
  }()

  @Test func theHostileProjectWasRead() {
    let office = Self.snapshot.report.data.offices.first { $0.id == "buergeramt" }
    #expect(office?.projects.contains { $0.id == "P-33-666" } == true)
    #expect(Self.snapshot.source.errorCount == 0)
  }

  @Test func markdownEscapesEverything() {
    for language in Language.allCases {
      let md = String(
        decoding: SnapshotMarkdown.render(SummaryReport.build(Self.snapshot, language: language)), as: UTF8.self)
      #expect(md.contains("P-33-666"))
      #expect(!md.contains("<script>"))
      #expect(md.contains("\\<script\\>alert(1)\\</script\\>"))
      #expect(!md.contains("<b>"))
      #expect(!md.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
      #expect(!md.unicodeScalars.contains { $0.value == 0x202E })
      #expect(md.contains("Größe"))
      // The milestone's "|" does not break the table: every table line has the header's cell count.
      for line in md.split(separator: "\n") where line.contains("Meilenstein\\</b\\>") {
        #expect(line.contains("\\| Tabelle \\|"))
      }
    }
  }

  @Test func csvNeutralisesFormulasAndKeepsTheTextWhole() throws {
    let csv = SnapshotCSV.projects(Self.snapshot, dialect: .excel)
    var raw = csv
    _ = TextDecoding.decode(&raw)
    var row: [String]?
    CSVReader(bytes: raw).forEachRecord(while: { r in
      if r.string(0) == "P-33-666" { row = (0..<r.count).map { r.string($0) } }
      return true
    })
    let fields = try #require(row)
    #expect(fields[2].hasPrefix("<script>") && fields[2].hasSuffix("zweite Zeile"))
    #expect(fields[2].contains("Größe"))
    #expect(!fields[2].unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    #expect(fields[4] == "'" + Self.formula)
    #expect(fields[5] == "'@SUM(A1)")
  }

  @Test func htmlEscapesEverything() {
    let html = String(
      decoding: SnapshotHTML.render(SummaryReport.build(Self.snapshot, language: .de, charts: true)), as: UTF8.self)
    #expect(html.contains("P-33-666"))
    #expect(!html.contains("<script"))
    #expect(html.contains("&lt;script&gt;"))
    #expect(!html.contains("<b>"))
    #expect(!html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
    #expect(html.contains("Größe"))
  }

  @Test func jsonKeepsTheTextExactlyAndValid() throws {
    let bytes = SnapshotJSON.render(Self.snapshot)
    #expect(!bytes.contains(0x1B) && !bytes.contains(0x07))
    let json = try JSON.parse(bytes)
    let project = json["projects"]?.arrayValue?.first { $0["id"]?.stringValue == "P-33-666" }
    #expect(project?["title"]?.stringValue == Self.title + "\nzweite Zeile")
    #expect(project?["category"]?.stringValue == Self.formula)
  }

  @Test func diffTextIsInert() throws {
    let before = SnapshotState(empty: Fixture.asOf.adding(days: -7))
    let text = SnapshotChanges.between(before, SnapshotState(report: Self.snapshot.report)).text(language: .en)
    #expect(text.contains("P-33-666"))
    #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x202E })
  }
}
