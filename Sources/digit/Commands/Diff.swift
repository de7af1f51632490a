import ArgumentParser
import DigITCore
import DigITMetrics
import DigITSnapshot

extension Digit {
  /// `digit diff`: what changed between two stored snapshots.
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print what changed between two stored snapshots (text or JSON).",
      discussion: """
        Compares <out>/WEEK_A/snapshot.json with <out>/WEEK_B/snapshot.json: new, finished, newly red and \
        no longer reported projects, RAG transitions, and every city and office metric that changed. JSON \
        has the layout of the `changes` member of snapshot.json. Exit status: 0, or 1 when a snapshot is \
        missing or unreadable.
        """
    )

    @Argument(help: ArgumentHelp("The earlier week, e.g. 2026-W46.", valueName: "week-a"))
    var weekA: String

    @Argument(help: ArgumentHelp("The later week, e.g. 2026-W47.", valueName: "week-b"))
    var weekB: String

    @Option(help: ArgumentHelp("The snapshot folder.", valueName: "dir"))
    var out: String = "Snapshots"

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var language: LanguageOption

    func validate() throws {
      _ = try Export.parseWeek(weekA, option: "week-a")
      _ = try Export.parseWeek(weekB, option: "week-b")
    }

    mutating func run() throws {
      let store = SnapshotStore(folder: out)
      var states: [SnapshotState] = []
      var catalog = MetricCatalog.standard(for: City(name: ""))
      for text in [weekA, weekB] {
        let week = try Export.parseWeek(text, option: "week")
        guard store.contains(week) else {
          let stored = store.weeks().map(\.week.description)
          printError("error: there is no snapshot \(week) in \(out)" + (stored.isEmpty ? " (it holds none)" : " (stored: \(stored.prefix(8).joined(separator: ", "))\(stored.count > 8 ? ", …" : ""))"))
          throw ExitCode(1)
        }
        do {
          let json = try store.load(week)
          states.append(try store.state(week, from: json))
          catalog = SnapshotState.catalog(snapshot: json)
        } catch {
          printError("error: \(error)")
          throw ExitCode(1)
        }
      }
      if states[0].cityName != states[1].cityName {
        printError("error: \(weekA) is a snapshot of \(Inert.text(states[0].cityName)), \(weekB) of \(Inert.text(states[1].cityName))")
        throw ExitCode(1)
      }
      let changes = SnapshotChanges.between(states[0], states[1])
      switch format {
      case .text: print(changes.text(language: language.lang, catalog: catalog), terminator: "")
      case .json: print(changes.json.rendered())
      }
    }
  }
}
