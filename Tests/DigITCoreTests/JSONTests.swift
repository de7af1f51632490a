import Foundation
import Testing

@testable import DigITCore

@Suite struct JSONTests {
  static func compact(_ value: JSON) -> String { value.rendered(indent: 0) }

  // MARK: Keys

  @Test func keysAreSortedRegardlessOfInputOrder() {
    let a = JSON.object([("b", .int(2)), ("a", .int(1)), ("c", .int(3))])
    let b = JSON.object([("c", .int(3)), ("b", .int(2)), ("a", .int(1))])
    #expect(Self.compact(a) == #"{"a":1,"b":2,"c":3}"#)
    #expect(Self.compact(b) == #"{"a":1,"b":2,"c":3}"#)
  }

  @Test func keysSortByUTF8BytesWithUppercaseAndUmlauts() {
    // UTF-8 bytes: "B" 0x42 < "Z" 0x5A < "a" 0x61 < "aa" < "b" 0x62 < "z" 0x7A < "ä" 0xC3 0xA4 < "ö" 0xC3 0xB6.
    // (Not alphabetical and not case-insensitive: "ä" after "z", uppercase before lowercase.)
    let value = JSON.object([
      ("ö", .int(8)), ("b", .int(5)), ("ä", .int(7)), ("aa", .int(4)), ("Z", .int(2)), ("a", .int(3)),
      ("z", .int(6)), ("B", .int(1)),
    ])
    #expect(Self.compact(value) == #"{"B":1,"Z":2,"a":3,"aa":4,"b":5,"z":6,"ä":7,"ö":8}"#)
  }

  @Test func keysSortByBytesNotByCanonicalEquivalence() {
    // "A\u{30A}" (A + combining ring, bytes 41 CC 8A) is canonically "Å" (U+00C5), which Swift's `<` puts after "B";
    // by UTF-8 bytes it comes first (0x41 < 0x42).
    let value = JSON.object([("B", .int(2)), ("A\u{30A}", .int(1))])
    #expect(Self.compact(value) == "{\"A\u{30A}\":1,\"B\":2}")
  }

  @Test func keysFromDictionaryAreSorted() {
    let value = JSON.object(["zeta": .int(1), "alpha": .int(2), "Mitte": .int(3)])
    #expect(Self.compact(value) == #"{"Mitte":3,"alpha":2,"zeta":1}"#)
  }

  @Test func nestedObjectKeysAreSorted() {
    let value = JSON.object([("outer", .object([("y", .int(1)), ("x", .int(2))]))])
    #expect(Self.compact(value) == #"{"outer":{"x":2,"y":1}}"#)
  }

  // MARK: Numbers

  @Test func integersHaveNoFraction() {
    #expect(JSON.number(12) == "12")
    #expect(JSON.number(-3) == "-3")
    #expect(JSON.number(0) == "0")
    #expect(JSON.number(1e15) == "1000000000000000")
    #expect(Self.compact(.int(42)) == "42")
    #expect(Self.compact(.number(42.0)) == "42")
  }

  @Test func negativeZeroIsZero() {
    #expect(JSON.number(-0.0) == "0")
  }

  @Test func fractionsUseShortestRoundTripDecimal() {
    #expect(JSON.number(0.1) == "0.1")
    #expect(JSON.number(0.375) == "0.375")
    #expect(JSON.number(-3.5) == "-3.5")
    // 0.1 + 0.2 is not 0.3 in binary; the shortest text that round-trips is 0.30000000000000004.
    #expect(JSON.number(0.1 + 0.2) == "0.30000000000000004")
  }

  @Test func nonFiniteNumbersAreNull() {
    #expect(JSON.number(.nan) == "null")
    #expect(JSON.number(.infinity) == "null")
    #expect(JSON.number(-.infinity) == "null")
    #expect(Self.compact(.array([.number(.nan), .number(1)])) == "[null,1]")
  }

  @Test func scalars() {
    #expect(Self.compact(.null) == "null")
    #expect(Self.compact(.bool(true)) == "true")
    #expect(Self.compact(.bool(false)) == "false")
  }

  // MARK: Strings

  @Test func quoteAndBackslashAreEscaped() {
    #expect(Self.compact(.string(#"say "hi" \ bye"#)) == #""say \"hi\" \\ bye""#)
  }

  @Test func newlineTabAndCarriageReturnUseShortEscapes() {
    #expect(Self.compact(.string("a\nb\tc\rd")) == #""a\nb\tc\rd""#)
  }

  @Test func otherControlCharactersAreUnicodeEscaped() {
    // ESC U+001B → \u001b (lowercase hex), NUL → \u0000, U+001F → \u001f, backspace U+0008 → \u0008.
    #expect(Self.compact(.string("\u{1B}[31m")) == #""\u001b[31m""#)
    #expect(Self.compact(.string("\u{0}\u{1F}\u{8}")) == #""\u0000\u001f\u0008""#)
  }

  @Test func deleteIsUnicodeEscaped() {
    #expect(Self.compact(.string("a\u{7F}b")) == #""a\u007fb""#)
  }

  @Test func lineAndParagraphSeparatorsAreEscaped() {
    #expect(Self.compact(.string("a\u{2028}b\u{2029}c")) == #""a\u2028b\u2029c""#)
  }

  @Test func otherCharactersStartingWithE2AreKept() {
    // "…" (E2 80 A6), "€" (E2 82 AC) and "–" (E2 80 93) share the lead byte of U+2028 but are not escaped.
    #expect(Self.compact(.string("…€–")) == "\"…€–\"")
  }

  @Test func umlautsAreKeptAsUTF8() {
    let text = Self.compact(.string("Bürgerbüro Straße"))
    #expect(text == "\"Bürgerbüro Straße\"")
    #expect(Array(text.utf8).contains(0xC3))
    #expect(!text.contains("\\u"))
  }

  @Test func keysAreEscapedLikeStrings() {
    #expect(Self.compact(.object([("a\"b\n", .int(1))])) == #"{"a\"b\n":1}"#)
  }

  // MARK: Layout

  @Test func compactHasNoWhitespace() {
    let value = JSON.object([("b", .array([.int(1), .int(2)])), ("a", .object([("x", .bool(true))]))])
    #expect(Self.compact(value) == #"{"a":{"x":true},"b":[1,2]}"#)
  }

  @Test func prettyIndentsObjectsAndPutsASpaceAfterColons() {
    let value = JSON.object([("b", .array([.int(1), .int(2)])), ("a", .object([("x", .bool(true))]))])
    let expected = """
      {
        "a": {
          "x": true
        },
        "b": [1, 2]
      }
      """
    #expect(value.rendered(indent: 2) == expected)
    #expect(value.rendered() == expected)  // indent 2 is the default
  }

  @Test func prettyWithFourSpaces() {
    let value = JSON.object([("a", .object([("x", .int(1))]))])
    #expect(value.rendered(indent: 4) == "{\n    \"a\": {\n        \"x\": 1\n    }\n}")
  }

  @Test func prettyArrayOfNumbersAndNullsStaysOnOneLine() {
    let value = JSON.object([("weeks", .array([.number(1), .null, .number(2.5), .int(-4)]))])
    #expect(value.rendered(indent: 2) == "{\n  \"weeks\": [1, null, 2.5, -4]\n}")
  }

  @Test func prettyArrayOfObjectsHasOneItemPerLine() {
    let value = JSON.array([.object([("x", .int(1))]), .object([("x", .int(2))])])
    let expected = """
      [
        {
          "x": 1
        },
        {
          "x": 2
        }
      ]
      """
    #expect(value.rendered(indent: 2) == expected)
  }

  @Test func prettyArrayOfStringsHasOneItemPerLine() {
    #expect(JSON.array([.string("a"), .string("b")]).rendered(indent: 2) == "[\n  \"a\",\n  \"b\"\n]")
  }

  @Test func emptyObjectAndArray() {
    #expect(Self.compact(.object([(String, JSON)]())) == "{}")
    #expect(Self.compact(.array([])) == "[]")
    #expect(JSON.object([(String, JSON)]()).rendered(indent: 2) == "{}")
    #expect(JSON.array([]).rendered(indent: 2) == "[]")
    let nested = JSON.object([("a", .array([])), ("b", .object([(String, JSON)]()))])
    #expect(nested.rendered(indent: 2) == "{\n  \"a\": [],\n  \"b\": {}\n}")
  }

  // MARK: Fragments

  @Test func fragmentIsInsertedVerbatim() {
    let fragment = JSON.fragment(Array(#"[1,2,{"z":0,"a":1}]"#.utf8))
    // Not re-sorted, not re-indented: the bytes as they are.
    #expect(Self.compact(.object([("b", fragment), ("a", .int(1))])) == #"{"a":1,"b":[1,2,{"z":0,"a":1}]}"#)
    #expect(JSON.object([("k", fragment)]).rendered(indent: 2) == "{\n  \"k\": [1,2,{\"z\":0,\"a\":1}]\n}")
  }

  @Test func fragmentRenderedAtItsLevelMatchesDirectRendering() {
    let inner = JSON.object([("y", .int(1)), ("x", .array([.string("s")]))])
    let direct = JSON.object([("outer", inner)])
    var bytes: [UInt8] = []
    inner.render(into: &bytes, indent: 2, level: 1)
    let viaFragment = JSON.object([("outer", .fragment(bytes))])
    #expect(viaFragment.rendered(indent: 2) == direct.rendered(indent: 2))
  }

  // MARK: Round trip

  static let nested = JSON.object([
    ("name", .string("Bärbel \"B.\" \\ Amt\nzwei\u{2028}\u{1B}")),
    ("count", .int(3)),
    ("ratio", .number(0.1)),
    ("flag", .bool(true)),
    ("none", .null),
    ("weeks", .array([.number(1), .null, .number(2.5)])),
    ("items", .array([.object([("id", .string("P-33-001")), ("open", .int(12))]), .object([(String, JSON)]())])),
  ])

  @Test(arguments: [0, 2])
  func roundTripsThroughJSONSerialization(indent: Int) throws {
    let text = Self.nested.rendered(indent: indent)
    let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
    let object = try #require(parsed as? [String: Any])
    #expect(Set(object.keys) == ["name", "count", "ratio", "flag", "none", "weeks", "items"])
    #expect(object["name"] as? String == "Bärbel \"B.\" \\ Amt\nzwei\u{2028}\u{1B}")
    #expect(object["count"] as? Int == 3)
    #expect(object["ratio"] as? Double == 0.1)
    #expect(object["flag"] as? Bool == true)
    #expect(object["none"] is NSNull)
    let weeks = try #require(object["weeks"] as? [Any])
    #expect(weeks.count == 3)
    #expect(weeks[0] as? Int == 1)
    #expect(weeks[1] is NSNull)
    #expect(weeks[2] as? Double == 2.5)
    let items = try #require(object["items"] as? [[String: Any]])
    #expect(items.count == 2)
    #expect(items[0]["id"] as? String == "P-33-001")
    #expect(items[0]["open"] as? Int == 12)
    #expect(items[1].isEmpty)
  }

  @Test func equalValuesRenderByteIdentically() {
    // The same members in another order give the same text.
    let a = JSON.object([("x", .int(1)), ("y", .array([.number(0.5)])), ("w", .string("ä"))])
    let b = JSON.object([("w", .string("ä")), ("y", .array([.number(0.5)])), ("x", .int(1))])
    #expect(a.rendered(indent: 2) == b.rendered(indent: 2))
    #expect(Self.compact(a) == Self.compact(b))
  }

  /// `write` hands on the same bytes as `render`, in order, with fragments passed through whole and the
  /// rest in pieces of about a megabyte (a document of several megabytes, fragments at several depths,
  /// pretty and compact).
  @Test func writingInPiecesGivesTheRenderedBytes() {
    let projects = JSON.parallelArray(7) { o in
      (0..<(o * 300)).map { p in
        JSON.object([("id", .string("P-\(o)-\(p) „ü“")), ("n", .int(p)), ("x", .number(Double(p) / 8))])
      }
    }
    let big = JSON.array((0..<40_000).map { .string("Zeile \($0) mit Umlauten äöü und \"Anführung\"") })
    let document = JSON.object([
      ("z", .fragment(projects)), ("a", big), ("m", .object([("inner", .fragment(Array("[1, 2]".utf8)))])),
      ("empty", .fragment([])), ("null", .null),
    ])
    for indent in [2, 0] {
      var expected: [UInt8] = []
      document.render(into: &expected, indent: indent)
      var pieces: [[UInt8]] = []
      document.write(indent: indent) { pieces.append(Array($0)) }
      #expect(pieces.flatMap { $0 } == expected)
      #expect(expected.count > 2 * JSON.streamChunk)
      #expect(pieces.count > 3)
      #expect(pieces.allSatisfy { $0.count <= JSON.streamChunk + 4096 || $0 == projects })
      #expect(pieces.contains(projects))
    }
  }
}
