import DigITCore

/// A scope of the report: the city, an office, a project or a service (by position in the ``DataSet``).
public enum ScopeRef: Hashable, Sendable {
  case city
  case office(Int)
  /// Office index, project index in that office's `projects`.
  case project(Int, Int)
  /// Office index, service index in that office's `services`.
  case service(Int, Int)

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
}

/// Every metric for every scope of a data set as of one day, plus the same as of 7 days earlier for
/// week-over-week deltas. Built by ``Aggregator``; read by metric id:
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

  init(data: DataSet, catalog: MetricCatalog, asOf: Day, city: ScopeFacts, offices: [OfficeReport], previous: Report?) {
    self.data = data
    self.catalog = catalog
    self.asOf = asOf
    self.city = city
    self.offices = offices
    self.previousReport = previous.map(Box.init)
  }

  /// The ISO week of the as-of day.
  public var week: ISOWeek { asOf.isoWeek }

  /// The same data as of 7 days earlier (`nil` if the aggregator was asked not to compute it).
  public var previous: Report? { previousReport?.report }

  /// The facts of a scope.
  public func facts(at scope: ScopeRef) -> ScopeFacts {
    switch scope {
    case .city: city
    case .office(let o): offices[o].facts
    case .project(let o, let p): offices[o].projects[p]
    case .service(let o, let s): offices[o].services[s]
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
    case .office(let o): return read(offices[o].facts)
    case .project(let o, let p): return read(offices[o].projects[p])
    case .service(let o, let s): return read(offices[o].services[s])
    }
  }

  /// A series metric at a scope: the last 26 ISO weeks, oldest first.
  public func series(_ id: String, at scope: ScopeRef) -> [Double?]? {
    guard let m = catalog[id] else { return nil }
    return series(m, at: scope)
  }

  /// A series metric at a scope, for a definition already looked up.
  public func series(_ metric: MetricDefinition, at scope: ScopeRef) -> [Double?]? {
    guard metric.scopes.contains(scope.kind), case .series(let read) = metric.extractor else { return nil }
    return read(facts(at: scope))
  }

  /// The ISO weeks a series covers, oldest first (the last is the as-of week).
  public var seriesWeeks: [ISOWeek] {
    (0..<Aggregator.seriesWeeks).map { week.adding(weeks: $0 - Aggregator.seriesWeeks + 1) }
  }

  /// The week-over-week change of a numeric scalar: its value now minus its value 7 days earlier
  /// (for a date, the difference in days); `nil` when either has no value.
  public func change(_ id: String, at scope: ScopeRef) -> Double? {
    guard let m = catalog[id] else { return nil }
    return change(m, at: scope)
  }

  /// The week-over-week change, for a definition already looked up.
  public func change(_ metric: MetricDefinition, at scope: ScopeRef) -> Double? {
    guard let now = value(metric, at: scope)?.numeric, let before = previous?.value(metric, at: scope)?.numeric
    else { return nil }
    return now - before
  }
}
