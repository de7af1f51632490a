import DigITCore
import Testing

@testable import DigITMetrics

/// RAG rules, project counts and forecasts, as of Monday 2026-11-23.
@Suite struct ProjectMetricTests {
  let asOf = d("2026-11-23")

  func single(_ build: (inout OfficeBuilder) -> Void, city: City = City(name: "X")) -> (RAG?, [String]) {
    var b = OfficeBuilder()
    build(&b)
    let f = report([b.office], city: city, asOf: asOf).facts(at: .project(0, 0)).project!
    return (f.rag, f.reasons.map(\.code))
  }

  @Test func blockedIsRed() {
    #expect(single { $0.project("P", status: .blocked) } == (.red, ["blocked"]))
  }

  @Test func overdueIsRedForPlannedAndActiveButNotOnTheDueDay() {
    #expect(single { $0.project("P", status: .active, due: d("2026-11-22")) } == (.red, ["overdue"]))
    #expect(single { $0.project("P", status: .planned, due: d("2026-11-22")) } == (.red, ["overdue"]))
    #expect(single { $0.project("P", status: .active, due: d("2026-11-23")) } == (.green, []))
    // Overdue is a rule for planned and active projects; a blocked one is red for being blocked.
    #expect(single { $0.project("P", status: .blocked, due: d("2026-11-01")) } == (.red, ["blocked"]))
  }

  @Test func budgetOverrunBeyondTheFactorIsRedAndAbovePlanIsAmber() {
    #expect(single { $0.project("P", planned: 100, spent: 111) } == (.red, ["budget_overrun"]))
    #expect(single { $0.project("P", planned: 100, spent: 110) } == (.amber, ["over_budget"]))  // not > 1.10 ×
    #expect(single { $0.project("P", planned: 100, spent: 100) } == (.green, []))
    #expect(single { $0.project("P", planned: 0, spent: 100) } == (.green, []))  // no plan, no rule
  }

  @Test func thresholdsComeFromTheCity() {
    var city = City(name: "X")
    city.thresholds.budgetOverrunFactor = 1.5
    city.thresholds.staleDays = 30
    #expect(single({ $0.project("P", planned: 100, spent: 140) }, city: city) == (.amber, ["over_budget"]))
    #expect(single({ $0.project("P", updated: d("2026-10-24")) }, city: city) == (.green, []))  // 30 days
    #expect(single({ $0.project("P", updated: d("2026-10-23")) }, city: city) == (.amber, ["stale"]))  // 31 days
  }

  @Test func staleMeansActiveAndNotUpdatedForMoreThanFourteenDays() {
    #expect(single { $0.project("P", updated: d("2026-11-08")) } == (.amber, ["stale"]))  // 15 days
    #expect(single { $0.project("P", updated: d("2026-11-09")) } == (.green, []))  // 14 days
    #expect(single { $0.project("P", status: .planned, updated: d("2026-01-01")) } == (.green, []))
    #expect(single { $0.project("P", updated: nil) } == (.green, []))
  }

  @Test func milestonePastDueAndNotDoneByTheAsOfDayIsAmber() {
    let (rag, codes) = single { b in
      let p = b.project("P")
      b.milestone(p, "Konzept", due: d("2026-11-20"))
      b.milestone(p, "Pilot", due: d("2026-11-20"), done: d("2026-11-21"))
      b.milestone(p, "Rollout", due: d("2026-11-10"), done: d("2026-11-24"))  // done after the as-of day
      b.milestone(p, "Abnahme", due: d("2026-11-23"))  // due today: not past due
    }
    #expect(rag == .amber)
    #expect(codes == ["milestone_overdue", "milestone_overdue"])
    var b = OfficeBuilder()
    let p = b.project("P")
    b.milestone(p, "Konzept", due: d("2026-11-20"))
    b.milestone(p, "Rollout", due: d("2026-11-10"), done: d("2026-11-24"))
    let f = report([b.office], asOf: asOf).facts(at: .project(0, 0)).project!
    #expect(
      f.reasons == [
        .milestoneOverdue(name: "Rollout", due: d("2026-11-10")),
        .milestoneOverdue(name: "Konzept", due: d("2026-11-20")),
      ])
    #expect(f.overdueMilestones == 2)
  }

  @Test func highRiskIsAmber() {
    #expect(single { $0.project("P", risk: .high) } == (.amber, ["high_risk"]))
    #expect(single { $0.project("P", risk: .medium) } == (.green, []))
  }

  /// 10 open items, one closed in each of the last 12 complete weeks → done after exactly 10 more weeks:
  /// the Sunday of the report week W47 (22.11.) + 70 days = 2027-01-31.
  func steadyProject(due: Day) -> (inout OfficeBuilder) -> Void {
    { b in
      let p = b.project("P", due: due)
      for i in 0..<10 { b.item(p, created: d("2026-01-01").adding(days: i)) }
      for k in 0..<12 { b.item(p, created: d("2026-01-01"), closed: d("2026-08-31").adding(days: 7 * k)) }  // W36…W47
    }
  }

  @Test func forecastOfASteadyThroughputIsExact() {
    var b = OfficeBuilder()
    steadyProject(due: d("2027-12-31"))(&b)
    let r = report([b.office], asOf: asOf)
    #expect(r.dayValue("project.forecast_p50", .project(0, 0)) == d("2027-01-31"))
    #expect(r.dayValue("project.forecast_p85", .project(0, 0)) == d("2027-01-31"))
    #expect(r.value("project.rag", at: .project(0, 0)) == .rag(.green))
  }

  @Test func forecastAfterTheDueDayIsAmber() {
    let (rag, codes) = single(steadyProject(due: d("2027-01-30")))
    #expect(rag == .amber)
    #expect(codes == ["forecast_late"])
    #expect(single(steadyProject(due: d("2027-01-31"))) == (.green, []))
  }

  @Test func simulatedForecastAgreesOnASteadyThroughput() {
    var b = OfficeBuilder()
    steadyProject(due: d("2027-12-31"))(&b)
    var aggregator = Aggregator(DataSet(city: City(name: "X"), offices: [b.office]))
    aggregator.forecast = .monteCarlo(trials: 10_000)
    let r = aggregator.report(asOf: asOf)
    #expect(r.dayValue("project.forecast_p85", .project(0, 0)) == d("2027-01-31"))
  }

  @Test func noThroughputWithOpenItemsMeansNoForecast() {
    var b = OfficeBuilder()
    let p = b.project("P", due: d("2027-01-01"))
    b.item(p, created: d("2026-01-01"))
    b.item(p, created: d("2026-01-01"), closed: d("2026-08-01"))  // before the 12 weeks
    let r = report([b.office], asOf: asOf)
    #expect(r.value("project.forecast_p50", at: .project(0, 0)) == nil)
    #expect(r.value("project.forecast_p85", at: .project(0, 0)) == nil)
  }

  @Test func doneAndCancelledProjectsHaveNoRAGButCount() {
    var b = OfficeBuilder()
    b.project("A", status: .done, due: d("2026-01-01"))
    b.project("B", status: .cancelled, risk: .high)
    b.project("C", status: .blocked)
    b.project("D", status: .active, risk: .high)
    b.project("E", status: .planned)
    b.project("F", status: .active)
    let r = report([b.office], asOf: asOf)
    #expect(r.value("project.rag", at: .project(0, 0)) == nil)
    #expect(r.value("project.rag", at: .project(0, 1)) == nil)
    #expect(r.value("project.forecast_p50", at: .project(0, 0)) == nil)
    for scope: ScopeRef in [.office(0), .city] {
      #expect(r.number("projects.total", scope) == 6)
      #expect(r.number("projects.done", scope) == 1)
      #expect(r.number("projects.cancelled", scope) == 1)
      #expect(r.number("projects.blocked", scope) == 1)
      #expect(r.number("projects.active", scope) == 2)
      #expect(r.number("projects.planned", scope) == 1)
      #expect(r.number("projects.red", scope) == 1)
      #expect(r.number("projects.amber", scope) == 1)
      #expect(r.number("projects.green", scope) == 2)
    }
  }

  @Test func reasonsListRedFirstAndNameTheirFacts() {
    var b = OfficeBuilder()
    let p = b.project(
      "P", status: .active, due: d("2026-10-31"), planned: 1000, spent: 1200, updated: d("2026-10-01"), risk: .high)
    b.milestone(p, "Pilotbetrieb", due: d("2026-11-01"))
    let f = report([b.office], asOf: asOf).facts(at: .project(0, 0)).project!
    #expect(f.rag == .red)
    #expect(f.reasons.map(\.code) == ["overdue", "budget_overrun", "milestone_overdue", "stale", "high_risk"])
    #expect(
      f.reasons.map { $0.text(.de) } == [
        "überfällig seit 31.10.2026",
        "Budget überschritten: 120,0 % verbraucht (Grenze 110,0 %)",
        "Meilenstein „Pilotbetrieb“ überfällig seit 01.11.2026",
        "seit 53 Tagen nicht aktualisiert (01.10.2026)",
        "Risiko hoch",
      ])
    #expect(f.reasons[0].text(.en) == "overdue since 2026-10-31")
    #expect(f.budgetUsed == 1.2)
  }

  @Test func budgetUsedNeedsBothFigures() {
    var b = OfficeBuilder()
    b.project("A", planned: 200, spent: 50)
    b.project("B", planned: nil, spent: 50)
    let r = report([b.office], asOf: asOf)
    #expect(r.number("project.budget_used", .project(0, 0)) == 0.25)
    #expect(r.value("project.budget_used", at: .project(0, 1)) == nil)
  }

  @Test func previousWeekRecomputesRAG() {
    // Due 20.11.: overdue now (red), not yet a week ago (green).
    var b = OfficeBuilder()
    b.project("P", due: d("2026-11-20"))
    let r = report([b.office], asOf: asOf)
    #expect(r.number("projects.red") == 1)
    #expect(r.previous?.number("projects.red") == 0)
    #expect(r.change("projects.red", at: .city) == 1)
  }
}
