import ArgumentParser
import CDigITSystem
import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot

extension Language: ExpressibleByArgument {}

extension Digit {
  /// `digit summary`: the non-interactive view for pipes, cron and email.
  struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the headline figures and one row per office (text or JSON).",
      discussion: """
        Text is German by default (--lang en for English) and fits 100 columns. JSON has sorted keys, \
        numbers as numbers and null for a missing value; its fields: \
        Sources/DigITSnapshot/DigITSnapshot.docc/SnapshotFiles.md. Feed problems \
        are counted in the output and listed by `digit validate`. On unchanged feeds with the same options \
        (and day), the output of the last run is written again from the cache (`digit cache`). Exit status: 0, or 2 when the data root \
        cannot be used or a system failure (too many open files, no memory, an I/O error) stops the reading.
        """
    )

    @OptionGroup var data: DataOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var language: LanguageOption

    mutating func run() throws {
      try Self.run(data: data, format: format, language: language.lang)
    }

    static func run(data: DataOptions, format: OutputFormat, language: Language) throws {
      // A run that ends as soon as it has printed: the memory it frees is kept for its own next
      // allocations (see `digit_keep_freed_memory`; the large root's cold summary 1.01 → 0.94 s).
      digit_keep_freed_memory()
      let root = try data.root()
      let given = try data.givenDay()
      let today = Day.today()
      // The result cache: the output of an earlier run with the same words on the same files, if any.
      // Everything the output depends on is in the key: without --as-of, the day is chosen from today.
      let results = data.resultCache()
      var key: ResultCache.Key? = nil
      if let results {
        do {
          try FileSystem.checkDescriptors()  // as when reading: a system failure stops the command
        } catch {
          printError(DataOptions.systemFailure(error))
          throw ExitCode(2)
        }
        key = results.key(
          root: root,
          words: ["summary", "format=\(format.rawValue)", "lang=\(language.rawValue)"]
            + DataOptions.asOfWords(given: given, today: today))
        if let key, results.write(key, to: 1) { exitNow(0) }
      }
      // Backlog ids and titles are not part of the summary (with a cache they are kept for its entries).
      let (result, choice) = try DataOptions.load(
        root: root, given: given, today: today, cache: data.cache(), listing: key?.listing, backlogTexts: false)
      // The week before is compared only for the city and the offices here.
      var aggregator = Aggregator(result.dataSet)
      aggregator.previousDetail = false
      let report = aggregator.report(asOf: choice.day)
      let output: [UInt8]
      switch format {
      case .text:
        output = Array(
          SummaryText(report: report, load: result, root: root, language: language, choice: choice).render().utf8)
      case .json:
        let document = SummaryJSON.document(report, load: result, language: language)
        guard results != nil else {
          // No result cache to fill: the document goes out in pieces and is never whole in memory
          // (22 MB on the large benchmark root, besides its rendered parts).
          writeOutput(document)
          exitNow(0)
        }
        output = SummaryJSON.render(document)
      }
      writeOutput(output)
      if let results, let key { results.store(output, for: key) }
      // Done: leave without freeing millions of rows one by one (measured: about 0.15 s on the large
      // benchmark root); the operating system takes the memory back at once.
      exitNow(0)
    }
  }
}

/// The JSON of `digit summary --format json`.
enum SummaryJSON {
  /// The rendered document and its final line break.
  static func render(_ document: JSON) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(1 << 20)
    document.render(into: &out)
    out.append(UInt8(ascii: "\n"))
    return out
  }

  /// The document, its projects and services already rendered (as fragments): per office on all cores
  /// (10,000 projects of the large benchmark root take about a second on one).
  static func document(_ report: Report, load: LoadResult, language: Language) -> JSON {
    let data = report.data
    let projects = JSON.parallelArray(data.offices.count) { o in
      data.offices[o].projects.indices.map { p in
        let project = data.offices[o].projects[p]
        return JSON.object([
          ("id", .string(project.id)), ("metrics", report.scalarsJSON(at: .project(o, p))),
          ("office", .string(data.offices[o].id)),
          ("rag_reasons", report.reasonsJSON(at: .project(o, p), language: language)),
          ("status", .string(project.status.rawValue)), ("title", .string(project.title)),
        ])
      }
    }
    let services = JSON.parallelArray(data.offices.count) { o in
      data.offices[o].services.indices.map { s in
        JSON.object([
          ("id", .string(data.offices[o].services[s].id)), ("metrics", report.scalarsJSON(at: .service(o, s))),
          ("name", .string(data.offices[o].services[s].name)), ("office", .string(data.offices[o].id)),
        ])
      }
    }
    let offices: [JSON] = data.offices.enumerated().map { o, office in
      .object([
        ("changes", report.changesJSON(at: .office(o))), ("data", report.dataJSON(office: o)),
        ("id", .string(office.id)),
        ("metrics", report.scalarsJSON(at: .office(o))), ("name", .string(office.displayName)),
      ])
    }
    let document = JSON.object([
      ("as_of", .string(report.asOf.description)),
      ("city", report.scalarsJSON(at: .city)),
      ("city_changes", report.changesJSON(at: .city)),
      ("data_as_of", report.dataAsOf.map { .string($0.description) } ?? .null),
      (
        "diagnostics",
        .object([
          ("errors", .int(load.errorCount)), ("rows_skipped", .int(load.rowsSkipped)),
          ("warnings", .int(load.warningCount)),
        ])
      ),
      ("offices", .array(offices)),
      ("projects", .fragment(projects)),
      ("services", .fragment(services)),
      ("week", .string(report.week.description)),
    ])
    return document
  }
}

/// The text of `digit summary`: headline figures with week-over-week changes, the city's KPIs, and one
/// row per office. At most 100 columns wide.
struct SummaryText {
  let report: Report
  let load: LoadResult
  let root: String
  let language: Language
  /// How the as-of day was chosen (the headline says so).
  var choice: AsOfChoice? = nil
  static let width = 100

  var f: MetricFormatter { MetricFormatter(language: language) }

  /// "Stand 22.11.2026 · Datenstand · heute 07.12.2026" (how the day was chosen), or "Stand 23.11.2026".
  var asOfLabel: String {
    (choice ?? AsOfChoice(day: report.asOf, basis: .given, today: report.asOf)).label(language)
  }

  func render() -> String {
    let city = Inert.message(report.data.city.name, limit: 40)
    let l = language
    var out = Words.summaryTitle(l, city, f.week(report.week), asOfLabel) + "\n"
    let offices = report.data.offices.count
    let e = load.errorCount
    let w = load.warningCount
    let skipped = load.rowsSkipped
    // The end of a long path says more than its start.
    var shownRoot = Inert.message(root, limit: 1000)
    if shownRoot.count > 40 { shownRoot = "…" + shownRoot.suffix(39) }
    out +=
      Words.summaryData(
        l, shownRoot, Words.count(offices, .officeOne, .officeMany, l), Words.count(e, .error, .errors, l),
        Words.count(w, .warning, .warnings, l)) + "\n"
    if e > 0 || skipped > 0 { out += Words.rowsSkippedHint(l, Words.count(skipped, .rowOne, .rowMany, l)) + "\n" }
    out += "\n"

    // Headline figures
    var rows: [[String]] = [
      [Words.metric(l), Words.now(l), Words.weekBefore(l), Words.change(l)]
    ]
    for id in SummaryReport.headline {  // the same as the weekly report's
      guard let m = report.catalog[id] else { continue }
      let now = report.value(m, at: .city)
      let before = report.previous?.value(m, at: .city)
      var label = m.label(language)
      if id == "index.score" || id == "index.rank", let year = report.city.index?.year { label += " \(year)" }
      rows.append([label, f.format(now, of: m), f.format(before, of: m), change(m, at: .city)])
    }
    out += table(rows, align: [.left, .right, .right, .left], widths: [44, 16, 16, 18]) + "\n"
    out += incompleteNote()

    // KPIs
    let kpis = report.data.city.kpis
    if !kpis.isEmpty {
      var rows: [[String]] = [
        [Words.cityKPI(l), Words.now(l), Words.target(l), Words.status(l), Words.change(l)]
      ]
      for k in kpis {
        guard let m = report.catalog["kpi.\(k.id)"] else { continue }
        let status = report.value("kpi.\(k.id).status", at: .city)
        // The unit shows with the value; target and change repeat it only for percentages.
        let bare = MetricUnit.custom(k.unit == "%" ? "%" : "")
        let target = k.target.map { (k.direction == .up ? "≥ " : "≤ ") + f.format(.number($0), unit: bare) } ?? "–"
        rows.append([
          m.label(language), f.format(report.value(m, at: .city), of: m), target,
          f.format(status, unit: .status), change(m, at: .city, unit: bare),
        ])
      }
      out += table(rows, align: [.left, .right, .right, .left, .left], widths: [36, 18, 10, 14, 14]) + "\n"
    }

    // Offices
    var officeRows: [[String]] = [
      [
        Words.office(l), Words.red(l), Words.amber(l), Words.green(l), Words.openOverTime(l), Words.throughput4w(l),
        Words.digital12w(l), Words.pending(l),
      ]
    ]
    for (o, office) in report.data.offices.enumerated() {
      let s = ScopeRef.office(o)
      func v(_ id: String) -> String { f.format(report.value(id, at: s), of: report.catalog[id]!) }
      let data = report.offices[o].data
      officeRows.append([
        (data.stale || !data.missing.isEmpty ? "⚠ " : "") + office.displayName, v("projects.red"), v("projects.amber"),
        v("projects.green"),
        v("backlog.open"), v("backlog.closed_4w"), v("ozg.digital_share_12w"), v("ozg.pending"),
      ])
    }
    out += table(
      officeRows, align: [.left, .right, .right, .right, .right, .right, .right, .right],
      widths: [32, 5, 5, 5, 7, 12, 11, 8])
    return out
  }

  /// The offices whose data is incomplete, each with what is missing ("Presseamt: Daten bis KW 45/2026",
  /// "Stadtplanung: projects.csv fehlt"); empty when every office is complete.
  func incompleteNote() -> String {
    let list = report.incompleteOffices
    guard !list.isEmpty else { return "" }
    var out = Words.incompleteData(language, Words.count(list.count, .officeOne, .officeManyDative, language)) + "\n"
    for o in list {
      let data = report.offices[o].data
      var what: [String] = data.missing.map { Words.fileMissing(language, $0.rawValue) }
      if let stale = data.staleLabel(language) { what.append(stale) }
      out +=
        "  " + Inert.message(report.data.offices[o].displayName, limit: 60) + ": " + what.joined(separator: ", ") + "\n"
    }
    return out + "\n"
  }

  /// "↑ +12", "↓ -0,4 Pp", "→ ±0"; empty without a value a week before. A city figure built without some
  /// offices says so instead ("⚠ 2 Ämter fehlen").
  /// The arrow follows the change as shown: a change that rounds to zero is "→ ±0,0".
  func change(_ m: MetricDefinition, at scope: ScopeRef, unit: MetricUnit? = nil) -> String {
    if scope == .city, case let gaps = report.gaps(m).count, gaps > 0 {
      return (gaps == 1 ? Words.officeMissingOne : Words.officeMissingMany)(language, "\(gaps)")
    }
    guard m.unit != .status, m.unit != .date, let d = report.change(m, at: scope) else { return "" }
    let unit = unit ?? m.unit
    let shown = f.delta(d, unit: unit)
    return (shown.hasPrefix("±") ? "→ " : d > 0 ? "↑ " : "↓ ") + shown
  }

  func table(_ rows: [[String]], align: [TextTable.Align], widths: [Int]) -> String {
    TextTable(align: align, widths: widths, ruleLimit: Self.width).render(rows)
  }
}
