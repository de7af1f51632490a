import DigITCore
import DigITMetrics

/// Matches a tool's project value (name or key) to a project of the office: `imports:` `projects:`
/// first, then the project ids of `projects.csv`, then their titles (all ignoring case).
struct ProjectMatcher {
  private var byName: [String: Int] = [:]
  /// Ids and titles, for "did you mean".
  let candidates: [String]

  init(projects: [Project], mapping: [String: String]) {
    var byName: [String: Int] = [:]
    var titles: [String: Int] = [:]
    var ambiguous: Set<String> = []
    for (k, p) in projects.enumerated() {
      let t = p.title.lowercased()
      if titles[t] != nil { ambiguous.insert(t) } else { titles[t] = k }
    }
    for t in ambiguous { titles[t] = nil }
    byName = titles
    for (k, p) in projects.enumerated() { byName[p.id.lowercased()] = k }
    for (name, id) in mapping {
      if let k = projects.firstIndex(where: { $0.id == id }) { byName[name] = k }
    }
    self.byName = byName
    candidates = projects.map(\.id) + projects.map(\.title)
  }

  func match(_ value: String) -> Int? {
    value.isEmpty ? nil : byName[value.lowercased()]
  }
}

/// The backlog ids of an office so far (backlog.csv and the exports read before), with where each
/// came from, so that a repeated id is an error naming the first place.
struct BacklogIDs {
  var map = ByteKeyMap()
  var origins: [(file: String, line: Int?)] = []

  /// Registers `id`; returns the first place when the id is taken already.
  mutating func insert(_ id: String, file: String, line: Int?) -> (file: String, line: Int?)? {
    let (index, inserted) = map.insert(id)
    if !inserted { return origins[index] }
    origins.append((file, line))
    return nil
  }
}

/// One work package or issue as an export gives it, before it is checked.
struct ExportItem {
  var id = ""
  var title = ""
  var type = ""
  var status = ""
  var category = ""
  var priority = ""
  var project = ""
  var projectName = ""
  var created = ""
  var updated = ""
  var closed = ""
}

/// The caption (as the file writes it) of each role, for the column of diagnostics.
struct ExportCaptions {
  var id = "id"
  var status = "status"
  var project = "project"
  var created = "created"
  var updated = "updated"
  var closed = "closed"
  var type = "type"
}

/// Turns the items of one export into backlog items of the office, with a diagnostic (file, line,
/// column, English and German) for every row it cannot take. Every row is counted as read or skipped.
struct BacklogImport {
  let kind: ImportKind
  let settings: ImportSettings
  let rule: StatusRule
  let file: String
  let asOf: Day
  let matcher: ProjectMatcher
  var captions = ExportCaptions()
  /// Whether the file has a status-category column (Jira).
  var hasCategory = false
  var sink: DiagnosticSink
  var stats: FileStats
  /// Rows left out by their type, per type as written.
  var leftOutTypes: [(type: String, count: Int)] = []
  /// Per status value not known (as written): how many rows (for `digit import`).
  var unknownStatuses: [String: Int] = [:]
  /// Per project value that matched no project: how many rows.
  var unmappedProjects: [String: Int] = [:]
  /// Per project value that matched: the project index and how many rows were taken.
  var mappedProjects: [String: (project: Int, rows: Int)] {
    var out: [String: (project: Int, rows: Int)] = [:]
    for (k, answer) in projectAnswers.enumerated() {
      guard let answer, projectRows[k] > 0 else { continue }
      out[answer.tool, default: (answer.project, 0)].rows += projectRows[k]
    }
    return out
  }
  /// Open and closed items taken.
  var open = 0, closedCount = 0
  /// Answers already found, per value as written: a file repeats a handful of statuses, types and
  /// projects in every row, so each is looked up (lowercased, matched) once.
  /// (Keyed by their UTF-8 bytes: hashing a `String` with umlauts normalises it first, which cost 8 %
  /// of a 100,000-row load.)
  private var statusKeys = ByteKeyMap()
  private var closedByStatus: [Bool?] = []
  private var typeKeys = ByteKeyMap()
  private var leftOutByType: [Bool] = []
  private var projectKeys = ByteKeyMap()
  private var projectAnswers: [(project: Int, tool: String)?] = []
  private var projectRows: [Int] = []
  /// Messages already made for a value (did-you-mean searches run once per distinct value).
  private var projectHints: [String: (String, String)] = [:]
  private var statusHints: [String: (String, String)] = [:]
  private let skipTypes: Set<String>
  let prefix: String

  init(kind: ImportKind, settings: ImportSettings, file: String, office: String, asOf: Day, matcher: ProjectMatcher) {
    self.kind = kind
    self.settings = settings
    self.file = file
    self.asOf = asOf
    self.matcher = matcher
    rule = StatusRule.defaults(kind)
    sink = DiagnosticSink(office: office, file: file)
    stats = FileStats(path: file, office: office)
    skipTypes = settings.skipTypes ?? ImportSettings.defaultSkipTypes(kind)
    prefix = settings.idPrefix ?? kind.defaultIDPrefix
  }

  /// Whether an item in `status` (with the Jira status category `category`) is closed; `nil` with an
  /// error when the status is unknown.
  mutating func isClosed(_ item: ExportItem, line: Int?) -> Bool? {
    let (k, inserted) = statusKeys.insert(hasCategory ? item.status + "\u{0}" + item.category : item.status)
    if inserted { closedByStatus.append(nil) }
    if let known = closedByStatus[k] { return known }
    let answer = closedUncached(item, line: line)
    closedByStatus[k] = answer
    return answer
  }

  private mutating func closedUncached(_ item: ExportItem, line: Int?) -> Bool? {
    let s = item.status.lowercased()
    if s.isEmpty && !(hasCategory && !item.category.isEmpty) {
      sink.error(
        line: line, column: captions.status, "is empty, but required (the status says whether the item is closed)",
        de: "ist leer, wird aber gebraucht (der Status sagt, ob der Eintrag geschlossen ist)")
      return nil
    }
    if let configured = settings.closedStatuses {
      if configured.contains(s) { return true }
      if settings.openStatuses.contains(s) || rule.open.contains(s) || rule.closed.contains(s) { return false }
    } else {
      if rule.usesCategory && hasCategory && !item.category.isEmpty {
        let c = item.category.lowercased()
        if StatusRule.doneCategories.contains(c) { return true }
        if StatusRule.openCategories.contains(c) { return false }
      }
      if settings.openStatuses.contains(s) { return false }
      if rule.closed.contains(s) { return true }
      if rule.open.contains(s) { return false }
    }
    unknownStatuses[item.status, default: 0] += 1
    let (en, de): (String, String)
    if let cached = statusHints[s] {
      (en, de) = cached
    } else {
      let known = (settings.closedStatuses ?? rule.closed).union(rule.open).union(settings.openStatuses).sorted()
      let near = Nearest.match(s, in: known)
      let closedList = (settings.closedStatuses ?? rule.closed).sorted().joined(separator: ", ")
      en =
        "\"\(Inert.message(item.status))\" is not a status known for \(kind.toolName) (closed: \(closedList)); name it under closed_statuses or open_statuses of its imports: entry in office.yaml"
        + (near.map { "; did you mean \"\($0)\"?" } ?? "")
      de =
        "„\(Inert.message(item.status))“ ist kein bekannter Status für \(kind.toolName) (geschlossen: \(closedList)); in office.yaml unter imports: bei closed_statuses oder open_statuses eintragen"
        + (near.map { "; meinten Sie „\($0)“?" } ?? "")
      statusHints[s] = (en, de)
    }
    sink.error(line: line, column: captions.status, en, de: de)
    return nil
  }

  /// The project of an item (its index and the tool's value that matched) and the key of the value
  /// (for ``projectRows``); `nil` with an error naming the value and the nearest projects.
  mutating func project(_ item: ExportItem, line: Int?) -> (project: Int, tool: String, key: Int)? {
    let (k, inserted) = projectKeys.insert(
      item.projectName.isEmpty ? item.project : item.project + "\u{0}" + item.projectName)
    if inserted {
      if let p = matcher.match(item.project) {
        projectAnswers.append((p, item.project))
      } else if let p = matcher.match(item.projectName) {
        projectAnswers.append((p, item.projectName))
      } else {
        projectAnswers.append(nil)
      }
      projectRows.append(0)
    }
    if let known = projectAnswers[k] { return (known.project, known.tool, k) }
    let value = item.project.isEmpty ? item.projectName : item.project
    if value.isEmpty {
      sink.error(
        line: line, column: captions.project, "is empty, but required (it says which project the item belongs to)",
        de: "ist leer, wird aber gebraucht (es sagt, zu welchem Projekt der Eintrag gehört)")
      return nil
    }
    unmappedProjects[value, default: 0] += 1
    let (en, de): (String, String)
    if let cached = projectHints[value] {
      (en, de) = cached
    } else {
      let near = Nearest.match(value, in: matcher.candidates)
      en =
        "project \"\(Inert.message(value))\" is not a project id or title of projects.csv; map it under projects: of its imports: entry in office.yaml"
        + (near.map { "; did you mean \"\(Inert.message($0))\"?" } ?? "")
      de =
        "Projekt „\(Inert.message(value))“ ist keine Projekt-ID und kein Projekttitel aus projects.csv; in office.yaml unter imports: bei projects: zuordnen"
        + (near.map { "; meinten Sie „\(Inert.message($0))“?" } ?? "")
      projectHints[value] = (en, de)
    }
    sink.error(line: line, column: captions.project, en, de: de)
    return nil
  }

  /// A non-empty date value; `nil` with an error when it is not a date.
  mutating func date(_ text: String, column: String, line: Int?) -> Day? {
    var t = text
    let result = t.withUTF8 { ExportDate.parse($0, format: settings.dateFormat) }
    switch result {
    case .success(let d): return d
    case .failure(let e):
      let format = settings.dateFormat.map { " (\($0.rawValue))" } ?? ""
      sink.error(
        line: line, column: column, ValueParser.message(e, value: text, style: .plain) + format,
        de:
          "„\(Inert.message(text))“ ist kein gültiges Datum\(format); erwartet z. B. 24.11.2026, 2026-11-24 oder 24/Nov/26 (date_format: in imports:)"
      )
      return nil
    }
  }

  /// Checks one item and appends it to the office's backlog; returns whether it was taken (a row left
  /// out by its type is not taken and counted under ``leftOutTypes``).
  mutating func add(_ item: ExportItem, line: Int?, office: inout Office, ids: inout BacklogIDs) -> Bool {
    let (typeKey, newType) = typeKeys.insert(item.type)
    if newType {
      let t = item.type.lowercased()
      leftOutByType.append(settings.types.map({ !$0.contains(t) }) ?? skipTypes.contains(t))
    }
    if leftOutByType[typeKey] {
      leaveOut(item.type)
      return false
    }
    var ok = true
    if item.id.isEmpty {
      sink.error(line: line, column: captions.id, "is empty, but required", de: "ist leer, wird aber gebraucht")
      ok = false
    }
    let project = self.project(item, line: line)
    let closedStatus = isClosed(item, line: line)
    if item.created.isEmpty {
      sink.error(line: line, column: captions.created, "is empty, but required", de: "ist leer, wird aber gebraucht")
      return false
    }
    guard let created = date(item.created, column: captions.created, line: line) else { return false }
    var closed: Day? = nil
    if closedStatus == true {
      // The export's own closed day where it has one, else the last update (an approximation).
      if !item.closed.isEmpty {
        closed = date(item.closed, column: captions.closed, line: line)
      } else if !item.updated.isEmpty {
        closed = date(item.updated, column: captions.updated, line: line)
      } else {
        sink.error(
          line: line, column: captions.status,
          "\"\(Inert.message(item.status))\" is a closed status, but the row has no closed or updated day",
          de:
            "„\(Inert.message(item.status))“ ist ein geschlossener Status, aber die Zeile hat kein Schließ- oder Änderungsdatum"
        )
      }
      if closed == nil { ok = false }
    }
    guard ok, let project, closedStatus != nil else { return false }
    if let closed, closed < created {
      sink.error(
        line: line, column: captions.closed, "\(closed) lies before created \(created)",
        de: "\(closed) liegt vor dem Anlagedatum \(created)")
      return false
    }
    let id = prefix + item.id
    if let first = ids.insert(id, file: file, line: line) {
      let whereEN = first.line.map { "line \($0) of \(first.file)" } ?? first.file
      let whereDE = first.line.map { "Zeile \($0) von \(first.file)" } ?? first.file
      sink.error(
        line: line, column: captions.id,
        "\"\(Inert.message(id))\" is used already (\(whereEN)); backlog ids must be unique in the office",
        de: "„\(Inert.message(id))“ ist schon vergeben (\(whereDE)); Backlog-IDs müssen im Amt eindeutig sein")
      return false
    }
    if created > asOf {
      sink.warning(
        line: line, column: captions.created, "\(created) lies after the as-of date \(asOf)",
        de: "\(created) liegt nach dem Stichtag \(asOf)")
    } else if let closed, closed > asOf {
      sink.warning(
        line: line, column: captions.closed, "\(closed) lies after the as-of date \(asOf)",
        de: "\(closed) liegt nach dem Stichtag \(asOf)")
    }
    projectRows[project.key] += 1
    if closed == nil { open += 1 } else { closedCount += 1 }
    let idRef = office.texts.append(id)
    let titleRef = office.texts.append(item.title)
    office.backlog.append(
      BacklogItem(
        project: Int32(project.project), id: idRef, title: titleRef,
        labels: office.labels.intern(type: item.type, priority: item.priority), created: created, closed: closed,
        points: nil))
    return true
  }

  private mutating func leaveOut(_ type: String) {
    if let k = leftOutTypes.firstIndex(where: { $0.type == type }) {
      leftOutTypes[k].count += 1
    } else {
      leftOutTypes.append((type, 1))
    }
  }

  /// The notes for rows left out by type, and the file's statistics and diagnostics.
  mutating func finish() -> (FileStats, [Diagnostic]) {
    for (type, n) in leftOutTypes {
      sink.note(
        n == 1
          ? "1 row of type \"\(Inert.message(type))\" is not a backlog item and is left out (types: or skip_types: in imports: changes this)"
          : "\(n) rows of type \"\(Inert.message(type))\" are not backlog items and are left out (types: or skip_types: in imports: changes this)",
        de: n == 1
          ? "1 Zeile vom Typ „\(Inert.message(type))“ ist kein Backlog-Eintrag und bleibt außen vor (types: oder skip_types: unter imports: ändert das)"
          : "\(n) Zeilen vom Typ „\(Inert.message(type))“ sind keine Backlog-Einträge und bleiben außen vor (types: oder skip_types: unter imports: ändert das)"
      )
    }
    if !stats.skipped && stats.rowsRead == 0 && stats.rowsSkipped == 0 {
      sink.note("the export has no rows", de: "der Export enthält keine Zeilen")
    }
    return (stats, sink.finish())
  }
}

// MARK: - CSV exports

extension BacklogImport {
  /// Reads the rows of a CSV export (OpenProject, Redmine, Jira) whose text is already UTF-8.
  mutating func readCSV(_ reader: CSVReader, office: inout Office, ids: inout BacklogIDs) {
    let columns = ExportColumns.of(kind)
    var headerCount = -1
    var field = [Int](repeating: -1, count: 11)
    reader.forEachRecord { (r: CSVRecord) -> Void in
      if r.isBlank { return }
      if headerCount < 0 {
        headerCount = r.count
        var names: [String] = []
        for i in 0..<r.count { names.append(r.string(i)) }
        let lower = names.map { $0.lowercased() }
        func find(_ captions: [String], _ role: Int) -> String? {
          for c in captions {
            if let i = lower.firstIndex(of: c) {
              field[role] = i
              return names[i]
            }
          }
          return nil
        }
        captions.id = find(columns.id, 0) ?? captions.id
        _ = find(columns.title, 1)
        captions.type = find(columns.type, 2) ?? captions.type
        captions.status = find(columns.status, 3) ?? captions.status
        hasCategory = find(columns.statusCategory, 4) != nil
        _ = find(columns.priority, 5)
        captions.project = find(columns.project, 6) ?? captions.project
        if let name = find(columns.projectName, 7), field[6] < 0 { captions.project = name }
        captions.created = find(columns.created, 8) ?? captions.created
        captions.updated = find(columns.updated, 9) ?? captions.updated
        captions.closed = find(columns.closed, 10) ?? captions.closed
        var missing: [String] = []
        func listed(_ c: [String]) -> String { c.prefix(3).joined(separator: "/") }
        if field[0] < 0 { missing.append(listed(columns.id)) }
        if field[3] < 0 && field[4] < 0 { missing.append(listed(columns.status)) }
        if field[6] < 0 && field[7] < 0 { missing.append(listed(columns.project + columns.projectName)) }
        if field[8] < 0 { missing.append(listed(columns.created)) }
        if !missing.isEmpty {
          let list = missing.joined(separator: ", ")
          sink.error(
            line: r.line, "the \(kind.toolName) export has no column \(list); export it with these columns",
            de: "der Export (\(kind.toolName)) hat keine Spalte \(list); bitte mit diesen Spalten exportieren")
          stats.skipped = true
        }
        return
      }
      if stats.skipped { return }
      if let p = r.problem {
        if case .strayQuote = p {
        } else {
          sink.error(
            line: r.line, "the row's quoting is broken (a quoted value is not closed, or text follows a closing quote)",
            de:
              "die Anführungszeichen der Zeile sind fehlerhaft (ein Wert ist nicht geschlossen oder nach dem schließenden Zeichen folgt Text)"
          )
          stats.rowsSkipped += 1
          return
        }
      }
      func text(_ k: Int) -> String { field[k] < 0 ? "" : r.string(field[k]) }
      let item = ExportItem(
        id: text(0), title: text(1), type: text(2), status: text(3), category: text(4), priority: text(5),
        project: text(6), projectName: text(7), created: text(8), updated: text(9), closed: text(10))
      if add(item, line: r.line, office: &office, ids: &ids) {
        stats.rowsRead += 1
      } else {
        stats.rowsSkipped += 1
      }
    }
  }
}

// MARK: - OpenProject API JSON

extension BacklogImport {
  /// Reads the `_embedded.elements` of an OpenProject API v3 work-package collection. Diagnostics name
  /// the element (`elements[3]`) instead of a line.
  mutating func readOpenProjectJSON(_ json: JSON, office: inout Office, ids: inout BacklogIDs) {
    guard let elements = json["_embedded"]?["elements"]?.arrayValue else { return }
    for (k, e) in elements.enumerated() {
      func string(_ v: JSON?) -> String {
        guard let v else { return "" }
        if let s = v.stringValue { return s }
        if let n = v.intValue { return String(n) }
        return ""
      }
      let links = e["_links"]
      let item = ExportItem(
        id: string(e["id"]), title: string(e["subject"]), type: string(links?["type"]?["title"]),
        status: string(links?["status"]?["title"]), priority: string(links?["priority"]?["title"]),
        project: string(links?["project"]?["title"]), created: string(e["createdAt"]),
        updated: string(e["updatedAt"]))
      // JSON elements have no line of their own: the diagnostic's column names the element.
      let at = "elements[\(k + 1)]."
      captions = ExportCaptions(
        id: at + "id", status: at + "_links.status", project: at + "_links.project", created: at + "createdAt",
        updated: at + "updatedAt", closed: at + "updatedAt", type: at + "_links.type")
      if add(item, line: nil, office: &office, ids: &ids) {
        stats.rowsRead += 1
      } else {
        stats.rowsSkipped += 1
      }
    }
  }
}
