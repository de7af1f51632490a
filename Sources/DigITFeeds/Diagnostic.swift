/// One problem found in a feed: where it is, how bad it is, and what is wrong, in plain words.
///
///     offices/amt-33/backlog.csv:118: created: "31.02.2026" is not a date (February 2026 has 28 days)
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable, Comparable, CaseIterable {
    case error, warning, note
    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  }

  public var severity: Severity
  /// The office the file belongs to, `nil` for city-wide files.
  public var office: String?
  /// Path relative to the data root, e.g. `offices/buergeramt/backlog.csv`.
  public var file: String
  /// 1-based physical line, `nil` for problems of the whole file.
  public var line: Int?
  /// The column (CSV header name) or YAML key, if the problem is in one.
  public var column: String?
  public var message: String
  /// How many problems this diagnostic stands for: 1, or for the summary of problems left out after
  /// the per-file limit, the number left out. Counts of errors and warnings add these up.
  public var occurrences: Int

  public init(
    _ severity: Severity, office: String? = nil, file: String, line: Int? = nil, column: String? = nil,
    _ message: String, occurrences: Int = 1
  ) {
    self.occurrences = occurrences
    self.severity = severity
    self.office = office
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `path:line: severity: column: message` (line and column only when known), the form of compiler
  /// messages, so that editors and terminals can jump to the place.
  public var description: String {
    var s = file
    if let line { s += ":\(line)" }
    s += ": \(severity.rawValue): "
    if let column { s += "\(column): " }
    return s + message
  }
}

/// How much of a file was read.
public struct FileStats: Sendable, Hashable {
  /// Path relative to the data root.
  public var path: String
  /// Office id, `nil` for city-wide files.
  public var office: String?
  /// Size in bytes.
  public var bytes: Int
  /// Data rows accepted into the data set.
  public var rowsRead: Int
  /// Data rows skipped because of errors.
  public var rowsSkipped: Int
  /// Whether the whole file was skipped (unreadable, missing required column, …).
  public var skipped: Bool
  /// The SHA-256 of the bytes read, as 64 lowercase hex digits; only when the loader was asked for
  /// checksums (``FeedLoader/checksums``) and the file could be read.
  public var sha256: String?

  public init(path: String, office: String?, bytes: Int = 0, rowsRead: Int = 0, rowsSkipped: Int = 0, skipped: Bool = false) {
    self.path = path
    self.office = office
    self.bytes = bytes
    self.rowsRead = rowsRead
    self.rowsSkipped = rowsSkipped
    self.skipped = skipped
  }
}

/// Collects the diagnostics of one file, with a cap per kind of problem so that a file with a million
/// bad rows reports the first ones and the count of the rest instead of a million lines.
///
/// A kind is the severity, the column and the message with its quoted values and numbers taken out, so
/// that `"31.02.2026" is not a date` and `"30.02.2026" is not a date` are one kind, and "closed lies
/// before created" is another kind than a bad `closed` date.
public struct DiagnosticSink {
  public let office: String?
  public let file: String
  /// At most this many diagnostics of one kind (same column and severity) per file; the rest are counted.
  static let perKindLimit = 25
  public private(set) var diagnostics: [Diagnostic] = []
  private var counts: [String: Int] = [:]

  /// A sink for one file (`office` nil for city-wide files).
  public init(office: String?, file: String) {
    self.office = office
    self.file = file
  }

  /// The message without quoted values and digits, as part of the kind.
  static func shape(_ message: String) -> String {
    var out = ""
    var quoted = false
    for ch in message.unicodeScalars {
      if ch == "\"" {
        quoted.toggle()
      } else if !quoted && !(ch.value >= 0x30 && ch.value <= 0x39) {
        out.unicodeScalars.append(ch)
      }
    }
    return out
  }

  mutating func add(_ severity: Diagnostic.Severity, line: Int? = nil, column: String? = nil, _ message: String) {
    let kind = "\(severity.rawValue)|\(column ?? "")|\(Self.shape(message))"
    let n = counts[kind, default: 0] + 1
    counts[kind] = n
    if n <= Self.perKindLimit {
      diagnostics.append(Diagnostic(severity, office: office, file: file, line: line, column: column, message))
    }
  }

  public mutating func error(line: Int? = nil, column: String? = nil, _ message: String) {
    add(.error, line: line, column: column, message)
  }
  public mutating func warning(line: Int? = nil, column: String? = nil, _ message: String) {
    add(.warning, line: line, column: column, message)
  }
  public mutating func note(line: Int? = nil, column: String? = nil, _ message: String) {
    add(.note, line: line, column: column, message)
  }

  /// The collected diagnostics plus one summary per kind that went over the limit.
  public func finish() -> [Diagnostic] {
    var out = diagnostics
    for (kind, n) in counts.sorted(by: { $0.key < $1.key }) where n > Self.perKindLimit {
      let parts = kind.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
      let severity = Diagnostic.Severity(rawValue: String(parts[0]))!
      let column = parts[1].isEmpty ? nil : String(parts[1])
      let example = diagnostics.last { $0.severity == severity && $0.column == column && Self.shape($0.message) == parts[2] }
      out.append(
        Diagnostic(
          severity, office: office, file: file, column: column,
          "\(n - Self.perKindLimit) more \(severity.rawValue)\(n - Self.perKindLimit == 1 ? "" : "s") like \"\(example.map { Sanitize.forMessage($0.message, limit: 60) } ?? "")\" (\(n) in all)",
          occurrences: n - Self.perKindLimit))
    }
    return out
  }
}
