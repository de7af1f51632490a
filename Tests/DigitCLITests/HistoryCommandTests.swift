import DigITTestSupport
import Dispatch
import Foundation
import Synchronization
import Testing

/// `digit history`, the history database that `digit export` fills, and `digit diff` without weeks
/// (issue 15, "A history the city can query").
@Suite(.tags(.slow)) struct HistoryCommandTests {
  typealias Run = CLI.Run
  let sample = CLI.sample
  static let weeks = ["2026-W45", "2026-W46", "2026-W47"]

  static func folder() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("digit-history-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Exports the three sample weeks (all formats) into a new folder.
  func exported(_ formats: String = "json,md,csv,html", weeks: [String] = weeks) throws -> String {
    let out = Self.folder()
    for week in weeks {
      let r = try CLI.digit(["export", "--data", sample, "--week", week, "--out", out, "--format", formats])
      #expect(r.status == 0, "\(r.err)")
      #expect(r.err.isEmpty, "\(r.err)")
    }
    return out
  }

  static var hasSQLite3: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") }

  /// `sqlite3 db "SQL"`: the rows as `a|b|c` lines.
  static func sqlite(_ db: String, _ sql: String) throws -> [String] {
    let r = try CLI.run("/usr/bin/sqlite3", ["-readonly", db], env: [:], stdin: sql)
    #expect(r.status == 0, "\(r.err)")
    return r.out.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  }

  /// The SQL blocks of the HistoryDatabase article, as printed.
  static func documentedQueries() throws -> [String] {
    let text = try String(
      contentsOfFile: CLI.packageRoot.path + "/Sources/DigITSnapshot/DigITSnapshot.docc/HistoryDatabase.md",
      encoding: .utf8)
    var out: [String] = []
    var current: [Substring]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line == "```sql" {
        current = []
      } else if line == "```", let c = current {
        out.append(c.joined(separator: "\n") + "\n")
        current = nil
      } else {
        current?.append(line)
      }
    }
    return out
  }

  /// The stored snapshots, parsed (the independent side of the comparisons).
  static func snapshots(_ out: String, weeks: [String] = weeks) throws -> [[String: Any]] {
    try weeks.map { w in
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/\(w)/snapshot.json")))
        as! [String: Any]
    }
  }

  @Test func threeExportedWeeksAreThreeRecordedWeeks() throws {
    let out = try exported()
    #expect(FileManager.default.fileExists(atPath: out + "/history.sqlite"))
    let list = try CLI.digit(["history", "--out", out])
    #expect(list.status == 0, "\(list.err)")
    let lines = list.out.split(separator: "\n").map(String.init)
    #expect(lines.count == 5, "\(list.out)")
    #expect(lines[0].hasPrefix("week      as of       data as of"))
    #expect(lines[2].hasPrefix("2026-W45  2026-11-08"))
    #expect(lines[4].hasPrefix("2026-W47  2026-11-22"))
    let json = try CLI.digit(["history", "--out", out, "--format", "json"])
    let weeks = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as! [[String: Any]]
    #expect(weeks.map { $0["week"] as? String } == Self.weeks)
    // The counts are those of the snapshots.
    for (week, snapshot) in zip(weeks, try Self.snapshots(out)) {
      let projects = snapshot["projects"] as! [[String: Any]]
      #expect(week["projects"] as? Int == projects.count)
      #expect(week["red_projects"] as? Int == projects.filter { $0["rag"] as? String == "red" }.count)
      #expect(week["offices"] as? Int == (snapshot["offices"] as! [Any]).count)
      // Without SOURCE_DATE_EPOCH: when its files were written (snapshot.json's modification time, UTC).
      let time = try #require(week["exported_at"] as? String)
      #expect(time.wholeMatch(of: /20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/) != nil, "\(time)")
    }
  }

  @Test(.enabled(if: hasSQLite3)) func theDocumentedQueriesReturnTheExpectedRows() throws {
    // From W44 on, projects have been red for different numbers of weeks (4 and 3) in the sample.
    let weeks = ["2026-W44"] + Self.weeks
    let out = try exported("json", weeks: weeks)
    let db = out + "/history.sqlite"
    let queries = try Self.documentedQueries()
    #expect(queries.count == 3)
    let snapshots = try Self.snapshots(out, weeks: weeks)
    func projects(_ s: [String: Any]) -> [[String: Any]] { s["projects"] as! [[String: Any]] }
    let names = Dictionary(
      uniqueKeysWithValues: (snapshots[3]["offices"] as! [[String: Any]]).map {
        ($0["id"] as! String, $0["name"] as! String)
      })

    // 1. Red projects per office over the year, from the snapshots' projects.
    var redProjects: [String: Set<String>] = [:]
    var redWeeks: [String: Int] = [:]
    for s in snapshots {
      for p in projects(s) where p["rag"] as? String == "red" {
        redProjects[p["office"] as! String, default: []].insert(p["id"] as! String)
        redWeeks[p["office"] as! String, default: 0] += 1
      }
    }
    let expected1 = redProjects.keys.sorted { (redProjects[$0]!.count, $1) > (redProjects[$1]!.count, $0) }.map { o in
      "\(o)|\(names[o]!)|\(redProjects[o]!.count)|\(redWeeks[o]!)"
    }
    #expect(!expected1.isEmpty)
    #expect(try Self.sqlite(db, queries[0]) == expected1)

    // 2. The digital share per office per week, from the snapshots' office metrics.
    var expected2: [(String, String, String)] = []
    for (w, s) in zip(weeks, snapshots) {
      for o in s["offices"] as! [[String: Any]] {
        let share = (o["metrics"] as! [String: Any])["ozg.digital_share_12w"] as? Double
        expected2.append(
          (o["id"] as! String, w, share.map { String(format: "%.1f", ($0 * 100 * 10).rounded() / 10) } ?? ""))
      }
    }
    let rows2 = try Self.sqlite(db, queries[1])
    #expect(rows2 == expected2.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { "\($0.0)|\($0.1)|\($0.2)" })
    #expect(rows2.contains { !$0.hasSuffix("|") }, "no office has a digital share")

    // 3. How long each project has been red: consecutive weeks up to the latest.
    var expected3: [(String, String, String, Int, String)] = []
    for p in projects(snapshots[3]) where p["rag"] as? String == "red" {
      var n = 0
      for s in snapshots.reversed() {
        guard
          projects(s).contains(where: { $0["id"] as? String == p["id"] as? String && $0["rag"] as? String == "red" })
        else { break }
        n += 1
      }
      expected3.append((p["office"] as! String, p["id"] as! String, p["title"] as! String, n, weeks[4 - n]))
    }
    expected3.sort { ($1.3, $0.0, $0.1) < ($0.3, $1.0, $1.1) }
    let rows3 = try Self.sqlite(db, queries[2])
    #expect(rows3 == expected3.map { "\($0.0)|\($0.1)|\($0.2)|\($0.3)|\($0.4)" })
    #expect(Set(expected3.map(\.3)).count > 1, "the sample has projects red for different lengths: \(rows3)")
  }

  /// The documented queries in DuckDB give the rows sqlite3 gives: the tables are copied into DuckDB
  /// (its SQLite reader is an extension it downloads, which a machine without network lacks; the SQL is
  /// what is checked). Skipped without python3 and its duckdb module.
  @Test(.enabled(if: hasSQLite3 && duckDB)) func theDocumentedQueriesRunInDuckDB() throws {
    let out = try exported("json")
    let db = out + "/history.sqlite"
    for query in try Self.documentedQueries() {
      let script = """
        import sqlite3, sys, duckdb
        src = sqlite3.connect(sys.argv[1]); dst = duckdb.connect()
        for (name, sql) in src.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall():
            dst.execute(sql.replace(' REAL', ' DOUBLE'))  # DuckDB's REAL has 4 bytes; its SQLite reader reads DOUBLE
            rows = src.execute('SELECT * FROM ' + name).fetchall()
            if rows: dst.executemany('INSERT INTO ' + name + ' VALUES (' + ', '.join('?' * len(rows[0])) + ')', rows)
        for row in dst.execute(sys.stdin.read()).fetchall():
            print('|'.join('' if v is None else str(v) for v in row))
        """
      let r = try CLI.run("/usr/bin/env", ["python3", "-c", script, db], env: [:], stdin: query)
      #expect(r.status == 0, "\(r.err)")
      #expect(r.out.split(separator: "\n").map(String.init) == (try Self.sqlite(db, query)), "\(query)")
    }
  }

  static let duckDB: Bool = ((try? CLI.run("/usr/bin/env", ["python3", "-c", "import duckdb"]))?.status ?? 1) == 0

  @Test func aDeletedDatabaseComesBackFromAnExportOrARebuild() throws {
    let out = try exported("json")
    let db = out + "/history.sqlite"
    let before = try CLI.digit(["history", "--out", out, "--format", "json"]).out
    // By a rebuild.
    try FileManager.default.removeItem(atPath: db)
    let rebuilt = try CLI.digit(["history", "rebuild", "--out", out])
    #expect(rebuilt.status == 0, "\(rebuilt.err)")
    #expect(rebuilt.out == "Rebuilt \(db) from 3 stored weeks (2026-W45 … 2026-W47).\n")
    #expect(try CLI.digit(["history", "--out", out, "--format", "json"]).out == before)
    // By the export of one week: the others come back from their folders.
    try FileManager.default.removeItem(atPath: db)
    let export = try CLI.digit([
      "export", "--data", sample, "--week", "2026-W47", "--out", out, "--format", "json", "--force",
    ])
    #expect(export.status == 0)
    #expect(export.err == "note: \(db) was missing; made it again from the stored weeks (3 recorded)\n")
    // The same, but W47 exported again has a new export time.
    let after = try CLI.digit(["history", "--out", out, "--format", "json"]).out
    #expect(try Self.withoutExportTimes(after) == Self.withoutExportTimes(before))
  }

  /// `digit history --format json` without the export times.
  static func withoutExportTimes(_ json: String) throws -> [[String: String]] {
    let weeks = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    return weeks.map { week in
      week.filter { $0.key != "exported_at" }.mapValues { "\($0)" }
    }
  }

  @Test func aCorruptDatabaseIsRebuiltWithAMessage() throws {
    let out = try exported("json")
    let db = out + "/history.sqlite"
    let before = try CLI.digit(["history", "--out", out, "--format", "json"]).out
    try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: db))
    let export = try CLI.digit([
      "export", "--data", sample, "--week", "2026-W46", "--out", out, "--format", "json", "--force",
    ])
    #expect(export.status == 0)
    #expect(export.err.hasPrefix("note: \(db) was not a usable database ("), "\(export.err)")
    #expect(export.err.hasSuffix("; rebuilt it from the stored weeks (3 recorded)\n"), "\(export.err)")
    // The same weeks with the same figures (W46, exported again, has a new export time).
    let after = try CLI.digit(["history", "--out", out, "--format", "json"]).out
    #expect(try Self.withoutExportTimes(after) == Self.withoutExportTimes(before))
    // Listing a damaged database rebuilds it too, export times included (from the week folders' files).
    try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: db))
    let list = try CLI.digit(["history", "--out", out, "--format", "json"])
    #expect(list.status == 0)
    #expect(list.err.contains("rebuilding it from the week folders"), "\(list.err)")
    #expect(list.out == after)
  }

  @Test(.enabled(if: hasSQLite3)) func aWeekExportedAgainReplacesItsRows() throws {
    let out = try exported("json")
    let db = out + "/history.sqlite"
    let count =
      "SELECT (SELECT COUNT(*) FROM weeks), (SELECT COUNT(*) FROM projects), (SELECT COUNT(*) FROM metric_values), (SELECT COUNT(*) FROM source_files);"
    let before = try Self.sqlite(db, count)
    // Exported again with a generation time: one week W47, its row replaced.
    let again = try CLI.digit(
      ["export", "--data", sample, "--week", "2026-W47", "--out", out, "--format", "json", "--force"],
      env: ["SOURCE_DATE_EPOCH": "1795000000"])
    #expect(again.status == 0, "\(again.err)")
    #expect(
      try Self.sqlite(db, "SELECT week, as_of, exported_at FROM weeks WHERE week = '2026-W47';") == [
        "2026-W47|2026-11-22|2026-11-18T11:06:40Z"
      ])
    #expect(try Self.sqlite(db, count) == before)
  }

  @Test func diffWithoutWeeksComparesTheTwoLatestStoredWeeks() throws {
    let out = try exported("json")
    let latest = try CLI.digit(["diff", "--out", out, "--lang", "en"])
    #expect(latest.status == 0, "\(latest.err)")
    #expect(latest.out == (try CLI.digit(["diff", "2026-W46", "2026-W47", "--out", out, "--lang", "en"])).out)
    #expect(latest.out.hasPrefix("Briefing W47 2026 against W46 2026 (stored week)"))
    let one = try CLI.digit(["diff", "2026-W46", "--out", out, "--lang", "en"])
    #expect(one.status == 0, "\(one.err)")
    #expect(one.out.hasPrefix("Briefing W46 2026 against W45 2026 (stored week)"))
    let all = try CLI.digit(["diff", "2026-W46", "--out", out, "--lang", "en", "--all"])
    #expect(all.out.hasPrefix("Changes from W45 2026 (as of 2026-11-08) to W46 2026 (as of 2026-11-15)\n"))
    let first = try CLI.digit(["diff", "2026-W45", "--out", out])
    #expect(first.status == 1)
    #expect(
      first.err == "error: there is no stored week with a snapshot.json before 2026-W45 in \(out) to compare it with\n")
    let empty = Self.folder()
    let none = try CLI.digit(["diff", "--out", empty])
    #expect(none.status == 1)
    #expect(none.err.hasPrefix("error: \(empty) holds no stored week with a snapshot.json;"))
  }

  /// Three exports at once into a new folder: the one that creates the tables and the ones waiting for
  /// the lock all record their week.
  @Test func exportsAtTheSameTimeAllRecordTheirWeek() throws {
    let out = Self.folder()
    let sample = sample
    let results = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: Self.weeks.count) { i in
      let r = try? CLI.digit(["export", "--data", sample, "--week", Self.weeks[i], "--out", out, "--format", "json"])
      // A note that the database was missing is fine (another export's week may be stored already).
      let warning = (r?.err ?? "no run").contains("warning")
      results.withLock { $0.append("\(Self.weeks[i]) \(r?.status ?? -1) \(warning ? r?.err ?? "" : "")") }
    }
    #expect(results.withLock { $0.sorted() } == Self.weeks.map { "\($0) 0 " })
    let json = try CLI.digit(["history", "--out", out, "--format", "json"])
    let weeks = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as! [[String: Any]]
    #expect(weeks.map { $0["week"] as? String } == Self.weeks)
  }

  @Test func anExportWhoseHistoryCannotBeWrittenStillWritesTheWeek() throws {
    let out = Self.folder()
    // A folder where the database belongs: the history cannot be written, the week can.
    try FileManager.default.createDirectory(atPath: out + "/history.sqlite", withIntermediateDirectories: true)
    let r = try CLI.digit(["export", "--data", sample, "--week", "2026-W47", "--out", out, "--format", "json"])
    #expect(r.status == 0)
    #expect(FileManager.default.fileExists(atPath: out + "/2026-W47/snapshot.json"))
    #expect(r.err.hasPrefix("warning: the week is written, but \(out)/history.sqlite was not updated: "), "\(r.err)")
    #expect(r.err.contains("`digit history rebuild --out \(out)`"))
  }
}

/// `digit history rebuild` only where weeks can be stored: an existing folder outside the data root; a
/// damaged week is left out with a warning, the others are recorded.
@Suite struct HistoryRebuildFolderTests {
  typealias T = ExportCommandTests

  @Test func aFolderThatDoesNotExistIsRefusedAndNotCreated() throws {
    let parent = T.folder()
    let r = try CLI.digit(["history", "rebuild", "--out", parent + "/Snapshtos"])
    #expect(r.status == 1)
    #expect(
      r.err.contains("Snapshtos does not exist; `digit history rebuild` makes the database from the weeks"), "\(r.err)")
    #expect(!FileManager.default.fileExists(atPath: parent + "/Snapshtos"))
  }

  @Test func aFolderInsideTheDataRootIsRefused() throws {
    let root = try CLI.tempRoot(["city.yaml": "name: Teststadt\n", "offices/amt-1/office.yaml": "id: amt-1\n"])
    let r = try CLI.digit(["history", "rebuild", "--out", root + "/offices/amt-1"])
    #expect(r.status == 1)
    #expect(r.err.contains("lies inside the data root"), "\(r.err)")
    #expect(!FileManager.default.fileExists(atPath: root + "/offices/amt-1/history.sqlite"))
  }

  @Test func aDamagedWeekIsAWarningAndTheOthersAreRecorded() throws {
    let out = T.folder()
    for week in ["2026-W46", "2026-W47"] {
      _ = try CLI.digit(["export", "--data", CLI.sample, "--week", week, "--out", out, "--format", "json"])
    }
    try Data("{".utf8).write(to: URL(fileURLWithPath: out + "/2026-W46/snapshot.json"))
    let r = try CLI.digit(["history", "rebuild", "--out", out])
    #expect(r.status == 0)
    #expect(r.err.hasPrefix("warning: 2026-W46 is not in the history: "), "\(r.err)")
    #expect(r.out.contains("from 1 stored week (2026-W47 … 2026-W47)"), "\(r.out)")
  }
}
