import DigITCore
import DigITDashboard
import DigITFeeds
import DigITMetrics
import DigITTestSupport
import Foundation
import Testing

/// The sample city as of 2026-11-23 with the shipped dashboards, loaded once for all tests.
enum Sample {
  static let packageRoot = Golden.packageRoot
  static let root = Golden.sampleRoot
  static let dashboards = Golden.dashboards
  static let asOf = Day(year: 2026, month: 11, day: 23)!

  static let loaded: (LoadResult, Report) = {
    let load = try! FeedLoader(root: root, asOf: asOf).load()
    return (load, Aggregator(load.dataSet).report(asOf: asOf))
  }()

  /// A fresh state of the given size (German unless told otherwise), on the tab of the file `tab`
  /// (default: the overview, which the tests of tables, sorting and drill-downs start from; `nil`: the
  /// first tab, which with the shipped dashboards is the briefing).
  static func state(
    width: Int = 120, height: Int = 40, language: Language = .de, dashboards: String? = nil,
    tab: String? = "overview.yaml"
  ) -> AppState {
    let (load, report) = loaded
    let offices = report.data.offices.map(\.id)
    let tabs = DashboardLoader.load(folder: dashboards ?? Self.dashboards, catalog: report.catalog, offices: offices)
    var state = AppState(
      load: load, report: report, root: "Sample-Data", language: language, tabs: tabs, width: width, height: height,
      loadedAt: "09:14")
    if let tab, let i = tabs.firstIndex(where: { $0.file == tab }) { state.stack = [Frame(.dashboard(i))] }
    update(&state, .resized(width: width, height: height))  // as the runtime starts: the layout known
    return state
  }

  /// Applies keys in order, as the runtime does (with the layout after each).
  static func press(_ keys: [Key], _ state: inout AppState) {
    for k in keys { update(&state, .key(k)) }
  }

  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  /// Compares a screen with `Golden/<name>.txt` (see ``Golden``).
  static func expectGolden(_ buffer: ScreenBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    try Golden.expect(buffer.description + "\n", name + ".txt", in: golden, sourceLocation: sourceLocation)
  }
}
