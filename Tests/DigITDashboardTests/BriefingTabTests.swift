import DigITCore
import DigITDashboard
import DigITFeeds
import DigITMetrics
import DigITSnapshot
import Foundation
import Testing

/// The briefing tab ("Lage", the first shipped dashboard): golden screens with and without a stored week
/// before, German and English, 80×24 and 120×36; Enter opens a row's project or office.
@Suite struct BriefingTabTests {
  /// The sample on its first tab (the briefing), as `digit` opens.
  static func state(width: Int, height: Int, language: Language = .de) -> AppState {
    var s = Sample.state(width: width, height: height, language: language, tab: nil)
    #expect(s.tabs.first?.file == "briefing.yaml")
    s.stack = [Frame(.dashboard(0))]
    return s
  }

  /// The week before as if stored: the report's own week before, read as a stored snapshot would be.
  static func withStoredWeek(_ s: inout AppState) {
    let report = s.report
    let before = SnapshotState(report: report.previous!)
    update(&s, .storedWeeksRead(StoredWeeks(week: report.week, before: before, fourWeeks: nil)))
  }

  @Test(arguments: [(80, 24), (120, 36)])
  func withoutStoredWeeks(size: (Int, Int)) throws {
    for language in [Language.de, .en] {
      let s = Self.state(width: size.0, height: size.1, language: language)
      let screen = Renderer.render(s)
      try Sample.expectGolden(screen, "briefing-computed-\(language)-\(size.0)x\(size.1)")
      #expect(
        screen.description.contains(
          language == .de ? "aus den Daten berechnet" : "computed from the data"))
    }
  }

  @Test(arguments: [(80, 24), (120, 36)])
  func withAStoredWeek(size: (Int, Int)) throws {
    for language in [Language.de, .en] {
      var s = Self.state(width: size.0, height: size.1, language: language)
      Self.withStoredWeek(&s)
      let screen = Renderer.render(s)
      try Sample.expectGolden(screen, "briefing-stored-\(language)-\(size.0)x\(size.1)")
      #expect(screen.description.contains(language == .de ? "gespeicherte Woche" : "stored week"))
    }
  }

  /// The rows are the briefing's sections, each under its heading, in the briefing's order.
  @Test func rowsFollowTheBriefing() {
    let s = Self.state(width: 120, height: 36)
    let rows = Focus.of(s.top, in: s).rows
    let sections = s.briefing.sections(.de, catalog: s.report.catalog)
    #expect(rows.count == sections.reduce(0) { $0 + 1 + $1.rows.count })
    guard case .heading(let first)? = rows.first else {
      Issue.record("the first row is not a heading: \(String(describing: rows.first))")
      return
    }
    #expect(first == sections[0].title)
  }

  /// Enter on a project row opens that project; on an office row, that office; on a heading, nothing.
  @Test func enterOpensTheRowsProjectOrOffice() throws {
    var s = Self.state(width: 120, height: 36)
    let rows = Focus.of(s.top, in: s).rows
    let sections = s.briefing.sections(.de, catalog: s.report.catalog)
    Sample.press([.enter], &s)
    #expect(s.stack.count == 1, "a heading opens nothing")
    var projectRow: Int?
    var officeRow: Int?
    for (i, row) in rows.enumerated() {
      guard case .briefing(let a, let b) = row else { continue }
      switch sections[a].rows[b].target {
      case .project(_, let id)?:
        if projectRow == nil {
          projectRow = i
          _ = id
        }
      case .office?: if officeRow == nil { officeRow = i }
      default: break
      }
    }
    let p = try #require(projectRow)
    guard case .briefing(let a, let b) = rows[p], case .project(_, let id)? = sections[a].rows[b].target else {
      Issue.record("no project row")
      return
    }
    Sample.press(Array(repeating: .down, count: p) + [.enter], &s)
    #expect(s.top.screen == .project(id))
    Sample.press([.escape], &s)
    let o = try #require(officeRow)
    s.stack[0].selection = o
    Sample.press([.enter], &s)
    if case .office = s.top.screen {} else { Issue.record("Enter on an office row opened \(s.top.screen)") }
  }

  /// The stored weeks are asked for through an effect on the first tick (the reducer reads nothing).
  @Test func theStoredWeeksAreReadThroughAnEffect() {
    var s = Self.state(width: 120, height: 36)
    #expect(reduce(&s, .tick(now: 0)) == .readStoredWeeks(s.report.week))
    #expect(reduce(&s, .tick(now: 0.1)) != .readStoredWeeks(s.report.week), "asked once per report week")
  }

  /// Reading them from a folder: the week before and four weeks before where stored.
  @Test func storedWeeksComeFromTheSnapshotFolder() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("digit-briefing-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (load, _) = Sample.loaded
    let exporter = Exporter(store: SnapshotStore(folder: folder))
    let before = Aggregator(load.dataSet).report(asOf: Day(year: 2026, month: 11, day: 16)!)
    _ = try exporter.export(
      before, source: SnapshotSource(root: "Sample-Data", files: load.files, problems: load.diagnostics), replace: false
    )
    let week = Sample.loaded.1.week
    guard case .storedWeeksRead(let stored) = SnapshotJobs.storedWeeks(folder: folder, week: week) else {
      Issue.record("not storedWeeksRead")
      return
    }
    #expect(stored.before?.week == week.adding(weeks: -1).description)
    #expect(stored.fourWeeks == nil)
    var s = Self.state(width: 120, height: 36)
    update(&s, .storedWeeksRead(stored))
    #expect(s.briefing.against.origin == .snapshot)
  }
}
