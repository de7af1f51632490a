import DigITCore
import DigITFeeds
import DigITMetrics
import Foundation
import Testing

@testable import DigITSnapshot

/// What `digit diff` and the briefing must not hide: city figures over different offices, an order that
/// depends on where the figures came from, and a reason that went away shown as if it still held.
@Suite struct DiffTruthTests {
  typealias Reason = SnapshotState.Reason
  typealias Data = SnapshotState.OfficeData

  func state(
    week: String, offices: [(String, [(String, Double)])], data: [String: Data] = [:],
    projects: [SnapshotState.ProjectState] = []
  ) -> SnapshotState {
    var s = SnapshotState(empty: Day(year: 2026, month: 11, day: 22)!)
    s.week = week
    s.offices = offices.map { (id: $0.0, name: "Amt \($0.0)", metrics: $0.1.map { (id: $0.0, value: $0.1) }) }
    s.officeData = data
    s.projects = projects
    s.city = [(id: "backlog.open", value: week == "2026-W46" ? 276 : 260)]
    return s
  }

  let complete = Data(asOf: "2026-11-22", missing: [], stale: false)

  // MARK: 1. City figures over different offices

  @Test func anOfficeWhoseDataChangedIsNamedBeforeTheCityFigures() throws {
    let old = state(
      week: "2026-W46", offices: [("a", []), ("b", []), ("c", [])], data: ["a": complete, "b": complete, "c": complete])
    let new = state(
      week: "2026-W47", offices: [("a", []), ("b", []), ("n", [])],
      data: ["a": Data(asOf: "2026-11-22", missing: ["projects.csv"], stale: false), "b": complete, "n": complete])
    let c = SnapshotChanges.between(old, new)
    #expect(c.officeData.map(\.id) == ["a", "n", "c"])
    #expect(c.officeData[1].before == nil)
    #expect(c.officeData[2].now == nil)
    let lines = c.officeDataText(.de)
    #expect(
      lines == [
        "⚠ Amt a: projects.csv fehlt in KW 47/2026; die Stadtwerte vergleichen nicht dieselben Ämter",
        "⚠ Amt n: fehlt in KW 46/2026; die Stadtwerte vergleichen nicht dieselben Ämter",
        "⚠ Amt c: fehlt in KW 47/2026; die Stadtwerte vergleichen nicht dieselben Ämter",
      ])
    let catalog = MetricCatalog.standard(for: City(name: ""))
    // The warning comes before the city's figures, in the compact text and in the full one.
    let compact = c.changedMetricsText(language: .de, catalog: catalog)
    let warning = try #require(compact.range(of: "⚠ Amt a: projects.csv fehlt in KW 47/2026"))
    let figure = try #require(compact.range(of: "Backlog offen: 276 → 260"))
    #expect(warning.upperBound < figure.lowerBound)
    let all = c.text(language: .en, catalog: catalog)
    let warningEN = try #require(all.range(of: "⚠ Amt a: projects.csv missing in W47 2026; the city figures"))
    #expect(warningEN.upperBound < (try #require(all.range(of: "(backlog.open): 276 → 260"))).lowerBound)
    // JSON: the offices with their data in both weeks (null: not there).
    let json = c.json
    let list = try #require(json["office_data_changes"]?.arrayValue)
    #expect(list.map { $0["id"]?.stringValue } == ["a", "n", "c"])
    #expect(list[0]["now"]?["missing"]?.arrayValue?.first?.stringValue == "projects.csv")
    #expect(list[1]["before"]?.rendered() == "null")
  }

  @Test func theSameOfficesWithTheSameDataAreNotFlagged() {
    let stale = Data(asOf: "2026-11-01", missing: ["ozg.csv"], stale: true)
    let old = state(week: "2026-W46", offices: [("a", []), ("b", [])], data: ["a": stale, "b": complete])
    var new = state(week: "2026-W47", offices: [("b", []), ("a", [])], data: ["a": stale, "b": complete])
    new.officeData["a"]?.asOf = "2026-11-02"
    #expect(SnapshotChanges.between(old, new).officeData.isEmpty)
    // A week without any offices (no week before) compares nothing.
    let empty = SnapshotState(empty: Day(year: 2026, month: 11, day: 15)!)
    #expect(SnapshotChanges.between(empty, new).officeData.isEmpty)
  }

  // MARK: 2. Movers in one total order

  @Test func moversWithEqualChangesAreOrderedByNameThenIdWhateverTheInputOrder() {
    let ids = ["d", "c", "b", "a"]
    let old = state(week: "2026-W46", offices: ids.map { ($0, [("backlog.open", 10)]) })
    var new = state(week: "2026-W47", offices: ids.map { ($0, [("backlog.open", $0 < "c" ? 12 : 8)]) })
    // Two offices with the same name: the id decides.
    new.offices[0].name = "Amt c"
    let forward = Briefing(now: new, before: old).movers[0].moves.map(\.office)
    var reversed = new
    reversed.offices.reverse()
    let backward = Briefing(now: reversed, before: old).movers[0].moves.map(\.office)
    #expect(forward == ["a", "b", "c", "d"])
    #expect(backward == forward)
  }

  /// A stored week names its offices as the report does ("Amt 33 – Bürgeramt"): the briefing of the
  /// stored week and that of the live report list and order them alike.
  @Test func aStoredWeekNamesOfficesAsTheReport() throws {
    let s = Fixture.sample
    let stored = try SnapshotState(snapshot: try JSON.parse(SnapshotJSON.render(s)))
    let live = SnapshotState(report: s.report)
    #expect(stored.offices.map(\.name) == live.offices.map(\.name))
    #expect(live.offices.contains { $0.name.hasPrefix("Amt ") })
  }

  // MARK: 3. A reason that went away

  func project(_ id: String, rag: String, _ reasons: [Reason]) -> SnapshotState.ProjectState {
    SnapshotState.ProjectState(id: id, office: "x", title: "T", status: "active", rag: rag, reasons: reasons)
  }

  func reason(_ code: String, _ level: String) -> Reason {
    Reason(code: code, level: level, de: "\(code) (de)", en: "\(code) (en)")
  }

  @Test func aProjectThatGotBetterShowsItsReasonsNowAndTheOneThatWentAwayAsGone() {
    let old = state(
      week: "2026-W46", offices: [("x", [])],
      projects: [
        project("R", rag: "red", [reason("overdue", "red")]),
        project("A", rag: "amber", [reason("forecast_late", "amber")]),
        project("W", rag: "green", []),
      ])
    let new = state(
      week: "2026-W47", offices: [("x", [])],
      projects: [
        project("R", rag: "amber", [reason("high_risk", "amber")]), project("A", rag: "green", []),
        project("W", rag: "amber", [reason("stale", "amber")]),
      ])
    let sections = Briefing(now: new, before: old).sections(.de, catalog: MetricCatalog.standard(for: City(name: "")))
    let rows = Dictionary(
      sections.flatMap(\.rows).map { ($0.text, $0.detail) }, uniquingKeysWith: { a, _ in a })
    #expect(rows["R  T"] == "● rot → ◐ gelb · high_risk (de) · nicht mehr: overdue (de) · Amt x")
    #expect(rows["A  T"] == "◐ gelb → ○ grün · nicht mehr: forecast_late (de) · Amt x")
    // Getting worse: the reason that appeared, unmarked.
    #expect(rows["W  T"] == "○ grün → ◐ gelb · stale (de) · Amt x")
    let en = Briefing(now: new, before: old).sections(.en, catalog: MetricCatalog.standard(for: City(name: "")))
    #expect(en.flatMap(\.rows).contains { $0.detail == "◐ amber → ○ green · no longer: forecast_late (en) · Amt x" })
  }
}
