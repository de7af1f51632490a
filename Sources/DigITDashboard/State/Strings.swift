import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot

extension Words {
  /// Why a reload failed, in the UI language: `Neu laden fehlgeschlagen: der Datenordner Daten existiert
  /// nicht`. Errors without words of their own keep their description.
  public static func reloadFailure(_ error: any Error, _ l: Language) -> String {
    if let s = error as? SystemError {
      // The system failed (too many open files, no memory, an I/O error): the data shown stays.
      let place = s.path.map { " " + Inert.message($0, limit: 80) } ?? ""
      return
        "\(Words.reloadFailed(l)): \(Words.systemFailureReading(l))\(place) (\(s.codeName))"
    }
    guard let e = error as? FeedRootError else { return "\(Words.reloadFailed(l)): \(error)" }
    let what: String
    switch e.reason {
    case .missing: what = doesNotExist(l)
    case .notAFolder: what = isAFile(l)
    case .unreadable(let why): what = l == .de ? cannotBeRead(l) : why
    case .notADataFolder: what = isNotADataFolder(l)
    }
    return "\(Words.reloadFailed(l)): \(dataFolder(l)) \(e.root) \(what)"
  }

  /// The week the as-of day lies in, when it has not ended (the as-of day is not a Sunday): `laufende
  /// KW 48: 1 Tag` / `running W48 2026: 1 day`. Its days count in no weekly figure; the header shows it
  /// apart. `nil` on a Sunday.
  public static func runningWeek(_ asOf: Day, _ l: Language) -> String? {
    guard asOf.isoWeekday != 7 else { return nil }
    let week = asOf.isoWeek
    let days = asOf.isoWeekday
    return Words.runningWeekLabel(l, "\(week.week)", "\(week.year)", count(days, .dayOne, .unitDays, l))
  }

  /// A week as people write it: `KW 47/2026` in German, `2026-W47` in English.
  public static func weekLabel(_ week: ISOWeek, _ l: Language) -> String { MetricFormatter(language: l).week(week) }

  /// The question before replacing a stored week: `Snapshot KW 47/2026 gibt es schon – ersetzen? j/n`.
  static func replacePrompt(_ week: ISOWeek, _ l: Language) -> String {
    "\(Words.snapshot(l)) \(weekLabel(week, l)) \(Words.existsReplace(l))"
  }

  /// After an export: `Snapshot KW 47/2026 geschrieben (7 Dateien)`.
  static func exportDone(_ result: Exporter.Result, _ l: Language) -> String {
    let done = result.replaced ? Words.replaced : Words.written
    let text =
      "\(Words.snapshot(l)) \(weekLabel(result.week, l)) \(done(l)) (\(count(result.paths.count, .file, .files, l)))"
    // The week folder is the record; a history that could not be written is said, not hidden.
    guard case .failure(let error)? = result.history else { return text }
    return Words.historyNotUpdated(l, text, error.description)
  }

  /// A file size for people: `812 B`, `372 KB`, `1,4 MB` (binary units, as `ls -h` counts).
  static func fileSize(_ bytes: Int, _ l: Language) -> String {
    let f = MetricFormatter(language: l)
    if bytes < 1024 { return "\(bytes) B" }
    if bytes < 1024 * 1024 { return "\(f.number(Double(bytes) / 1024)) KB" }
    if bytes < 1024 * 1024 * 1024 { return "\(f.number(Double(bytes) / 1_048_576, decimals: 1)) MB" }
    return "\(f.number(Double(bytes) / 1_073_741_824, decimals: 1)) GB"
  }
}

extension ProjectStatus {
  /// The status word in a language: `aktiv`, `geplant`, … / `active`, `planned`, ….
  public func label(_ language: Language) -> String {
    switch self {
    case .planned: Words.statusPlanned(language)
    case .active: Words.statusActive(language)
    case .blocked: Words.statusBlocked(language)
    case .done: Words.done(language)
    case .cancelled: Words.statusCancelled(language)
    }
  }
}

extension RiskLevel {
  /// The risk word in a language.
  public func label(_ language: Language) -> String {
    switch self {
    case .low: Words.riskLow(language)
    case .medium: Words.riskMedium(language)
    case .high: Words.riskHigh(language)
    }
  }
}
