import DigITCore
import Testing

@testable import DigITMetrics

@Suite struct KPIAndIndexMetricTests {
  let asOf = d("2026-11-29")  // a Sunday: W48 is the report week

  func city() -> City {
    City(
      name: "Mainz", indexTarget: IndexTarget(year: 2027, score: 72.0, rank: 40),
      kpis: [
        KPIDefinition(
          id: "accounts", label: "Konten", labelEnglish: "Accounts", unit: "Konten", aggregate: .sum, target: 100),
        KPIDefinition(id: "quote", label: "Quote", unit: "%", aggregate: .mean, target: 60, direction: .up),
        KPIDefinition(id: "days", label: "Dauer", unit: "Tage", aggregate: .max, target: 14, direction: .down),
      ])
  }

  func sample() -> Report {
    var a = OfficeBuilder("a")
    var b = OfficeBuilder("b")
    a.kpi(0, w(2026, 40), 10)
    a.kpi(0, w(2026, 47), 30)  // latest ≤ W48
    a.kpi(0, w(2026, 49), 999)  // after W: ignored
    b.kpi(0, w(2026, 48), 50)
    a.kpi(1, w(2026, 48), 50)
    b.kpi(1, w(2026, 46), 80)
    a.kpi(2, w(2026, 48), 10)
    b.kpi(2, w(2026, 48), 20)
    return report([a.office, b.office, OfficeBuilder("c").office], city: city(), asOf: asOf)
  }

  @Test func officeValueIsTheLatestWithWeekUpToTheAsOfWeek() {
    let r = sample()
    #expect(r.number("kpi.accounts", .office(0)) == 30)
    #expect(r.number("kpi.accounts", .office(1)) == 50)
    #expect(r.value("kpi.accounts", at: .office(2)) == nil)
  }

  @Test func cityValueAggregatesAsDefined() {
    let r = sample()
    #expect(r.number("kpi.accounts") == 80)  // sum
    #expect(r.number("kpi.quote") == 65)  // mean of 50 and 80 (office c reports nothing)
    #expect(r.number("kpi.days") == 20)  // max
  }

  @Test func attainmentAndStatusFollowTheDirection() {
    let r = sample()
    #expect(r.number("kpi.accounts.attainment") == 0.8)  // 80 / 100
    #expect(r.value("kpi.accounts.status", at: .city) == .target(.offTrack))
    #expect(r.value("kpi.quote.status", at: .city) == .target(.met))  // 65 ≥ 60
    #expect(r.number("kpi.days.attainment") == 0.7)  // down: 14 / 20
    #expect(r.value("kpi.days.status", at: .city) == .target(.offTrack))
    #expect(r.value("kpi.accounts.status", at: .office(2)) == nil)
  }

  @Test func anOfficeKPIIsJudgedOnlyAgainstATargetOfThatOffice() {
    var a = OfficeBuilder("a")
    var b = OfficeBuilder("b")
    a.kpi(2, w(2026, 48), 10)
    b.kpi(2, w(2026, 48), 20)
    b.office.kpiTargets = ["days": 25]
    let r = report([a.office, b.office], city: city(), asOf: asOf)
    // Office a has no target of its own: no status, no attainment, only its value.
    #expect(r.number("kpi.days", .office(0)) == 10)
    #expect(r.value("kpi.days.status", at: .office(0)) == nil)
    #expect(r.value("kpi.days.attainment", at: .office(0)) == nil)
    // Office b's own target: 20 ≤ 25.
    #expect(r.value("kpi.days.status", at: .office(1)) == .target(.met))
    #expect(r.number("kpi.days.attainment", .office(1)) == 1.25)
    // The city against the city's target: max 20 > 14.
    #expect(r.value("kpi.days.status", at: .city) == .target(.offTrack))
  }

  @Test func aKPIWithoutTargetHasNoAttainmentMetric() {
    let c = City(name: "X", kpis: [KPIDefinition(id: "free", label: "Frei")])
    let catalog = MetricCatalog.standard(for: c)
    #expect(catalog["kpi.free"] != nil)
    #expect(catalog["kpi.free.attainment"] == nil)
    #expect(catalog["kpi.free.status"] == nil)
  }

  static let scores = [
    IndexScore(year: 2023, area: .gesamt, score: 62.2, rank: nil),
    IndexScore(year: 2024, area: .gesamt, score: 67.6, rank: 45),
    IndexScore(year: 2025, area: .gesamt, score: 68.5, rank: 51),
    IndexScore(year: 2025, area: .verwaltung, score: 70.2, rank: nil),
    IndexScore(year: 2025, area: .mobilitaet, score: 61.0, rank: nil),
  ]

  @Test func indexUsesTheLatestYearUpToTheAsOfYear() {
    let r = report([], city: city(), index: Self.scores, asOf: asOf)
    #expect(r.number("index.score") == 68.5)
    #expect(r.number("index.rank") == 51)
    #expect(r.number("index.score_delta") == 0.9)  // 68.5 − 67.6, without binary noise
    #expect(r.number("index.rank_delta") == -6)  // six places lost
    #expect(r.number("index.area.verwaltung") == 70.2)
    #expect(r.number("index.area.mobilitaet") == 61.0)
    #expect(r.value("index.area.it", at: .city) == nil)
    #expect(r.number("index.target_gap") == 3.5)
  }

  @Test func indexAsOfAnEarlierYear() {
    let r = report([], city: city(), index: Self.scores, asOf: d("2024-06-30"))
    #expect(r.number("index.score") == 67.6)
    #expect(abs(r.number("index.score_delta")! - 5.4) < 1e-9)
    #expect(r.value("index.rank_delta", at: .city) == nil)  // 2023 has no rank
    #expect(r.value("index.area.verwaltung", at: .city) == nil)
  }

  @Test func noIndexDataGivesNoValues() {
    let r = report([], city: City(name: "X"), asOf: asOf)
    for id in ["index.score", "index.rank", "index.score_delta", "index.rank_delta", "index.target_gap"] {
      #expect(r.value(id, at: .city) == nil)
    }
  }
}
