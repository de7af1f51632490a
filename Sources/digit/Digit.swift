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
      Reads the offices' data feeds (a data root, see the README's "Feed format") and checks them. \
      Without a subcommand, digit validates the data root and prints what it read per office.
      """,
    version: "0.1.0",
    subcommands: [Validate.self, Generate.self]
  )

  @OptionGroup var data: DataOptions

  mutating func run() throws {
    try Validate.run(data: data, format: .text, details: true)
  }
}
