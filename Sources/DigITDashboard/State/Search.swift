import DigITCore
import DigITFeeds
import DigITMetrics
import Synchronization

/// The search over the whole city (`:`, or `/` on a dashboard whose list has no match): offices,
/// projects, OZG services, milestones, backlog items and KPIs whose name (or id) contains the query.
/// Pure functions of the state; what is searched is listed once per loaded report (in the state's cache).
public enum Search {
  /// What the search looks through, for the state's data (built once per loaded report).
  static func index(_ state: AppState) -> SearchIndex {
    state.focusCache.searchIndex(state.generation) { SearchIndex(state) }
  }

  /// Every searchable row, by kind: offices, projects, services, milestones, backlog items, KPIs.
  static func candidates(_ state: AppState) -> [RowItem] { index(state).rows }

  /// The rows matching a query (name or id contains it, as the list filter matches): those whose name
  /// starts with it first, each group in the order of `candidates(_:)`. Nothing for an empty query.
  /// A query that extends the last one looks only through the last one's matches.
  public static func results(_ query: String, in state: AppState) -> [RowItem] {
    guard !query.isEmpty else { return [] }
    let index = index(state)
    let matches = index.matches(Rows.folded(query))
    let needle = Rows.folded(query)
    var first: [RowItem] = []
    var rest: [RowItem] = []
    for m in matches {
      if index.nameStarts(Int(m), with: needle) {
        first.append(index.rows[Int(m)])
      } else {
        rest.append(index.rows[Int(m)])
      }
    }
    return first + rest
  }

  /// What a result is: `Amt`, `Projekt`, `OZG-Leistung`, `Meilenstein`, `Eintrag`, `Kennzahl`.
  public static func kind(_ row: RowItem, _ l: Language) -> String {
    switch row {
    case .office: Words.officeOne(l)
    case .project: Words.searchProject(l)
    case .service: Words.searchService(l)
    case .milestone: Words.searchMilestone(l)
    case .item: Words.searchItem(l)
    case .kpi: Words.kpiHeader(l)
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

/// The names (and ids) of everything the search looks through, folded as the list filter folds them
/// (ASCII and Ä Ö Ü to lower case) into one byte buffer: a query is one scan over it, without a string
/// per row. The matches of the last query are kept, so that typing one more letter scans only them.
final class SearchIndex: Sendable {
  let rows: [RowItem]
  /// Per row: the folded name, then (for offices, projects and items) 0x1F and the folded id.
  private let text: [UInt8]
  /// Where each row's text starts; one more at the end.
  private let starts: [Int]
  private let last = Mutex<(needle: [UInt8], matches: [Int32])?>(nil)

  init(_ state: AppState) {
    let data = state.report.data
    var rows: [RowItem] = data.offices.indices.map { .office($0) }
    for (o, office) in data.offices.enumerated() { rows += office.projects.indices.map { .project(o, $0) } }
    for (o, office) in data.offices.enumerated() { rows += office.services.indices.map { .service(o, $0) } }
    for (o, office) in data.offices.enumerated() { rows += office.milestones.indices.map { .milestone(o, $0) } }
    for (o, office) in data.offices.enumerated() { rows += office.backlog.indices.map { .item(o, $0) } }
    rows += data.city.kpis.indices.map { .kpi($0) }
    var text: [UInt8] = []
    var starts: [Int] = []
    starts.reserveCapacity(rows.count + 1)
    func append(_ s: String) {
      var previous: UInt8 = 0
      for b in s.utf8 {
        text.append(Rows.fold(b, after: previous))
        previous = b
      }
    }
    for row in rows {
      starts.append(text.count)
      append(Rows.name(row, state: state))
      let id: String? =
        switch row {
        case .office(let o): data.offices[o].id
        case .project(let o, let p): data.offices[o].projects[p].id
        case .item(let o, let i): data.offices[o].text(data.offices[o].backlog[i].id)
        default: nil
        }
      if let id {
        text.append(0x1F)
        append(id)
      }
    }
    starts.append(text.count)
    self.rows = rows
    self.text = text
    self.starts = starts
  }

  /// The positions of the rows whose text contains the folded needle, in row order.
  func matches(_ needle: [UInt8]) -> [Int32] {
    let previous = last.withLock { $0 }
    let base: [Int32]? = previous.flatMap { p in needle.starts(with: p.needle) ? p.matches : nil }
    let found = text.withUnsafeBufferPointer { t in
      needle.withUnsafeBufferPointer { n in
        let scan = { (r: Int) -> Bool in Self.contains(t, from: self.starts[r], to: self.starts[r + 1], n) }
        if let base { return base.filter { scan(Int($0)) } }
        return (0..<rows.count).filter(scan).map { Int32($0) }
      }
    }
    last.withLock { $0 = (needle, found) }
    return found
  }

  /// Whether the row's name starts with the folded needle.
  func nameStarts(_ r: Int, with needle: [UInt8]) -> Bool {
    let from = starts[r]
    guard from + needle.count <= starts[r + 1] else { return false }
    for k in needle.indices where text[from + k] != needle[k] { return false }
    return true
  }

  private static func contains(
    _ t: UnsafeBufferPointer<UInt8>, from: Int, to: Int, _ n: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    let count = n.count
    guard count > 0, to - from >= count else { return count == 0 }
    let first = n[0]
    var i = from
    while i + count <= to {
      if t[i] == first {
        var k = 1
        while k < count && t[i + k] == n[k] { k += 1 }
        if k == count { return true }
      }
      i += 1
    }
    return false
  }
}
