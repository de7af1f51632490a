import Testing

@testable import DigITCore

/// Issue 18, item 5: no output shows ∞, NaN or an exponent; a stored `1e99999` is an error.
@Suite struct PlainNumberTests {
  @Test(arguments: [
    (1e23, "100000000000000000000000"), (1.2345678901234568e+29, "123456789012345680000000000000"),
    (1e-7, "0.0000001"), (-2.5e-8, "-0.000000025"), (0.375, "0.375"), (12, "12"), (-3.5, "-3.5"),
    (1.7976931348623157e308, "17976931348623157" + String(repeating: "0", count: 292)),
    (5e-324, "0." + String(repeating: "0", count: 323) + "5"),
  ])
  func numbersAreWrittenOutWithoutExponent(x: Double, text: String) {
    #expect(PlainNumber.text(x) == text)
    #expect(Double(text) == x)
  }

  @Test func jsonNumbersHaveNoExponent() {
    #expect(JSON.number(1e23) == "100000000000000000000000")
    #expect(JSON.number(1e-7) == "0.0000001")
    var out: [UInt8] = []
    JSON.appendNumber(1.2345678901234568e+29, to: &out)
    #expect(String(decoding: out, as: UTF8.self) == "123456789012345680000000000000")
  }

  @Test func aStoredNumberTooLargeForADoubleIsAnError() {
    #expect(throws: JSON.ParseError.self) { try JSON.parse(Array("{\"a\": 1e99999}".utf8)) }
    do {
      _ = try JSON.parse(Array("[1e99999]".utf8))
      Issue.record("1e99999 was read")
    } catch let e as JSON.ParseError {
      #expect(e.description.contains("the number 1e99999 is too large"))
    } catch {
      Issue.record("\(error)")
    }
    #expect(throws: JSON.ParseError.self) { try JSON.parse(Array("[-1e400]".utf8)) }
  }
}
