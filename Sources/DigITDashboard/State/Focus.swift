import DigITCore
import DigITFeeds
import DigITMetrics

/// The selectable list of a frame: on a dashboard its first table or list, on an office its projects, on
/// a project its open items, on the diagnostics screen every problem, on the help screen every key, on
/// the Snapshots screen every stored week.
public struct Focus: Sendable {
  public var rows: [RowItem]
  /// The columns `s` cycles through: `nil` is the name, else a metric id.
  public var sortColumns: [String?]
  /// The sort in effect (column, descending), or nil for the natural order.
  public var sort: (column: String?, descending: Bool)?

  /// The office screen's project columns.
  public static let officeProjectColumns = [
    "project.rag", "project.due", "project.progress", "project.forecast_p50", "project.forecast_p85",
    "project.budget_used",
  ]

  /// The focus of a frame (memoised per frame, sort, filter and data generation).
  public static func of(_ frame: Frame, in state: AppState) -> Focus {
    // Help depends on the screen below it, the snapshots on the last listing: not worth caching (a few lines).
    if frame.screen == .help || frame.screen == .snapshots { return compute(frame, in: state) }
    let key = FocusCache.Key(
      screen: frame.screen, panel: frame.panel, filter: frame.filter, sortColumn: frame.sortColumn,
      descending: frame.descending,
      generation: state.generation)
    return state.focusCache.focus(key) {
      // Typing one more character narrows the rows of the shorter filter, which are already sorted.
      if frame.screen == .search { return compute(frame, in: state) }  // the search index narrows itself
      if !frame.filter.isEmpty && frame.screen != .diagnostics {
        var shorter = key
        shorter.filter.removeLast()
        if let base = state.focusCache.cached(shorter) {
          var f = base
          f.rows = Rows.filtered(base.rows, by: frame.filter, state: state)
          return f
        }
      }
      return compute(frame, in: state)
    }
  }

  static func compute(_ frame: Frame, in state: AppState) -> Focus {
    let data = state.report.data
    func apply(_ rows: [RowItem], columns: [String?], defaultSort: (String?, Bool)?) -> Focus {
      let filtered = Rows.filtered(rows, by: frame.filter, state: state)
      var sort = defaultSort.map { (column: $0.0, descending: $0.1) }
      if let c = frame.sortColumn, c < columns.count { sort = (columns[c], frame.descending) }
      let sorted =
        sort.map { Rows.sorted(filtered, by: $0.column, descending: $0.descending, state: state) } ?? filtered
      return Focus(rows: sorted, sortColumns: columns, sort: sort)
    }
    switch frame.screen {
    case .dashboard(let i):
      guard i < state.tabs.count else { return Focus(rows: [], sortColumns: [], sort: nil) }
      guard let spec = state.tabs[i].spec else {
        return Focus(
          rows: state.tabs[i].diagnostics.map { .line($0.description(state.language)) }, sortColumns: [], sort: nil)
      }
      let panels = focusablePanels(spec)
      guard !panels.isEmpty else { return Focus(rows: [], sortColumns: [], sort: nil) }
      switch panels[min(frame.panel, panels.count - 1)].kind {
      case .table(let t):
        let rows = Rows.rows(t.rows, filter: t.filter, scope: spec.scope, state: state)
        let sortable = [.offices, .projects, .services].contains(t.rows)
        let columns: [String?] = sortable ? [nil] + t.columns.map { Optional($0) } : []
        return apply(rows, columns: columns, defaultSort: t.sort.map { ($0 == "name" ? nil : $0, t.descending) })
      case .briefing(let b):
        return apply(BriefingRows.rows(b, state: state), columns: [], defaultSort: nil)
      case .list(let l):
        let rows = Rows.rows(l.rows, filter: l.filter, scope: spec.scope, state: state)
        // Most urgent first: red before amber, then by due day.
        let defaultSort: (String?, Bool)? = l.rows == .projects ? ("project.rag", true) : nil
        return apply(
          rows, columns: l.rows == .projects ? [nil, "project.rag", "project.due"] : [], defaultSort: defaultSort)
      default: break
      }
      return Focus(rows: [], sortColumns: [], sort: nil)
    case .office(let id):
      guard let o = data.offices.firstIndex(where: { $0.id == id }) else {
        return Focus(rows: [], sortColumns: [], sort: nil)
      }
      switch frame.panel {
      case 1:
        return apply(data.offices[o].services.indices.map { .service(o, $0) }, columns: [], defaultSort: nil)
      case 2:
        return apply(officeKPIs(o, state).map { .kpi($0) }, columns: [], defaultSort: nil)
      default:
        let rows = data.offices[o].projects.indices.map { RowItem.project(o, $0) }
        return apply(rows, columns: [nil] + officeProjectColumns.map { Optional($0) }, defaultSort: nil)
      }
    case .project(let id):
      guard let (o, p) = locate(project: id, in: data) else { return Focus(rows: [], sortColumns: [], sort: nil) }
      let asOf = state.report.asOf
      let office = data.offices[o]
      let open = office.backlog.indices.filter { i in
        let item = office.backlog[i]
        return Int(item.project) == p && item.created <= asOf && !(item.closed.map { $0 <= asOf } ?? false)
      }.sorted { (office.backlog[$0].created, $0) < (office.backlog[$1].created, $1) }
      return apply(open.map { .item(o, $0) }, columns: [], defaultSort: nil)
    case .diagnostics:
      // Grouped by office (the loader lists the city's files first, then the offices by id).
      let filtered = Rows.filtered(
        state.load.diagnostics.indices.map { .diagnostic($0) }, by: frame.filter, state: state)
      var rows: [RowItem] = []
      var current: String?? = .none
      for row in filtered {
        guard case .diagnostic(let i) = row else { continue }
        let office = state.load.diagnostics[i].office
        if current != .some(office) {
          current = .some(office)
          let name = office.flatMap { id in data.offices.first { $0.id == id }?.displayName } ?? office
          rows.append(.heading(name ?? Words.cityFiles(state.language)))
        }
        rows.append(row)
      }
      return Focus(rows: rows, sortColumns: [], sort: nil)
    case .help:
      // The keys of the screen below, then what the signs and abbreviations mean.
      let l = state.language
      let legend: [Words] = [
        .legendRAG, .legendArrows, .legendSort, .legendPercentiles, .legendPoints, .legendWeek, .legendMissing,
        .legendMore,
      ]
      // Lines wider than the box wrap under their text (the keys' texts at 24, the legend's at 2): no
      // word is cut.
      let width = max(20, state.width - 2)
      func wrapped(_ text: String, indent: Int) -> [RowItem] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
          if !line.isEmpty && ScreenBuffer.displayWidth(line) + 1 + ScreenBuffer.displayWidth(word) > width
            && line.count > indent
          {
            lines.append(line)
            line = String(repeating: " ", count: indent)
            if word.isEmpty { continue }
            line += word
          } else {
            line += (line.isEmpty && lines.isEmpty ? "" : " ") + word
          }
        }
        lines.append(line)
        return lines.map { .line($0) }
      }
      let rows: [RowItem] =
        KeyMap.helpLines(for: state).flatMap { wrapped($0, indent: 24) } + [.line(""), .heading(Words.legend(l))]
        + legend.flatMap { wrapped($0(l), indent: 2) }
      return Focus(rows: rows, sortColumns: [], sort: nil)
    case .deliveries:
      let rows = data.offices.indices.flatMap { o in DeliveryFiles.names.indices.map { RowItem.feed(o, $0) } }
      return Focus(rows: Rows.filtered(rows, by: frame.filter, state: state), sortColumns: [], sort: nil)
    case .snapshots:
      return Focus(
        rows: Rows.filtered(state.snapshots.indices.map { .storedWeek($0) }, by: frame.filter, state: state),
        sortColumns: [], sort: nil)
    case .search:
      return Focus(rows: Search.results(frame.filter, in: state), sortColumns: [], sort: nil)
    case .comparison:
      return Focus(rows: ComparisonScreen.rows(state), sortColumns: [], sort: nil)
    case .kpi:
      return Focus(rows: [], sortColumns: [], sort: nil)
    case .service(let id):
      // The service in every office that offers it (by its id), sortable by each figure.
      let rows = data.offices.indices.flatMap { o in
        data.offices[o].services.indices.filter { data.offices[o].services[$0].id == id }.map { RowItem.service(o, $0) }
      }
      let columns = [nil] + serviceColumns.map { Optional($0) }
      let filtered = Rows.filtered(rows, by: frame.filter, state: state)
      guard let c = frame.sortColumn, c < columns.count else {
        return Focus(rows: filtered, sortColumns: columns, sort: nil)
      }
      let sorted = Rows.sorted(filtered, by: columns[c], descending: frame.descending, state: state)
      return Focus(rows: sorted, sortColumns: columns, sort: (columns[c], frame.descending))
    }
  }

  /// The tables and lists of a dashboard, in file order: the panels that can take the focus.
  /// The rows of a dashboard's table or list that does not have the focus: unfiltered, in its default
  /// order — the focus it would have, memoised alike (`nil` for other panels). Made again on every frame
  /// they took 3–5 ms on the large benchmark root's Risiken tab (50,000 milestones looked through twice).
  public static func rowsBeside(_ panel: DashboardSpec.Panel, in spec: DashboardSpec, tab: Int, state: AppState)
    -> [RowItem]?
  {
    guard tab < state.tabs.count, state.tabs[tab].spec == spec,
      let k = focusablePanels(spec).firstIndex(of: panel)
    else { return nil }
    switch panel.kind {
    case .table, .list:
      var frame = Frame(.dashboard(tab))
      frame.panel = k
      return of(frame, in: state).rows
    default: return nil
    }
  }

  public static func focusablePanels(_ spec: DashboardSpec) -> [DashboardSpec.Panel] {
    spec.rows.flatMap(\.panels).filter {
      switch $0.kind {
      case .table, .list, .briefing: true
      default: false
      }
    }
  }

  /// How many lists of a screen can take the focus.
  public static func panelCount(_ screen: Screen, in state: AppState) -> Int {
    switch screen {
    case .dashboard(let i): i < state.tabs.count ? state.tabs[i].spec.map { focusablePanels($0).count } ?? 1 : 1
    case .office: 3
    default: 1
    }
  }

  /// The KPIs an office reports (positions in `city.kpis`).
  static func officeKPIs(_ o: Int, _ state: AppState) -> [Int] {
    state.report.data.city.kpis.indices.filter { state.report.offices[o].facts.kpi($0) != nil }
  }
  /// The columns of a service across the offices (Enter on an OZG service).
  public static let serviceColumns = [
    "ozg.online_12w", "ozg.paper_12w", "ozg.digital_share_12w", "ozg.pending", "ozg.processing_days",
  ]

  /// Office and project position of a project id.
  public static func locate(project id: String, in data: DataSet) -> (Int, Int)? {
    for (o, office) in data.offices.enumerated() {
      if let p = office.projects.firstIndex(where: { $0.id == id }) { return (o, p) }
    }
    return nil
  }
}

extension Focus {
  /// Computes, into the state's cache, the rows every dashboard tab shows first and in every order `s`
  /// and `S` reach, so that switching tabs and sorting big tables costs no sorting, and the list the
  /// search looks through. The main loop runs it on a background thread after each load (the cache is
  /// shared by copies of the state and locked).
  public static func warm(_ state: AppState) {
    _ = Search.candidates(state)  // what the search looks through, ready for the first letter
    for i in state.tabs.indices {
      var frame = Frame(.dashboard(i))
      let first = Focus.of(frame, in: state)
      for c in first.sortColumns.indices {
        for descending in [true, false] {
          frame.sortColumn = c
          frame.descending = descending
          _ = Focus.of(frame, in: state)
        }
      }
    }
  }
}
