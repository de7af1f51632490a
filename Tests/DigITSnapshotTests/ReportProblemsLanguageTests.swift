import DigITCore
import DigITSnapshot
import Foundation
import Testing

/// The exported report lists the feed errors in its language (`--lang`); snapshot.json keeps English.
@Suite struct ReportProblemsLanguageTests {
  static let problem = Diagnostic(
    .error, office: "buergeramt", file: "offices/buergeramt/backlog.csv", line: 118, column: "created",
    Bilingual(
      "\"31.02.2026\" is not a date (February 2026 has 28 days, not 31)",
      de: "„31.02.2026“ ist kein Datum (der Februar 2026 hat 28 Tage, nicht 31)"))

  static let snapshot = Snapshot(
    report: Fixture.sample.report,
    source: SnapshotSource(root: "Sample-Data", files: Fixture.sample.source.files, problems: [problem]))

  @Test func summaryAndReportListErrorsInTheirLanguage() {
    let german = String(
      decoding: SnapshotMarkdown.render(SummaryReport.build(Self.snapshot, language: .de)), as: UTF8.self)
    #expect(german.contains("offices/buergeramt/backlog.csv:118: Fehler: created: „31.02.2026“ ist kein Datum"))
    let english = String(
      decoding: SnapshotMarkdown.render(SummaryReport.build(Self.snapshot, language: .en)), as: UTF8.self)
    #expect(english.contains(#"offices/buergeramt/backlog.csv:118: error: created: "31.02.2026" is not a date"#))
    let html = String(
      decoding: SnapshotHTML.render(SummaryReport.build(Self.snapshot, language: .de)), as: UTF8.self)
    #expect(html.contains("Fehler: created: „31.02.2026“ ist kein Datum"))
  }

  @Test func snapshotJSONKeepsTheEnglishMessage() {
    let json = String(decoding: SnapshotJSON.render(Self.snapshot), as: UTF8.self)
    #expect(json.contains(#""message": "\"31.02.2026\" is not a date (February 2026 has 28 days, not 31)""#))
    #expect(!json.contains("ist kein Datum"))
  }
}
