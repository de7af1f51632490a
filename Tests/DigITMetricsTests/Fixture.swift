import DigITCore

@testable import DigITMetrics

/// `d("2026-11-23")`: a day from its ISO text (test data only).
func d(_ iso: String) -> Day {
  let p = iso.split(separator: "-").map { Int($0)! }
  return Day(year: p[0], month: p[1], day: p[2])!
}

/// `w(2026, 48)`: an ISO week (test data only).
func w(_ year: Int, _ week: Int) -> ISOWeek { ISOWeek(year: year, week: week)! }

/// Builds small hand-made offices for the metric tests.
struct OfficeBuilder {
  var office: Office

  init(_ id: String = "amt") { office = Office(id: id, name: "Amt " + id) }

  /// Adds a project and returns its index.
  @discardableResult
  mutating func project(
    _ id: String, status: ProjectStatus = .active, due: Day? = nil, planned: Double? = nil, spent: Double? = nil,
    updated: Day? = nil, risk: RiskLevel? = nil
  ) -> Int32 {
    office.projects.append(
      Project(
        id: id, officeID: office.id, title: "Projekt \(id)", status: status, due: due, budgetPlanned: planned,
        budgetSpent: spent, updated: updated, risk: risk))
    return Int32(office.projects.count - 1)
  }

  mutating func item(_ project: Int32, created: Day, closed: Day? = nil) {
    let ref = office.texts.append("I-\(office.backlog.count)")
    office.backlog.append(
      BacklogItem(
        project: project, id: ref, title: ref, labels: office.labels.intern(type: "task", priority: "mittel"),
        created: created, closed: closed, points: nil))
  }

  mutating func milestone(_ project: Int32, _ name: String, due: Day?, done: Day? = nil) {
    office.milestones.append(Milestone(project: project, name: name, due: due, done: done))
  }

  /// Adds a service and returns its index.
  @discardableResult
  mutating func service(_ id: String) -> Int32 {
    office.services.append(OZGService(id: id, name: "Leistung \(id)"))
    return Int32(office.services.count - 1)
  }

  mutating func ozg(
    _ service: Int32, _ week: ISOWeek, maturity: Int8 = 2, online: Int32 = 0, paper: Int32 = 0, completed: Int32 = 0,
    pending: Int32? = nil, medianDays: Double? = nil
  ) {
    office.ozg.append(
      OZGWeek(
        service: service, week: week, maturity: maturity, online: online, paper: paper, completed: completed,
        pending: pending, medianDays: medianDays))
  }

  mutating func kpi(_ index: Int32, _ week: ISOWeek, _ value: Double) {
    office.kpis.append(KPIValue(kpi: index, week: week, value: value))
  }
}

/// A report of one or more offices as of a day.
func report(_ offices: [Office], city: City = City(name: "Teststadt"), index: [IndexScore] = [], asOf: Day)
  -> Report
{
  Aggregator(DataSet(city: city, indexScores: index, offices: offices)).report(asOf: asOf)
}

extension Report {
  /// A numeric value or nil (test shorthand).
  func number(_ id: String, _ scope: ScopeRef = .city) -> Double? {
    if case .number(let x)? = value(id, at: scope) { return x }
    return nil
  }

  func dayValue(_ id: String, _ scope: ScopeRef) -> Day? {
    if case .day(let x)? = value(id, at: scope) { return x }
    return nil
  }
}
