import DigITCore

/// How the city's own KPI is defined in `city.yaml`.
///
/// Each definition adds the metric `kpi.<id>` (per office the latest value with week ≤ the as-of week,
/// for the city the ``aggregate`` over the offices that report one) and, with a ``target``,
/// `kpi.<id>.attainment` and `kpi.<id>.status`.
public struct KPIDefinition: Sendable, Equatable {
  /// How office values of a KPI add up to the city value.
  public enum Aggregate: String, Sendable, CaseIterable {
    /// The sum of the offices' latest values (the default), e.g. for counts of services.
    case sum
    /// The mean of the offices' latest values, e.g. for shares in percent.
    case mean
    /// The largest of the offices' latest values, e.g. for a city-wide count that every office reports.
    case max
  }
  /// Whether higher or lower values are better.
  public enum Direction: String, Sendable, CaseIterable {
    /// Higher is better (the default): met when the value is at least the target; attainment is
    /// value / target.
    case up
    /// Lower is better: met when the value is at most the target; attainment is target / value (1 for a
    /// value of 0).
    case down
  }

  /// `[a-z0-9_]+`, used in metric ids as `kpi.<id>`.
  public var id: String
  /// The German label (required), e.g. `Anteil Online-Anträge`.
  public var label: String
  /// The English label, if given; English output falls back to ``label`` without it.
  public var labelEnglish: String?
  /// A short German label for narrow places (tiles, table headers), e.g. `Online-Quote`; the label without it.
  public var shortLabel: String?
  /// A short English label; the short German one, then the English label, without it.
  public var shortLabelEnglish: String?
  /// The unit as written in `city.yaml` (e.g. `%`, `Tage`); shown as is, empty when not given.
  public var unit: String
  /// The Smart City Index area the KPI belongs to, if given (informational).
  public var indexArea: IndexArea?
  /// How the offices' values add up to the city value (default ``Aggregate/sum``).
  public var aggregate: Aggregate
  /// The target value, if any; without it there are no `.attainment` and `.status` metrics.
  public var target: Double?
  /// Whether higher or lower values are better (default ``Direction/up``).
  public var direction: Direction

  /// Makes a definition with the defaults of `city.yaml`: sum over offices, higher is better, no target.
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
  /// The ISO week the value is for; it counts when the week is ≤ the as-of week.
  public var week: ISOWeek
  /// The value in the KPI's unit.
  public var value: Double

  /// Makes a value of the KPI at index `kpi` of the city's ``City/kpis``.
  public init(kpi: Int32, week: ISOWeek, value: Double) {
    self.kpi = kpi
    self.week = week
    self.value = value
  }
}

/// A Smart City Index score of the city for one year and area.
///
/// A row of `index/smart-city-index.csv`. The index metrics read the latest year up to the as-of year and
/// the year before it.
public struct IndexScore: Sendable, Equatable {
  /// The index year, e.g. 2025.
  public var year: Int
  /// The area, or ``IndexArea/gesamt`` for the total score and rank.
  public var area: IndexArea
  /// Score 0–100.
  public var score: Double
  /// Rank among the cities, when published.
  public var rank: Int?

  /// Makes a score of one year and area.
  public init(year: Int, area: IndexArea, score: Double, rank: Int?) {
    self.year = year
    self.area = area
    self.score = score
    self.rank = rank
  }
}
