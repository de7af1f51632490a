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

    /// The language of the text output and of the summary (JSON keeps its English `message`).
    @OptionGroup var language: LanguageOption

    mutating func run() throws {
      try Self.run(data: data, format: format, details: details, language: language.lang)
    }

    static func run(data: DataOptions, format: OutputFormat, details: Bool, language: Language = .de) throws {
      let root = try data.root()
      let (result, choice) = try DataOptions.load(root: root, given: data.givenDay(), cache: data.cache())
      if choice.basis == .dataAsOf {
        let f = MetricFormatter(language: language)
        printError(Words.validateCheckedToday(language, f.date(choice.today), f.date(choice.day)))
      }
      switch format {
      case .text:
        print(ValidationReport.text(result, details: details, language: language), terminator: "")
      case .json:
        print(ValidationReport.json(result))
        printError(ValidationReport.summary(result, language: language))
      }
      if result.errorCount > 0 { throw ExitCode(1) }
    }
  }
}

/// The text and JSON output of `digit validate`.
enum ValidationReport {
  static func text(_ r: LoadResult, details: Bool, language: Language = .en) -> String {
    var out = ""
    var current: String?? = .none
    let offices = Dictionary(uniqueKeysWithValues: r.dataSet.offices.map { ($0.id, $0) })
    for d in r.diagnostics {
      if current != .some(d.office) {
        current = .some(d.office)
        if let id = d.office {
          out += "\(Inert.message(id)) – \(Inert.message(offices[id]?.displayName ?? id))\n"
        } else {
          out += "\(Words.cityFiles(language))\n"
        }
      }
      out += "  \(d.description(language))\n"
    }
    if details {
      if !r.diagnostics.isEmpty { out += "\n" }
      out += table(r, language: language)
    }
    if !out.isEmpty { out += "\n" }
    return out + summary(r, language: language) + "\n"
  }

  /// `15 offices, 9022 rows read, 0 skipped, 0 errors, 1 warning, 0 notes (as of 2026-11-23, 83 files, 639 KB)`
  /// (German: `15 Ämter, 9022 Zeilen gelesen, 0 übersprungen, 0 Fehler, 1 Warnung, 0 Hinweise (Stand 23.11.2026,
  /// 83 Dateien, 639 KB)`).
  static func summary(_ r: LoadResult, language l: Language = .en) -> String {
    Words.validateSummary(
      l, Words.count(r.dataSet.offices.count, .officeOne, .officeMany, l),
      Words.count(r.rowsRead, .rowOne, .rowMany, l),
      "\(r.rowsSkipped)", Words.count(r.errorCount, .error, .errors, l),
      Words.count(r.warningCount, .warning, .warnings, l), Words.count(r.noteCount, .noteOne, .noteMany, l),
      MetricFormatter(language: l).date(r.asOf), "\(r.files.count) \(Words.files(l))",
      byteCount(r.bytesRead, language: l))
  }

  /// A size in plain words, independent of the locale: `0 bytes`, `812 bytes`, `372 KB`, `1.4 MB`
  /// (binary units, as `ls -h` counts; Foundation's formatter said "Zero kB").
  static func byteCount(_ bytes: Int, language: Language = .en) -> String {
    let f = MetricFormatter(language: language)
    if bytes < 1024 { return Words.count(bytes, .byteOne, .byteMany, language) }
    if bytes < 1024 * 1024 { return "\(f.number(Double(bytes) / 1024)) KB" }
    if bytes < 1024 * 1024 * 1024 { return "\(f.number(Double(bytes) / 1_048_576, decimals: 1)) MB" }
    return "\(f.number(Double(bytes) / 1_073_741_824, decimals: 1)) GB"
  }

  /// What was read per office.
  static func table(_ r: LoadResult, language: Language = .en) -> String {
    var rows: [[String]] = [
      [
        Words.office, .projects, .milestones, .colBacklog, .colOZGRows, .colKPIValues, .colSkipped, .colErrors,
        .colWarnings,
      ].map { $0(language) }
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
