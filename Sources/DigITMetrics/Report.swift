import DigITCore

/// A scope of the report: the city, an office, a project or a service (by position in the ``DataSet``).
public enum ScopeRef: Hashable, Sendable {
  /// The whole city: the sum (or mean, or maximum, as each metric defines) over all offices.
  case city
  /// The office at this index of ``DataSet/offices``.
  case office(Int)
  /// Office index, project index in that office's `projects`.
  case project(Int, Int)
  /// Office index, service index in that office's `services`.
  case service(Int, Int)

  /// The office the scope belongs to (`nil` for the city).
  public var office: Int? {
    switch self {
    case .city: nil
    case .office(let o), .project(let o, _), .service(let o, _): o
    }
  }

  /// The kind of scope, for ``MetricDefinition/scopes``.
  public var kind: MetricScopes {
    switch self {
    case .city: .city
    case .office: .office
    case .project: .project
    case .service: .service
    }
  }
}

/// The facts of one office and of its projects and services.
public struct OfficeReport: Sendable, Equatable {
  /// The office's own facts.
  public var facts: ScopeFacts
  /// Indexed like the office's `projects`.
  public var projects: [ScopeFacts]
  /// Indexed like the office's `services`.
  public var services: [ScopeFacts]
  /// How complete the office's data is for the report week: Datenstand, missing files, stale.
  public var data: DataState
}

/// Every metric for every scope of a data set as of one day, plus the same as of 7 days earlier for
/// week-over-week deltas (the report week against the week before, both complete). Built by ``Aggregator``; read by metric id:
///
///     let report = Aggregator(data).report(asOf: Day(year: 2026, month: 11, day: 23)!)
///     report.value("backlog.open", at: .city)     // .number(1234)
///     report.change("backlog.open", at: .city)    // -16: 16 fewer than a week before
///     report.series("ozg.online_weekly", at: .office(0))
public struct Report: Sendable {
  /// The data the report was computed from.
  public let data: DataSet
  /// The catalog for the data's city.
  public let catalog: MetricCatalog
  /// The day the metrics are computed as of.
  public let asOf: Day
  /// The city's facts.
  public let city: ScopeFacts
  /// Indexed like `data.offices`.
  public let offices: [OfficeReport]
  private let previousReport: Box?

  final class Box: Sendable {
    let report: Report
    init(_ report: Report) { self.report = report }
  }

  /// Whether the report has project and service facts (see ``Aggregator/previousDetail``).
  public let detail: Bool

  init(
    data: DataSet, catalog: MetricCatalog, asOf: Day, city: ScopeFacts, offices: [OfficeReport], previous: Report?,
    detail: Bool = true
  ) {
    self.detail = detail
    self.data = data
    self.catalog = catalog
    self.asOf = asOf
    self.city = city
    self.offices = offices
    self.previousReport = previous.map(Box.init)
  }

  /// The report week: the last ISO week that ended on or before the as-of day (`Day.reportWeek` in DigITCore).
  /// Every weekly flow and series covers complete weeks ending with it; stocks are as of ``asOf``.
  public var week: ISOWeek { asOf.reportWeek }

  /// The ISO week the as-of day lies in when it has not ended yet (as of a Monday … Saturday); `nil` as of
  /// a Sunday. Its days are never part of a weekly figure.
  public var runningWeek: ISOWeek? { asOf.isoWeekday == 7 ? nil : asOf.isoWeek }

  /// The same data as of 7 days earlier (`nil` if the aggregator was asked not to compute it); it may
  /// lack project and service facts (see ``detail``).
  public var previous: Report? { previousReport?.report }

  /// The facts of a scope (none for a project or service of a report without ``detail``).
  public func facts(at scope: ScopeRef) -> ScopeFacts {
    switch scope {
    case .city: city
    case .office(let o): offices[o].facts
    case .project(let o, let p): detail ? offices[o].projects[p] : ScopeFacts()
    case .service(let o, let s): detail ? offices[o].services[s] : ScopeFacts()
    }
  }

  /// A scalar metric's value at a scope; `nil` when the metric has no value there (or does not exist
  /// for the scope, or is a series).
  public func value(_ id: String, at scope: ScopeRef) -> MetricValue? {
    guard let m = catalog[id] else { return nil }
    return value(m, at: scope)
  }

  /// A scalar metric's value at a scope, for a definition already looked up (saves the id lookup in loops).
  public func value(_ metric: MetricDefinition, at scope: ScopeRef) -> MetricValue? {
    guard metric.scopes.contains(scope.kind), case .scalar(let read) = metric.extractor else { return nil }
    // Reading in place (not through `facts(at:)`, which copies) keeps sorting 24,000 rows fast.
    switch scope {
    case .city: return read(city)
    case .office(let o): return lacksData(metric, office: o) ? nil : read(offices[o].facts)
    case .project(let o, let p): return !detail || lacksData(metric, office: o) ? nil : read(offices[o].projects[p])
    case .service(let o, let s): return !detail || lacksData(metric, office: o) ? nil : read(offices[o].services[s])
    }
  }

  /// Whether a metric has no value for an office's scopes: its feed file is missing there, or it is a
  /// weekly flow and the office is stale (its report week is not delivered).
  @inline(__always) public func lacksData(_ metric: MetricDefinition, office o: Int) -> Bool {
    guard let feed = metric.feed else { return false }
    let s = offices[o].data
    return s.lacks(feed) || (metric.isFlow && s.stale)
  }

  /// The offices (by index) a city figure of the metric is built without, or with weeks missing: those
  /// whose feed file for it is missing, and for a weekly flow the stale ones. Empty for a complete figure.
  public func gaps(_ metric: MetricDefinition) -> [Int] {
    guard metric.feed != nil else { return [] }
    return offices.indices.filter { lacksData(metric, office: $0) }
  }

  /// The offices a city figure lacks, by metric id (see ``gaps(_:)-(MetricDefinition)``).
  public func gaps(_ id: String) -> [Int] { catalog[id].map { gaps($0) } ?? [] }

  /// The offices whose data is incomplete for the report: a feed file missing, or stale.
  public var incompleteOffices: [Int] {
    offices.indices.filter { !offices[$0].data.missing.isEmpty || offices[$0].data.stale }
  }

  /// The city's Datenstand: the latest of its offices' (``Office/dataAsOf``).
  public var dataAsOf: Day? { offices.compactMap(\.data.asOf).max() }

  /// A series metric at a scope: the last 26 ISO weeks, oldest first.
  public func series(_ id: String, at scope: ScopeRef) -> [Double?]? {
    guard let m = catalog[id] else { return nil }
    return series(m, at: scope)
  }

  /// A series metric at a scope, for a definition already looked up.
  public func series(_ metric: MetricDefinition, at scope: ScopeRef) -> [Double?]? {
    guard metric.scopes.contains(scope.kind), case .series(let read) = metric.extractor,
      var values = read(facts(at: scope))
    else { return nil }
    // Weeks an office has not delivered have no value, and a missing file gives no series at all.
    if let o = scope.office, let feed = metric.feed {
      let s = offices[o].data
      if s.lacks(feed) { return nil }
      for i in max(0, values.count - s.undeliveredWeeks)..<values.count { values[i] = nil }
    }
    return values
  }

  /// The ISO weeks a series covers, oldest first (the last is the report week).
  public var seriesWeeks: [ISOWeek] {
    (0..<Aggregator.seriesWeeks).map { week.adding(weeks: $0 - Aggregator.seriesWeeks + 1) }
  }

  /// The week-over-week change of a numeric scalar: its value now minus its value 7 days earlier
  /// (for a date, the difference in days); `nil` when either has no value, and for a city figure whose
  /// set of offices differs between the two weeks (see ``gaps(_:)-(MetricDefinition)``): that is no
  /// plain change.
  public func change(_ id: String, at scope: ScopeRef) -> Double? {
    guard let m = catalog[id] else { return nil }
    return change(m, at: scope)
  }

  /// The week-over-week change, for a definition already looked up.
  public func change(_ metric: MetricDefinition, at scope: ScopeRef) -> Double? {
    guard let now = value(metric, at: scope)?.numeric, let previous,
      let before = previous.value(metric, at: scope)?.numeric
    else { return nil }
    if scope == .city, metric.feed != nil, gaps(metric) != previous.gaps(metric) { return nil }
    return now - before
  }
}

extension Day {
  /// The report week of this as-of day: the last ISO week that ended on or before it — the day's own
  /// week on a Sunday, the week before on any other day (as of Monday 2026-11-23 and as of Sunday
  /// 2026-11-22 it is 2026-W47).
  public var reportWeek: ISOWeek {
    isoWeekday == 7 ? isoWeek : adding(days: -isoWeekday).isoWeek
  }
}
