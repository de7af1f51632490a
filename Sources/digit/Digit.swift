import ArgumentParser
import DigITFeeds
import DigITMetrics

/// `digit`: the DigIT Dashboard command.
@main
struct Digit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "digit",
    abstract: "DigIT Dashboard: the digitalization programme of a city administration at a glance.",
    discussion: """
      Reads the offices' data feeds (a data root, see the README's "Feed format"). Without a subcommand, \
      digit prints the summary (`digit summary`).
      """,
    version: "0.1.0",
    subcommands: [Summary.self, Validate.self, Metrics.self, Generate.self]
  )

  @OptionGroup var data: DataOptions

  mutating func run() throws {
    try Summary.run(data: data, format: .text, language: .de)
  }
}
