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
