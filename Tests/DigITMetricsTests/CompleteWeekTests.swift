import Testing

@testable import DigITMetrics

/// Weekly flows cover complete weeks: as of Monday 2026-11-23 (the first day of W48) the report week is
/// W47, exactly as of Sunday 2026-11-22; stocks are as of the day itself.
@Suite struct CompleteWeekTests {
  let sunday = d("2026-11-22"), monday = d("2026-11-23")

  func city() -> City {
    City(name: "Teststadt", kpis: [KPIDefinition(id: "quote", label: "Quote", unit: "%", aggregate: .mean, target: 60)])
  }

  /// Two offices with items created and closed in W47 and on Monday 23.11. (W48), OZG rows and KPI values
  /// for W47 and the running W48.
  func offices() -> [Office] {
    var a = OfficeBuilder("a")
    var b = OfficeBuilder("b")
    let p = a.project("P-1")
    let q = a.project("P-2")
    a.item(p, created: d("2026-11-16"), closed: d("2026-11-20"))  // W47, closed in W47
    a.item(p, created: d("2026-11-18"), closed: d("2026-11-23"))  // W47, closed on the Monday
    a.item(p, created: d("2026-11-23"), closed: d("2026-11-23"))  // created and closed on the Monday
    a.item(p, created: d("2026-11-23"))  // created on the Monday, open
    a.item(q, created: d("2026-10-05"), closed: d("2026-11-02"))
    a.item(q, created: d("2026-09-01"))
    for week in 20...47 { a.item(q, created: w(2026, week).monday, closed: w(2026, week).monday.adding(days: 3)) }
    let s = a.service("S-1")
    a.ozg(s, w(2026, 46), online: 10, paper: 5, completed: 12, pending: 7, medianDays: 4)
    a.ozg(s, w(2026, 47), online: 20, paper: 10, completed: 25, pending: 9, medianDays: 6)
    a.ozg(s, w(2026, 48), maturity: 3, online: 2000, paper: 0, completed: 1, pending: 30, medianDays: 60)  // running
    a.kpi(0, w(2026, 47), 50)
    a.kpi(0, w(2026, 48), 99)  // the running week's value
    let r = b.project("R-1")
    b.item(r, created: d("2026-11-23"), closed: d("2026-11-23"))
    b.item(r, created: d("2026-11-09"), closed: d("2026-11-22"))
    return [a.office, b.office]
  }

  /// Every scope of the two offices.
  func scopes(_ r: Report) -> [ScopeRef] {
    var s: [ScopeRef] = [.city]
    for (o, office) in r.data.offices.enumerated() {
      s.append(.office(o))
      s += office.projects.indices.map { .project(o, $0) }
      s += office.services.indices.map { .service(o, $0) }
    }
    return s
  }

  /// The stocks: as of the day, not of the week (the forecast depends on the open stock).
  static let stocks: Set<String> = [
    "backlog.open", "backlog.age_p50", "backlog.age_p85", "ozg.pending", "ozg.maturity", "ozg.services",
    "ozg.services_online", "ozg.services_compliant", "project.progress", "project.forecast_p50", "project.forecast_p85",
  ]

  @Test func reportWeekIsTheLastWeekThatEndedOnOrBeforeTheDay() {
    #expect(sunday.reportWeek == w(2026, 47))
    #expect(monday.reportWeek == w(2026, 47))
    #expect(d("2026-11-28").reportWeek == w(2026, 47))
    #expect(d("2026-11-29").reportWeek == w(2026, 48))
    #expect(d("2027-01-01").reportWeek == w(2026, 52))  // a Friday: W53 of 2026 is running
    #expect(d("2027-01-03").reportWeek == w(2026, 53))
    let r = report(offices(), city: city(), asOf: monday)
    #expect(r.week == w(2026, 47))
    #expect(r.runningWeek == w(2026, 48))
    #expect(r.seriesWeeks.last == w(2026, 47))
    #expect(r.previous?.week == w(2026, 46))
    #expect(report(offices(), city: city(), asOf: sunday).runningWeek == nil)
  }

  @Test func flowsAsOfAMondayEqualThoseAsOfTheSundayBefore() {
    let m = report(offices(), city: city(), asOf: monday)
    let s = report(offices(), city: city(), asOf: sunday)
    var compared = 0
    for metric in m.catalog.metrics
    where !Self.stocks.contains(metric.id) && !metric.id.hasPrefix("projects.")
      && !["project.rag", "project.milestones_overdue"].contains(metric.id)
    {
      for scope in scopes(m) where metric.scopes.contains(scope.kind) {
        if metric.isSeries {
          #expect(m.series(metric, at: scope) == s.series(metric, at: scope), "\(metric.id) at \(scope)")
        } else {
          #expect(m.value(metric, at: scope) == s.value(metric, at: scope), "\(metric.id) at \(scope)")
          #expect(m.change(metric, at: scope) == s.change(metric, at: scope), "change of \(metric.id) at \(scope)")
        }
        compared += 1
      }
    }
    #expect(compared > 100)
  }

  @Test func theRunningWeekIsNotInAnyFlow() {
    let r = report(offices(), city: city(), asOf: monday)
    #expect(r.number("backlog.created_4w", .office(0)) == 6)  // W44–W47: 4 weekly items, 16.11. and 18.11.
    #expect(r.number("backlog.closed_4w", .office(0)) == 6)  // 4 weekly items, 20.11., 02.11.
    #expect(r.number("backlog.closed_4w", .office(1)) == 1)  // 22.11., not the Monday's
    #expect(r.series("backlog.closed_weekly", at: .city)?.last == 3)  // W47: weekly item, 20.11., 22.11.
    #expect(r.series("backlog.open_weekly", at: .office(0))?.last == 2)  // 18.11. and 01.09. at the end of W47
    #expect(r.number("ozg.online_12w", .office(0)) == 30)
    #expect(r.number("ozg.processing_days", .office(0)) == decimalClean((4.0 * 12 + 6 * 25) / 37))
    #expect(r.series("ozg.online_weekly", at: .city)?.last == 20)
    #expect(r.number("kpi.quote", .office(0)) == 50)
    #expect(r.number("backlog.weeks_to_clear", .office(0)) == 2 / (6.0 / 4))
  }

  @Test func stocksAreAsOfTheDay() {
    let r = report(offices(), city: city(), asOf: monday)
    let s = report(offices(), city: city(), asOf: sunday)
    #expect(r.number("backlog.open", .office(0)) == 2)  // 01.09. and the Monday's open item
    #expect(s.number("backlog.open", .office(0)) == 2)  // 01.09. and 18.11.
    #expect(r.number("backlog.age_p50", .office(0)) == 41.5)  // ages 0 and 83
    #expect(s.number("backlog.age_p50", .office(0)) == 43)  // ages 4 and 82
    // Pending and maturity come from weekly rows: W's row, never the running week's (it describes a week
    // that is not over), so the Monday's equal the Sunday's.
    #expect(r.number("ozg.pending", .office(0)) == 9)
    #expect(s.number("ozg.pending", .office(0)) == 9)
    #expect(r.value("ozg.maturity", at: .service(0, 0)) == .number(2))
    #expect(s.value("ozg.maturity", at: .service(0, 0)) == .number(2))
  }

  @Test func weekOverWeekComparesTheReportWeekWithTheWeekBefore() {
    let r = report(offices(), city: city(), asOf: monday)
    // W47 closed 3 in the city, W46 closed 1 (the weekly item) → the series' change is in the last two weeks.
    let closed = r.series("backlog.closed_weekly", at: .city)!
    #expect(r.previous!.series("backlog.closed_weekly", at: .city)!.last == closed[closed.count - 2])
    #expect(r.change("ozg.online_12w", at: .office(0)) == 20)  // W36–W47 against W35–W46
  }
}
