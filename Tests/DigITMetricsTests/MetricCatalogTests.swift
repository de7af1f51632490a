import DigITCore
import Testing

@testable import DigITMetrics

@Suite struct MetricCatalogTests {
  let city = City(
    name: "X", kpis: [KPIDefinition(id: "quote", label: "Quote", labelEnglish: "Share", unit: "%", target: 60)])

  @Test func theSortedListsOfEachScopeAreItsScalarsAndSeriesByID() {
    let catalog = MetricCatalog.standard(for: city)
    for scope in [MetricScopes.city, .office, .project, .service] {
      let mine = catalog.metrics.filter { $0.scopes.contains(scope) }
      let series = catalog.sortedSeries(for: scope).map(\.id)
      let scalars = catalog.sortedScalars(for: scope).map(\.id)
      #expect(series == mine.filter(\.isSeries).map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
      #expect(scalars == mine.filter { !$0.isSeries }.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
      #expect(!scalars.isEmpty)
    }
    #expect(catalog.sortedSeries(for: .project).map(\.id).contains("backlog.open_weekly"))
    #expect(catalog.sortedSeries(for: .service).map(\.id).contains("ozg.online_weekly"))
    #expect(!catalog.sortedSeries(for: .service).map(\.id).contains("backlog.open_weekly"))
  }

  @Test func containsEveryMetricTheIssueNames() {
    let catalog = MetricCatalog.standard(for: city)
    let required = [
      "projects.total", "projects.planned", "projects.active", "projects.blocked", "projects.done",
      "projects.cancelled",
      "project.rag", "projects.red", "projects.amber", "projects.green", "project.progress", "project.forecast_p50",
      "project.forecast_p85", "backlog.open", "backlog.created_4w", "backlog.closed_4w", "backlog.net_flow_4w",
      "backlog.age_p50", "backlog.age_p85", "backlog.cycle_p50", "backlog.cycle_p85", "backlog.weeks_to_clear",
      "backlog.closed_weekly", "backlog.created_weekly", "backlog.open_weekly", "ozg.online_12w", "ozg.paper_12w",
      "ozg.completed_12w", "ozg.digital_share_12w", "ozg.pending", "ozg.processing_days", "ozg.services",
      "ozg.services_online", "ozg.services_compliant", "ozg.online_weekly", "ozg.paper_weekly",
      "ozg.digital_share_weekly", "kpi.quote", "kpi.quote.attainment", "kpi.quote.status", "index.score", "index.rank",
      "index.score_delta", "index.rank_delta", "index.area.verwaltung", "index.area.it", "index.area.energie",
      "index.area.mobilitaet", "index.area.gesellschaft", "index.target_gap",
    ]
    for id in required { #expect(catalog[id] != nil, "missing \(id)") }
  }

  @Test func everyEntryHasLabelsAScopeAndADefinition() {
    for m in MetricCatalog.standard(for: city).metrics {
      #expect(!m.label.isEmpty && !m.labelEnglish.isEmpty && !m.definition.isEmpty, "\(m.id)")
      #expect(!m.scopes.isEmpty, "\(m.id)")
      #expect(m.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "." || $0 == "_" }, "\(m.id)")
    }
  }

  @Test func scopesMatchTheIssue() {
    let c = MetricCatalog.standard(for: city)
    #expect(c["backlog.open"]!.scopes == [.city, .office, .project])
    #expect(c["ozg.pending"]!.scopes == [.city, .office, .service])
    #expect(c["ozg.services"]!.scopes == [.city, .office])
    #expect(c["project.rag"]!.scopes == .project)
    #expect(c["index.score"]!.scopes == .city)
    #expect(c["backlog.open_weekly"]!.isSeries)
    #expect(!c["backlog.open"]!.isSeries)
  }

  /// Tiles and table headers fit a short label: every built-in metric has one of at most 16 characters in
  /// both languages (a tile at 120 columns shows 16).
  @Test func everyBuiltInMetricHasAShortLabelOfAtMostSixteenCharacters() {
    for m in MetricCatalog.standard(for: City(name: "X")).metrics {
      for l in Language.allCases {
        #expect(m.shortLabel(l).count <= 16 && !m.shortLabel(l).isEmpty, "\(m.id): \(m.shortLabel(l))")
      }
    }
    let c = MetricCatalog.standard(for: city)
    #expect(c["backlog.closed_4w"]!.shortLabel(.de) == "Erledigt 4W")
    #expect(c["ozg.digital_share_12w"]!.shortLabel(.en) == "Digital share")
  }

  @Test func aKPIsShortLabelComesFromTheCityOrIsItsLabel() {
    var kpi = KPIDefinition(id: "wlan", label: "Schulen mit flächendeckendem WLAN", target: 100)
    kpi.shortLabel = "Schul-WLAN"
    let c = MetricCatalog.standard(for: City(name: "X", kpis: [kpi] + city.kpis))
    #expect(c["kpi.wlan"]!.shortLabel(.de) == "Schul-WLAN")
    #expect(c["kpi.wlan"]!.shortLabel(.en) == "Schul-WLAN")
    #expect(c["kpi.wlan.status"]!.shortLabel(.de) == "Schul-WLAN Ziel")
    #expect(c["kpi.quote"]!.shortLabel(.de) == "Quote")
    #expect(c["kpi.quote"]!.shortLabel(.en) == "Share")
  }

  @Test func kpiLabelsComeFromTheCity() {
    let m = MetricCatalog.standard(for: city)["kpi.quote"]!
    #expect(m.label(.de) == "Quote")
    #expect(m.label(.en) == "Share")
    #expect(m.unit == .custom("%"))
  }

  @Test func aMetricOutsideItsScopeHasNoValue() {
    var b = OfficeBuilder()
    b.project("P", status: .blocked)
    let r = report([b.office], asOf: d("2026-11-23"))
    #expect(r.value("project.rag", at: .city) == nil)
    #expect(r.value("index.score", at: .office(0)) == nil)
    #expect(r.value("no.such.metric", at: .city) == nil)
    #expect(r.series("backlog.open", at: .city) == nil)  // a scalar is not a series
    #expect(r.value("backlog.open_weekly", at: .city) == nil)
  }

  @Test func jsonHasEveryScalarOfTheScopeWithNullForMissing() {
    var b = OfficeBuilder()
    b.project("P")
    b.service("S")
    let r = report([b.office], city: city, asOf: d("2026-11-23"))
    let catalog = r.catalog
    for scope: ScopeRef in [.city, .office(0), .project(0, 0), .service(0, 0)] {
      guard case .object(let members) = r.scalarsJSON(at: scope) else {
        Issue.record("not an object")
        continue
      }
      let expected = catalog.metrics.filter { !$0.isSeries && $0.scopes.contains(scope.kind) }.map(\.id).sorted()
      #expect(members.map(\.0) == expected)
    }
    let text = r.scalarsJSON(at: .service(0, 0)).rendered()
    #expect(text.contains("\"ozg.digital_share_12w\": null"))
    #expect(text.contains("\"ozg.online_12w\": 0"))
  }

  @Test func sameDataGivesTheSameJSON() {
    var b = OfficeBuilder()
    let p = b.project("P", due: d("2027-01-01"))
    for i in 0..<40 {
      b.item(
        p, created: d("2026-03-01").adding(days: i * 5), closed: i % 3 == 0 ? d("2026-09-10").adding(days: i * 2) : nil)
    }
    let one = report([b.office], asOf: d("2026-11-23")).scalarsJSON(at: .project(0, 0)).rendered()
    let two = report([b.office], asOf: d("2026-11-23")).scalarsJSON(at: .project(0, 0)).rendered()
    #expect(one == two)
    #expect(one.contains("project.forecast_p85\": \"20"))
  }

  @Test func serialAndParallelAggregationAgree() {
    var offices: [Office] = []
    for o in 0..<5 {
      var b = OfficeBuilder("o\(o)")
      let p = b.project("P-\(o)", due: d("2027-01-01"))
      for i in 0..<30 {
        b.item(
          p, created: d("2026-05-01").adding(days: i * 6 + o),
          closed: i % 2 == 0 ? d("2026-10-01").adding(days: i + o) : nil)
      }
      let s = b.service("S")
      for k in 30...48 {
        b.ozg(s, w(2026, k), online: Int32(k + o), paper: 10, completed: 5, pending: 3, medianDays: Double(o) + 0.5)
      }
      offices.append(b.office)
    }
    var serial = Aggregator(DataSet(city: city, offices: offices))
    serial.parallel = false
    let parallel = Aggregator(DataSet(city: city, offices: offices))
    let a = serial.report(asOf: d("2026-11-23"))
    let b = parallel.report(asOf: d("2026-11-23"))
    #expect(a.city == b.city)
    #expect(a.offices == b.offices)
  }

  @Test func aMetricOfAnOlderCatalogHasNoValueInANewerReport() {
    // A dashboard keeps metric definitions across a reload; city.yaml lost its second KPI meanwhile.
    let before = City(
      name: "X", kpis: [KPIDefinition(id: "a", label: "A", target: 1), KPIDefinition(id: "b", label: "B", target: 1)])
    let old = MetricCatalog.standard(for: before)["kpi.b.status"]!
    var b = OfficeBuilder()
    b.kpi(0, w(2026, 47), 5)  // the report week as of Monday 23.11.
    let after = City(name: "X", kpis: [KPIDefinition(id: "a", label: "A", target: 1)])
    let r = report([b.office], city: after, asOf: d("2026-11-23"))
    #expect(r.value(old, at: .city) == nil)
    #expect(r.value(old, at: .office(0)) == nil)
    #expect(r.value("kpi.a.status", at: .city) == .target(.met))
  }
}
