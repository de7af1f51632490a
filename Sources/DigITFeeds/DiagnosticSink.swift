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
  /// Per kind: how many were found, how many of them were kept, and the first message (an example, in
  /// English and, where written, German).
  private var counts: [String: (found: Int, kept: Int, example: String, german: String?)] = [:]

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
  /// that of the English `message` alone. (The hint is appended to both languages: prefer the form with
  /// a ``Bilingual`` hint.)
  mutating func add(
    _ severity: Diagnostic.Severity, line: Int? = nil, column: String? = nil, _ message: String,
    german: String? = nil, hint: () -> String = { "" }
  ) {
    add(
      severity, line: line, column: column, message, german: german,
      bilingualHint: { () -> Bilingual in
        let h = hint()
        return Bilingual(h, de: h)
      })
  }

  /// Adds a diagnostic in both languages; `hint` is made and appended only when the diagnostic is kept.
  mutating func add(
    _ severity: Diagnostic.Severity, line: Int? = nil, column: String? = nil, _ text: Bilingual,
    hint: () -> Bilingual = { .empty }
  ) {
    add(severity, line: line, column: column, text.english, german: text.german, bilingualHint: hint)
  }

  private mutating func add(
    _ severity: Diagnostic.Severity, line: Int?, column: String?, _ message: String, german: String?,
    bilingualHint hint: () -> Bilingual
  ) {
    let kind = "\(severity.rawValue)|\(column ?? "")|\(Self.shape(message))"
    var c = counts[kind, default: (0, 0, "", nil)]
    if c.found == 0 {
      c.example = message
      c.german = german
    }
    c.found += 1
    if c.found <= Self.perKindLimit && diagnostics.count < Self.perFileLimit {
      c.kept += 1
      let h = hint()
      diagnostics.append(
        Diagnostic(
          severity, office: office, file: file, line: line, column: column, message + h.english,
          german: german.map { $0 + h.german }))
    }
    counts[kind] = c
  }

  /// Adds a diagnostic of a named kind whose message is built only when it is kept (or is the kind's
  /// first): for problems that can occur on every row of a large file, so that the rows beyond the cap
  /// cost a count, not a message. (English only: prefer ``add(_:line:column:kind:texts:)``.)
  mutating func add(
    _ severity: Diagnostic.Severity, line: Int? = nil, column: String? = nil, kind name: String, _ message: () -> String
  ) {
    addKind(severity, line: line, column: column, kind: name, { () -> (String, String?) in (message(), nil) })
  }

  /// ``add(_:line:column:kind:_:)`` with the message in both languages.
  mutating func add(
    _ severity: Diagnostic.Severity, line: Int? = nil, column: String? = nil, kind name: String,
    texts message: () -> Bilingual
  ) {
    addKind(
      severity, line: line, column: column, kind: name,
      { () -> (String, String?) in
        let t = message()
        return (t.english, t.german)
      })
  }

  private mutating func addKind(
    _ severity: Diagnostic.Severity, line: Int?, column: String?, kind name: String,
    _ message: () -> (String, String?)
  ) {
    let kind = "\(severity.rawValue)|\(column ?? "")|#\(name)"
    var c = counts[kind, default: (0, 0, "", nil)]
    c.found += 1
    if c.found <= Self.perKindLimit && diagnostics.count < Self.perFileLimit {
      c.kept += 1
      let (text, german) = message()
      (c.example, c.german) = (text, german)  // the last one kept, as for the other kinds
      diagnostics.append(
        Diagnostic(severity, office: office, file: file, line: line, column: column, text, german: german))
    } else if c.found == 1 {
      (c.example, c.german) = message()
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
  public mutating func error(line: Int? = nil, column: String? = nil, _ text: Bilingual) {
    add(.error, line: line, column: column, text)
  }
  public mutating func warning(line: Int? = nil, column: String? = nil, _ text: Bilingual) {
    add(.warning, line: line, column: column, text)
  }
  public mutating func note(line: Int? = nil, column: String? = nil, _ text: Bilingual) {
    add(.note, line: line, column: column, text)
  }

  /// The collected diagnostics plus one summary per kind that had diagnostics left out (with how many),
  /// and one per severity for the kinds left out entirely by the per-file limit, so that the counts of
  /// errors and warnings stay complete. The summaries are in both languages; their example is the
  /// German message where one was written.
  public func finish() -> [Diagnostic] {
    var out = diagnostics
    var unlisted: [Diagnostic.Severity: (count: Int, kinds: Int, example: String, german: String?)] = [:]
    for (kind, c) in counts.sorted(by: { $0.key < $1.key }) where c.found > c.kept {
      let parts = kind.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
      let severity = Diagnostic.Severity(rawValue: String(parts[0]))!
      let column = parts[1].isEmpty ? nil : String(parts[1])
      let left = c.found - c.kept
      guard c.kept > 0 else {
        var u = unlisted[severity, default: (0, 0, c.example, c.german)]
        u.count += left
        u.kinds += 1
        unlisted[severity] = u
        continue
      }
      let last = diagnostics.last(where: {
        $0.severity == severity && $0.column == column && Self.shape($0.message) == parts[2]
      })
      let example = last?.message ?? c.example
      let german = last.map { $0.message(.de) } ?? c.german ?? c.example
      out.append(
        Diagnostic(
          severity, office: office, file: file, column: column,
          Bilingual(
            "\(left) more \(severity.words(left, .en)) like \"\(Inert.message(example, limit: 60))\" (\(c.found) in all)",
            de:
              "noch \(left) \(severity.words(left, .de)) wie „\(Inert.message(german, limit: 60))“ (insgesamt \(c.found))"
          ),
          occurrences: left))
    }
    for severity in Diagnostic.Severity.allCases {
      guard let u = unlisted[severity] else { continue }
      let example = Inert.message(u.example, limit: 60)
      let german = Inert.message(u.german ?? u.example, limit: 60)
      let kinds = u.kinds == 1 ? "einer weiteren Art" : "von \(u.kinds) weiteren Arten"
      out.append(
        Diagnostic(
          severity, office: office, file: file,
          Bilingual(
            "\(u.count) more \(severity.words(u.count, .en)) of \(u.kinds) other kind\(u.kinds == 1 ? "" : "s"), such as \"\(example)\", not listed (at most \(Self.perFileLimit) problems per file are listed)",
            de:
              "noch \(u.count) \(severity.words(u.count, .de)) \(kinds), etwa „\(german)“, nicht aufgeführt (je Datei werden höchstens \(Self.perFileLimit) Probleme aufgeführt)"
          ),
          occurrences: u.count))
    }
    return out
  }
}
