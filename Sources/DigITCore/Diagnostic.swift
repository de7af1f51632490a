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
  /// The message in English: the form of `--format json`, `snapshot.json` and `--lang en`.
  public var message: String
  /// The same message in German (`--lang de`, the dashboard's default), `nil` where none is written yet:
  /// then ``message(_:)`` falls back to the English text.
  public var german: String?
  /// How many problems this diagnostic stands for: 1, or for the summary of problems left out after
  /// the per-file limit, the number left out. Counts of errors and warnings add these up.
  public var occurrences: Int

  public init(
    _ severity: Severity, office: String? = nil, file: String, line: Int? = nil, column: String? = nil,
    _ message: String, german: String? = nil, occurrences: Int = 1
  ) {
    self.german = german
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
  /// Paths, columns and messages may carry text from the file system and the feeds: every part is made
  /// inert (``Inert``), so a folder named with an escape sequence or a line break prints as one line of
  /// visible characters.
  public var description: String {
    var s = Inert.text(file)
    if let line { s += ":\(line)" }
    s += ": \(severity.rawValue): "
    if let column { s += "\(Inert.text(column)): " }
    return s + Inert.text(message)
  }

  /// The same problem: severity, office, file, line, column, English message and count. The German text
  /// is a translation of ``message`` and takes no part (tests and the JSON compare the English form; the
  /// German texts have tests of their own).
  public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
    a.severity == b.severity && a.office == b.office && a.file == b.file && a.line == b.line
      && a.column == b.column && a.message == b.message && a.occurrences == b.occurrences
  }

  public func hash(into h: inout Hasher) {
    h.combine(severity)
    h.combine(office)
    h.combine(file)
    h.combine(line)
    h.combine(column)
    h.combine(message)
    h.combine(occurrences)
  }

  /// The message in a language (German falls back to English where no German text exists).
  public func message(_ language: Language) -> String { language == .de ? german ?? message : message }

  /// ``description`` with the count of a capped diagnostic, `… (26×)`: the form the exported report lists.
  public var located: String { occurrences > 1 ? "\(description) (\(occurrences)×)" : description }

  /// ``description`` in a language: in German the severity is a German word and the message is
  /// ``german`` (`offices/amt-33/backlog.csv:118: Fehler: created: „31.02.2026“ ist kein Datum …`); in
  /// English exactly ``description``.
  public func description(_ language: Language) -> String {
    guard language == .de else { return description }
    var s = Inert.text(file)
    if let line { s += ":\(line)" }
    s += ": \(severity.word(.de)): "
    if let column { s += "\(Inert.text(column)): " }
    return s + Inert.text(message(.de))
  }

  /// ``located`` in a language (see ``description(_:)``).
  public func located(_ language: Language) -> String {
    occurrences > 1 ? "\(description(language)) (\(occurrences)×)" : description(language)
  }

  /// Creates a diagnostic from a message in both languages.
  public init(
    _ severity: Severity, office: String? = nil, file: String, line: Int? = nil, column: String? = nil,
    _ text: Bilingual, occurrences: Int = 1
  ) {
    self.init(
      severity, office: office, file: file, line: line, column: column, text.english, german: text.german,
      occurrences: occurrences)
  }
}

extension Diagnostic.Severity {
  /// `Fehler`, `Warnung`, `Hinweis` in German; the raw value (`error`, …) in English.
  public func word(_ language: Language) -> String {
    guard language == .de else { return rawValue }
    switch self {
    case .error: return "Fehler"
    case .warning: return "Warnung"
    case .note: return "Hinweis"
    }
  }

  /// The plural (`Fehler`, `Warnungen`, `Hinweise`; `errors`, …) for counts other than one.
  public func words(_ count: Int, _ language: Language) -> String {
    guard count != 1 else { return word(language) }
    guard language == .de else { return rawValue + "s" }
    switch self {
    case .error: return "Fehler"
    case .warning: return "Warnungen"
    case .note: return "Hinweise"
    }
  }
}

/// A text in English and German: a diagnostic's message, or a part of one, built where the problem is
/// found (the messages of feed problems live beside the code that finds them, not in ``Words``).
///
///     Bilingual("is empty, but required", de: "ist leer, muss aber ausgefüllt sein")
public struct Bilingual: Sendable, Hashable, CustomStringConvertible {
  public var english: String
  public var german: String

  public init(_ english: String, de german: String) {
    self.english = english
    self.german = german
  }

  /// The same text in both languages (a value, a name, a code).
  public init(both text: String) { self.init(text, de: text) }

  /// No text.
  public static let empty = Bilingual("", de: "")

  public var isEmpty: Bool { english.isEmpty && german.isEmpty }

  /// The text in a language.
  public func callAsFunction(_ language: Language) -> String { language == .de ? german : english }

  /// The English text.
  public var description: String { english }

  public static func + (a: Bilingual, b: Bilingual) -> Bilingual {
    Bilingual(a.english + b.english, de: a.german + b.german)
  }

  public static func += (a: inout Bilingual, b: Bilingual) { a = a + b }
}

extension Diagnostic {
  /// `{"column", "file", "line", "message", "occurrences", "office", "severity"}` (`null` where unknown):
  /// the form of `digit validate --format json`, `digit summary --format json` and `snapshot.json`.
  public var json: JSON {
    .object([
      ("column", column.map(JSON.string) ?? .null), ("file", .string(file)),
      ("line", line.map(JSON.int) ?? .null), ("message", .string(message)),
      ("occurrences", .int(occurrences)), ("office", office.map(JSON.string) ?? .null),
      ("severity", .string(severity.rawValue)),
    ])
  }
}
