import DigITCore
import Testing

@testable import DigITMetrics

@Suite struct MetricFormatterTests {
  let de = MetricFormatter(language: .de)
  let en = MetricFormatter(language: .en)

  // MARK: Numbers

  @Test func germanThousandsSeparatorIsDotAndDecimalMarkIsComma() {
    #expect(de.number(1234.5, decimals: 1) == "1.234,5")
    #expect(de.number(1_234_567.891, decimals: 2) == "1.234.567,89")
    #expect(de.number(1_000_000) == "1.000.000")
  }

  @Test func englishThousandsSeparatorIsCommaAndDecimalMarkIsDot() {
    #expect(en.number(1234.5, decimals: 1) == "1,234.5")
    #expect(en.number(1_234_567.891, decimals: 2) == "1,234,567.89")
    #expect(en.number(1_000_000) == "1,000,000")
  }

  @Test func noSeparatorBelowOneThousand() {
    #expect(de.number(999) == "999")
    #expect(en.number(999) == "999")
    #expect(de.number(0) == "0")
    #expect(de.number(1000) == "1.000")
  }

  @Test func decimalsArePaddedWithZeros() {
    #expect(de.number(3, decimals: 2) == "3,00")
    #expect(en.number(3.5, decimals: 2) == "3.50")
    #expect(de.number(0.5, decimals: 3) == "0,500")
  }

  @Test func roundsHalfAwayFromZero() {
    // Not banker's rounding: 2.5 → 3 (to-even would give 2), 3.5 → 4, 0.5 → 1.
    #expect(de.number(2.5) == "3")
    #expect(de.number(3.5) == "4")
    #expect(de.number(0.5) == "1")
    #expect(de.number(2.4) == "2")
  }

  @Test func roundsNegativeHalfAwayFromZero() {
    #expect(de.number(-2.5) == "-3")
    #expect(en.number(-0.5) == "-1")
    #expect(de.number(-2.4) == "-2")
  }

  @Test func roundsHalfAwayFromZeroWithDecimals() {
    // 0.05 × 10 = 0.5 → 1 → "0,1"; 1.25 × 10 = 12.5 (exact in binary) → 13 → "1,3".
    #expect(de.number(0.05, decimals: 1) == "0,1")
    #expect(en.number(0.05, decimals: 1) == "0.1")
    #expect(de.number(1.25, decimals: 1) == "1,3")
    #expect(de.number(-1.25, decimals: 1) == "-1,3")
  }

  @Test func negativeValuesWithSeparators() {
    #expect(de.number(-1234.5, decimals: 1) == "-1.234,5")
    #expect(en.number(-1_234_567) == "-1,234,567")
  }

  @Test func negativeValueThatRoundsToZeroHasNoMinus() {
    #expect(de.number(-0.4) == "0")
    #expect(de.number(-0.04, decimals: 1) == "0,0")
  }

  @Test func nonFiniteNumbers() {
    #expect(de.number(.nan) == "–")
    #expect(de.number(.infinity) == "–")
    #expect(en.number(-.infinity) == "–")
  }

  // MARK: Percent and dates

  @Test func germanPercentHasCommaAndSpace() {
    #expect(de.percent(0.623) == "62,3 %")
    #expect(de.percent(1) == "100,0 %")
    #expect(de.percent(0.5, decimals: 0) == "50 %")
  }

  @Test func englishPercentHasDotAndNoSpace() {
    #expect(en.percent(0.623) == "62.3%")
    #expect(en.percent(0) == "0.0%")
    #expect(en.percent(12.5) == "1,250.0%")
  }

  @Test func germanDateIsDayMonthYear() {
    #expect(de.date(Day(year: 2026, month: 11, day: 23)!) == "23.11.2026")
    #expect(de.date(Day(year: 2027, month: 1, day: 3)!) == "03.01.2027")
  }

  @Test func englishDateIsISO() {
    #expect(en.date(Day(year: 2026, month: 11, day: 23)!) == "2026-11-23")
    #expect(en.date(Day(year: 2027, month: 1, day: 3)!) == "2027-01-03")
  }

  // MARK: format(_:unit:)

  @Test func formatOfNoValueIsDash() {
    #expect(de.format(nil, unit: .count) == "–")
    #expect(en.format(nil, unit: .share) == "–")
    #expect(de.format(nil, unit: .custom("%")) == "–")
  }

  @Test func formatCountAndRank() {
    #expect(de.format(.number(1234), unit: .count) == "1.234")
    #expect(en.format(.number(1234), unit: .count) == "1,234")
    #expect(de.format(.number(3), unit: .rank) == "3")
    #expect(en.format(.number(12.6), unit: .rank) == "13")
  }

  @Test func formatShare() {
    #expect(de.format(.number(0.623), unit: .share) == "62,3 %")
    #expect(en.format(.number(0.623), unit: .share) == "62.3%")
  }

  @Test func formatDaysAlwaysWithOneDecimal() {
    // One rule for days: "287,0 Tage" beside "290,6 Tage", never "287 Tage".
    #expect(de.format(.number(12), unit: .days) == "12,0 Tage")
    #expect(en.format(.number(12), unit: .days) == "12.0 days")
    #expect(de.format(.number(2.5), unit: .days) == "2,5 Tage")
    #expect(en.format(.number(2.5), unit: .days) == "2.5 days")
  }

  @Test func formatOneDayIsOneDecimalToo() {
    #expect(de.format(.number(1), unit: .days) == "1,0 Tage")
    #expect(en.format(.number(1), unit: .days) == "1.0 days")
  }

  @Test func weeksInRunningText() {
    #expect(de.week(w(2026, 48)) == "KW 48/2026")
    #expect(en.week(w(2026, 48)) == "W48 2026")
    #expect(w(2026, 48).description == "2026-W48")
  }

  @Test func formatWeeks() {
    #expect(de.format(.number(3), unit: .weeks) == "3,0 Wo.")
    #expect(en.format(.number(3.25), unit: .weeks) == "3.3 wk")
  }

  @Test func formatScore() {
    #expect(de.format(.number(72.44), unit: .score) == "72,4")
    #expect(en.format(.number(72), unit: .score) == "72.0")
  }

  @Test func formatPoints() {
    #expect(de.format(.number(1.5), unit: .points) == "1,5 Pkt.")
    #expect(en.format(.number(1.5), unit: .points) == "1.5 pts")
  }

  @Test func formatEuros() {
    #expect(de.format(.number(1_234_567), unit: .euros) == "1.234.567 €")
    #expect(en.format(.number(1_234_567), unit: .euros) == "€1,234,567")
  }

  @Test func formatNumberInDateOrStatusUnitIsPlainNumber() {
    #expect(de.format(.number(1234), unit: .date) == "1.234")
    #expect(en.format(.number(2), unit: .status) == "2")
  }

  @Test func formatDayValueIsDateInAnyUnit() {
    let day = Day(year: 2026, month: 12, day: 14)!
    #expect(de.format(.day(day), unit: .date) == "14.12.2026")
    #expect(en.format(.day(day), unit: .date) == "2026-12-14")
    #expect(de.format(.day(day), unit: .count) == "14.12.2026")
  }

  @Test func formatCustomPercentUnit() {
    // KPI values in "%" are already percentages (62.3, not 0.623): one decimal, like every percentage.
    #expect(de.format(.number(62.3), unit: .custom("%")) == "62,3 %")
    #expect(en.format(.number(62.3), unit: .custom("%")) == "62.3%")
    #expect(de.format(.number(80), unit: .custom("%")) == "80,0 %")
    #expect(en.format(.number(80), unit: .custom("%")) == "80.0%")
  }

  @Test func formatCustomWordUnit() {
    #expect(de.format(.number(12), unit: .custom("Tage")) == "12,0 Tage")  // days: one decimal
    #expect(de.format(.number(2.5), unit: .custom("Tage")) == "2,5 Tage")
    #expect(en.format(.number(12), unit: .custom("Tage")) == "12.0 Tage")
    #expect(de.format(.number(17), unit: .custom("Leistungen")) == "17 Leistungen")  // a count
  }

  @Test func formatCustomEmptyUnit() {
    #expect(de.format(.number(1234), unit: .custom("")) == "1.234")
    #expect(en.format(.number(4.25), unit: .custom("")) == "4.3")
    // 100 and more: no decimals, 1234.5 → 1235 (half away from zero).
    #expect(de.format(.number(1234.5), unit: .custom("")) == "1.235")
  }

  @Test func formatRAGStatusInGerman() {
    #expect(de.format(.rag(.red), unit: .status) == "rot")
    #expect(de.format(.rag(.amber), unit: .status) == "gelb")
    #expect(de.format(.rag(.green), unit: .status) == "grün")
  }

  @Test func formatRAGStatusInEnglish() {
    #expect(en.format(.rag(.red), unit: .status) == "red")
    #expect(en.format(.rag(.amber), unit: .status) == "amber")
    #expect(en.format(.rag(.green), unit: .status) == "green")
  }

  @Test func formatTargetStatusInBothLanguages() {
    #expect(de.format(.target(.met), unit: .status) == "erreicht")
    #expect(de.format(.target(.offTrack), unit: .status) == "nicht erreicht")
    #expect(en.format(.target(.met), unit: .status) == "met")
    #expect(en.format(.target(.offTrack), unit: .status) == "off track")
  }

  // MARK: delta(_:unit:)

  @Test func deltaSignPlusForIncrease() {
    #expect(de.delta(12, unit: .count) == "+12")
    #expect(en.delta(1234, unit: .count) == "+1,234")
  }

  @Test func deltaSignMinusForDecrease() {
    #expect(de.delta(-3, unit: .count) == "-3")
    #expect(de.delta(-1234, unit: .count) == "-1.234")
  }

  @Test func deltaSignPlusMinusForNoChange() {
    #expect(de.delta(0, unit: .count) == "±0")
    #expect(en.delta(0, unit: .rank) == "±0")
    #expect(de.delta(0, unit: .share) == "±0,0 Pp")
  }

  @Test func deltaOfShareIsInPercentagePoints() {
    // 0.004 of a share = 0.4 percentage points.
    #expect(de.delta(0.004, unit: .share) == "+0,4 Pp")
    #expect(en.delta(0.004, unit: .share) == "+0.4 pp")
    #expect(de.delta(-0.125, unit: .share) == "-12,5 Pp")
  }

  @Test func deltaOfCustomPercentIsInPercentagePoints() {
    #expect(de.delta(2.5, unit: .custom("%")) == "+2,5 Pp")
    #expect(en.delta(-3, unit: .custom("%")) == "-3.0 pp")
  }

  @Test func deltaOfOtherUnits() {
    #expect(de.delta(3, unit: .days) == "+3,0 Tage")
    #expect(en.delta(-1.5, unit: .days) == "-1.5 days")
    #expect(de.delta(2, unit: .weeks) == "+2,0 Wo.")
    #expect(en.delta(0.25, unit: .score) == "+0.3")
    #expect(de.delta(-1.5, unit: .points) == "-1,5 Pkt.")
    #expect(en.delta(1.5, unit: .points) == "+1.5 pts")
    #expect(de.delta(1500, unit: .euros) == "+1.500 €")
    #expect(en.delta(-1500, unit: .euros) == "-€1,500")
    #expect(de.delta(4, unit: .custom("Tage")) == "+4,0 Tage")
    #expect(de.delta(-4, unit: .custom("")) == "-4")
  }

  // MARK: format(_:of:): a metric that is a change (issue 13: "deltas always signed")

  @Test func aChangeMetricIsAlwaysSignedWithItsUnitWord() {
    let catalog = MetricCatalog.standard(for: City(name: "Mainz"))
    let points = catalog["index.score_delta"]!
    let places = catalog["index.rank_delta"]!
    #expect(points.isChange && places.isChange)
    #expect(de.format(.number(0.9), of: points) == "+0,9 Pkt.")
    #expect(en.format(.number(0.9), of: points) == "+0.9 pts")
    #expect(de.format(.number(-2.25), of: points) == "-2,3 Pkt.")
    #expect(de.format(.number(0), of: points) == "±0,0 Pkt.")
    #expect(de.format(.number(-6), of: places) == "-6 Plätze")
    #expect(de.format(.number(1), of: places) == "+1 Platz")
    #expect(de.format(.number(0), of: places) == "±0 Plätze")
    #expect(en.format(.number(3), of: places) == "+3 places")
    #expect(en.format(.number(-1), of: places) == "-1 place")
    #expect(de.format(nil, of: places) == "–")
  }

  @Test func aMetricThatIsNoChangeIsFormattedByItsUnit() {
    let catalog = MetricCatalog.standard(for: City(name: "Mainz"))
    #expect(catalog["index.rank"]!.isChange == false)
    #expect(de.format(.number(12), of: catalog["index.rank"]!) == "12")
    #expect(de.format(.number(1.5), of: catalog["index.target_gap"]!) == "1,5 Pkt.")
    #expect(en.delta(2, unit: .rank) == "+2")  // a change of a rank number counts no places
  }

  @Test func deltaThatRoundsToZeroHasNoSign() {
    #expect(de.delta(0.0001, unit: .share) == "±0,0 Pp")  // 0.01 percentage points shows as 0,0
    #expect(en.delta(-0.04, unit: .score) == "±0.0")
    #expect(de.delta(0.4, unit: .count) == "±0")
    #expect(de.delta(0.6, unit: .count) == "+1")
  }

  @Test func deltaOfDaysHasOneDecimal() {
    #expect(de.delta(1, unit: .days) == "+1,0 Tage")
    #expect(en.delta(-1, unit: .days) == "-1.0 days")
    #expect(de.delta(0, unit: .days) == "±0,0 Tage")
  }

  @Test func negativeEurosPutTheSignFirstInEnglish() {
    #expect(en.format(.number(-1234), unit: .euros) == "-€1,234")
    #expect(en.delta(-1234, unit: .euros) == "-€1,234")
    #expect(de.format(.number(-1234), unit: .euros) == "-1.234 €")
  }
}
