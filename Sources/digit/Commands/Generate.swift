import ArgumentParser
import DigITCore
import DigITFeeds
import DigITMetrics

extension Digit {
  /// `digit generate`: writes a synthetic data root.
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a seeded, deterministic synthetic data root for tests and benchmarks.",
      discussion: "The same options always give the same files; `digit validate` reads them without errors."
    )

    @Option(help: ArgumentHelp("The folder to write (created if needed).", valueName: "dir"))
    var out: String

    @Option(help: "Number of offices.")
    var offices = 12
    @Option(help: "Projects per office.")
    var projects = 8
    @Option(help: "Backlog items per project.")
    var items = 60
    @Option(help: "OZG services per office.")
    var services = 6
    @Option(help: "Weeks of history.")
    var weeks = 104
    @Option(help: "Random seed.")
    var seed: UInt64 = 1
    @Flag(help: "Write the German Excel dialect (;, decimal comma, dd.MM.yyyy, BOM, CRLF).")
    var german = false
    @Option(help: ArgumentHelp("Last day of the history (default 2026-11-22).", valueName: "date"))
    var until: String?

    func validate() throws {
      for (name, value, range) in [
        ("--offices", offices, 1...100_000), ("--projects", projects, 1...10_000), ("--items", items, 0...1_000_000),
        ("--services", services, 0...10_000), ("--weeks", weeks, 1...1000),
      ] where !range.contains(value) {
        throw ValidationError("\(name) must be between \(range.lowerBound) and \(range.upperBound).")
      }
    }

    mutating func run() throws {
      var options = FeedGenerator.Options()
      options.offices = offices
      options.projects = projects
      options.items = items
      options.services = services
      options.weeks = weeks
      options.seed = seed
      options.german = german
      if var text = until {
        switch text.withUTF8({ ValueParser.date($0) }) {
        case .success(let d): options.until = d
        case .failure(let e): throw ValidationError("--until: " + ValueParser.message(e, value: text, style: .plain))
        }
      }
      let bytes: Int
      do {
        bytes = try FeedGenerator(options: options).write(to: out)
      } catch let e as FeedGenerator.WriteError {
        printError("error: \(e.description)")
        throw ExitCode(1)
      }
      print(
        "wrote \(out): \(offices) offices, \(offices * projects) projects, \(offices * projects * items) backlog items, \(offices * services * weeks) OZG rows, \(bytes) bytes"
      )
    }
  }
}
