import Testing

@testable import DigITCore

@Suite struct DayTests {
  @Test func roundTripsComponents() {
    let d = Day(year: 2026, month: 11, day: 23)!
    #expect(d.components == (2026, 11, 23))
    #expect(d.description == "2026-11-23")
    #expect(d.germanDescription == "23.11.2026")
    #expect(Day(rawValue: 0).description == "1970-01-01")
  }

  @Test func rejectsImpossibleDates() {
    #expect(Day(year: 2026, month: 2, day: 29) == nil)
    #expect(Day(year: 2024, month: 2, day: 29) != nil)
    #expect(Day(year: 2026, month: 13, day: 1) == nil)
    #expect(Day(year: 2026, month: 4, day: 31) == nil)
    #expect(Day(year: 2000, month: 2, day: 29) != nil)
    #expect(Day(year: 1900, month: 2, day: 29) == nil)
  }

  @Test func weekdays() {
    // 2026-11-23 is a Monday, 1970-01-01 a Thursday, 1969-12-28 a Sunday.
    #expect(Day(year: 2026, month: 11, day: 23)!.isoWeekday == 1)
    #expect(Day(rawValue: 0).isoWeekday == 4)
    #expect(Day(rawValue: -4).isoWeekday == 7)
  }

  @Test func arithmetic() {
    let d = Day(year: 2026, month: 12, day: 30)!
    #expect(d.adding(days: 3).description == "2027-01-02")
    #expect(d.days(to: Day(year: 2027, month: 1, day: 6)!) == 7)
    #expect(Day(year: 2024, month: 2, day: 28)!.adding(days: 1).description == "2024-02-29")
  }

  @Test func allDaysRoundTrip() {
    for raw in Int32(-800_000)...Int32(100_000) where raw % 7 == 0 {
      let c = Day(rawValue: raw).components
      #expect(Day(year: c.year, month: c.month, day: c.day)?.rawValue == raw)
    }
  }
}

@Suite struct ISOWeekTests {
  @Test func weekOfDay() {
    #expect(Day(year: 2026, month: 11, day: 23)!.isoWeek.description == "2026-W48")
    // Year boundaries: 2027-01-01 is a Friday, so it belongs to 2026-W53.
    #expect(Day(year: 2027, month: 1, day: 1)!.isoWeek.description == "2026-W53")
    #expect(Day(year: 2027, month: 1, day: 4)!.isoWeek.description == "2027-W01")
    // 2024-12-30 is a Monday in 2025-W01.
    #expect(Day(year: 2024, month: 12, day: 30)!.isoWeek.description == "2025-W01")
    #expect(Day(year: 2021, month: 1, day: 3)!.isoWeek.description == "2020-W53")
  }

  @Test func weeksPerYear() {
    #expect(ISOWeek.weeks(in: 2026) == 53)  // starts on a Thursday
    #expect(ISOWeek.weeks(in: 2020) == 53)  // leap year starting on a Wednesday
    #expect(ISOWeek.weeks(in: 2025) == 52)
    #expect(ISOWeek.weeks(in: 2027) == 52)
    #expect(ISOWeek(year: 2025, week: 53) == nil)
    #expect(ISOWeek(year: 2026, week: 53) != nil)
    #expect(ISOWeek(year: 2026, week: 0) == nil)
  }

  @Test func mondayAndArithmetic() {
    let w = ISOWeek(year: 2026, week: 48)!
    #expect(w.monday.description == "2026-11-23")
    #expect(w.sunday.description == "2026-11-29")
    #expect(w.adding(weeks: 5).description == "2026-W53")
    #expect(w.adding(weeks: 6).description == "2027-W01")
    #expect(w.adding(weeks: -48).description == "2025-W52")
    #expect(w.weeks(to: ISOWeek(year: 2027, week: 1)!) == 6)
    #expect(ISOWeek(year: 2025, week: 1)!.monday.description == "2024-12-30")
  }

  @Test func ordering() {
    #expect(ISOWeek(year: 2025, week: 52)! < ISOWeek(year: 2026, week: 1)!)
    #expect(ISOWeek(year: 2026, week: 9)! < ISOWeek(year: 2026, week: 10)!)
  }
}
