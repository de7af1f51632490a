import DigITCore
import DigITMetrics

/// What an export file would become in an office (`digit import FILE --office ID --dry-run`), and how
/// it is put into the office folder (`digit import` without `--dry-run`).
public struct ImportPreview: Sendable {
  /// The kind the file was recognised as.
  public var kind: ImportKind
  /// Rows taken and rows skipped (with a diagnostic each, or left out by type).
  public var rowsRead = 0, rowsSkipped = 0
  /// Of the rows taken: open and closed items (backlog kinds), or services whose status was set.
  public var open = 0, closed = 0
  /// The tool's project values that matched, with the project id and the rows taken.
  public var projects: [(tool: String, project: String, rows: Int)] = []
  /// The tool's project values that matched no project, with their rows.
  public var unmappedProjects: [(tool: String, rows: Int)] = []
  /// Status values not known, with their rows.
  public var unknownStatuses: [(status: String, rows: Int)] = []
  /// Every diagnostic, as the loader would give it.
  public var diagnostics: [Diagnostic] = []
}

/// Why `digit import` cannot go on.
public struct ImportError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public var german: String
}

/// Previews an export against an office of a loaded data root and copies it into the office folder.
public enum ExportImport {
  /// What `bytes` (the file `name`) would become in `office` of `data`.
  public static func preview(
    _ bytes: [UInt8], name: String, office: Office, city: City, asOf: Day
  ) throws(ImportError) -> ImportPreview {
    var raw = bytes
    let path = "offices/\(office.id)/\(name)"
    let shown = Inert.message(name)
    var sink = DiagnosticSink(office: office.id, file: path)
    guard let export = OfficeLoader.recognise(&raw, name: name, settings: ImportSettings(file: name), sink: &sink)
    else {
      let why = sink.diagnostics.first.map { ": \($0.message)" } ?? ""
      throw ImportError(
        description:
          "\(shown) is not an export this tool can read (OpenProject CSV or API JSON, Redmine CSV, Jira CSV, federal OZG data)\(why)",
        german:
          "\(shown) ist kein lesbarer Export (OpenProject-CSV oder API-JSON, Redmine-CSV, Jira-CSV, OZG-Bundesdaten)\(why)"
      )
    }
    var copy = office
    var preview = ImportPreview(kind: export.kind)
    if export.kind.isBacklog {
      var importer = BacklogImport(
        kind: export.kind, settings: ImportSettings(file: name, kind: export.kind), file: path, office: office.id,
        asOf: asOf, matcher: ProjectMatcher(projects: office.projects, mapping: [:]))
      importer.sink = sink
      var ids = BacklogIDs()
      for item in office.backlog { _ = ids.insert(office.text(item.id), file: "the office's backlog", line: nil) }
      if let reader = export.csv {
        importer.readCSV(reader, office: &copy, ids: &ids)
      } else if let json = export.json {
        importer.readOpenProjectJSON(json, office: &copy, ids: &ids)
      }
      preview.open = importer.open
      preview.closed = importer.closedCount
      preview.projects = importer.mappedProjects.map { ($0.key, office.projects[$0.value.project].id, $0.value.rows) }
        .sorted { $0.tool < $1.tool }
      preview.unmappedProjects = importer.unmappedProjects.map { ($0.key, $0.value) }.sorted { $0.tool < $1.tool }
      preview.unknownStatuses = importer.unknownStatuses.map { ($0.key, $0.value) }.sorted { $0.status < $1.status }
      let (stats, diagnostics) = importer.finish()
      preview.rowsRead = stats.rowsRead
      preview.rowsSkipped = stats.rowsSkipped
      preview.diagnostics = diagnostics
    } else {
      var importer = FederalOZGImport(ars: city.ars, file: path, office: office.id, services: office.services)
      importer.sink = sink
      if let reader = export.csv {
        importer.readCSV(reader, office: &copy)
      } else if let json = export.json {
        importer.readJSON(json, office: &copy)
      }
      preview.open = copy.services.filter { $0.federalOnline == true }.count
      preview.closed = copy.services.filter { $0.federalOnline == false }.count
      let (stats, diagnostics) = importer.finish()
      preview.rowsRead = stats.rowsRead
      preview.rowsSkipped = stats.rowsSkipped
      preview.diagnostics = diagnostics
    }
    return preview
  }

  /// Copies `bytes` into the office folder as `name` and adds an `imports:` entry for it to
  /// `office.yaml` (unless it has one). A file of that name is replaced only with `force`; a feed
  /// file's own name (backlog.csv …) is never taken.
  public static func install(
    _ bytes: [UInt8], name: String, kind: ImportKind, root: String, office: String, force: Bool
  ) throws(ImportError) {
    let shown = Inert.message(name)
    let plain = !name.unicodeScalars.contains {
      $0.value < 0x20 || $0 == "\"" || $0 == "\\" || $0 == "/" || $0.value == 0x7F
    }
    guard OfficeLoader.mayBeExport(name), plain, Inert.message(name) == name else {
      throw ImportError(
        description:
          "\(shown) cannot be the name of an export: it must end in .csv or .json, be plain text and not be a feed file's name",
        german:
          "\(shown) taugt nicht als Name eines Exports: er muss auf .csv oder .json enden, schlichter Text und kein Feed-Dateiname sein"
      )
    }
    let folder = join(join(root, "offices"), office)
    guard FileSystem.kind(folder) == .directory else {
      throw ImportError(
        description: "there is no office folder offices/\(Inert.message(office)) in \(Inert.message(root))",
        german: "es gibt keinen Amtsordner offices/\(Inert.message(office)) in \(Inert.message(root))")
    }
    let target = join(folder, name)
    if FileSystem.kind(target) != .missing && !force {
      throw ImportError(
        description: "offices/\(office)/\(shown) exists already; pass --force to replace it",
        german: "offices/\(office)/\(shown) gibt es schon; mit --force wird sie ersetzt")
    }
    let yamlPath = join(folder, "office.yaml")
    var yaml = ""
    if case .success(let b) = FileSystem.readFile(yamlPath) { yaml = String(decoding: b, as: UTF8.self) }
    // Quoted, so that no file name can be read as YAML syntax (the name has no quote or backslash).
    let entry = "  - file: \"\(name)\"\n    kind: \(kind.rawValue)\n"
    var newYAML: String? = nil
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
    let listed = lines.contains { $0.hasPrefix("  - file: \(name)") || $0.hasPrefix("  - file: \"\(name)\"") }
    if !listed {
      if let k = lines.firstIndex(where: { $0.hasPrefix("imports:") }) {
        guard lines[k].trimmingCharacters() == "imports:" else {
          throw ImportError(
            description: "office.yaml writes imports: in a form this command does not edit; add the entry by hand",
            german:
              "office.yaml schreibt imports: in einer Form, die dieser Befehl nicht bearbeitet; bitte von Hand eintragen"
          )
        }
        var out = lines[...k].joined(separator: "\n") + "\n" + entry
        out += lines[(k + 1)...].joined(separator: "\n")
        newYAML = out
      } else {
        newYAML = yaml + (yaml.isEmpty || yaml.hasSuffix("\n") ? "" : "\n") + "imports:\n" + entry
      }
    }
    do {
      _ = try writeFile(target, bytes)
      if let newYAML { _ = try writeFile(yamlPath, Array(newYAML.utf8)) }
    } catch {
      throw ImportError(description: "\(error)", german: "\(error)")
    }
  }
}

extension Substring {
  fileprivate func trimmingCharacters() -> String {
    var s = self
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
    return String(s)
  }
}
