import ArgumentParser
import DigITCore
import DigITFeeds
import DigITSnapshot

extension Digit {
  /// `digit history`: the weeks recorded in `<out>/history.sqlite`, and rebuilding it.
  struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the weeks recorded in the history database (<out>/history.sqlite), or rebuild it.",
      discussion: """
        Every `digit export` (and the dashboard's e) records its week in <out>/history.sqlite, an SQLite \
        database for sqlite3, DuckDB or a spreadsheet's database connection (tables and example queries: \
        Sources/DigITSnapshot/DigITSnapshot.docc/HistoryDatabase.md). The week folders stay the record: `digit history \
        rebuild` makes the database again from their snapshot.json files. A missing, older or damaged \
        database is rebuilt with a message. `digit history [--out DIR] [--format text|json]` lists the \
        weeks (list is the default subcommand).
        """,
      subcommands: [List.self, Rebuild.self],
      defaultSubcommand: List.self
    )

    /// Says on stderr what recording a week did (notes) or why it failed (a warning; the export
    /// itself succeeded).
    static func report(_ history: Result<DigITSnapshot.History.Outcome, HistoryError>?, folder: String) {
      switch history {
      case nil: break
      case .success(let outcome): for note in outcome.notes { printError("note: \(Inert.message(note, limit: 2000))") }
      case .failure(let error):
        let folder = Inert.text(folder)
        printError(
          "warning: the week is written, but \(folder)/\(DigITSnapshot.History.fileName) was not updated: \(Inert.message(error.description, limit: 2000)). `digit history rebuild --out \(folder)` makes it again from the week folders."
        )
      }
    }

    /// `digit history [list]`: the recorded weeks.
    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the recorded weeks: week, as-of day, Datenstand, offices, projects, red projects, export time.")

      @OptionGroup var folder: SnapshotFolderOption

      @Option(help: "Output format: text or json.")
      var format: OutputFormat = .text

      mutating func run() throws {
        let history = DigITSnapshot.History(store: SnapshotStore(folder: folder.out))
        let weeks: [DigITSnapshot.History.Week]
        do throws(HistoryError) {
          weeks = try Self.weeks(history)
        } catch {
          printError("error: \(Inert.message(error.description, limit: 2000))")
          throw ExitCode(1)
        }
        switch format {
        case .json:
          print(
            JSON.array(
              weeks.map { w in
                .object([
                  ("as_of", .string(w.asOf)), ("data_as_of", w.dataAsOf.map(JSON.string) ?? .null),
                  ("exported_at", w.exportedAt.map(JSON.string) ?? .null),
                  ("offices", .int(w.offices)), ("projects", .int(w.projects)), ("red_projects", .int(w.redProjects)),
                  ("week", .string(w.week)),
                ])
              }
            ).rendered())
        case .text:
          guard !weeks.isEmpty else {
            print("No weeks are recorded in \(Inert.text(history.path)) (`digit export` records them).")
            return
          }
          let rows =
            [["week", "as of", "data as of", "offices", "projects", "red", "exported"]]
            + weeks.map { w in
              [
                w.week, w.asOf, w.dataAsOf ?? "–", "\(w.offices)", "\(w.projects)", "\(w.redProjects)",
                w.exportedAt ?? "–",
              ]
            }
          print(TextTable(align: [.left, .left, .left, .right, .right, .right, .left]).render(rows), terminator: "")
        }
      }

      /// The recorded weeks; a database that is missing while weeks are stored, older or damaged is made
      /// again first (with a note).
      static func weeks(_ history: DigITSnapshot.History) throws(HistoryError) -> [DigITSnapshot.History.Week] {
        var weeks: [DigITSnapshot.History.Week] = []
        do throws(HistoryError) {
          weeks = try history.weeks()
          let stored = history.store.weeks().filter(\.hasJSON)
          guard weeks.isEmpty && !stored.isEmpty else { return weeks }
          printError(
            "note: \(Inert.message(history.path, limit: 2000)) is missing or empty while \(stored.count) week\(stored.count == 1 ? " is" : "s are") stored; rebuilding it"
          )
        } catch {
          guard error.kind == .corrupt || error.kind == .olderSchema else { throw error }
          printError("note: \(Inert.message(error.description, limit: 2000)); rebuilding it from the week folders")
        }
        let outcome = try history.rebuild()
        for note in outcome.notes { printError("note: \(Inert.message(note, limit: 2000))") }
        return try history.weeks()
      }
    }

    /// `digit history rebuild`: the database again from the week folders.
    struct Rebuild: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Make history.sqlite again from the snapshot.json of every stored week.",
        discussion: """
          Weeks without snapshot.json (exported without the json format) are left out; one whose \
          snapshot.json cannot be read is left out with a warning (the other weeks are recorded). The new \
          database replaces the old one in one step. The folder must exist (it holds the stored weeks) and \
          must not lie inside a data root (as for `digit export --out`). Exit status: 0, also when a week \
          is left out with a warning; 1 when the folder does not exist, lies inside a data root, or the \
          database cannot be written.
          """)

      @OptionGroup var folder: SnapshotFolderOption

      /// The nearest folder at or above `path` that is a data root (it has `city.yaml` or `offices/`).
      static func dataRoot(around path: String) -> String? {
        guard var dir = FileSystem.resolve(path) else { return nil }
        while true {
          if FileSystem.kind(join(dir, "city.yaml")) == .file || FileSystem.kind(join(dir, "offices")) == .directory {
            return dir
          }
          guard let slash = dir.lastIndex(of: "/"), dir != "/" else { return nil }
          dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
      }

      mutating func run() throws {
        let out = folder.out
        switch FileSystem.kind(out) {
        case .directory: break
        case .missing:
          printError(
            "error: the snapshot folder \(Inert.message(out, limit: 120)) does not exist; `digit history rebuild` makes the database from the weeks stored in it (check the name, or export a week first)"
          )
          throw ExitCode(1)
        case .file, .other:
          printError("error: \(Inert.message(out, limit: 120)) is not a folder")
          throw ExitCode(1)
        }
        if let root = Self.dataRoot(around: out) {
          try DataOptions.checkOutside(root: root, folder: out, option: "--out")
        }
        let history = DigITSnapshot.History(store: SnapshotStore(folder: out))
        do throws(HistoryError) {
          let outcome = try history.rebuild()
          // A week left out is a warning: the database lacks it until its snapshot.json is repaired.
          for note in outcome.notes { printError("warning: \(Inert.message(note, limit: 2000))") }
          let n = outcome.recorded.count
          print(
            "Rebuilt \(Inert.text(history.path)) from \(n) stored week\(n == 1 ? "" : "s")\(n == 0 ? "" : " (\(outcome.recorded.first!) … \(outcome.recorded.last!))")."
          )
        } catch {
          printError("error: \(Inert.message(error.description, limit: 2000))")
          throw ExitCode(1)
        }
      }
    }
  }
}
