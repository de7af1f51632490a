import DigITCore

/// The city and its settings, from `city.yaml`.
///
/// The settings change how metrics are computed: ``thresholds`` drive the RAG rules and what counts as an
/// online or OZG-compliant service, ``kpis`` define the `kpi.<id>` metrics of the catalog, and
/// ``indexTarget`` gives `index.target_gap`.
public struct City: Sendable, Equatable {
  /// The city's name as shown in headers and reports, e.g. `Mainz` (required in `city.yaml`).
  public var name: String
  /// Amtlicher Gemeindeschlüssel (8 digits), if given.
  public var ags: String?
  /// Amtlicher Regionalschlüssel (12 digits), if given.
  public var ars: String?
  /// The OZG maturity model the offices' `ozg.csv` files report in (`ozg_maturity_model`; default
  /// ``OZGMaturityModel/v1``). Maturity levels above its ``OZGMaturityModel/maxLevel`` are feed errors.
  public var maturityModel: OZGMaturityModel
  /// The rule thresholds (`thresholds:`); the defaults of ``maturityModel`` for keys not given.
  public var thresholds: Thresholds
  /// The city's Smart City Index goal (`index_target:`), or `nil` when `city.yaml` sets none; without
  /// it `index.target_gap` has no value.
  public var indexTarget: IndexTarget?
  /// The city's target for the OZG digital share as a share 0…1 (`targets:` `ozg_digital_share:` in
  /// percent in `city.yaml`), or `nil`: drawn as the target line of the digital-share charts on screen
  /// and in the HTML report; no metric uses it.
  public var digitalShareTarget: Double?
  /// The KPI definitions (`kpis:`) in file order; `kpis.csv` may only name these ids. Each definition
  /// adds `kpi.<id>` (and, with a target, `.attainment` and `.status`) to the ``MetricCatalog``.
  public var kpis: [KPIDefinition]

  /// Makes a city. Without `thresholds`, the defaults of `maturityModel` apply
  /// (``Thresholds/init(model:)``).
  public init(
    name: String, ags: String? = nil, ars: String? = nil, maturityModel: OZGMaturityModel = .v1,
    thresholds: Thresholds? = nil, indexTarget: IndexTarget? = nil, kpis: [KPIDefinition] = []
  ) {
    self.name = name
    self.ags = ags
    self.ars = ars
    self.maturityModel = maturityModel
    self.thresholds = thresholds ?? Thresholds(model: maturityModel)
    self.indexTarget = indexTarget
    self.kpis = kpis
  }
}

/// The OZG maturity model a city reports in.
public enum OZGMaturityModel: String, Sendable, CaseIterable {
  /// Levels 0–4 (the original OZG model).
  case v1 = "1"
  /// Levels 0–7 (the OZG 2.0 model).
  case v2 = "2"

  /// The highest level of the model.
  public var maxLevel: Int { self == .v1 ? 4 : 7 }

  /// The model of a version as `ozg.csv`'s `maturity_model` column writes it: `1`, `1.0`, `1.x` (any
  /// 1.x) or `2`, `2.0`.
  public init?(version: String) {
    var t = Substring(version)
    while t.first == " " { t.removeFirst() }
    while t.last == " " { t.removeLast() }
    if t == "1" || (t.hasPrefix("1.") && t.count > 2) {
      self = .v1
    } else if t == "2" || t == "2.0" {
      self = .v2
    } else {
      return nil
    }
  }
}

/// The rule thresholds a city may set in `city.yaml`.
public struct Thresholds: Sendable, Equatable {
  /// A project is red when `budget_spent > factor × budget_planned` (default 1.10).
  public var budgetOverrunFactor: Double
  /// An active project is amber when not updated for more than this many days (default 14).
  public var staleDays: Int
  /// A service counts as online from this maturity level (default 2; 3 in model 2).
  public var ozgOnlineLevel: Int
  /// A service counts as OZG-compliant from this maturity level (default 3; 5 in model 2).
  public var ozgCompliantLevel: Int

  /// The defaults for a maturity model.
  public init(model: OZGMaturityModel = .v1) {
    budgetOverrunFactor = 1.10
    staleDays = 14
    ozgOnlineLevel = model == .v1 ? 2 : 3
    ozgCompliantLevel = model == .v1 ? 3 : 5
  }
}

/// The city's goal in the Smart City Index (`index_target:` in `city.yaml`).
public struct IndexTarget: Sendable, Equatable {
  /// The index year by which the goal should be reached, e.g. 2027; recorded in snapshots, not used in
  /// any metric.
  public var year: Int?
  /// The target total score (0–100). `index.target_gap` is this minus the latest score; `nil` means no
  /// gap is computed.
  public var score: Double?
  /// The target total rank (1 is best), if the city set one; recorded in snapshots, not used in any
  /// metric.
  public var rank: Int?

  /// Makes a target; every part is optional, as in `city.yaml`.
  public init(year: Int?, score: Double?, rank: Int?) {
    self.year = year
    self.score = score
    self.rank = rank
  }
}
