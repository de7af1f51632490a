import DigITMetrics

/// Every UI word in German and English, in one table (the metric labels live in the catalog).
public enum UIText: String, CaseIterable, Sendable {
  case appName, week, asOf, loaded, errors, warnings, overview, diagnostics, help, quit, open, back, filter
  case sort, reload, nextTab, tooSmall, noRows, coordinator, since, projects, services, kpis
  case status, due, progress, forecast, budget, milestones, done, notDone, openItems
  case created, closed, openOverTime, target, value, rag, name, office, area, noData, brokenTab
  case fieldOwner, fieldCategory, fieldStart, fieldUpdated, fieldRisk, fieldIndexArea, filterPrompt, keys
  case reloadFailed, maturity, digitalShare, pending, processing, title
  case offices, rank, compliant, daysShort, online, paper, agePercentiles, cyclePercentiles, id, age, type, priority
  case diagnosticsHeader, warning, error, createdOn, cityFiles, filterKeys, ok, more, maximum, changed, reloaded, smartCityIndex, forecastAndBacklog

  /// The text in a language.
  public func callAsFunction(_ language: Language) -> String {
    let pair = UIText.table[self]!
    return language == .de ? pair.0 : pair.1
  }

  static let table: [UIText: (String, String)] = [
    .appName: ("DigIT-Koordination", "DigIT coordination"), .week: ("KW", "week"), .asOf: ("Stand", "as of"),
    .loaded: ("geladen", "loaded"), .errors: ("Fehler", "errors"),
    .warnings: ("Warnungen", "warnings"), .overview: ("Übersicht", "Overview"), .diagnostics: ("Datenprobleme", "Feed problems"),
    .help: ("Hilfe", "Help"), .quit: ("Ende", "quit"), .open: ("öffnen", "open"), .back: ("zurück", "back"),
    .filter: ("filtern", "filter"), .sort: ("sortieren", "sort"), .reload: ("neu laden", "reload"), .nextTab: ("Dashboard", "dashboard"), .tooSmall: ("Fenster zu klein", "Window too small"), .noRows: ("keine Einträge", "nothing to show"),
    .coordinator: ("Koordination", "Coordinator"), .since: ("DigIT seit", "DigIT since"), .projects: ("Projekte", "Projects"),
    .services: ("OZG-Leistungen", "OZG services"), .kpis: ("Kennzahlen", "KPIs"), .status: ("Status", "Status"),
    .due: ("fällig", "due"), .progress: ("Fortschritt", "Progress"), .forecast: ("Prognose", "Forecast"),
    .budget: ("Budget", "Budget"), .milestones: ("Meilensteine", "Milestones"),
    .done: ("erledigt", "done"), .notDone: ("offen", "open"), .openItems: ("Offene Einträge (älteste zuerst)", "Open items (oldest first)"), .created: ("Neu", "Created"),
    .closed: ("Erledigt", "Closed"), .openOverTime: ("Offen", "Open"), .target: ("Ziel", "Target"), .value: ("Wert", "Value"), .rag: ("Ampel", "RAG"), .name: ("Name", "Name"),
    .office: ("Amt", "Office"), .area: ("Bereich", "Area"), .noData: ("keine Daten", "no data"),
    .brokenTab: ("Fehler in der Dashboard-Datei", "Error in the dashboard file"), .fieldOwner: ("Verantwortlich", "Owner"),
    .fieldCategory: ("Kategorie", "Category"), .fieldStart: ("Start", "Start"), .fieldUpdated: ("aktualisiert", "updated"),
    .fieldRisk: ("Risiko", "Risk"), .fieldIndexArea: ("Indexbereich", "Index area"), .filterPrompt: ("Filter", "Filter"),
    .keys: ("Tasten", "Keys"), .reloadFailed: ("Neu laden fehlgeschlagen", "Reload failed"),
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
    .more: ("weitere", "more"), .maximum: ("max", "max"), .changed: ("geändert", "changed"), .reloaded: ("neu geladen", "reloaded"),
    .smartCityIndex: ("Smart City Index", "Smart City Index"),
    .forecastAndBacklog: ("Prognose und Backlog", "Forecast and backlog"),
  ]

  /// The singular for one, else the plural: `1 Warnung`, `2 Warnungen`.
  static func count(_ n: Int, _ one: UIText, _ many: UIText, _ l: Language) -> String { "\(n) \(n == 1 ? one(l) : many(l))" }
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
