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
  case search, searchTitle, searchHint, noMatches, kind, searchProject, searchService, searchMilestone,
    searchItem, mouse, mouseHelp, searchKeys, matches
  // digit summary and the tables of the exports
  case summaryTitle, summaryData, officeOne, officeMany, officeManyDative, rowOne, rowMany, rowsSkippedHint
  case metric, now, weekBefore, change, cityKPI, red, amber, green, throughput4w, digital12w
  case incompleteData, fileMissing, officeMissingOne, officeMissingMany, missingShort
  case colId, colNumber, colDepartment, colErrors, colWarnings, colRowsSkipped, colDataAsOf, colStale,
    colMissingFiles, colUpdated, colRAGReasons
  // the formatter's units and the calendar
  case unitDays, unitWeeks, unitWeeksShort, unitPoints, unitPointsShort, unitPercentagePoints, place, places
  case weekLabel, dataUpTo, today, dataAsOf
  // RAG, reasons, targets, statuses, risks
  case ragRed, ragAmber, ragGreen, reasonOverdue, reasonBudgetOverrun, reasonForecastLate, reasonMilestoneOverdue,
    reasonStale, reasonOverBudget, reasonHighRisk, targetMet, targetOffTrack
  case statusPlanned, statusActive, statusBlocked, statusCancelled, riskLow, riskMedium, riskHigh
  // the rest
  case chart, noDataTitle, systemFailureReading, historyNotUpdated, yesKeys
  case reportAsOf, dataLabel, generated, cityFigures, cityKPIs, kpiHeader
  case backlogChart, createdLower, closedLower, items, ozgChart, paperLower, applications, changesSinceWeekBefore
  case newProjects, finishedProjects, newlyRedProjects, ragTransitions, projectsNoLongerReported
  case redAndAmberProjects, project, dueColumn, reasons, noRedOrAmber, overdueMilestones, milestone, daysOverdue
  case noOverdueMilestones, cityTotal, ozgApplicationsNote, paper12w, digitalShareLong, completed12w, processingLong
  case digitalSharePerOffice, ozgSection, noIndexScores, indexChart, cityWideFiles, source
  case noProblemsInData, dataQuality, noChange, city
  case reportHeading, incompleteDataShort, andMoreCount, andMoreIn, andMoreErrors, redAndAmberCount, commaRank,
    yearBefore, targetToGo, filesReadSentence, comparedWithSnapshotSentence, noSnapshotBeforeSentence,
    changesHeadingSentence, comparedWithDataSentence, runningWeekLabel, dayOne
  // digit validate
  case validateCheckedToday, validateSummary, byteOne, byteMany, noteOne, noteMany, colBacklog, colOZGRows,
    colKPIValues, colSkipped
  // time travel
  case weeksBackMark, metInWeeks, statusAsOfToday, heatmap, worstRAG, backlogOfMaximum, notStored, weeklySeries,
    everyOffice
  case noOpenProjects, storedReadOnly, weeksBackMarkShort, storedWeekReadOnly, unreadable
  case legend, legendRAG, legendArrows, legendPercentiles, legendPoints, legendWeek,
    legendMissing, legendSort, legendMore, moreFocus
  case briefing, briefingIncomplete, briefingNoLongerRed, briefingOtherTransitions, briefingMilestonesDue
  case briefingKPIsMet, briefingKPIsMissed, briefingMoversBacklog, briefingMoversThroughput
  case briefingMoversDigitalShare, briefingMoversPending, fourWeeksShort, nothingChanged, metricChanges
  case briefingTitleStored, briefingTitleComputed, briefingTitleAlone, briefingFourWeeks, ragSinceWeek,
    ragSinceAtTheLatest

  case storedWeeksCompared, marked
  case officeDataNotCompared, officeAbsentIn, filesMissingIn, filesMissingInMany, staleIn, noLongerReason
  /// The text in a language.
  public func callAsFunction(_ language: Language) -> String {
    let pair = Words.table[self]!
    return language == .de ? pair.0 : pair.1
  }

  /// A sentence with values: `{0}`, `{1}`, … in the entry are replaced by the values, in one pass over the
  /// entry (a value that itself contains `{1}` stays as it is). German and English may order them apart.
  public func callAsFunction(_ language: Language, _ values: String...) -> String {
    Words.fill(self(language), values)
  }

  /// Fills `{0}`, `{1}`, … of `template` with `values`, in one pass (see above).
  public static func fill(_ template: String, _ values: [String]) -> String {
    // Over UTF-8 bytes: `{`, `}` and digits are single bytes that never occur inside another character's
    // bytes. (Over Unicode scalars this filling was most of the dashboard's start-up briefing: every RAG
    // reason of every project is a sentence.)
    let open = UInt8(ascii: "{")
    let close = UInt8(ascii: "}")
    let zero = UInt8(ascii: "0")
    var out: [UInt8] = []
    var template = template
    template.withUTF8 { t in
      out.reserveCapacity(t.count + values.reduce(0) { $0 + $1.utf8.count })
      var i = 0
      var copied = 0
      while i < t.count {
        if t[i] == open, i + 2 < t.count, t[i + 2] == close, t[i + 1] >= zero, t[i + 1] <= zero + 9,
          Int(t[i + 1] - zero) < values.count
        {
          out.append(contentsOf: t[copied..<i])
          out.append(contentsOf: values[Int(t[i + 1] - zero)].utf8)
          i += 3
          copied = i
        } else {
          i += 1
        }
      }
      out.append(contentsOf: t[copied..<t.count])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The singular for one, else the plural, after the number: `1 Warnung`, `2 Warnungen`.
  public static func count(_ n: Int, _ one: Words, _ many: Words, _ l: Language) -> String {
    "\(n) \(n == 1 ? one(l) : many(l))"
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
    .noMatches: ("keine Treffer", "no matches"), .kind: ("Art", "Kind"),
    .searchProject: ("Projekt", "project"), .searchService: ("OZG-Leistung", "OZG service"),
    .searchMilestone: ("Meilenstein", "milestone"), .searchItem: ("Eintrag", "item"),
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
    .reportAsOf: ("Stand", "As of"), .dataLabel: ("Daten", "Data"),
    .generated: ("erstellt", "generated"),
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
    .cityWideFiles: ("Stadtweite Dateien", "City-wide files"),
    .source: ("Herkunft", "Source"),
    .noProblemsInData: ("Keine Fehler und Warnungen in den Daten.", "No errors or warnings in the data."),
    .dataQuality: ("Datenqualität", "Data quality"), .noChange: ("keine Veränderung", "no change"),
    .city: ("Stadt", "City"),
    .briefing: ("Lage", "Briefing"),
    .briefingTitleStored: ("Lage {0} gegenüber {1} (gespeicherte Woche)", "Briefing {0} against {1} (stored week)"),
    .briefingTitleComputed: (
      "Lage {0} gegenüber {1} (aus den Daten berechnet, keine gespeicherte Woche)",
      "Briefing {0} against {1} (computed from the data, no stored week)"
    ),
    .briefingTitleAlone: (
      "Lage {0} · keine Vorwoche zum Vergleich (weder gespeichert noch berechnet)",
      "Briefing {0} · no week before to compare with (neither stored nor computed)"
    ),
    .briefingFourWeeks: ("4 Wochen zuvor: {0}", "4 weeks before: {0}"),
    .ragSinceWeek: ("{0} seit {1}", "{0} since {1}"),
    .ragSinceAtTheLatest: ("{0} seit spätestens {1}", "{0} since at least {1}"),
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
    // digit summary and the tables of the exports
    .summaryTitle: ("DigIT-Lagebild {0} – {1}, {2}", "DigIT status {0} – {1}, {2}"),
    .summaryData: ("Daten: {0} · {1} · {2} · {3}", "Data: {0} · {1} · {2} · {3}"),
    .officeOne: ("Amt", "office"), .officeMany: ("Ämter", "offices"), .officeManyDative: ("Ämtern", "offices"),
    .rowOne: ("Zeile", "row"), .rowMany: ("Zeilen", "rows"),
    .rowsSkippedHint: (
      "{0} übersprungen – `digit validate` zeigt jedes Problem mit Datei und Zeile.",
      "{0} skipped – `digit validate` lists every problem with file and line."
    ),
    .metric: ("Kennzahl", "Metric"), .now: ("Aktuell", "Now"), .weekBefore: ("Vorwoche", "Week before"),
    .change: ("Veränderung", "Change"), .cityKPI: ("Kennzahl der Stadt", "City KPI"),
    .red: ("Rot", "Red"), .amber: ("Gelb", "Amber"), .green: ("Grün", "Green"),
    .throughput4w: ("Durchsatz 4W", "Thru 4w"), .digital12w: ("Digital 12W", "Digital 12w"),
    .incompleteData: (
      "⚠ Daten unvollständig in {0} (Zahlen der Stadt ohne sie; Wochenvergleich nur bei gleichen Ämtern):",
      "⚠ Incomplete data in {0} (city figures without them; week-over-week only over the same offices):"
    ),
    .fileMissing: ("{0} fehlt", "{0} missing"),
    .officeMissingOne: ("⚠ {0} Amt fehlt", "⚠ {0} office missing"),
    .officeMissingMany: ("⚠ {0} Ämter fehlen", "⚠ {0} offices missing"),
    .missingShort: ("⚠ {0} fehlen", "⚠ {0} missing"),
    .colId: ("ID", "ID"), .colNumber: ("Nummer", "Number"), .colDepartment: ("Dezernat", "Department"),
    .colErrors: ("Fehler", "Errors"), .colWarnings: ("Warnungen", "Warnings"),
    .colRowsSkipped: ("Zeilen übersprungen", "Rows skipped"), .colDataAsOf: ("Datenstand", "Data as of"),
    .colStale: ("Veraltet", "Stale"), .colMissingFiles: ("Fehlende Dateien", "Missing files"),
    .colUpdated: ("Aktualisiert", "Updated"), .colRAGReasons: ("Ampelgründe", "RAG reasons"),
    // the formatter's units and the calendar
    .unitDays: ("Tage", "days"), .unitWeeks: ("Wochen", "weeks"), .unitWeeksShort: ("Wo.", "wk"),
    .unitPoints: ("Punkte", "points"), .unitPointsShort: ("Pkt.", "pts"), .unitPercentagePoints: ("Pp", "pp"),
    .place: ("Platz", "place"), .places: ("Plätze", "places"),
    .weekLabel: ("KW {0}/{1}", "W{0} {1}"), .dataUpTo: ("Daten bis {0}", "data up to {0}"),
    .today: ("heute", "today"), .dataAsOf: ("Datenstand", "latest data"),
    // RAG, reasons, targets, statuses, risks
    .ragRed: ("rot", "red"), .ragAmber: ("gelb", "amber"), .ragGreen: ("grün", "green"),
    .reasonOverdue: ("überfällig seit {0}", "overdue since {0}"),
    .reasonBudgetOverrun: (
      "Budget überschritten: {0} verbraucht (Grenze {1})", "budget overrun: {0} spent (limit {1})"
    ),
    .reasonForecastLate: ("Prognose P85 {0} nach Fälligkeit {1}", "forecast P85 {0} after due date {1}"),
    .reasonMilestoneOverdue: ("Meilenstein „{0}“ überfällig seit {1}", "milestone “{0}” overdue since {1}"),
    .reasonStale: ("seit {0} Tagen nicht aktualisiert ({1})", "not updated for {0} days ({1})"),
    .reasonOverBudget: ("über Budget: {0} verbraucht", "over budget: {0} spent"),
    .reasonHighRisk: ("Risiko hoch", "high risk"),
    .targetMet: ("erreicht", "met"), .targetOffTrack: ("nicht erreicht", "off track"),
    .statusPlanned: ("geplant", "planned"), .statusActive: ("aktiv", "active"),
    .statusBlocked: ("blockiert", "blocked"), .statusCancelled: ("abgebrochen", "cancelled"),
    .riskLow: ("niedrig", "low"), .riskMedium: ("mittel", "medium"), .riskHigh: ("hoch", "high"),
    // the rest
    .chart: ("Diagramm", "Chart"), .noDataTitle: ("Keine Daten", "No data"),
    .systemFailureReading: ("Systemfehler beim Lesen von", "system failure reading"),
    .historyNotUpdated: ("{0}; history.sqlite nicht aktualisiert: {1}", "{0}; history.sqlite not updated: {1}"),
    .yesKeys: ("jJ", "yY"),
    .reportHeading: ("DigIT-Lagebild {0} – {1}", "DigIT status {0} – {1}"),
    .incompleteDataShort: (
      "Daten unvollständig in {0} (Zahlen der Stadt ohne sie):", "Incomplete data in {0} (city figures without them):"
    ),
    .andMoreCount: ("… und {0} weitere", "… and {0} more"),
    .andMoreIn: ("… und {0} weitere (alle in {1})", "… and {0} more (all in {1})"),
    .andMoreErrors: (
      "… und {0} weitere (alle in snapshot.json; `digit validate` zeigt sie)",
      "… and {0} more (all in snapshot.json; `digit validate` lists them)"
    ),
    .redAndAmberCount: ("{0} rot, {1} gelb.", "{0} red, {1} amber."),
    .commaRank: (", Rang {0}", ", rank {0}"), .yearBefore: (" (Vorjahr {0}", " (year before {0}"),
    .targetToGo: (". Ziel {0}: noch {1} Punkte.", ". Target {0}: {1} points to go."),
    .filesReadSentence: (
      "{0} Dateien gelesen, {1} Zeilen übernommen, {2} übersprungen.", "{0} files read, {1} rows taken, {2} skipped."
    ),
    .comparedWithSnapshotSentence: (
      "Verglichen mit dem gespeicherten Snapshot {0} (Stand {1}).",
      "Compared with the stored snapshot of {0} (as of {1})."
    ),
    .noSnapshotBeforeSentence: (
      "Kein Snapshot der Vorwoche gespeichert: verglichen mit denselben Daten zum {0}.",
      "No snapshot of the week before is stored: compared with the same data as of {0}."
    ),
    .changesHeadingSentence: (
      "Veränderungen von {0} (Stand {1}) zu {2} (Stand {3})", "Changes from {0} (as of {1}) to {2} (as of {3})"
    ),
    .comparedWithDataSentence: ("(verglichen mit den Daten zum {0})", "(compared with the data as of {0})"),
    // The German header names the week without its year (the year stands beside it in the date).
    .runningWeekLabel: ("laufende KW {0}: {2}", "running W{0} {1}: {2}"), .dayOne: ("Tag", "day"),
    .validateCheckedToday: (
      "Geprüft zum heutigen Tag ({0}); die Daten reichen bis {1} (Datenstand), zu dem die anderen Befehle auswerten.",
      "Checked as of today ({0}); the data reach {1} (the Datenstand), which the other commands read as of."
    ),
    .validateSummary: (
      "{0}, {1} gelesen, {2} übersprungen, {3}, {4}, {5} (Stand {6}, {7}, {8})",
      "{0}, {1} read, {2} skipped, {3}, {4}, {5} (as of {6}, {7}, {8})"
    ),
    .byteOne: ("Byte", "byte"), .byteMany: ("Byte", "bytes"), .noteOne: ("Hinweis", "note"),
    .noteMany: ("Hinweise", "notes"),

    .colBacklog: ("Backlog", "Backlog"), .colOZGRows: ("OZG-Zeilen", "OZG rows"),
    .colKPIValues: ("KPI-Werte", "KPI values"),
    .colSkipped: ("Übersprungen", "Skipped"),
    // time travel
    .weeksBackMark: ("◀ Rückblick −{0} Wo.", "◀ looking back {0} wk."),
    .metInWeeks: ("erreicht in {0} von {1} Wochen", "met in {0} of {1} weeks"),
    .statusAsOfToday: ("Projektstatus, Budget, Risiko: Stand heute", "project status, budget, risk: as of today"),
    .heatmap: ("Ämter × Wochen", "Offices × weeks"), .worstRAG: ("schlechteste Ampel", "worst RAG"),
    .backlogOfMaximum: (
      "Backlog offen, Anteil am eigenen 26-Wochen-Maximum", "open backlog, share of its own 26-week maximum"
    ),
    .notStored: ("nicht gespeichert", "not stored"), .weeklySeries: ("Wochenverlauf", "Weekly series"),
    .everyOffice: ("in allen Ämtern", "in every office"),
    .noOpenProjects: ("keine offenen Projekte", "no open projects"),
    .storedReadOnly: ("nur lesen", "read-only"),
    .weeksBackMarkShort: ("◀ −{0} Wo.", "◀ −{0} wk."),
    .unreadable: ("unlesbar", "unreadable"),
    .storedWeekReadOnly: (
      "{0} ist nur zum Lesen: t kehrt zu den Live-Daten zurück, dort gehen Export und Wochenschritte",
      "{0} is read-only: t returns to the live data, where export and week steps work"
    ),
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
    .storedWeeksCompared: ("gespeicherte Wochen verglichen", "stored weeks compared"),
    .marked: ("markiert", "marked"),
    .officeDataNotCompared: (
      "⚠ {0}: {1}; die Stadtwerte vergleichen nicht dieselben Ämter",
      "⚠ {0}: {1}; the city figures do not compare the same offices"
    ),
    .officeAbsentIn: ("fehlt in {0}", "missing in {0}"), .filesMissingIn: ("{0} fehlt in {1}", "{0} missing in {1}"),
    .filesMissingInMany: ("{0} fehlen in {1}", "{0} missing in {1}"),
    .staleIn: ("Daten veraltet in {0}", "stale data in {0}"), .noLongerReason: ("nicht mehr: {0}", "no longer: {0}"),
  ]
}
