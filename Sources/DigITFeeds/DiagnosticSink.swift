import DigITCore

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
          "\(n - Self.perKindLimit) more \(severity.rawValue)\(n - Self.perKindLimit == 1 ? "" : "s") like \"\(example.map { Inert.message($0.message, limit: 60) } ?? "")\" (\(n) in all)",
          occurrences: n - Self.perKindLimit))
    }
    return out
  }
}
