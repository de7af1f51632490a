import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot
import DigITTestSupport
import Foundation
import Testing

@testable import DigITDashboard

/// Week steps (`[` `]` `t`), the office × week heatmap, the KPI and service drill-downs: the reducer,
/// the loop through ``DashboardHarness``, and golden screens.
@Suite struct TimeTravelTests {
  static func report(weeksBack n: Int) -> Report {
    Aggregator(Sample.loaded.0.dataSet).report(asOf: Sample.asOf.adding(days: -7 * n))
  }

  /// Applies the effects a key asks for as the runtime would (a step computed at once).
  static func press(_ keys: [Key], _ state: inout AppState) {
    for k in keys {
      var effect = update(&state, .key(k))
      while let e = effect {
        guard case .stepWeeks(let asOf, let n) = e else { break }
        effect = update(&state, .stepped(Aggregator(state.load.dataSet).report(asOf: asOf), weeksBack: n))
      }
    }
  }

  // MARK: - Reducer

  @Test func bracketStepsTheAsOfDayAWeekBackAsAnEffect() {
    var s = Sample.state()
    let effect = update(&s, .key(.char("[")))
    #expect(effect == .stepWeeks(asOf: Day(year: 2026, month: 11, day: 16)!, weeksBack: 1))
    #expect(s.wantedWeeksBack == 1)
    // The report changes only when the result comes (the reducer computes nothing).
    #expect(s.weeksBack == 0)
    #expect(s.report.asOf == Sample.asOf)
    #expect(s.jobRunning)
  }

  @Test func forwardStopsAtTheLiveDay() {
    var s = Sample.state()
    #expect(update(&s, .key(.char("]"))) == nil)
    #expect(s.wantedWeeksBack == 0)
    Self.press([.char("["), .char("["), .char("]"), .char("]"), .char("]")], &s)
    #expect(s.weeksBack == 0)
    #expect(s.report.asOf == Sample.asOf)
  }

  @Test func backStopsAfterAYear() {
    var s = Sample.state()
    s.wantedWeeksBack = AppState.maximumWeeksBack
    s.weeksBack = AppState.maximumWeeksBack
    #expect(update(&s, .key(.char("["))) == nil)
    #expect(s.wantedWeeksBack == AppState.maximumWeeksBack)
  }

  @Test func tReturnsToTheLiveWeekAndIsOnlyActiveInThePast() {
    var s = Sample.state()
    #expect(update(&s, .key(.char("t"))) == nil)
    #expect(!KeyMap.footer(for: s).contains("t aktuell"))
    Self.press([.char("["), .char("["), .char("[")], &s)
    #expect(s.weeksBack == 3)
    #expect(s.report.week == ISOWeek(year: 2026, week: 44)!)
    #expect(KeyMap.footer(for: s).contains("t aktuell"))
    // The live week's report was kept when stepping away from it: back at once.
    let effect = update(&s, .key(.char("t")))
    #expect(s.weeksBack == 0)
    #expect(s.report.asOf == Sample.asOf)
    #expect(effect == .prefetchWeeks([1]))
  }

  @Test func aWeekComputedBeforehandIsShownAtOnce() {
    var s = Sample.state()
    // As the runtime does at its start and after each step: the neighbouring weeks in the background.
    #expect(update(&s, .prefetched([1: Self.report(weeksBack: 1)], loads: s.loads)) == nil)
    let effect = update(&s, .key(.char("[")))
    #expect(s.weeksBack == 1)
    #expect(s.report.week == ISOWeek(year: 2026, week: 46)!)
    #expect(!s.jobRunning)
    #expect(effect == .prefetchWeeks([2]))  // the live week is kept; the next one back is asked for
    // Reports computed from older data (before a reload) are not used.
    update(&s, .prefetched([2: Self.report(weeksBack: 2)], loads: s.loads - 1))
    #expect(s.nearby[2] == nil)
    #expect(update(&s, .key(.char("["))) == .stepWeeks(asOf: Sample.asOf.adding(days: -14), weeksBack: 2))
  }

  @Test func aStepWaitsForARunningJob() {
    var s = Sample.state()
    s.jobRunning = true  // a poll runs
    #expect(update(&s, .key(.char("["))) == nil)
    #expect(update(&s, .key(.char("["))) == nil)
    // When the poll ends, the step to the week asked for last starts (one step, not two).
    #expect(update(&s, .polled) == .stepWeeks(asOf: Sample.asOf.adding(days: -14), weeksBack: 2))
  }

  @Test func everyScreenKeepsItsSelectionAcrossAStep() {
    var s = Sample.state()
    // The Bürgeramt on the overview, then its second project.
    let buergeramt = try! #require(s.report.data.offices.firstIndex { $0.id == "buergeramt" })
    let rows = Focus.of(s.top, in: s).rows
    let row = try! #require(rows.firstIndex(of: .office(buergeramt)))
    s.stack[0].selection = row
    Sample.press([.enter, .down], &s)
    let project = Focus.of(s.top, in: s).rows[1]
    Self.press([.char("["), .char("[")], &s)
    #expect(s.report.week == ISOWeek(year: 2026, week: 45)!)
    #expect(s.top.screen == .office("buergeramt"))
    #expect(Focus.of(s.top, in: s).rows[s.top.selection] == project)
    let below = Focus.of(s.stack[0], in: s).rows
    #expect(below[s.stack[0].selection] == .office(buergeramt))
  }

  @Test func theHeaderMarksAPastWeekPlainly() {
    var s = Sample.state()
    var top = Renderer.render(s).lines[0]
    #expect(top.contains("KW 47/2026 · Stand 23.11.2026"))
    #expect(!top.contains("Rückblick"))
    Self.press([.char("["), .char("[")], &s)
    let screen = Renderer.render(s)
    top = screen.lines[0]
    #expect(top.contains("KW 45/2026 ◀ Rückblick −2 Wo. · Stand 09.11.2026"))
    #expect(screen.lines[2].contains("Projektstatus, Budget, Risiko: Stand heute"))
    // In its own colour, not the title bar's.
    let x = top.distance(from: top.startIndex, to: top.range(of: "◀")!.lowerBound)
    #expect(screen[x, 0].style.role == .warning)
  }

  @Test func theKeysAreInTheHelpAndTheFooter() {
    var s = Sample.state()
    #expect(KeyMap.footer(for: s).contains("[ ] Woche"))
    Sample.press([.char("?")], &s)
    let help = Focus.of(s.top, in: s).rows.map { Rows.name($0, state: s) }
    #expect(help.contains { $0.hasPrefix("[ ]") && $0.contains("eine Woche zurück / vor") })
    #expect(KeyMap.summary(.en).contains("[ ]: one week back / forward"))
  }

  // MARK: - Runtime

  @Test func theLoopStepsBackTwoWeeksAndForwardAgain() throws {
    try RuntimeTests.withSampleCopy { root in
      let h = try RuntimeTests.harness(root)
      h.settle()
      h.press(.char("["), .char("["))
      h.settle()
      #expect(h.state.weeksBack == 2)
      #expect(h.state.report.asOf == Sample.asOf.adding(days: -14))
      #expect(h.screen.description.contains("KW 45/2026 ◀ Rückblick −2 Wo. · Stand 09.11.2026"))
      h.press(.char("]"))
      h.settle()
      h.press(.char("]"))
      h.settle()
      #expect(h.state.weeksBack == 0)
      #expect(h.state.report.asOf == Sample.asOf)
      #expect(!h.screen.description.contains("Rückblick"))
    }
  }

  @Test func aReloadInThePastKeepsTheDay() throws {
    try RuntimeTests.withSampleCopy { root in
      let h = try RuntimeTests.harness(root)
      h.press(.char("["))
      h.settle()
      h.press(.char("r"))
      h.settle()
      #expect(h.state.notice == "neu geladen")
      #expect(h.state.weeksBack == 1)
      #expect(h.state.report.asOf == Sample.asOf.adding(days: -7))
    }
  }

  @Test func theHistoryIsReadAtTheStartForTheHeatmap() throws {
    try RuntimeTests.withSampleCopy { root in
      let snapshots = root + "/../Snapshots"
      try Self.exportWeeks(root: root, snapshots: snapshots, weeksBack: [1, 2])
      let h = try RuntimeTests.harness(root)
      #expect(h.state.history.cells.isEmpty)
      h.runtime.start()
      h.settle()
      let w46 = ISOWeek(year: 2026, week: 46)!
      #expect(h.state.history.cell(office: "buergeramt", week: w46) != nil)
      #expect(h.state.history.cells.values.allSatisfy { $0.count == 2 })
    }
  }

  /// Exports the sample as of `weeksBack` weeks before the sample day into `snapshots` (JSON only), which
  /// records each week in `history.sqlite`.
  static func exportWeeks(root: String, snapshots: String, weeksBack: [Int]) throws {
    let load = Sample.loaded.0
    var exporter = Exporter(store: SnapshotStore(folder: snapshots))
    exporter.formats = [.json]
    for n in weeksBack {
      _ = try exporter.export(
        report(weeksBack: n), source: SnapshotSource(root: root, files: load.files, problems: load.diagnostics),
        replace: true)
    }
  }

  // MARK: - Heatmap

  @Test func theHistoryGridKnowsAWeekWithoutProjectsCsvAndACorruptDatabase() throws {
    try RuntimeTests.withSampleCopy { root in
      try FileManager.default.removeItem(atPath: root + "/offices/schulamt/projects.csv")
      let load = try FeedLoader(root: root, asOf: Sample.asOf).load()
      let snapshots = root + "/../Snapshots"
      var exporter = Exporter(store: SnapshotStore(folder: snapshots))
      exporter.formats = [.json]
      _ = try exporter.export(
        Aggregator(load.dataSet).report(asOf: Sample.asOf),
        source: SnapshotSource(root: root, files: load.files, problems: load.diagnostics), replace: false)
      let history = History(store: SnapshotStore(folder: snapshots))
      let w47 = ISOWeek(year: 2026, week: 47)!
      let grid = history.grid()
      #expect(grid.error == nil)
      #expect(grid.cell(office: "schulamt", week: w47) == .noData)
      #expect(grid.cell(office: "buergeramt", week: w47) == .rag(.red))
      #expect(grid.cell(office: "buergeramt", week: w47.adding(weeks: -1)) == nil)
      // A database that is not one: no cells, the reason, no crash.
      try Data("not a database".utf8).write(to: URL(fileURLWithPath: history.path))
      let broken = history.grid()
      #expect(broken.cells.isEmpty)
      #expect(broken.error != nil)
    }
  }

  @Test func heatmapCellsComeFromTheHistoryForPastWeeksAndFromTheReportForTheLiveWeek() {
    var s = Sample.state()
    let o = s.report.data.offices.firstIndex { $0.id == "buergeramt" }!
    let weeks = s.report.seriesWeeks
    s.history = HistoryGrid(cells: [
      "buergeramt": [weeks[24]: .rag(.green), weeks[23]: .noOpenProjects, weeks[25]: .rag(.green)]
    ])
    func cell(_ w: Int) -> String {
      Heatmap.cell(.rag, office: o, week: w, of: s.report.seriesWeeks, series: nil, maximum: nil, state: s).0
    }
    #expect(cell(24) == "○")
    #expect(cell(23) == "–")
    #expect(cell(22) == "·")  // not stored
    // The live week is the report's own (the Bürgeramt has a red project), not the stored one.
    #expect(s.report.offices[o].facts.projects!.red > 0)
    #expect(cell(25) == "●")
  }

  @Test func backlogHeatmapIsRelativeToTheOfficesOwnMaximum() {
    let s = Sample.state()
    let o = s.report.data.offices.firstIndex { $0.id == "buergeramt" }!
    let (series, maximum) = Heatmap.backlog(office: o, state: s)
    let values = try! #require(series)
    let top = try! #require(values.firstIndex { $0 == maximum })
    #expect(
      Heatmap.cell(.backlog, office: o, week: top, of: s.report.seriesWeeks, series: series, maximum: maximum, state: s)
        .0 == "█")
    let low = values.indices.min { (values[$0] ?? .infinity) < (values[$1] ?? .infinity) }!
    let expected = Widgets.blocks[Int((values[low]! / maximum! * 7).rounded())]
    #expect(
      Heatmap.cell(.backlog, office: o, week: low, of: s.report.seriesWeeks, series: series, maximum: maximum, state: s)
        .0 == String(expected))
  }

  @Test func heatmapPanelParsesAndRejectsAnUnknownMeasure() {
    let report = Sample.loaded.1
    let ok = DashboardLoader.parse(
      "title: H\nrows:\n  - panels:\n      - kind: heatmap\n        measure: backlog\n", file: "h.yaml",
      catalog: report.catalog, offices: [])
    #expect(ok.spec?.rows[0].panels[0].kind == .heatmap(DashboardSpec.HeatmapSpec(measure: .backlog)))
    let bad = DashboardLoader.parse(
      "title: H\nrows:\n  - panels:\n      - kind: heatmap\n        measure: rog\n", file: "h.yaml",
      catalog: report.catalog, offices: [])
    #expect(bad.isBroken)
    #expect(bad.diagnostics.contains { $0.description.contains("\"rog\" is not rag or backlog") })
  }

  @Test func goldenHeatmapWithStoredWeeks() throws {
    try RuntimeTests.withSampleCopy { root in
      let snapshots = root + "/../Snapshots"
      try Self.exportWeeks(root: root, snapshots: snapshots, weeksBack: [1, 2, 3, 5])
      for (w, h) in [(80, 24), (120, 36)] {
        var s = Sample.state(width: w, height: h)
        s.history = History(store: SnapshotStore(folder: snapshots)).grid()
        #expect(s.history.error == nil)
        try Sample.expectGolden(Renderer.render(s), "heatmap-overview-\(w)x\(h)")
        Sample.press([.down, .down, .down, .enter], &s)
        try Sample.expectGolden(Renderer.render(s), "heatmap-office-\(w)x\(h)")
      }
    }
  }

  @Test func goldenPastWeek() throws {
    for (w, h) in [(60, 20), (80, 24), (120, 36)] {
      var s = Sample.state(width: w, height: h)
      Self.press([.char("["), .char("[")], &s)
      try Sample.expectGolden(Renderer.render(s), "past-week-\(w)x\(h)")
    }
  }

  // MARK: - Drill-downs

  @Test func enterOnAKPIOpensItsWeeklySeriesWithTheTarget() throws {
    var s = Sample.state()
    Sample.press([.char("4"), .enter], &s)
    let kpi = s.report.data.city.kpis[0]
    #expect(s.top.screen == .kpi(kpi.id))
    let series = s.report.kpiSeries(0)
    #expect(series.count == 26)
    // The last week's value is the city's KPI value of the report.
    #expect(series.last! == s.report.value("kpi.\(kpi.id)", at: .city)?.numeric)
    let screen = Renderer.render(s)
    #expect(screen.description.contains("Wochenverlauf"))
    if kpi.target != nil {
      #expect(screen.description.contains("┄"))
      #expect(screen.description.contains("erreicht in"))
    }
    try Sample.expectGolden(screen, "kpi-series-120x40")
    Sample.press([.escape], &s)
    #expect(s.top.screen == .dashboard(3))
  }

  @Test func kpiSeriesTakesEachOfficesLatestValueUpToEachWeek() {
    let report = Sample.loaded.1
    // Computed as of each week's Sunday, the KPI equals the series' value for that week.
    for back in [3, 10] {
      let week = report.seriesWeeks[25 - back]
      let then = Aggregator(report.data).report(asOf: week.sunday, previousWeek: false)
      for (k, def) in report.data.city.kpis.enumerated() {
        #expect(report.kpiSeries(k)[25 - back] == then.value("kpi.\(def.id)", at: .city)?.numeric)
      }
    }
  }

  @Test func enterOnAServiceOpensItInEveryOffice() throws {
    var s = Sample.state()
    Sample.press([.char("3"), .enter], &s)
    guard case .service(let id) = s.top.screen else {
      Issue.record("expected the service screen, got \(s.top.screen)")
      return
    }
    let rows = Focus.of(s.top, in: s).rows
    let offering = s.report.data.offices.filter { $0.services.contains { $0.id == id } }.count
    #expect(rows.count == offering)
    #expect(
      rows.allSatisfy {
        if case .service(let o, let v) = $0 { s.report.data.offices[o].services[v].id == id } else { false }
      })
    let screen = Renderer.render(s).description
    for word in ["Online", "Papier", "Digital", "Anhängig", "Tage"] { #expect(screen.contains(word)) }
    try Sample.expectGolden(Renderer.render(s), "service-offices-120x40")
    // Sortable, and Enter opens the office.
    Sample.press([.char("s")], &s)
    #expect(Focus.of(s.top, in: s).sort?.column == "ozg.online_12w")
    Sample.press([.enter], &s)
    guard case .office = s.top.screen else {
      Issue.record("expected an office, got \(s.top.screen)")
      return
    }
  }

  @Test func aServiceOfTwoOfficesIsShownSideBySide() throws {
    try RuntimeTests.withSampleCopy { root in
      // The Ordnungsamt offers the Bürgeramt's "Wohnsitz anmelden" too (the same federal service id).
      let rows = (40...47).map { "2026-W\($0),99115005070000,Wohnsitz anmelden,2,10,30,40,5,2.0" }
      let path = root + "/offices/ordnungsamt/ozg.csv"
      let text = try String(contentsOfFile: path, encoding: .utf8)
      try (text + (text.hasSuffix("\n") ? "" : "\n") + rows.joined(separator: "\n") + "\n").write(
        toFile: path, atomically: true, encoding: .utf8)
      let load = try FeedLoader(root: root, asOf: Sample.asOf).load()
      let report = Aggregator(load.dataSet).report(asOf: Sample.asOf)
      var s = AppState(
        load: load, report: report, root: root, language: .de, tabs: Sample.state().tabs, width: 120, height: 40,
        loadedAt: "09:14")
      s.stack.append(Frame(.service("99115005070000")))
      let offices = Focus.of(s.top, in: s).rows.map { row -> String in
        guard case .service(let o, _) = row else { return "?" }
        return report.data.offices[o].id
      }
      #expect(offices == ["buergeramt", "ordnungsamt"])
      let screen = Renderer.render(s).description
      #expect(screen.contains("Amt 32 – Ordnungsamt"))
      #expect(screen.contains("25,0 %"))  // 80 online, 240 on paper in the last 12 weeks
    }
  }

  // MARK: - A stored week, read-only

  @Test func enterOnAStoredWeekShowsItReadOnlyAndTReturnsToTheLiveData() throws {
    try RuntimeTests.withSampleCopy { root in
      try Self.exportWeeks(root: root, snapshots: root + "/../Snapshots", weeksBack: [1, 3])
      let h = try RuntimeTests.harness(root)
      h.settle()
      h.press(.char("w"))
      h.settle()
      #expect(h.state.snapshots.map(\.week.week) == [46, 44])
      h.press(.enter)
      h.settle()
      let w46 = ISOWeek(year: 2026, week: 46)!
      #expect(h.state.stored?.week == w46)
      #expect(h.state.report.week == w46)
      #expect(h.state.top.screen == .dashboard(0))
      let screen = h.screen.description
      #expect(screen.contains("KW 46/2026 ▣ Snapshot · nur lesen"))
      #expect(screen.contains("t aktuell"))
      #expect(!screen.contains("e exportieren"))
      #expect(!screen.contains("[ ] Woche"))
      // Read-only: `e` exports nothing, `[` steps nothing.
      h.press(.char("e"), .char("["))
      h.settle()
      #expect(!h.state.exporting)
      #expect(h.state.stored?.week == w46)
      // A reload meanwhile keeps the stored week on screen and refreshes the live data behind it.
      h.press(.char("r"))
      h.settle()
      #expect(h.state.report.week == w46)
      #expect(h.state.stored?.report.asOf == Sample.asOf)
      h.press(.char("t"))
      h.settle()
      #expect(h.state.stored == nil)
      #expect(h.state.report.asOf == Sample.asOf)
      #expect(!h.screen.description.contains("▣ Snapshot"))
    }
  }

  @Test func aStoredWeekWithoutItsWeekBeforeInventsNoChanges() throws {
    try RuntimeTests.withSampleCopy { root in
      let snapshots = root + "/../Snapshots"
      try Self.exportWeeks(root: root, snapshots: snapshots, weeksBack: [1, 2])
      let h = try RuntimeTests.harness(root)
      h.settle()
      h.press(.char("w"))
      h.settle()
      #expect(h.state.snapshots.map(\.week.week) == [46, 45])
      // The newer week compares with the older one, read from the store for the stored week.
      h.press(.enter)
      h.settle()
      #expect(h.state.report.week == ISOWeek(year: 2026, week: 46)!)
      #expect(h.state.briefing.against?.origin == .snapshot)
      #expect(h.state.briefing.against?.week == "2026-W45")
      #expect(h.screen.description.contains("(gespeicherte Woche)"))
      // The older one has no week before: nothing is new, nothing newly red, and the title says why.
      h.press(.char("w"))
      h.settle()
      h.press(.down, .enter)
      h.settle()
      #expect(h.state.report.week == ISOWeek(year: 2026, week: 45)!)
      #expect(h.state.briefing.against == nil)
      #expect(h.state.briefing.newProjects.isEmpty)
      #expect(h.state.briefing.newlyRed.isEmpty)
      #expect(h.state.briefing.movers.allSatisfy { $0.moves.isEmpty })
      let screen = h.screen.description
      #expect(screen.contains("Lage KW 45/2026 · keine Vorwoche zum Vergleich"))
      #expect(!screen.contains("Neue Projekte"))
      #expect(!screen.contains("Neu rote Projekte"))
      // A broken week before is no week before either.
      try Data("{".utf8).write(to: URL(fileURLWithPath: snapshots + "/2026-W45/snapshot.json"))
      h.press(.char("w"))
      h.settle()
      h.press(.enter)
      h.settle()
      #expect(h.state.report.week == ISOWeek(year: 2026, week: 46)!)
      #expect(h.state.briefing.against == nil)
      #expect(h.state.briefing.newProjects.isEmpty)
    }
  }

  @Test func smallTerminalsKeepTheWeekAndThePastOrStoredMark() throws {
    func header(_ s: AppState) -> String {
      String(Renderer.render(s).description.split(separator: "\n")[0]).trimmingCharacters(in: .whitespaces)
    }
    let stored = try Self.stored(weeksBack: 2)
    for (w, h) in [(40, 12), (60, 20), (80, 24), (120, 36)] {
      var past = Sample.state(width: w, height: h)
      Self.press([.char("["), .char("[")], &past)
      let p = header(past)
      #expect(p.contains("KW 45/2026 ◀ "), "\(w)×\(h): \(p)")
      #expect(p.contains("−2 Wo."), "\(w)×\(h): \(p)")
      #expect(w < 60 || p.contains("◀ Rückblick −2 Wo."), "\(w)×\(h): \(p)")
      #expect(w < 80 || p.contains("Stand 09.11.2026"), "\(w)×\(h): \(p)")
      // The problem counts give way, shortened first (the sample has one warning).
      #expect(w < 60 || p.contains("⚠ 0 Fehler · 1 Warnung") || p.hasSuffix("⚠ 0/1"), "\(w)×\(h): \(p)")
      var snap = Sample.state(width: w, height: h)
      update(&snap, .storedWeekRead(ISOWeek(year: 2026, week: 45)!, .success(stored)))
      let t = header(snap)
      #expect(t.contains("KW 45/2026 ▣ "), "\(w)×\(h): \(t)")
      #expect(t.contains("nur lesen"), "\(w)×\(h): \(t)")
      #expect(w < 60 || t.contains("▣ Snapshot · nur lesen"), "\(w)×\(h): \(t)")
      #expect(w < 80 || t.contains("Stand 09.11.2026"), "\(w)×\(h): \(t)")
    }
  }

  @Test func exportAndWeekStepsInAStoredWeekSayWhyNot() throws {
    var s = Sample.state()
    let w46 = ISOWeek(year: 2026, week: 46)!
    update(&s, .storedWeekRead(w46, .success(try Self.stored(weeksBack: 1))))
    for key in [Key.char("e"), .char("["), .char("]")] {
      s.notice = nil
      #expect(update(&s, .key(key)) == nil)
      #expect(!s.exporting)
      #expect(s.report.week == w46)
      #expect(
        s.notice
          == "Snapshot KW 46/2026 ist nur zum Lesen: t kehrt zu den Live-Daten zurück, dort gehen Export und Wochenschritte"
      )
      #expect(!s.noticeIsError)
    }
    #expect(Renderer.render(s).description.contains("Snapshot KW 46/2026 ist nur zum Lesen: t kehrt"))
    // On the help screen `[` means nothing either way: no notice.
    s.notice = nil
    Sample.press([.char("?")], &s)
    update(&s, .key(.char("[")))
    #expect(s.notice == nil)
    // Live data: the keys work, no such notice.
    Sample.press([.escape, .char("t")], &s)
    #expect(s.stored == nil)
    update(&s, .key(.char("[")))
    #expect(s.notice?.contains("nur zum Lesen") != true)
  }

  /// A week stored in the past, read back in memory.
  static func stored(weeksBack n: Int) throws -> StoredReport {
    let snapshot = Snapshot(report: report(weeksBack: n), source: SnapshotSource(root: "x", files: [], problems: []))
    return try StoredReport(JSON.parse(SnapshotJSON.render(snapshot)))
  }

  @Test func tFromAStoredWeekOpenedInAPastWeekReturnsToTheCurrentWeek() throws {
    var s = Sample.state()
    Self.press([.char("["), .char("[")], &s)
    let w46 = ISOWeek(year: 2026, week: 46)!
    #expect(update(&s, .storedWeekRead(w46, .success(try Self.stored(weeksBack: 1)))) == nil)
    #expect(s.report.week == w46)
    // The week steps are off while a stored week is shown.
    #expect(update(&s, .key(.char("["))) == nil)
    #expect(update(&s, .key(.char("]"))) == nil)
    // Back to the live data and its current week (kept when stepping away from it: at once).
    #expect(update(&s, .key(.char("t"))) == nil)  // its neighbour (a week back) is at hand too
    #expect(s.stored == nil)
    #expect(s.report.week == ISOWeek(year: 2026, week: 47)!)
  }

  @Test func aStoredWeekThatCannotBeReadSaysWhyAndKeepsTheLiveData() {
    var s = Sample.state()
    let week = ISOWeek(year: 2026, week: 46)!
    update(&s, .storedWeekRead(week, .failure(StoreError(.content, "Snapshots/2026-W46/snapshot.json: broken"))))
    #expect(s.stored == nil)
    #expect(s.noticeIsError)
    #expect(s.notice?.contains("KW 46/2026: Snapshots/2026-W46/snapshot.json: broken") == true)
    #expect(s.report.asOf == Sample.asOf)
  }

  @Test func goldenStoredWeek() throws {
    let snapshots = FileManager.default.temporaryDirectory.appendingPathComponent("digit-stored-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: snapshots) }
    try Self.exportWeeks(root: "Sample-Data", snapshots: snapshots.path, weeksBack: [2])
    let stored = try StoredReport.read(ISOWeek(year: 2026, week: 45)!, from: SnapshotStore(folder: snapshots.path))
    for (w, h) in [(60, 20), (80, 24), (120, 36)] {
      var s = Sample.state(width: w, height: h)
      update(&s, .storedWeekRead(ISOWeek(year: 2026, week: 45)!, .success(stored)))
      try Sample.expectGolden(Renderer.render(s), "stored-week-\(w)x\(h)")
    }
  }
}
