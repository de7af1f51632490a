import DigITCore

/// A digitalization project of an office, as its `projects.csv` row describes it.
public struct Project: Sendable, Equatable {
  /// City-wide unique id, e.g. `P-33-001`.
  public var id: String
  /// The id of the office that runs it.
  public var officeID: String
  /// The project's title as the office wrote it (feed text: make it inert before showing it).
  public var title: String
  /// A free word such as `ozg`, `e-akte`, `infrastruktur`; empty when not given.
  public var category: String
  /// Where the project stands; only open projects (planned, active, blocked) get a ``RAG`` status.
  public var status: ProjectStatus
  /// The person responsible; empty when not given.
  public var owner: String
  /// The planned start day, if given. A project may start after the as-of day.
  public var start: Day?
  /// The due day, if given. An open project due before the as-of day is overdue (red), and the forecast
  /// is compared with it.
  public var due: Day?
  /// Planned budget in euros (≥ 0), if given. With 0 or `nil`, `project.budget_used` has no value and
  /// the budget rules do not apply.
  public var budgetPlanned: Double?
  /// Budget spent so far in euros (≥ 0), if given. Above ``Thresholds/budgetOverrunFactor`` × planned the
  /// project is red; above planned it is amber.
  public var budgetSpent: Double?
  /// The Smart City Index area the project pays into, if given (informational).
  public var indexArea: IndexArea?
  /// The day of the last status update. An active project not updated for more than
  /// ``Thresholds/staleDays`` before the as-of day is stale (amber); without it, it is never judged stale.
  public var updated: Day?
  /// The risk the office reports; ``RiskLevel/high`` makes an open project amber.
  public var risk: RiskLevel?
  /// The line of the project in its `projects.csv`, for messages.
  public var line: Int

  /// Makes a project; only the id, the office, the title and the status are required.
  public init(
    id: String, officeID: String, title: String, category: String = "", status: ProjectStatus,
    owner: String = "", start: Day? = nil, due: Day? = nil, budgetPlanned: Double? = nil,
    budgetSpent: Double? = nil, indexArea: IndexArea? = nil, updated: Day? = nil, risk: RiskLevel? = nil,
    line: Int = 0
  ) {
    self.id = id
    self.officeID = officeID
    self.title = title
    self.category = category
    self.status = status
    self.owner = owner
    self.start = start
    self.due = due
    self.budgetPlanned = budgetPlanned
    self.budgetSpent = budgetSpent
    self.indexArea = indexArea
    self.updated = updated
    self.risk = risk
    self.line = line
  }
}

/// A milestone of a project, a row of `milestones.csv`.
///
/// A milestone due before the as-of day and not done by it makes its open project amber and counts in
/// `project.milestones_overdue`; milestones done by the as-of day give `project.progress`.
public struct Milestone: Sendable, Equatable {
  /// Index of the project in its office's `projects`.
  public var project: Int32
  /// The milestone's name, e.g. `Pilotbetrieb` (feed text).
  public var name: String
  /// The day it is due, if given; without it the milestone is never overdue.
  public var due: Day?
  /// The day it was reached; `nil` while not reached. A day after the as-of day counts as not reached yet.
  public var done: Day?

  /// Makes a milestone of the project at index `project` of its office.
  public init(project: Int32, name: String, due: Day?, done: Day?) {
    self.project = project
    self.name = name
    self.due = due
    self.done = done
  }
}
