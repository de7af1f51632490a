import ArgumentParser
import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot
import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension SnapshotFormat: ExpressibleByArgument {}
extension CSVDialect: ExpressibleByArgument {}
extension CSVHeaders: ExpressibleByArgument {}

extension Digit {
  /// `digit export`: the weekly snapshot for the steering committee and the record.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the weekly snapshot: snapshot.json, summary.md, offices/projects/services.csv, report.html.",
      discussion: """
        Writes into <out>/<week>/ (default ./Snapshots/2026-W47/), all files at once or none. --week means \
        as of the Sunday of that week; the default is the report week of the earlier of today and the \
        Datenstand (the last week that ended by then). A week that ends after the Datenstand is refused \
        unless --beyond-data is given. An existing week is replaced \
        only with --force (atomically: there is no moment without a complete snapshot). A snapshot with feed \
        errors is written with the errors listed in it and a warning on stderr; --strict makes errors fatal. \
        Exit status: 0 written; 1 not written (week exists, week after the Datenstand, --strict with errors, \
        write failed, --out inside the data root); 2 unusable data root, or a system failure while reading it \
        (too many open files, no memory, an I/O error: nothing is written). SOURCE_DATE_EPOCH, if set, is \
        written as the generation time. The week is also recorded in <out>/history.sqlite (see `digit \
        history`); a failure there is a warning, never a failed export.
        """
    )

    @OptionGroup var data: DataOptions

    @Option(
      help: ArgumentHelp(
        "The ISO week, e.g. 2026-W48 (as of its Sunday; default: the last complete week of the data; --as-of instead for any day).",
        valueName: "week"))
    var week: String?

    @OptionGroup var folder: SnapshotFolderOption
    var out: String { folder.out }

    @Option(help: ArgumentHelp("Formats, comma-separated: json, md, csv, html.", valueName: "list"))
    var format: String = "json,md,csv,html"

    @Flag(help: "Replace the week's snapshot if it exists.")
    var force = false

    @Flag(
      help: ArgumentHelp(
        "Also print report.html to report.pdf with headless Chromium (where installed; the other files are written either way; Chromium gets 120 s, DIGIT_PDF_TIMEOUT other seconds)."
      ))
    var pdf = false

    @Flag(
      name: .customLong("beyond-data"),
      help:
        "Write a week that ends after the Datenstand (the latest day the feeds cover); its figures lack the days after it."
    )
    var beyondData = false

    @Flag(help: "Write nothing (exit 1) when the feeds have errors.")
    var strict = false

    @Option(
      name: .customLong("csv-dialect"), help: "excel (German Excel: ; and decimal comma, BOM, CRLF) or plain (, and .)."
    )
    var csvDialect: CSVDialect = .excel

    @Option(
      name: .customLong("csv-headers"),
      help:
        "labels (the header row in --lang with units, shares in percent, values rounded as on screen) or ids (metric ids and the values of snapshot.json, for programs)."
    )
    var csvHeaders: CSVHeaders = .labels

    @OptionGroup var language: LanguageOption

    func validate() throws {
      if week != nil && data.asOf != nil { throw ValidationError("Give either --week or --as-of, not both.") }
      _ = try formats()
      if let week { _ = try Self.parseWeek(week) }
    }

    func formats() throws -> [SnapshotFormat] {
      var list: [SnapshotFormat] = []
      for part in format.split(separator: ",") {
        let name = part.trimmingCharacters(in: " ")
        guard let f = SnapshotFormat(rawValue: name.lowercased()) else {
          throw ValidationError("--format: \"\(name)\" is not a format (json, md, csv, html)")
        }
        if !list.contains(f) { list.append(f) }
      }
      guard !list.isEmpty else { throw ValidationError("--format: name at least one of json, md, csv, html") }
      return list
    }

    /// The week of an argument (see ``ISOWeek/parse(_:)``); `option` names the argument in messages.
    static func parseWeek(_ text: String, option: String = "--week") throws -> ISOWeek {
      switch ISOWeek.parse(text) {
      case .success(let week): return week
      case .failure(let error): throw ValidationError("\(option): \(error.message(text))")
      }
    }

    /// The as-of day given: the Sunday of --week, or --as-of; `nil` for the default (the earlier of today
    /// and the Datenstand, like every command).
    func givenDay() throws -> Day? {
      if let week { return try Self.parseWeek(week).sunday }
      return try data.givenDay()
    }

    mutating func run() throws {
      let root = try data.root()
      let given = try givenDay()
      let today = Day.today()
      var exporter = Exporter(store: SnapshotStore(folder: out))
      exporter.formats = try formats()
      exporter.dialect = csvDialect
      exporter.csvHeaders = csvHeaders
      exporter.language = language.lang
      exporter.generatedAt = Snapshot.generationTimeFromEnvironment()
      try DataOptions.checkOutside(root: root, folder: out, option: "--out")
      // Before any thread is started: Dispatch needs descriptors of its own and stops the process
      // (SIGILL) when it cannot get them.
      do {
        try FileSystem.checkDescriptors()
      } catch {
        printError(DataOptions.systemFailure(error))
        throw ExitCode(2)
      }
      // The stored week before is read while the feeds load (measured: 0.3 s of 50 MB on the large
      // benchmark root, hidden behind the load).
      // (Without a day given, the week is guessed from today and read again if the Datenstand decides
      // otherwise.)
      let reader = exporter
      let guess = (given ?? today).reportWeek
      let previous = Background { reader.previous(before: guess) }
      let load: LoadResult
      do {
        load = try FeedLoader(root: root, asOf: given ?? today, checksums: true, cache: data.cache()).load()
      } catch let e as FeedRootError {
        printError("error: \(e.description)")
        throw ExitCode(2)
      } catch let e as SystemError {
        printError(DataOptions.systemFailure(e))
        throw ExitCode(2)
      }
      let choice = AsOfChoice.choose(given: given, today: today, data: load.dataSet)
      let asOf = choice.day
      if let dataAsOf = load.dataSet.dataAsOf, asOf.reportWeek.sunday > dataAsOf, !beyondData {
        let w = asOf.reportWeek
        printError(
          "error: \(w) ends on \(w.sunday), after the Datenstand \(dataAsOf) (the latest day the feeds cover); nothing was written. Export \(dataAsOf.reportWeek) or earlier, or pass --beyond-data to write \(w) anyway."
        )
        throw ExitCode(1)
      }
      let errors = load.errorCount
      if strict && errors > 0 {
        printError(
          "error: the feeds have \(errors) error\(errors == 1 ? "" : "s"); nothing was written (--strict). `digit validate` lists them."
        )
        throw ExitCode(1)
      }
      let report = Aggregator(load.dataSet).report(asOf: asOf)
      let result: Exporter.Result
      do {
        let stored = asOf.reportWeek == guess ? previous.value : nil  // nil: the exporter reads it
        result = try exporter.export(
          report, source: SnapshotSource(root: root, files: load.files, problems: load.diagnostics), replace: force,
          previous: stored)
      } catch {
        printError("error: \(error.description)")
        throw ExitCode(1)
      }
      var text = "\(result.replaced ? "Replaced" : "Wrote") the snapshot of \(result.week) (\(choice.label(.en))):\n"
      for path in result.paths { text += "  \(Inert.text(path))\n" }
      // Which comparison `changes` used, and why (a week stored without snapshot.json is named).
      let before = result.week.adding(weeks: -1)
      let folder = Inert.text(out)
      let why =
        exporter.store.contains(before)
        ? "the stored week \(before) in \(folder) has no snapshot.json" : "no snapshot of \(before) in \(folder)"
      text +=
        result.against == .snapshot
        ? "Changes are against the stored snapshot \(Inert.text(result.againstWeek)).\n"
        : "Changes are against the same data as of \(result.againstAsOf) (\(why)).\n"
      print(text, terminator: "")
      Digit.History.report(result.history, folder: out)
      if pdf { printPDF(result) }
      if errors > 0 {
        printError(
          "warning: the feeds have \(errors) error\(errors == 1 ? "" : "s"); the snapshot lists them (`digit validate` shows them with file and line)."
        )
      }
      // Done: leave without freeing millions of rows one by one.
      exitNow(0)
    }
  }
}

extension Digit.Export {
  /// `--pdf`: report.pdf beside report.html, or plain words why not (the week stays written).
  func printPDF(_ result: Exporter.Result) {
    guard let html = result.paths.first(where: { $0.hasSuffix("/report.html") }) else {
      printError("warning: report.pdf was not written: it is printed from report.html, and --format leaves html out.")
      return
    }
    let target = String(html.dropLast("report.html".count)) + "report.pdf"
    switch PDFPrinter.print(html: html, to: target) {
    case .written(let path): print("  \(Inert.text(path))")
    case .noChromium:
      printError(
        "warning: report.pdf was not written: Chromium is not installed. Install it (Debian/Ubuntu: `apt-get install chromium`) and export again with --pdf, or open report.html in a browser and print it to PDF (its first page is the briefing)."
      )
    case .failed(let why):
      printError("warning: report.pdf was not written: \(why). The other files of the week are written.")
    }
  }
}

extension StringProtocol {
  func trimmingCharacters(in set: Character) -> String {
    var s = Substring(self)
    while s.first == set { s.removeFirst() }
    while s.last == set { s.removeLast() }
    return String(s)
  }
}

/// A value computed on another thread; `value` waits for it. (The semaphore orders the write of
/// `result` before every read, hence `@unchecked`.)
final class Background<T: Sendable>: @unchecked Sendable {
  private var result: T?
  private let done = DispatchSemaphore(value: 0)

  init(_ work: @escaping @Sendable () -> T) {
    DispatchQueue.global().async {
      self.result = work()
      self.done.signal()
    }
  }

  /// Waits for the value (once).
  var value: T {
    done.wait()
    done.signal()
    return result!
  }
}
