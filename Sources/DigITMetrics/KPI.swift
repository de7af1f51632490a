import DigITCore

/// How the city's own KPI is defined in `city.yaml`.
public struct KPIDefinition: Sendable, Equatable {
  /// How office values of a KPI add up to the city value.
  public enum Aggregate: String, Sendable, CaseIterable { case sum, mean, max }
  /// Whether higher or lower values are better.
  public enum Direction: String, Sendable, CaseIterable { case up, down }

  /// `[a-z0-9_]+`, used in metric ids as `kpi.<id>`.
  public var id: String
  public var label: String
  public var labelEnglish: String?
  public var unit: String
  public var indexArea: IndexArea?
  public var aggregate: Aggregate
  public var target: Double?
  public var direction: Direction

  public init(
    id: String, label: String, labelEnglish: String? = nil, unit: String = "", indexArea: IndexArea? = nil,
    aggregate: Aggregate = .sum, target: Double? = nil, direction: Direction = .up
  ) {
    self.id = id
    self.label = label
    self.labelEnglish = labelEnglish
    self.unit = unit
    self.indexArea = indexArea
    self.aggregate = aggregate
    self.target = target
    self.direction = direction
  }
}

/// One weekly value of a KPI reported by an office.
public struct KPIValue: Sendable, Equatable {
  /// Index of the KPI in the city's `kpis`.
  public var kpi: Int32
  public var week: ISOWeek
  public var value: Double

  public init(kpi: Int32, week: ISOWeek, value: Double) {
    self.kpi = kpi
    self.week = week
    self.value = value
  }
}

/// A Smart City Index score of the city for one year and area.
public struct IndexScore: Sendable, Equatable {
  public var year: Int
  public var area: IndexArea
  /// Score 0–100.
  public var score: Double
  /// Rank among the cities, when published.
  public var rank: Int?

  public init(year: Int, area: IndexArea, score: Double, rank: Int?) {
    self.year = year
    self.area = area
    self.score = score
    self.rank = rank
  }
}
