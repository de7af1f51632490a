import DigITCore
import Testing

@testable import DigITMetrics

/// Issue 18, item 5: the formatter shows no exponent and no ∞.
@Suite struct FormatterOverflowTests {
  @Test func theFormatterShowsNoExponentAndNoInfinity() {
    let de = MetricFormatter(language: .de)
    #expect(de.number(1.2345678901234568e+29) == "123.456.789.012.345.680.000.000.000.000")
    #expect(MetricFormatter(language: .en).number(-1e20) == "-100,000,000,000,000,000,000")
    #expect(de.format(.number(.infinity), unit: .days) == "– Tage")
    #expect(de.delta(.infinity, unit: .days) == "–")
    #expect(de.percent(.infinity) == "– %")
  }

}
