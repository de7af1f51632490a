import DigITCore

/// Collects the diagnostics of one file, with caps so that a file with a million bad rows reports the
/// first ones and the count of the rest instead of a million lines.
///
/// A kind is the severity, the column and the message with its quoted values and numbers taken out, so
/// that `"31.02.2026" is not a date` and `"30.02.2026" is not a date` are one kind, and "closed lies
/// before created" is another kind than a bad `closed` date. At most `perKindLimit` diagnostics of a
/// kind are kept, and at most `perFileLimit` of every kind together (so that many kinds — a folder of
/// odd file names, messages with unquoted names — are capped too); the rest are counted and summed up
/// by ``finish()``.
public struct DiagnosticSink {
  public let office: String?
  public let file: String
  /// At most this many diagnostics of one kind (same column and severity) per file; the rest are counted.
  static let perKindLimit = 25
  /// At most this many diagnostics per file in all; the rest are counted.
  static let perFileLimit = 100
  public private(set) var diagnostics: [Diagnostic] = []
  /// Per kind: how many were found, how many of them were kept, and the first message (an example).
  private var counts: [String: (found: Int, kept: Int, example: String)] = [:]

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

  /// Adds a diagnostic; `hint` (e.g. `; did you mean "P-1"?`) is appended only when the diagnostic is
  /// kept, so that costly hints are computed for the few messages shown, not for every row. The kind is
  /// that of `message` alone.
  mutating func add(
    _ severity: Diagnostic.Severity, line: Int? = nil, column: String? = nil, _ message: String,
    german: String? = nil, hint: () -> String = { "" }
  ) {
    let kind = "\(severity.rawValue)|\(column ?? "")|\(Self.shape(message))"
    var c = counts[kind, default: (0, 0, "")]
    if c.found == 0 { c.example = message }
    c.found += 1
    if c.found <= Self.perKindLimit && diagnostics.count < Self.perFileLimit {
      c.kept += 1
      let h = hint()
      diagnostics.append(
        Diagnostic(
          severity, office: office, file: file, line: line, column: column, message + h, german: german.map { $0 + h }))
    }
    counts[kind] = c
  }

  /// Adds a diagnostic of a named kind whose message is built only when it is kept (or is the kind's
  /// first): for problems that can occur on every row of a large file, so that the rows beyond the cap
  /// cost a count, not a message.
  mutating func add(
    _ severity: Diagnostic.Severity, line: Int? = nil, column: String? = nil, kind name: String, _ message: () -> String
  ) {
    let kind = "\(severity.rawValue)|\(column ?? "")|#\(name)"
    var c = counts[kind, default: (0, 0, "")]
    c.found += 1
    if c.found <= Self.perKindLimit && diagnostics.count < Self.perFileLimit {
      c.kept += 1
      let text = message()
      c.example = text  // the last one kept, as for the other kinds
      diagnostics.append(Diagnostic(severity, office: office, file: file, line: line, column: column, text))
    } else if c.found == 1 {
      c.example = message()
    }
    counts[kind] = c
  }

  public mutating func error(line: Int? = nil, column: String? = nil, _ message: String, de german: String? = nil) {
    add(.error, line: line, column: column, message, german: german)
  }
  public mutating func warning(line: Int? = nil, column: String? = nil, _ message: String, de german: String? = nil) {
    add(.warning, line: line, column: column, message, german: german)
  }
  public mutating func note(line: Int? = nil, column: String? = nil, _ message: String, de german: String? = nil) {
    add(.note, line: line, column: column, message, german: german)
  }

  /// The collected diagnostics plus one summary per kind that had diagnostics left out (with how many),
  /// and one per severity for the kinds left out entirely by the per-file limit, so that the counts of
  /// errors and warnings stay complete.
  public func finish() -> [Diagnostic] {
    var out = diagnostics
    var unlisted: [Diagnostic.Severity: (count: Int, kinds: Int, example: String)] = [:]
    for (kind, c) in counts.sorted(by: { $0.key < $1.key }) where c.found > c.kept {
      let parts = kind.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
      let severity = Diagnostic.Severity(rawValue: String(parts[0]))!
      let column = parts[1].isEmpty ? nil : String(parts[1])
      let left = c.found - c.kept
      guard c.kept > 0 else {
        var u = unlisted[severity, default: (0, 0, c.example)]
        u.count += left
        u.kinds += 1
        unlisted[severity] = u
        continue
      }
      let example =
        diagnostics.last(where: { $0.severity == severity && $0.column == column && Self.shape($0.message) == parts[2] }
        )?.message ?? c.example
      out.append(
        Diagnostic(
          severity, office: office, file: file, column: column,
          "\(left) more \(severity.rawValue)\(left == 1 ? "" : "s") like \"\(Inert.message(example, limit: 60))\" (\(c.found) in all)",
          occurrences: left))
    }
    for severity in Diagnostic.Severity.allCases {
      guard let u = unlisted[severity] else { continue }
      out.append(
        Diagnostic(
          severity, office: office, file: file,
          "\(u.count) more \(severity.rawValue)\(u.count == 1 ? "" : "s") of \(u.kinds) other kind\(u.kinds == 1 ? "" : "s"), such as \"\(Inert.message(u.example, limit: 60))\", not listed (at most \(Self.perFileLimit) problems per file are listed)",
          occurrences: u.count))
    }
    return out
  }
}
