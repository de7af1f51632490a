import DigITCore
import DigITFeeds
import DigITMetrics
import Foundation
import Testing

@testable import DigITDashboard

/// The catalog and offices of the sample city, and the shipped dashboard folder.
private enum LoaderFixture {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let dashboards = packageRoot.appendingPathComponent("Dashboards").path
  static let dataSet: DataSet = {
    let asOf = Day(year: 2026, month: 11, day: 23)!
    return try! FeedLoader(root: packageRoot.appendingPathComponent("Sample-Data").path, asOf: asOf).load().dataSet
  }()
  static let catalog = MetricCatalog.standard(for: dataSet.city)
  static let offices = dataSet.offices.map(\.id)
}

/// Reading `Dashboards/*.yaml`: the shipped files, and every kind of mistake with its line and a hint.
@Suite struct DashboardLoaderTests {
  private func parse(_ yaml: String) -> DashboardTab {
    DashboardLoader.parse(yaml, file: "test.yaml", catalog: LoaderFixture.catalog, offices: LoaderFixture.offices)
  }

  private func load(_ folder: String) -> [DashboardTab] {
    DashboardLoader.load(folder: folder, catalog: LoaderFixture.catalog, offices: LoaderFixture.offices)
  }

  private func errors(_ tab: DashboardTab) -> [Diagnostic] { tab.diagnostics.filter { $0.severity == .error } }

  /// A dashboard with one row holding the given panel (its lines indented as the first list item of `panels:`).
  private func onePanel(_ panel: String) -> String {
    "title: Test\nrows:\n  - panels:\n" + panel.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
      + "\n"
  }

  /// A temporary folder with these files, removed after `body`.
  private func withFolder(_ files: [String: String], _ body: (String) throws -> Void) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("digit-dashboards-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
    try body(dir.path)
  }

  // MARK: - The shipped files

  @Test func theShippedDashboardsLoadWithoutDiagnostics() {
    let tabs = load(LoaderFixture.dashboards)
    #expect(tabs.count == 5)
    for tab in tabs {
      #expect(tab.diagnostics == [], "\(tab.file)")
      #expect(tab.spec != nil, "\(tab.file)")
    }
  }

  @Test func theShippedDashboardsComeInTheirOrderNotInFileNameOrder() {
    let tabs = load(LoaderFixture.dashboards)
    #expect(tabs.map(\.file) == ["briefing.yaml", "overview.yaml", "ozg.yaml", "index.yaml", "risks.yaml"])
    #expect(tabs.map(\.order) == [1, 2, 3, 4, 5])
  }

  @Test func theOverviewSpecHasItsTilesAndItsSortedOfficeTable() throws {
    let tabs = load(LoaderFixture.dashboards)
    let spec = try #require(tabs.first { $0.file == "overview.yaml" }?.spec)
    #expect(spec.title == "Übersicht")
    #expect(spec.title(.en) == "Overview")
    #expect(spec.scope == .city)
    #expect(spec.rows.map(\.height) == [.fixed(4), .weight(2), .weight(1)])
    let ids = [
      "projects.open", "backlog.open", "backlog.closed_4w", "ozg.digital_share_12w", "ozg.services_online",
      "index.score",
    ]
    #expect(spec.rows[0].panels.map(\.kind) == [.tiles(ids)])
    guard case .table(let table) = spec.rows[1].panels[0].kind else {
      Issue.record("expected a table, found \(spec.rows[1].panels[0].kind)")
      return
    }
    #expect(table.rows == .offices)
    #expect(table.columns.count == 7)
    #expect(table.changes == ["backlog.open", "projects.red"])
    #expect(table.sort == "projects.red")
    #expect(table.descending)
  }

  @Test func theRisksListFiltersRedAndAmberProjects() throws {
    let tabs = load(LoaderFixture.dashboards)
    let spec = try #require(tabs.last?.spec)
    var expected = DashboardSpec.Filter()
    expected.rag = [.red, .amber]
    #expect(spec.rows[1].panels[0].kind == .list(DashboardSpec.ListSpec(rows: .projects, filter: expected)))
  }

  // MARK: - Metric ids

  @Test func anUnknownMetricIdIsAnErrorWithItsLineAndTheNearestId() {
    let tab = parse(onePanel("- kind: tiles\n  metrics:\n    - projects.active\n    - projects.actve"))
    #expect(tab.spec == nil)
    #expect(tab.diagnostics.count == 1)
    let d = tab.diagnostics.first
    #expect(d?.severity == .error)
    #expect(d?.file == "test.yaml")
    #expect(d?.line == 7)
    #expect(d?.column == "rows[1].panels[1].metrics")
    #expect(d?.message.contains("unknown metric id \"projects.actve\"") == true)
    #expect(d?.message.contains("(did you mean \"projects.active\"?)") == true)
  }

  @Test func anUnknownMetricIdFarFromAnyIdPointsToTheMetricsCommand() {
    let tab = parse(onePanel("- kind: tiles\n  metrics: [zzzzzzzzzz]"))
    #expect(tab.spec == nil)
    #expect(errors(tab).first?.message.contains("did you mean") == false)
    #expect(errors(tab).first?.message.hasSuffix("`digit metrics` lists them all") == true)
  }

  @Test func anUnknownTableColumnIsAnErrorWithTheNearestId() {
    let tab = parse(onePanel("- kind: table\n  rows: offices\n  columns: [projects.red, backlog.opn]"))
    #expect(tab.spec == nil)
    #expect(errors(tab).map(\.line) == [6])
    #expect(errors(tab).first?.message.contains("(did you mean \"backlog.open\"?)") == true)
  }

  @Test func aSeriesMetricInTilesIsAnError() {
    let tab = parse(onePanel("- kind: tiles\n  metrics: [ozg.pending, ozg.online_weekly]"))
    #expect(tab.spec == nil)
    #expect(errors(tab).count == 1)
    #expect(errors(tab).first?.line == 5)
    #expect(errors(tab).first?.message == "ozg.online_weekly is a series, not a single value")
  }

  @Test func aScalarAsChartMetricIsAnError() {
    let tab = parse(onePanel("- kind: chart\n  metric: ozg.pending"))
    #expect(tab.spec == nil)
    #expect(errors(tab).first?.line == 5)
    #expect(errors(tab).first?.column == "rows[1].panels[1].metric")
    #expect(errors(tab).first?.message == "ozg.pending is not a weekly series (the *_weekly metrics are)")
  }

  @Test func aChartOfAWeeklySeriesLoadsWithBarsByDefault() throws {
    let tab = parse(onePanel("- kind: chart\n  metric: ozg.online_weekly"))
    let spec = try #require(tab.spec)
    #expect(spec.rows[0].panels[0].kind == .chart(DashboardSpec.ChartSpec(metric: "ozg.online_weekly", style: .bars)))
  }

  @Test func anUnknownChartStyleIsAnError() {
    let tab = parse(onePanel("- kind: chart\n  metric: ozg.online_weekly\n  style: pie"))
    #expect(tab.spec == nil)
    #expect(errors(tab).first?.line == 6)
    #expect(errors(tab).first?.message == "\"pie\" is not sparkline, bars or line (did you mean \"line\"?)")
  }

  // MARK: - Panels and rows

  @Test func anUnknownPanelKindIsAnErrorWithTheNearestKind() {
    let tab = parse(onePanel("- kind: tabel\n  rows: offices"))
    #expect(tab.spec == nil)
    #expect(errors(tab).count == 1)
    #expect(errors(tab).first?.line == 4)
    #expect(errors(tab).first?.column == "rows[1].panels[1].kind")
    let message =
      "\"tabel\" is not a panel kind (tiles, table, chart, list, text, briefing, heatmap) (did you mean \"table\"?)"
    #expect(errors(tab).first?.message == message)
  }

  @Test func aPanelWithoutKindIsAnError() {
    let tab = parse(onePanel("- title: Ohne Art"))
    #expect(tab.spec == nil)
    #expect(errors(tab).first?.column == "rows[1].panels[1].kind")
    #expect(errors(tab).first?.message == "is missing")
  }

  @Test func anUnknownRowsValueIsAnErrorWithTheNearestValue() {
    let tab = parse(onePanel("- kind: table\n  rows: ofices"))
    #expect(tab.spec == nil)
    #expect(errors(tab).count == 1)
    #expect(errors(tab).first?.line == 5)
    #expect(errors(tab).first?.column == "rows[1].panels[1].rows")
    let message = "\"ofices\" is not one of offices, projects, services, kpis, index, milestones"
    #expect(errors(tab).first?.message.hasPrefix(message) == true)
    #expect(errors(tab).first?.message.hasSuffix("(did you mean \"offices\"?)") == true)
  }

  @Test func aListWithoutRowsIsAnError() {
    let tab = parse(onePanel("- kind: list"))
    #expect(tab.spec == nil)
    #expect(errors(tab).first?.column == "rows[1].panels[1].rows")
    #expect(errors(tab).first?.message == "is missing")
  }

  @Test func aDashboardWithoutRowsIsAnError() {
    let tab = parse("title: Leer\n")
    #expect(tab.spec == nil)
    #expect(errors(tab).map(\.message) == ["a dashboard needs at least one row of panels"])
  }

  @Test func rowsThatAreNotAListAreAnError() {
    let tab = parse("title: Test\nrows: offices\n")
    #expect(tab.spec == nil)
    #expect(errors(tab).contains { $0.line == 2 && $0.column == "rows" && $0.message.hasPrefix("expected a list") })
  }

  @Test func aRowHeightAndWeightBecomeExtents() throws {
    let yaml = """
      title: T
      rows:
        - height: 3
          panels: [{kind: text, text: a}]
        - weight: 2
          panels: [{kind: text, text: b}]
      """
    let spec = try #require(parse(yaml).spec)
    #expect(spec.rows.map(\.height) == [.fixed(3), .weight(2)])
  }

  @Test func aRowHeightOutOfRangeIsAnError() {
    let tab = parse("title: T\nrows:\n  - height: 0\n    panels: [{kind: text, text: a}]\n")
    #expect(tab.spec == nil)
    #expect(errors(tab).first?.line == 3)
    #expect(errors(tab).first?.column == "rows[1].height")
  }

  // MARK: - Sort

  @Test func aSortNotAmongTheColumnsIsAnError() {
    let tab = parse(onePanel("- kind: table\n  rows: offices\n  columns: [projects.red]\n  sort: backlog.open"))
    #expect(tab.spec == nil)
    #expect(errors(tab).count == 1)
    #expect(errors(tab).first?.line == 7)
    #expect(errors(tab).first?.message == "sort must be name or one of the columns, found \"backlog.open\"")
  }

  @Test func sortByNameNeedsNoColumn() throws {
    let tab = parse(
      onePanel("- kind: table\n  rows: offices\n  columns: [projects.red]\n  sort: name\n  descending: yes"))
    let spec = try #require(tab.spec)
    guard case .table(let t) = spec.rows[0].panels[0].kind else {
      Issue.record("expected a table")
      return
    }
    #expect(t.sort == "name")
    #expect(t.descending)
  }

  // MARK: - Unknown keys

  @Test func anUnknownTopLevelKeyIsAWarningWithTheNearestKeyAndTheSpecStillLoads() {
    let tab = parse("title: Test\noder: 2\nrows:\n  - panels: [{kind: text, text: a}]\n")
    #expect(tab.spec != nil)
    #expect(tab.diagnostics.count == 1)
    let d = tab.diagnostics.first
    #expect(d?.severity == .warning)
    #expect(d?.line == 2)
    #expect(d?.column == "oder")
    #expect(d?.message == "unknown key \"oder\" is ignored (did you mean \"order\"?)")
  }

  @Test func anUnknownPanelKeyIsAWarningWithItsPath() {
    let tab = parse(onePanel("- kind: table\n  rows: offices\n  columns: [projects.red]\n  descendng: true"))
    #expect(tab.spec != nil)
    #expect(tab.diagnostics.map(\.severity) == [.warning])
    #expect(tab.diagnostics.first?.line == 7)
    #expect(tab.diagnostics.first?.column == "rows[1].panels[1].descendng")
    #expect(tab.diagnostics.first?.message.hasSuffix("(did you mean \"descending\"?)") == true)
  }

  @Test func anUnknownFilterKeyIsAWarningWithItsPath() {
    let tab = parse(onePanel("- kind: table\n  rows: milestones\n  filter:\n    overdu: true"))
    #expect(tab.spec != nil)
    #expect(tab.diagnostics.map(\.severity) == [.warning])
    #expect(tab.diagnostics.first?.column == "rows[1].panels[1].filter.overdu")
    #expect(tab.diagnostics.first?.message.hasSuffix("(did you mean \"overdue\"?)") == true)
  }

  @Test func anUnknownKeyFarFromAnyKeyIsAWarningWithoutAHint() {
    let tab = parse("title: Test\nfarbschema: dunkel\nrows:\n  - panels: [{kind: text, text: a}]\n")
    #expect(tab.spec != nil)
    #expect(tab.diagnostics.map(\.message) == ["unknown key \"farbschema\" is ignored"])
  }

  // MARK: - YAML syntax and empty files

  @Test func aYAMLSyntaxErrorIsAnErrorWithItsLine() {
    let tab = parse("title: Test\norder: 1\n  scope: city\nrows: []\n")
    #expect(tab.spec == nil)
    #expect(tab.diagnostics.count == 1)
    #expect(tab.diagnostics.first?.severity == .error)
    #expect(tab.diagnostics.first?.line == 3)
    #expect(tab.diagnostics.first?.message.hasPrefix("YAML syntax error: ") == true)
  }

  @Test func anUnclosedQuoteNamesTheLineWhereItOpens() {
    let tab = parse("title: \"Test\nrows:\n  - panels: []\n")
    #expect(tab.spec == nil)
    #expect(tab.diagnostics.first?.message.hasSuffix("a quoted value opened in line 1 is not closed") == true)
  }

  @Test func anEmptyFileIsAnError() {
    let tab = parse("")
    #expect(tab.spec == nil)
    #expect(tab.isBroken)
    #expect(tab.diagnostics.map(\.message) == ["the file is empty"])
    #expect(tab.diagnostics.first?.file == "test.yaml")
  }

  @Test func aFileOfCommentsOnlyIsEmpty() {
    let tab = parse("# nothing here yet\n\n")
    #expect(tab.spec == nil)
    #expect(tab.diagnostics.map(\.message) == ["the file is empty"])
  }

  @Test func aFileThatIsNotAMappingIsAnError() {
    let tab = parse("- kind: tiles\n")
    #expect(tab.spec == nil)
    #expect(tab.diagnostics.first?.message.hasPrefix("expected a mapping of keys") == true)
  }

  @Test func aMissingTitleIsAnError() {
    let tab = parse("rows:\n  - panels: [{kind: text, text: a}]\n")
    #expect(tab.spec == nil)
    #expect(errors(tab).map(\.column) == ["title"])
  }

  // MARK: - Scope

  @Test func anUnknownOfficeScopeIsAnErrorWithItsLine() {
    let tab = parse("title: Test\nscope: {office: nope}\nrows:\n  - panels: [{kind: text, text: a}]\n")
    #expect(tab.spec == nil)
    #expect(errors(tab).count == 1)
    #expect(errors(tab).first?.line == 2)
    #expect(errors(tab).first?.column == "scope.office")
    #expect(errors(tab).first?.message.hasPrefix("there is no office \"nope\"") == true)
  }

  @Test func aMisspeltOfficeScopeNamesTheNearestOffice() {
    #expect(LoaderFixture.offices.contains("buergeramt"))
    let tab = parse("title: Test\nscope:\n  office: buergeramtt\nrows:\n  - panels: [{kind: text, text: a}]\n")
    #expect(tab.spec == nil)
    #expect(errors(tab).first?.line == 3)
    #expect(errors(tab).first?.message == "there is no office \"buergeramtt\" (did you mean \"buergeramt\"?)")
  }

  @Test func aKnownOfficeScopeLoads() {
    let tab = parse("title: Test\nscope: {office: buergeramt}\nrows:\n  - panels: [{kind: text, text: a}]\n")
    #expect(tab.spec?.scope == .office("buergeramt"))
    #expect(tab.diagnostics == [])
  }

  @Test func aCategoryScopeLoads() {
    let tab = parse("title: Test\nscope: {category: ozg}\nrows:\n  - panels: [{kind: text, text: a}]\n")
    #expect(tab.spec?.scope == .category("ozg"))
    #expect(tab.diagnostics == [])
  }

  @Test func aScopeWordOtherThanCityIsAnError() {
    let tab = parse("title: Test\nscope: stadt\nrows:\n  - panels: [{kind: text, text: a}]\n")
    #expect(tab.spec == nil)
    #expect(errors(tab).first?.line == 2)
    #expect(errors(tab).first?.message == "expected city, office: <id> or category: <word>, found \"stadt\"")
  }

  @Test func anUnknownScopeKeyIsAWarning() {
    let tab = parse("title: Test\nscope: {category: ozg, ofice: x}\nrows:\n  - panels: [{kind: text, text: a}]\n")
    #expect(tab.spec?.scope == .category("ozg"))
    #expect(tab.diagnostics.map(\.severity) == [.warning])
    #expect(tab.diagnostics.first?.message.hasSuffix("(did you mean \"office\"?)") == true)
  }

  // MARK: - Filters

  @Test func filterRagValuesBecomeStatuses() throws {
    let tab = parse(onePanel("- kind: list\n  rows: projects\n  filter:\n    rag: [red, amber]\n    category: ozg"))
    let spec = try #require(tab.spec)
    var expected = DashboardSpec.Filter()
    expected.rag = [.red, .amber]
    expected.category = "ozg"
    #expect(spec.rows[0].panels[0].kind == .list(DashboardSpec.ListSpec(rows: .projects, filter: expected)))
  }

  @Test func aSingleFilterRagValueCountsAsAListOfOne() throws {
    let tab = parse(onePanel("- kind: list\n  rows: projects\n  filter:\n    rag: green"))
    let spec = try #require(tab.spec)
    guard case .list(let list) = spec.rows[0].panels[0].kind else {
      Issue.record("expected a list")
      return
    }
    #expect(list.filter.rag == [.green])
  }

  @Test func anUnknownFilterRagValueIsAnErrorWithItsLine() {
    let tab = parse(onePanel("- kind: list\n  rows: projects\n  filter:\n    rag:\n      - red\n      - rot"))
    #expect(tab.spec == nil)
    #expect(errors(tab).count == 1)
    #expect(errors(tab).first?.line == 9)
    #expect(errors(tab).first?.column == "rows[1].panels[1].filter.rag")
    #expect(errors(tab).first?.message == "\"rot\" is not green, amber or red (did you mean \"red\"?)")
  }

  @Test func overdueFilterIsABoolean() throws {
    let tab = parse(onePanel("- kind: table\n  rows: milestones\n  filter: {overdue: ja}"))
    let spec = try #require(tab.spec)
    guard case .table(let t) = spec.rows[0].panels[0].kind else {
      Issue.record("expected a table")
      return
    }
    #expect(t.filter.overdue)
  }

  // MARK: - Folders

  @Test func aFolderWithABrokenAndAGoodFileReturnsBoth() throws {
    let good = "title: Gut\norder: 1\nrows:\n  - panels: [{kind: text, text: a}]\n"
    let broken = "title: Kaputt\nrows:\n  - panels: [{kind: tabel}]\n"
    try withFolder(["b-good.yaml": good, "a-broken.yaml": broken, "notes.txt": "not a dashboard"]) { folder in
      let tabs = load(folder)
      #expect(tabs.map(\.file) == ["b-good.yaml", "a-broken.yaml"])
      #expect(tabs.first?.spec?.title == "Gut")
      #expect(tabs.first?.diagnostics == [])
      #expect(tabs.last?.spec == nil)
      #expect(tabs.last?.diagnostics.first?.file == "a-broken.yaml")
      #expect(tabs.last?.diagnostics.first?.line == 3)
    }
  }

  @Test func aBrokenFileKeepsTheOrderItCouldRead() throws {
    let good = "title: Gut\norder: 2\nrows:\n  - panels: [{kind: text, text: a}]\n"
    let broken = "title: Kaputt\norder: 1\nrows:\n  - panels: [{kind: tabel}]\n"
    try withFolder(["good.yaml": good, "zz-broken.yml": broken]) { folder in
      let tabs = load(folder)
      #expect(tabs.map(\.file) == ["zz-broken.yml", "good.yaml"])
      #expect(tabs.map(\.isBroken) == [true, false])
    }
  }

  @Test func filesWithoutOrderComeInFileNameOrder() throws {
    let text = "title: T\nrows:\n  - panels: [{kind: text, text: a}]\n"
    try withFolder(["c.yaml": text, "a.yaml": text, "b.yml": text]) { folder in
      let tabs = load(folder)
      #expect(tabs.map(\.file) == ["a.yaml", "b.yml", "c.yaml"])
    }
  }

  @Test func aMissingFolderGivesNoTabs() {
    let tabs = load("/nonexistent/digit-dashboards-\(UUID().uuidString)")
    #expect(tabs == [])
  }
}

/// `kind: briefing`: the sections it names, and a wrong name with the nearest valid one.
@Suite struct BriefingPanelLoaderTests {
  func parse(_ text: String) -> DashboardTab {
    DashboardLoader.parse(text, file: "b.yaml", catalog: MetricCatalog.standard(for: City(name: "")), offices: [])
  }

  @Test func aBriefingPanelWithItsSections() throws {
    let tab = parse(
      """
      title: Lage
      rows:
        - panels:
            - kind: briefing
              sections: [newly_red, movers_pending]

      """)
    let spec = try #require(tab.spec)
    #expect(
      spec.rows[0].panels[0].kind == .briefing(DashboardSpec.BriefingSpec(sections: [.newlyRed, .moversPending])))
  }

  @Test func anUnknownSectionIsAnErrorWithTheNearestName() {
    let tab = parse(
      """
      title: Lage
      rows:
        - panels:
            - kind: briefing
              sections: [newly_redd]

      """)
    #expect(tab.isBroken)
    #expect(tab.diagnostics.map(\.description).joined().contains(#"(did you mean "newly_red"?)"#))
  }
}

/// `changes:` in a table: Δ columns against the week before, arrows coloured by the metric's polarity.
@Suite struct ChangeColumnTests {
  @Test func theOverviewShowsTheChangeOfOpenBacklogAndRedProjects() throws {
    let s = Sample.state()
    guard case .table(let table)? = s.tabs[s.tabIndex].spec?.rows[1].panels[0].kind else {
      Issue.record("no table")
      return
    }
    #expect(table.changes == ["backlog.open", "projects.red"])
    let screen = Renderer.render(s)
    let header = try #require(screen.lines.first { $0.contains("Erledigt je Woche") })
    #expect(header.contains("ΔBac") && header.contains("Δ●"))
    // Amt 50's open backlog rose by 3 (bad news: red), Amt 32's fell by 3 (good news: green).
    let up = try #require(screen.lines.firstIndex { $0.contains("Amt 50") })
    let down = try #require(screen.lines.firstIndex { $0.contains("Amt 32") })
    #expect(screen.lines[up].contains("▲ 3"))
    #expect(screen.lines[down].contains("▼ 3"))
    let x = try #require(screen.lines[up].firstRange(of: "▲ 3")).lowerBound
    let column = screen.lines[up].distance(from: screen.lines[up].startIndex, to: x)
    #expect(screen.cells[up * screen.width + column].style.role == .red)
    let y = try #require(screen.lines[down].firstRange(of: "▼ 3")).lowerBound
    let column2 = screen.lines[down].distance(from: screen.lines[down].startIndex, to: y)
    #expect(screen.cells[down * screen.width + column2].style.role == .green)
  }
}
