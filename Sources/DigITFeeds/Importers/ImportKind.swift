import DigITCore

/// The kinds of export files an office may deliver besides (or instead of) the feed format's own files
/// (see <doc:FeedFormat>, "Exports of other tools").
///
/// A file is recognised by its header (CSV) or its shape (JSON), or named in `imports:` of `office.yaml`.
public enum ImportKind: String, Sendable, CaseIterable {
  /// OpenProject's work-package CSV export (German or English captions).
  case openProject = "openproject"
  /// OpenProject's API v3 work-package collection (`GET /api/v3/work_packages`), saved as JSON.
  case openProjectJSON = "openproject-json"
  /// Redmine's issue CSV export (German or English captions).
  case redmine = "redmine"
  /// Jira's issue CSV export ("all fields" or "current fields").
  case jira = "jira"
  /// The federal "Dashboard Digitale Verwaltung" data (CSV or Spring-paged JSON) with each service's
  /// online status per region.
  case federalOZG = "federal-ozg"

  /// Whether the kind delivers backlog items (all but the federal OZG data).
  public var isBacklog: Bool { self != .federalOZG }

  /// The tool's name in messages.
  public var toolName: String {
    switch self {
    case .openProject: "OpenProject CSV"
    case .openProjectJSON: "OpenProject API JSON"
    case .redmine: "Redmine CSV"
    case .jira: "Jira CSV"
    case .federalOZG: "Dashboard Digitale Verwaltung"
    }
  }

  /// The prefix put before an export's own ids so that they cannot collide with `backlog.csv` ids or
  /// the ids of another tool (`imports:` `id_prefix:` replaces it). Jira keys (`WEB-12`) are unique
  /// already.
  public var defaultIDPrefix: String {
    switch self {
    case .openProject, .openProjectJSON: "OP-"
    case .redmine: "RM-"
    case .jira, .federalOZG: ""
    }
  }

  /// The kind of a CSV file by its header's captions (any case, surrounding spaces removed), or `nil`.
  ///
  ///     ImportKind.detect(header: ["#", "Tracker", "Status", "Thema"])   // .redmine
  public static func detect(header: [String]) -> ImportKind? {
    let names = Set(header.map { $0.lowercased() })
    let first = header.first?.lowercased() ?? ""
    if names.contains("leika_key") && names.contains("online_status") { return .federalOZG }
    if names.contains("issue key") && names.contains("summary") && names.contains("status") { return .jira }
    if first == "#" && names.contains("tracker") && names.contains("status") { return .redmine }
    if first == "id" && names.contains("status") && (names.contains("thema") || names.contains("subject"))
      && (names.contains("projekt") || names.contains("project"))
    {
      return .openProject
    }
    return nil
  }

  /// The kind of a JSON file by its shape: a HAL collection of work packages (OpenProject) or a Spring
  /// page (`content`) of federal dashboard rows.
  public static func detect(json: JSON) -> ImportKind? {
    if let elements = json["_embedded"]?["elements"]?.arrayValue {
      if elements.isEmpty
        || elements.contains(where: { $0["subject"] != nil || $0["_type"]?.stringValue == "WorkPackage" })
      {
        return .openProjectJSON
      }
    }
    if let content = json["content"]?.arrayValue {
      if content.isEmpty || content.contains(where: { $0["leika_key"] != nil }) { return .federalOZG }
    }
    if let rows = json.arrayValue, rows.contains(where: { $0["leika_key"] != nil }) { return .federalOZG }
    return nil
  }

  /// The kind named in `imports:` (`openproject`, `openproject-json`, `redmine`, `jira`, `federal-ozg`).
  public init?(name: String) {
    self.init(rawValue: name.lowercased())
  }
}

/// What a backlog export's columns mean: the captions (lowercase) each role is read from, first match
/// wins. German and English captions are both listed; a repeated caption (Jira) is read from its first
/// column.
struct ExportColumns {
  var id: [String]
  var title: [String]
  var type: [String]
  var status: [String]
  var statusCategory: [String] = []
  var priority: [String]
  var project: [String]
  /// A second project column tried when the first gives no match (Jira: the project name after its key).
  var projectName: [String] = []
  var created: [String]
  var updated: [String]
  /// The export's own closed day, where it has one.
  var closed: [String] = []

  static func of(_ kind: ImportKind) -> ExportColumns {
    switch kind {
    case .openProject, .openProjectJSON:
      ExportColumns(
        id: ["id"], title: ["thema", "subject"], type: ["typ", "type"], status: ["status"],
        priority: ["priorität", "priority"], project: ["projekt", "project"],
        created: ["erstellt", "erstellt am", "created on", "created at"],
        updated: ["aktualisiert am", "aktualisiert", "updated on", "updated at"])
    case .redmine:
      ExportColumns(
        id: ["#"], title: ["thema", "subject"], type: ["tracker"], status: ["status"],
        priority: ["priorität", "priority"], project: ["projekt", "project"], created: ["angelegt", "created"],
        updated: ["aktualisiert", "updated"], closed: ["geschlossen am", "closed"])
    case .jira:
      ExportColumns(
        id: ["issue key"], title: ["summary"], type: ["issue type"], status: ["status"],
        statusCategory: ["status category"], priority: ["priority"], project: ["project key"],
        projectName: ["project name"], created: ["created"], updated: ["updated"], closed: ["resolved"])
    case .federalOZG:
      ExportColumns(id: [], title: [], type: [], status: [], priority: [], project: [], created: [], updated: [])
    }
  }
}

/// Which statuses of a tool count as closed, and which are known open ones (a status in neither list
/// is a diagnostic, and the row is skipped, so that no figure counts an item of unknown state).
struct StatusRule {
  /// Lowercased closed status names.
  var closed: Set<String>
  /// Lowercased open status names.
  var open: Set<String>
  /// Jira's status category decides when the file has one: `Done` is closed, `To Do` and `In Progress`
  /// are open.
  var usesCategory = false

  /// The tool's default statuses (its seed data, German and English UI).
  static func defaults(_ kind: ImportKind) -> StatusRule {
    switch kind {
    case .openProject, .openProjectJSON:
      StatusRule(
        closed: ["closed", "rejected", "geschlossen", "abgelehnt", "abgewiesen"],
        open: [
          "new", "in specification", "specified", "confirmed", "to be scheduled", "scheduled", "in progress",
          "developed", "in testing", "tested", "test failed", "on hold", "neu", "in spezifikation", "spezifiziert",
          "bestätigt", "zu planen", "eingeplant", "geplant", "in bearbeitung", "entwickelt", "im test", "in test",
          "getestet", "test fehlgeschlagen", "angehalten", "zurückgestellt",
        ])
    case .redmine:
      StatusRule(
        closed: ["erledigt", "abgewiesen", "closed", "rejected"],
        open: ["neu", "in bearbeitung", "gelöst", "feedback", "new", "in progress", "resolved"])
    case .jira:
      StatusRule(
        closed: ["done", "closed", "resolved", "fertig", "erledigt", "geschlossen", "won't do", "abgelehnt"],
        open: [
          "to do", "open", "in progress", "reopened", "backlog", "selected for development", "in review",
          "zu erledigen", "offen", "in arbeit", "wieder geöffnet", "in prüfung",
        ], usesCategory: true)
    case .federalOZG:
      StatusRule(closed: [], open: [])
    }
  }

  /// Jira status categories (English and German UI).
  static let doneCategories: Set<String> = ["done", "fertig"]
  static let openCategories: Set<String> = ["to do", "in progress", "zu erledigen", "in arbeit"]
}
