import DigITCore
import Testing
import Yams

@testable import DigITFeeds

/// `YAMLMap.parse` has Yams resolve only the null tag (`YAMLMap.resolver`) instead of its default
/// resolver's bool, int, float, merge, null, timestamp and value tags. Every value is typed by `YAMLMap`
/// from its text, so what it reads and reports must be the same with either resolver.
@Suite struct YAMLResolverTests {
  /// Everything `YAMLMap` reads from `text`: every key through every accessor, the nested mappings and
  /// lists, and the diagnostics of parsing and reading.
  static func reading(_ text: String, _ resolver: Resolver) -> [String] {
    var sink = DiagnosticSink(office: "amt-1", file: "offices/amt-1/office.yaml")
    var out: [String] = []
    if let map = YAMLMap.parse(text, resolver: resolver, sink: &sink) { out = read(map, &sink) }
    return out + sink.diagnostics.map { "\($0.severity) \($0.line ?? 0) \($0.column ?? "-") \($0.message)" }
  }

  static func read(_ map: YAMLMap, _ sink: inout DiagnosticSink) -> [String] {
    var out = ["\(map.prefix)keys \(map.keys) line \(map.line ?? 0)"]
    map.checkKeys(["name", "number"], sink: &sink)
    for key in map.keys {
      out.append(
        "\(map.prefix)\(key): has \(map.has(key)) mapping \(map.isMapping(key)) line \(map.line(of: key) ?? 0)")
      out.append("string \(map.string(key, required: true, sink: &sink) ?? "nil")")
      out.append("int \(map.int(key, sink: &sink).map(String.init) ?? "nil")")
      out.append("double \(map.double(key, sink: &sink).map { "\($0)" } ?? "nil")")
      out.append("bool \(map.bool(key, sink: &sink).map { "\($0)" } ?? "nil")")
      out.append("date \(map.date(key, sink: &sink).map { "\($0)" } ?? "nil")")
      out.append("strings \(map.strings(key, sink: &sink).map { "\($0.text)@\($0.line ?? 0)" })")
      if let nested = map.map(key, sink: &sink) { out += read(nested, &sink) }
      for item in map.list(key, sink: &sink) { out += read(item, &sink) }
    }
    return out
  }

  /// Plain scalars that Yams' default resolver types (bool, int, float, null, timestamp, merge, value),
  /// as values, keys, list items and in nested mappings.
  static let typed = """
    name: Amt 1
    number: 031
    hex: 0x1F
    octal: 0o17
    exponent: 1.5e3
    infinite: .inf
    nan: .NaN
    negative: -12
    positive: +12
    comma: 1,5
    yes: yes
    ja: ja
    On: On
    True: True
    off: FALSE
    null_value: null
    tilde: ~
    Null: NULL
    empty:
    quoted_null: "null"
    quoted_empty: ""
    date: 2024-01-31
    german: 31.01.2024
    stamp: 2024-01-31T10:00:00Z
    equals: =
    <<: {a: 1, b: [x]}
    1: one
    1.5: one and a half
    "2": two
    ~: tilde key
    null: null key
    2024-02-01: a date key
    list: [1, true, ~, "x", 2024-01-31, null, '']
    block:
      - a
      - 2
      - ~
    nested:
      x: 1
      y: [a, b]
      z: ~
    items:
      - id: 1
        on: off
        at: 2024-01-31
      - ~
      - [1]
    """

  @Test func everyValueIsReadTheSameAsWithYamsDefaultResolver() {
    let old = Self.reading(Self.typed, .default)
    #expect(old.count > 200)
    #expect(Self.reading(Self.typed, YAMLMap.resolver) == old)
  }

  @Test func nullIsNotGivenAndTheWordsOfTypedScalarsAreText() throws {
    var sink = DiagnosticSink(office: "amt-1", file: "offices/amt-1/office.yaml")
    let map = try #require(YAMLMap.parse(Self.typed, sink: &sink))
    #expect(sink.diagnostics.isEmpty)
    for key in ["null_value", "tilde", "Null", "empty"] { #expect(!map.has(key), "\(key)") }
    #expect(map.string("~", sink: &sink) == "tilde key")
    #expect(map.string("null", sink: &sink) == "null key")
    for key in ["quoted_null", "quoted_empty"] { #expect(map.has(key), "\(key)") }
    #expect(map.string("quoted_null", sink: &sink) == "null")
    #expect(map.string("number", sink: &sink) == "031")
    #expect(map.string("hex", sink: &sink) == "0x1F")
    #expect(map.string("True", sink: &sink) == "True")
    #expect(map.string("date", sink: &sink) == "2024-01-31")
    #expect(map.string("1", sink: &sink) == "one")
    #expect(map.string("<<", sink: &sink) == nil)
    #expect(map.isMapping("<<"))
    #expect(map.strings("list", sink: &sink).map(\.text) == ["1", "true", "~", "x", "2024-01-31", "null", ""])
    #expect(sink.diagnostics.map(\.message) == ["expected a text, found a mapping"])
  }

  /// Keys written twice, also where only their tags (and so Yams' own check) differ: the same diagnostics
  /// as with Yams' default resolver, except for a plain key the default resolver typed and a quoted copy
  /// of it (`1` and `"1"`) — see ``aTypedKeyAndItsQuotedCopyAreReportedAtTheFirst``.
  @Test func keysWrittenTwiceAreReportedAsWithYamsDefaultResolver() {
    for text in [
      "name: a\nname: b\n", "name: a\n'name': b\n", "1: a\n1: b\n", "true: a\ntrue: b\n", "~: a\n~: b\n",
      "null: a\nnull: b\n", "~: a\nnull: b\n", "null: a\nNull: b\n", "<<: {a: 1}\n<<: {b: 2}\n",
      "2024-01-31: a\n2024-01-31: b\n", "1: a\n01: b\n", "1: a\n!x 1: b\n",
      "a:\n  x: 1\n  x: 2\nb: [\n", "x: 1\ny: 2\nx: 3\ny: 4\n", "[1]: a\n[1]: b\n", "{a: 1}: x\n{a: 1}: y\n",
    ] {
      #expect(Self.reading(text, YAMLMap.resolver) == Self.reading(text, .default), "\(text)")
    }
  }

  /// Yams refuses a key written twice only when both have the same tag. With its default resolver a
  /// plain `1` was an int and `"1"` a text, so the copies passed Yams and `keyWrittenTwice` reported the
  /// second one; now both are texts and Yams reports the first, as it always did for `name` and `"name"`.
  @Test func aTypedKeyAndItsQuotedCopyAreReportedAtTheFirst() {
    for (text, key) in [
      ("1: a\n\"1\": b\n", "1"), ("true: a\n'true': b\n", "true"), ("2024-01-31: a\n\"2024-01-31\": b\n", "2024-01-31"),
      ("<<: a\n'<<': b\n", "<<"), ("!!str 1: a\n1: b\n", "1"),
    ] {
      let error = ["error 1 - YAML has the key \(key) twice"]
      #expect(Self.reading(text, YAMLMap.resolver) == error, "\(text)")
      #expect(
        Self.reading(text, .default) == [error[0].replacingOccurrences(of: "error 1", with: "error 2")], "\(text)")
    }
  }

  /// `~`, `null`, `Null` and `NULL` are YAML's "no value", as an empty value is: the key counts as not
  /// given. (Yams resolves only the keys' tags; a value's tag stayed implicit, so `coordinator: ~` was the
  /// coordinator "~" and `targets: null` "expected a mapping".)
  @Test func anOfficeValueWrittenAsNullIsNotGiven() throws {
    for null in ["~", "null", "Null", "NULL"] {
      let yaml = "name: \(null)\nnumber: \(null)\ncoordinator: \(null)\ndigit_since: \(null)\ntargets: \(null)\n"
      let r = try TestRoot(office: ["office.yaml": .text(yaml)]).load()
      let office = try #require(r.office("amt-1"))
      #expect(office.name == "amt-1", "\(null)")
      #expect(office.number == "" && office.coordinator == "" && office.digitSince == nil, "\(null)")
      #expect(office.kpiTargets.isEmpty)
      let messages = r.diagnostics(file: "offices/amt-1/office.yaml").map(\.message)
      #expect(messages == ["is missing"], "\(null)")
    }
  }

  /// A long key written twice is named as ``YAMLMap/keyWrittenTwice(_:)`` names it (40 characters), also
  /// when Yams finds it: a plain key and its quoted copy are both texts now.
  @Test func aLongKeyWrittenTwiceIsShortenedInTheMessage() {
    let key = String(repeating: "k", count: 100)
    for text in ["\(key): a\n\(key): b\n", "\(key): a\n'\(key)': b\n", "\(key): a\n!x \(key): b\n"] {
      let messages = Self.reading(text, YAMLMap.resolver)
      #expect(messages.count == 1)
      #expect(messages.allSatisfy { $0.contains("key \(key.prefix(40))… twice") }, "\(messages)")
    }
  }
}
