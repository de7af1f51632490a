import ArgumentParser
import DigITCore
import DigITFeeds
import DigITMetrics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The options every command that reads a data root shares.
struct DataOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The data root (default: ./Sample-Data when it exists).", valueName: "dir"))
  var data: String?

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp(
      "The day to read as of, 2026-11-23 or 23.11.2026 (default: the earlier of today and the data's Datenstand, the latest day the feeds cover). Weekly figures cover complete weeks up to the last Sunday on or before it.",
      valueName: "date"))
  var asOf: String?

  @Flag(
    name: .customLong("no-cache"),
    help:
      "Read every feed file, without the parsed-feed and result caches (also DIGIT_CACHE=off; =feeds keeps the parsed feeds only); the cache is in $XDG_CACHE_HOME/digit, else ~/.cache/digit."
  )
  var noCache = false

  /// The parsed-feed cache for this run, `nil` when turned off (`--no-cache`, `DIGIT_CACHE=off`). Entries
  /// are written in the reading threads, or with `background` on a background queue (the dashboard).
  func cache(background: Bool = false) -> FeedCache? {
    var cache = FeedCache.fromEnvironment(disabled: noCache)
    cache?.writesInBackground = background
    return cache
  }

  /// The result cache for this run (whole outputs of `digit summary`, the facts of the dashboard's first
  /// report), `nil` when turned off
  /// (`--no-cache`, `DIGIT_CACHE=off` or `=feeds`).
  func resultCache() -> ResultCache? { ResultCache.fromEnvironment(disabled: noCache) }

  /// The data root to read.
  func root() throws -> String {
    if let data { return data }
    if FileSystem.kind("Sample-Data") == .directory { return "Sample-Data" }
    throw ValidationError("No data root: pass --data DIR (there is no ./Sample-Data here).")
  }

  /// Loads a data root; an unusable root is reported on stderr and ends the command with exit status 2.
  /// `checksums`: record every file's SHA-256 (what a snapshot's source record needs).
  /// A system failure while reading (too many open files, no memory, an I/O error) ends it with exit
  /// status 2 as well: it is not a problem of the feeds, and nothing is written.
  /// `listing`: what a walk of the root just made found (the result cache's), used instead of listing
  /// the folders and stat'ing the files again.
  static func load(
    root: String, asOf: Day, checksums: Bool = false, cache: FeedCache?, listing: RootListing? = nil,
    backlogTexts: Bool = true
  ) throws -> LoadResult {
    do {
      try FileSystem.checkDescriptors()
      var loader = FeedLoader(root: root, asOf: asOf, checksums: checksums, cache: cache)
      loader.listing = listing
      loader.backlogTexts = backlogTexts
      return try loader.load()
    } catch let e as FeedRootError {
      printError("error: \(e.description)")
      throw ExitCode(2)
    } catch let e as SystemError {
      printError(systemFailure(e))
      throw ExitCode(2)
    }
  }

  /// Refuses a snapshot folder inside the data root (exit status 1): the weeks written there would be
  /// read back as feeds the next time (under `offices/`, a week folder becomes a fake office). The folder
  /// need not exist yet: its nearest existing parent is resolved.
  static func checkOutside(root: String, folder: String, option: String) throws {
    guard let resolvedRoot = FileSystem.resolve(root) else { return }
    var path = folder.hasPrefix("/") ? folder : join(currentDirectory(), folder)
    var rest: [Substring] = []
    var resolved = FileSystem.resolve(path)
    while resolved == nil, let slash = path.lastIndex(of: "/") {
      rest.insert(path[path.index(after: slash)...], at: 0)
      path = String(path[..<slash])
      resolved = FileSystem.resolve(path.isEmpty ? "/" : path)
    }
    guard var full = resolved else { return }
    for part in rest where !part.isEmpty && part != "." {
      full = part == ".." ? String(full[..<(full.lastIndex(of: "/") ?? full.endIndex)]) : join(full, String(part))
    }
    if FileSystem.isInside(full, folder: resolvedRoot) {
      printError(
        "error: \(option) \(Inert.message(folder, limit: 120)) lies inside the data root \(Inert.message(root, limit: 120)): "
          + "the snapshots would be read as feeds (a week folder in offices/ becomes an office). Choose a folder outside the data root."
      )
      throw ExitCode(1)
    }
  }

  static func currentDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return "." }
    return String(cString: buffer)
  }

  /// The message for a system failure while reading a data root.
  static func systemFailure(_ e: SystemError) -> String {
    "error: the data root could not be read: \(e.description). This is a problem of the system, not of the feeds; nothing was written."
  }

  /// Loads a data root and chooses the as-of day: `given`, or else the earlier of today and the
  /// city's Datenstand (the root is read as of today for its checks, then reported as of that day).
  static func load(
    root: String, given: Day?, today: Day = Day.today(), checksums: Bool = false, cache: FeedCache?,
    listing: RootListing? = nil, backlogTexts: Bool = true
  ) throws -> (LoadResult, AsOfChoice) {
    let load = try load(
      root: root, asOf: given ?? today, checksums: checksums, cache: cache, listing: listing,
      backlogTexts: backlogTexts)
    return (load, AsOfChoice.choose(given: given, today: today, data: load.dataSet))
  }

  /// The words of a result-cache key that name the as-of day: the day given, or without `--as-of` today's
  /// date (the default day is the earlier of today and the Datenstand). Today is a word of its own: an
  /// entry's name leaves it out, so a new day replaces the old entry.
  static func asOfWords(given: Day?, today: Day) -> [String] {
    given.map { ["as-of=\($0)"] } ?? ["as-of=default", "today=\(today)"]
  }

  /// The as-of day given with `--as-of`, if any.
  func givenDay() throws -> Day? { asOf == nil ? nil : try day() }

  /// The as-of day given with `--as-of`, or today.
  func day() throws -> Day {
    guard var text = asOf else { return Day.today() }
    let parsed = text.withUTF8 { ValueParser.date($0) }
    switch parsed {
    case .success(let d): return d
    case .failure(let e): throw ValidationError("--as-of: " + ValueParser.message(e, value: text, style: .plain))
    }
  }
}

extension Day {
  /// Today in the local time zone; `DIGIT_TODAY` (an ISO day such as 2026-12-07) sets another today, for
  /// tests and for reproducing a run as it looked on that day.
  static func today() -> Day {
    if let fixed = getenv("DIGIT_TODAY") {
      var text = String(cString: fixed)
      if case .success(let d) = text.withUTF8({ ValueParser.date($0) }) { return d }
    }
    var t = time(nil)
    var parts = tm()
    localtime_r(&t, &parts)
    return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
  }
}

/// Output formats of the reporting commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

/// Writes to standard error.
func printError(_ text: String) {
  var text = text + "\n"
  text.withUTF8 { writeFully(2, UnsafeRawBufferPointer($0)) }
}

/// Ends the process at once after flushing standard output, without releasing memory piece by piece.
func exitNow(_ code: Int32) -> Never {
  fflush(nil)
  #if canImport(Glibc)
    Glibc.exit(code)
  #else
    Darwin.exit(code)
  #endif
}

/// Writes bytes to standard output (unbuffered, in one go: for large JSON documents).
func writeOutput(_ bytes: [UInt8]) {
  fflush(nil)
  bytes.withUnsafeBytes { writeFully(1, $0) }
}

/// A JSON document and a line break on standard output, written in pieces (``JSON/write(indent:_:)``):
/// the whole text is never in memory besides the document.
func writeOutput(_ document: JSON) {
  fflush(nil)
  document.write { writeFully(1, $0) }
  [UInt8(ascii: "\n")].withUnsafeBytes { writeFully(1, $0) }
}

/// `--lang`, shared as one option group by the root command and its subcommands. (Declared separately
/// in a parent and a child, an option of the same name reaches only the parent.)
struct LanguageOption: ParsableArguments {
  @Option(help: "Language: de or en.")
  var lang: Language = .de
}

/// `--dashboards` and `--snapshots`, shared by `digit` and `digit dash`.
struct DashboardOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The folder of dashboard definitions.", valueName: "dir"))
  var dashboards: String = "Dashboards"

  @Option(
    help: ArgumentHelp(
      "The folder of weekly snapshots that `e` writes into and `w` lists, like `digit export --out`.", valueName: "dir")
  )
  var snapshots: String = "Snapshots"
}

/// The snapshot folder, `--out` (default `./Snapshots`): shared by `digit export`, `digit diff` and
/// `digit history`.
struct SnapshotFolderOption: ParsableArguments {
  @Option(help: ArgumentHelp("The snapshot folder.", valueName: "dir"))
  var out: String = "Snapshots"
}

/// Joins path components with `/`.
func join(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }
