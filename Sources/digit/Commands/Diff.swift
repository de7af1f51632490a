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
        Compares <out>/WEEK_A/snapshot.json with <out>/WEEK_B/snapshot.json. The text leads with the \
        briefing (offices with missing or stale data, newly red and no-longer-red projects with the reason, \
        other RAG transitions, new and finished projects, milestones due, KPI targets newly met or missed, \
        the offices that moved most; against four weeks before where that week is stored), then the \
        metrics that changed (the city's, and each office's headline figures); an office whose data differs \
        between the two weeks (missing in one, other missing files, stale) is named before the city's figures, \
        which then do not compare the same offices (JSON: office_data_changes); `--all` prints every project \
        list and every metric change instead. Without weeks: the two latest stored weeks; with one week: that week against the stored week \
        before it; two weeks given the wrong way round are compared earlier against later (a note on stderr \
        says so), the same week twice is a usage error. JSON has the layout of the `changes` member of snapshot.json. Exit status: 0; 1 when \
        a snapshot is missing or unreadable; 64 for the same week twice.
        """
    )

    @Argument(
      help: ArgumentHelp(
        "The earlier week, e.g. 2026-W46 (default: the stored week before week-b).", valueName: "week-a"))
    var weekA: String?

    @Argument(
      help: ArgumentHelp("The later week, e.g. 2026-W47 (default: the latest stored week).", valueName: "week-b"))
    var weekB: String?

    @OptionGroup var folder: SnapshotFolderOption

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Print every project list and every metric change (the full change list) instead of the briefing.")
    var all = false

    @OptionGroup var language: LanguageOption

    func validate() throws {
      let a = try weekA.map { try Export.parseWeek($0, option: "week-a") }
      let b = try weekB.map { try Export.parseWeek($0, option: "week-b") }
      if let a, let b, a == b {
        throw ValidationError("week-a and week-b are the same week (\(a)); name two different weeks to compare")
      }
    }

    /// The two weeks compared: both given; one given (that week and the stored week with a
    /// `snapshot.json` before it); none (the two latest stored weeks with a `snapshot.json`).
    func weeks(_ store: SnapshotStore) throws -> (ISOWeek, ISOWeek) {
      let out = folder.out
      switch (weekA, weekB) {
      case (let a?, let b?):
        let (first, second) = (try Export.parseWeek(a, option: "week-a"), try Export.parseWeek(b, option: "week-b"))
        // Given the wrong way round: the earlier week is still compared against the later one, and said so.
        guard second < first else { return (first, second) }
        printError("note: \(first) is later than \(second); comparing \(second) (earlier) with \(first) (later)")
        return (second, first)
      case (let one?, nil), (nil, let one?):
        let week = try Export.parseWeek(one, option: "week")
        guard let before = store.weeks().first(where: { $0.hasJSON && $0.week < week })?.week else {
          printError("error: there is no stored week with a snapshot.json before \(week) in \(out) to compare it with")
          throw ExitCode(1)
        }
        return (before, week)
      case (nil, nil):
        let stored = store.weeks().filter(\.hasJSON)
        guard stored.count >= 2 else {
          printError(
            "error: \(out) holds \(stored.count == 0 ? "no stored week" : "only one stored week (\(stored[0].week))") with a snapshot.json; `digit diff` compares two (export another week, or name the weeks)"
          )
          throw ExitCode(1)
        }
        return (stored[1].week, stored[0].week)
      }
    }

    mutating func run() throws {
      let out = folder.out
      let store = SnapshotStore(folder: out)
      let (weekA, weekB) = try weeks(store)
      var states: [SnapshotState] = []
      var catalog = MetricCatalog.standard(for: City(name: ""))
      for week in [weekA, weekB] {
        guard store.contains(week) else {
          let stored = store.weeks().map(\.week.description)
          printError(
            "error: there is no snapshot \(week) in \(out)"
              + (stored.isEmpty
                ? " (it holds none)"
                : " (stored: \(stored.prefix(8).joined(separator: ", "))\(stored.count > 8 ? ", …" : ""))"))
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
        printError(
          "error: \(weekA) is a snapshot of \(Inert.message(states[0].cityName)), \(weekB) of \(Inert.message(states[1].cityName))"
        )
        throw ExitCode(1)
      }
      let changes = SnapshotChanges.between(states[0], states[1])
      switch format {
      case .text where all: print(changes.text(language: language.lang, catalog: catalog), terminator: "")
      case .text:
        // Four weeks before the later week, where that week is stored (a damaged one is left out).
        let four = weekB.adding(weeks: -4)
        let fourState =
          store.contains(four) ? (try? store.load(four)).flatMap { try? store.state(four, from: $0) } : nil
        let briefing = Briefing(now: states[1], before: states[0], fourWeeks: fourState)
        print(
          briefing.text(language: language.lang, catalog: catalog)
            + changes.changedMetricsText(language: language.lang, catalog: catalog), terminator: "")
      case .json: print(changes.json.rendered())
      }
    }
  }
}
