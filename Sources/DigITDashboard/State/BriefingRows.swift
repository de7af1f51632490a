import DigITCore
import DigITMetrics
import DigITSnapshot

/// The stored weeks the briefing compares with, as the ``Effect/readStoredWeeks(_:)`` effect read them
/// for a report week: the week before and four weeks before (`nil` where not stored or not readable).
public struct StoredWeeks: Sendable {
  public var week: ISOWeek
  public var before: SnapshotState?
  public var fourWeeks: SnapshotState?
  /// Each project's RAG runs in the history database before `week` (`nil`: none could be read).
  public var ragRuns: RAGRuns?

  public init(week: ISOWeek, before: SnapshotState?, fourWeeks: SnapshotState?, ragRuns: RAGRuns? = nil) {
    self.week = week
    self.before = before
    self.fourWeeks = fourWeeks
    self.ragRuns = ragRuns
  }
}

extension AppState {
  /// "rot seit KW 44/2026" (amber alike) for a red or amber project, from the history; "seit spätestens"
  /// where the history does not reach back far enough (without any history: the report week).
  /// `short`: for lists — "seit KW 44/2026" without the colour, and nothing when the history knows no
  /// more than the report week.
  public func ragSince(office o: Int, project p: Int, short: Bool = false) -> String? {
    guard let rag = report.offices[o].projects[p].project?.rag, rag != .green else { return nil }
    let runs = storedWeeks.flatMap { $0.week == report.week ? $0.ragRuns : nil } ?? RAGRuns()
    let office = report.data.offices[o]
    let since = runs.since(office: office.id, project: office.projects[p].id, rag: rag, in: report.week)
    guard short else { return Words.ragSince(rag, since, language) }
    if since.week == report.week && since.atTheLatest { return nil }
    let full = Words.ragSince(rag, since, language)
    let colour = rag.label(language) + " "
    return full.hasPrefix(colour) ? String(full.dropFirst(colour.count)) : full
  }
}

/// The briefing panel's rows: a pure function of the state (its ``AppState/briefing``).
public enum BriefingRows {
  /// The briefing of a report: against the stored week before where ``StoredWeeks`` has it (of the same
  /// city and report week), else against the same feeds as of 7 days earlier (the title says which). A
  /// stored week read back has no feeds: without its stored week before, nothing is compared (and nothing
  /// is invented as new); the title says so.
  public static func compute(_ report: Report, stored: StoredWeeks?) -> Briefing {
    let city = report.data.city.name
    let usable = stored.flatMap { $0.week == report.week ? $0 : nil }
    let storedBefore = usable?.before.flatMap { $0.cityName == city ? $0 : nil }
    // The two states side by side (each walks every project of the city; the briefing is on the way to
    // the dashboard's first frame).
    let states = parallelMap(storedBefore == nil ? 2 : 1) { i -> SnapshotState? in
      i == 0 ? SnapshotState(report: report) : report.previous.map { SnapshotState(earlier: $0, than: report) }
    }
    let now = states[0]!
    let before = storedBefore ?? (states.count > 1 ? states[1] : nil)
    let four = usable?.fourWeeks.flatMap { $0.cityName == city ? $0 : nil }
    return Briefing(now: now, before: before, fourWeeks: four)
  }

  /// The sections a panel shows (all when its spec names none), in the briefing's order.
  public static func sections(_ spec: DashboardSpec.BriefingSpec, state: AppState) -> [Briefing.Section] {
    let all = state.briefingSections
    guard !spec.sections.isEmpty else { return all }
    return all.filter { spec.sections.contains($0.kind) }
  }

  /// A heading per section, then one row per item.
  public static func rows(_ spec: DashboardSpec.BriefingSpec, state: AppState) -> [RowItem] {
    var out: [RowItem] = []
    for (s, section) in sections(spec, state: state).enumerated() {
      out.append(.heading(section.title))
      out += section.rows.indices.map { .briefing(s, $0) }
    }
    return out
  }

  /// The briefing row behind a ``RowItem/briefing(_:_:)`` of the focused panel.
  static func row(_ s: Int, _ r: Int, spec: DashboardSpec.BriefingSpec, state: AppState) -> Briefing.Row? {
    let sections = sections(spec, state: state)
    guard s < sections.count, r < sections[s].rows.count else { return nil }
    return sections[s].rows[r]
  }

  /// What a briefing row opens, as the row of a table would: its office, project or KPI.
  static func item(_ target: Briefing.Target?, state: AppState) -> RowItem? {
    let data = state.report.data
    switch target {
    case .office(let id)?:
      return data.offices.firstIndex { $0.id == id }.map { .office($0) }
    case .project(let office, let id)?:
      guard let o = data.offices.firstIndex(where: { $0.id == office }),
        let p = data.offices[o].projects.firstIndex(where: { $0.id == id })
      else { return nil }
      return .project(o, p)
    case .kpi(let id)?:
      return data.city.kpis.firstIndex { $0.id == id }.map { .kpi($0) }
    case nil:
      return nil
    }
  }

  /// The briefing spec of the dashboard tab a frame stack starts from, if its focused panel is one.
  static func spec(of state: AppState) -> DashboardSpec.BriefingSpec? {
    guard case .dashboard(let i) = state.top.screen, i < state.tabs.count, let spec = state.tabs[i].spec else {
      return nil
    }
    for row in spec.rows {
      for panel in row.panels {
        switch panel.kind {
        case .briefing(let b): return b
        case .table, .list: return nil
        default: continue
        }
      }
    }
    return nil
  }
}
