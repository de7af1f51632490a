import ArgumentParser
import DigITCore
import DigITFeeds
import DigITMetrics

/// `digit`: the DigIT Dashboard command.
@main
struct Digit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "digit",
    abstract: "DigIT Dashboard: the digitalization programme of a city administration at a glance.",
    discussion: """
      Reads the offices' data feeds (a data root; its format: \
      Sources/DigITFeeds/DigITFeeds.docc/FeedFormat.md). Without a subcommand, digit starts the dashboard \
      (`digit dash`) in a terminal and prints `digit summary` otherwise.
      """,
    version: "0.1.0",
    subcommands: [
      Dash.self, Summary.self, Export.self, Diff.self, History.self, Validate.self, Metrics.self, Generate.self,
      Import.self, Cache.self,
    ]
  )

  @OptionGroup var data: DataOptions

  @OptionGroup var dashboards: DashboardOptions
  @OptionGroup var language: LanguageOption

  /// Every command: a write over `ulimit -f` fails with `EFBIG` (and is cleaned up and reported)
  /// instead of ending the process with SIGXFSZ.
  static func main() {
    Signals.ignoreFileSizeLimit()
    main(nil)
  }

  mutating func run() throws {
    try Dash.run(data: data, dashboards: dashboards, language: language.lang)
  }
}
