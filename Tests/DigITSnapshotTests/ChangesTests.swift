import DigITCore
import DigITFeeds
import DigITMetrics
import Foundation
import Testing

@testable import DigITSnapshot

@Suite struct ChangesTests {
  func project(_ id: String, _ office: String, status: String? = "active", rag: String? = "green")
    -> SnapshotState.ProjectState
  {
    SnapshotState.ProjectState(id: id, office: office, title: "T \(id)", status: status, rag: rag)
  }

  func state(_ projects: [SnapshotState.ProjectState], week: String = "2026-W47", city: [(String, Double)] = [])
    -> SnapshotState
  {
    var s = SnapshotState(empty: Day(year: 2026, month: 11, day: 22)!)
    s.week = week
    s.projects = projects
    s.city = city.map { (id: $0.0, value: $0.1) }
    return s
  }

  @Test func aReportsReasonHasItsWordsWhenAskedAndEqualsTheStoredOne() {
    let due = Day(year: 2026, month: 12, day: 1)!
    let p85 = Day(year: 2027, month: 2, day: 8)!
    for reason in [
      RAGReason.blocked, .forecastLate(p85: p85, due: due), .milestoneOverdue(name: "Abnahme", due: due),
      .recorded(code: "x", level: .amber, german: "Grund", english: "reason"),
    ] {
      let lazy = SnapshotState.Reason(reason)
      #expect(lazy.code == reason.code)
      #expect(lazy.level == reason.level.rawValue)
      #expect(lazy.de == reason.text(.de))
      #expect(lazy.en == reason.text(.en))
      #expect(!lazy.de.isEmpty && lazy.de != lazy.code)
      let stored = SnapshotState.Reason(
        code: reason.code, level: reason.level.rawValue, de: reason.text(.de), en: reason.text(.en))
      #expect(lazy == stored)
      // Equal means the same words too, not only the same code.
      #expect(
        lazy
          != SnapshotState.Reason(code: reason.code, level: reason.level.rawValue, de: "anders", en: reason.text(.en)))
    }
  }

  @Test func listsNewFinishedNewlyRedRemovedAndTransitions() {
    let old = state(
      [project("A", "x"), project("B", "x", rag: "amber"), project("C", "x"), project("D", "y")], week: "2026-W46",
      city: [("backlog.open", 10), ("gone", 1)])
    let new = state(
      [
        project("A", "x", status: "done", rag: nil), project("B", "x", rag: "red"), project("C", "x"),
        project("E", "y", rag: "red"),
      ],
      city: [("backlog.open", 7)])
    let c = SnapshotChanges.between(old, new)
    #expect(c.newProjects.map(\.id) == ["E"])
    #expect(c.finishedProjects.map(\.id) == ["A"])
    #expect(c.newlyRed.map(\.id) == ["B", "E"])
    #expect(c.removedProjects.map(\.id) == ["D"])
    #expect(
      c.ragTransitions.map { "\($0.id) \($0.ragBefore ?? "-")→\($0.ragNow ?? "-")" } == ["A green→-", "B amber→red"])
    #expect(
      c.city == [
        SnapshotChanges.Delta(id: "backlog.open", before: 10, now: 7),
        SnapshotChanges.Delta(id: "gone", before: 1, now: nil),
      ])
    #expect(c.city[0].delta == -3)
    #expect(c.city[1].delta == nil)
  }

  @Test func theSameIdInTwoOfficesIsTwoProjects() {
    let old = state([project("P-1", "x")])
    let new = state([project("P-1", "x"), project("P-1", "y", rag: "red")])
    let c = SnapshotChanges.between(old, new)
    #expect(c.newProjects.map(\.office) == ["y"])
    #expect(c.newlyRed.map(\.office) == ["y"])
    #expect(c.removedProjects.isEmpty)
  }

  @Test func fromDataOnlyProjectsFinishedWithinTheWeekCountAsFinished() throws {
    // Sample-Data as of an earlier week: a project done later (updated after that week) is not "finished".
    let asOf = Day(year: 2026, month: 7, day: 26)!
    let s = try Fixture.snapshot(asOf: asOf)
    for p in s.changes.finishedProjects {
      let project = s.report.data.offices.flatMap(\.projects).first { $0.id == p.id }
      let updated = try #require(project?.updated)
      #expect(updated > asOf.adding(days: -7) && updated <= asOf, "\(p.id) updated \(updated)")
    }
    #expect(!s.changes.finishedProjects.contains { $0.id == "P-61-004" })
  }

  @Test func aStoredSnapshotWithoutItsMembersIsAnError() throws {
    let out = Fixture.temporaryFolder()
    try FileManager.default.createDirectory(atPath: out + "/2026-W46", withIntermediateDirectories: true)
    try Data(#"{"schema_version":1,"week":"2026-W46","as_of":"2026-11-15"}"#.utf8).write(
      to: URL(fileURLWithPath: out + "/2026-W46/snapshot.json"))
    #expect { try SnapshotStore(folder: out).previousState(before: ISOWeek(year: 2026, week: 47)!) } throws: {
      ($0 as? StoreError)?.description
        == "\(out)/2026-W46/snapshot.json: the snapshot has no city with a name and metrics"
    }
  }

  func storeWithCopiedW47(as name: String, editing edit: (String) -> String = { $0 }) throws -> String {
    let out = Fixture.temporaryFolder()
    try FileManager.default.createDirectory(atPath: out + "/" + name, withIntermediateDirectories: true)
    let json = String(decoding: SnapshotJSON.render(Fixture.sample), as: UTF8.self)
    try Data(edit(json).utf8).write(to: URL(fileURLWithPath: "\(out)/\(name)/snapshot.json"))
    return out
  }

  /// A week stored before version 2 (no `data_as_of`, no office `data`) is still compared with; a version
  /// from the future is not.
  @Test func aStoredWeekOfVersion1IsReadAndAFutureVersionIsAnError() throws {
    let old = try storeWithCopiedW47(as: "2026-W47") {
      $0.replacingOccurrences(of: #""schema_version": 2"#, with: #""schema_version": 1"#)
    }
    #expect(try SnapshotStore(folder: old).previousState(before: ISOWeek(year: 2026, week: 48)!)?.week == "2026-W47")
    let future = try storeWithCopiedW47(as: "2026-W47") {
      $0.replacingOccurrences(of: #""schema_version": 2"#, with: #""schema_version": 3"#)
    }
    #expect(throws: (any Error).self) {
      try SnapshotStore(folder: future).previousState(before: ISOWeek(year: 2026, week: 48)!)
    }
  }

  @Test func aStoredSnapshotOfAnotherWeekIsAnError() throws {
    let out = try storeWithCopiedW47(as: "2026-W47")
    #expect(try SnapshotStore(folder: out).previousState(before: ISOWeek(year: 2026, week: 48)!)?.week == "2026-W47")
    let moved = try storeWithCopiedW47(as: "2026-W46")
    #expect { try SnapshotStore(folder: moved).previousState(before: ISOWeek(year: 2026, week: 47)!) } throws: {
      ($0 as? StoreError)?.description == "\(moved)/2026-W46/snapshot.json is the snapshot of 2026-W47, not of 2026-W46"
    }
  }

  /// Figures no export writes are reported, naming the scope, the metric and the rule; a difference
  /// (net flow, index changes) may be negative, a KPI's attainment above 100 %.
  @Test func implausibleStoredFiguresAreErrors() throws {
    #expect(SnapshotState.implausibility(-3, id: "backlog.open", unit: .count) == "it cannot be negative")
    #expect(SnapshotState.implausibility(-3, id: "backlog.net_flow_4w", unit: .count) == nil)
    #expect(SnapshotState.implausibility(-2, id: "index.rank_delta", unit: .rank) == nil)
    #expect(
      SnapshotState.implausibility(1.2, id: "ozg.digital_share_12w", unit: .share) == "a share cannot be above 100 %")
    #expect(SnapshotState.implausibility(1.2, id: "kpi.x.attainment", unit: .share) == nil)
    #expect(SnapshotState.implausibility(101, id: "index.score", unit: .score) == "a score lies between 0 and 100")
    #expect(
      SnapshotState.implausibility(.infinity, id: "kpi.x", unit: .custom("%")) == "a figure must be a finite number")
    #expect(SnapshotState.implausibility(-7, id: "kpi.x", unit: .custom("°C")) == nil)
    #expect(SnapshotState.plain(1e23) == "above 1000000000000000")
    let out = try storeWithCopiedW47(as: "2026-W47") {
      $0.replacingOccurrences(of: #""ozg.pending": ([0-9])"#, with: #""ozg.pending": -$1"#, options: .regularExpression)
    }
    #expect { try SnapshotStore(folder: out).previousState(before: ISOWeek(year: 2026, week: 48)!) } throws: {
      let text = ($0 as? StoreError)?.description ?? ""
      return text.hasPrefix("\(out)/2026-W47/snapshot.json: the city: ozg.pending is -")
        && text.hasSuffix(", but it cannot be negative; the snapshot is not compared")
    }
  }

  /// A stored file larger than the limit is refused before it is read.
  @Test func aStoredFileOverTheLimitIsRefusedBeforeReading() throws {
    let out = try storeWithCopiedW47(as: "2026-W47")
    let file = out + "/2026-W47/snapshot.json"
    #expect { try SnapshotStore(folder: out).readStored(file, limit: 1000) } throws: {
      ($0 as? StoreError)?.description.hasPrefix("\(file) has ") == true
    }
    #expect(
      try SnapshotStore(folder: out).readStored(file).count
        == (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int))
  }

  @Test func aStoredSnapshotOfAnotherCityIsAnError() throws {
    let out = try storeWithCopiedW47(as: "2026-W47") {
      $0.replacingOccurrences(of: #""name": "Mainz""#, with: #""name": "Wiesbaden""#)
    }
    let (load, report) = try Fixture.load(asOf: Fixture.asOf.adding(days: 7))
    #expect {
      try Exporter(store: SnapshotStore(folder: out)).export(
        report, source: SnapshotSource(root: "Sample-Data", files: load.files, problems: load.diagnostics),
        replace: false)
    } throws: {
      ($0 as? StoreError)?.description == "\(out)/2026-W47/snapshot.json is a snapshot of Wiesbaden, not of Mainz"
    }
    #expect(Fixture.tree(out) == ["2026-W47", "2026-W47/snapshot.json"])
  }

  @Test func diffTextMakesLabelsFromStoredFilesInert() {
    let old = state([], week: "2026-W46\u{1B}[31m", city: [("kpi.x", 1)])
    let new = state([], city: [("kpi.x", 2)])
    let catalog = MetricCatalog.standard(
      for: City(name: "", kpis: [KPIDefinition(id: "x", label: "\u{1B}]0;pwned\u{07}Label")]))
    let text = SnapshotChanges.between(old, new).text(language: .de, catalog: catalog)
    #expect(text.contains("Label (kpi.x): 1 → 2"))
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
  }

  @Test func theRootIsRecordedWithoutDotSlashAndTrailingSlash() {
    #expect(SnapshotSource(root: "./Sample-Data/", files: [], problems: []).root == "Sample-Data")
    #expect(SnapshotSource(root: "/", files: [], problems: []).root == "/")
    #expect(SnapshotSource(root: "/data//", files: [], problems: []).root == "/data")
  }
}
