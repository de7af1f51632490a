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
  case reportAsOf, latestData, dataLabel, generated, metric, now, weekBefore, change, cityFigures, cityKPIs, kpiHeader
  case backlogChart, createdLower, closedLower, items, ozgChart, paperLower, applications, changesSinceWeekBefore
  case newProjects, finishedProjects, newlyRedProjects, ragTransitions, projectsNoLongerReported
  case redAndAmberProjects, project, dueColumn, reasons, noRedOrAmber, overdueMilestones, milestone, daysOverdue
  case noOverdueMilestones, cityTotal, ozgApplicationsNote, paper12w, digitalShareLong, completed12w, processingLong
  case digitalSharePerOffice, ozgSection, noIndexScores, indexChart, points, cityWideFiles, source, errorsColumn
  case warningsColumn, rowsSkippedColumn, noProblemsInData, dataQuality, noChange, city
  case briefing, briefingIncomplete, briefingNoLongerRed, briefingOtherTransitions, briefingMilestonesDue
  case briefingKPIsMet, briefingKPIsMissed, briefingMoversBacklog, briefingMoversThroughput
  case briefingMoversDigitalShare, briefingMoversPending, fourWeeksShort, nothingChanged, metricChanges

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
    .reportAsOf: ("Stand", "As of"), .latestData: ("Datenstand", "latest data"), .dataLabel: ("Daten", "Data"),
    .generated: ("erstellt", "generated"), .metric: ("Kennzahl", "Metric"), .now: ("Aktuell", "Now"),
    .weekBefore: ("Vorwoche", "Week before"), .change: ("Veränderung", "Change"),
    .cityFigures: ("Kennzahlen der Stadt", "City figures"), .cityKPIs: ("Kennzahlen der Stadt", "City KPIs"),
    .kpiHeader: ("Kennzahl", "KPI"),
    .backlogChart: ("Backlog: neu und erledigt pro Woche", "Backlog: created and closed per week"),
    .createdLower: ("neu", "created"), .closedLower: ("erledigt", "closed"), .items: ("Einträge", "items"),
    .ozgChart: (
      "OZG-Anträge: online und auf Papier pro Woche (26 Wochen)",
      "OZG applications: online and on paper per week (26 weeks)"
    ),
    .paperLower: ("Papier", "paper"), .applications: ("Anträge", "applications"),
    .changesSinceWeekBefore: ("Veränderungen zur Vorwoche", "Changes since the week before"),
    .newProjects: ("Neue Projekte", "New projects"),
    .finishedProjects: ("Abgeschlossene Projekte", "Finished projects"),
    .newlyRedProjects: ("Neu rote Projekte", "Newly red projects"),
    .ragTransitions: ("Ampelwechsel", "RAG transitions"),
    .projectsNoLongerReported: ("Nicht mehr gemeldete Projekte", "Projects no longer reported"),
    .redAndAmberProjects: ("Rote und gelbe Projekte", "Red and amber projects"), .project: ("Projekt", "Project"),
    .dueColumn: ("Fällig", "Due"), .reasons: ("Gründe", "Reasons"),
    .noRedOrAmber: ("Keine roten oder gelben Projekte.", "No red or amber projects."),
    .overdueMilestones: ("Überfällige Meilensteine", "Overdue milestones"), .milestone: ("Meilenstein", "Milestone"),
    .daysOverdue: ("Tage überfällig", "Days overdue"),
    .noOverdueMilestones: (
      "Keine überfälligen Meilensteine offener Projekte.", "No overdue milestones of open projects."
    ),
    .cityTotal: ("Stadt gesamt", "City total"),
    .ozgApplicationsNote: (
      "Anträge der letzten 12 ISO-Wochen; Digitalanteil = online / (online + Papier).",
      "Applications of the last 12 ISO weeks; digital share = online / (online + paper)."
    ),
    .paper12w: ("Papier 12W", "Paper 12w"), .digitalShareLong: ("Digitalanteil", "Digital share"),
    .completed12w: ("Erledigt 12W", "Completed 12w"), .processingLong: ("Bearbeitung", "Processing"),
    .digitalSharePerOffice: ("Digitalanteil je Amt (12 Wochen)", "Digital share per office (12 weeks)"),
    .ozgSection: ("OZG-Durchsatz und Digitalanteil", "OZG throughput and digital share"),
    .noIndexScores: ("Keine Indexwerte vorhanden.", "No index scores."),
    .indexChart: ("Smart City Index nach Jahr und Bereich", "Smart City Index by year and area"),
    .points: ("Punkte", "points"), .cityWideFiles: ("Stadtweite Dateien", "City-wide files"),
    .source: ("Herkunft", "Source"), .errorsColumn: ("Fehler", "Errors"), .warningsColumn: ("Warnungen", "Warnings"),
    .rowsSkippedColumn: ("Zeilen übersprungen", "Rows skipped"),
    .noProblemsInData: ("Keine Fehler und Warnungen in den Daten.", "No errors or warnings in the data."),
    .dataQuality: ("Datenqualität", "Data quality"), .noChange: ("keine Veränderung", "no change"),
    .city: ("Stadt", "City"),
    .briefing: ("Lage", "Briefing"),
    .briefingIncomplete: ("Ämter mit fehlenden oder veralteten Daten", "Offices with missing or stale data"),
    .briefingNoLongerRed: ("Nicht mehr rote Projekte", "Projects no longer red"),
    .briefingOtherTransitions: ("Weitere Ampelwechsel", "Other RAG transitions"),
    .briefingMilestonesDue: (
      "Meilensteine, diese Woche fällig und nicht erledigt", "Milestones due this week and not done"
    ),
    .briefingKPIsMet: ("Kennzahl-Ziele neu erreicht", "KPI targets newly met"),
    .briefingKPIsMissed: ("Kennzahl-Ziele neu verfehlt", "KPI targets newly missed"),
    .briefingMoversBacklog: ("Größte Veränderung: offener Backlog", "Moved most: open backlog"),
    .briefingMoversThroughput: ("Größte Veränderung: Durchsatz (4 Wochen)", "Moved most: throughput (4 weeks)"),
    .briefingMoversDigitalShare: ("Größte Veränderung: Digitalanteil", "Moved most: digital share"),
    .briefingMoversPending: ("Größte Veränderung: anhängige Anträge", "Moved most: pending applications"),
    .fourWeeksShort: ("4 Wo.", "4 wk"), .nothingChanged: ("Keine Veränderungen.", "Nothing changed."),
    .metricChanges: ("Veränderte Kennzahlen", "Metrics that changed"),
    .isNotADataFolder: (
      "ist kein Datenordner: er hat weder city.yaml noch offices/",
      "is not a data folder: it has neither city.yaml nor offices/"
    ),
  ]
}
