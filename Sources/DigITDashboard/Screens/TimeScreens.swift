import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot

/// The office × week heatmap: one row per office, one cell per week of the report's 26 series weeks.
///
/// - ``DashboardSpec/HeatmapSpec/Measure/rag``: the worst RAG of the office's open projects. A past week's
///   project status exists only where the week was exported (`history.sqlite`; the feeds keep today's
///   status only), so past weeks come from the history and a week not stored is `·`; the live week comes
///   from the report on screen.
/// - ``DashboardSpec/HeatmapSpec/Measure/backlog``: the open backlog at each week's end relative to the
///   office's own 26-week maximum (`▁` … `█`), from the feeds; `·` where the office has not delivered
///   that week, `–` without a backlog.
enum Heatmap {
  /// What one cell shows: its text and style.
  /// `weeks`: the report's `seriesWeeks` (made once per panel, not per cell).
  static func cell(
    _ measure: DashboardSpec.HeatmapSpec.Measure, office o: Int, week w: Int, of weeks: [ISOWeek], series: [Double?]?,
    maximum: Double?, state: AppState
  ) -> (String, Style) {
    switch measure {
    case .rag:
      let report = state.report
      let week = weeks[w]
      let live = state.weeksBack == 0 && w == weeks.count - 1
      let stored = state.history.cell(office: report.data.offices[o].id, week: week)
      if !live, let stored {
        switch stored {
        case .rag(let rag): return (rag.symbol, Style(Widgets.role(rag), bold: true))
        case .noOpenProjects: return ("–", Style(.faint))
        case .noData: return ("!", Style(.warning))
        }
      }
      guard w == weeks.count - 1 else { return ("·", Style(.faint)) }
      // The report's own week (the live one, or a past one not stored: its status is today's).
      if report.offices[o].data.lacks(.projects) { return ("!", Style(.warning)) }
      guard let counts = report.offices[o].facts.projects else { return ("–", Style(.faint)) }
      let rag: RAG? = counts.red > 0 ? .red : counts.amber > 0 ? .amber : counts.green > 0 ? .green : nil
      guard let rag else { return ("–", Style(.faint)) }
      return (rag.symbol, Style(Widgets.role(rag), bold: true))
    case .backlog:
      guard let series else { return ("–", Style(.faint)) }
      guard w < series.count, let v = series[w] else { return ("·", Style(.faint)) }
      guard let maximum, maximum > 0 else { return (String(Widgets.blocks[0]), Style(.accent)) }
      let level = Int((v / maximum * 7).rounded())
      let role: Role = v >= maximum ? .warning : .accent
      return (String(Widgets.blocks[min(7, max(0, level))]), Style(role))
    }
  }

  /// The office's open backlog per series week and its maximum over them (`nil` without a backlog).
  static func backlog(office o: Int, state: AppState) -> (series: [Double?]?, maximum: Double?) {
    guard let series = state.report.series("backlog.open_weekly", at: .office(o)) else { return (nil, nil) }
    return (series, series.compactMap { $0 }.max())
  }

  /// The panel: a header of weeks, one row per office (as many as fit, then how many more), a legend.
  static func draw(
    _ spec: DashboardSpec.HeatmapSpec, offices: [Int], state: AppState, in r: Rect, into b: inout ScreenBuffer
  ) {
    guard r.width >= 10, r.height >= 1 else { return }
    let l = state.language
    let f = MetricFormatter(language: l)
    let data = state.report.data
    let weeks = state.report.seriesWeeks
    // The names as wide as the longest, as long as every week keeps a cell (names are not cut while
    // the weeks leave columns unused).
    let longest = offices.map { ScreenBuffer.displayWidth(data.offices[$0].displayName) }.max() ?? 8
    let nameWidth = max(8, min(longest, r.width - weeks.count - 1, max(22, r.width / 3)))
    let room = r.width - nameWidth - 1
    let cellWidth = max(1, min(3, room / weeks.count))
    let shown = min(weeks.count, max(0, room / cellWidth))
    guard shown > 0 else { return }
    let first = weeks.count - shown
    let x0 = r.x + nameWidth + 1
    // Header: the first and the last week shown.
    let from = f.week(weeks[first])
    let to = f.week(weeks[weeks.count - 1])
    b.put(from, x: x0, y: r.y, width: room, style: Style(.faint))
    b.put(to, x: max(x0, x0 + shown * cellWidth - ScreenBuffer.displayWidth(to)), y: r.y, style: Style(.faint))
    let legendRows = r.height >= 4 ? 1 : 0
    let rowsRoom = max(0, r.height - 1 - legendRows)
    let fits = offices.count <= rowsRoom ? offices.count : max(0, rowsRoom - 1)
    for (i, o) in offices.prefix(fits).enumerated() {
      let y = r.y + 1 + i
      b.put(data.offices[o].displayName, x: r.x, y: y, width: nameWidth)
      let (series, maximum) = spec.measure == .backlog ? backlog(office: o, state: state) : (nil, nil)
      for w in first..<weeks.count {
        let (text, style) = cell(
          spec.measure, office: o, week: w, of: weeks, series: series, maximum: maximum, state: state)
        b.put(text, x: x0 + (w - first) * cellWidth, y: y, width: 1, style: style)
      }
    }
    if fits < offices.count && rowsRoom > 0 {
      b.put(
        "… \(offices.count - fits) \(Words.more(l))", x: r.x, y: r.y + 1 + fits, width: r.width, style: Style(.faint))
    }
    guard legendRows > 0 else { return }
    b.put(legend(spec.measure, l), x: r.x, y: r.y + r.height - 1, width: r.width, style: Style(.faint))
  }

  /// `● ◐ ○ schlechteste Ampel · · nicht gespeichert · – keine offenen Projekte`.
  static func legend(_ measure: DashboardSpec.HeatmapSpec.Measure, _ l: Language) -> String {
    switch measure {
    case .rag:
      "● ◐ ○ \(Words.worstRAG(l)) · · \(Words.notStored(l)) · – \(Words.noOpenProjects(l))"
    case .backlog:
      "▁ … █ \(Words.backlogOfMaximum(l)) · · \(Words.noData(l))"
    }
  }

  /// The office screen's strip: the office's row of both measures over the weeks that fit.
  static func officeStrip(office o: Int, state: AppState, in r: Rect, into b: inout ScreenBuffer) {
    guard r.width >= 20, r.height >= 1 else { return }
    let l = state.language
    let label = 20
    let weeks = state.report.seriesWeeks
    let shown = min(weeks.count, max(0, (r.width - label - 2) / 2))
    guard shown > 0 else { return }
    let first = weeks.count - shown
    let (series, maximum) = backlog(office: o, state: state)
    let lines: [(DashboardSpec.HeatmapSpec.Measure, String)] = [
      (.rag, Words.worstRAG(l)), (.backlog, state.report.catalog["backlog.open"]?.label(l) ?? ""),
    ]
    for (i, (measure, name)) in lines.enumerated() where i < r.height {
      let y = r.y + i
      b.put(" " + name, x: r.x, y: y, width: label, style: Style(.faint))
      for w in first..<weeks.count {
        let (text, style) = cell(measure, office: o, week: w, of: weeks, series: series, maximum: maximum, state: state)
        b.put(text, x: r.x + label + (w - first) * 2, y: y, width: 1, style: style)
      }
      if i == 0 {
        let f = MetricFormatter(language: l)
        let span = " \(f.week(weeks[first])) – \(f.week(weeks[weeks.count - 1]))"
        let x = r.x + label + shown * 2
        b.put(span, x: x, y: y, width: max(0, r.x + r.width - x), style: Style(.faint))
      }
    }
  }
}

/// Enter on a KPI: the city's value of the KPI week by week over the 26 series weeks, with the city's
/// target as a dotted line, and how many of those weeks met it.
enum KPIScreen {
  static func draw(_ state: AppState, kpi id: String, in body: Rect, into b: inout ScreenBuffer) {
    let l = state.language
    let f = MetricFormatter(language: l)
    let report = state.report
    guard let k = report.data.city.kpis.firstIndex(where: { $0.id == id }) else {
      b.put(Words.noData(l), x: body.x + 1, y: body.y, style: Style(.faint))
      return
    }
    let def = report.data.city.kpis[k]
    let label = report.catalog["kpi.\(id)"]?.label(l) ?? id
    let inner = Widgets.box("\(label) · \(Words.weeklySeries(l))", in: body, into: &b, focused: true)
    guard inner.height >= 3, inner.width >= 10 else { return }
    let series = report.kpiSeries(k)
    func text(_ v: Double) -> String { f.format(.number(v), unit: .custom(def.unit)) }
    var info = "\(Words.value(l)): \(series.last.flatMap { $0 }.map(text) ?? "–")"
    if let target = def.target {
      let sign = def.direction == .up ? "≥" : "≤"
      let met = series.compactMap { $0 }.filter { def.direction == .up ? $0 >= target : $0 <= target }.count
      let counted = series.compactMap { $0 }.count
      info += " · \(Words.target(l)) \(sign) \(text(target)) · " + Words.metInWeeks(l, "\(met)", "\(counted)")
    } else {
      info += " · \(Words.target(l)): –"
    }
    b.put(info, x: inner.x, y: inner.y, width: inner.width)
    let chart = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 3)
    if series.allSatisfy({ $0 == nil }) {
      b.put(Words.noData(l), x: chart.x, y: chart.y, width: chart.width, style: Style(.faint))
    } else {
      Widgets.line(series, in: chart, into: &b, target: def.target, axis: text)
    }
    let weeks = report.seriesWeeks
    let last = f.week(weeks[weeks.count - 1])
    let y = inner.y + inner.height - 1
    b.put(f.week(weeks[0]), x: inner.x, y: y, width: inner.width, style: Style(.faint))
    b.put(last, x: inner.x + max(0, inner.width - ScreenBuffer.displayWidth(last)), y: y, style: Style(.faint))
  }
}

/// Enter on an OZG service: the service (by its id) in every office that offers it, side by side — online
/// and on paper (12 weeks), digital share, pending, processing days; sortable, Enter opens the office.
enum ServiceScreen {
  static func draw(_ state: AppState, service id: String, in body: Rect, into b: inout ScreenBuffer) {
    let l = state.language
    let f = MetricFormatter(language: l)
    let report = state.report
    let focus = Focus.of(state.top, in: state)
    let rows = focus.rows
    let name = report.data.offices.lazy.compactMap { $0.services.first { $0.id == id }?.name }.first ?? id
    let inner = Widgets.box("\(name) · \(Words.everyOffice(l))", in: body, into: &b, focused: true)
    let columns = [
      TableColumn(Words.office(l), width: 24, flexible: true),
      TableColumn(Words.online(l), width: 8, rightAligned: true),
      TableColumn(Words.paper(l), width: 8, rightAligned: true),
      TableColumn(Words.digitalShare(l), width: 8, rightAligned: true),
      TableColumn(Words.pending(l), width: 9, rightAligned: true),
      TableColumn(Words.processing(l), width: 6, rightAligned: true),
    ]
    let sorted = focus.sort.map { s in
      ((s.column.flatMap { Focus.serviceColumns.firstIndex(of: $0) } ?? -1) + 1, s.descending)
    }
    var table = TableWidget(
      columns: columns, rowCount: rows.count, selection: state.top.selection,
      offset: MetricTables.offset(state.top, rows.count, inner), sorted: sorted
    ) { row, c in
      guard case .service(let o, let s) = rows[row] else { return .text("") }
      let scope = ScopeRef.service(o, s)
      if c == 0 { return .text(report.data.offices[o].displayName) }
      let metric = report.catalog[Focus.serviceColumns[c - 1]]!
      if metric.id == "ozg.processing_days" {
        guard case .number(let days)? = report.value(metric, at: scope) else { return .number("–") }
        return .number(f.number(days, decimals: 1))
      }
      return .number(f.format(report.value(metric, at: scope), of: metric))
    }
    table.emptyText = Words.noRows(l)
    table.render(in: inner, into: &b)
  }
}
