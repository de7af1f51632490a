import DigITFeeds
import DigITMetrics

/// One row of a table or list: what it stands for, by position in the data set.
public enum RowItem: Equatable, Sendable {
  case office(Int)
  case project(Int, Int)
  case service(Int, Int)
  /// Position in `city.kpis`.
  case kpi(Int)
  case indexArea(IndexArea)
  /// Office, milestone position in that office.
  case milestone(Int, Int)
  /// Office, backlog item position in that office.
  case item(Int, Int)
  case diagnostic(Int)
  case line(String)
}

/// The rows of tables and lists: filtered by the dashboard's scope and filter and the user's typed filter,
/// then sorted. Pure functions of the state, used by both the reducer (selection, drill-down) and the
/// screens.
public enum Rows {
  /// The rows of a spec'd table or list on a dashboard.
  public static func rows(_ kind: DashboardSpec.Rows, filter: DashboardSpec.Filter, scope: DashboardSpec.Scope, state: AppState) -> [RowItem] {
    let data = state.report.data
    let officeIndices: [Int] = {
      if case .office(let id) = scope { return data.offices.indices.filter { data.offices[$0].id == id } }
      return Array(data.offices.indices)
    }()
    var category = filter.category
    if case .category(let c) = scope { category = c }
    func projectPasses(_ o: Int, _ p: Int) -> Bool {
      let project = data.offices[o].projects[p]
      if let category, project.category.lowercased() != category.lowercased() { return false }
      if !filter.rag.isEmpty {
        guard let rag = state.report.offices[o].projects[p].project?.rag, filter.rag.contains(rag) else { return false }
      }
      return true
    }
    switch kind {
    case .offices:
      return officeIndices.map { .office($0) }
    case .projects:
      return officeIndices.flatMap { o in data.offices[o].projects.indices.filter { projectPasses(o, $0) }.map { .project(o, $0) } }
    case .services:
      return officeIndices.flatMap { o in data.offices[o].services.indices.map { .service(o, $0) } }
    case .kpis:
      return data.city.kpis.indices.map { .kpi($0) }
    case .index:
      return IndexArea.allCases.filter { a in data.indexScores.contains { $0.area == a } }.map { .indexArea($0) }
    case .milestones:
      let asOf = state.report.asOf
      return officeIndices.flatMap { o in
        data.offices[o].milestones.indices.filter { m in
          let ms = data.offices[o].milestones[m]
          guard projectPasses(o, Int(ms.project)) else { return false }
          if filter.overdue {
            guard let due = ms.due, due < asOf, !(ms.done.map { $0 <= asOf } ?? false) else { return false }
          }
          return true
        }.map { .milestone(o, $0) }
      }
    }
  }

  /// The name shown for a row, and matched by the typed filter.
  public static func name(_ row: RowItem, state: AppState) -> String {
    let data = state.report.data
    switch row {
    case .office(let o): return data.offices[o].displayName
    case .project(let o, let p): return data.offices[o].projects[p].title
    case .service(let o, let s): return data.offices[o].services[s].name
    case .kpi(let k): return state.report.catalog["kpi.\(data.city.kpis[k].id)"]?.label(state.language) ?? data.city.kpis[k].id
    case .indexArea(let a): return state.language == .de ? a.rawValue : a.englishName
    case .milestone(let o, let m): return data.offices[o].milestones[m].name
    case .item(let o, let i): return data.offices[o].text(data.offices[o].backlog[i].title)
    case .diagnostic(let i): return state.load.diagnostics[i].description
    case .line(let s): return s
    }
  }

  /// The metric scope of a row, if it has one.
  public static func scope(_ row: RowItem) -> ScopeRef? {
    switch row {
    case .office(let o): .office(o)
    case .project(let o, let p): .project(o, p)
    case .service(let o, let s): .service(o, s)
    default: nil
    }
  }

  /// Keeps the rows whose name (or id) contains the typed filter, case-insensitively.
  public static func filtered(_ rows: [RowItem], by text: String, state: AppState) -> [RowItem] {
    guard !text.isEmpty else { return rows }
    let needle = text.lowercased()
    let data = state.report.data
    return rows.filter { row in
      if name(row, state: state).lowercased().contains(needle) { return true }
      switch row {
      case .office(let o): return data.offices[o].id.contains(needle)
      case .project(let o, let p): return data.offices[o].projects[p].id.lowercased().contains(needle)
      default: return false
      }
    }
  }

  /// Sorts rows by a metric (or by name with `metric` nil); rows without a value go last; ties keep their
  /// order. RAG sorts red > amber > green, dates by day.
  public static func sorted(_ rows: [RowItem], by metric: String?, descending: Bool, state: AppState) -> [RowItem] {
    let keyed: [(RowItem, Double?, String)] = rows.map { row in
      guard let metric, let scope = scope(row), let m = state.report.catalog[metric] else {
        return (row, nil, name(row, state: state).lowercased())
      }
      if m.isSeries { return (row, state.report.series(m, at: scope)?.last.flatMap { $0 }, "") }
      switch state.report.value(m, at: scope) {
      case .rag(let r)?: return (row, Double(RAG.allCases.firstIndex(of: r)!), "")
      case .target(let t)?: return (row, t == .met ? 1 : 0, "")
      case let v?: return (row, v.numeric, "")
      case nil: return (row, nil, "")
      }
    }
    let order = keyed.indices.sorted { a, b in
      let x = keyed[a], y = keyed[b]
      if metric == nil {
        if x.2 != y.2 { return descending ? x.2 > y.2 : x.2 < y.2 }
        return a < b
      }
      switch (x.1, y.1) {
      case (let p?, let q?) where p != q: return descending ? p > q : p < q
      case (nil, _?): return false
      case (_?, nil): return true
      default: return a < b
      }
    }
    return order.map { keyed[$0].0 }
  }
}
