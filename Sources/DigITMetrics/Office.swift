import DigITCore

/// An office (Amt) with everything its feed folder delivered.
public struct Office: Sendable, Equatable {
  /// The folder name, e.g. `buergeramt`.
  public var id: String
  /// The office's name from `office.yaml`, e.g. `Bürgeramt` (without the number; see ``displayName``).
  public var name: String
  /// The office number, e.g. `33`, shown as "Amt 33"; empty when not given.
  public var number: String
  /// The department (Dezernat) the office belongs to, e.g. `Dezernat III`; empty when not given.
  public var department: String
  /// The office's DigIT coordinator (a name); empty when not given.
  public var coordinator: String
  /// The day the coordinator started (`digit_since`); `nil` when the office has no coordinator yet.
  public var digitSince: Day?
  /// `data_as_of` from `office.yaml`: the Datenstand the office declares (wins over the one read from
  /// its rows, see ``dataAsOf``).
  public var declaredDataAsOf: Day?
  /// The feed files that are missing or unusable (see ``FeedFileKind``), set by the feed loader.
  public var missingFeeds: [FeedFileKind] = []
  /// The office's own KPI targets by KPI id (`targets:` in `office.yaml`, or the `target` column of its
  /// `kpis.csv`). An office KPI is judged only against these, never against the city's target.
  public var kpiTargets: [String: Double] = [:]
  /// The projects of `projects.csv`, in file order. Milestones and backlog items refer to them by index.
  public var projects: [Project] = []
  /// The milestones of `milestones.csv`, in file order; ``Milestone/project`` is an index into ``projects``.
  public var milestones: [Milestone] = []
  /// The backlog items of `backlog.csv`, in file order; ``BacklogItem/project`` is an index into
  /// ``projects``, ids and titles live in ``texts``, types and priorities in ``labels``.
  public var backlog: [BacklogItem] = []
  /// The distinct OZG services of `ozg.csv`, in order of first appearance; ``OZGWeek/service`` is an index
  /// into this array.
  public var services: [OZGService] = []
  /// The rows of `ozg.csv`: one per service and ISO week.
  public var ozg: [OZGWeek] = []
  /// The rows of `kpis.csv`: one per KPI and ISO week; ``KPIValue/kpi`` is an index into the city's
  /// ``City/kpis``.
  public var kpis: [KPIValue] = []
  /// Ids and titles of the backlog items.
  public var texts = TextPool()
  /// Types and priorities of the backlog items.
  public var labels = LabelPool()

  /// Makes an office without any feed rows; add them to ``projects``, ``backlog`` and the others.
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

  /// The type of one of this office's backlog items (`feature`, `bug` …; empty when the feed gave none).
  public func type(of item: BacklogItem) -> String { labels[item.labels].type }

  /// The priority of one of this office's backlog items (`hoch`, `mittel` …; empty when the feed gave none).
  public func priority(of item: BacklogItem) -> String { labels[item.labels].priority }

  /// "Amt 33 – Bürgeramt", or the name alone without a number.
  public var displayName: String { Office.displayName(number: number, name: name) }

  /// "Amt 33 – Bürgeramt" from a number and a name, or the name alone without a number (also for an
  /// office read back from a stored snapshot, so that every surface names it alike).
  public static func displayName(number: String, name: String) -> String {
    number.isEmpty ? name : "Amt \(number) – \(name)"
  }
}

/// Everything read from a data root: the city, the index scores and the offices (sorted by id).
///
/// ``Aggregator`` computes every metric from it; the feed loader of DigITFeeds builds one from files, and
/// a program may build one in code (see <doc:UsingDigITMetrics>).
public struct DataSet: Sendable, Equatable {
  /// The city and its settings.
  public var city: City
  /// The rows of `index/smart-city-index.csv`: one per year and area (``IndexArea/gesamt`` for the total).
  public var indexScores: [IndexScore]
  /// The offices. ``ScopeRef/office(_:)`` and the other scopes refer to offices by index into this array,
  /// which the loader sorts by id.
  public var offices: [Office]

  /// Makes a data set; the offices should be sorted by ``Office/id`` (reports list them in this order).
  public init(city: City, indexScores: [IndexScore] = [], offices: [Office] = []) {
    self.city = city
    self.indexScores = indexScores
    self.offices = offices
  }
}
