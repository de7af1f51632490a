import DigITCore
import DigITFeeds
import DigITMetrics

/// Tables whose columns are metric ids (offices, projects, services), and the fixed tables of KPIs,
/// index scores and milestones.
enum MetricTables {
  /// Column width for a metric by its unit.
  static func width(_ m: MetricDefinition, _ l: Language) -> Int {
    if ["projects.red", "projects.amber", "projects.green"].contains(m.id) { return 3 }
    return max(unitWidth(m), min(11, ScreenBuffer.displayWidth(header(m, l))))
  }

  static func unitWidth(_ m: MetricDefinition) -> Int {
    if m.isSeries { return 26 }
    switch m.unit {
    case .share: return 8
    case .date: return 10
    case .days: return 10
    case .status: return m.id == "project.rag" ? 4 : 14
    case .euros: return 12
    case .weeks: return 9
    default: return 7
    }
  }

  /// A short header: the label, cut to the column.
  static func header(_ m: MetricDefinition, _ l: Language) -> String {
    if m.id.hasPrefix("projects.") && ["projects.red", "projects.amber", "projects.green"].contains(m.id) {
      return m.id == "projects.red" ? "●" : m.id == "projects.amber" ? "◐" : "○"
    }
    if m.id == "project.rag" { return Words.rag(l) }
    return m.label(l)
  }

  static func cell(_ m: MetricDefinition, row: RowItem, state: AppState) -> TableCell {
    guard let scope = Rows.scope(row) else { return .text("") }
    let f = MetricFormatter(language: state.language)
    if m.isSeries { return .sparkline(state.report.series(m, at: scope) ?? []) }
    let v = state.report.value(m, at: scope)
    switch v {
    case .rag(let r)?: return .rag(r, "")
    case .target(let t)?: return .text(t.label(state.language), Style(t == .met ? .green : .red))
    default:
      var style = Style.normal
      if ["projects.red", "projects.amber"].contains(m.id), case .number(let x)? = v, x > 0 {
        style = Style(m.id == "projects.red" ? .red : .amber, bold: true)
      }
      return .number(f.format(v, of: m), style)
    }
  }

  /// A change column's cell: "▲ +3" against the week before, green when it is good news by the metric's
  /// polarity, red when bad, faint when neutral; empty without a figure a week before or when it rounds to
  /// nothing as shown.
  static func change(_ m: MetricDefinition, row: RowItem, state: AppState) -> TableCell {
    guard let scope = Rows.scope(row), let d = state.report.change(m, at: scope) else { return .text("") }
    let f = MetricFormatter(language: state.language)
    let text = f.delta(d, unit: m.unit == .share ? .share : .count)
    if text.hasPrefix("±") { return .number("·", Style(.faint)) }
    let good = (d > 0) == (m.polarity == .higherIsBetter)
    let role: Role = m.polarity == .neutral ? .faint : good ? .green : .red
    return .number((d > 0 ? "▲ " : "▼ ") + text.dropFirst(), Style(role))
  }

  static func draw(
    rows: [RowItem], spec: DashboardSpec.TableSpec, state: AppState, frame: Frame?,
    sort: (column: String?, descending: Bool)?,
    in r: Rect, into b: inout ScreenBuffer, scope: ScopeRef
  ) {
    let l = state.language
    let catalog = state.report.catalog
    switch spec.rows {
    case .offices, .projects, .services:
      let metrics = spec.columns.compactMap { catalog[$0] }
      let nameTitle =
        spec.rows == .offices ? Words.office(l) : spec.rows == .projects ? Words.projects(l) : Words.services(l)
      var columns = [TableColumn(nameTitle, width: 24, flexible: true)]
      if spec.rows == .offices { columns.append(TableColumn("", width: 1)) }  // worst RAG marker
      columns += metrics.map {
        TableColumn(header($0, l), width: width($0, l), rightAligned: !$0.isSeries && $0.unit != .status)
      }
      // Change columns (Δ), after the metric columns.
      let changes = spec.changes.compactMap { catalog[$0] }
      columns += changes.map { TableColumn("Δ" + header($0, l), width: $0.unit == .share ? 9 : 5, rightAligned: true) }
      let extra = spec.rows == .offices ? 1 : 0
      var sorted: (Int, Bool)? = nil
      if let sort {
        if let c = sort.column, let i = metrics.firstIndex(where: { $0.id == c }) {
          sorted = (i + 1 + extra, sort.descending)
        } else if sort.column == nil {
          sorted = (0, sort.descending)
        }
      }
      let table = TableWidget(
        columns: columns, rowCount: rows.count, selection: frame?.selection, offset: offset(frame, rows.count, r),
        sorted: sorted
      ) { row, c in
        let item = rows[row]
        if c == 0 {
          // An office with a missing feed file or stale data is marked where its name is.
          if case .office(let o) = item, let mark = Tiles.dataMark(office: o, state: state) {
            return .text("⚠ " + Rows.name(item, state: state) + " (" + mark + ")", Style(.warning))
          }
          return .text(Rows.name(item, state: state))
        }
        if extra == 1 && c == 1 {
          guard case .office(let o) = item else { return .text("") }
          let worst = state.report.offices[o].projects.compactMap { $0.project?.rag }.max()
          return .rag(worst, "")
        }
        if c - 1 - extra >= metrics.count {
          return change(changes[c - 1 - extra - metrics.count], row: item, state: state)
        }
        return cell(metrics[c - 1 - extra], row: item, state: state)
      }
      var t = table
      t.emptyText = Words.noRows(l)
      t.moreText = Words.more(l)
      t.minimumFlexibleWidth = 20
      t.render(in: r, into: &b)
    case .kpis:
      let f = MetricFormatter(language: l)
      let kpis = state.report.data.city.kpis
      let table = TableWidget(
        columns: [
          TableColumn(Words.kpis(l), width: 24, flexible: true),
          TableColumn(Words.value(l), width: 14, rightAligned: true),
          TableColumn(Words.target(l), width: 10, rightAligned: true), TableColumn(Words.status(l), width: 14),
          TableColumn("%", width: 16),
        ],
        rowCount: rows.count, selection: frame?.selection, offset: offset(frame, rows.count, r)
      ) { row, c in
        guard case .kpi(let k) = rows[row] else { return .text("") }
        let def = kpis[k]
        let id = "kpi.\(def.id)"
        switch c {
        case 0: return .text(Rows.name(rows[row], state: state))
        case 1: return .number(f.format(state.report.value(id, at: scope), unit: .custom(def.unit)))
        case 2:
          // An office's KPI is judged against its own target only (none: no status).
          let target = state.report.facts(at: scope).kpiTarget(k, city: def.target)
          return .number(
            target.map {
              (def.direction == .up ? "≥ " : "≤ ") + f.format(.number($0), unit: .custom(def.unit == "%" ? "%" : ""))
            } ?? "–")
        case 3:
          guard case .target(let t)? = state.report.value(id + ".status", at: scope) else {
            return .text("–", Style(.faint))
          }
          return .text(t.label(l), Style(t == .met ? .green : .red))
        default:
          guard case .number(let a)? = state.report.value(id + ".attainment", at: scope) else { return .text("") }
          return .bar(a, f.percent(a, decimals: 0))
        }
      }
      var t = table
      t.emptyText = Words.noRows(l)
      t.moreText = Words.more(l)
      t.render(in: r, into: &b)
    case .index:
      let f = MetricFormatter(language: l)
      let scores = state.report.data.indexScores
      let years = Array(Set(scores.map(\.year))).sorted()
      let table = TableWidget(
        columns: [TableColumn(Words.area(l), width: 20, flexible: true)]
          + years.map { TableColumn(String($0), width: 6, rightAligned: true) },
        rowCount: rows.count, selection: frame?.selection, offset: offset(frame, rows.count, r)
      ) { row, c in
        guard case .indexArea(let area) = rows[row] else { return .text("") }
        if c == 0 { return .text(Rows.name(rows[row], state: state), Style(.normal, bold: area == .gesamt)) }
        guard let s = scores.first(where: { $0.year == years[c - 1] && $0.area == area }) else {
          return .number("–", Style(.faint))
        }
        let text = f.number(s.score, decimals: 1)
        if area == .gesamt, let rank = s.rank { return .number("\(text) #\(rank)", Style(.normal, bold: true)) }
        return .number(text)
      }
      var t = table
      t.emptyText = Words.noRows(l)
      t.moreText = Words.more(l)
      t.columns = t.columns.enumerated().map { i, c in
        var c = c
        if i > 0 { c.width = 9 }
        return c
      }
      t.render(in: r, into: &b)
    case .milestones:
      Lists.draw(rows, state: state, frame: frame, in: Rect(x: r.x, y: r.y, width: r.width, height: r.height), into: &b)
    }
  }

  static func offset(_ frame: Frame?, _ count: Int, _ r: Rect) -> Int {
    guard let frame else { return 0 }
    return scrollOffset(
      selection: frame.selection, offset: frame.offset, rows: count, visible: TableWidget.visibleRows(in: r))
  }
}

/// Lists: projects with their RAG reasons, milestones with due dates, backlog items, plain lines.
enum Lists {
  static func draw(_ rows: [RowItem], state: AppState, frame: Frame?, in r: Rect, into b: inout ScreenBuffer) {
    guard r.width > 0, r.height > 0 else { return }
    let l = state.language
    let f = MetricFormatter(language: l)
    let data = state.report.data
    guard !rows.isEmpty else {
      b.put(Words.noRows(l), x: r.x, y: r.y, width: r.width, style: Style(.faint))
      return
    }
    let offset =
      frame.map { scrollOffset(selection: $0.selection, offset: $0.offset, rows: rows.count, visible: r.height) } ?? 0
    /// A fixed-width field at `x`, cut at the list's right edge (narrow windows drew the items' priority
    /// and the milestones' dates over the box border; found by the key fuzz).
    func room(_ x: Int, _ w: Int) -> Int { min(w, max(0, r.x + r.width - x)) }
    for i in 0..<r.height {
      let index = offset + i
      guard index < rows.count else { break }
      let y = r.y + i
      switch rows[index] {
      case .project(let o, let p):
        let facts = state.report.offices[o].projects[p].project
        Widgets.rag(facts?.rag, x: r.x, y: y, into: &b)
        let project = data.offices[o].projects[p]
        var x = r.x + 2
        x += b.put(project.title, x: x, y: y, width: min(40, r.width - 2), style: Style(.normal, bold: true))
        x += b.put(
          "  \(data.offices[o].displayName)", x: x, y: y, width: min(30, max(0, r.x + r.width - x)),
          style: Style(.faint))
        let reasons =
          ([state.ragSince(office: o, project: p, short: true)].compactMap { $0 }
          + (facts?.reasons ?? []).map { $0.text(l) })
          .joined(separator: "; ")
        if !reasons.isEmpty {
          b.put(
            "  " + reasons, x: x, y: y, width: max(0, r.x + r.width - x),
            style: Style(facts?.rag == .red ? .red : .amber))
        }
      case .milestone(let o, let m):
        let ms = data.offices[o].milestones[m]
        let project = data.offices[o].projects[Int(ms.project)]
        let overdue =
          (ms.due.map { $0 < state.report.asOf } ?? false) && !(ms.done.map { $0 <= state.report.asOf } ?? false)
        var x = r.x
        x +=
          b.put(
            overdue ? "●" : ms.done != nil ? "✓" : "·", x: x, y: y, width: room(x, 1),
            style: Style(overdue ? .red : .green, bold: true)) + 1
        x += b.put(ms.due.map { f.date($0) } ?? "–", x: x, y: y, width: room(x, 10)) + 2
        x += b.put(ms.name, x: x, y: y, width: min(44, max(0, r.x + r.width - x)), style: Style(.normal, bold: true))
        b.put(
          "  \(project.title) · \(data.offices[o].displayName)", x: x, y: y, width: max(0, r.x + r.width - x),
          style: Style(.faint))
      case .item(let o, let i):
        let office = data.offices[o]
        let item = office.backlog[i]
        let age = item.created.days(to: state.report.asOf)
        b.put(office.text(item.id), x: r.x, y: y, width: room(r.x, 12))
        let x = r.x + 13
        b.put(f.date(item.created), x: x, y: y, width: room(x, 10))
        b.put("\(age) \(Words.daysShort(l))", x: x + 11, y: y, width: room(x + 11, 7))
        b.put(item.type, x: x + 19, y: y, width: room(x + 19, 9), style: Style(.faint))
        b.put(
          item.priority, x: x + 29, y: y, width: room(x + 29, 8),
          style: Style(RiskLevel(word: item.priority) == .high ? .amber : .faint))
        b.put(office.text(item.title), x: x + 38, y: y, width: max(0, r.x + r.width - x - 38))
      case .diagnostic(let d):
        let diag = state.load.diagnostics[d]
        let style = Style(diag.severity == .error ? .error : diag.severity == .warning ? .warning : .faint)
        b.put(diag.description(l), x: r.x, y: y, width: r.width, style: style)
      case .line(let text):
        b.put(text, x: r.x, y: y, width: r.width)
      case .heading(let text):
        b.put(text, x: r.x, y: y, width: r.width, style: Style(.header, bold: true))
      default:
        b.put(Rows.name(rows[index], state: state), x: r.x, y: y, width: r.width)
      }
      if let frame, index == frame.selection {
        b.restyle(x: r.x, y: y, width: r.width, style: Style(.selected, bold: true))
      }
    }
  }
}
