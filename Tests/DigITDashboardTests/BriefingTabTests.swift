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

  /// The sections in words are made once per briefing (rows and their keys read them): they follow a new
  /// briefing (stored weeks read) and a change of language, never showing the last one's.
  @Test func theSectionsInWordsFollowTheBriefingAndTheLanguage() {
    var s = Self.state(width: 120, height: 36)
    #expect(s.briefingSections.map(\.title) == s.briefing.sections(.de, catalog: s.report.catalog).map(\.title))
    let computed = s.briefingSections.map(\.title)
    Self.withStoredWeek(&s)
    #expect(s.briefingSections.map(\.title) == s.briefing.sections(.de, catalog: s.report.catalog).map(\.title))
    s.language = .en
    let english = s.briefing.sections(.en, catalog: s.report.catalog).map(\.title)
    #expect(s.briefingSections.map(\.title) == english)
    #expect(english != computed)
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

/// "rot seit KW 44/2026": from the history's runs; "seit spätestens" where it does not reach back.
@Suite struct RAGSinceTests {
  func runs(_ list: [(String, String, Int, Int, Bool)]) -> RAGRuns {
    var r = RAGRuns()
    for (project, rag, since, last, atTheLatest) in list {
      r.runs["x\u{0}" + project] = RAGRuns.Run(
        rag: rag, since: ISOWeek(year: 2026, week: since)!, last: ISOWeek(year: 2026, week: last)!,
        atTheLatest: atTheLatest)
    }
    return r
  }

  @Test func sinceTheStartOfTheRunWhenItReachesTheWeekBefore() {
    let r = runs([
      ("A", "red", 44, 46, false), ("B", "red", 40, 46, true), ("C", "amber", 44, 46, false),
      ("D", "red", 40, 45, false),
    ])
    let w47 = ISOWeek(year: 2026, week: 47)!
    #expect(Words.ragSince(.red, r.since(office: "x", project: "A", rag: .red, in: w47), .de) == "rot seit KW 44/2026")
    #expect(
      Words.ragSince(.red, r.since(office: "x", project: "B", rag: .red, in: w47), .de)
        == "rot seit spätestens KW 40/2026")
    // Amber until the week before: red since this week.
    #expect(Words.ragSince(.red, r.since(office: "x", project: "C", rag: .red, in: w47), .en) == "red since W47 2026")
    // The week before is not recorded: at the latest since this week.
    #expect(
      Words.ragSince(.red, r.since(office: "x", project: "D", rag: .red, in: w47), .de)
        == "rot seit spätestens KW 47/2026")
  }

  @Test func theProjectScreenSaysSinceWhenFromTheHistory() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("digit-since-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (load, report) = Sample.loaded
    let exporter = Exporter(store: SnapshotStore(folder: folder))
    for day in [2, 9, 16] {  // the report weeks W44, W45, W46
      let asOf = Day(year: 2026, month: 11, day: day)!
      _ = try exporter.export(
        Aggregator(load.dataSet).report(asOf: asOf),
        source: SnapshotSource(root: "Sample-Data", files: load.files, problems: load.diagnostics), replace: false)
    }
    guard case .storedWeeksRead(let stored) = SnapshotJobs.storedWeeks(folder: folder, week: report.week) else {
      Issue.record("not storedWeeksRead")
      return
    }
    var s = Sample.state()
    update(&s, .storedWeeksRead(stored))
    var texts: [String] = []
    for (o, office) in s.report.data.offices.enumerated() {
      for p in office.projects.indices { if let t = s.ragSince(office: o, project: p) { texts.append(t) } }
    }
    #expect(!texts.isEmpty)
    // The history begins in W44: red since W44 at the latest, and later weeks exactly.
    #expect(texts.contains("rot seit spätestens KW 44/2026"), "\(texts)")
    #expect(texts.allSatisfy { !$0.contains("KW 43") })
    // On the project screen of a red project.
    let (o, p) = try #require(
      s.report.data.offices.indices.lazy.flatMap { o in s.report.data.offices[o].projects.indices.map { (o, $0) } }
        .first { s.report.offices[$0.0].projects[$0.1].project?.rag == .red })
    s.stack.append(Frame(.project(s.report.data.offices[o].projects[p].id)))
    #expect(Renderer.render(s).description.contains(s.ragSince(office: o, project: p)!))
    // In the list of red and amber projects (risks), short, before the reasons.
    s.stack = [Frame(.dashboard(s.tabs.firstIndex { $0.file == "risks.yaml" }!))]
    #expect(Renderer.render(s).description.contains("seit spätestens KW 44/2026;"))
  }
}
