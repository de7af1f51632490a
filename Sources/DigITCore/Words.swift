/// Every user-visible word and sentence in German and English, in one table: the dashboard's, `digit
/// summary`'s, the exported report's, the change list's and the formatter's (the metric labels live in the
/// metric catalog, the feed problems with their diagnostics). A word used twice is one entry; a sentence
/// with values is a function in an extension next to its only user, built from entries of this table.
public enum Words: String, CaseIterable, Sendable {
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
  case search, searchTitle, searchHint, noMatches, kind, searchOffice, searchProject, searchService, searchMilestone,
    searchItem, searchKPI, mouse, mouseHelp, searchKeys, matches

  /// The text in a language.
  public func callAsFunction(_ language: Language) -> String {
    let pair = Words.table[self]!
    return language == .de ? pair.0 : pair.1
  }

  public static let table: [Words: (String, String)] = [
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
    .search: ("Suche", "Search"), .searchTitle: ("Suche in der ganzen Stadt", "Search the whole city"),
    .searchHint: (
      "Suchbegriff eingeben: Ämter, Projekte, OZG-Leistungen, Meilensteine, Einträge und Kennzahlen der Stadt",
      "Type what to find: the city's offices, projects, OZG services, milestones, items and KPIs"
    ),
    .noMatches: ("keine Treffer", "no matches"), .kind: ("Art", "Kind"), .searchOffice: ("Amt", "office"),
    .searchProject: ("Projekt", "project"), .searchService: ("OZG-Leistung", "OZG service"),
    .searchMilestone: ("Meilenstein", "milestone"), .searchItem: ("Eintrag", "item"), .searchKPI: ("Kennzahl", "KPI"),
    .mouse: ("Maus", "Mouse"),
    .searchKeys: ("(↑ ↓ wählen, Enter öffnet, Esc schließt)", "(↑ ↓ select, Enter opens, Esc closes)"),
    .matches: ("Treffer", "matches"),
    .mouseHelp: (
      "Klick wählt · Doppelklick öffnet · Rad blättert · Reiter/Pfad anklicken · ⇧+Ziehen markiert",
      "click selects · double click opens · wheel scrolls · click a tab/the path · ⇧+drag selects text"
    ),
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
}
