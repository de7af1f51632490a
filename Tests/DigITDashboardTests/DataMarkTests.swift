import DigITCore
import DigITDashboard
import DigITFeeds
import DigITMetrics
import Testing

/// Missing and stale data on screen: marked, "–" and never sorted as if it were the best value.
@Suite struct DataMarkTests {
  /// The sample with the Bürgeramt's projects.csv gone (as the loader leaves an office without it) and
  /// the Steueramt's data ending on 01.11.2026.
  static func state(choice: AsOfChoice? = nil) -> AppState {
    var data = Sample.loaded.0.dataSet
    let b = data.offices.firstIndex { $0.id == "buergeramt" }!
    data.offices[b].missingFeeds = [.projects, .milestones, .backlog]
    (data.offices[b].projects, data.offices[b].milestones, data.offices[b].backlog) = ([], [], [])
    let s = data.offices.firstIndex { $0.id == "steueramt" }!
    data.offices[s].declaredDataAsOf = Day(year: 2026, month: 11, day: 1)!
    let report = Aggregator(data).report(asOf: Sample.asOf)
    var state = AppState(
      load: Sample.loaded.0, report: report, root: "Sample-Data", language: .de,
      tabs: Sample.state().tabs, width: 120, height: 40, loadedAt: "09:14")
    state.asOfChoice = choice
    state.stack = [Frame(.dashboard(1))]  // the overview (the briefing is the first tab)
    return state
  }

  @Test func theOfficeTableMarksMissingAndStaleOfficesAndSortsThemLast() {
    let lines = Renderer.render(Self.state()).lines
    let buerger = lines.first { $0.contains("Bürgeramt") }!
    #expect(buerger.contains("⚠ Amt 33 – Bürgeramt ("))
    #expect(buerger.contains("–"))
    #expect(!buerger.contains(" 0 "))
    // The table is sorted by red projects, descending: no value sorts after every real one.
    let table = lines.prefix { !$0.contains("Ämter × Wochen") }  // the office table, not the heatmap below it
    let offices = table.filter { $0.contains("│Amt ") || $0.contains("│⚠ Amt ") }
    #expect(offices.last?.contains("Bürgeramt") == true, "\(offices)")
    let steuer = lines.first { $0.contains("Steueramt") }!
    #expect(steuer.contains("⚠ Amt 22 – Steueramt ("))
  }

  @Test func cityTilesNameTheGap() {
    let screen = Renderer.render(Self.state()).description
    #expect(screen.contains("⚠ 1 Amt fehlt"))
    #expect(screen.contains("│102  ⚠ 2 fehlen"))  // throughput lacks both (the short form in a narrow tile)
  }

  /// A long data root is cut at its start; the Stand and the time of loading stay whole (in CI the root
  /// `/check/work/main/Sample-Data` cut "(geladen …" off at 120 columns).
  @Test func theHeaderKeepsTheTimeOfLoadingWhole() {
    var s = Sample.state(width: 120, height: 36)
    s.root = "/check/work/main/a/rather/long/path/to/the/Sample-Data"
    let header = Renderer.render(s).lines[0]
    #expect(header.contains("Stand 23.11.2026 · …"))
    #expect(header.contains("/Sample-Data (geladen 09:14)"))
    #expect(!header.contains("/check"))
    s.width = 200
    #expect(
      Renderer.render(s).lines[0].contains("· /check/work/main/a/rather/long/path/to/the/Sample-Data (geladen 09:14)"))
    s.width = 100
    #expect(Renderer.render(s).lines[0].contains("KW 47/2026 · Stand 23.11.2026 (geladen 09:14)"))
  }

  @Test func theHeaderSaysWhenTheDayIsTheDatenstand() {
    let choice = AsOfChoice(day: Sample.asOf, basis: .dataAsOf, today: Day(year: 2026, month: 12, day: 7)!)
    #expect(
      Renderer.render(Self.state(choice: choice)).lines[0].contains(
        "KW 47/2026 · Stand 23.11.2026 · Datenstand (geladen 09:14)"))
    #expect(!Renderer.render(Self.state()).lines[0].contains("Datenstand"))
  }
}
