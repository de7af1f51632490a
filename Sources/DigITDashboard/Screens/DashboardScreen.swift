import DigITCore
import DigITFeeds
import DigITMetrics

/// A user-defined dashboard: its rows of panels laid out by their sizes. Panels of a row stack
/// vertically when the window is too narrow for them side by side; rows of tables and lists share the
/// height by their content (a row that needs fewer lines than its share gives them to the others). One
/// table or list has the focus (selection, sort, filter, Enter): the frame's ``Frame/panel``-th.
enum DashboardScreen {
  /// Panel rectangles in spec order.
  static func layout(_ spec: DashboardSpec, in body: Rect, state: AppState, frame: Frame, tab: Int)
    -> [(panel: DashboardSpec.Panel, rect: Rect)]
  {
    // Narrow windows: a row whose panels would be under 26 columns each becomes one row per panel.
    var rows: [(Extent, [DashboardSpec.Panel])] = []
    // Short windows: rows of tiles (or heatmaps) only give way, so that the table or list keeps its rows.
    let isTiles: (DashboardSpec.Row) -> Bool = {
      $0.panels.allSatisfy {
        switch $0.kind {
        case .tiles, .heatmap: true
        default: false
        }
      }
    }
    let isHeatmaps: (DashboardSpec.Row) -> Bool = {
      $0.panels.allSatisfy { if case .heatmap = $0.kind { true } else { false } }
    }
    var specRows =
      body.height < 14 && spec.rows.contains(where: { !isTiles($0) }) ? spec.rows.filter { !isTiles($0) } : spec.rows
    // Under 20 lines a heatmap would show a few offices at the table's cost: it gives way too.
    if body.height < 20 && specRows.contains(where: { !isHeatmaps($0) }) {
      specRows = specRows.filter { !isHeatmaps($0) }
    }
    for row in specRows {
      if row.panels.count > 1 && body.width / row.panels.count < 26
        && !row.panels.allSatisfy({ if case .tiles = $0.kind { true } else { false } })
      {
        for p in row.panels { rows.append((row.height, [p])) }
      } else {
        rows.append((row.height, row.panels))
      }
    }
    // The lines each row needs: a box, a header and its rows (charts and text take what they get).
    let focusable = Focus.focusablePanels(spec)
    let focused = focusable.isEmpty ? nil : focusable[min(frame.panel, focusable.count - 1)]
    let needs: [Int?] = rows.map { row in
      var most = 0
      for panel in row.1 {
        let count: Int
        switch panel.kind {
        case .table, .list:
          count =
            panel == focused
            ? Focus.of(frame, in: state).rows.count
            : (Focus.rowsBeside(panel, in: spec, tab: tab, state: state) ?? []).count
        case .tiles: continue
        default: return nil
        }
        // A box, a header, the rows, and the lines of the selected row's detail.
        most = max(most, max(1, count) + 3 + (panel == focused ? 2 : 0))
      }
      return most
    }
    var out: [(DashboardSpec.Panel, Rect)] = []
    var y = body.y
    for (h, row) in zip(heights(rows.map(\.0), needs: needs, total: body.height), rows) {
      let rect = Rect(x: body.x, y: y, width: body.width, height: h)
      y += h
      for (r, panel) in zip(Layout.columns(rect, row.1.map(\.width)), row.1) { out.append((panel, r)) }
    }
    return out
  }

  /// Row heights: fixed rows first, then the weighted rows by weight, but none taller than it needs; what
  /// such a row leaves goes to the others (when every row has all it needs, the rest to the first one).
  static func heights(_ extents: [Extent], needs: [Int?], total: Int) -> [Int] {
    let original = extents
    var extents = extents
    var capped = false
    while true {
      let sizes = Layout.sizes(extents, total: total)
      let over = extents.indices.filter { i in
        if case .weight = extents[i], let need = needs[i], sizes[i] > need { return true }
        return false
      }
      guard !over.isEmpty else { return sizes }
      for i in over { extents[i] = .fixed(needs[i]!) }
      capped = true
      if !extents.contains(where: { if case .weight = $0 { true } else { false } }) {
        var sizes = Layout.sizes(extents, total: total)
        let rest = total - sizes.reduce(0, +)
        if capped, rest > 0, let first = needs.indices.first(where: { needs[$0] != nil && extents[$0] != original[$0] })
        {
          sizes[first] += rest
        }
        return sizes
      }
    }
  }

  static func focusRect(_ state: AppState, tab: Int, in body: Rect) -> Rect? {
    guard tab < state.tabs.count else { return nil }
    guard let spec = state.tabs[tab].spec else { return body.inset(1) }
    let panels = layout(spec, in: body, state: state, frame: state.top, tab: tab)
    guard let f = focusPosition(panels, state.top.panel) else { return nil }
    return TableWidget.tableArea(panels[f].rect.inset(1), rows: Focus.of(state.top, in: state).rows.count)
  }

  /// The position of the `n`-th table or list among laid-out panels (the last one for a larger `n`).
  static func focusPosition(_ panels: [(panel: DashboardSpec.Panel, rect: Rect)], _ n: Int = 0) -> Int? {
    let focusable = panels.indices.filter {
      switch panels[$0].panel.kind {
      case .table, .list, .briefing: true
      default: false
      }
    }
    return focusable.isEmpty ? nil : focusable[min(n, focusable.count - 1)]
  }

  static func draw(_ state: AppState, tab: Int, in body: Rect, into b: inout ScreenBuffer) {
    guard tab < state.tabs.count else { return }
    let l = state.language
    guard let spec = state.tabs[tab].spec else {
      let inner = Widgets.box("\(Words.brokenTab(l)) \(state.tabs[tab].file)", in: body, into: &b, focused: true)
      var y = inner.y
      for d in state.tabs[tab].diagnostics {
        let style = Style(d.severity == .error ? .error : .warning)
        for text in Widgets.wrap(d.description(l), width: inner.width, indent: ListScreens.continuationIndent)
        where y < inner.y + inner.height {
          b.put(text, x: inner.x, y: y, width: inner.width, style: style)
          y += 1
        }
      }
      return
    }
    let frame = state.stack[0].screen == .dashboard(tab) ? state.stack[0] : Frame(.dashboard(tab))
    let panels = layout(spec, in: body, state: state, frame: frame, tab: tab)
    let focus = focusPosition(panels, frame.panel)
    // Where the focus can move, a list that does not show every row says how to get there.
    let more = Focus.focusablePanels(spec).count > 1 ? Words.moreFocus(l) : Words.more(l)
    let scope: ScopeRef = {
      if case .office(let id) = spec.scope, let o = state.report.data.offices.firstIndex(where: { $0.id == id }) {
        return .office(o)
      }
      return .city
    }()
    for (i, item) in panels.enumerated() where !item.rect.isEmpty {
      let focused = i == focus
      switch item.panel.kind {
      case .tiles(let ids):
        Tiles.draw(ids, scope: scope, state: state, in: item.rect, into: &b)
      case .table(let t):
        let title = item.panel.title(l) ?? defaultTitle(t.rows, l)
        let inner = Widgets.box(title, in: item.rect, into: &b, focused: focused)
        let shown: TableWidget.Shown
        if focused {
          let f = Focus.of(frame, in: state)
          shown = MetricTables.draw(
            rows: f.rows, spec: t, state: state, frame: frame, sort: f.sort, in: inner, into: &b, scope: scope,
            dashboardScope: spec.scope)
        } else {
          // In the table's own order, memoised as its focus would be.
          let sorted = Focus.rowsBeside(item.panel, in: spec, tab: tab, state: state) ?? []
          shown = MetricTables.draw(
            rows: sorted, spec: t, state: state, frame: nil, sort: nil, in: inner, into: &b, scope: scope,
            dashboardScope: spec.scope, more: more)
        }
        Widgets.boxFooter(shown, more: Words.more(l), in: item.rect, into: &b, focused: focused)
      case .chart(let c):
        let m = state.report.catalog[c.metric]
        let inner = Widgets.box(item.panel.title(l) ?? m?.label(l) ?? c.metric, in: item.rect, into: &b)
        Charts.draw(c, scope: scope, state: state, in: inner, into: &b)
      case .list(let list):
        let inner = Widgets.box(
          item.panel.title(l) ?? defaultTitle(list.rows, l), in: item.rect, into: &b, focused: focused)
        // The focused list in the user's order; the others in the default (most urgent first, see
        // `Focus.rowsBeside`).
        let f = focused ? Focus.of(frame, in: state) : nil
        let rows = f?.rows ?? Focus.rowsBeside(item.panel, in: spec, tab: tab, state: state) ?? []
        var sort: (column: String?, descending: Bool)? = f?.sort
        if f == nil && list.rows == .projects { sort = ("project.rag", true) }
        let shown = Lists.draw(
          rows, state: state, frame: focused ? frame : nil, sort: sort, in: inner, into: &b,
          mixesOffices: spec.scope.mixesOffices, more: focused ? nil : more)
        Widgets.boxFooter(shown, more: Words.more(l), in: item.rect, into: &b, focused: focused)
      case .briefing(let spec):
        // The title says what is compared with what, and whether the week before is stored.
        let title = state.briefing.title(l)
        let inner = Widgets.box(title, in: item.rect, into: &b, focused: focused)
        let rows = focused ? Focus.of(frame, in: state).rows : BriefingRows.rows(spec, state: state)
        BriefingPanel.draw(spec, rows: rows, state: state, frame: focused ? frame : nil, in: inner, into: &b)
      case .text(let text):
        let inner = Widgets.box(item.panel.title(l) ?? "", in: item.rect, into: &b)
        Widgets.paragraph(l == .en ? (item.panel.textEnglish ?? text) : text, in: inner, into: &b)
      case .heatmap(let h):
        let inner = Widgets.box(item.panel.title(l) ?? Words.heatmap(l), in: item.rect, into: &b)
        let offices: [Int] = {
          if case .office(let o) = scope { return [o] }
          return Array(state.report.data.offices.indices)
        }()
        Heatmap.draw(h, offices: offices, state: state, in: inner, into: &b)
      }
    }
  }

  static func defaultTitle(_ rows: DashboardSpec.Rows, _ l: Language) -> String {
    switch rows {
    case .offices: Words.offices(l)
    case .projects: Words.projects(l)
    case .services: Words.services(l)
    case .kpis: Words.kpis(l)
    case .index: Words.smartCityIndex(l)
    case .milestones: Words.milestones(l)
    }
  }
}

/// Tiles: one small box per metric with its value, the week-over-week change, and a second line (RAG
/// counts, rank, a sparkline of the matching weekly series, …).
enum Tiles {
  /// Weekly series shown under a scalar tile.
  static let companions = [
    "backlog.open": "backlog.open_weekly", "backlog.closed_4w": "backlog.closed_weekly",
    "backlog.created_4w": "backlog.created_weekly",
    "ozg.digital_share_12w": "ozg.digital_share_weekly", "ozg.online_12w": "ozg.online_weekly",
    "ozg.paper_12w": "ozg.paper_weekly",
  ]

  /// What is wrong with an office's data ("projects.csv fehlt", "Daten bis KW 45/2026"); `nil` when
  /// it is complete.
  static func dataMark(office o: Int, state: AppState) -> String? {
    let data = state.report.offices[o].data
    let l = state.language
    guard data.stale || !data.missing.isEmpty else { return nil }
    var what = data.missing.map { Words.fileMissing(l, $0.rawValue) }
    if let stale = data.staleLabel(state.language) { what.append(stale) }
    return what.joined(separator: ", ")
  }

  static func draw(_ ids: [String], scope: ScopeRef, state: AppState, in r: Rect, into b: inout ScreenBuffer) {
    guard !ids.isEmpty, r.height >= 3 else { return }
    let perRow = max(1, min(ids.count, r.width / 12))
    let lines = max(1, r.height / 4)
    var index = 0
    for line in 0..<lines {
      let count = min(perRow, ids.count - index)
      guard count > 0 else { break }
      let row = Rect(x: r.x, y: r.y + line * 4, width: r.width, height: min(4, r.height - line * 4))
      for rect in Layout.columns(row, Array(repeating: .weight(1), count: count)) {
        tile(ids[index], scope: scope, state: state, in: rect, into: &b)
        index += 1
      }
    }
  }

  static func tile(_ id: String, scope: ScopeRef, state: AppState, in r: Rect, into b: inout ScreenBuffer) {
    let l = state.language
    let f = MetricFormatter(language: l)
    let report = state.report
    guard let m = report.catalog[id] else { return }
    // The label, or the catalog's short label where the label does not fit.
    let title = ScreenBuffer.displayWidth(m.label(l)) + 2 <= r.width - 2 ? m.label(l) : m.shortLabel(l)
    let inner = Widgets.box(title, in: r, into: &b)
    guard inner.height >= 1, inner.width > 0 else { return }
    let value = f.format(report.value(m, at: scope), of: m)
    var x = inner.x + b.put(value, x: inner.x, y: inner.y, width: inner.width, style: Style(.normal, bold: true))
    // A city figure built without some offices says so instead of a change.
    if scope == .city, case let gaps = report.gaps(m).count, gaps > 0 {
      x += 2
      let room = max(0, inner.x + inner.width - x)
      var text = (gaps == 1 ? Words.officeMissingOne : Words.officeMissingMany)(l, "\(gaps)")
      if ScreenBuffer.displayWidth(text) > room { text = Words.missingShort(l, "\(gaps)") }
      b.put(text, x: x, y: inner.y, width: room, style: Style(.warning))
    } else if let d = report.change(m, at: scope) {
      let text = f.delta(d, unit: m.unit)
      if !text.hasPrefix("±") {
        let good = (d > 0) == (m.polarity == .higherIsBetter)
        let role: Role = m.polarity == .neutral ? .faint : good ? .green : .red
        x += 2
        b.put(
          (d > 0 ? "▲ " : "▼ ") + text, x: x, y: inner.y, width: max(0, inner.x + inner.width - x), style: Style(role))
      }
    }
    guard inner.height >= 2 else { return }
    let y = inner.y + 1
    func n(_ id: String) -> String { f.format(report.value(id, at: scope), unit: .count) }
    switch id {
    case "projects.open":
      // Clipped to the tile: in a narrow tile the counts drew over its right border (found by the key fuzz).
      var cx = inner.x
      let end = inner.x + inner.width
      for (rag, metric) in [(RAG.red, "projects.red"), (.amber, "projects.amber"), (.green, "projects.green")]
      where cx < end {
        Widgets.rag(rag, x: cx, y: y, into: &b)
        cx += 2 + b.put(n(metric), x: cx + 2, y: y, width: min(6, end - cx - 2)) + 2
      }
    case "index.score":
      var text = "\(Words.rank(l)) \(n("index.rank"))"
      if case .number(let gained)? = report.value("index.rank_delta", at: scope), gained != 0 {
        text += gained < 0 ? "  ▼ \(Int(-gained))" : "  ▲ \(Int(gained))"
      }
      b.put(text, x: inner.x, y: y, width: inner.width)
    case "ozg.services_online":
      b.put(
        "\(Words.compliant(l)): \(n("ozg.services_compliant"))/\(n("ozg.services"))", x: inner.x, y: y,
        width: inner.width, style: Style(.faint))
    default:
      if let series = companions[id], let values = report.series(series, at: scope) {
        Widgets.sparkline(values, x: inner.x, y: y, width: min(inner.width, values.count), into: &b)
      } else if id == "backlog.age_p85" || id == "backlog.age_p50" {
        b.put(
          "\(report.catalog["backlog.cycle_p50"]!.label(l)): \(f.format(report.value("backlog.cycle_p50", at: scope), unit: .days))",
          x: inner.x, y: y, width: inner.width, style: Style(.faint))
      }
    }
  }
}

/// Charts of a series metric at a scope, with the first and last week under them.
enum Charts {
  static func draw(
    _ c: DashboardSpec.ChartSpec, scope: ScopeRef, state: AppState, in r: Rect, into b: inout ScreenBuffer
  ) {
    guard let m = state.report.catalog[c.metric], let values = state.report.series(m, at: scope), r.height >= 1 else {
      return
    }
    let f = MetricFormatter(language: state.language)
    let area = Rect(x: r.x, y: r.y, width: r.width, height: max(1, r.height - 1))
    switch c.style {
    case .sparkline: Widgets.sparkline(values, x: area.x, y: area.y, width: min(area.width, values.count), into: &b)
    case .bars:
      Widgets.bars(values, in: area, into: &b, maxLabel: Words.maximum(state.language)) {
        f.format(.number($0), of: m)
      }
    case .line:
      // The city's digital-share target (city.yaml `targets:`) is the city's: drawn on the city's chart only.
      let target =
        scope == .city && m.id.hasPrefix("ozg.digital_share") ? state.report.data.city.digitalShareTarget : nil
      Widgets.line(values, in: area, into: &b, target: target) { f.format(.number($0), of: m) }
    }
    guard r.height >= 2 else { return }
    let weeks = state.report.seriesWeeks
    let first = c.style == .line ? weeks[0] : (weeks.suffix(area.width).first ?? weeks[0])
    let last = "\(weeks.last!) · \(f.format(values.last.flatMap { $0 }.map { .number($0) }, of: m))"
    // The first week only where it does not run into the last.
    let lastWidth = ScreenBuffer.displayWidth(last)
    if first.description.count + 1 + lastWidth <= r.width {
      b.put(first.description, x: r.x, y: r.y + r.height - 1, width: r.width, style: Style(.faint))
    }
    b.put(last, x: r.x + max(0, r.width - lastWidth), y: r.y + r.height - 1, style: Style(.faint))
  }
}
