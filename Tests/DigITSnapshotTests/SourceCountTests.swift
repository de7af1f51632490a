import DigITCore
import DigITMetrics
import Testing

@testable import DigITSnapshot

/// The problem and skipped-row counts per office, which the writers ask for per office (made once, kept
/// up to date when files or problems change).
@Suite struct SourceCountTests {
  static let files = [
    FileStats(path: "city.yaml", office: nil),
    FileStats(path: "offices/a/backlog.csv", office: "a", rowsSkipped: 3),
    FileStats(path: "offices/a/ozg.csv", office: "a", rowsSkipped: 2),
    FileStats(path: "offices/b/backlog.csv", office: "b", rowsSkipped: 1),
  ]
  static let problems = [
    Diagnostic(.warning, file: "city.yaml", "w"),
    Diagnostic(.error, office: "a", file: "offices/a/backlog.csv", "e"),
    Diagnostic(.error, office: "a", file: "offices/a/backlog.csv", "more", occurrences: 40),
    Diagnostic(.warning, office: "b", file: "offices/b/backlog.csv", "w"),
    Diagnostic(.note, office: "b", file: "offices/b/backlog.csv", "n"),
  ]

  @Test func countsPerOfficeCityWideAndAll() {
    let s = SnapshotSource(root: "r", files: Self.files, problems: Self.problems)
    #expect(s.count(.error) == 41)
    #expect(s.count(.warning) == 2)
    #expect(s.count(.note) == 1)
    #expect(s.count(.error, office: .some("a")) == 41)
    #expect(s.count(.warning, office: .some(nil)) == 1)
    #expect(s.count(.warning, office: .some("b")) == 1)
    #expect(s.count(.error, office: .some("b")) == 0)
    #expect(s.count(.error, office: .some("nobody")) == 0)
    #expect(s.rowsSkipped() == 6)
    #expect(s.rowsSkipped(office: .some("a")) == 5)
    #expect(s.rowsSkipped(office: .some(nil)) == 0)
  }

  @Test func countsFollowChangedFilesAndProblems() {
    var s = SnapshotSource(root: "r", files: Self.files, problems: Self.problems)
    s.problems.append(Diagnostic(.error, office: "b", file: "offices/b/ozg.csv", "e"))
    #expect(s.count(.error, office: .some("b")) == 1)
    #expect(s.count(.error) == 42)
    s.files.append(FileStats(path: "offices/b/ozg.csv", office: "b", rowsSkipped: 7))
    #expect(s.rowsSkipped(office: .some("b")) == 8)
    s.problems = []
    #expect(s.count(.error) == 0)
    #expect(s == SnapshotSource(root: "r", files: s.files, problems: []))
  }
}

/// `digit summary` makes its report without the week before's project and service facts
/// (``Aggregator/previousDetail``): the city's and the offices' changes must be the same as with them.
@Suite struct PreviousDetailTests {
  @Test func cityAndOfficeChangesAreTheSameWithoutTheWeekBeforesDetail() throws {
    let data = Fixture.sample.report.data
    let full = Aggregator(data).report(asOf: Fixture.asOf)
    var lean = Aggregator(data)
    lean.previousDetail = false
    let report = lean.report(asOf: Fixture.asOf)
    #expect(report.detail)
    #expect(report.previous?.detail == false)
    #expect(full.previous?.detail == true)
    #expect(report.city == full.city)
    #expect(report.offices == full.offices)
    #expect(report.previous?.city == full.previous?.city)
    #expect(report.previous?.offices.map(\.facts) == full.previous?.offices.map(\.facts))
    #expect(report.changesJSON(at: .city).rendered() == full.changesJSON(at: .city).rendered())
    var compared = 0
    for o in data.offices.indices {
      #expect(report.changesJSON(at: .office(o)).rendered() == full.changesJSON(at: .office(o)).rendered())
      #expect(report.previous?.offices[o].projects.isEmpty == true)
      // A project's figure of the week before is no value, not a crash: facts, values, changes.
      for p in data.offices[o].projects.indices {
        #expect(report.previous?.facts(at: .project(o, p)) == ScopeFacts())
        #expect(report.previous?.value("backlog.open", at: .project(o, p)) == nil)
        #expect(report.change("backlog.open", at: .project(o, p)) == nil)
        #expect(report.changesJSON(at: .project(o, p)).rendered().contains("null"))
        if full.previous?.value("backlog.open", at: .project(o, p)) != nil { compared += 1 }
      }
      for s in data.offices[o].services.indices {
        #expect(report.previous?.facts(at: .service(o, s)) == ScopeFacts())
        #expect(report.previous?.value("ozg.online_12w", at: .service(o, s)) == nil)
        #expect(report.change("ozg.online_12w", at: .service(o, s)) == nil)
      }
    }
    #expect(compared > 0)
  }
}
