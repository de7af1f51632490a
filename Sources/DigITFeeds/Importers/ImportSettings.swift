import DigITCore

/// How an export file is read: one entry of `imports:` in `office.yaml`, or the defaults of a file
/// recognised by its header.
///
///     imports:
///       - file: tickets.csv
///         kind: redmine
///         encoding: iso-8859-1
///         closed_statuses: [Erledigt, Abgewiesen, Verworfen]
///         skip_types: [Meilenstein]
///         projects: { "Bürgerportal": P-33-001 }
struct ImportSettings: Sendable {
  /// The file name in the office folder.
  var file: String
  /// The line of the entry in `office.yaml` (nil for a drop-in file).
  var line: Int? = nil
  /// The kind; nil means "recognise it by its header".
  var kind: ImportKind? = nil
  /// The text encoding; nil means UTF-8 with Windows-1252 fallback (ISO-8859-1 for Redmine, whose
  /// German export is ISO-8859-1 by default).
  var encoding: ImportEncoding? = nil
  /// The date format; nil means recognised per value (see ``ExportDate``).
  var dateFormat: ExportDateFormat? = nil
  /// Replaces the tool's closed statuses (lowercased).
  var closedStatuses: Set<String>? = nil
  /// Statuses that count as open in addition to the tool's defaults (lowercased).
  var openStatuses: Set<String> = []
  /// Only these types count (lowercased); nil means all but `skipTypes`.
  var types: Set<String>? = nil
  /// Types that are not backlog items (lowercased); nil means the kind's default (OpenProject:
  /// Meilenstein/Milestone, Phase).
  var skipTypes: Set<String>? = nil
  /// The tool's project names or keys mapped to project ids of `projects.csv`, by the tool's name
  /// (lowercased).
  var projects: [String: String] = [:]
  /// Put before each export id (nil: ``ImportKind/defaultIDPrefix``).
  var idPrefix: String? = nil

  /// The keys an `imports:` entry may have.
  static let keys = [
    "file", "kind", "encoding", "date_format", "closed_statuses", "open_statuses", "types", "skip_types", "projects",
    "id_prefix",
  ]

  /// The types left out by default: OpenProject's milestones and phases are not work items.
  static func defaultSkipTypes(_ kind: ImportKind) -> Set<String> {
    switch kind {
    case .openProject, .openProjectJSON: ["meilenstein", "milestone", "phase"]
    default: []
    }
  }

  /// Reads the `imports:` list of `office.yaml`.
  static func read(_ map: YAMLMap, sink: inout DiagnosticSink) -> [ImportSettings] {
    var out: [ImportSettings] = []
    for entry in map.list("imports", sink: &sink) {
      entry.checkKeys(keys, sink: &sink)
      guard let file = entry.string("file", required: true, sink: &sink), !file.isEmpty else { continue }
      if file.contains("/") || file.hasPrefix(".") {
        sink.error(
          line: entry.line(of: "file"), column: entry.prefix + "file",
          "\"\(Inert.message(file))\" is not a file name of the office folder; the entry is ignored",
          de: "„\(Inert.message(file))“ ist kein Dateiname im Ordner des Amts; der Eintrag wird übergangen")
        continue
      }
      var s = ImportSettings(file: file, line: entry.line)
      if let k = entry.string("kind", sink: &sink) {
        if let kind = ImportKind(name: k) {
          s.kind = kind
        } else {
          let names = ImportKind.allCases.map(\.rawValue)
          let hint = Nearest.match(k, in: names).map { " (did you mean \"\($0)\"?)" } ?? ""
          let hintDE = Nearest.match(k, in: names).map { " (gemeint: „\($0)“?)" } ?? ""
          sink.error(
            line: entry.line(of: "kind"), column: entry.prefix + "kind",
            "\"\(Inert.message(k))\" is not an import kind (expected \(names.joined(separator: ", ")))\(hint); the file is recognised by its header",
            de:
              "„\(Inert.message(k))“ ist keine Importart (erwartet: \(names.joined(separator: ", ")))\(hintDE); die Datei wird an ihrer Kopfzeile erkannt"
          )
        }
      }
      if let e = entry.string("encoding", sink: &sink) {
        if let enc = ImportEncoding(name: e) {
          s.encoding = enc
        } else {
          sink.error(
            line: entry.line(of: "encoding"), column: entry.prefix + "encoding",
            "\"\(Inert.message(e))\" is not a supported encoding (expected utf-8, windows-1252 or iso-8859-1)",
            de: "„\(Inert.message(e))“ ist keine unterstützte Kodierung (erwartet: utf-8, windows-1252 oder iso-8859-1)"
          )
        }
      }
      if let d = entry.string("date_format", sink: &sink) {
        if let f = ExportDateFormat(rawValue: d) {
          s.dateFormat = f
        } else {
          let names = ExportDateFormat.allCases.map(\.rawValue).joined(separator: ", ")
          sink.error(
            line: entry.line(of: "date_format"), column: entry.prefix + "date_format",
            "\"\(Inert.message(d))\" is not a supported date format (expected one of \(names))",
            de: "„\(Inert.message(d))“ ist kein unterstütztes Datumsformat (erwartet: \(names))")
        }
      }
      func set(_ key: String) -> Set<String>? {
        entry.has(key) ? Set(entry.strings(key, sink: &sink).map { $0.text.lowercased() }) : nil
      }
      s.closedStatuses = set("closed_statuses")
      s.openStatuses = set("open_statuses") ?? []
      s.types = set("types")
      s.skipTypes = set("skip_types")
      if let p = entry.map("projects", sink: &sink) {
        for key in p.keys {
          if let id = p.string(key, sink: &sink) { s.projects[key.lowercased()] = id }
        }
      }
      s.idPrefix = entry.string("id_prefix", sink: &sink)
      if out.contains(where: { $0.file == s.file }) {
        sink.error(
          line: s.line, column: entry.prefix + "file",
          "\"\(Inert.message(file))\" is listed twice; the first entry is used",
          de: "„\(Inert.message(file))“ ist zweimal aufgeführt; der erste Eintrag gilt")
        continue
      }
      out.append(s)
    }
    return out
  }
}

/// The text encodings an export may be in.
enum ImportEncoding: String, Sendable {
  case utf8 = "utf-8"
  case windows1252 = "windows-1252"
  case iso88591 = "iso-8859-1"

  init?(name: String) {
    switch String(name.lowercased().map { $0 == "_" ? "-" : $0 }) {
    case "utf-8", "utf8": self = .utf8
    case "windows-1252", "cp1252", "ansi": self = .windows1252
    case "iso-8859-1", "latin-1", "latin1", "iso8859-1": self = .iso88591
    default: return nil
    }
  }
}
