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
  case reasons, milestone, project, legend, legendRAG, legendArrows, legendPercentiles, legendPoints, legendWeek,
    legendMissing, legendSort, legendMore, moreFocus

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
    .reasons: ("Gründe", "Reasons"), .milestone: ("Meilenstein", "Milestone"), .project: ("Projekt", "Project"),
    .legend: ("Legende", "Legend"), .moreFocus: ("weitere (f: zu dieser Liste)", "more (f: to this list)"),
    .legendRAG: (
      "● rot  ◐ gelb  ○ grün: Ampel eines Projekts (die Gründe stehen beim Projekt)",
      "● red  ◐ amber  ○ green: a project's RAG status (the reasons are shown with the project)"
    ),
    .legendArrows: (
      "▲ ▼ neben einer Zahl: Änderung zur Vorwoche; grün ist gut, rot schlecht (je Kennzahl), grau neutral",
      "▲ ▼ next to a figure: change on the week before; green is good, red bad (per metric), grey neutral"
    ),
    .legendPercentiles: (
      "P50 / P85: die Hälfte / 85 % der Werte liegen darunter (Prognose: mit 50 % / 85 % Wahrscheinlichkeit fertig)",
      "P50 / P85: half / 85 % of the values are below (forecast: done with 50 % / 85 % probability)"
    ),
    .legendPoints: (
      "Pp: Prozentpunkte (51,3 % → 51,2 % ist -0,1 Pp)", "pp: percentage points (51.3 % → 51.2 % is -0.1 pp)"
    ),
    .legendWeek: (
      "KW: Kalenderwoche nach ISO 8601 (Montag bis Sonntag); Wochenzahlen zählen nur abgeschlossene Wochen",
      "W: ISO 8601 week (Monday to Sunday); weekly figures count complete weeks only"
    ),
    .legendMissing: (
      "–: keine Daten (nie als 0 gezeigt); ⚠: Datei fehlt oder Daten veraltet",
      "–: no data (never shown as 0); ⚠: a file is missing or the data is stale"
    ),
    .legendSort: (
      "▲ ▼ im Spaltenkopf: danach ist sortiert (aufsteigend / absteigend)",
      "▲ ▼ in a column header: the table is sorted by it (ascending / descending)"
    ),
    .legendMore: (
      "+n weitere: so viele Zeilen passen nicht; mit f zur Liste, dann blättern",
      "+n more: that many rows do not fit; f to focus the list, then scroll"
    ),
  ]
}
