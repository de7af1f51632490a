import DigITCore
import Testing

@testable import DigITMetrics

/// OZG metrics as of Sunday 2026-11-29 (report week W = 2026-W48; 12 weeks: W37–W48; 4 weeks: W45–W48).
@Suite struct OZGMetricTests {
  let asOf = d("2026-11-29")

  /// S1: W36 (outside 12 weeks), W37, W47, W48, and W49 (after W: ignored).
  /// S2: only W30, maturity 1, pending 50.  S3: no rows at all.
  func sample() -> Report {
    var b = OfficeBuilder()
    let s1 = b.service("S1")
    let s2 = b.service("S2")
    b.service("S3")
    b.ozg(s1, w(2026, 36), maturity: 1, online: 1000, paper: 1000, completed: 1000, pending: 1, medianDays: 99)
    b.ozg(s1, w(2026, 37), maturity: 2, online: 100, paper: 0, completed: 0)
    b.ozg(s1, w(2026, 47), maturity: 2, online: 8, paper: 8, completed: 10, pending: 9, medianDays: 20)
    b.ozg(s1, w(2026, 48), maturity: 3, online: 10, paper: 5, completed: 12, pending: 7, medianDays: 10)
    b.ozg(s1, w(2026, 49), maturity: 4, online: 5000, paper: 0, completed: 0, pending: 0, medianDays: 1)
    b.ozg(s2, w(2026, 30), maturity: 1, online: 3, paper: 3, completed: 3, pending: 50)
    return report([b.office], asOf: asOf)
  }

  @Test func sumsCoverTheLastTwelveWeeks() {
    let r = sample()
    #expect(r.number("ozg.online_12w", .service(0, 0)) == 118)  // 100 + 8 + 10
    #expect(r.number("ozg.paper_12w", .service(0, 0)) == 13)
    #expect(r.number("ozg.completed_12w", .service(0, 0)) == 22)
    #expect(r.number("ozg.online_12w", .office(0)) == 118)  // S2's W30 is outside
    #expect(r.number("ozg.online_12w") == 118)
  }

  @Test func digitalShareIsOnlineOverAllApplications() {
    let r = sample()
    #expect(r.number("ozg.digital_share_12w", .service(0, 0)) == 118.0 / 131.0)
    #expect(r.value("ozg.digital_share_12w", at: .service(0, 1)) == nil)  // 0 online, 0 paper
    #expect(r.value("ozg.digital_share_12w", at: .service(0, 2)) == nil)
  }

  @Test func pendingIsTheLatestReportedValuePerServiceSummed() {
    let r = sample()
    #expect(r.number("ozg.pending", .service(0, 0)) == 7)  // W48 (W49 is after W)
    #expect(r.number("ozg.pending", .service(0, 1)) == 50)
    #expect(r.value("ozg.pending", at: .service(0, 2)) == nil)
    #expect(r.number("ozg.pending", .office(0)) == 57)
  }

  @Test func pendingFallsBackToTheLatestWeekThatReportsIt() {
    var b = OfficeBuilder()
    let s = b.service("S1")
    b.ozg(s, w(2026, 46), pending: 12)
    b.ozg(s, w(2026, 47), pending: nil)
    #expect(report([b.office], asOf: asOf).number("ozg.pending", .service(0, 0)) == 12)
  }

  @Test func processingDaysIsTheCompletedWeightedMeanOfFourWeeks() {
    // W47: 20 days × 10 completed, W48: 10 days × 12 → 320 / 22; W36's 99 days are outside.
    let r = sample()
    // 14.5454…, rounded to 9 decimals like every computed mean
    #expect(r.number("ozg.processing_days", .service(0, 0)) == 14.545454545)
    #expect(r.number("ozg.processing_days") == 14.545454545)
    #expect(r.value("ozg.processing_days", at: .service(0, 1)) == nil)
  }

  @Test func servicesCountThoseWithDataAndTheirLatestMaturity() {
    let r = sample()
    #expect(r.number("ozg.services", .office(0)) == 2)  // S1, S2 (S3 has no data)
    #expect(r.number("ozg.services_online", .office(0)) == 1)  // S1 at level 3; S2 at 1
    #expect(r.number("ozg.services_compliant", .office(0)) == 1)
    #expect(r.number("ozg.maturity", .service(0, 0)) == 3)  // W48, not W49's 4
    #expect(r.value("ozg.maturity", at: .service(0, 2)) == nil)
    #expect(r.number("ozg.services") == 2)
  }

  @Test func maturityThresholdsComeFromTheCity() {
    // Maturity model 2: online from level 3, compliant from level 5.
    var b = OfficeBuilder()
    let s1 = b.service("S1")
    let s2 = b.service("S2")
    b.ozg(s1, w(2026, 48), maturity: 4)
    b.ozg(s2, w(2026, 48), maturity: 5)
    let r = report([b.office], city: City(name: "X", maturityModel: .v2), asOf: asOf)
    #expect(r.number("ozg.services_online") == 2)
    #expect(r.number("ozg.services_compliant") == 1)
  }

  @Test func cityFiguresAreSumsOverOffices() {
    var a = OfficeBuilder("a")
    var b = OfficeBuilder("b")
    let sa = a.service("S")
    let sb = b.service("S")  // the same service in two offices counts twice
    a.ozg(sa, w(2026, 48), maturity: 3, online: 30, paper: 10, completed: 10, pending: 4, medianDays: 5)
    b.ozg(sb, w(2026, 48), maturity: 1, online: 10, paper: 30, completed: 30, medianDays: 9)
    let r = report([a.office, b.office], asOf: asOf)
    #expect(r.number("ozg.services") == 2)
    #expect(r.number("ozg.services_online") == 1)
    #expect(r.number("ozg.digital_share_12w") == 0.5)  // 40 / 80
    #expect(r.number("ozg.pending") == 4)  // only office a reports it
    #expect(r.number("ozg.processing_days") == 8)  // (5 × 10 + 9 × 30) / 40
  }

  @Test func noOZGDataGivesNoValuesButZeroCounts() {
    var b = OfficeBuilder()
    b.project("P-1")
    let r = report([b.office], asOf: asOf)
    #expect(r.value("ozg.digital_share_12w", at: .city) == nil)
    #expect(r.value("ozg.pending", at: .office(0)) == nil)
    #expect(r.value("ozg.processing_days", at: .city) == nil)
    #expect(r.number("ozg.services") == 0)
    #expect(r.number("ozg.online_12w") == 0)
    #expect(r.series("ozg.digital_share_weekly", at: .city) == Array(repeating: nil, count: 26))
  }

  @Test func weeklySeriesAndShare() {
    let r = sample()
    let online = r.series("ozg.online_weekly", at: .office(0))!
    #expect(online.count == 26)
    #expect(online[25] == 10)  // W48
    #expect(online[24] == 8)  // W47
    #expect(online[14] == 100)  // W37
    #expect(online[13] == 1000)  // W36: in the 26-week series, outside the 12-week sums
    #expect(online[12] == 0)  // W35
    #expect(online[7] == 3)  // W30 (S2)
    let share = r.series("ozg.digital_share_weekly", at: .service(0, 0))!
    #expect(share[25] == 10.0 / 15.0)
    #expect(share[14] == 1)
    #expect(share[13] == 0.5)  // W36
    #expect(share[12] == nil)  // W35: no applications
  }

  @Test func weeksAcrossTheYearBoundary() {
    // As of 2027-01-10 (2027-W01): the 4 weeks are 2026-W51…W53 and 2027-W01.
    var b = OfficeBuilder()
    let s = b.service("S1")
    b.ozg(s, w(2026, 50), online: 1, completed: 10, medianDays: 100)
    b.ozg(s, w(2026, 51), online: 2, completed: 10, medianDays: 10)
    b.ozg(s, w(2026, 53), online: 4, completed: 10, medianDays: 20)
    b.ozg(s, w(2027, 1), online: 8, completed: 0, medianDays: 50)  // no completed: no weight
    let r = report([b.office], asOf: d("2027-01-10"))
    #expect(r.number("ozg.processing_days") == 15)
    #expect(r.series("ozg.online_weekly", at: .city)!.suffix(5) == [1, 2, 0, 4, 8])
    #expect(r.number("ozg.online_12w") == 15)
  }

  @Test func largeCountsAddUpWithoutOverflow() {
    // Each row is within Int32; their sums are not.
    var b = OfficeBuilder()
    let s1 = b.service("S1")
    let s2 = b.service("S2")
    b.ozg(s1, w(2026, 48), online: 2_000_000_000, paper: 2_000_000_000)
    b.ozg(s2, w(2026, 48), online: 2_000_000_000, paper: 0)
    let r = report([b.office], asOf: asOf)
    #expect(r.series("ozg.online_weekly", at: .city)?.last == 4_000_000_000)
    #expect(r.series("ozg.digital_share_weekly", at: .service(0, 0))?.last == 0.5)
    #expect(r.number("ozg.online_12w") == 4_000_000_000)
    #expect(r.number("ozg.digital_share_12w") == 4.0 / 6.0)
  }

  @Test func cityHasTwentySixWeeksOfZerosWithoutOffices() {
    let r = report([], asOf: asOf)
    #expect(r.series("ozg.online_weekly", at: .city) == Array(repeating: 0, count: 26))
    #expect(r.series("backlog.open_weekly", at: .city) == Array(repeating: 0, count: 26))
  }
}
