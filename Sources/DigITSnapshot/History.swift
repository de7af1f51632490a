import DigITCore
import DigITMetrics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The history database, `history.sqlite` in the snapshot folder: every exported week as rows a data
/// person can query with `sqlite3` or DuckDB (the tables and example queries: <doc:HistoryDatabase>).
///
/// The week folders stay the canonical record; the database is made from their `snapshot.json` alone
/// (``record(_:)`` reads only what the JSON says), so ``rebuild()`` can always make it again. A
/// missing, older-schema or corrupt database is rebuilt from the week folders with a message, never an
/// error. Writes take SQLite's write lock at once (`BEGIN IMMEDIATE`), wait up to ``busyTimeout`` for
/// another writer, and replace a week's rows in one transaction; the journal is WAL, so readers never
/// block the writer.
public struct History: Sendable {
  /// The database's file name in the snapshot folder.
  public static let fileName = "history.sqlite"
  /// The version of the tables (SQLite's `PRAGMA user_version`). A database of an older version is
  /// rebuilt from the week folders; one of a newer version is left alone.
  public static let schemaVersion = 1

  public let store: SnapshotStore
  /// How long a write waits for another writer's lock, in milliseconds.
  public var busyTimeout: Int32 = 10_000

  public init(store: SnapshotStore) { self.store = store }

  /// `<folder>/history.sqlite`.
  public var path: String { join(store.folder, Self.fileName) }

  /// What a history write did: the weeks written and, in plain words, anything the user should know
  /// (a database that was rebuilt and why, stored weeks that could not be recorded).
  public struct Outcome: Sendable, Equatable {
    /// The weeks recorded, oldest first.
    public var recorded: [ISOWeek] = []
    /// Messages for stderr, e.g. "history.sqlite was corrupt …; rebuilt from 3 stored weeks".
    public var notes: [String] = []
  }

  // MARK: - Writing

  /// Records one week from its parsed `snapshot.json` (replacing that week's rows). A database that is
  /// missing while other weeks are stored is made again from them (in place, each week in its own
  /// transaction, so that exports running at the same time only wait for each other); one of an older
  /// schema or corrupt is rebuilt from every stored week (see ``rebuild()``). Either comes with a note.
  public func record(_ json: JSON) throws(HistoryError) -> Outcome { try record(Self.prepare(json)) }

  /// A week's `snapshot.json`, parsed and turned into rows, ready to record. Preparing needs nothing but
  /// the JSON, so `digit export` does it while the week's other files are made and written (on the large
  /// benchmark root: 0.17 s of the 0.8 s a week's recording takes).
  struct Prepared: Sendable {
    var json: JSON
    var rows: WeekRows
  }

  /// Parses `snapshot.json` (skipping what the history does not record) and makes its rows.
  static func prepare(_ bytes: [UInt8]) throws(HistoryError) -> Prepared {
    let json: JSON
    do { json = try JSON.parse(bytes, skipping: notRecorded) } catch {
      throw HistoryError(.content, "snapshot.json: \(error)")
    }
    return try prepare(json)
  }

  static func prepare(_ json: JSON) throws(HistoryError) -> Prepared { Prepared(json: json, rows: try rows(of: json)) }

  /// Records a prepared week (as `record(_ json:)` does).
  func record(_ prepared: Prepared) throws(HistoryError) -> Outcome {
    let json = prepared.json
    var week = prepared.rows
    week.exportedAt(default: exportTime(of: week.isoWeek))
    var why: String?
    var others: [WeekRows] = []
    var notes: [String] = []
    switch FileSystemKind.of(path) {
    case .missing:
      (others, notes) = stored(except: week.week)
      if !others.isEmpty || !notes.isEmpty { why = "\(path) was missing" }
    case .file: break
    case .other:
      throw HistoryError(
        .io, "\(path) is not a regular file; move it away (`digit history rebuild` then makes it again)")
    }
    do throws(HistoryError) {
      let db = try open()
      try ensureSchema(db)
      for rows in others + [week] { try write(rows, into: db) }
      db.close()
      let recorded = (others + [week]).map(\.isoWeek).sorted()
      if let why { notes.insert("\(why); made it again from the stored weeks (\(recorded.count) recorded)", at: 0) }
      return Outcome(recorded: recorded, notes: notes)
    } catch {
      switch error.kind {
      case .corrupt: why = "\(path) was not a usable database (\(error.description))"
      case .olderSchema: why = error.description
      case .busy, .newerSchema, .io, .content: throw error
      }
    }
    var outcome = try rebuild(store: store, including: json)
    outcome.notes.insert("\(why!); rebuilt it from the stored weeks (\(outcome.recorded.count) recorded)", at: 0)
    return outcome
  }

  /// Makes the database again from the `snapshot.json` of every stored week (`digit history rebuild`):
  /// built under a temporary name and then put in place in one step. A week whose `snapshot.json`
  /// cannot be read is left out with a note; one without `snapshot.json` is left out silently.
  public func rebuild() throws(HistoryError) -> Outcome { try rebuild(store: store, including: nil) }

  /// Temporary databases of a rebuild that was killed (its process is gone).
  private func removeStaleTemporaryFiles() {
    let prefix = ".\(Self.fileName).tmp-"
    for name in (try? store.list(store.folder)) ?? [] where name.hasPrefix(prefix) {
      let pid = name.dropFirst(prefix.count).prefix { $0 != "-" }
      guard let pid = Int32(pid), pid != getpid(), kill(pid, 0) != 0 && errno == ESRCH else { continue }
      unlink(join(store.folder, name))
    }
  }

  /// The rows of every stored week with a `snapshot.json` but `week`, oldest first, and a note for each
  /// that cannot be read.
  private func stored(except week: String?) -> ([WeekRows], [String]) {
    var weeks: [WeekRows] = []
    var notes: [String] = []
    for stored in store.weeks().reversed() where stored.hasJSON && stored.week.description != week {
      do throws(StoreError) {
        let json = try store.load(stored.week, skipping: Self.notRecorded)
        var rows: WeekRows
        do { rows = try Self.rows(of: json) } catch { throw StoreError(.content, error.description) }
        rows.exportedAt(default: exportTime(of: rows.isoWeek))
        guard rows.week == stored.week.description else {
          throw StoreError(
            .content,
            "\(stored.path)/snapshot.json is the snapshot of \(Inert.message(rows.week)), not of \(stored.week)")
        }
        weeks.append(rows)
      } catch {
        notes.append("\(stored.week) is not in the history: \(error.description)")
      }
    }
    return (weeks, notes)
  }

  private func rebuild(store: SnapshotStore, including extra: JSON?) throws(HistoryError) -> Outcome {
    do throws(StoreError) { try store.makeFolders(store.folder) } catch { throw HistoryError(.io, error.description) }
    var outcome = Outcome()
    let extraRows = try extra.map { json throws(HistoryError) in
      var rows = try Self.rows(of: json)
      rows.exportedAt(default: exportTime(of: rows.isoWeek))
      return rows
    }
    var weeks: [WeekRows]
    (weeks, outcome.notes) = stored(except: extraRows?.week)
    if let extraRows { weeks.append(extraRows) }
    weeks.sort { $0.week < $1.week }
    removeStaleTemporaryFiles()
    let temp = join(store.folder, ".\(Self.fileName).tmp-\(getpid())-\(SnapshotStore.counter.next())")
    do throws(HistoryError) {
      let db = try SQLiteConnection(path: temp, busyTimeout: busyTimeout)
      try db.execute("PRAGMA journal_mode = DELETE")
      try ensureSchema(db)
      for week in weeks { try write(week, into: db) }
      db.close()
      // A WAL or shared-memory file of the old database must not be applied to the new one.
      unlink(path + "-wal")
      unlink(path + "-shm")
      guard rename(temp, path) == 0 else {
        throw HistoryError(.io, "cannot rename \(temp) to \(path): \(reason(errno))")
      }
    } catch {
      unlink(temp)
      unlink(temp + "-journal")
      throw error
    }
    // WAL from now on (a setting stored in the file).
    let db = try open()
    db.close()
    outcome.recorded = weeks.map(\.isoWeek)
    return outcome
  }

  private func open() throws(HistoryError) -> SQLiteConnection {
    let db = try SQLiteConnection(path: path, busyTimeout: busyTimeout)
    try db.execute("PRAGMA journal_mode = WAL")
    return db
  }

  /// Creates the tables in an empty database; checks the version of an existing one.
  private func ensureSchema(_ db: SQLiteConnection) throws(HistoryError) {
    let version = try db.rows("PRAGMA user_version").first?.first?.integer ?? 0
    if version == Self.schemaVersion { return }
    if version > Self.schemaVersion {
      throw HistoryError(
        .newerSchema,
        "\(path) has schema version \(version), made by a newer digit (this one writes version \(Self.schemaVersion)); it was not changed"
      )
    }
    let tables = try db.rows("SELECT count(*) FROM sqlite_master WHERE type = 'table'").first?.first?.integer ?? 0
    if tables > 0 {
      throw HistoryError(.olderSchema, "\(path) has schema version \(version), older than \(Self.schemaVersion)")
    }
    try db.execute("BEGIN IMMEDIATE")
    do throws(HistoryError) {
      // Another writer may have made the tables while this one waited for the lock.
      if try db.rows("PRAGMA user_version").first?.first?.integer == Self.schemaVersion {
        try db.execute("COMMIT")
        return
      }
      try db.execute(Self.schema + "PRAGMA user_version = \(Self.schemaVersion);")
      try db.execute("COMMIT")
    } catch {
      try? db.execute("ROLLBACK")
      throw error
    }
  }

  /// Replaces the rows of one week in one transaction.
  private func write(_ week: WeekRows, into db: SQLiteConnection) throws(HistoryError) {
    try db.execute("BEGIN IMMEDIATE")
    do throws(HistoryError) {
      for table in ["weeks", "metric_values", "offices", "missing_files", "projects", "rag_reasons", "source_files"] {
        try db.prepare("DELETE FROM \(table) WHERE week = ?1").run([.text(week.week)])
      }
      for (table, rows) in [
        ("weeks", [week.summary]), ("metric_values", week.metrics), ("offices", week.offices),
        ("missing_files", week.missing),
        ("projects", week.projects), ("rag_reasons", week.reasons), ("source_files", week.files),
      ] where !rows.isEmpty {
        let insert = try db.prepare(
          "INSERT INTO \(table) VALUES (\((1...rows[0].count).map { "?\($0)" }.joined(separator: ", ")))")
        for row in rows { try insert.run(row) }
      }
      try db.execute("COMMIT")
    } catch {
      try? db.execute("ROLLBACK")
      throw error
    }
  }

  // MARK: - Reading

  /// A recorded week, as `digit history` lists it.
  public struct Week: Sendable, Equatable {
    public var week: String
    public var asOf: String
    /// The city's Datenstand (`nil`: the snapshot does not say).
    public var dataAsOf: String?
    public var offices: Int
    public var projects: Int
    public var redProjects: Int
    /// The export's time (`SOURCE_DATE_EPOCH`), `nil` when none was recorded.
    public var exportedAt: String?
  }

  /// The recorded weeks, oldest first. A missing database has none; one that cannot be read is an error.
  public func weeks() throws(HistoryError) -> [Week] {
    guard FileSystemKind.of(path) != .missing else { return [] }
    let db = try SQLiteConnection(path: path, busyTimeout: busyTimeout)
    let version = try db.rows("PRAGMA user_version").first?.first?.integer ?? 0
    guard version == Self.schemaVersion else {
      throw HistoryError(
        version > Self.schemaVersion ? .newerSchema : .olderSchema,
        "\(path) has schema version \(version), not \(Self.schemaVersion); `digit history rebuild` makes it again")
    }
    return try db.rows(
      "SELECT week, as_of, data_as_of, offices, projects, red_projects, exported_at FROM weeks ORDER BY week"
    ).map { r in
      Week(
        week: r[0].string ?? "", asOf: r[1].string ?? "", dataAsOf: r[2].string, offices: r[3].integer ?? 0,
        projects: r[4].integer ?? 0,
        redProjects: r[5].integer ?? 0, exportedAt: r[6].string)
    }
  }

  /// Each project's RAG runs in the recorded weeks before `week` (for "rot seit KW 44/2026"). A missing
  /// database has none; one that cannot be read is an error.
  public func ragRuns(before week: ISOWeek) throws(HistoryError) -> RAGRuns {
    guard FileSystemKind.of(path) != .missing else { return RAGRuns() }
    let db = try SQLiteConnection(path: path, busyTimeout: busyTimeout)
    let version = try db.rows("PRAGMA user_version").first?.first?.integer ?? 0
    guard version == Self.schemaVersion else { return RAGRuns() }
    let recorded = Set(
      try db.rows("SELECT week FROM weeks WHERE week < ?", [.text(week.description)]).compactMap { $0[0].string })
    var runs = RAGRuns()
    var current: (key: String, run: RAGRuns.Run)?
    func close() { if let c = current { runs.runs[c.key] = c.run } }
    for r in try db.rows(
      "SELECT office, project, week, rag FROM projects WHERE week < ? ORDER BY office, project, week",
      [.text(week.description)])
    {
      guard let office = r[0].string, let project = r[1].string, let w = r[2].string,
        let parsed = try? ISOWeek.parse(w).get()
      else { continue }
      let rag = r[3].string ?? ""
      let key = office + "\u{0}" + project
      if let c = current, c.key == key, c.run.rag == rag, c.run.last.adding(weeks: 1) == parsed {
        current?.run.last = parsed
        continue
      }
      close()
      // Known to have started that week when the week before is recorded (and the project had another
      // RAG then, or was not there); otherwise it started then at the latest.
      let before = parsed.adding(weeks: -1)
      current = (
        key, RAGRuns.Run(rag: rag, since: parsed, last: parsed, atTheLatest: !recorded.contains(before.description))
      )
    }
    close()
    return runs
  }

  // MARK: - Rows of a snapshot

  /// The members of `snapshot.json` the history does not record (most of its bytes).
  public static let notRecorded: Set<String> = [
    "services", "series", "changes", "milestones", "series_weeks", "index", "kpis", "problems",
  ]

  /// The rows of one week, from its `snapshot.json`.
  struct WeekRows: Sendable {
    var week: String
    var isoWeek: ISOWeek
    var summary: [SQLValue]
    var metrics: [[SQLValue]] = []
    var offices: [[SQLValue]] = []
    var missing: [[SQLValue]] = []
    var projects: [[SQLValue]] = []
    var reasons: [[SQLValue]] = []
    var files: [[SQLValue]] = []

    /// Sets `exported_at` (the last summary column) where the snapshot recorded no time.
    mutating func exportedAt(default time: String?) {
      guard let time, let last = summary.indices.last, summary[last] == .null else { return }
      summary[last] = .text(time)
    }
  }

  /// When a week was exported, for `weeks.exported_at` where its snapshot says no time (`generated_at`
  /// comes only from `SOURCE_DATE_EPOCH`, so that the files stay byte-identical): the modification time of
  /// its `snapshot.json` (else of its folder) in UTC — the time its files were written, which a rebuild
  /// reads back alike.
  func exportTime(of week: ISOWeek) -> String? {
    let folder = store.path(of: week)
    var st = stat()
    guard stat(join(folder, "snapshot.json"), &st) == 0 || stat(folder, &st) == 0 else { return nil }
    return Snapshot.generationTime(sourceDateEpoch: String(st.st_mtim.tv_sec))
  }

  static func rows(of json: JSON) throws(HistoryError) -> WeekRows {
    // A week stored before snapshots recorded data completeness (version 1) has nulls there.
    guard let version = json["schema_version"]?.intValue, Snapshot.readableSchemaVersions.contains(version) else {
      throw HistoryError(
        .content,
        "the snapshot has schema_version \(json["schema_version"]?.intValue.map(String.init) ?? "?"), expected "
          + "\(Snapshot.readableSchemaVersions.lowerBound)…\(Snapshot.readableSchemaVersions.upperBound)")
    }
    guard let week = json["week"]?.stringValue, let isoWeek = try? ISOWeek.parse(week).get(),
      let asOf = json["as_of"]?.stringValue,
      let city = json["city"]?["name"]?.stringValue, let offices = json["offices"]?.arrayValue,
      let projects = json["projects"]?.arrayValue
    else { throw HistoryError(.content, "the snapshot has no week, as_of, city name, offices or projects") }
    let w = SQLValue.text(week)
    // Every text from the feeds (ids, names, titles, reasons, paths) is stored inert: a query's output
    // "as printed" sends no control or bidi character to a terminal. Lookups by id go through the same
    // policy (``RAGRuns/since(office:project:rag:in:)``, ``HistoryGrid/cell(office:week:)``).
    func text(_ s: String?) -> SQLValue { SQLValue.text(s.map(Inert.text)) }
    var rows = WeekRows(week: week, isoWeek: isoWeek, summary: [])
    func metrics(_ object: JSON?, scope: String, office: String?, project: String?) {
      for (id, value) in object?.objectValue ?? [] {
        switch value {
        case .number(let x): rows.metrics.append([w, text(scope), text(office), text(project), text(id), .real(x)])
        case .null: rows.metrics.append([w, text(scope), text(office), text(project), text(id), .null])
        default: continue  // a status word, not a number
        }
      }
    }
    metrics(json["city"]?["metrics"], scope: "city", office: nil, project: nil)
    for office in offices {
      guard let id = office["id"]?.stringValue else {
        throw HistoryError(.content, "an office in the snapshot has no id")
      }
      metrics(office["metrics"], scope: "office", office: id, project: nil)
      let counts = office["diagnostics"]
      let data = office["data"]
      let missing = data?["missing"]?.arrayValue?.compactMap(\.stringValue)
      for file in missing ?? [] { rows.missing.append([w, text(id), text(file)]) }
      rows.offices.append([
        w, text(id), text(office["name"]?.stringValue), text(office["number"]?.stringValue),
        text(office["department"]?.stringValue),
        int(counts?["errors"]), int(counts?["warnings"]), int(counts?["notes"]), int(counts?["rows_skipped"]),
        text(data?["as_of"]?.stringValue ?? office["data_as_of"]?.stringValue),
        missing.map { .int($0.count) } ?? .null,
        data?["stale"]?.boolValue.map { .int($0 ? 1 : 0) } ?? .null,
      ])
    }
    var red = 0
    for project in projects {
      guard let id = project["id"]?.stringValue, let office = project["office"]?.stringValue else {
        throw HistoryError(.content, "a project in the snapshot has no id or office")
      }
      let rag = project["rag"]?.stringValue
      if rag == "red" { red += 1 }
      metrics(project["metrics"], scope: "project", office: office, project: id)
      rows.projects.append([
        w, text(office), text(id), text(project["title"]?.stringValue), text(project["status"]?.stringValue),
        text(rag),
        text(project["category"]?.stringValue), text(project["owner"]?.stringValue),
        text(project["start"]?.stringValue),
        text(project["updated"]?.stringValue),
      ])
      for (k, reason) in (project["rag_reasons"]?.arrayValue ?? []).enumerated() {
        rows.reasons.append([
          w, text(office), text(id), .int(k + 1), text(reason["code"]?.stringValue),
          text(reason["level"]?.stringValue),
          text(reason["text_de"]?.stringValue), text(reason["text_en"]?.stringValue),
        ])
      }
    }
    let source = json["source"]
    for file in source?["files"]?.arrayValue ?? [] {
      rows.files.append([
        w, text(file["path"]?.stringValue), text(file["office"]?.stringValue), text(file["sha256"]?.stringValue),
        int(file["bytes"]),
        int(file["rows"]), int(file["rows_skipped"]), file["skipped"]?.boolValue.map { .int($0 ? 1 : 0) } ?? .null,
      ])
    }
    let diagnostics = source?["diagnostics"]
    rows.summary = [
      w, text(asOf), text(json["data_as_of"]?.stringValue), text(city), text(source?["root"]?.stringValue),
      .int(offices.count),
      .int(projects.count), .int(red), int(diagnostics?["errors"]), int(diagnostics?["warnings"]),
      text(json["generated_at"]?.stringValue),
    ]
    return rows
  }

  private static func int(_ json: JSON?) -> SQLValue { json?.intValue.map { .int($0) } ?? .null }

  /// The tables (documented in the HistoryDatabase article; keep both in step).
  static let schema = """
    CREATE TABLE weeks (
      week TEXT PRIMARY KEY, as_of TEXT NOT NULL, data_as_of TEXT, city TEXT NOT NULL, data_root TEXT,
      offices INTEGER NOT NULL, projects INTEGER NOT NULL, red_projects INTEGER NOT NULL,
      errors INTEGER, warnings INTEGER, exported_at TEXT);
    CREATE TABLE metric_values (
      week TEXT NOT NULL, scope TEXT NOT NULL, office TEXT, project TEXT, metric TEXT NOT NULL, value REAL);
    CREATE INDEX metric_values_by_week ON metric_values (week, scope, metric);
    CREATE TABLE offices (
      week TEXT NOT NULL, office TEXT NOT NULL, name TEXT, number TEXT, department TEXT,
      errors INTEGER, warnings INTEGER, notes INTEGER, rows_skipped INTEGER,
      data_as_of TEXT, missing_files INTEGER, stale INTEGER);
    CREATE INDEX offices_by_week ON offices (week, office);
    CREATE TABLE missing_files (week TEXT NOT NULL, office TEXT NOT NULL, file TEXT NOT NULL);
    CREATE INDEX missing_files_by_week ON missing_files (week, office);
    CREATE TABLE projects (
      week TEXT NOT NULL, office TEXT NOT NULL, project TEXT NOT NULL, title TEXT, status TEXT, rag TEXT,
      category TEXT, owner TEXT, start TEXT, updated TEXT);
    CREATE INDEX projects_by_week ON projects (week, office, project);
    CREATE INDEX projects_by_project ON projects (project, week);
    CREATE TABLE rag_reasons (
      week TEXT NOT NULL, office TEXT NOT NULL, project TEXT NOT NULL, position INTEGER NOT NULL,
      code TEXT, level TEXT, text_de TEXT, text_en TEXT);
    CREATE INDEX rag_reasons_by_week ON rag_reasons (week, project);
    CREATE TABLE source_files (
      week TEXT NOT NULL, path TEXT, office TEXT, sha256 TEXT, bytes INTEGER, rows INTEGER, rows_skipped INTEGER,
      skipped INTEGER);
    CREATE INDEX source_files_by_week ON source_files (week, path);

    """
}

/// What is at a path, without following it into a FIFO or device.
enum FileSystemKind {
  case missing, file, other

  static func of(_ path: String) -> FileSystemKind {
    var st = stat()
    guard stat(path, &st) == 0 else { return .missing }
    return st.st_mode & S_IFMT == S_IFREG ? .file : .other
  }
}

/// Each project's latest unbroken run of one RAG status in the history (consecutive recorded weeks), for
/// "rot seit KW 44/2026" and, where the history does not reach back far enough, "rot seit spätestens KW …".
public struct RAGRuns: Sendable, Equatable {
  public struct Run: Sendable, Equatable {
    public var rag: String
    /// The first week of the run.
    public var since: ISOWeek
    /// The last recorded week of the run.
    public var last: ISOWeek
    /// The week before `since` is not recorded: the run may have started earlier.
    public var atTheLatest: Bool

    public init(rag: String, since: ISOWeek, last: ISOWeek, atTheLatest: Bool) {
      self.rag = rag
      self.since = since
      self.last = last
      self.atTheLatest = atTheLatest
    }
  }

  /// By office id and project id (joined by a NUL).
  public var runs: [String: Run] = [:]

  public init() {}

  /// Since when a project has had `rag` in `week` (its report week, not recorded here): the start of the
  /// history's run when it reaches the week before with the same status; the report week itself when the
  /// status changed then; "at the latest" the report week when the week before is not recorded.
  public func since(office: String, project: String, rag: RAG, in week: ISOWeek) -> (week: ISOWeek, atTheLatest: Bool) {
    // The history stores ids inert (as every text from the feeds).
    guard let run = runs[Inert.text(office) + "\u{0}" + Inert.text(project)], run.last == week.adding(weeks: -1) else {
      return (week, true)
    }
    return run.rag == rag.rawValue ? (run.since, run.atTheLatest) : (week, false)
  }
}

extension Words {
  /// "rot seit KW 44/2026", "gelb seit spätestens KW 40/2026"; "red since W44 2026".
  public static func ragSince(_ rag: RAG, _ since: (week: ISOWeek, atTheLatest: Bool), _ l: Language) -> String {
    let week = MetricFormatter(language: l).week(since.week)
    return (since.atTheLatest ? Words.ragSinceAtTheLatest : Words.ragSinceWeek)(l, rag.label(l), week)
  }
}
