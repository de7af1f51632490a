import DigITCore

extension OfficeReport {
  /// The facts of an office, its projects and its services, as given (a stored week read back).
  public init(restoring facts: ScopeFacts, projects: [ScopeFacts], services: [ScopeFacts], data: DataState) {
    self.facts = facts
    self.projects = projects
    self.services = services
    self.data = data
  }
}

extension Report {
  /// A report of facts that were computed before and stored (a weekly snapshot read back), not from
  /// feeds: it has no week before (``previous`` is `nil`, so no week-over-week changes), and the city's
  /// index facts are taken from `data.indexScores` as of `asOf`, as ``Aggregator`` does.
  public init(restoring data: DataSet, asOf: Day, city: ScopeFacts, offices: [OfficeReport]) {
    var city = city
    city.index = Aggregator(data).indexFacts(asOf: asOf)
    self.init(
      data: data, catalog: MetricCatalog.standard(for: data.city), asOf: asOf, city: city, offices: offices,
      previous: nil)
  }
}

extension Report {
  /// A report whose facts ``Aggregator/report(asOf:previousWeek:)`` computed before from the same data
  /// and that were kept (the dashboard's result cache): taken as they are, with the week before as
  /// given. Whoever keeps them answers for "the same data"; ``fits(_:)`` checks the shape.
  public init(
    keeping data: DataSet, asOf: Day, city: ScopeFacts, offices: [OfficeReport], previous: Report?, detail: Bool
  ) {
    self.init(
      data: data, catalog: MetricCatalog.standard(for: data.city), asOf: asOf, city: city, offices: offices,
      previous: previous, detail: detail)
  }

  /// Whether the report's offices match a data set's, one for one, with a fact for each project and
  /// service where the report keeps them (``detail``).
  public func fits(_ data: DataSet) -> Bool {
    guard offices.count == data.offices.count else { return false }
    guard detail else { return true }
    for (o, office) in data.offices.enumerated()
    where offices[o].projects.count != office.projects.count || offices[o].services.count != office.services.count {
      return false
    }
    return true
  }
}
