import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot

/// Every UI word in German and English, in one table (the metric labels live in the catalog).
public enum UIText: String, CaseIterable, Sendable {
  case appName, asOf, loaded, errors, warnings, overview, diagnostics, help, quit
  case tooSmall, noRows, coordinator, since, projects, services, kpis
  case status, due, progress, forecast, budget, milestones, done, notDone, openItems
  case created, closed, openOverTime, target, value, rag, name, office, area, noData, brokenTab
  case fieldOwner, fieldCategory, fieldStart, fieldUpdated, fieldRisk, fieldIndexArea, filterPrompt, keys
  case reloadFailed, changedWhileReading, maturity, digitalShare, pending, processing, title
  case offices, rank, compliant, daysShort, online, paper, agePercentiles, cyclePercentiles, id, age, type, priority
  case diagnosticsHeader, warning, error, createdOn, cityFiles, filterKeys, ok, more, maximum, changed, reloaded,
    smartCityIndex, forecastAndBacklog
  case snapshots, snapshot, exporting, existsReplace, notExported, written, replaced, file, files, exportFailed
  case isoWeek, noSnapshotsIn, exportHint, folderUnreadable, size, filesColumn, folder, missing, reading,
    changesAgainstSnapshot, changesAgainstData
  case waitingForExport, dataFolder, doesNotExist, isAFile, cannotBeRead, isNotADataFolder
  case deliveries, coveredUpTo, rowsRead, rowsSkipped, notDelivered, unusable, stale, withoutProjects, reportWeek

  /// The text in a language.
  public func callAsFunction(_ language: Language) -> String {
    let pair = UIText.table[self]!
    return language == .de ? pair.0 : pair.1
  }

  static let table: [UIText: (String, String)] = [
    .appName: ("DigIT-Koordination", "DigIT coordination"), .asOf: ("Stand", "as of"),
    .loaded: ("geladen", "loaded"), .errors: ("Fehler", "errors"),
    .warnings: ("Warnungen", "warnings"), .overview: ("Übersicht", "Overview"),
    .diagnostics: ("Datenprobleme", "Feed problems"),
    .help: ("Hilfe", "Help"), .quit: ("Ende", "quit"), .tooSmall: ("Fenster zu klein", "Window too small"),
    .noRows: ("keine Einträge", "nothing to show"),
    .coordinator: ("Koordination", "Coordinator"), .since: ("DigIT seit", "DigIT since"),
    .projects: ("Projekte", "Projects"),
    .services: ("OZG-Leistungen", "OZG services"), .kpis: ("Kennzahlen", "KPIs"), .status: ("Status", "Status"),
    .due: ("fällig", "due"), .progress: ("Fortschritt", "Progress"), .forecast: ("Prognose", "Forecast"),
    .budget: ("Budget", "Budget"), .milestones: ("Meilensteine", "Milestones"),
    .done: ("erledigt", "done"), .notDone: ("offen", "open"),
    .openItems: ("Offene Einträge (älteste zuerst)", "Open items (oldest first)"), .created: ("Neu", "Created"),
    .closed: ("Erledigt", "Closed"), .openOverTime: ("Offen", "Open"), .target: ("Ziel", "Target"),
    .value: ("Wert", "Value"), .rag: ("Ampel", "RAG"), .name: ("Name", "Name"),
    .office: ("Amt", "Office"), .area: ("Bereich", "Area"), .noData: ("keine Daten", "no data"),
    .brokenTab: ("Fehler in der Dashboard-Datei", "Error in the dashboard file"),
    .fieldOwner: ("Verantwortlich", "Owner"),
    .fieldCategory: ("Kategorie", "Category"), .fieldStart: ("Start", "Start"),
    .fieldUpdated: ("aktualisiert", "updated"),
    .fieldRisk: ("Risiko", "Risk"), .fieldIndexArea: ("Indexbereich", "Index area"),
    .filterPrompt: ("Filter", "Filter"),
    .keys: ("Tasten", "Keys"), .reloadFailed: ("Neu laden fehlgeschlagen", "Reload failed"),
    .changedWhileReading: (
      "Dateien änderten sich beim Lesen – die bisherigen Daten bleiben, neuer Versuch in 2 s",
      "files changed while being read – the last data stays, next try in 2 s"
    ),
    .maturity: ("Reife", "Maturity"), .digitalShare: ("Digital", "Digital"),
    .pending: ("Anhängig", "Pending"), .processing: ("Tage", "Days"), .title: ("Titel", "Title"),
    .offices: ("Ämter", "Offices"), .rank: ("Rang", "Rank"), .compliant: ("OZG-konform", "compliant"),
    .daysShort: ("T.", "d"), .online: ("Online", "Online"), .paper: ("Papier", "Paper"),
    .agePercentiles: ("Alter P50/P85", "Age P50/P85"), .cyclePercentiles: ("Durchlauf P50/P85", "Cycle P50/P85"),
    .id: ("Id", "Id"), .age: ("Alter", "age"), .type: ("Typ", "type"), .priority: ("Prio.", "prio."),
    .diagnosticsHeader: ("Datei:Zeile: Schwere: Spalte: Meldung", "file:line: severity: column: message"),
    .warning: ("Warnung", "warning"), .error: ("Fehler", "error"), .createdOn: ("erstellt", "created"),
    .cityFiles: ("Stadt (city.yaml, index/, offices/)", "City (city.yaml, index/, offices/)"),
    .filterKeys: ("(Enter übernimmt, Esc verwirft)", "(Enter keeps, Esc clears)"), .ok: ("ok", "ok"),
    .more: ("weitere", "more"), .maximum: ("max", "max"), .changed: ("geändert", "changed"),
    .reloaded: ("neu geladen", "reloaded"),
    .smartCityIndex: ("Smart City Index", "Smart City Index"),
    .forecastAndBacklog: ("Prognose und Backlog", "Forecast and backlog"),
    .snapshots: ("Wochen-Snapshots", "Weekly snapshots"), .snapshot: ("Snapshot", "Snapshot"),
    .exporting: ("Exportiere", "Exporting"), .existsReplace: ("gibt es schon – ersetzen? j/n", "exists – replace? y/n"),
    .notExported: ("nicht exportiert", "not exported"), .written: ("geschrieben", "written"),
    .replaced: ("ersetzt", "replaced"),
    .file: ("Datei", "file"), .files: ("Dateien", "files"), .exportFailed: ("Export fehlgeschlagen", "Export failed"),
    .isoWeek: ("Woche", "Week"), .noSnapshotsIn: ("Noch keine Snapshots in", "No snapshots yet in"),
    .exportHint: ("`e` exportiert die aktuelle Woche.", "`e` exports the current week."),
    .folderUnreadable: ("Snapshot-Ordner nicht lesbar", "Cannot read the snapshot folder"), .size: ("Größe", "Size"),
    .filesColumn: ("Dateien", "Files"), .folder: ("Ordner", "Folder"), .missing: ("fehlt", "missing"),
    .reading: ("wird gelesen …", "reading …"),
    .changesAgainstSnapshot: ("Änderungen gegenüber dem Snapshot", "Changes against the snapshot"),
    .changesAgainstData: ("Änderungen gegenüber den Daten vom", "Changes against the data as of"),
    .waitingForExport: ("digit: der Export läuft noch, warte auf ihn …", "digit: waiting for the export to finish …"),
    .dataFolder: ("der Datenordner", "the data folder"), .doesNotExist: ("existiert nicht", "does not exist"),
    .isAFile: ("ist eine Datei, kein Ordner", "is a file, not a folder"),
    .cannotBeRead: ("ist nicht lesbar", "cannot be read"),
    .deliveries: ("Datenlieferung", "Deliveries"), .coveredUpTo: ("Daten bis", "Data up to"),
    .rowsRead: ("Zeilen", "Rows"), .rowsSkipped: ("übersprungen", "Skipped"),
    .notDelivered: ("nicht geliefert", "not delivered"), .unusable: ("unbrauchbar", "unusable"),
    .stale: ("veraltet", "stale"), .withoutProjects: ("ohne projects.csv", "without projects.csv"),
    .reportWeek: ("Berichtswoche", "report week"),
    .isNotADataFolder: (
      "ist kein Datenordner: er hat weder city.yaml noch offices/",
      "is not a data folder: it has neither city.yaml nor offices/"
    ),
  ]

  /// Why a reload failed, in the UI language: `Neu laden fehlgeschlagen: der Datenordner Daten existiert
  /// nicht`. Errors without words of their own keep their description.
  public static func reloadFailure(_ error: any Error, _ l: Language) -> String {
    if let s = error as? SystemError {
      // The system failed (too many open files, no memory, an I/O error): the data shown stays.
      let place = s.path.map { " " + Inert.message($0, limit: 80) } ?? ""
      return
        "\(UIText.reloadFailed(l)): \(l == .de ? "Systemfehler beim Lesen von" : "system failure reading")\(place) (\(s.codeName))"
    }
    guard let e = error as? FeedRootError else { return "\(UIText.reloadFailed(l)): \(error)" }
    let what: String
    switch e.reason {
    case .missing: what = doesNotExist(l)
    case .notAFolder: what = isAFile(l)
    case .unreadable(let why): what = l == .de ? cannotBeRead(l) : why
    case .notADataFolder: what = isNotADataFolder(l)
    }
    return "\(UIText.reloadFailed(l)): \(dataFolder(l)) \(e.root) \(what)"
  }

  /// The week the as-of day lies in, when it has not ended (the as-of day is not a Sunday): `laufende
  /// KW 48: 1 Tag` / `running W48 2026: 1 day`. Its days count in no weekly figure; the header shows it
  /// apart. `nil` on a Sunday.
  public static func runningWeek(_ asOf: Day, _ l: Language) -> String? {
    guard asOf.isoWeekday != 7 else { return nil }
    let week = asOf.isoWeek
    let days = asOf.isoWeekday
    if l == .de { return "laufende KW \(week.week): \(days) \(days == 1 ? "Tag" : "Tage")" }
    return "running W\(week.week) \(week.year): \(days) \(days == 1 ? "day" : "days")"
  }

  /// The singular for one, else the plural: `1 Warnung`, `2 Warnungen`.
  static func count(_ n: Int, _ one: UIText, _ many: UIText, _ l: Language) -> String {
    "\(n) \(n == 1 ? one(l) : many(l))"
  }

  /// A week as people write it: `KW 47/2026` in German, `2026-W47` in English.
  public static func weekLabel(_ week: ISOWeek, _ l: Language) -> String { MetricFormatter(language: l).week(week) }

  /// The question before replacing a stored week: `Snapshot KW 47/2026 gibt es schon – ersetzen? j/n`.
  static func replacePrompt(_ week: ISOWeek, _ l: Language) -> String {
    "\(UIText.snapshot(l)) \(weekLabel(week, l)) \(UIText.existsReplace(l))"
  }

  /// After an export: `Snapshot KW 47/2026 geschrieben (7 Dateien)`.
  static func exportDone(_ result: Exporter.Result, _ l: Language) -> String {
    let done = result.replaced ? UIText.replaced : UIText.written
    let text =
      "\(UIText.snapshot(l)) \(weekLabel(result.week, l)) \(done(l)) (\(count(result.paths.count, .file, .files, l)))"
    // The week folder is the record; a history that could not be written is said, not hidden.
    guard case .failure(let error)? = result.history else { return text }
    return text + (l == .de ? "; history.sqlite nicht aktualisiert: " : "; history.sqlite not updated: ")
      + error.description
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
    guard language == .de else { return rawValue }
    switch self {
    case .planned: return "geplant"
    case .active: return "aktiv"
    case .blocked: return "blockiert"
    case .done: return "erledigt"
    case .cancelled: return "abgebrochen"
    }
  }
}

extension RiskLevel {
  /// The risk word in a language.
  public func label(_ language: Language) -> String {
    guard language == .de else { return rawValue }
    switch self {
    case .low: return "niedrig"
    case .medium: return "mittel"
    case .high: return "hoch"
    }
  }
}

extension IndexArea {
  /// The area's name in a language.
  public func label(_ language: Language) -> String { language == .de ? rawValue : englishName }
}
