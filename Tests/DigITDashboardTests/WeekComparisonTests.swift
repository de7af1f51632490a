import DigITCore
import DigITDashboard
import DigITMetrics
import DigITSnapshot
import DigITTestSupport
import Foundation
import Testing

/// Issue 15: on the Snapshots screen, `m` marks a stored week and `m` on a second one shows the two
/// weeks' difference structured like the briefing, read from their `snapshot.json` in the background.
@Suite struct WeekComparisonTests {
  @Test func markingTwoStoredWeeksComparesThemLikeTheBriefing() throws {
    try SnapshotScreenTests.withFolder { folder in
      try TimeTravelTests.exportWeeks(root: Sample.root, snapshots: folder, weeksBack: [0, 2])
      let h = try SnapshotScreenTests().harness(folder: folder)
      h.press(.char("w"))
      h.settle()
      #expect(h.state.snapshots.count == 2)
      // The key is in the table, so footer and help name it.
      #expect(KeyMap.footer(for: h.state).contains("m vergleichen"))
      h.press(.char("m"))
      let newest = h.state.snapshots[0].week
      #expect(h.state.markedWeek == newest)
      #expect(h.screen.description.contains("◆ " + Words.weekLabel(newest, .de)))
      h.press(.down, .char("m"))
      h.settle()
      #expect(h.state.top.screen == .comparison)
      #expect(h.state.markedWeek == nil)
      let c = try #require(h.state.comparison)
      #expect(c.from == ISOWeek(year: 2026, week: 45)! && c.to == ISOWeek(year: 2026, week: 47)!)
      // The same model and sections as the Lage tab, for these two stored weeks.
      let expected = Briefing(
        now: try SnapshotStore(folder: folder).state(c.to), before: try SnapshotStore(folder: folder).state(c.from)
      ).sections(.de, catalog: h.state.report.catalog)
      #expect(!expected.isEmpty)
      let screen = h.screen.description
      #expect(screen.contains("KW 45/2026 ↔ KW 47/2026"))
      for section in expected.prefix(2) { #expect(screen.contains(section.title), "\(section.title)") }
      // Esc returns to the list of stored weeks.
      h.press(.escape)
      #expect(h.state.top.screen == .snapshots)
    }
  }

  @Test func markingTheSameWeekAgainUnmarksItAndOneWeekCannotBeCompared() {
    var s = Sample.state()
    s.snapshots = SnapshotScreenTests.stored
    s.snapshotsListed = true
    s.stack.append(Frame(.snapshots))
    #expect(update(&s, .key(.char("m"))) == nil)
    #expect(s.markedWeek == SnapshotScreenTests.stored[0].week)
    #expect(update(&s, .key(.char("m"))) == nil)
    #expect(s.markedWeek == nil)
    _ = update(&s, .key(.char("m")))
    _ = update(&s, .key(.down))
    #expect(
      update(&s, .key(.char("m")))
        == .compareStoredWeeks(SnapshotScreenTests.stored[0].week, SnapshotScreenTests.stored[1].week))
    // A week that cannot be read says so and leaves the screen as it is.
    _ = update(&s, .weeksCompared(.failure(StoreError(.content, "x/snapshot.json is not a snapshot"))))
    #expect(s.top.screen == .snapshots && s.noticeIsError && s.markedWeek == nil)
  }
}
