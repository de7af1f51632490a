import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot
import Foundation
import Testing

/// A stored week read back from its `snapshot.json` alone gives the figures that were exported.
@Suite struct StoredReportTests {
  /// The sample's week, written as JSON and read back.
  static func roundTrip() throws -> (Report, StoredReport) {
    let snapshot = Fixture.sample
    let json = try JSON.parse(SnapshotJSON.render(snapshot))
    return (snapshot.report, try StoredReport(json))
  }

  @Test func everyScalarAndSeriesOfEveryScopeIsAsExported() throws {
    let (live, stored) = try Self.roundTrip()
    let back = stored.report
    #expect(back.asOf == live.asOf)
    #expect(back.week == live.week)
    #expect(back.data.offices.map(\.id) == live.data.offices.map(\.id))
    var scopes: [ScopeRef] = [.city]
    for (o, office) in live.data.offices.enumerated() {
      scopes.append(.office(o))
      scopes += office.projects.indices.map { .project(o, $0) }
      scopes += office.services.indices.map { .service(o, $0) }
    }
    var compared = 0
    for scope in scopes {
      for m in live.catalog.metrics where m.scopes.contains(scope.kind) {
        if m.isSeries {
          #expect(back.series(m, at: scope) == live.series(m, at: scope), "\(m.id) at \(scope)")
        } else {
          #expect(back.value(m, at: scope) == live.value(m, at: scope), "\(m.id) at \(scope)")
        }
        compared += 1
      }
    }
    #expect(compared > 1000)
  }

  @Test func projectsKeepTheirRAGReasonsInBothLanguages() throws {
    let (live, stored) = try Self.roundTrip()
    for (o, office) in live.offices.enumerated() {
      for (p, facts) in office.projects.enumerated() {
        let back = stored.report.offices[o].projects[p].project
        #expect(back?.rag == facts.project?.rag)
        #expect(back?.reasons.map { $0.text(.de) } == facts.project?.reasons.map { $0.text(.de) })
        #expect(back?.reasons.map { $0.text(.en) } == facts.project?.reasons.map { $0.text(.en) })
        #expect(back?.reasons.map(\.code) == facts.project?.reasons.map(\.code))
      }
    }
  }

  @Test func dataCompletenessAndProblemsAreAsRecorded() throws {
    let (live, stored) = try Self.roundTrip()
    #expect(stored.report.offices.map(\.data) == live.offices.map(\.data))
    let source = Fixture.sample.source
    #expect(stored.problems.count == source.problems.count)
    #expect(stored.problems.map(\.description) == source.problems.map(\.description))
    #expect(stored.files.map(\.path) == source.files.map(\.path))
    // No week before is read: no changes are claimed.
    #expect(stored.report.previous == nil)
    #expect(stored.report.change("backlog.open", at: .city) == nil)
  }

  @Test func aStoreReadsItsWeekAndRejectsWhatIsNotASnapshot() throws {
    let folder = Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (load, report) = try Fixture.load()
    var exporter = Exporter(store: SnapshotStore(folder: folder))
    exporter.formats = [.json]
    _ = try exporter.export(
      report, source: SnapshotSource(root: "Sample-Data", files: load.files, problems: load.diagnostics),
      replace: false)
    let store = SnapshotStore(folder: folder)
    let read = try StoredReport.read(report.week, from: store)
    #expect(read.report.value("backlog.open", at: .city) == report.value("backlog.open", at: .city))
    // A week that is not stored, and a snapshot.json that is not one, are errors with the path.
    #expect(throws: StoreError.self) { try StoredReport.read(report.week.adding(weeks: -1), from: store) }
    try Data("{\"schema_version\": 99}".utf8).write(
      to: URL(fileURLWithPath: store.path(of: report.week) + "/snapshot.json"))
    do {
      _ = try StoredReport.read(report.week, from: store)
      Issue.record("a snapshot of schema version 99 was read")
    } catch {
      #expect(error.description.contains("snapshot.json"))
      #expect(error.description.contains("schema_version"))
    }
  }
}
