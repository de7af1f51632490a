import DigITCore
import DigITFeeds
import DigITMetrics
import Foundation
import Testing

@testable import DigITSnapshot

@Suite struct GoldenExportTests {
  @Test func snapshotJSONMatchesGolden() throws {
    try Fixture.expectGolden(SnapshotJSON.render(Fixture.sample), "snapshot.json")
  }

  @Test(arguments: [Language.de, .en]) func summaryMatchesGolden(language: Language) throws {
    let md = SnapshotMarkdown.render(SummaryReport.build(Fixture.sample, language: language))
    try Fixture.expectGolden(md, "summary-\(language.rawValue).md")
  }

  @Test func csvFilesMatchGolden() throws {
    try Fixture.expectGolden(SnapshotCSV.offices(Fixture.sample, dialect: .excel), "offices.csv")
    try Fixture.expectGolden(SnapshotCSV.projects(Fixture.sample, dialect: .excel), "projects.csv")
    try Fixture.expectGolden(SnapshotCSV.services(Fixture.sample, dialect: .excel), "services.csv")
    try Fixture.expectGolden(SnapshotCSV.offices(Fixture.sample, dialect: .plain), "offices-plain.csv")
    // For spreadsheet users (the export's default): headers in the language, percent, rounded values.
    try Fixture.expectGolden(
      SnapshotCSV.offices(Fixture.sample, CSVOptions(headers: .labels, language: .de)), "offices-labels-de.csv")
    try Fixture.expectGolden(
      SnapshotCSV.services(Fixture.sample, CSVOptions(dialect: .plain, headers: .labels, language: .en)),
      "services-labels-en.csv")
  }

  @Test func htmlMatchesGolden() throws {
    try Fixture.expectGolden(
      SnapshotHTML.render(SummaryReport.build(Fixture.sample, language: .de, charts: true)), "report.html")
  }
}

@Suite struct ExportTests {
  func exporter(_ folder: String) -> Exporter { Exporter(store: SnapshotStore(folder: folder)) }

  @Test func writesEveryFormatIntoTheWeekFolder() throws {
    let out = Fixture.temporaryFolder()
    let (load, report) = try Fixture.load()
    let result = try exporter(out).export(
      report, source: SnapshotSource(root: "Sample-Data", files: load.files, problems: load.diagnostics), replace: false
    )
    #expect(result.week.description == "2026-W47")
    #expect(result.folder == out + "/2026-W47")
    #expect(
      Fixture.tree(out) == [
        "2026-W47", "2026-W47/offices.csv", "2026-W47/projects.csv", "2026-W47/report.html", "2026-W47/services.csv",
        "2026-W47/snapshot.json", "2026-W47/summary.md", "history.sqlite",
      ])
    #expect(result.paths.count == 6)
    #expect(result.against == .data)
    #expect(!result.replaced)
  }

  @Test func sameFeedsAndDayGiveIdenticalBytes() throws {
    let a = Fixture.temporaryFolder("a")
    let b = Fixture.temporaryFolder("b")
    for out in [a, b] {
      let (load, report) = try Fixture.load()
      _ = try exporter(out).export(
        report, source: SnapshotSource(root: "Sample-Data", files: load.files, problems: load.diagnostics),
        replace: false)
    }
    let files = Fixture.tree(a + "/2026-W47")
    #expect(files.count == 6)
    for f in files {
      #expect(
        Fixture.bytes("\(a)/2026-W47/\(f)") == Fixture.bytes("\(b)/2026-W47/\(f)"), "\(f) differs between two exports")
    }
  }

  @Test func generationTimeComesOnlyFromSourceDateEpoch() throws {
    #expect(Snapshot.generationTime(sourceDateEpoch: nil) == nil)
    #expect(Snapshot.generationTime(sourceDateEpoch: "abc") == nil)
    #expect(Snapshot.generationTime(sourceDateEpoch: "0") == "1970-01-01T00:00:00Z")
    #expect(Snapshot.generationTime(sourceDateEpoch: "1795368600") == "2026-11-22T17:30:00Z")
    let json = String(decoding: SnapshotJSON.render(Fixture.sample), as: UTF8.self)
    #expect(!json.contains("generated_at"))
    let stamped = try Fixture.snapshot(generatedAt: "2026-11-22T17:30:00Z")
    #expect(
      String(decoding: SnapshotJSON.render(stamped), as: UTF8.self).contains(
        "\"generated_at\": \"2026-11-22T17:30:00Z\""))
  }

  @Test func changesUseTheStoredWeekBeforeWhenThereIsOne() throws {
    let out = Fixture.temporaryFolder()
    let e = exporter(out)
    let (load46, report46) = try Fixture.load(asOf: Fixture.asOf.adding(days: -7))
    _ = try e.export(
      report46, source: SnapshotSource(root: "Sample-Data", files: load46.files, problems: load46.diagnostics),
      replace: false)
    let (load, report) = try Fixture.load()
    let result = try e.export(
      report, source: SnapshotSource(root: "Sample-Data", files: load.files, problems: load.diagnostics), replace: false
    )
    #expect(result.against == .snapshot)
    #expect(result.againstWeek == "2026-W46")
    let json = try JSON.parse(Fixture.bytes(out + "/2026-W47/snapshot.json"))
    #expect(json["changes"]?["against"]?["kind"]?.stringValue == "snapshot")
    #expect(json["changes"]?["against"]?["week"]?.stringValue == "2026-W46")
    // The stored week before holds the same figures as the data 7 days earlier, so the deltas agree.
    let fromData = Fixture.sample.changes
    let stored = try #require(json["changes"]?["city"]?["backlog.open"]?["delta"]?.doubleValue)
    #expect(fromData.city.first { $0.id == "backlog.open" }?.delta == stored)
    #expect(json["changes"]?["rag_transitions"]?.arrayValue?.count == fromData.ragTransitions.count)
  }

  @Test func aBrokenStoredWeekBeforeIsAnErrorNotIgnored() throws {
    let out = Fixture.temporaryFolder()
    try FileManager.default.createDirectory(atPath: out + "/2026-W46", withIntermediateDirectories: true)
    try Data("{ not json".utf8).write(to: URL(fileURLWithPath: out + "/2026-W46/snapshot.json"))
    let (load, report) = try Fixture.load()
    #expect {
      try exporter(out).export(
        report, source: SnapshotSource(root: "Sample-Data", files: load.files, problems: load.diagnostics),
        replace: false)
    } throws: { ($0 as? StoreError)?.description.contains("2026-W46/snapshot.json: not valid JSON at byte 2") == true }
    #expect(Fixture.tree(out) == ["2026-W46", "2026-W46/snapshot.json"])
  }

  @Test func aSnapshotWithFeedErrorsListsThem() throws {
    let root = Fixture.copyOfSampleData()
    let file = root + "/offices/buergeramt/projects.csv"
    var text = String(decoding: Fixture.bytes(file), as: UTF8.self)
    text = text.replacingOccurrences(of: "2026-12-31,140000", with: "31.02.2026,140000")
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    let s = try Fixture.snapshot(root)
    #expect(s.source.errorCount >= 1)
    let json = try JSON.parse(SnapshotJSON.render(s))
    let problems = json["source"]?["problems"]?.arrayValue ?? []
    #expect(
      problems.contains {
        $0["file"]?.stringValue == "offices/buergeramt/projects.csv" && $0["severity"]?.stringValue == "error"
          && $0["line"]?.intValue == 3
      })
    #expect(
      json["offices"]?.arrayValue?.first { $0["id"]?.stringValue == "buergeramt" }?["diagnostics"]?["errors"]?.intValue
        ?? 0 >= 1)
    let md = String(decoding: SnapshotMarkdown.render(SummaryReport.build(s, language: .de)), as: UTF8.self)
    #expect(md.contains("offices/buergeramt/projects.csv:3: Fehler: due: „31.02.2026“ ist kein Datum"))
    let english = String(decoding: SnapshotMarkdown.render(SummaryReport.build(s, language: .en)), as: UTF8.self)
    #expect(english.contains("offices/buergeramt/projects.csv:3: error"))
  }

  @Test func sourceRecordsEveryFileWithItsChecksum() throws {
    let s = Fixture.sample
    #expect(s.source.files.count > 50)
    let city = try #require(s.source.files.first { $0.path == "city.yaml" })
    // sha256sum Sample-Data/city.yaml
    let expected = try shellSHA256(Fixture.sampleData + "/city.yaml")
    #expect(city.sha256 == expected)
    #expect(s.source.files.allSatisfy { $0.sha256?.utf8.count == 64 })
    #expect(s.source.files.first { $0.path == "offices/buergeramt/projects.csv" }?.rowsRead ?? 0 > 0)
  }

  func shellSHA256(_ path: String) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    p.arguments = [path]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let out = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(String(decoding: out, as: UTF8.self).prefix(64))
  }
}
