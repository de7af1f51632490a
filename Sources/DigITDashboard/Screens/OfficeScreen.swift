import DigITCore
import DigITFeeds
import DigITMetrics

/// One office: coordinator and DigIT start, its projects (the selectable list), its OZG services and its
/// KPIs against their targets.
enum OfficeScreen {
  struct Parts {
    var info: Rect, heat: Rect, projects: Rect, services: Rect, kpis: Rect
  }

  static func layout(_ body: Rect) -> Parts {
    // The heatmap lines: both where there is room, the worst RAG alone on a 24-line terminal, none below.
    let heat = body.height >= 26 ? 2 : body.height >= 18 ? 1 : 0
    let rows = Layout.rows(body, [.fixed(2), .fixed(heat), .weight(3), .weight(2)])
    let bottom =
      body.width >= 100
      ? Layout.columns(rows[3], [.weight(3), .weight(2)]) : Layout.rows(rows[3], [.weight(1), .weight(1)])
    return Parts(info: rows[0], heat: rows[1], projects: rows[2], services: bottom[0], kpis: bottom[1])
  }

  static func draw(_ state: AppState, office id: String, in body: Rect, into b: inout ScreenBuffer) {
    let l = state.language
    let f = MetricFormatter(language: l)
    let report = state.report
    guard let o = report.data.offices.firstIndex(where: { $0.id == id }) else {
      b.put(Words.noData(l), x: body.x + 1, y: body.y, style: Style(.faint))
      return
    }
    let office = report.data.offices[o]
    let parts = layout(body)
    // Info lines
    var info = "\(Words.coordinator(l)): \(office.coordinator.isEmpty ? "–" : office.coordinator)"
    info += " · \(Words.since(l)): \(office.digitSince.map { f.date($0) } ?? "–")"
    if !office.department.isEmpty { info += " · \(office.department)" }
    b.put(" " + info, x: parts.info.x, y: parts.info.y, width: parts.info.width)
    let scope = ScopeRef.office(o)
    func v(_ id: String) -> String { f.format(report.value(id, at: scope), of: report.catalog[id]!) }
    var x = parts.info.x + 1
    let y = parts.info.y + 1
    x += b.put("\(Words.projects(l)) \(v("projects.total"))  ", x: x, y: y, width: 20)
    for (rag, metric) in [(RAG.red, "projects.red"), (.amber, "projects.amber"), (.green, "projects.green")] {
      Widgets.rag(rag, x: x, y: y, into: &b)
      x += 2 + b.put(v(metric), x: x + 2, y: y, width: 5) + 1
    }
    let more =
      " · \(report.catalog["backlog.open"]!.label(l)) \(v("backlog.open")) · \(report.catalog["backlog.closed_4w"]!.label(l)) \(v("backlog.closed_4w")) · \(report.catalog["ozg.digital_share_12w"]!.label(l)) \(v("ozg.digital_share_12w"))"
    b.put(more, x: x, y: y, width: max(0, parts.info.x + parts.info.width - x), style: Style(.faint))

    // The office's weeks: worst RAG (past weeks from the history) and open backlog against its maximum.
    Heatmap.officeStrip(office: o, state: state, in: parts.heat, into: &b)

    // Projects
    let inner = Widgets.box(Words.projects(l), in: parts.projects, into: &b, focused: true)
    let focus = Focus.of(state.top, in: state)
    let rows = focus.rows
    let columns = [
      TableColumn(Words.projects(l), width: 24, flexible: true), TableColumn(Words.status(l), width: 9),
      TableColumn(Words.rag(l), width: 30), TableColumn(Words.due(l), width: 10),
      TableColumn(Words.progress(l), width: 14), TableColumn("P50", width: 10), TableColumn("P85", width: 10),
      TableColumn(Words.budget(l), width: 7, rightAligned: true),
    ]
    // Sort column index in `Focus.officeProjectColumns` order → table column.
    let tableColumnOfSort: [String?: Int] = [
      nil: 0, "project.rag": 2, "project.due": 3, "project.progress": 4, "project.forecast_p50": 5,
      "project.forecast_p85": 6, "project.budget_used": 7,
    ]
    let sorted = focus.sort.flatMap { s in tableColumnOfSort[s.column].map { ($0, s.descending) } }
    let table = TableWidget(
      columns: columns, rowCount: rows.count, selection: state.top.selection,
      offset: MetricTables.offset(state.top, rows.count, inner), sorted: sorted
    ) { row, c in
      guard case .project(let o, let p) = rows[row] else { return .text("") }
      let project = report.data.offices[o].projects[p]
      let facts = report.offices[o].projects[p].project
      let scope = ScopeRef.project(o, p)
      switch c {
      case 0: return .text(project.title)
      case 1:
        return .text(
          project.status.label(l), Style(project.status == .blocked ? .red : project.status.isOpen ? .normal : .faint))
      case 2: return .rag(facts?.rag, facts?.reasons.first?.text(l) ?? (facts?.rag == nil ? "" : Words.ok(l)))
      case 3: return .text(project.due.map { f.date($0) } ?? "–")
      case 4:
        let p = facts?.progress
        return .bar(p, p.map { f.percent($0, decimals: 0) } ?? "–")
      case 5: return .text(f.format(report.value("project.forecast_p50", at: scope), unit: .date))
      case 6:
        let late = facts?.reasons.contains { $0.code == "forecast_late" } ?? false
        return .text(
          f.format(report.value("project.forecast_p85", at: scope), unit: .date), Style(late ? .amber : .normal))
      default:
        let used = facts?.budgetUsed
        return .number(
          used.map { f.percent($0, decimals: 0) } ?? "–", Style(used.map { $0 > 1 ? .red : .normal } ?? .faint))
      }
    }
    var projectsTable = table
    projectsTable.emptyText = Words.noRows(l)
    projectsTable.render(in: inner, into: &b)

    // Services
    let sInner = Widgets.box(Words.services(l), in: parts.services, into: &b)
    let services = Array(office.services.indices)
    let sTable = TableWidget(
      columns: [
        TableColumn(Words.services(l), width: 20, flexible: true),
        TableColumn(Words.maturity(l), width: 5, rightAligned: true),
        TableColumn(Words.online(l), width: 7, rightAligned: true),
        TableColumn(Words.paper(l), width: 7, rightAligned: true),
        TableColumn(Words.digitalShare(l), width: 8, rightAligned: true),
        TableColumn(Words.pending(l), width: 8, rightAligned: true),
        TableColumn(Words.processing(l), width: 6, rightAligned: true),
      ],
      rowCount: services.count, selection: nil, offset: 0
    ) { row, c in
      let scope = ScopeRef.service(o, services[row])
      func s(_ id: String) -> String { f.format(report.value(id, at: scope), of: report.catalog[id]!) }
      switch c {
      case 0: return .text(office.services[services[row]].name)
      case 1: return .number(s("ozg.maturity"))
      case 2: return .number(s("ozg.online_12w"))
      case 3: return .number(s("ozg.paper_12w"))
      case 4: return .number(s("ozg.digital_share_12w"))
      case 5: return .number(s("ozg.pending"))
      default:
        guard case .number(let days)? = report.value("ozg.processing_days", at: scope) else { return .number("–") }
        return .number(f.number(days, decimals: 1))
      }
    }
    var services2 = sTable
    services2.moreText = Words.more(l)
    if services.isEmpty {
      b.put(Words.noData(l), x: sInner.x, y: sInner.y, width: sInner.width, style: Style(.faint))
    } else {
      services2.render(in: sInner, into: &b)
    }

    // KPIs
    let kInner = Widgets.box(Words.kpis(l), in: parts.kpis, into: &b)
    let kpis = report.data.city.kpis.indices.filter { report.offices[o].facts.kpi($0) != nil }
    let kTable = TableWidget(
      columns: [
        TableColumn(Words.kpis(l), width: 16, flexible: true),
        TableColumn(Words.value(l), width: 13, rightAligned: true),
        TableColumn(Words.target(l), width: 8, rightAligned: true), TableColumn("", width: 2),
      ],
      rowCount: kpis.count, selection: nil, offset: 0
    ) { row, c in
      let def = report.data.city.kpis[kpis[row]]
      let id = "kpi.\(def.id)"
      switch c {
      case 0: return .text(report.catalog[id]?.label(l) ?? def.id)
      case 1: return .number(f.format(report.value(id, at: scope), unit: .custom(def.unit)))
      case 2:
        // Only the office's own target judges it; the city's target is the city's.
        let target = report.offices[o].facts.kpiTarget(kpis[row], city: nil)
        return .number(
          target.map {
            (def.direction == .up ? "≥" : "≤") + f.format(.number($0), unit: .custom(def.unit == "%" ? "%" : ""))
          } ?? "–")
      default:
        guard case .target(let t)? = report.value(id + ".status", at: scope) else {
          // No target of its own: the trend only.
          guard let d = report.change(id, at: scope), d != 0 else { return .text("") }
          return .text(d > 0 ? "▲" : "▼", Style(.faint))
        }
        return .text(t == .met ? "✓" : "✗", Style(t == .met ? .green : .red, bold: true))
      }
    }
    var kpis2 = kTable
    kpis2.moreText = Words.more(l)
    if kpis.isEmpty {
      b.put(Words.noData(l), x: kInner.x, y: kInner.y, width: kInner.width, style: Style(.faint))
    } else {
      kpis2.render(in: kInner, into: &b)
    }
  }
}
