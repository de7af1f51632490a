import ArgumentParser
import DigITCore
import DigITFeeds
import DigITMetrics

extension Digit {
  /// `digit validate`: checks a data root and prints every problem.
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a data root and print every problem with file, line and column.",
      discussion: """
        Exit status: 0 when there are no errors (warnings and notes are fine), 1 when there are errors, \
        2 when the data root itself cannot be used or a system failure (too many open files, no memory, an \
        I/O error) stops the reading.
        """
    )

    @OptionGroup var data: DataOptions

    @Option(help: "Output format: text (one problem per line) or json (an array; the summary goes to stderr).")
    var format: OutputFormat = .text

    @Flag(help: "Also list per office how many rows were read and skipped.")
    var details = false

    mutating func run() throws {
      try Self.run(data: data, format: format, details: details)
    }

    static func run(data: DataOptions, format: OutputFormat, details: Bool) throws {
      let root = try data.root()
      let (result, choice) = try DataOptions.load(root: root, given: data.givenDay(), cache: data.cache())
      if choice.basis == .dataAsOf {
        printError(
          "Checked as of today (\(choice.today)); the data reach \(choice.day) (the Datenstand), which the other commands read as of."
        )
      }
      switch format {
      case .text:
        print(ValidationReport.text(result, details: details), terminator: "")
      case .json:
        print(ValidationReport.json(result))
        printError(ValidationReport.summary(result))
      }
      if result.errorCount > 0 { throw ExitCode(1) }
    }
  }
}

/// The text and JSON output of `digit validate`.
enum ValidationReport {
  static func text(_ r: LoadResult, details: Bool) -> String {
    var out = ""
    var current: String?? = .none
    let offices = Dictionary(uniqueKeysWithValues: r.dataSet.offices.map { ($0.id, $0) })
    for d in r.diagnostics {
      if current != .some(d.office) {
        current = .some(d.office)
        if let id = d.office {
          out += "\(Inert.message(id)) – \(Inert.message(offices[id]?.displayName ?? id))\n"
        } else {
          out += "City (city.yaml, index/, offices/)\n"
        }
      }
      out += "  \(d)\n"
    }
    if details {
      if !r.diagnostics.isEmpty { out += "\n" }
      out += table(r)
    }
    if !out.isEmpty { out += "\n" }
    return out + summary(r) + "\n"
  }

  static func summary(_ r: LoadResult) -> String {
    func n(_ k: Int, _ word: String) -> String { "\(k) \(word)\(k == 1 ? "" : "s")" }
    return "\(n(r.dataSet.offices.count, "office")), \(n(r.rowsRead, "row")) read, \(r.rowsSkipped) skipped, "
      + "\(n(r.errorCount, "error")), \(n(r.warningCount, "warning")), \(n(r.noteCount, "note")) "
      + "(as of \(r.asOf), \(r.files.count) files, \(byteCount(r.bytesRead)))"
  }

  /// A size in plain words, independent of the locale: `0 bytes`, `812 bytes`, `372 KB`, `1.4 MB`
  /// (binary units, as `ls -h` counts; Foundation's formatter said "Zero kB").
  static func byteCount(_ bytes: Int) -> String {
    let f = MetricFormatter(language: .en)
    if bytes < 1024 { return "\(bytes) byte\(bytes == 1 ? "" : "s")" }
    if bytes < 1024 * 1024 { return "\(f.number(Double(bytes) / 1024)) KB" }
    if bytes < 1024 * 1024 * 1024 { return "\(f.number(Double(bytes) / 1_048_576, decimals: 1)) MB" }
    return "\(f.number(Double(bytes) / 1_073_741_824, decimals: 1)) GB"
  }

  /// What was read per office.
  static func table(_ r: LoadResult) -> String {
    var rows: [[String]] = [
      ["Office", "Projects", "Milestones", "Backlog", "OZG rows", "KPI values", "Skipped", "Errors", "Warnings"]
    ]
    for o in r.dataSet.offices {
      let files = r.files.filter { $0.office == o.id }
      let diags = r.diagnostics.filter { $0.office == o.id }
      rows.append([
        Inert.message(o.displayName, limit: 40), "\(o.projects.count)", "\(o.milestones.count)", "\(o.backlog.count)",
        "\(o.ozg.count)", "\(o.kpis.count)", "\(files.reduce(0) { $0 + $1.rowsSkipped })",
        "\(diags.reduce(0) { $0 + ($1.severity == .error ? $1.occurrences : 0) })",
        "\(diags.reduce(0) { $0 + ($1.severity == .warning ? $1.occurrences : 0) })",
      ])
    }
    return TextTable(align: [.left] + Array(repeating: .right, count: rows[0].count - 1), header: false).render(rows)
  }

  static func json(_ r: LoadResult) -> String {
    JSON.array(r.diagnostics.map(\.json)).rendered()
  }
}
