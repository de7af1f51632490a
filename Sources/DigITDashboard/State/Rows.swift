import DigITCore
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
  /// Position in `state.snapshots` (a stored week).
  case storedWeek(Int)
  /// Office, feed file position in `DeliveryFiles.names` (a row of the delivery screen).
  case feed(Int, Int)
  /// Item `row` of section `section` of the focused briefing panel (``BriefingRows``).
  case briefing(Int, Int)
  /// A group heading (the office of the diagnostics below it).
  case heading(String)
  case line(String)
}

extension RowItem {
  /// Whether Enter opens the row (an office, project, …), not a heading, a line of text or a feed problem:
  /// the footer offers `Enter öffnen` where a list has such rows, and the selection skips the headings
  /// between them.
  public var opens: Bool {
    switch self {
    case .office, .project, .service, .milestone, .feed, .kpi, .storedWeek, .briefing: true
    default: false
    }
  }
}

/// The rows of tables and lists: filtered by the dashboard's scope and filter and the user's typed filter,
/// then sorted. Pure functions of the state, used by both the reducer (selection, drill-down) and the
/// screens.
public enum Rows {
  /// The rows of a spec'd table or list on a dashboard.
  public static func rows(
    _ kind: DashboardSpec.Rows, filter: DashboardSpec.Filter, scope: DashboardSpec.Scope, state: AppState
  ) -> [RowItem] {
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
      return officeIndices.flatMap { o in
        data.offices[o].projects.indices.filter { projectPasses(o, $0) }.map { .project(o, $0) }
      }
    case .services:
      return officeIndices.flatMap { o in data.offices[o].services.indices.map { .service(o, $0) } }
    case .kpis:
      return data.city.kpis.indices.map { .kpi($0) }
    case .index:
      return IndexArea.allCases.filter { a in data.indexScores.contains { $0.area == a } }.map { .indexArea($0) }
    case .milestones:
      // By due day (the most overdue first), then office and file order.
      let asOf = state.report.asOf
      let rows: [RowItem] = officeIndices.flatMap { o in
        data.offices[o].milestones.indices.filter { m in
          let ms = data.offices[o].milestones[m]
          guard projectPasses(o, Int(ms.project)) else { return false }
          if filter.overdue {
            guard let due = ms.due, due < asOf, !(ms.done.map { $0 <= asOf } ?? false) else { return false }
          }
          return true
        }.map { .milestone(o, $0) }
      }
      let due = rows.map { row -> Int32 in
        guard case .milestone(let o, let m) = row else { return .max }
        return data.offices[o].milestones[m].due?.rawValue ?? .max
      }
      return rows.indices.sorted { (due[$0], $0) < (due[$1], $1) }.map { rows[$0] }
    }
  }

  /// The name shown for a row, and matched by the typed filter.
  public static func name(_ row: RowItem, state: AppState) -> String {
    let data = state.report.data
    switch row {
    case .office(let o): return data.offices[o].displayName
    case .project(let o, let p): return data.offices[o].projects[p].title
    case .service(let o, let s): return data.offices[o].services[s].name
    case .kpi(let k):
      return state.report.catalog["kpi.\(data.city.kpis[k].id)"]?.label(state.language) ?? data.city.kpis[k].id
    case .indexArea(let a): return a.label(state.language)
    case .milestone(let o, let m): return data.offices[o].milestones[m].name
    case .item(let o, let i): return data.offices[o].text(data.offices[o].backlog[i].title)
    case .diagnostic(let i): return state.load.diagnostics[i].description(state.language)
    case .storedWeek(let i): return Words.weekLabel(state.snapshots[i].week, state.language)
    case .feed(let o, let f): return "\(data.offices[o].displayName) \(DeliveryFiles.names[f])"
    case .heading(let s), .line(let s): return s
    case .briefing(let s, let r):
      return BriefingRows.spec(of: state).flatMap { BriefingRows.row(s, r, spec: $0, state: state) }?.text ?? ""
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
    let needle = folded(text)
    let data = state.report.data
    return rows.filter { row in
      if contains(name(row, state: state), needle) { return true }
      switch row {
      case .office(let o): return contains(data.offices[o].id, needle)
      case .project(let o, let p): return contains(data.offices[o].projects[p].id, needle)
      case .feed(let o, _): return contains(data.offices[o].id, needle)
      case .item(let o, let i): return contains(data.offices[o].text(data.offices[o].backlog[i].id), needle)
      default: return false
      }
    }
  }

  /// ASCII letters to lower case; after 0xC3, the second bytes of Ä, Ö, Ü (0x84/0x96/0x9C) to those of
  /// ä, ö, ü (other letters are left alone).
  @inline(__always) static func fold(_ b: UInt8, after previous: UInt8 = 0) -> UInt8 {
    if b >= 0x41 && b <= 0x5A { return b + 0x20 }
    if previous == 0xC3 && (b == 0x84 || b == 0x96 || b == 0x9C) { return b + 0x20 }
    return b
  }

  static func folded(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    var previous: UInt8 = 0
    for b in s.utf8 {
      out.append(fold(b, after: previous))
      previous = b
    }
    return out
  }

  /// Whether `haystack` contains the folded `needle`, folding as it goes (no allocation: filtering
  /// 10,000 project titles on every typed character must stay fast).
  static func contains(_ haystack: String, _ needle: [UInt8]) -> Bool {
    var h = haystack
    return h.withUTF8 { bytes in
      let n = needle.count
      guard n <= bytes.count else { return false }
      var i = 0
      while i + n <= bytes.count {
        var k = 0
        while k < n && fold(bytes[i + k], after: i + k > 0 ? bytes[i + k - 1] : 0) == needle[k] { k += 1 }
        if k == n { return true }
        i += 1
      }
      return false
    }
  }

  /// Sorts rows by a metric (or by name with `metric` nil); rows without a value go last; ties keep their
  /// order. RAG sorts red > amber > green, and of one colour the earliest due day first; dates by day.
  public static func sorted(_ rows: [RowItem], by metric: String?, descending: Bool, state: AppState) -> [RowItem] {
    guard let metric, let m = state.report.catalog[metric] else {
      let names = rows.map { folded(name($0, state: state)) }
      let order = rows.indices.sorted { a, b in
        if names[a] != names[b] {
          return descending
            ? names[b].lexicographicallyPrecedes(names[a]) : names[a].lexicographicallyPrecedes(names[b])
        }
        return a < b
      }
      return order.map { rows[$0] }
    }
    // One number per row (NaN: no value), then a stable sort of positions.
    let keys: [Double] = rows.map { row in
      guard let scope = scope(row) else { return .nan }
      if m.isSeries {
        // The report week: series end with the last complete week.
        guard let values = state.report.series(m, at: scope), let last = values.last else { return .nan }
        return last ?? .nan
      }
      switch state.report.value(m, at: scope) {
      case .rag(let r)?: return Double(RAG.allCases.firstIndex(of: r)!)
      case .target(let t)?: return t == .met ? 1 : 0
      case let v?: return v.numeric ?? .nan
      case nil: return .nan
      }
    }
    // Of one RAG colour, the earliest due day first (the most urgent).
    let due: [Double] =
      metric == "project.rag"
      ? rows.map { row in
        guard let scope = scope(row), case .day(let d)? = state.report.value("project.due", at: scope) else {
          return .infinity
        }
        return Double(d.rawValue)
      } : []
    let order = keys.withUnsafeBufferPointer { k in
      rows.indices.sorted { a, b in
        let p = k[a]
        let q = k[b]
        if p.isNaN || q.isNaN { return !p.isNaN && q.isNaN ? true : (p.isNaN == q.isNaN && a < b) }
        if p != q { return descending ? p > q : p < q }
        if !due.isEmpty && due[a] != due[b] { return due[a] < due[b] }
        return a < b
      }
    }
    return order.map { rows[$0] }
  }
}
