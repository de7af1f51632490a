import DigITCore
import DigITDashboard
import DigITFeeds
import DigITMetrics
import Dispatch
import Foundation
import Synchronization
import Testing

@testable import DigITSnapshot

/// The history database in-process: what an export records, the write lock, schema versions.
@Suite struct HistoryTests {
  /// Exports Sample-Data as of `asOf` (json only) into `out` and returns the export's result.
  static func export(_ out: String, asOf: Day = Fixture.asOf, replace: Bool = false) throws -> Exporter.Result {
    let (load, report) = try Fixture.load(asOf: asOf)
    var exporter = Exporter(store: SnapshotStore(folder: out))
    exporter.formats = [.json]
    return try exporter.export(
      report, source: SnapshotSource(root: "Sample-Data", files: load.files, problems: load.diagnostics),
      replace: replace)
  }

  static func count(_ history: History, _ sql: String) throws -> Int {
    let db = try SQLiteConnection(path: history.path, busyTimeout: 1000)
    return try db.rows(sql).first?.first?.integer ?? -1
  }

  @Test func anExportRecordsItsWeek() throws {
    let out = Fixture.temporaryFolder()
    let result = try Self.export(out)
    #expect(try result.history?.get() == History.Outcome(recorded: [ISOWeek(year: 2026, week: 47)!], notes: []))
    let history = History(store: SnapshotStore(folder: out))
    let weeks = try history.weeks()
    #expect(weeks.map(\.week) == ["2026-W47"])
    #expect(weeks[0].asOf == "2026-11-22")
    #expect(weeks[0].projects == Fixture.sample.report.data.offices.reduce(0) { $0 + $1.projects.count })
    // The city's metrics and every project's RAG are there.
    #expect(
      try Self.count(
        history,
        "SELECT COUNT(*) FROM metric_values WHERE scope = 'city' AND metric = 'backlog.open' AND value IS NOT NULL")
        == 1)
    #expect(try Self.count(history, "SELECT COUNT(*) FROM projects WHERE week = '2026-W47'") == weeks[0].projects)
    #expect(try Self.count(history, "SELECT COUNT(*) FROM rag_reasons") > 0)
    #expect(
      try Self.count(history, "SELECT COUNT(*) FROM source_files WHERE sha256 IS NOT NULL")
        == Fixture.sample.source.files.filter { $0.sha256 != nil }.count)
    #expect(try SQLiteConnection(path: history.path, busyTimeout: 0).rows("PRAGMA journal_mode") == [[.text("wal")]])
    // WAL while open; no -wal or -shm file is left behind.
    #expect(Fixture.tree(out).filter { $0.hasPrefix("history") } == ["history.sqlite"])
  }

  /// Every row of every table, sorted, without `weeks.exported_at` (the time the week's files were written).
  static func dump(_ history: History) throws -> [String: [String]] {
    let db = try SQLiteConnection(path: history.path, busyTimeout: 1000)
    var tables: [String: [String]] = [:]
    for table in ["weeks", "metric_values", "offices", "missing_files", "projects", "rag_reasons", "source_files"] {
      let sql =
        table == "weeks"
        ? "SELECT week, as_of, data_as_of, city, offices, projects FROM weeks" : "SELECT * FROM \(table)"
      tables[table] = try db.rows(sql).map { "\($0)" }.sorted()
    }
    return tables
  }

  @Test func anExportRecordsTheRowsARebuildMakesFromItsSnapshot() throws {
    // The export prepares the rows from snapshot.json's bytes while the other files are written; a
    // rebuild reads the stored file.
    let out = Fixture.temporaryFolder()
    let (load, report) = try Fixture.load()
    var exporter = Exporter(store: SnapshotStore(folder: out))
    exporter.formats = [.json, .md, .csv, .html]
    let result = try exporter.export(
      report, source: SnapshotSource(root: "Sample-Data", files: load.files, problems: load.diagnostics), replace: false
    )
    #expect(try result.history?.get().recorded == [ISOWeek(year: 2026, week: 47)!])
    let history = History(store: SnapshotStore(folder: out))
    let exported = try Self.dump(history)
    #expect(exported["projects"]?.count == report.data.offices.reduce(0) { $0 + $1.projects.count })
    #expect((exported["metric_values"]?.count ?? 0) > 100)
    _ = try history.rebuild()
    #expect(try Self.dump(history) == exported)
  }

  @Test func anExportWithoutSnapshotJSONRecordsTheSameRows() throws {
    let (load, report) = try Fixture.load()
    var dumps: [[String: [String]]] = []
    for formats: [SnapshotFormat] in [[.json, .csv], [.md, .csv]] {
      let out = Fixture.temporaryFolder()
      var exporter = Exporter(store: SnapshotStore(folder: out))
      exporter.formats = formats
      let result = try exporter.export(
        report, source: SnapshotSource(root: "Sample-Data", files: load.files, problems: load.diagnostics),
        replace: false)
      #expect(try result.history?.get().recorded == [ISOWeek(year: 2026, week: 47)!])
      #expect(result.paths.contains { $0.hasSuffix("/snapshot.json") } == formats.contains(.json))
      dumps.append(try Self.dump(History(store: SnapshotStore(folder: out))))
    }
    #expect(dumps[0]["projects"]?.isEmpty == false)
    #expect(dumps[0] == dumps[1])
  }

  @Test func theDashboardsExportRecordsItsWeekToo() throws {
    let out = Fixture.temporaryFolder()
    let (load, report) = try Fixture.load()
    let action = SnapshotJobs.export(
      load: load, report: report, root: "Sample-Data", folder: out, language: .de, generatedAt: nil, replace: false)
    guard case .exported(let result) = action else {
      Issue.record("\(action)")
      return
    }
    #expect(try result.history?.get().recorded == [ISOWeek(year: 2026, week: 47)!])
    #expect(try History(store: SnapshotStore(folder: out)).weeks().map(\.week) == ["2026-W47"])
  }

  @Test func aSecondWriterWaitsAndThenFailsWithAClearMessage() throws {
    let out = Fixture.temporaryFolder()
    _ = try Self.export(out)
    let history = History(store: SnapshotStore(folder: out))
    // Another writer holds the lock.
    let other = try SQLiteConnection(path: history.path, busyTimeout: 0)
    try other.execute("BEGIN IMMEDIATE")
    var waiting = history
    waiting.busyTimeout = 300
    let json = try SnapshotStore(folder: out).load(ISOWeek(year: 2026, week: 47)!, skipping: History.notRecorded)
    let start = Date()
    #expect(
      throws: HistoryError(
        .busy,
        "\(history.path) is locked by another writer (another `digit export` or `digit history rebuild`?); try again when it has finished"
      )
    ) {
      try waiting.record(json)
    }
    #expect(Date().timeIntervalSince(start) >= 0.25, "it waited for the lock")
    try other.execute("ROLLBACK")
    other.close()
    // The lock released, the same write goes through.
    #expect(try waiting.record(json).recorded == [ISOWeek(year: 2026, week: 47)!])
  }

  @Test func anOlderSchemaIsRebuiltAndANewerOneLeftAlone() throws {
    let out = Fixture.temporaryFolder()
    _ = try Self.export(out)
    let history = History(store: SnapshotStore(folder: out))
    try FileManager.default.removeItem(atPath: history.path)
    do {
      let db = try SQLiteConnection(path: history.path, busyTimeout: 0)
      try db.execute("CREATE TABLE weeks (week TEXT); PRAGMA user_version = 0;")
      db.close()
    }
    let json = try SnapshotStore(folder: out).load(ISOWeek(year: 2026, week: 47)!, skipping: History.notRecorded)
    let outcome = try history.record(json)
    #expect(
      outcome.notes == [
        "\(history.path) has schema version 0, older than 1; rebuilt it from the stored weeks (1 recorded)"
      ])
    #expect(try history.weeks().map(\.week) == ["2026-W47"])
    // A newer digit's database is not touched.
    do {
      let db = try SQLiteConnection(path: history.path, busyTimeout: 0)
      try db.execute("PRAGMA user_version = 2")
      db.close()
    }
    let before = Fixture.bytes(history.path)
    #expect(throws: HistoryError.self) { try history.record(json) }
    #expect(Fixture.bytes(history.path) == before)
  }

  @Test func aRebuildSkipsAnUnreadableWeekWithANote() throws {
    let out = Fixture.temporaryFolder()
    _ = try Self.export(out)
    _ = try Self.export(out, asOf: Day(year: 2026, month: 11, day: 15)!)
    try Data("{".utf8).write(to: URL(fileURLWithPath: out + "/2026-W46/snapshot.json"))
    let outcome = try History(store: SnapshotStore(folder: out)).rebuild()
    #expect(outcome.recorded == [ISOWeek(year: 2026, week: 47)!])
    #expect(outcome.notes.count == 1)
    #expect(outcome.notes.first?.hasPrefix("2026-W46 is not in the history: ") == true)
  }

  // MARK: - The rows prepared while the week's files are written (issue 17)

  @Test func theRowsArePreparedEvenWhenNoThreadOfDispatchIsFree() throws {
    // The dashboard exports on one of Dispatch's threads; when every thread of the global queue is busy,
    // the export must not wait for one to prepare the history's rows: it prepares them itself.
    let bytes = SnapshotJSON.render(Fixture.sample)
    let release = DispatchSemaphore(value: 0)
    let blockers = 256
    for _ in 0..<blockers { DispatchQueue.global().async { release.wait() } }
    defer { for _ in 0..<blockers { release.signal() } }
    let preparation = HistoryPreparation()
    preparation.start(bytes)
    let done = DispatchSemaphore(value: 0)
    let prepared = Mutex<Result<History.Prepared, HistoryError>?>(nil)
    Thread {
      let p = preparation.prepared
      prepared.withLock { $0 = p }
      done.signal()
    }.start()
    #expect(done.wait(timeout: .now() + 20) == .success, "the rows were prepared without a free thread")
    let rows = try #require(prepared.withLock { $0 }).get().rows
    #expect(rows.week == "2026-W47")
    #expect(rows.isoWeek == ISOWeek(year: 2026, week: 47)!)
  }

  @Test func aWeekWhoseFilesAreNotWrittenIsNotRecordedAndNothingWaits() throws {
    let out = Fixture.temporaryFolder()
    let store = SnapshotStore(folder: out)
    let exporter = Exporter(store: store)
    // A file fails after snapshot.json was made (and its rows are being prepared): the week is not written.
    let preparation = HistoryPreparation()
    var items = exporter.items(Fixture.sample, history: preparation)
    items.append(SnapshotStore.Item(name: "broken.csv") { throw StoreError(.io, "made to fail") })
    #expect(throws: StoreError.self) { try store.write(Fixture.sample.report.week, items: items, replace: false) }
    #expect(!store.contains(Fixture.sample.report.week))
    #expect(try preparation.prepared?.get().rows.week == "2026-W47")
    // Through the exporter: a stored week is not replaced without --force, and nothing is recorded.
    _ = try Self.export(out)
    let history = History(store: store)
    try FileManager.default.removeItem(atPath: history.path)
    #expect(throws: StoreError.self) { try Self.export(out) }
    #expect(!FileManager.default.fileExists(atPath: history.path))
  }

  @Test func anExportOverACorruptHistoryRebuildsItWithTheWeeksRows() throws {
    let out = Fixture.temporaryFolder()
    _ = try Self.export(out, asOf: Day(year: 2026, month: 11, day: 15)!)
    let history = History(store: SnapshotStore(folder: out))
    try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: history.path))
    let outcome = try #require(try Self.export(out).history).get()
    #expect(outcome.recorded == [ISOWeek(year: 2026, week: 46)!, ISOWeek(year: 2026, week: 47)!])
    #expect(outcome.notes.first?.hasPrefix("\(history.path) was not a usable database") == true)
    // The rows are those a rebuild makes from the stored files.
    let exported = try Self.dump(history)
    #expect(exported["weeks"]?.count == 2)
    _ = try history.rebuild()
    #expect(try Self.dump(history) == exported)
  }
}

@Suite struct HistoryCompletenessTests {
  @Test func eachOfficesDatenstandAndMissingFilesAreRecorded() throws {
    let root = Fixture.copyOfSampleData()
    // Unusable as a whole (no required column): a missing file.
    try Data("foo;bar\n1;2\n".utf8).write(to: URL(fileURLWithPath: root + "/offices/bauaufsicht/ozg.csv"))
    let out = Fixture.temporaryFolder()
    let (load, report) = try Fixture.load(root)
    var exporter = Exporter(store: SnapshotStore(folder: out))
    exporter.formats = [.json]
    let result = try exporter.export(
      report, source: SnapshotSource(root: "root", files: load.files, problems: load.diagnostics), replace: false)
    _ = try result.history?.get()
    let db = try SQLiteConnection(path: out + "/history.sqlite", busyTimeout: 1000)
    #expect(try db.rows("SELECT office, file FROM missing_files") == [[.text("bauaufsicht"), .text("ozg.csv")]])
    #expect(
      try db.rows("SELECT missing_files, data_as_of IS NOT NULL FROM offices WHERE office = 'bauaufsicht'") == [
        [.int(1), .int(1)]
      ])
    #expect(
      try db.rows("SELECT COUNT(*) FROM offices WHERE missing_files = 0") == [
        [.int(Int64(report.data.offices.count - 1))]
      ])
    // Its digital share has no value: null, not 0.
    #expect(
      try db.rows(
        "SELECT value FROM metric_values WHERE office = 'bauaufsicht' AND scope = 'office' AND metric = 'ozg.digital_share_12w'"
      ) == [[.null]])
  }
}

@Suite struct HistoryRebuildTests {
  /// A week stored before snapshots recorded data completeness (schema version 1) is recorded with
  /// nulls there; a temporary database left by a killed rebuild is removed.
  @Test func aVersionOneWeekIsRecordedWithoutDataCompleteness() throws {
    let out = Fixture.temporaryFolder()
    _ = try HistoryTests.export(out)
    let file = out + "/2026-W47/snapshot.json"
    var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as! [String: Any]
    object["schema_version"] = 1
    object.removeValue(forKey: "data_as_of")
    object["offices"] = (object["offices"] as! [[String: Any]]).map { o in
      var o = o
      o.removeValue(forKey: "data")
      return o
    }
    try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: URL(fileURLWithPath: file))
    let stale = out + "/.history.sqlite.tmp-2147483646-1"
    try Data("x".utf8).write(to: URL(fileURLWithPath: stale))
    let history = History(store: SnapshotStore(folder: out))
    let outcome = try history.rebuild()
    #expect(outcome == History.Outcome(recorded: [ISOWeek(year: 2026, week: 47)!], notes: []))
    let db = try SQLiteConnection(path: history.path, busyTimeout: 1000)
    #expect(
      try db.rows("SELECT COUNT(*) FROM offices WHERE data_as_of IS NULL AND missing_files IS NULL AND stale IS NULL")
        == [[.int(Int64(Fixture.sample.report.data.offices.count))]])
    #expect(try db.rows("SELECT data_as_of FROM weeks") == [[.null]])
    #expect(!FileManager.default.fileExists(atPath: stale))
  }
}

/// history.sqlite stores text from the feeds inert: a query printed as is sends no control or bidi
/// character to a terminal, and lookups by the ids read from the feeds still find their rows.
@Suite struct HistoryInertTextTests {
  static let hostile = "Ma\u{1B}]0;pwn\u{07}inz\u{202E}"

  @Test func everyTextColumnIsInert() throws {
    let out = Fixture.temporaryFolder()
    _ = try HistoryTests.export(out)
    let file = out + "/2026-W47/snapshot.json"
    var text = try String(contentsOfFile: file, encoding: .utf8)
    let escaped = "Ma\\u001b]0;pwn\\u0007inz\\u202e"
    for (from, to) in [
      ("\"title\": \"", "\"title\": \"\(escaped)"), ("\"name\": \"", "\"name\": \"\(escaped)"),
      ("\"text_de\": \"", "\"text_de\": \"\(escaped)"), ("\"id\": \"P-", "\"id\": \"\(escaped)P-"),
    ] {
      text = text.replacingOccurrences(of: from, with: to)
    }
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let history = History(store: SnapshotStore(folder: out))
    #expect(try history.rebuild().recorded == [ISOWeek(year: 2026, week: 47)!])
    let db = try SQLiteConnection(path: history.path, busyTimeout: 1000)
    var texts: [String] = []
    for table in ["weeks", "offices", "projects", "rag_reasons", "metric_values", "missing_files", "source_files"] {
      for row in try db.rows("SELECT * FROM \(table)") { texts += row.compactMap(\.string) }
    }
    #expect(texts.contains { $0.hasPrefix("Ma␛]0;pwn\u{FFFD}inz\u{FFFD}") })
    #expect(!texts.contains { $0.unicodeScalars.contains(where: Inert.isUnsafe) })
    // The RAG history is looked up with the id as the feeds have it.
    let raw = "Ma\u{1B}]0;pwn\u{07}inz\u{202E}P-1"
    var runs = RAGRuns()
    runs.runs["amt\u{0}" + Inert.text(raw)] = RAGRuns.Run(
      rag: "red", since: ISOWeek(year: 2026, week: 40)!, last: ISOWeek(year: 2026, week: 47)!, atTheLatest: false)
    #expect(runs.since(office: "amt", project: raw, rag: .red, in: ISOWeek(year: 2026, week: 48)!).week.week == 40)
  }
}
