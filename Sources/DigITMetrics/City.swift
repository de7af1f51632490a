import DigITCore

/// The city and its settings, from `city.yaml`.
public struct City: Sendable, Equatable {
  public var name: String
  /// Amtlicher Gemeindeschlüssel (8 digits), if given.
  public var ags: String?
  /// Amtlicher Regionalschlüssel (12 digits), if given.
  public var ars: String?
  public var maturityModel: OZGMaturityModel
  public var thresholds: Thresholds
  public var indexTarget: IndexTarget?
  public var kpis: [KPIDefinition]

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

/// The city's goal in the Smart City Index.
public struct IndexTarget: Sendable, Equatable {
  public var year: Int?
  public var score: Double?
  public var rank: Int?

  public init(year: Int?, score: Double?, rank: Int?) {
    self.year = year
    self.score = score
    self.rank = rank
  }
}
