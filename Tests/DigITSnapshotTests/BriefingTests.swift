import DigITCore
import DigITFeeds
import DigITMetrics
import Foundation
import Testing

@testable import DigITSnapshot

/// The briefing: what it lists, in which order, and with which reason.
@Suite struct BriefingTests {
  typealias Reason = SnapshotState.Reason

  func project(
    _ id: String, _ office: String = "x", status: String = "active", rag: String? = "green", reasons: [Reason] = [],
    due: [SnapshotState.DueMilestone] = []
  ) -> SnapshotState.ProjectState {
    SnapshotState.ProjectState(
      id: id, office: office, title: "T \(id)", status: status, rag: rag, reasons: reasons, dueThisWeek: due)
  }

  func reason(_ code: String, _ level: String) -> Reason { Reason(code: code, level: level, de: code, en: code) }

  func state(
    _ projects: [SnapshotState.ProjectState], week: String = "2026-W47",
    offices: [(String, [(String, Double)])] = [], kpis: [(String, String)] = [],
    origin: SnapshotState.Origin = .snapshot
  ) -> SnapshotState {
    var s = SnapshotState(empty: Day(year: 2026, month: 11, day: 22)!)
    s.origin = origin
    s.week = week
    s.projects = projects
    s.offices = offices.map { (id: $0.0, name: "Amt \($0.0)", metrics: $0.1.map { (id: $0.0, value: $0.1) }) }
    s.kpis = kpis.map { SnapshotState.KPIState(id: $0.0, label: $0.0, labelEnglish: nil, status: $0.1) }
    return s
  }

  /// Without a week before nothing is compared: no project is new or newly red, no office moved; what needs
  /// no week before is still there, and the title says there is nothing to compare with.
  @Test func withoutAWeekBeforeNothingIsInvented() {
    let due = SnapshotState.DueMilestone(name: "Abnahme", due: "2026-11-18")
    var now = state(
      [project("A", rag: "red", reasons: [reason("blocked", "red")]), project("B", due: [due])],
      offices: [("x", [("backlog.open", 12)])], kpis: [("k", "met")])
    now.officeData["x"] = SnapshotState.OfficeData(asOf: "2026-11-01", missing: ["backlog.csv"], stale: true)
    let b = Briefing(now: now, before: nil, fourWeeks: state([], week: "2026-W43"))
    #expect(b.against == nil)
    #expect(b.fourWeeksBefore == nil)
    #expect(b.newProjects.isEmpty && b.newlyRed.isEmpty && b.transitions.isEmpty && b.finishedProjects.isEmpty)
    #expect(b.kpisMet.isEmpty && b.kpisMissed.isEmpty)
    #expect(b.movers.allSatisfy { $0.moves.isEmpty })
    #expect(b.incomplete.map(\.id) == ["x"])
    #expect(b.milestonesDue.map(\.name) == ["Abnahme"])
    #expect(b.title(.de) == "Lage KW 47/2026 · keine Vorwoche zum Vergleich (weder gespeichert noch berechnet)")
    #expect(b.title(.en).hasPrefix("Briefing W47 2026 · no week before to compare with"))
    let kinds = b.sections(.de, catalog: MetricCatalog.standard(for: City(name: ""))).map(\.kind)
    #expect(kinds == [.incomplete, .milestonesDue])
  }

  @Test func newlyRedNamesTheRedReasonThatAppeared() {
    let old = state([project("A", rag: "amber", reasons: [reason("overdue", "red"), reason("high_risk", "amber")])])
    let new = state([
      project("A", rag: "red", reasons: [reason("blocked", "red"), reason("budget_overrun", "red")])
    ])
    let b = Briefing(now: new, before: old)
    #expect(b.newlyRed.map(\.id) == ["A"])
    #expect(b.newlyRed.first?.reason?.code == "blocked")
    #expect(b.transitions.isEmpty)
  }

  @Test func noLongerRedNamesTheRedReasonThatWentAway() {
    let old = state([project("A", rag: "red", reasons: [reason("blocked", "red")]), project("B", rag: "red")])
    let new = state([
      project("A", rag: "amber", reasons: [reason("high_risk", "amber")]), project("B", status: "done", rag: nil),
    ])
    let b = Briefing(now: new, before: old)
    #expect(b.noLongerRed.map(\.id) == ["A"])
    #expect(b.noLongerRed.first?.reason?.code == "blocked")
    // A project that finished leaves red by finishing: listed as finished, not as no longer red.
    #expect(b.finishedProjects.map(\.id) == ["B"])
  }

  @Test func otherTransitionsAreThoseNeitherIntoNorOutOfRed() {
    let old = state([project("A"), project("B", rag: "amber", reasons: [reason("stale", "amber")]), project("C")])
    let new = state([
      project("A", rag: "amber", reasons: [reason("forecast_late", "amber")]), project("B"), project("C"),
    ])
    let b = Briefing(now: new, before: old)
    #expect(b.transitions.map(\.id) == ["A", "B"])
    #expect(b.transitions.map { $0.reason?.code } == ["forecast_late", "stale"])
  }

  @Test func newFinishedMilestonesAndKPIs() {
    let due = SnapshotState.DueMilestone(name: "Go-live", due: "2026-11-18")
    let old = state([project("A")], kpis: [("k1", "off_track"), ("k2", "met"), ("k3", "met")])
    let new = state(
      [project("A", status: "done", rag: nil), project("N", due: [due])],
      kpis: [("k1", "met"), ("k2", "off_track"), ("k3", "met")])
    let b = Briefing(now: new, before: old)
    #expect(b.newProjects.map(\.id) == ["N"])
    #expect(b.finishedProjects.map(\.id) == ["A"])
    #expect(b.milestonesDue.map(\.name) == ["Go-live"])
    #expect(b.kpisMet.map(\.id) == ["k1"])
    #expect(b.kpisMissed.map(\.id) == ["k2"])
  }

  @Test func moversAreTheFiveLargestChangesWithFourWeeksWhereStored() {
    let ids = ["a", "b", "c", "d", "e", "f", "g"]
    let old = state([], offices: ids.map { ($0, [("backlog.open", 10)]) })
    let changes: [String: Double] = ["a": 1, "b": -7, "c": 3, "d": 0, "e": 5, "f": -2, "g": 4]
    let new = state([], offices: ids.map { ($0, [("backlog.open", 10 + changes[$0]!)]) })
    let four = state([], week: "2026-W43", offices: [("b", [("backlog.open", 20)])])
    let b = Briefing(now: new, before: old, fourWeeks: four)
    let backlog = b.movers.first { $0.metric == "backlog.open" }!
    #expect(backlog.moves.map(\.office) == ["b", "e", "g", "c", "f"])
    #expect(backlog.moves.first?.deltaFourWeeks == -17)
    #expect(backlog.moves.dropFirst().allSatisfy { $0.deltaFourWeeks == nil })
  }

  @Test func sectionsComeInTheBriefingsOrderAndOfficesByName() {
    var old = state([project("R"), project("G", rag: "red")], offices: [("x", [("ozg.pending", 5)])])
    old.officeData["x"] = SnapshotState.OfficeData(asOf: "2026-11-22", missing: [], stale: false)
    var new = state(
      [project("R", rag: "red"), project("G"), project("N")], offices: [("x", [("ozg.pending", 9)])])
    new.officeData["x"] = SnapshotState.OfficeData(asOf: "2026-11-08", missing: ["ozg.csv"], stale: true)
    let b = Briefing(now: new, before: old)
    let sections = b.sections(.en, catalog: MetricCatalog.standard(for: City(name: "")))
    #expect(sections.map(\.kind) == [.incomplete, .newlyRed, .noLongerRed, .newProjects, .moversPending])
    #expect(sections[0].rows[0].text == "Amt x")
    #expect(sections[0].rows[0].detail == "ozg.csv missing, data up to W45 2026")
    #expect(sections[4].rows[0].text == "Amt x")
    #expect(sections[4].rows[0].target == .office("x"))
    // Pending applications: fewer is better, so a rise is bad news.
    #expect(sections[4].rows[0].tone == -1)
    #expect(sections[1].rows[0].target == .project(office: "x", id: "R"))
  }

  @Test func theTitleSaysWhetherTheWeekBeforeIsStored() {
    let stored = Briefing(now: state([]), before: state([], week: "2026-W46"))
    #expect(stored.title(.de) == "Lage KW 47/2026 gegenüber KW 46/2026 (gespeicherte Woche)")
    let computed = Briefing(now: state([]), before: state([], week: "2026-W46", origin: .data))
    #expect(computed.title(.en) == "Briefing W47 2026 against W46 2026 (computed from the data, no stored week)")
  }

  /// The briefing of an exported week from its snapshot.json is the one the export computed.
  @Test func aStoredWeekGivesTheSameBriefingAsTheReport() throws {
    let s = Fixture.sample
    let json = try JSON.parse(SnapshotJSON.render(s))
    let stored = try SnapshotState(snapshot: json)
    let live = SnapshotState(report: s.report)
    #expect(stored.projects == live.projects)
    #expect(stored.officeData == live.officeData)
    #expect(stored.kpis == live.kpis)
  }
}
