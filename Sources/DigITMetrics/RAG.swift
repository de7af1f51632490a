import DigITCore

/// The traffic-light status of an open project.
///
/// The raw values (`red`, `amber`, `green`) are the codes snapshots and JSON output use. Done and cancelled
/// projects have no status.
public enum RAG: String, Sendable, CaseIterable, Comparable {
  /// On track: no reason for amber or red (○).
  case green
  /// At risk: at least one amber reason and no red one (◐).
  case amber
  /// In trouble: at least one red reason (●).
  case red

  /// Red is worst.
  public static func < (a: RAG, b: RAG) -> Bool { a.severity < b.severity }
  var severity: Int { self == .green ? 0 : self == .amber ? 1 : 2 }

  /// "rot", "gelb", "grün" or "red", "amber", "green".
  public func label(_ language: Language) -> String {
    switch self {
    case .red: Words.ragRed(language)
    case .amber: Words.ragAmber(language)
    case .green: Words.ragGreen(language)
    }
  }

  /// A symbol that carries the status without colour: ● red, ◐ amber, ○ green.
  public var symbol: String { self == .red ? "●" : self == .amber ? "◐" : "○" }
}

/// Why a project is red or amber. The rules (see ``Aggregator``):
///
/// - red: ``blocked``; ``overdue(due:)`` (due before the as-of day while planned or active);
///   ``budgetOverrun(spent:planned:factor:)`` (spent more than `budget_overrun_factor` × planned,
///   planned > 0)
/// - amber: ``forecastLate(p85:due:)`` (forecast P85 after the due day);
///   ``milestoneOverdue(name:due:)`` (due before the as-of day and not done by it);
///   ``stale(updated:days:)`` (active and last updated more than `stale_days` before the as-of day);
///   ``overBudget(spent:planned:)`` (spent more than planned); ``highRisk``
public enum RAGReason: Sendable, Equatable {
  /// Red: the project's status is blocked.
  case blocked
  /// Red: a planned or active project whose due day lies before the as-of day.
  case overdue(due: Day)
  /// Red: `spent` (euros) exceeds `factor` × `planned` (the city's ``Thresholds/budgetOverrunFactor``).
  case budgetOverrun(spent: Double, planned: Double, factor: Double)
  /// Amber: the forecast P85 day lies after the due day.
  case forecastLate(p85: Day, due: Day)
  /// Amber: the milestone `name` was due before the as-of day and is not done by it.
  case milestoneOverdue(name: String, due: Day)
  /// Amber: an active project last updated on `updated`, `days` days before the as-of day (more than
  /// ``Thresholds/staleDays``).
  case stale(updated: Day, days: Int)
  /// Amber: more spent than planned (euros), but not enough for ``budgetOverrun(spent:planned:factor:)``.
  case overBudget(spent: Double, planned: Double)
  /// Amber: the project reports ``RiskLevel/high``.
  case highRisk
  /// A reason as a stored snapshot recorded it (its code, level and words), read back for display.
  case recorded(code: String, level: RAG, german: String, english: String)

  /// The status this reason stands for.
  public var level: RAG {
    switch self {
    case .blocked, .overdue, .budgetOverrun: .red
    case .forecastLate, .milestoneOverdue, .stale, .overBudget, .highRisk: .amber
    case .recorded(_, let level, _, _): level
    }
  }

  /// A stable code for programs: `blocked`, `overdue`, `budget_overrun`, `forecast_late`,
  /// `milestone_overdue`, `stale`, `over_budget`, `high_risk`.
  public var code: String {
    switch self {
    case .blocked: "blocked"
    case .overdue: "overdue"
    case .budgetOverrun: "budget_overrun"
    case .forecastLate: "forecast_late"
    case .milestoneOverdue: "milestone_overdue"
    case .stale: "stale"
    case .overBudget: "over_budget"
    case .highRisk: "high_risk"
    case .recorded(let code, _, _, _): code
    }
  }

  /// The reason in words, e.g. "überfällig seit 12.11.2026" or "overdue since 2026-11-12".
  /// Milestone names come from the feeds; callers that print them must sanitise them for their medium.
  public func text(_ language: Language) -> String {
    let f = MetricFormatter(language: language)
    let l = language
    switch self {
    case .blocked: return Words.statusBlocked(l)
    case .overdue(let due): return Words.reasonOverdue(l, f.date(due))
    case .budgetOverrun(let spent, let planned, let factor):
      return Words.reasonBudgetOverrun(l, f.percent(spent / planned), f.percent(factor))
    case .forecastLate(let p85, let due): return Words.reasonForecastLate(l, f.date(p85), f.date(due))
    case .milestoneOverdue(let name, let due): return Words.reasonMilestoneOverdue(l, name, f.date(due))
    case .stale(let updated, let days): return Words.reasonStale(l, "\(days)", f.date(updated))
    case .overBudget(let spent, let planned): return Words.reasonOverBudget(l, f.percent(spent / planned))
    case .highRisk: return Words.reasonHighRisk(l)
    case .recorded(_, _, let german, let english): return l == .de ? german : english
    }
  }
}

/// Whether a KPI meets its target.
///
/// The raw values (`met`, `off_track`) are the codes snapshots and JSON output use.
public enum TargetStatus: String, Sendable, CaseIterable {
  /// The latest value reaches the target: at least it (direction up) or at most it (direction down).
  case met
  /// The latest value misses the target.
  case offTrack = "off_track"

  /// "erreicht" / "nicht erreicht" in German, "met" / "off track" in English.
  public func label(_ language: Language) -> String {
    switch self {
    case .met: Words.targetMet(language)
    case .offTrack: Words.targetOffTrack(language)
    }
  }
}
