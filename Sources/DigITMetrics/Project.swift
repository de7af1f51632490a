import DigITCore

/// A digitalization project of an office, as its `projects.csv` row describes it.
public struct Project: Sendable, Equatable {
  /// City-wide unique id, e.g. `P-33-001`.
  public var id: String
  /// The id of the office that runs it.
  public var officeID: String
  public var title: String
  /// A free word such as `ozg`, `e-akte`, `infrastruktur`; empty when not given.
  public var category: String
  public var status: ProjectStatus
  public var owner: String
  public var start: Day?
  public var due: Day?
  /// Planned budget in euros.
  public var budgetPlanned: Double?
  /// Budget spent so far in euros.
  public var budgetSpent: Double?
  public var indexArea: IndexArea?
  /// The day of the last status update.
  public var updated: Day?
  public var risk: RiskLevel?
  /// The line of the project in its `projects.csv`, for messages.
  public var line: Int

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

/// A milestone of a project.
public struct Milestone: Sendable, Equatable {
  /// Index of the project in its office's `projects`.
  public var project: Int32
  public var name: String
  public var due: Day?
  /// The day it was reached; `nil` while not reached.
  public var done: Day?

  public init(project: Int32, name: String, due: Day?, done: Day?) {
    self.project = project
    self.name = name
    self.due = due
    self.done = done
  }
}
