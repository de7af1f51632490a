import DigITCore
import DigITFeeds
import DigITMetrics

/// The search over the whole city (`:`, or `/` on a dashboard whose list has no match): offices,
/// projects, OZG services, milestones, backlog items and KPIs whose name (or id) contains the query.
/// Pure functions of the state; what is searched is listed once per loaded report (in the state's cache).
public enum Search {
  /// Every searchable row, by kind: offices, projects, services, milestones, backlog items, KPIs.
  static func candidates(_ state: AppState) -> [RowItem] {
    state.focusCache.searchRows(state.generation) {
      let offices = state.report.data.offices
      var rows: [RowItem] = offices.indices.map { .office($0) }
      for (o, office) in offices.enumerated() { rows += office.projects.indices.map { .project(o, $0) } }
      for (o, office) in offices.enumerated() { rows += office.services.indices.map { .service(o, $0) } }
      for (o, office) in offices.enumerated() { rows += office.milestones.indices.map { .milestone(o, $0) } }
      for (o, office) in offices.enumerated() { rows += office.backlog.indices.map { .item(o, $0) } }
      rows += state.report.data.city.kpis.indices.map { .kpi($0) }
      return rows
    }
  }

  /// The rows matching a query: those whose name starts with it first, each group in the order of
  /// ``candidates(_:)``. Nothing for an empty query.
  public static func results(_ query: String, in state: AppState) -> [RowItem] {
    guard !query.isEmpty else { return [] }
    return ranked(Rows.filtered(candidates(state), by: query, state: state), query, state)
  }

  /// Matches of a longer query among the results of a shorter one (typing narrows): the same rows in the
  /// same order as ``results(_:in:)``.
  static func narrowed(_ shorter: [RowItem], _ query: String, in state: AppState) -> [RowItem] {
    let rows = Rows.filtered(shorter, by: query, state: state)
    return ranked(rows.sorted { position($0) < position($1) }, query, state)
  }

  /// Where a row stands in ``candidates(_:)``: kind, office, position.
  static func position(_ row: RowItem) -> (Int, Int, Int) {
    switch row {
    case .office(let o): (0, o, 0)
    case .project(let o, let p): (1, o, p)
    case .service(let o, let s): (2, o, s)
    case .milestone(let o, let m): (3, o, m)
    case .item(let o, let i): (4, o, i)
    case .kpi(let k): (5, 0, k)
    default: (6, 0, 0)
    }
  }

  private static func ranked(_ rows: [RowItem], _ query: String, _ state: AppState) -> [RowItem] {
    let needle = Rows.folded(query)
    var first: [RowItem] = []
    var rest: [RowItem] = []
    for row in rows {
      if Rows.folded(Rows.name(row, state: state)).starts(with: needle) { first.append(row) } else { rest.append(row) }
    }
    return first + rest
  }

  /// What a result is: `Amt`, `Projekt`, `OZG-Leistung`, `Meilenstein`, `Eintrag`, `Kennzahl`.
  public static func kind(_ row: RowItem, _ l: Language) -> String {
    switch row {
    case .office: Words.searchOffice(l)
    case .project: Words.searchProject(l)
    case .service: Words.searchService(l)
    case .milestone: Words.searchMilestone(l)
    case .item: Words.searchItem(l)
    case .kpi: Words.searchKPI(l)
    default: ""
    }
  }

  /// The office a result belongs to (the city for KPIs).
  public static func office(_ row: RowItem, _ state: AppState) -> String {
    let offices = state.report.data.offices
    switch row {
    case .office(let o), .project(let o, _), .service(let o, _), .milestone(let o, _), .item(let o, _):
      return offices[o].displayName
    case .kpi: return state.report.data.city.name
    default: return ""
    }
  }

  /// The project id of a result that belongs to one (project, milestone, backlog item).
  public static func project(_ row: RowItem, _ state: AppState) -> String {
    let offices = state.report.data.offices
    switch row {
    case .project(let o, let p): return offices[o].projects[p].id
    case .milestone(let o, let m): return offices[o].projects[Int(offices[o].milestones[m].project)].id
    case .item(let o, let i): return offices[o].projects[Int(offices[o].backlog[i].project)].id
    default: return ""
    }
  }
}
