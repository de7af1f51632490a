import Testing

@testable import DigITCore

@Suite struct JSONParserTests {
  func parse(_ text: String) throws -> JSON { try JSON.parse(Array(text.utf8)) }

  @Test func renderedDocumentsReadBackUnchanged() throws {
    let doc = JSON.object([
      ("a", .array([.number(1), .number(-2.5), .null, .number(0.1), .number(1e-7), .number(123_456_789_012)])),
      ("b", .string("Bürgeramt \"Zitat\" \\ \n\t\u{1B}[31m \u{2028} 😀")),
      ("c", .object([("x", .bool(true)), ("y", .bool(false)), ("z", .object([]))])),
      ("d", .array([])),
    ])
    let text = doc.rendered()
    let back = try parse(text)
    #expect(back.rendered() == text)
    #expect(back["b"]?.stringValue == "Bürgeramt \"Zitat\" \\ \n\t\u{1B}[31m \u{2028} 😀")
    #expect(back["c"]?["x"]?.boolValue == true)
    #expect(back["a"]?.arrayValue?[2].isNull == true)
    #expect(back["a"]?.arrayValue?[5].intValue == 123_456_789_012)
  }

  @Test func numbersAreExactlyWhatSwiftReads() throws {
    var rng = TestGenerator(state: 7)
    for _ in 0..<20_000 {
      let digits = Int(rng.next() % 15) + 1
      var text = String(rng.next() % 1_000_000_000_000_000).prefix(digits)
      let dot = Int(rng.next() % UInt64(text.count + 1))
      if dot < text.count && dot > 0 { text.insert(".", at: text.index(text.startIndex, offsetBy: dot)) }
      if text.hasPrefix("0") && text.count > 1 && !text.hasPrefix("0.") { text = "1" + text.dropFirst() }
      let negative = rng.next() % 2 == 0
      let literal = (negative ? "-" : "") + text
      let parsed = try parse(literal).doubleValue
      #expect(parsed == Double(literal), "\(literal)")
    }
    #expect(try parse("1e3").doubleValue == 1000)
    #expect(try parse("-0.000001234E-2").doubleValue == -0.000001234e-2)
    #expect(try parse("12345678901234567890").doubleValue == 12_345_678_901_234_567_890)
  }

  @Test func escapesAndSurrogatePairs() throws {
    #expect(try parse(#""a\u00fc\n\/\"\\\b\f\r\t""#).stringValue == "aü\n/\"\\\u{08}\u{0C}\r\t")
    #expect(try parse(#""\ud83d\ude00""#).stringValue == "😀")
    #expect(try parse(#""\ud83d x""#).stringValue == "\u{FFFD} x")
    #expect(try parse(#""\ud800\u0041""#).stringValue == "\u{FFFD}A")
    #expect(try parse(#""\udc00""#).stringValue == "\u{FFFD}")
  }

  @Test(arguments: [
    ("", 0, "unexpected end of text"),
    ("{\"a\":1,}", 7, "expected a key in quotes"),
    ("[1,2", 4, "unexpected end of text in an array"),
    ("01", 0, "a number must not start with 0"),
    ("\"abc", 4, "unterminated string"),
    ("\"a\u{01}\"", 2, "control character in a string"),
    ("tru", 0, "unexpected end of text"),
    ("{} x", 3, "text after the end of the value"),
    ("1.", 2, "expected a digit after '.'"),
    ("\"\\x\"", 3, "unknown escape"),
  ])
  func errorsSayWhereAndWhat(text: String, offset: Int, reason: String) {
    #expect(throws: JSON.ParseError(offset: offset, reason: reason)) { try parse(text) }
  }

  @Test func deepNestingIsBounded() {
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    #expect(throws: JSON.ParseError.self) { try parse(deep) }
    let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    #expect(throws: Never.self) { try parse(ok) }
  }

  @Test func integersRenderDigitByDigit() {
    for x in [0.0, -0.0, 7, -7, 10, 1_234_567_890, -999_999_999_999_999, 1e15, 0.5, -2.25] {
      var out: [UInt8] = []
      JSON.appendNumber(x, to: &out)
      #expect(String(decoding: out, as: UTF8.self) == JSON.number(x), "\(x)")
    }
  }
}

@Suite struct JSONSkippingTests {
  @Test func skippedMembersReadAsNullAndTheRestIsUnchanged() throws {
    let text = #"{"a": {"big": [1, {"x": "]}\""}, [2.5e3, true, null]], "keep": 1}, "big": 7, "b": "ok", "c": -0.5}"#
    let full = try JSON.parse(Array(text.utf8))
    let skipped = try JSON.parse(Array(text.utf8), skipping: ["big"])
    #expect(skipped["a"]?["big"]?.isNull == true)
    #expect(skipped["a"]?["keep"]?.intValue == 1)
    #expect(skipped["big"]?.isNull == true)
    #expect(skipped["b"]?.stringValue == "ok")
    #expect(skipped["c"]?.doubleValue == -0.5)
    #expect(full["big"]?.intValue == 7)
  }

  @Test func aBrokenSkippedMemberIsStillAnError() {
    #expect(throws: JSON.ParseError.self) { try JSON.parse(Array(#"{"big": [1, "x}"#.utf8), skipping: ["big"]) }
    #expect(throws: JSON.ParseError.self) { try JSON.parse(Array(#"{"big": ]}"#.utf8), skipping: ["big"]) }
  }
}

/// A small seeded generator (SplitMix64's step), so the number test is the same on every run.
struct TestGenerator: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
