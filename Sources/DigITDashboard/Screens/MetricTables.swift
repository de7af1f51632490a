import DigITCore
import DigITFeeds
import DigITMetrics

/// Tables whose columns are metric ids (offices, projects, services), and the fixed tables of KPIs,
/// index scores and milestones.
enum MetricTables {
  /// Column width for a metric's charts and bars (text and numbers take their content's width).
  static func width(_ m: MetricDefinition, _ l: Language) -> Int { m.isSeries ? 26 : 1 }

  /// The header: the RAG symbol for the RAG counts, else the label (and the short label for a narrow column).
  static func header(_ m: MetricDefinition, _ l: Language) -> (String, String?) {
    switch m.id {
    case "projects.red": return ("●", nil)
    case "projects.amber": return ("◐", nil)
    case "projects.green": return ("○", nil)
    case "project.rag": return (Words.rag(l), nil)
    default:
      let short = m.shortLabel(l)
      return (m.label(l), short == m.label(l) ? nil : short)
    }
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

  @discardableResult
  static func draw(
    rows: [RowItem], spec: DashboardSpec.TableSpec, state: AppState, frame: Frame?,
    sort: (column: String?, descending: Bool)?,
    in r: Rect, into b: inout ScreenBuffer, scope: ScopeRef, dashboardScope: DashboardSpec.Scope = .city,
    more: String? = nil
  ) -> TableWidget.Shown {
    let l = state.language
    let more = more ?? Words.more(l)
    let catalog = state.report.catalog
    switch spec.rows {
    case .offices, .projects, .services:
      let metrics = spec.columns.compactMap { catalog[$0] }
      let nameTitle =
        spec.rows == .offices ? Words.office(l) : spec.rows == .projects ? Words.projects(l) : Words.services(l)
      // What each table column shows besides the metrics: the name, the project id, the office of rows
      // that mix offices, an office's worst RAG.
      enum Extra { case name, id, office, worst }
      var extras: [Extra] = [.name]
      if spec.rows == .projects { extras.append(.id) }
      if spec.rows != .offices && dashboardScope.mixesOffices { extras.append(.office) }
      if spec.rows == .offices { extras.append(.worst) }
      var columns: [TableColumn] = extras.map {
        switch $0 {
        case .name: TableColumn(nameTitle, width: 24, flexible: true, priority: 40, minimum: 30)
        case .id: TableColumn(Words.id(l), width: 8, priority: 20)
        case .office: TableColumn(Words.office(l), width: 20, flexible: true, priority: 15, minimum: 16)
        case .worst: TableColumn("", width: 1, priority: 30)
        }
      }
      columns += metrics.map {
        let (title, short) = header($0, l)
        // A weekly series gives way (to its last 12 weeks) before names are cut.
        return TableColumn(
          title, short: short, width: width($0, l), flexible: $0.isSeries,
          rightAligned: !$0.isSeries && $0.unit != .status,
          priority: $0.isSeries ? -1 : 0, minimum: 12)
      }
      // Change columns (Δ), after the metric columns.
      let changes = spec.changes.compactMap { catalog[$0] }
      columns += changes.map {
        let (title, short) = header($0, l)
        return TableColumn("Δ" + (short ?? title), width: $0.unit == .share ? 9 : 5, rightAligned: true)
      }
      let extra = extras.count - 1
      var sorted: (Int, Bool)? = nil
      if let sort {
        if let c = sort.column, let i = metrics.firstIndex(where: { $0.id == c }) {
          sorted = (i + 1 + extra, sort.descending)
        } else if sort.column == nil {
          sorted = (0, sort.descending)
        }
      }
      let data = state.report.data
      var t = TableWidget(
        columns: columns, rowCount: rows.count, selection: frame?.selection, offset: offset(frame, rows.count, r),
        sorted: sorted
      ) { row, c in
        let item = rows[row]
        if c <= extra {
          switch extras[c] {
          case .name:
            // An office with a missing feed file or stale data is marked where its name is.
            if case .office(let o) = item, let mark = Tiles.dataMark(office: o, state: state) {
              return .text("⚠ " + Rows.name(item, state: state) + " (" + mark + ")", Style(.warning))
            }
            return .text(Rows.name(item, state: state))
          case .id:
            guard case .project(let o, let p) = item else { return .text("") }
            return .text(data.offices[o].projects[p].id, Style(.faint))
          case .office:
            switch item {
            case .project(let o, _), .service(let o, _): return .text(data.offices[o].displayName, Style(.faint))
            default: return .text("")
            }
          case .worst:
            guard case .office(let o) = item else { return .text("") }
            let worst = state.report.offices[o].projects.compactMap { $0.project?.rag }.max()
            return .rag(worst, "")
          }
        }
        if c - 1 - extra >= metrics.count {
          return change(changes[c - 1 - extra - metrics.count], row: item, state: state)
        }
        return cell(metrics[c - 1 - extra], row: item, state: state)
      }
      t.emptyText = Words.noRows(l)
      t.moreText = more
      t.minimumFlexibleWidth = 16
      t.showsDetail = true
      return t.render(in: r, into: &b)
    case .kpis:
      let f = MetricFormatter(language: l)
      let kpis = state.report.data.city.kpis
      let table = TableWidget(
        columns: [
          TableColumn(Words.kpis(l), width: 24, flexible: true),
          TableColumn(Words.value(l), width: 14, rightAligned: true, priority: 30),
          TableColumn(Words.target(l), width: 10, rightAligned: true, priority: 10),
          TableColumn(Words.status(l), width: 14, priority: 20), TableColumn("%", width: 16, priority: 5),
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
      t.moreText = more
      t.minimumFlexibleWidth = 20  // KPI names cut shorter are not recognisable
      t.showsDetail = true
      return t.render(in: r, into: &b)
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
      t.moreText = more
      t.columns = t.columns.enumerated().map { i, c in
        var c = c
        if i > 0 { c.width = 9 }
        return c
      }
      t.showsDetail = true
      return t.render(in: r, into: &b)
    case .milestones:
      return Lists.draw(
        rows, state: state, frame: frame, in: r, into: &b, mixesOffices: dashboardScope.mixesOffices, more: more)
    }
  }

  static func offset(_ frame: Frame?, _ count: Int, _ r: Rect) -> Int {
    guard let frame else { return 0 }
    return scrollOffset(
      selection: frame.selection, offset: frame.offset, rows: count, visible: TableWidget.visibleRows(in: r))
  }
}

/// Lists: projects with their RAG reasons, milestones with due dates, backlog items (tables with a header,
/// the project id and, where offices mix, the office), and plain lines (feed problems, help).
enum Lists {
  @discardableResult
  static func draw(
    _ rows: [RowItem], state: AppState, frame: Frame?, sort: (column: String?, descending: Bool)? = nil, in r: Rect,
    into b: inout ScreenBuffer, mixesOffices: Bool = true, more: String? = nil
  ) -> TableWidget.Shown {
    guard r.width > 0, r.height > 0 else { return TableWidget.Shown() }
    let l = state.language
    switch rows.first {
    case .project?:
      return projects(rows, state: state, frame: frame, sort: sort, in: r, into: &b, mixesOffices, more: more)
    case .milestone?: return milestones(rows, state: state, frame: frame, in: r, into: &b, mixesOffices, more: more)
    case .item?: return items(rows, state: state, frame: frame, in: r, into: &b)
    case nil:
      b.put(Words.noRows(l), x: r.x, y: r.y, width: r.width, style: Style(.faint))
      return TableWidget.Shown()
    default: break
    }
    let offset =
      frame.map { scrollOffset(selection: $0.selection, offset: $0.offset, rows: rows.count, visible: r.height) } ?? 0
    for i in 0..<r.height {
      let index = offset + i
      guard index < rows.count else { break }
      let y = r.y + i
      switch rows[index] {
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
    return TableWidget.Shown(above: offset, below: max(0, rows.count - offset - r.height))
  }

  static func table(
    _ columns: [TableColumn], _ rows: [RowItem], frame: Frame?, sorted: (Int, Bool)? = nil, in r: Rect,
    _ l: Language, more: String? = nil, cell: @escaping (RowItem, Int) -> TableCell
  ) -> TableWidget {
    var t = TableWidget(
      columns: columns, rowCount: rows.count, selection: frame?.selection,
      offset: MetricTables.offset(frame, rows.count, r), sorted: sorted
    ) { row, c in cell(rows[row], c) }
    t.emptyText = Words.noRows(l)
    t.moreText = more ?? Words.more(l)
    t.minimumFlexibleWidth = 14
    t.showsDetail = true
    return t
  }

  /// Projects with their RAG, id, office, due day and reasons (the Risks list).
  static func projects(
    _ rows: [RowItem], state: AppState, frame: Frame?, sort: (column: String?, descending: Bool)?, in r: Rect,
    into b: inout ScreenBuffer, _ mixesOffices: Bool, more: String? = nil
  ) -> TableWidget.Shown {
    let l = state.language
    let f = MetricFormatter(language: l)
    let data = state.report.data
    var columns = [
      TableColumn("", width: 1), TableColumn(Words.projects(l), width: 40, flexible: true, priority: 40, minimum: 28),
      TableColumn(Words.id(l), width: 8, priority: 20),
    ]
    if mixesOffices {
      columns.append(TableColumn(Words.office(l), width: 20, flexible: true, priority: 25, minimum: 16))
    }
    columns += [
      TableColumn(Words.due(l), width: 10, priority: 10),
      TableColumn(Words.reasons(l), width: 40, flexible: true, priority: 30, minimum: 28),
    ]
    let dueColumn = columns.count - 2
    let sorted: (Int, Bool)? = sort.map { s in
      (s.column == "project.rag" ? 0 : s.column == "project.due" ? dueColumn : 1, s.descending)
    }
    let t = table(columns, rows, frame: frame, sorted: sorted, in: r, l, more: more) { row, c in
      guard case .project(let o, let p) = row else { return .text("") }
      let facts = state.report.offices[o].projects[p].project
      let project = data.offices[o].projects[p]
      switch c {
      case 0: return .rag(facts?.rag, "")
      case 1: return .text(project.title, Style(.normal, bold: true))
      case 2: return .text(project.id, Style(.faint))
      case dueColumn: return .text(project.due.map { f.date($0) } ?? "–")
      case dueColumn + 1:
        // Since when (from the history, where it knows more than this week), then why.
        let reasons =
          ([state.ragSince(office: o, project: p, short: true)].compactMap { $0 }
          + (facts?.reasons ?? []).map { $0.text(l) }).joined(separator: "; ")
        return .text(reasons, Style(facts?.rag == .red ? .red : .amber))
      default: return .text(data.offices[o].displayName, Style(.faint))
      }
    }
    return t.render(in: r, into: &b)
  }

  /// Milestones with their state, due day, project and office (the overdue milestones), earliest first.
  static func milestones(
    _ rows: [RowItem], state: AppState, frame: Frame?, in r: Rect, into b: inout ScreenBuffer, _ mixesOffices: Bool,
    more: String? = nil
  ) -> TableWidget.Shown {
    let l = state.language
    let f = MetricFormatter(language: l)
    let data = state.report.data
    let asOf = state.report.asOf
    var columns = [
      TableColumn("", width: 1), TableColumn(Words.due(l), width: 10, priority: 35),
      TableColumn(Words.milestone(l), width: 40, flexible: true, priority: 40, minimum: 24),
      TableColumn(Words.id(l), width: 8, priority: 20),
      TableColumn(Words.project(l), width: 40, flexible: true, priority: 10, minimum: 16),
    ]
    if mixesOffices {
      columns.append(TableColumn(Words.office(l), width: 20, flexible: true, priority: 25, minimum: 16))
    }
    let t = table(columns, rows, frame: frame, in: r, l, more: more) { row, c in
      guard case .milestone(let o, let m) = row else { return .text("") }
      let ms = data.offices[o].milestones[m]
      let project = data.offices[o].projects[Int(ms.project)]
      switch c {
      case 0:
        let done = ms.done.map { $0 <= asOf } ?? false
        let overdue = !done && (ms.due.map { $0 < asOf } ?? false)
        return .text(overdue ? "●" : done ? "✓" : "·", Style(overdue ? .red : .green, bold: true))
      case 1: return .text(ms.due.map { f.date($0) } ?? "–")
      case 2: return .text(ms.name, Style(.normal, bold: true))
      case 3: return .text(project.id, Style(.faint))
      case 4: return .text(project.title, Style(.faint))
      default: return .text(data.offices[o].displayName, Style(.faint))
      }
    }
    return t.render(in: r, into: &b)
  }

  /// Backlog items: id, created, age, type, priority, title (a project's open items).
  static func items(_ rows: [RowItem], state: AppState, frame: Frame?, in r: Rect, into b: inout ScreenBuffer)
    -> TableWidget.Shown
  {
    let l = state.language
    let f = MetricFormatter(language: l)
    let data = state.report.data
    let columns = [
      TableColumn(Words.id(l), width: 12, priority: 30), TableColumn(Words.createdOn(l), width: 10, priority: 10),
      TableColumn(Words.age(l), width: 7, rightAligned: true, priority: 20),
      TableColumn(Words.type(l), width: 9, priority: 5), TableColumn(Words.priority(l), width: 8, priority: 15),
      TableColumn(Words.title(l), width: 40, flexible: true, priority: 40, minimum: 24),
    ]
    let t = table(columns, rows, frame: frame, in: r, l) { row, c in
      guard case .item(let o, let i) = row else { return .text("") }
      let office = data.offices[o]
      let item = office.backlog[i]
      switch c {
      case 0: return .text(office.text(item.id))
      case 1: return .text(f.date(item.created))
      case 2: return .number("\(item.created.days(to: state.report.asOf)) \(Words.daysShort(l))")
      case 3: return .text(office.type(of: item), Style(.faint))
      case 4:
        let priority = office.priority(of: item)
        return .text(priority, Style(RiskLevel(word: priority) == .high ? .amber : .faint))
      default: return .text(office.text(item.title))
      }
    }
    return t.render(in: r, into: &b)
  }
}
