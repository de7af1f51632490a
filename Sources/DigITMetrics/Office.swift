import DigITCore

/// An office (Amt) with everything its feed folder delivered.
public struct Office: Sendable, Equatable {
  /// The folder name, e.g. `buergeramt`.
  public var id: String
  public var name: String
  /// The office number, e.g. `33`, shown as "Amt 33"; empty when not given.
  public var number: String
  public var department: String
  /// The office's DigIT coordinator.
  public var coordinator: String
  /// The day the coordinator started.
  public var digitSince: Day?
  /// `data_as_of` from `office.yaml`: the Datenstand the office declares (wins over the one read from
  /// its rows, see ``dataAsOf``).
  public var declaredDataAsOf: Day?
  /// The feed files that are missing or unusable (see ``FeedFileKind``), set by the feed loader.
  public var missingFeeds: [FeedFileKind] = []
  /// The office's own KPI targets by KPI id (`targets:` in `office.yaml`, or the `target` column of its
  /// `kpis.csv`). An office KPI is judged only against these, never against the city's target.
  public var kpiTargets: [String: Double] = [:]
  public var projects: [Project] = []
  public var milestones: [Milestone] = []
  public var backlog: [BacklogItem] = []
  public var services: [OZGService] = []
  public var ozg: [OZGWeek] = []
  public var kpis: [KPIValue] = []
  /// Ids and titles of the backlog items.
  public var texts = TextPool()

  public init(
    id: String, name: String, number: String = "", department: String = "", coordinator: String = "",
    digitSince: Day? = nil
  ) {
    self.id = id
    self.name = name
    self.number = number
    self.department = department
    self.coordinator = coordinator
    self.digitSince = digitSince
  }

  /// The text behind a reference of one of this office's backlog items.
  public func text(_ ref: TextRef) -> String { texts[ref] }

  /// "Amt 33 – Bürgeramt", or the name alone without a number.
  public var displayName: String { number.isEmpty ? name : "Amt \(number) – \(name)" }
}

/// Everything read from a data root: the city, the index scores and the offices (sorted by id).
public struct DataSet: Sendable, Equatable {
  public var city: City
  public var indexScores: [IndexScore]
  public var offices: [Office]

  public init(city: City, indexScores: [IndexScore] = [], offices: [Office] = []) {
    self.city = city
    self.indexScores = indexScores
    self.offices = offices
  }
}
