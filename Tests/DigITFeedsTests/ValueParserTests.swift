import DigITCore
import DigITMetrics
import Testing

@testable import DigITFeeds

private func decimal(_ s: String, _ style: NumberStyle) -> Result<Double, ValueError> {
  withBytes(s) { ValueParser.decimal($0, style: style) }
}

private func integer(_ s: String, _ style: NumberStyle) -> Result<Int64, ValueError> {
  withBytes(s) { ValueParser.integer($0, style: style) }
}

private func date(_ s: String) -> Result<Day, ValueError> {
  withBytes(s) { ValueParser.date($0) }
}

private func week(_ s: String) -> Result<ISOWeek, ValueError> {
  withBytes(s) { ValueParser.week($0) }
}

@Suite struct ValueParserTests {
  // MARK: - German numbers (the `;` dialect)

  @Test func germanThousandsAndDecimalComma() {
    #expect(decimal("1.234,5", .german) == .success(1234.5))
  }

  @Test func germanDecimalComma() {
    #expect(decimal("68,5", .german) == .success(68.5))
  }

  @Test func germanAmountWithEuroSign() {
    #expect(decimal("540.000,00 €", .german) == .success(540_000))
  }

  @Test func germanAmountWithEuroSignWithoutSpace() {
    #expect(decimal("1.234,00€", .german) == .success(1234))
  }

  @Test func germanPercentage() {
    #expect(decimal("58,3 %", .german) == .success(58.3))
  }

  @Test func germanSeveralThousandsGroups() {
    #expect(decimal("1.234.567,89", .german) == .success(1_234_567.89))
  }

  @Test func germanNegativeNumber() {
    #expect(decimal("-1.234,5", .german) == .success(-1234.5))
  }

  @Test func germanBadGroupingIsRejected() {
    #expect(decimal("1.5", .german) == .failure(.badThousandsGrouping))
  }

  @Test func germanGroupOfFourIsRejected() {
    #expect(decimal("1.2345,0", .german) == .failure(.badThousandsGrouping))
  }

  @Test func germanLeadingGroupOfFourIsRejected() {
    #expect(decimal("1234.567", .german) == .failure(.badThousandsGrouping))
  }

  @Test func germanBadGroupingMessageExplainsTheDialect() {
    #expect(
      ValueParser.message(.badThousandsGrouping, value: "1.5", style: .german)
        == "\"1.5\" is not a German number: '.' separates thousands in groups of three, ',' the decimals (e.g. 1.234,5)"
    )
  }

  // MARK: - Plain numbers (the `,` dialect)

  @Test func plainDecimal() {
    #expect(decimal("1234.5", .plain) == .success(1234.5))
  }

  @Test func plainWholeNumber() {
    #expect(decimal("280000", .plain) == .success(280_000))
  }

  @Test func plainNegativeDecimal() {
    #expect(decimal("-12.25", .plain) == .success(-12.25))
  }

  @Test func plainPercentage() {
    #expect(decimal("58.3%", .plain) == .success(58.3))
  }

  @Test func decimalCommaInAPlainFileIsRejected() {
    #expect(decimal("68,5", .plain) == .failure(.decimalCommaInPlainFile))
  }

  @Test func germanNumberInAPlainFileIsRejected() {
    #expect(decimal("1.234,5", .plain) == .failure(.decimalCommaInPlainFile))
  }

  @Test func decimalCommaMessageSuggestsTheFix() {
    #expect(
      ValueParser.message(.decimalCommaInPlainFile, value: "68,5", style: .plain)
        == "\"68,5\" has a decimal comma, but this file is comma-separated: write 1234.5 (or save the file with ';')")
  }

  @Test func twoDecimalPointsAreNotANumber() {
    #expect(decimal("1.2.3", .plain) == .failure(.notANumber))
  }

  @Test func wordsAreNotANumber() {
    #expect(decimal("zwölf", .german) == .failure(.notANumber))
  }

  @Test func aUnitAloneIsNotANumber() {
    #expect(decimal("€", .german) == .failure(.notANumber))
  }

  @Test func notANumberMessageGivesAnExampleInTheFilesStyle() {
    #expect(
      ValueParser.message(.notANumber, value: "abc", style: .german)
        == "\"abc\" is not a number (expected e.g. 1.234,5)")
    #expect(
      ValueParser.message(.notANumber, value: "abc", style: .plain) == "\"abc\" is not a number (expected e.g. 1234.5)")
  }

  // MARK: - Whole numbers

  @Test func germanWholeNumberWithThousands() {
    #expect(integer("1.234", .german) == .success(1234))
  }

  @Test func wholeNumberWithZeroFraction() {
    #expect(integer("12,00", .german) == .success(12))
  }

  @Test func wholeNumberWithFractionIsRejected() {
    #expect(integer("12,5", .german) == .failure(.notWhole))
  }

  @Test func negativeWholeNumberIsParsed() {
    #expect(integer("-3", .plain) == .success(-3))
  }

  @Test func hugeWholeNumberIsTooLarge() {
    #expect(integer("99999999999999999999", .plain) == .failure(.tooLarge(maximum: Int64.max)))
  }

  // MARK: - Dates

  @Test func isoDate() {
    #expect(date("2026-11-24") == .success(day(2026, 11, 24)))
  }

  @Test func germanDate() {
    #expect(date("24.11.2026") == .success(day(2026, 11, 24)))
  }

  @Test func germanDateWithOneDigitDayAndMonth() {
    #expect(date("1.3.2026") == .success(day(2026, 3, 1)))
  }

  @Test func germanDateWithTimeOfDay() {
    #expect(date("12.03.2025 00:00") == .success(day(2025, 3, 12)))
  }

  @Test func isoDateWithTimeOfDay() {
    #expect(date("2026-11-24T10:15:00") == .success(day(2026, 11, 24)))
  }

  @Test func leapDayInALeapYear() {
    #expect(date("29.02.2024") == .success(day(2024, 2, 29)))
  }

  @Test func thirtyFirstOfFebruaryIsNoDay() {
    #expect(date("31.02.2026") == .failure(.noSuchDay(year: 2026, month: 2, day: 31)))
  }

  @Test func thirtyFirstOfFebruaryMessageNamesTheDaysOfFebruary() {
    #expect(
      ValueParser.message(.noSuchDay(year: 2026, month: 2, day: 31), value: "31.02.2026", style: .german)
        == "\"31.02.2026\" is not a date (February 2026 has 28 days, not 31)")
  }

  @Test func monthThirteenIsNoDay() {
    #expect(date("2026-13-01") == .failure(.noSuchDay(year: 2026, month: 13, day: 1)))
  }

  @Test func monthThirteenMessageNamesTheMonth() {
    #expect(
      ValueParser.message(.noSuchDay(year: 2026, month: 13, day: 1), value: "2026-13-01", style: .plain)
        == "\"2026-13-01\" is not a date (there is no month 13)")
  }

  @Test func yearZeroIsOutOfRange() {
    #expect(date("0000-01-01") == .failure(.yearOutOfRange(0)))
  }

  @Test func yearZeroMessageGivesTheRange() {
    #expect(
      ValueParser.message(.yearOutOfRange(0), value: "0000-01-01", style: .plain)
        == "\"0000-01-01\" is not a date in a plausible year (0; expected 1900–2199)")
  }

  @Test func dayZeroIsNoDay() {
    #expect(date("00.03.2026") == .failure(.noSuchDay(year: 2026, month: 3, day: 0)))
  }

  @Test func dayZeroMessageSaysThereIsNoDayZero() {
    #expect(
      ValueParser.message(.noSuchDay(year: 2026, month: 3, day: 0), value: "00.03.2026", style: .german)
        == "\"00.03.2026\" is not a date (there is no day 0)")
  }

  @Test func twoDigitYearIsNotADate() {
    #expect(date("24.11.26") == .failure(.notADate))
  }

  @Test func slashesAreNotADate() {
    #expect(date("2026/11/24") == .failure(.notADate))
  }

  @Test func textAfterADateIsNotADate() {
    #expect(date("24.11.2026 morgens") == .failure(.notADate))
  }

  // MARK: - ISO weeks

  @Test func isoWeek() {
    #expect(week("2026-W48") == .success(ISOWeek(year: 2026, week: 48)!))
  }

  @Test func isoWeekWithoutDashAndOneDigit() {
    #expect(week("2026W5") == .success(ISOWeek(year: 2026, week: 5)!))
  }

  @Test func week53ExistsIn2026() {
    #expect(week("2026-W53") == .success(ISOWeek(year: 2026, week: 53)!))
  }

  @Test func week53DoesNotExistIn2025() {
    #expect(week("2025-W53") == .failure(.noSuchWeek(year: 2025, week: 53)))
  }

  @Test func week53MessageNamesTheWeeksOfTheYear() {
    #expect(
      ValueParser.message(.noSuchWeek(year: 2025, week: 53), value: "2025-W53", style: .plain)
        == "\"2025-W53\" is not an ISO week (2025 has 52 weeks, not 53)")
  }

  @Test func weekZeroDoesNotExist() {
    #expect(week("2026-W00") == .failure(.noSuchWeek(year: 2026, week: 0)))
  }

  @Test func weekZeroMessageSaysWeeksStartAtOne() {
    #expect(
      ValueParser.message(.noSuchWeek(year: 2026, week: 0), value: "2026-W00", style: .plain)
        == "\"2026-W00\" is not an ISO week (weeks are numbered from 1)")
  }

  @Test func aDateIsNotAWeek() {
    #expect(week("2026-11-24") == .failure(.notAWeek))
  }

  @Test func threeDigitWeekIsNotAWeek() {
    #expect(week("2026-W480") == .failure(.notAWeek))
  }
}
