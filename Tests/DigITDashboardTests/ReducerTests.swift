import DigITCore
import DigITFeeds
import DigITMetrics
import Testing

@testable import DigITDashboard

/// Navigation, sorting, filtering and reloads as reducer cases, without a terminal.
@Suite struct ReducerTests {
  func selectedName(_ s: AppState) -> String {
    let rows = Focus.of(s.top, in: s).rows
    return Rows.name(rows[s.top.selection], state: s)
  }

  @Test func startsOnTheFirstDashboardWithTheWorstOfficesFirst() {
    let s = Sample.state()
    // The briefing comes first; the tests start on the overview, the second tab.
    #expect(s.stack == [Frame(.dashboard(1))])
    #expect(s.tabs.map(\.file) == ["briefing.yaml", "overview.yaml", "ozg.yaml", "index.yaml", "risks.yaml"])
    // sort: projects.red descending; ties keep file order (offices by id)
    #expect(selectedName(s) == "Amt 31 – Ausländerbehörde")
  }

  @Test func enterDrillsIntoAnOfficeAndAProjectAndEscapeComesBack() {
    var s = Sample.state()
    Sample.press([.down, .down, .down], &s)
    #expect(selectedName(s) == "Amt 33 – Bürgeramt")
    Sample.press([.enter], &s)
    #expect(s.top.screen == .office("buergeramt"))
    Sample.press([.down, .char("l")], &s)
    #expect(s.top.screen == .project("P-33-002"))
    Sample.press([.escape], &s)
    #expect(s.top.screen == .office("buergeramt"))
    #expect(s.top.selection == 1)  // the selection survived
    Sample.press([.char("h")], &s)
    #expect(s.stack.count == 1)
    #expect(selectedName(s) == "Amt 33 – Bürgeramt")
    Sample.press([.backspace], &s)  // nothing left to go back to
    #expect(s.stack.count == 1)
  }

  @Test func movementStaysWithinTheRows() {
    var s = Sample.state()
    Sample.press([.up], &s)
    #expect(s.top.selection == 0)
    Sample.press([.end], &s)
    #expect(s.top.selection == 14)
    Sample.press([.down, .pageDown], &s)
    #expect(s.top.selection == 14)
    Sample.press([.home], &s)
    #expect(s.top.selection == 0)
    Sample.press([.char("j"), .char("j"), .char("k")], &s)
    #expect(s.top.selection == 1)
  }

  @Test func scrollingKeepsTheSelectionVisible() {
    var s = Sample.state(width: 120, height: 16)  // room for a few office rows only
    let visible = TableWidget.visibleRows(in: Renderer.focusRect(s)!)
    #expect(visible < 15)
    Sample.press(Array(repeating: .down, count: 12), &s)
    #expect(s.top.offset == 12 - visible + 1)
    Sample.press([.up], &s)
    #expect(s.top.offset == 12 - visible + 1)  // moving up inside the view does not scroll
    Sample.press([.home], &s)
    #expect(s.top.offset == 0)
  }

  @Test func typingFiltersAndEscapeClearsTheFilter() {
    var s = Sample.state()
    Sample.press([.char("/"), .char("a"), .char("m"), .char("t"), .char(" "), .char("3")], &s)
    #expect(s.editingFilter)
    #expect(s.top.filter == "amt 3")
    let names = Focus.of(s.top, in: s).rows.map { Rows.name($0, state: s) }
    #expect(names.count == 5)  // Amt 31, 32, 33, 34 and 36
    #expect(names.allSatisfy { $0.lowercased().contains("amt 3") })
    Sample.press([.backspace, .backspace], &s)
    #expect(s.top.filter == "amt")
    Sample.press([.enter], &s)
    #expect(!s.editingFilter)
    #expect(s.top.filter == "amt")
    Sample.press([.escape], &s)  // on the first frame, Esc clears the filter
    #expect(s.top.filter == "")
  }

  @Test func sortCyclesThroughColumnsAndReverses() {
    var s = Sample.state()
    #expect(Focus.of(s.top, in: s).sort?.column == "projects.red")  // the dashboard's default
    Sample.press([.char("s")], &s)  // the next column: projects.amber, biggest first
    #expect(Focus.of(s.top, in: s).sort?.column == "projects.amber")
    #expect(selectedName(s) == "Amt 10 – Hauptamt (Organisation und IT)")  // 4 amber
    Sample.press([.char("S")], &s)
    #expect(Focus.of(s.top, in: s).sort?.descending == false)
    let focus = Focus.of(s.top, in: s)
    for _ in 0..<(focus.sortColumns.count - 2) { Sample.press([.char("s")], &s) }
    #expect(Focus.of(s.top, in: s).sort?.column == nil)  // back to the name, A–Z
    #expect(selectedName(s) == "Amt 10 – Hauptamt (Organisation und IT)")
  }

  @Test func tabAndNumbersSwitchDashboards() {
    var s = Sample.state()
    Sample.press([.enter], &s)
    Sample.press([.tab], &s)
    #expect(s.stack == [Frame(.dashboard(2))])
    Sample.press([.backTab, .backTab, .backTab], &s)
    #expect(s.tabIndex == 4)
    Sample.press([.char("3")], &s)
    #expect(s.tabIndex == 2)
    Sample.press([.char("9")], &s)  // no ninth dashboard
    #expect(s.tabIndex == 2)
  }

  @Test func enterOnARiskOpensTheProject() {
    var s = Sample.state()
    Sample.press([.char("5")], &s)
    let first = Focus.of(s.top, in: s).rows.first
    guard case .project(let o, let p)? = first else {
      Issue.record("expected projects")
      return
    }
    #expect(s.report.offices[o].projects[p].project?.rag == .red)
    Sample.press([.enter], &s)
    #expect(s.top.screen == .project(s.report.data.offices[o].projects[p].id))
  }

  @Test func helpDiagnosticsQuitAndReload() {
    var s = Sample.state()
    Sample.press([.char("?")], &s)
    #expect(s.top.screen == .help)
    Sample.press([.char("?")], &s)
    #expect(s.stack.count == 2)
    Sample.press([.escape, .char("d")], &s)
    #expect(s.top.screen == .diagnostics)
    // One heading (the Standesamt) and its one warning.
    #expect(Focus.of(s.top, in: s).rows.count == 2)
    #expect(Focus.of(s.top, in: s).rows.first == .heading("Amt 34 – Standesamt"))
    #expect(reduce(&s, .key(.char("r"))) == .reload)
    #expect(reduce(&s, .key(.char("q"))) == .quit)
    #expect(reduce(&s, .key(.interrupt)) == .quit)
  }

  @Test func aReloadKeepsTheSelectedRowByIdentity() {
    var s = Sample.state()
    Sample.press([.down, .down, .down, .enter, .down, .down], &s)
    let selected = selectedName(s)
    #expect(s.top.screen == .office("buergeramt"))
    // The same data with the offices in a different order (as if one was added before it).
    var data = s.report.data
    data.offices.reverse()
    let report = Aggregator(data).report(asOf: Sample.asOf)
    var load = s.load
    load.dataSet = data
    reduce(&s, .reloaded(load, report, tabs: s.tabs, loadedAt: "09:20", notice: "geändert: offices/x"))
    #expect(s.stack.count == 2)
    #expect(selectedName(s) == selected)
    // The first frame found Amt 33 again too.
    #expect(Rows.name(Focus.of(s.stack[0], in: s).rows[s.stack[0].selection], state: s) == "Amt 33 – Bürgeramt")
    #expect(s.notice == "geändert: offices/x")
    #expect(s.loadedAt == "09:20")
  }

  @Test func aReloadWithoutTheOpenOfficeGoesBackToWhatExists() {
    var s = Sample.state()
    Sample.press([.enter], &s)
    var data = s.report.data
    data.offices.removeAll { $0.id == "auslaenderbehoerde" }
    let report = Aggregator(data).report(asOf: Sample.asOf)
    var load = s.load
    load.dataSet = data
    reduce(&s, .reloaded(load, report, tabs: s.tabs, loadedAt: "09:21", notice: ""))
    #expect(s.stack.count == 1)
  }

  @Test func resizeClampsAndTinyWindowsSaySo() {
    var s = Sample.state()
    reduce(&s, .resized(width: 30, height: 8))
    let text = Renderer.render(s).description
    #expect(text.contains("Fenster zu klein"))
    #expect(text.contains("30×8"))
    reduce(&s, .resized(width: 120, height: 40))
    #expect(!Renderer.render(s).description.contains("Fenster zu klein"))
  }

  @Test func aReloadFindsTheTabByItsFileAndNeverLosesTheFirstFrame() {
    var s = Sample.state()
    Sample.press([.char("5"), .enter], &s)  // risks › a project
    #expect(s.stack.count == 2)
    // briefing.yaml, overview.yaml and ozg.yaml are gone: risks is now the second tab.
    let tabs = Array(s.tabs[3...])
    reduce(&s, .reloaded(s.load, s.report, tabs: tabs, loadedAt: "09:30", notice: ""))
    #expect(s.stack[0].screen == .dashboard(1))
    #expect(s.stack.count == 2)
    Sample.press([.escape], &s)
    #expect(s.stack.count == 1)
    // And when the tab itself is gone, the nearest one is shown.
    reduce(&s, .reloaded(s.load, s.report, tabs: [tabs[0]], loadedAt: "09:31", notice: ""))
    #expect(s.stack == [Frame(.dashboard(0))])
  }

  @Test func helpShowsTheKeysOfTheScreenBelowIt() {
    var s = Sample.state()
    Sample.press([.char("4"), .enter, .char("?")], &s)  // a KPI's weekly series: nothing to open or sort
    var lines = Focus.of(s.top, in: s).rows.map { Rows.name($0, state: s) }
    #expect(!lines.contains { $0.hasPrefix("Enter") })
    #expect(!lines.contains { $0.hasPrefix("< > s S") })
    Sample.press([.escape, .escape, .char("2"), .char("?")], &s)
    lines = Focus.of(s.top, in: s).rows.map { Rows.name($0, state: s) }
    #expect(lines.contains { $0.hasPrefix("Enter") })
    #expect(lines.contains { $0.hasPrefix("< > s S") })
  }

  @Test func arrowsMoveWhileTypingAFilterAndLeftRightDoNothing() {
    var s = Sample.state()
    Sample.press([.char("/"), .char("a"), .char("m"), .char("t"), .down, .down], &s)
    #expect(s.top.selection == 2)
    Sample.press([.left, .right], &s)
    #expect(s.top.filter == "amt")
    #expect(s.editingFilter)
    Sample.press([.enter, .down], &s)
    #expect(s.top.selection == 3)
  }

  @Test func leftAndRightGoBackAndOpen() {
    var s = Sample.state()
    Sample.press([.right], &s)
    #expect(s.stack.count == 2)
    Sample.press([.left], &s)
    #expect(s.stack.count == 1)
  }

  @Test func theFooterOffersOnlyKeysThatDoSomething() {
    var s = Sample.state()
    #expect(KeyMap.footer(for: s).contains("Enter"))
    Sample.press([.char("4")], &s)
    #expect(KeyMap.footer(for: s).contains("Enter"))  // a KPI opens its weekly series
    #expect(!KeyMap.footer(for: s).contains("s sortieren"))
    Sample.press([.enter], &s)
    #expect(!KeyMap.footer(for: s).contains("Enter"))
    #expect(!KeyMap.footer(for: s).contains("s sortieren"))
  }

  @Test func anActiveFilterShowsInTheFooterAt80Columns() {
    var s = Sample.state(width: 80, height: 24)
    Sample.press([.char("/"), .char("b"), .char("u"), .enter], &s)
    let footer = Renderer.render(s).lines.last!
    #expect(footer.contains("Filter: bu"))
    #expect(footer.contains("1/1"))
  }

  @Test func filteringFoldsUmlautsButNoOtherLetters() {
    #expect(Rows.contains("Amt für Ämter", Rows.folded("ÄMTER")))
    #expect(Rows.contains("ÖFFENTLICH", Rows.folded("öff")))
    #expect(!Rows.contains("Gdańsk", Rows.folded("gdaŤsk")))  // ń is 0xC5 0x84: not folded to ť
  }

  @Test func inAShortWindowTheTilesGiveWayToTheTable() {
    var s = Sample.state(width: 40, height: 10)
    #expect(TableWidget.visibleRows(in: Renderer.focusRect(s)!) >= 3)
    #expect(Renderer.render(s).description.contains("Amt 31"))
    Sample.press([.down, .down, .down], &s)
    #expect(Renderer.render(s).description.contains("Amt 33"))
  }

  @Test func eachTabKeepsItsSelectionSortAndFilter() {
    var s = Sample.state()
    Sample.press([.down, .down, .char("s")], &s)
    let overview = s.stack[0]
    Sample.press([.tab, .down], &s)
    #expect(s.top.selection == 1)
    Sample.press([.backTab], &s)
    #expect(s.stack == [overview])
    Sample.press([.char("3")], &s)
    #expect(s.top.selection == 1)
  }
}
