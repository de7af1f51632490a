import DigITCore
import Testing

@testable import DigITMetrics

/// Backlog metrics on hand-made items, as of Sunday 2026-11-29: 2026-W48 (23.–29.11.) is the report week.
/// (As of a weekday the report week is the week before: `CompleteWeekTests`.)
///
/// The last 4 weeks are W45–W48 (from 2026-11-02), the last 12 weeks W37–W48 (from 2026-09-07), the
/// 26-week series W23–W48 (from 2026-06-01).
@Suite struct BacklogMetricTests {
  let asOf = d("2026-11-29")

  /// A: created Sun 01.11. (W44), open → age 28
  /// B: created 10.11. (W46), closed on the as-of day → closed, cycle 19
  /// C: created 01.10. (W40), closed 30.11. (after the as-of day) → open, age 59
  /// D: created 30.11. (after the as-of day) → not counted at all
  /// E: created 01.06. (W23), closed 01.07. (W27) → closed long ago, outside the 12-week cycle window
  /// F: created Mon 26.10. (W44), closed Mon 02.11. (W45) → in the 4-week throughput, cycle 7
  func sample() -> Report {
    var b = OfficeBuilder()
    let p = b.project("P-1")
    b.item(p, created: d("2026-11-01"))
    b.item(p, created: d("2026-11-10"), closed: d("2026-11-29"))
    b.item(p, created: d("2026-10-01"), closed: d("2026-11-30"))
    b.item(p, created: d("2026-11-30"))
    b.item(p, created: d("2026-06-01"), closed: d("2026-07-01"))
    b.item(p, created: d("2026-10-26"), closed: d("2026-11-02"))
    return report([b.office], asOf: asOf)
  }

  @Test func openCountsItemsCreatedByAndNotClosedByTheAsOfDay() {
    let r = sample()
    #expect(r.number("backlog.open", .project(0, 0)) == 2)  // A and C
    #expect(r.number("backlog.open", .office(0)) == 2)
    #expect(r.number("backlog.open") == 2)
  }

  @Test func itemClosedOnTheAsOfDayCountsAsThroughputNotAsOpen() {
    var b = OfficeBuilder()
    let p = b.project("P-1")
    b.item(p, created: d("2026-11-26"), closed: d("2026-11-29"))
    let r = report([b.office], asOf: asOf)
    #expect(r.number("backlog.open") == 0)
    #expect(r.number("backlog.closed_4w") == 1)
    #expect(r.number("backlog.cycle_p50") == 3)
  }

  @Test func flowOfTheLastFourWeeks() {
    let r = sample()
    #expect(r.number("backlog.created_4w") == 1)  // B; A and F were created in W44
    #expect(r.number("backlog.closed_4w") == 2)  // B (W48) and F (W45)
    #expect(r.number("backlog.net_flow_4w") == -1)
  }

  @Test func agePercentilesInterpolateOverOpenItems() {
    let r = sample()
    // ages 28 and 59: P50 = 43.5, P85 = 28 + 0.85 × 31 = 54.35
    #expect(r.number("backlog.age_p50") == 43.5)
    #expect(abs(r.number("backlog.age_p85")! - 54.35) < 1e-9)
  }

  @Test func cycleTimesCoverItemsClosedInTheLastTwelveWeeks() {
    let r = sample()
    // B 19 days, F 7 days; E (closed in W27) is outside W37–W48. P50 = 13, P85 = 7 + 0.85 × 12 = 17.2
    #expect(r.number("backlog.cycle_p50") == 13)
    #expect(abs(r.number("backlog.cycle_p85")! - 17.2) < 1e-9)
  }

  @Test func weeksToClearDividesOpenByWeeklyThroughput() {
    #expect(sample().number("backlog.weeks_to_clear") == 4)  // 2 / (2 / 4)
  }

  @Test func weeksToClearWithoutThroughputHasNoValue() {
    var b = OfficeBuilder()
    let p = b.project("P-1")
    b.item(p, created: d("2026-11-01"))
    #expect(report([b.office], asOf: asOf).value("backlog.weeks_to_clear", at: .city) == nil)
  }

  @Test func emptyBacklogGivesZeroCountsAndNoPercentiles() {
    var b = OfficeBuilder()
    b.project("P-1")
    let r = report([b.office], asOf: asOf)
    for scope: ScopeRef in [.city, .office(0), .project(0, 0)] {
      #expect(r.number("backlog.open", scope) == 0)
      #expect(r.number("backlog.closed_4w", scope) == 0)
      #expect(r.number("backlog.weeks_to_clear", scope) == 0)
      #expect(r.value("backlog.age_p50", at: scope) == nil)
      #expect(r.value("backlog.cycle_p85", at: scope) == nil)
      #expect(r.series("backlog.open_weekly", at: scope) == Array(repeating: 0, count: 26))
    }
    #expect(r.value("project.progress", at: .project(0, 0)) == nil)
  }

  @Test func weeklySeriesCoverTheLastTwentySixWeeks() {
    let r = sample()
    var created = [Double?](repeating: 0, count: 26)
    created[0] = 1  // E, W23
    created[17] = 1  // C, W40
    created[21] = 2  // A and F, W44
    created[23] = 1  // B, W46
    #expect(r.series("backlog.created_weekly", at: .project(0, 0)) == created)
    var closed = [Double?](repeating: 0, count: 26)
    closed[4] = 1  // E, W27
    closed[22] = 1  // F, W45
    closed[25] = 1  // B, W48
    #expect(r.series("backlog.closed_weekly", at: .office(0)) == closed)
    #expect(r.seriesWeeks.first == w(2026, 23))
    #expect(r.seriesWeeks.last == w(2026, 48))
  }

  @Test func openSeriesCountsOpenItemsAtEachWeekEnd() {
    // End of W23–W26: E. W27 (E closed 01.07.) to W39: none. W40–W43: C. W44: C, A, F.
    // W45: C, A (F closed). W46, W47: C, A, B. W48 ends on the as-of day: C, A (B closed that day).
    var open = [Double?](repeating: 0, count: 26)
    for i in 0...3 { open[i] = 1 }
    for i in 17...20 { open[i] = 1 }
    open[21] = 3
    open[22] = 2
    open[23] = 3
    open[24] = 3
    open[25] = 2
    #expect(sample().series("backlog.open_weekly", at: .city) == open)
  }

  @Test func progressWithoutMilestonesIsClosedOverAllItems() {
    // Created by the as-of day: A, B, C, E, F; closed by then: B, E, F → 3 / 5
    #expect(sample().number("project.progress", .project(0, 0)) == 0.6)
  }

  @Test func progressWithMilestonesCountsThoseDoneByTheAsOfDay() {
    var b = OfficeBuilder()
    let p = b.project("P-1")
    b.item(p, created: d("2026-01-01"), closed: d("2026-02-01"))  // ignored: milestones decide
    b.milestone(p, "Konzept", due: d("2026-03-01"), done: d("2026-02-20"))
    b.milestone(p, "Pilot", due: d("2026-12-01"), done: d("2026-11-30"))  // done after the as-of day
    b.milestone(p, "Rollout", due: d("2027-03-01"))
    #expect(report([b.office], asOf: asOf).number("project.progress", .project(0, 0)) == 1.0 / 3.0)
  }

  @Test func cityPercentilesAreOverAllItemsNotAMedianOfMedians() {
    // Office 1: open items aged 1, 2, 3 days; office 2: one aged 100 days.
    var a = OfficeBuilder("a")
    var b = OfficeBuilder("b")
    let pa = a.project("P-A")
    let pb = b.project("P-B")
    for age in [1, 2, 3] { a.item(pa, created: asOf.adding(days: -age)) }
    b.item(pb, created: asOf.adding(days: -100))
    let r = report([a.office, b.office], asOf: asOf)
    #expect(r.number("backlog.age_p50", .office(0)) == 2)
    #expect(r.number("backlog.age_p50", .office(1)) == 100)
    #expect(r.number("backlog.age_p50") == 2.5)  // [1, 2, 3, 100]; a median of medians would say 51
  }

  @Test func lastFourWeeksCrossTheYearBoundaryInAFiftyThreeWeekYear() {
    // 2026 has 53 ISO weeks. As of Sunday 2027-01-10 (2027-W01) the last 4 weeks are 2026-W51, W52,
    // W53 and 2027-W01, i.e. from Monday 2026-12-14.
    #expect(ISOWeek.weeks(in: 2026) == 53)
    var b = OfficeBuilder()
    let p = b.project("P-1")
    b.item(p, created: d("2026-12-01"), closed: d("2026-12-13"))  // W50: outside
    b.item(p, created: d("2026-12-01"), closed: d("2026-12-14"))  // W51: inside
    b.item(p, created: d("2026-12-01"), closed: d("2026-12-31"))  // W53: inside
    b.item(p, created: d("2026-12-01"), closed: d("2027-01-10"))  // W01, the as-of day: inside
    let r = report([b.office], asOf: d("2027-01-10"))
    #expect(r.week == w(2027, 1))
    #expect(r.number("backlog.closed_4w") == 3)
    let closed = r.series("backlog.closed_weekly", at: .city)!
    #expect(closed.suffix(4) == [1, 0, 1, 1])  // W51, W52, W53, W01
    #expect(closed[21] == 1)  // W50
    #expect(r.seriesWeeks.suffix(3) == [w(2026, 52), w(2026, 53), w(2027, 1)])
  }

  @Test func weekOverWeekComparesWithSevenDaysEarlier() {
    let r = sample()
    // As of 22.11.: A (created 01.11.), C open; B created 10.11. and open too → 3 open. Now 2.
    #expect(r.previous?.asOf == d("2026-11-22"))
    #expect(r.previous?.number("backlog.open") == 3)
    #expect(r.change("backlog.open", at: .city) == -1)
    #expect(r.previous?.previous == nil)
  }
}
