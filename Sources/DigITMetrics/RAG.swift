import DigITCore

/// The traffic-light status of an open project.
public enum RAG: String, Sendable, CaseIterable, Comparable {
  case green, amber, red

  /// Red is worst.
  public static func < (a: RAG, b: RAG) -> Bool { a.severity < b.severity }
  var severity: Int { self == .green ? 0 : self == .amber ? 1 : 2 }

  /// "rot", "gelb", "grün" or "red", "amber", "green".
  public func label(_ language: Language) -> String {
    switch (self, language) {
    case (.red, .de): "rot"
    case (.amber, .de): "gelb"
    case (.green, .de): "grün"
    case (_, .en): rawValue
    }
  }

  /// A symbol that carries the status without colour: ● red, ◐ amber, ○ green.
  public var symbol: String { self == .red ? "●" : self == .amber ? "◐" : "○" }
}

/// Why a project is red or amber. The rules (see ``Aggregator``):
///
/// - red: ``blocked``; ``overdue`` (due before the as-of day while planned or active);
///   ``budgetOverrun`` (spent more than `budget_overrun_factor` × planned, planned > 0)
/// - amber: ``forecastLate`` (forecast P85 after the due day); ``milestoneOverdue`` (due before the as-of
///   day and not done by it); ``stale`` (active and last updated more than `stale_days` before the as-of
///   day); ``overBudget`` (spent more than planned); ``highRisk``
public enum RAGReason: Sendable, Equatable {
  case blocked
  case overdue(due: Day)
  case budgetOverrun(spent: Double, planned: Double, factor: Double)
  case forecastLate(p85: Day, due: Day)
  case milestoneOverdue(name: String, due: Day)
  case stale(updated: Day, days: Int)
  case overBudget(spent: Double, planned: Double)
  case highRisk

  /// The status this reason stands for.
  public var level: RAG {
    switch self {
    case .blocked, .overdue, .budgetOverrun: .red
    case .forecastLate, .milestoneOverdue, .stale, .overBudget, .highRisk: .amber
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
    }
  }

  /// The reason in words, e.g. "überfällig seit 12.11.2026" or "overdue since 2026-11-12".
  /// Milestone names come from the feeds; callers that print them must sanitise them for their medium.
  public func text(_ language: Language) -> String {
    let f = MetricFormatter(language: language)
    switch (self, language) {
    case (.blocked, .de): return "blockiert"
    case (.blocked, .en): return "blocked"
    case (.overdue(let due), .de): return "überfällig seit \(f.date(due))"
    case (.overdue(let due), .en): return "overdue since \(f.date(due))"
    case (.budgetOverrun(let spent, let planned, let factor), .de):
      return "Budget überschritten: \(f.percent(spent / planned)) verbraucht (Grenze \(f.percent(factor)))"
    case (.budgetOverrun(let spent, let planned, let factor), .en):
      return "budget overrun: \(f.percent(spent / planned)) spent (limit \(f.percent(factor)))"
    case (.forecastLate(let p85, let due), .de):
      return "Prognose P85 \(f.date(p85)) nach Fälligkeit \(f.date(due))"
    case (.forecastLate(let p85, let due), .en):
      return "forecast P85 \(f.date(p85)) after due date \(f.date(due))"
    case (.milestoneOverdue(let name, let due), .de): return "Meilenstein „\(name)“ überfällig seit \(f.date(due))"
    case (.milestoneOverdue(let name, let due), .en): return "milestone “\(name)” overdue since \(f.date(due))"
    case (.stale(let updated, let days), .de): return "seit \(days) Tagen nicht aktualisiert (\(f.date(updated)))"
    case (.stale(let updated, let days), .en): return "not updated for \(days) days (\(f.date(updated)))"
    case (.overBudget(let spent, let planned), .de): return "über Budget: \(f.percent(spent / planned)) verbraucht"
    case (.overBudget(let spent, let planned), .en): return "over budget: \(f.percent(spent / planned)) spent"
    case (.highRisk, .de): return "Risiko hoch"
    case (.highRisk, .en): return "high risk"
    }
  }
}

/// Whether a KPI meets its target.
public enum TargetStatus: String, Sendable, CaseIterable {
  case met
  case offTrack = "off_track"

  public func label(_ language: Language) -> String {
    switch (self, language) {
    case (.met, .de): "erreicht"
    case (.offTrack, .de): "nicht erreicht"
    case (.met, .en): "met"
    case (.offTrack, .en): "off track"
    }
  }
}
