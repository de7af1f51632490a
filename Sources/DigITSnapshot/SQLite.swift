import CSQLite

/// Why the history database could not be read or written, in plain words.
public struct HistoryError: Error, Sendable, CustomStringConvertible, Equatable {
  public enum Kind: Sendable, Equatable {
    /// Another process holds the write lock longer than the busy timeout.
    case busy
    /// The file is not an SQLite database, or a damaged one.
    case corrupt
    /// The database was made by a newer `digit` (its `user_version` is higher than ours).
    case newerSchema
    /// The database has tables of an older version (it is rebuilt, not migrated).
    case olderSchema
    /// A file system problem (cannot open, read-only, disk full, …) or another SQLite failure.
    case io
    /// A stored `snapshot.json` cannot be recorded (unreadable, not a snapshot).
    case content
  }
  public var kind: Kind
  public var description: String

  public init(_ kind: Kind, _ description: String) {
    self.kind = kind
    self.description = description
  }
}

/// A value bound to or read from an SQLite statement.
enum SQLValue: Sendable, Equatable {
  case null
  case int(Int64)
  case real(Double)
  case text(String)

  static func int(_ n: Int) -> SQLValue { .int(Int64(n)) }
  static func text(_ s: String?) -> SQLValue { s.map { .text($0) } ?? .null }
  static func real(_ x: Double?) -> SQLValue { x.map { $0.isFinite ? .real($0) : .null } ?? .null }
}

/// One SQLite connection (the C API, nothing more): statements are prepared once and reused; every
/// failure is a ``HistoryError`` naming the file. Not shared between threads.
final class SQLiteConnection {
  let path: String
  private var db: OpaquePointer?

  /// Opens (creating if needed) the database at `path`.
  /// - Parameter busyTimeout: how long a write waits for another writer's lock, in milliseconds.
  init(path: String, busyTimeout: Int32) throws(HistoryError) {
    self.path = path
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let rc = sqlite3_open_v2(path, &db, flags, nil)
    guard rc == SQLITE_OK else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
      sqlite3_close_v2(db)
      db = nil
      throw HistoryError(Self.kind(rc), "cannot open \(path): \(message)")
    }
    sqlite3_extended_result_codes(db, 1)
    sqlite3_busy_timeout(db, busyTimeout)
  }

  deinit { sqlite3_close_v2(db) }

  /// Closes the connection (checkpointing the WAL); further use is an error.
  func close() {
    sqlite3_close_v2(db)
    db = nil
  }

  /// Runs SQL without results (one or more statements).
  func execute(_ sql: String) throws(HistoryError) {
    var error: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(db, sql, nil, nil, &error)
    if rc != SQLITE_OK {
      let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
      sqlite3_free(error)
      throw failure(rc, message)
    }
  }

  func prepare(_ sql: String) throws(HistoryError) -> Statement {
    var stmt: OpaquePointer?
    let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
    guard rc == SQLITE_OK, let stmt else { throw failure(rc, String(cString: sqlite3_errmsg(db))) }
    return Statement(stmt, connection: self)
  }

  /// The rows of a query, each a list of values.
  func rows(_ sql: String, _ values: [SQLValue] = []) throws(HistoryError) -> [[SQLValue]] {
    let stmt = try prepare(sql)
    return try stmt.rows(values)
  }

  /// The error of a result code, in plain words, naming the file.
  func failure(_ rc: Int32, _ message: String) -> HistoryError {
    switch Self.kind(rc) {
    case .busy:
      return HistoryError(
        .busy,
        "\(path) is locked by another writer (another `digit export` or `digit history rebuild`?); try again when it has finished"
      )
    case .corrupt: return HistoryError(.corrupt, "\(path) is not a usable SQLite database (\(message))")
    case let kind: return HistoryError(kind, "\(path): \(message)")
    }
  }

  static func kind(_ rc: Int32) -> HistoryError.Kind {
    switch rc & 0xff {
    case SQLITE_BUSY, SQLITE_LOCKED: .busy
    case SQLITE_CORRUPT, SQLITE_NOTADB: .corrupt
    default: .io
    }
  }

  /// A prepared statement, reset before each use.
  final class Statement {
    private let stmt: OpaquePointer
    private unowned let connection: SQLiteConnection

    init(_ stmt: OpaquePointer, connection: SQLiteConnection) {
      self.stmt = stmt
      self.connection = connection
    }

    deinit { sqlite3_finalize(stmt) }

    /// Binds `values` to the parameters (1, 2, …) and runs the statement to its end.
    func run(_ values: [SQLValue]) throws(HistoryError) {
      try bind(values)
      let rc = sqlite3_step(stmt)
      guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
        throw connection.failure(rc, String(cString: sqlite3_errmsg(sqlite3_db_handle(stmt))))
      }
    }

    /// Binds `values` and returns every row.
    func rows(_ values: [SQLValue]) throws(HistoryError) -> [[SQLValue]] {
      try bind(values)
      var out: [[SQLValue]] = []
      while true {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_DONE { break }
        guard rc == SQLITE_ROW else {
          throw connection.failure(rc, String(cString: sqlite3_errmsg(sqlite3_db_handle(stmt))))
        }
        let n = sqlite3_column_count(stmt)
        out.append((0..<n).map { column($0) })
      }
      return out
    }

    private func column(_ i: Int32) -> SQLValue {
      switch sqlite3_column_type(stmt, i) {
      case SQLITE_INTEGER: return .int(sqlite3_column_int64(stmt, i))
      case SQLITE_FLOAT: return .real(sqlite3_column_double(stmt, i))
      case SQLITE_TEXT, SQLITE_BLOB:
        guard let p = sqlite3_column_text(stmt, i) else { return .null }
        return .text(String(cString: p))
      default: return .null
      }
    }

    private func bind(_ values: [SQLValue]) throws(HistoryError) {
      sqlite3_reset(stmt)
      sqlite3_clear_bindings(stmt)
      for (k, value) in values.enumerated() {
        let i = Int32(k + 1)
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(stmt, i)
        case .int(let n): rc = sqlite3_bind_int64(stmt, i, n)
        case .real(let x): rc = sqlite3_bind_double(stmt, i, x)
        case .text(let s): rc = sqlite3_bind_text(stmt, i, s, -1, digit_sqlite_transient())
        }
        guard rc == SQLITE_OK else {
          throw connection.failure(rc, String(cString: sqlite3_errmsg(sqlite3_db_handle(stmt))))
        }
      }
    }
  }
}

extension SQLValue {
  var string: String? { if case .text(let s) = self { s } else { nil } }
  var integer: Int? { if case .int(let n) = self { Int(n) } else { nil } }
}
