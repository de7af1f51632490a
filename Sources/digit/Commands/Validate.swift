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
      let (result, choice) = try DataOptions.load(root: root, given: data.givenDay())
      if choice.basis == .dataAsOf {
        let f = MetricFormatter(language: language)
        printError(
          language == .de
            ? "Geprüft zum heutigen Tag (\(f.date(choice.today))); die Daten reichen bis \(f.date(choice.day)) (Datenstand), zu dem die anderen Befehle auswerten."
            : "Checked as of today (\(choice.today)); the data reach \(choice.day) (the Datenstand), which the other commands read as of."
        )
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

  static func summary(_ r: LoadResult, language: Language = .en) -> String {
    if language == .de { return Words.validationSummary(r) }
    func n(_ k: Int, _ word: String) -> String { "\(k) \(word)\(k == 1 ? "" : "s")" }
    return "\(n(r.dataSet.offices.count, "office")), \(n(r.rowsRead, "row")) read, \(r.rowsSkipped) skipped, "
      + "\(n(r.errorCount, "error")), \(n(r.warningCount, "warning")), \(n(r.noteCount, "note")) "
      + "(as of \(r.asOf), \(r.files.count) files, \(byteCount(r.bytesRead)))"
  }

  /// A size in plain words, independent of the locale: `0 bytes`, `812 bytes`, `372 KB`, `1.4 MB`
  /// (binary units, as `ls -h` counts; Foundation's formatter said "Zero kB").
  static func byteCount(_ bytes: Int, language: Language = .en) -> String {
    let f = MetricFormatter(language: language)
    if bytes < 1024 {
      return language == .de ? "\(bytes) Byte" : "\(bytes) byte\(bytes == 1 ? "" : "s")"
    }
    if bytes < 1024 * 1024 { return "\(f.number(Double(bytes) / 1024)) KB" }
    if bytes < 1024 * 1024 * 1024 { return "\(f.number(Double(bytes) / 1_048_576, decimals: 1)) MB" }
    return "\(f.number(Double(bytes) / 1_073_741_824, decimals: 1)) GB"
  }

  /// What was read per office.
  static func table(_ r: LoadResult, language: Language = .en) -> String {
    var rows: [[String]] = [
      language == .de
        ? [
          "Amt", "Projekte", "Meilensteine", "Backlog", "OZG-Zeilen", "KPI-Werte", "Übersprungen", "Fehler",
          "Warnungen",
        ]
        : ["Office", "Projects", "Milestones", "Backlog", "OZG rows", "KPI values", "Skipped", "Errors", "Warnings"]
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

extension Words {
  /// The last line of `digit validate` in German: `14 Ämter, 2.345 Zeilen gelesen, 3 übersprungen, 1 Fehler,
  /// 2 Warnungen, 0 Hinweise (Stand 23.11.2026, 73 Dateien, 1,4 MB)`.
  static func validationSummary(_ r: LoadResult) -> String {
    let l = Language.de
    let f = MetricFormatter(language: l)
    func n(_ k: Int) -> String { f.number(Double(k)) }
    let offices = r.dataSet.offices.count
    let counts = [Diagnostic.Severity.error, .warning, .note].map { s -> String in
      let k = s == .error ? r.errorCount : s == .warning ? r.warningCount : r.noteCount
      return "\(n(k)) \(s.words(k, l))"
    }
    return
      "\(n(offices)) \(offices == 1 ? Words.office(l) : Words.offices(l)), \(n(r.rowsRead)) Zeile\(r.rowsRead == 1 ? "" : "n") gelesen, "
      + "\(n(r.rowsSkipped)) \(Words.rowsSkipped(l)), \(counts.joined(separator: ", ")) "
      + "(\(Words.asOf(l)) \(f.date(r.asOf)), \(n(r.files.count)) \(r.files.count == 1 ? Words.file(l) : Words.files(l)), "
      + "\(ValidationReport.byteCount(r.bytesRead, language: l)))"
  }
}
