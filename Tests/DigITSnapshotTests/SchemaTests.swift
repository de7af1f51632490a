import DigITCore
import DigITFeeds
import DigITMetrics
import Foundation
import Testing

@testable import DigITSnapshot

/// `snapshot.schema.json` ships with DigITSnapshot, and what `SnapshotJSON` writes matches it: for the
/// sample city, against a stored snapshot, with feed errors and for generated data. The negative tests
/// prove the validator (``SchemaValidator``) can fail, at the right place.
@Suite struct SchemaTests {
  // MARK: - The resource

  @Test func schemaShipsAsAResource() throws {
    let text = try #require(SnapshotSchema.text(), "snapshot.schema.json is not in DigITSnapshot's resource bundle")
    let schema = try JSON.parse(text)
    #expect(schema["$schema"]?.stringValue == "https://json-schema.org/draft/2020-12/schema")
    #expect(schema["title"]?.stringValue?.isEmpty == false)
    #expect(schema["description"]?.stringValue?.isEmpty == false)
    #expect(schema["properties"]?["schema_version"]?["const"]?.intValue == Snapshot.schemaVersion)
    // Every member the writer writes is declared; all but generated_at are required.
    let declared = Set((schema["properties"]?.objectValue ?? []).map(\.0))
    let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
    #expect(declared.subtracting(required) == ["generated_at"])
    _ = try SchemaValidator(schema: schema)
  }

  // MARK: - Valid snapshots

  @Test func sampleSnapshotMatches() throws {
    let (json, snapshot) = try SchemaFixture.snapshot(root: SchemaFixture.sampleData, asOf: SchemaFixture.asOf)
    #expect(try SchemaFixture.validator().validate(json).map(\.description) == [])
    #expect(json["changes"]?["against"]?["kind"]?.stringValue == "data")
    #expect(json["generated_at"] == nil)
    #expect(json["week"]?.stringValue == "2026-W47")
    #expect(json["projects"]?.arrayValue?.count == snapshot.report.data.offices.reduce(0) { $0 + $1.projects.count })
    #expect(json["source"]?["files"]?.arrayValue?.allSatisfy { $0["sha256"]?.stringValue != nil } == true)
  }

  @Test func snapshotAgainstAStoredSnapshotMatches() throws {
    let (before, _) = try SchemaFixture.snapshot(
      root: SchemaFixture.sampleData, asOf: SchemaFixture.asOf.adding(days: -7))
    let previous = try SnapshotState(snapshot: before)
    let time = try #require(Snapshot.generationTime(sourceDateEpoch: "1795975200"))
    let (json, _) = try SchemaFixture.snapshot(
      root: SchemaFixture.sampleData, asOf: SchemaFixture.asOf, previous: previous, generatedAt: time)
    #expect(try SchemaFixture.validator().validate(json).map(\.description) == [])
    #expect(json["changes"]?["against"]?["kind"]?.stringValue == "snapshot")
    #expect(json["changes"]?["against"]?["week"]?.stringValue == "2026-W46")
    #expect(json["generated_at"]?.stringValue == "2026-11-29T18:00:00Z")
  }

  @Test func snapshotWithFeedErrorsMatches() throws {
    let root = try SchemaScratchFolder()
    let data = try SchemaFixture.brokenSampleData(in: root)
    let (json, snapshot) = try SchemaFixture.snapshot(root: data, asOf: SchemaFixture.asOf)
    #expect(try SchemaFixture.validator().validate(json).map(\.description) == [])
    #expect(snapshot.source.errorCount > 0)
    let problems = json["source"]?["problems"]?.arrayValue ?? []
    #expect(
      problems.contains {
        $0["severity"]?.stringValue == "error" && $0["column"]?.stringValue == "start" && $0["line"]?.intValue == 4
      })
    #expect(json["source"]?["diagnostics"]?["errors"]?.intValue == snapshot.source.errorCount)
    #expect((json["source"]?["diagnostics"]?["rows_skipped"]?.intValue ?? 0) > 0)
    let unread = json["source"]?["files"]?.arrayValue?.first { $0["path"]?.stringValue == "offices/umwelt/kpis.csv" }
    #expect(unread?["sha256"]?.isNull == true)
    #expect(unread?["skipped"]?.boolValue == true)
  }

  @Test func generatedDataMatches() throws {
    let root = try SchemaScratchFolder()
    var options = FeedGenerator.Options()
    (options.offices, options.projects, options.items, options.services, options.weeks) = (4, 5, 30, 3, 60)
    options.german = true
    try FeedGenerator(options: options).write(to: root.path)
    let (json, _) = try SchemaFixture.snapshot(root: root.path, asOf: options.until)
    #expect(try SchemaFixture.validator().validate(json).map(\.description) == [])
    #expect(json["projects"]?.arrayValue?.count == 20)
  }

  /// Real exports, on demand: `DIGIT_SNAPSHOT_JSON=/out/2026-W47/snapshot.json:/out/2026-W48/snapshot.json
  /// swift test --filter SchemaTests/exportedFilesMatch`.
  @Test(
    .enabled(if: ProcessInfo.processInfo.environment["DIGIT_SNAPSHOT_JSON"] != nil, "DIGIT_SNAPSHOT_JSON is not set"))
  func exportedFilesMatch() throws {
    let validator = try SchemaFixture.validator()
    for path in (ProcessInfo.processInfo.environment["DIGIT_SNAPSHOT_JSON"] ?? "").split(separator: ":").map(
      String.init)
    {
      let bytes = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
      let failures = validator.validate(try JSON.parse([UInt8](bytes)))
      #expect(
        failures.isEmpty, "\(path): \(failures.count) failures, the first: \(failures.prefix(10).map(\.description))")
    }
  }

  // MARK: - The validator can fail

  /// One change that breaks a valid snapshot, and where the validator must say so.
  struct Mutation: Sendable, CustomTestStringConvertible {
    var name: String
    var expectedPath: String
    var change: @Sendable (JSON) -> JSON
    var testDescription: String { name }
  }

  static let mutations: [Mutation] = [
    Mutation(name: "required week removed", expectedPath: "") { $0.removing(["week"]) },
    Mutation(name: "required project rag removed", expectedPath: "/projects/0") {
      $0.removing(["projects", "0", "rag"])
    },
    Mutation(name: "required counts member removed", expectedPath: "/offices/1/diagnostics") {
      $0.removing(["offices", "1", "diagnostics", "notes"])
    },
    Mutation(name: "unknown top-level key", expectedPath: "/extra") { $0.setting(["extra"], to: .bool(true)) },
    Mutation(name: "unknown city key", expectedPath: "/city/mayor") {
      $0.setting(["city", "mayor"], to: .string("M. Muster"))
    },
    Mutation(name: "string for the file size", expectedPath: "/source/files/0/bytes") {
      $0.setting(["source", "files", "0", "bytes"], to: .string("1860"))
    },
    Mutation(name: "fraction for a row count", expectedPath: "/source/files/0/rows") {
      $0.setting(["source", "files", "0", "rows"], to: .number(1.5))
    },
    Mutation(name: "negative error count", expectedPath: "/source/diagnostics/errors") {
      $0.setting(["source", "diagnostics", "errors"], to: .int(-1))
    },
    Mutation(name: "word for a metric value", expectedPath: "/city/metrics/backlog.open") {
      $0.setting(["city", "metrics", "backlog.open"], to: .string("viele"))
    },
    Mutation(name: "metric id with capitals and space", expectedPath: "/city/metrics") {
      $0.setting(["city", "metrics", "Backlog Open"], to: .int(3))
    },
    Mutation(name: "series of 25 weeks", expectedPath: "/city/series/backlog.open_weekly") {
      $0.editing(["city", "series", "backlog.open_weekly"]) { .array(Array(($0?.arrayValue ?? []).dropFirst())) }
    },
    Mutation(name: "string in a series", expectedPath: "/offices/0/series/backlog.open_weekly/25") {
      $0.setting(["offices", "0", "series", "backlog.open_weekly", "25"], to: .string("7"))
    },
    Mutation(name: "rag purple", expectedPath: "/projects/3/rag") {
      $0.setting(["projects", "3", "rag"], to: .string("purple"))
    },
    Mutation(name: "status paused", expectedPath: "/projects/2/status") {
      $0.setting(["projects", "2", "status"], to: .string("paused"))
    },
    Mutation(name: "reason level green", expectedPath: "/projects/0/rag_reasons/0/level") {
      $0.setting(["projects", "0", "rag_reasons", "0", "level"], to: .string("green"))
    },
    Mutation(name: "week without W", expectedPath: "/week") { $0.setting(["week"], to: .string("2026-48")) },
    Mutation(name: "German date", expectedPath: "/as_of") { $0.setting(["as_of"], to: .string("22.11.2026")) },
    Mutation(name: "short sha256", expectedPath: "/source/files/0/sha256") {
      $0.setting(["source", "files", "0", "sha256"], to: .string("fe0ee04af29eba2f"))
    },
    Mutation(name: "uppercase sha256", expectedPath: "/source/files/1/sha256") {
      $0.editing(["source", "files", "1", "sha256"]) { .string(($0?.stringValue ?? "").uppercased()) }
    },
    Mutation(name: "schema version 3", expectedPath: "/schema_version") { $0.setting(["schema_version"], to: .int(3)) },
    Mutation(name: "null city name", expectedPath: "/city/name") { $0.setting(["city", "name"], to: .null) },
    Mutation(name: "severity fatal", expectedPath: "/source/problems/0/severity") {
      $0.setting(["source", "problems", "0", "severity"], to: .string("fatal"))
    },
    Mutation(name: "changes against yesterday", expectedPath: "/changes/against/kind") {
      $0.setting(["changes", "against", "kind"], to: .string("yesterday"))
    },
    Mutation(name: "delta as text", expectedPath: "/changes/city/backlog.open/delta") {
      $0.setting(["changes", "city", "backlog.open", "delta"], to: .string("+3"))
    },
    Mutation(name: "overdue as text", expectedPath: "/projects/0/milestones/0/overdue") {
      $0.setting(["projects", "0", "milestones", "0", "overdue"], to: .string("no"))
    },
    Mutation(name: "generated_at without time", expectedPath: "/generated_at") {
      $0.setting(["generated_at"], to: .string("2026-11-29"))
    },
    Mutation(name: "series_weeks too short", expectedPath: "/series_weeks") {
      $0.editing(["series_weeks"]) { .array(Array(($0?.arrayValue ?? []).dropLast())) }
    },
    Mutation(name: "projects as an object", expectedPath: "/projects") { $0.setting(["projects"], to: .object([])) },
  ]

  @Test(arguments: mutations) func brokenSnapshotFails(_ mutation: Mutation) throws {
    let validator = try SchemaFixture.validator()
    let json = try SchemaFixture.sampleJSON()
    let broken = mutation.change(json)
    let failures = validator.validate(broken)
    #expect(!failures.isEmpty, "\(mutation.name) was not noticed")
    #expect(failures.contains { $0.path == mutation.expectedPath }, "\(failures)")
  }

  @Test func failureMessagesSayWhatAndWhere() throws {
    let validator = try SchemaFixture.validator()
    let json = try SchemaFixture.sampleJSON()
    let purple = validator.validate(json.setting(["projects", "3", "rag"], to: .string("purple")))
    #expect(purple.map(\.description) == [#"/projects/3/rag: "purple" is not one of red, amber, green, null"#])
    let missing = validator.validate(json.removing(["week"]))
    #expect(missing.map(\.description) == [#"(root): the required member "week" is missing"#])
    let week = validator.validate(json.setting(["week"], to: .string("2026-48")))
    #expect(week.map(\.description) == [#"/week: "2026-48" does not match ^[0-9]{4}-W[0-9]{2}$"#])
    let bytes = validator.validate(json.setting(["source", "files", "0", "bytes"], to: .string("1860")))
    #expect(bytes.map(\.description) == [#"/source/files/0/bytes: expected integer, found string "1860""#])
  }
}

// MARK: - The validator itself

@Suite struct SchemaValidatorTests {
  static func validator(_ schema: String) throws -> SchemaValidator {
    try SchemaValidator(schema: JSON.parse(Array(schema.utf8)))
  }

  static func failures(_ schema: String, _ instance: String) throws -> [String] {
    try validator(schema).validate(JSON.parse(Array(instance.utf8))).map(\.description)
  }

  @Test(arguments: [
    #"{"type": "string", "format": "date"}"#,
    #"{"properties": {"a": {"minProperties": 1}}}"#,
    #"{"items": [{"type": "string"}]}"#,
    ##"{"$ref": "#/$defs/missing"}"##,
    #"{"$ref": "other.json#/x"}"#,
    #"{"type": "text"}"#,
    #"{"pattern": "^(a|b)$"}"#,
    #"{"pattern": "^a+?$"}"#,
    #"{"pattern": "^\\w+$"}"#,
    #"{"pattern": "[a-"}"#,
    #"{"$schema": "http://json-schema.org/draft-07/schema#"}"#,
    #"{"anyOf": []}"#,
    #"{"minItems": 1.5}"#,
    #"{"properties": {"a": {"$defs": {}}}}"#,
    #"[]"#,
  ])
  func unknownOrUnsupportedSchemasFailLoudly(_ schema: String) {
    #expect(throws: SchemaValidator.SchemaError.self) { try Self.validator(schema) }
  }

  @Test func unknownKeywordIsNamed() {
    let error = #expect(throws: SchemaValidator.SchemaError.self) {
      try Self.validator(#"{"$defs": {"x": {"type": "object", "dependentRequired": {}}}}"#)
    }
    #expect(
      error?.description
        == #"schema #/$defs/x/dependentRequired: the keyword "dependentRequired" is not supported by this validator"#)
  }

  @Test func types() throws {
    #expect(try Self.failures(#"{"type": "integer"}"#, "3") == [])
    #expect(try Self.failures(#"{"type": "integer"}"#, "3.0") == [])
    #expect(try Self.failures(#"{"type": "integer"}"#, "3.5") == ["(root): expected integer, found number 3.5"])
    #expect(try Self.failures(#"{"type": ["number", "null"]}"#, "null") == [])
    #expect(
      try Self.failures(#"{"type": ["number", "null"]}"#, "true") == [
        "(root): expected number or null, found boolean true"
      ])
    #expect(try Self.failures(#"{"type": "object"}"#, "[]") == ["(root): expected object, found array []"])
    #expect(try Self.failures("false", "1") == ["(root): no value is allowed here"])
    #expect(try Self.failures("true", "1") == [])
  }

  @Test func objects() throws {
    let schema = #"""
      {"type": "object", "required": ["a", "b"], "additionalProperties": false,
       "properties": {"a": {"type": "string"}, "b": {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"},
         "additionalProperties": {"type": "number"}}}}
      """#
    #expect(try Self.failures(schema, #"{"a": "x", "b": {"k": 1}}"#) == [])
    #expect(
      try Self.failures(schema, #"{"b": {"K/1": "x"}, "c~": 1}"#) == [
        #"/b: property name: "K/1" does not match ^[a-z]+$"#,
        #"/b/K~11: expected number, found string "x""#,
        #"/c~0: the member "c~" is not allowed here"#,
        #"(root): the required member "a" is missing"#,
      ])
    #expect(
      try Self.failures(schema, #"{"a": "x", "a": "y", "b": {}}"#) == [#"/a: the key "a" appears more than once"#])
  }

  @Test func enumsConstsAndEquality() throws {
    #expect(try Self.failures(#"{"enum": ["x", 1, null]}"#, "1.0") == [])
    #expect(try Self.failures(#"{"enum": ["x", 1, null]}"#, #""y""#) == [#"(root): "y" is not one of x, 1, null"#])
    #expect(
      try Self.failures(#"{"const": {"a": [1, {"b": null}], "c": true}}"#, #"{"c": true, "a": [1, {"b": null}]}"#) == []
    )
    #expect(
      try Self.failures(#"{"const": {"a": 1}}"#, #"{"a": 1, "b": 2}"#) == [#"(root): {"a":1,"b":2} is not {"a":1}"#])
    // Code points, not canonical equivalence: "é" precomposed is not "e" + combining acute.
    #expect(try Self.failures(#"{"const": "\u00e9"}"#, #""e\u0301""#).count == 1)
  }

  @Test func arraysNumbersStrings() throws {
    let schema =
      #"{"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "integer", "minimum": 0, "maximum": 9}}"#
    #expect(try Self.failures(schema, "[0, 9]") == [])
    #expect(try Self.failures(schema, "[]") == ["(root): has 0 items, at least 1 required"])
    #expect(
      try Self.failures(schema, "[-1, 10, 3]") == [
        "(root): has 3 items, at most 2 allowed", "/0: -1 is less than the minimum 0",
        "/1: 10 is more than the maximum 9",
      ])
    #expect(try Self.failures(#"{"minLength": 2}"#, #""ä""#) == [#"(root): "ä" is shorter than 2 characters"#])
    #expect(try Self.failures(#"{"minLength": 2, "pattern": "^x"}"#, "5") == [])  // string keywords ignore numbers
  }

  @Test func referencesAndAlternatives() throws {
    let schema = #"""
      {"$defs": {"day": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}},
       "type": "array", "items": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/day"}]}}
      """#
    #expect(try Self.failures(schema, #"[null, "2026-11-22"]"#) == [])
    #expect(
      try Self.failures(schema, #"[7]"#) == [
        "/0: 7 matches none of the alternatives (expected null, found number 7; expected string, found number 7)"
      ])
    let one = #"{"oneOf": [{"type": "number"}, {"type": "integer"}]}"#
    #expect(try Self.failures(one, "1.5") == [])
    #expect(try Self.failures(one, "1") == ["(root): 1 matches 2 alternatives of oneOf, exactly one is allowed"])
  }

  @Test(arguments: [
    ("^[0-9]{4}-W[0-9]{2}$", "2026-W47", true),
    ("^[0-9]{4}-W[0-9]{2}$", "2026-W4", false),
    ("^[0-9]{4}-W[0-9]{2}$", "2026-W478", false),
    ("^[0-9]{4}-W[0-9]{2}$", "x2026-W47", false),
    ("^[0-9a-f]{64}$", String(repeating: "a1", count: 32), true),
    ("^[0-9a-f]{64}$", String(repeating: "a1", count: 31), false),
    ("^[0-9a-f]{64}$", String(repeating: "A1", count: 32), false),
    ("^[a-z][a-z0-9_.]*$", "kpi.online_quote.attainment", true),
    ("^[a-z][a-z0-9_.]*$", "kpi", true),
    ("^[a-z][a-z0-9_.]*$", "1kpi", false),
    ("^[a-z][a-z0-9_.]*$", "", false),
    ("W[0-9]", "2026-W47", true),  // unanchored: found anywhere
    ("W[0-9]$", "2026-W47", false),
    ("^a?b+c*$", "bb", true),
    ("^a?b+c*$", "aabc", false),
    ("^a{2,}$", "aaaa", true),
    ("^a{2,3}$", "aaaa", false),
    ("^[^0-9]+$", "abc", true),
    ("^[^0-9]+$", "ab3", false),
    ("^\\d\\.[-a]$", "1.-", true),
    ("^.x$", "\nx", false),
    ("^[a-z]*a$", "bbba", true),  // needs backtracking
  ])
  func patterns(_ pattern: String, _ text: String, _ expected: Bool) throws {
    #expect(try SchemaValidator.Pattern(pattern).matches(text) == expected)
  }
}

// MARK: - Cross-check with Python's jsonschema

@Suite struct SchemaPythonCrossCheckTests {
  static let pythonHasJSONSchema: Bool = (try? SchemaPython.run(["-c", "import jsonschema"]))?.status == 0

  /// Checks the schema itself (`check_schema`), then validates documents with `Draft202012Validator`:
  /// `python3 -c script <schema> <n> <documents…>` prints `<index> <number of errors>` for each of the
  /// first n documents (all errors) and `<index> 0|1` for the others (whether it is invalid at all, which
  /// stops at the first error and keeps the run short).
  static let script = """
    import json, sys
    from jsonschema import Draft202012Validator
    schema = json.load(open(sys.argv[1]))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    full = int(sys.argv[2])
    for i, path in enumerate(sys.argv[3:]):
        document = json.load(open(path))
        if i < full:
            errors = list(validator.iter_errors(document))
            for e in errors[:5]:
                print("#", i, e.json_path, e.message[:200], file=sys.stderr)
            print(i, len(errors))
        else:
            print(i, 0 if validator.is_valid(document) else 1)
    """

  @Test(.enabled(if: pythonHasJSONSchema, "python3 with jsonschema is not installed"))
  func pythonAgrees() throws {
    let folder = try SchemaScratchFolder()
    let schemaPath = folder.path + "/snapshot.schema.json"
    try Data(try #require(SnapshotSchema.text())).write(to: URL(fileURLWithPath: schemaPath))
    let valid = try SchemaFixture.sampleJSON()
    let previous = try SnapshotState(snapshot: valid)
    let (against, _) = try SchemaFixture.snapshot(
      root: SchemaFixture.sampleData, asOf: SchemaFixture.asOf.adding(days: 7), previous: previous,
      generatedAt: "2026-11-29T18:00:00Z")
    let (broken, _) = try SchemaFixture.snapshot(
      root: SchemaFixture.brokenSampleData(in: folder), asOf: SchemaFixture.asOf)
    let documents = [valid, against, broken] + SchemaTests.mutations.map { $0.change(valid) }
    var paths: [String] = []
    for (i, document) in documents.enumerated() {
      let path = folder.path + "/\(i).json"
      try Data(document.rendered().utf8).write(to: URL(fileURLWithPath: path))
      paths.append(path)
    }
    let result = try SchemaPython.run(["-c", Self.script, schemaPath, "3"] + paths)
    try #require(result.status == 0, "\(result.error)")
    let counts = result.output.split(separator: "\n").map { line in Int(line.split(separator: " ").last ?? "") ?? -1 }
    try #require(counts.count == documents.count, "\(result.output)\(result.error)")
    #expect(counts.prefix(3) == [0, 0, 0], "\(result.error)")
    for (mutation, count) in zip(SchemaTests.mutations, counts.dropFirst(3)) {
      #expect(count > 0, "jsonschema accepts: \(mutation.name)")
    }
  }
}

// MARK: - Helpers

/// Snapshots built in-process, the way `digit export` builds them.
private enum SchemaFixture {
  static let sampleData = Fixture.sampleData
  static let asOf = Fixture.asOf

  /// The validator of the shipped schema (compiled once).
  static func validator() throws -> SchemaValidator { try compiled.get() }

  private static let compiled = Result<SchemaValidator, any Error> {
    let text = try #require(SnapshotSchema.text())
    return try SchemaValidator(schema: JSON.parse(text))
  }

  /// `snapshot.json` of a data root as of a day, parsed back.
  static func snapshot(
    root: String, asOf: Day, previous: SnapshotState? = nil, generatedAt: String? = nil
  ) throws -> (JSON, Snapshot) {
    let snapshot = try Fixture.snapshot(root, label: root, asOf: asOf, previous: previous, generatedAt: generatedAt)
    return (try JSON.parse(SnapshotJSON.render(snapshot)), snapshot)
  }

  /// A copy of Sample-Data in `folder` with an impossible start day in a project row (line 4 of
  /// buergeramt's projects.csv; its milestones and backlog items are skipped too) and an umwelt/kpis.csv
  /// that cannot be read (a dangling link: sha256 null, skipped).
  static func brokenSampleData(in folder: SchemaScratchFolder) throws -> String {
    let data = folder.path + "/data"
    try FileManager.default.copyItem(atPath: sampleData, toPath: data)
    let projects = data + "/offices/buergeramt/projects.csv"
    let text = try String(contentsOfFile: projects, encoding: .utf8)
    let broken = text.replacingOccurrences(of: ",2025-11-03,2027-02-26,", with: ",2025-13-45,2027-02-26,")
    try #require(broken != text, "the row to break is not in Sample-Data any more")
    try broken.write(toFile: projects, atomically: false, encoding: .utf8)
    let kpis = data + "/offices/umwelt/kpis.csv"
    try FileManager.default.removeItem(atPath: kpis)
    try FileManager.default.createSymbolicLink(atPath: kpis, withDestinationPath: "/nonexistent/kpis.csv")
    return data
  }

  /// The sample city's snapshot of 2026-W47 (built once; the mutation tests each start from it).
  static func sampleJSON() throws -> JSON { try sample.get() }

  private static let sample = Result<JSON, any Error> { try snapshot(root: sampleData, asOf: asOf).0 }
}

/// A fresh folder under the temporary directory, removed when the value goes away.
final class SchemaScratchFolder {
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("digit-schema-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Running `python3` (found on PATH).
private enum SchemaPython {
  struct Result {
    var status: Int32
    var output: String
    var error: String
  }

  /// Runs to the end; standard output and error go through files, so that neither can fill up and block.
  static func run(_ arguments: [String]) throws -> Result {
    let folder = try SchemaScratchFolder()
    let outPath = folder.path + "/stdout"
    let errPath = folder.path + "/stderr"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    defer {
      try? out.close()
      try? err.close()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    func read(_ path: String) -> String {
      String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
    return Result(status: process.terminationStatus, output: read(outPath), error: read(errPath))
  }
}

// MARK: - Editing JSON documents

extension JSON {
  /// The document with the value at `path` (object keys and array indices) replaced by `change(old)`;
  /// `change` returning nil removes it. A missing object key is added; a missing index changes nothing.
  fileprivate func editing(_ path: [String], _ change: (JSON?) -> JSON?) -> JSON {
    guard let key = path.first else { return change(self) ?? .null }
    let rest = Array(path.dropFirst())
    switch self {
    case .object(var members):
      if let i = members.firstIndex(where: { $0.0 == key }) {
        if !rest.isEmpty {
          members[i].1 = members[i].1.editing(rest, change)
        } else if let value = change(members[i].1) {
          members[i].1 = value
        } else {
          members.remove(at: i)
        }
      } else if rest.isEmpty, let value = change(nil) {
        members.append((key, value))
      }
      return .object(members)
    case .array(var items):
      guard let i = Int(key), items.indices.contains(i) else { return self }
      if !rest.isEmpty {
        items[i] = items[i].editing(rest, change)
      } else if let value = change(items[i]) {
        items[i] = value
      } else {
        items.remove(at: i)
      }
      return .array(items)
    default:
      return self
    }
  }

  fileprivate func setting(_ path: [String], to value: JSON) -> JSON { editing(path) { _ in value } }
  fileprivate func removing(_ path: [String]) -> JSON { editing(path) { _ in nil } }
}
