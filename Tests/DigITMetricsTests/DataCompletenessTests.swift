import Testing

@testable import DigITMetrics

/// Datenstand, missing feed files and stale offices: missing data is never good news.
@Suite struct DataCompletenessTests {
  let sunday = d("2026-11-22")  // the end of W47

  /// Office a delivers through 22.11.; office b only through Wednesday 11.11. (W46).
  func offices() -> [Office] {
    var a = OfficeBuilder("a")
    var b = OfficeBuilder("b")
    let p = a.project("P-A")
    let q = b.project("P-B")
    for week in 30...47 {
      a.item(p, created: w(2026, week).monday, closed: w(2026, week).monday.adding(days: 2))
      b.item(q, created: w(2026, week).monday, closed: w(2026, week).monday.adding(days: 2))
    }
    a.item(p, created: d("2026-11-22"))
    b.office.backlog.removeAll { $0.created > d("2026-11-11") }
    let s = a.service("S")
    a.ozg(s, w(2026, 47), online: 5, paper: 5)
    return [a.office, b.office]
  }

  @Test func datenstandIsTheLatestDayTheFeedsCover() {
    let o = offices()
    #expect(o[0].dataAsOf == d("2026-11-22"))
    #expect(o[1].dataAsOf == d("2026-11-11"))  // W46's item closed on Wednesday
    var k = OfficeBuilder("k")
    k.kpi(0, w(2026, 45), 1)
    #expect(k.office.dataAsOf == w(2026, 45).sunday)
    #expect(OfficeBuilder("empty").office.dataAsOf == nil)
    #expect(DataSet(city: City(name: "X"), offices: o).dataAsOf == d("2026-11-22"))
  }

  @Test func aDeclaredDatenstandWins() {
    var o = offices()[1]
    o.declaredDataAsOf = d("2026-11-22")
    #expect(o.dataAsOf == d("2026-11-22"))
    let r = report([offices()[0], o], asOf: sunday)
    #expect(!r.offices[1].data.stale)
    #expect(r.number("backlog.closed_4w", .office(1)) == 3)  // W44, W45, W46 (11.11.); W47 quiet
  }

  @Test func theDefaultDayIsTheEarlierOfTodayAndTheDatenstand() {
    let data = DataSet(city: City(name: "X"), offices: offices())
    #expect(data.defaultAsOf(today: d("2026-12-07")) == (sunday, true))
    #expect(data.defaultAsOf(today: d("2026-11-20")) == (d("2026-11-20"), false))
    let choice = AsOfChoice.choose(given: nil, today: d("2026-12-07"), data: data)
    #expect(choice.label(.de) == "Stand 22.11.2026 · Datenstand · heute 07.12.2026")
    #expect(choice.label(.en) == "as of 2026-11-22 · latest data · today 2026-12-07")
    #expect(
      AsOfChoice.choose(given: d("2026-11-23"), today: d("2026-12-07"), data: data).label(.de) == "Stand 23.11.2026")
    #expect(DataSet(city: City(name: "X")).defaultAsOf(today: d("2026-12-07")) == (d("2026-12-07"), false))
  }

  @Test func aStaleOfficeHasNoFlowsForTheWeeksItHasNotDelivered() {
    let r = report(offices(), asOf: sunday)
    let data = r.offices[1].data
    #expect(data.stale && data.undeliveredWeeks == 2)  // W46 (ends after 11.11.) and W47
    #expect(data.staleLabel(.de) == "Daten bis KW 45/2026")
    #expect(r.value("backlog.closed_4w", at: .office(1)) == nil)
    #expect(r.value("backlog.closed_4w", at: .project(1, 0)) == nil)
    #expect(r.value("backlog.weeks_to_clear", at: .office(1)) == nil)
    let series = r.series("backlog.closed_weekly", at: .office(1))!
    #expect(series.suffix(2) == [nil, nil])
    #expect(series[series.count - 3] == 1)  // W45 was delivered
    // Stocks stay: the open backlog as of the day.
    #expect(r.number("backlog.open", .office(1)) == 0)
    // The city figure counts what there is, and says which office it lacks.
    #expect(r.number("backlog.closed_4w") == 7)  // a's 4, and b's W44–W46 items are there
    #expect(r.gaps("backlog.closed_4w") == [1])
    #expect(r.gaps("backlog.open") == [])
    #expect(r.incompleteOffices == [1])
    #expect(!r.offices[0].data.stale)
  }

  @Test func aMissingFeedFileGivesNoValuesNotZero() {
    var o = offices()
    o[1].missingFeeds = [.projects]
    o[1].projects = []
    o[1].backlog = []
    o[1].declaredDataAsOf = sunday
    let r = report(o, asOf: sunday)
    for id in ["projects.red", "projects.total", "backlog.open", "backlog.closed_4w", "backlog.age_p85"] {
      #expect(r.value(id, at: .office(1)) == nil, "\(id)")
      #expect(r.gaps(id) == [1], "\(id)")
    }
    #expect(r.series("backlog.closed_weekly", at: .office(1)) == nil)
    #expect(r.scalarsJSON(at: .office(1)).rendered(indent: 0).contains(#""projects.red":null"#))
    #expect(
      r.dataJSON(office: 1).rendered(indent: 0) == #"{"as_of":"2026-11-22","missing":["projects.csv"],"stale":false}"#)
    // OZG is not fed by projects.csv: no gap there.
    #expect(r.gaps("ozg.online_12w") == [])
    #expect(r.number("projects.total") == 1)
  }

  @Test func aChangeOverADifferentSetOfOfficesIsNoPlainChange() {
    // Office b is complete a week before and stale now: the city's throughput is not compared.
    var o = offices()
    o[1].declaredDataAsOf = d("2026-11-15")
    let r = report(o, asOf: sunday)
    #expect(r.gaps("backlog.closed_4w") == [1])
    #expect(r.previous!.gaps("backlog.closed_4w") == [])
    #expect(r.change("backlog.closed_4w", at: .city) == nil)
    // The same offices in both weeks: a plain change.
    #expect(r.change("backlog.open", at: .city) != nil)
  }
}
