import ArgumentParser
import DigITCore
import DigITFeeds
import DigITMetrics

extension Digit {
  /// `digit import FILE --office ID [--dry-run] [--force]`: shows what an export would become and puts it
  /// into the office folder.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show what a tool's export would become in an office, and copy it into the office folder.",
      discussion: """
        Reads an OpenProject (CSV or API JSON), Redmine or Jira export, or federal OZG dashboard data, and \
        prints its kind, the rows it gives, the projects its project names map to, and the statuses and \
        projects it cannot map. Without --dry-run the file is copied into offices/ID/ with an imports: \
        entry in office.yaml; an existing file of that name is replaced only with --force. The kinds and \
        their defaults: Sources/DigITFeeds/DigITFeeds.docc/FeedFormat.md ("Exports of other tools"). \
        Exit status: 0; 1 when the file is no export, the office does not exist, or a file would be \
        overwritten; 2 when the data root cannot be used.
        """
    )

    @Argument(help: ArgumentHelp("The export file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The office (its folder name under offices/).", valueName: "id"))
    var office: String

    @Flag(name: .customLong("dry-run"), help: "Only show what the file would become; write nothing.")
    var dryRun = false

    @Flag(help: "Replace a file of the same name in the office folder.")
    var force = false

    @OptionGroup var data: DataOptions

    mutating func run() throws {
      let root = try data.root()
      let bytes: [UInt8]
      switch FileSystem.readFile(file) {
      case .failure(let e):
        printError("error: \(Inert.message(file)) \(e.description)")
        throw ExitCode(1)
      case .success(let b): bytes = b
      }
      let (result, choice) = try DataOptions.load(root: root, given: data.givenDay())
      guard let target = result.dataSet.offices.first(where: { $0.id == office }) else {
        let ids = result.dataSet.offices.map(\.id)
        printError("error: there is no office \"\(Inert.message(office))\"\(Nearest.hint(office, in: ids))")
        throw ExitCode(1)
      }
      let name = String(file.split(separator: "/").last ?? Substring(file))
      let preview: ImportPreview
      do {
        preview = try ExportImport.preview(
          bytes, name: name, office: target, city: result.dataSet.city, asOf: choice.day)
      } catch {
        printError("error: \(error.description)")
        throw ExitCode(1)
      }
      print(Self.text(preview, office: target), terminator: "")
      if dryRun { return }
      do {
        try ExportImport.install(bytes, name: name, kind: preview.kind, root: root, office: office, force: force)
      } catch {
        printError("error: \(error.description)")
        throw ExitCode(1)
      }
      print("Copied to offices/\(Inert.message(office))/\(Inert.message(name)) with an imports: entry in office.yaml.")
    }

    /// The preview as text (English, like `digit validate`).
    static func text(_ p: ImportPreview, office: Office) -> String {
      var out = "Kind: \(p.kind.toolName) (\(p.kind.rawValue))\n"
      if p.kind.isBacklog {
        out += "Rows: \(p.rowsRead) taken (\(p.open) open, \(p.closed) closed), \(p.rowsSkipped) skipped\n"
        var table = [["Project in the export", "Project", "Rows"]]
        for m in p.projects { table.append([Inert.message(m.tool), Inert.message(m.project), String(m.rows)]) }
        for u in p.unmappedProjects { table.append([Inert.message(u.tool), "(not mapped)", String(u.rows)]) }
        if table.count > 1 { out += TextTable(align: [.left, .left, .right]).render(table) }
        if !p.unknownStatuses.isEmpty {
          out +=
            "Unknown statuses: "
            + p.unknownStatuses.map { "\(Inert.message($0.status)) (\($0.rows))" }.joined(separator: ", ") + "\n"
        }
      } else {
        out +=
          "Rows: \(p.rowsRead) read, \(p.rowsSkipped) skipped; services online: \(p.open), not online: \(p.closed)\n"
      }
      for d in p.diagnostics { out += "  \(d)\n" }
      return out
    }
  }
}
