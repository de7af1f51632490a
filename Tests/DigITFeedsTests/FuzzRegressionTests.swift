import DigITCore
import DigITMetrics
import DigITTestSupport
import Testing

@testable import DigITFeeds

/// The package root, three levels up from this file (Tests/DigITFeedsTests/…).
private let packageRoot: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()

/// Inputs found by the libFuzzer targets in Tests/Fuzz (see run.sh there), each fed through the path it
/// broke, with the exact bytes. Each input is also in the seed corpus (Tests/Fuzz/Corpus/).
@Suite(.tags(.slow)) struct FuzzRegressionTests {
  // MARK: - fuzz-csv

  /// `CSVRecord.string(-1)` read the memory before the field buffer: `hasEscapedQuotes` checked the
  /// upper bound of the index only (ASan: heap-buffer-overflow). A one-byte file, a line break, is
  /// enough: every record has the problem. Corpus: csv/regression-string-negative-index.
  static let newline: [UInt8] = [0x0A]

  /// The fast path of `ValueParser.decimal` (up to 16 bytes) accepted `1234567890123456`, above the
  /// maximum of 10^15 that the slow path enforced (found by the invariant fuzz-csv gained in issue 18).
  /// Corpus: csv/regression-decimal-fast-path-maximum.
  static let sixteenDigits: [UInt8] = Array(
    "v\n123456789012345.6\n1234567890123456\n12345678901234567890.123456789012345678901234567890\n000000000000000000000001\n"
      .utf8)

  @Test func everyDecimalOfTheFindingIsWithinTheMaximum() {
    CSVReader(bytes: Self.sixteenDigits).forEachRecord { (r: CSVRecord) -> Void in
      if case .success(let v) = ValueParser.decimal(r.bytes(0), style: .plain) {
        #expect(v.magnitude <= Double(ValueParser.maximumDecimal), "\(r.string(0))")
      }
    }
    #expect(
      withBytes("1234567890123456") { ValueParser.decimal($0, style: .plain) }
        == .failure(.tooLarge(maximum: ValueParser.maximumDecimal)))
    #expect(withBytes("1000000000000000") { ValueParser.decimal($0, style: .plain) } == .success(1e15))
  }

  @Test func aNegativeFieldIndexReadsAsEmptyAndUnquoted() {
    var seen = 0
    CSVReader(bytes: Self.newline).forEachRecord { (r: CSVRecord) -> Void in
      seen += 1
      #expect(r.bytes(-1).count == 0)
      #expect(!r.hasEscapedQuotes(-1))
      #expect(r.string(-1) == "")
    }
    #expect(seen == 1)
  }

  @Test func aNegativeFieldIndexOfAFieldWithEscapedQuotesReadsAsEmpty() {
    // The first field is flagged for unescaping; index -1 must not see its flag.
    CSVReader(bytes: Array("\"x\"\"y\",z\n".utf8)).forEachRecord { (r: CSVRecord) -> Void in
      #expect(r.hasEscapedQuotes(0))
      #expect(!r.hasEscapedQuotes(-1))
      #expect(r.string(-1) == "")
      #expect(r.string(0) == "x\"y")
    }
  }

  // MARK: - fuzz-feed

  /// A city.yaml of 348 bytes whose last key is an alias of nested aliases ("billion laughs"): Yams
  /// hashes every mapping key to find duplicates, and hashing `*i` visits 10⁸ nodes (libFuzzer:
  /// timeout). YAML with aliases is now refused before Yams composes it. Corpus: feed/regression-city-alias-laughs.
  ///
  ///     name: x
  ///     a: &a [x,x,x,x,x,x,x,x,x,x]
  ///     b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
  ///     …                                       (c to i alike)
  ///     ? *i
  ///     : 1
  static let aliasLaughs: [UInt8] = [
    0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0x78, 0x0A, 0x61, 0x3A, 0x20, 0x26, 0x61, 0x20, 0x5B, 0x78,
    0x2C, 0x78, 0x2C, 0x78, 0x2C, 0x78, 0x2C, 0x78, 0x2C, 0x78, 0x2C, 0x78, 0x2C, 0x78, 0x2C, 0x78,
    0x2C, 0x78, 0x5D, 0x0A, 0x62, 0x3A, 0x20, 0x26, 0x62, 0x20, 0x5B, 0x2A, 0x61, 0x2C, 0x2A, 0x61,
    0x2C, 0x2A, 0x61, 0x2C, 0x2A, 0x61, 0x2C, 0x2A, 0x61, 0x2C, 0x2A, 0x61, 0x2C, 0x2A, 0x61, 0x2C,
    0x2A, 0x61, 0x2C, 0x2A, 0x61, 0x2C, 0x2A, 0x61, 0x5D, 0x0A, 0x63, 0x3A, 0x20, 0x26, 0x63, 0x20,
    0x5B, 0x2A, 0x62, 0x2C, 0x2A, 0x62, 0x2C, 0x2A, 0x62, 0x2C, 0x2A, 0x62, 0x2C, 0x2A, 0x62, 0x2C,
    0x2A, 0x62, 0x2C, 0x2A, 0x62, 0x2C, 0x2A, 0x62, 0x2C, 0x2A, 0x62, 0x2C, 0x2A, 0x62, 0x5D, 0x0A,
    0x64, 0x3A, 0x20, 0x26, 0x64, 0x20, 0x5B, 0x2A, 0x63, 0x2C, 0x2A, 0x63, 0x2C, 0x2A, 0x63, 0x2C,
    0x2A, 0x63, 0x2C, 0x2A, 0x63, 0x2C, 0x2A, 0x63, 0x2C, 0x2A, 0x63, 0x2C, 0x2A, 0x63, 0x2C, 0x2A,
    0x63, 0x2C, 0x2A, 0x63, 0x5D, 0x0A, 0x65, 0x3A, 0x20, 0x26, 0x65, 0x20, 0x5B, 0x2A, 0x64, 0x2C,
    0x2A, 0x64, 0x2C, 0x2A, 0x64, 0x2C, 0x2A, 0x64, 0x2C, 0x2A, 0x64, 0x2C, 0x2A, 0x64, 0x2C, 0x2A,
    0x64, 0x2C, 0x2A, 0x64, 0x2C, 0x2A, 0x64, 0x2C, 0x2A, 0x64, 0x5D, 0x0A, 0x66, 0x3A, 0x20, 0x26,
    0x66, 0x20, 0x5B, 0x2A, 0x65, 0x2C, 0x2A, 0x65, 0x2C, 0x2A, 0x65, 0x2C, 0x2A, 0x65, 0x2C, 0x2A,
    0x65, 0x2C, 0x2A, 0x65, 0x2C, 0x2A, 0x65, 0x2C, 0x2A, 0x65, 0x2C, 0x2A, 0x65, 0x2C, 0x2A, 0x65,
    0x5D, 0x0A, 0x67, 0x3A, 0x20, 0x26, 0x67, 0x20, 0x5B, 0x2A, 0x66, 0x2C, 0x2A, 0x66, 0x2C, 0x2A,
    0x66, 0x2C, 0x2A, 0x66, 0x2C, 0x2A, 0x66, 0x2C, 0x2A, 0x66, 0x2C, 0x2A, 0x66, 0x2C, 0x2A, 0x66,
    0x2C, 0x2A, 0x66, 0x2C, 0x2A, 0x66, 0x5D, 0x0A, 0x68, 0x3A, 0x20, 0x26, 0x68, 0x20, 0x5B, 0x2A,
    0x67, 0x2C, 0x2A, 0x67, 0x2C, 0x2A, 0x67, 0x2C, 0x2A, 0x67, 0x2C, 0x2A, 0x67, 0x2C, 0x2A, 0x67,
    0x2C, 0x2A, 0x67, 0x2C, 0x2A, 0x67, 0x2C, 0x2A, 0x67, 0x2C, 0x2A, 0x67, 0x5D, 0x0A, 0x69, 0x3A,
    0x20, 0x26, 0x69, 0x20, 0x5B, 0x2A, 0x68, 0x2C, 0x2A, 0x68, 0x2C, 0x2A, 0x68, 0x2C, 0x2A, 0x68,
    0x2C, 0x2A, 0x68, 0x2C, 0x2A, 0x68, 0x2C, 0x2A, 0x68, 0x2C, 0x2A, 0x68, 0x2C, 0x2A, 0x68, 0x2C,
    0x2A, 0x68, 0x5D, 0x0A, 0x3F, 0x20, 0x2A, 0x69, 0x0A, 0x3A, 0x20, 0x31, 0x0A,
  ]

  @Test(.timeLimit(.minutes(1)))
  func aCityYAMLWithNestedAliasesIsRefusedQuickly() throws {
    let root = try TestRoot(extra: ["city.yaml": .bytes(Self.aliasLaughs)])
    let result = try root.load()
    let city = result.diagnostics(file: "city.yaml")
    #expect(city.count == 1)
    #expect(city.first?.severity == .error)
    #expect(city.first?.line == 3)
    #expect(city.first?.message == "YAML aliases (*name) are not supported here: write the value out instead")
    // The defaults are used, as for any broken city.yaml; the office is still read.
    #expect(result.dataSet.city.name == "?")
    #expect(result.dataSet.offices.map(\.id) == ["amt-1"])
  }

  @Test func anOfficeYAMLWithAnAliasIsAnErrorAndTheFolderNameIsShown() throws {
    let root = try TestRoot(office: ["office.yaml": "id: amt-1\nname: &n Bürgeramt\ndepartment: *n\n"])
    let result = try root.load()
    #expect(result.diagnostics(file: "offices/amt-1/office.yaml").map(\.line) == [3])
    #expect(result.office("amt-1")?.name == "amt-1")
  }

  @Test(arguments: [
    ("a: *x\n", 1),
    ("- *x\n", 1),
    ("? *x\n: 1\n", 1),
    ("*x : 1\n", 1),
    ("a: [1, *x]\n", 1),
    ("a: {b: *x}\n", 1),
    ("a: [[*x]]\n", 1),
    ("a:\n  - b: 1\n    c: *x\n", 3),
    ("a: &y 1\nb: *y\n", 2),
    ("a: !!str *x\n", 1),
    ("a: |\n  text\nb: *x\n", 3),
    ("a: \"q\"\nb: *x\n", 2),
    ("a: 'it''s'\r\nb: *x\r\n", 2),
    ("a: 1\rb: *x\r", 2),
    ("a: \"two\n  lines\"\nb: *x\n", 3),
  ])
  func aliasesAreFound(_ yaml: String, _ line: Int) {
    #expect(YAMLMap.aliasLine(yaml) == line)
  }

  @Test(arguments: [
    "name: Mainz\n",
    "label: 5 * 3\n",
    "label: Ziel - *neu*\n",
    "label: a, *b\n",
    "label: \"*quoted*\"\n",
    "label: '*quoted*'\n",
    "label: \"esc \\\" *x\"\n",
    "label: x # *comment\n",
    "# *comment\n",
    "label: |\n  * item\n  * item\n",
    "label: >-\n  *folded*\n\n  *more*\nnext: 1\n",
    "url: http://x/*\n",
    "a: [\"*x\", '*y']\n",
    "a: &anchor 1\n",
  ])
  func textWithStarsIsNoAlias(_ yaml: String) {
    #expect(YAMLMap.aliasLine(yaml) == nil)
  }

  @Test func theShippedYAMLFilesHaveNoAliases() throws {
    for path in [
      "Sample-Data/city.yaml", "Dashboards/overview.yaml", "Dashboards/ozg.yaml", "Dashboards/risks.yaml",
      "Dashboards/index.yaml",
    ] {
      let full = packageRoot + "/" + path
      guard case .success(let bytes) = FileSystem.readFile(full) else {
        Issue.record("cannot read \(full)")
        continue
      }
      #expect(YAMLMap.aliasLine(String(decoding: bytes, as: UTF8.self)) == nil, "\(path)")
    }
  }
}
