import ArgumentParser
import DigITCore
import DigITDashboard
import DigITFeeds
import DigITMetrics
import DigITSnapshot
import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

extension Digit {
  /// `digit dash`: the ncurses dashboard.
  struct Dash: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The terminal dashboard: monitor the offices, drill into projects (what `digit` starts in a terminal).",
      discussion: "Keys:\n" + KeyMap.summary(.en) + """


        Without a terminal (output not a TTY, or TERM=dumb) it prints `digit summary` instead.
        """
    )

    @OptionGroup var data: DataOptions

    @OptionGroup var dashboards: DashboardOptions
    @OptionGroup var language: LanguageOption

    @Flag(
      name: .customLong("no-mouse"),
      help: "Leave the mouse to the terminal (clicks, the wheel and text selection as without the dashboard).")
    var noMouse = false

    mutating func run() throws {
      try Self.run(data: data, dashboards: dashboards, language: language.lang, mouse: !noMouse)
    }

    /// Whether a dashboard can be drawn here.
    static var hasTerminal: Bool {
      let term = getenv("TERM").map { String(cString: $0) } ?? ""
      return isatty(1) == 1 && isatty(0) == 1 && !term.isEmpty && term != "dumb"
    }

    static func run(data: DataOptions, dashboards options: DashboardOptions, language: Language, mouse: Bool = true)
      throws
    {
      guard hasTerminal else {
        try Summary.run(data: data, format: .text, language: language)
        return
      }
      // An unknown TERM made curses' initscr end the process with its own "Error opening terminal".
      if let problem = NcursesTerminal.unusableTerminal() {
        printError("digit: \(problem); printing the summary instead of the dashboard.")
        try Summary.run(data: data, format: .text, language: language)
        return
      }
      Signals.preferNonInteractiveBacktracer()
      let root = try data.root()
      try DataOptions.checkOutside(root: root, folder: options.snapshots, option: "--snapshots")
      let dashboards = options.dashboards
      // Taken before the first load, so that a change during it is seen at the first poll.
      let files = FileScan(feeds: FeedFingerprint.scan(root), dashboards: FeedFingerprint.scan(dashboards, depth: 1))
      // With checksums: `e` exports what is shown, and a snapshot records every file's SHA-256.
      // Without --as-of: as of the earlier of today and the Datenstand, for the whole session.
      // The dashboard lives on: cache entries are written in the background.
      let cache = data.cache(background: true)
      // The result cache keeps the first report's facts: with the feeds unchanged since the last start, the
      // two weeks' aggregation is read back instead of computed (issue 17). Walked after the scan above, so
      // a change after the walk is seen at the first poll and the report computed again; the kept facts
      // are used only when the root is still unchanged after the load (``ResultCache/report``).
      let given = try data.givenDay()
      let today = Day.today()
      let results = data.resultCache()
      let key = results?.key(root: root, words: ["dash"] + DataOptions.asOfWords(given: given, today: today))
      let (load, choice) = try DataOptions.load(
        root: root, given: given, today: today, checksums: true, cache: cache, listing: key?.listing)
      let asOf = choice.day
      let environment = DashboardEnvironment.live(
        root: root, asOf: asOf, dashboards: dashboards, snapshots: options.snapshots, now: Self.seconds,
        timeOfDay: Self.timeOfDay, localTime: Self.localTime,
        generatedAt: Snapshot.generationTimeFromEnvironment(), cache: cache)
      let kept = key.flatMap { results?.report($0, data: load.dataSet, asOf: asOf) }
      let report = kept ?? environment.report(load.dataSet)
      let keeping = DispatchGroup()
      if kept == nil, let results, let key {
        DispatchQueue.global(qos: .utility).async(group: keeping) { results.store(report, for: key) }
      }
      let tabs = environment.tabs(report)
      // For the tmux test of the crash handler: a fatal error once the dashboard is on the screen.
      let crashTest = getenv("DIGIT_TEST_CRASH").map { String(cString: $0) == "1" } ?? false
      let terminal: any TerminalBackend = crashTest ? CrashAfterFirstFrame(NcursesTerminal()) : NcursesTerminal()
      Signals.install()
      terminal.start()
      Signals.installCrashHandlers()
      let (w, h) = terminal.size
      var state = AppState(
        load: load, report: report, root: root, language: language, tabs: tabs, width: w, height: h,
        loadedAt: timeOfDay(),
        snapshotFolder: options.snapshots)
      state.asOfChoice = choice
      state.mouse = mouse
      let runtime = Runtime(state: state, terminal: terminal, environment: environment, files: files)
      let end = runtime.run()
      // Whatever ended it, the terminal is restored first, then a running export is waited for (never a
      // half-written week); a second Ctrl-C (or SIGTERM) while waiting ends the process at once.
      terminal.restore()
      Signals.restoreDefaults()
      if !runtime.waitForExports(seconds: 0.3) {
        let text = Array("\(Words.waitingForExport(language))\n".utf8)
        _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        _ = runtime.waitForExports(seconds: 120)
      }
      // Entries still being written are finished (a cut-off one would only be a left-over temporary file).
      cache?.waitForWrites()
      keeping.wait()
      switch end {
      case .quit: return
      case .signal(let sig): throw ExitCode(128 + sig)  // 130 after Ctrl-C, 143 after SIGTERM, as shells expect
      case .hangup: throw ExitCode(128 + SIGHUP)
      }
    }

    /// Monotonic seconds.
    @Sendable static func seconds() -> Double {
      var ts = timespec()
      clock_gettime(CLOCK_MONOTONIC, &ts)
      return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// The local time of day, `09:14:05`.
    /// A moment (seconds since 1970) in the local time zone.
    @Sendable static func localTime(_ seconds: Int) -> FileTime {
      var t = time_t(seconds)
      var parts = tm()
      localtime_r(&t, &parts)
      let day = Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
      return FileTime(
        day: day ?? DashboardEnvironment.utc(seconds).day, hour: Int(parts.tm_hour), minute: Int(parts.tm_min))
    }

    @Sendable static func timeOfDay() -> String {
      var t = time(nil)
      var parts = tm()
      localtime_r(&t, &parts)
      func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
      return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
  }
}

/// A terminal that ends the process with a fatal error after its first frame: only for the tmux test of
/// the crash handler (`DIGIT_TEST_CRASH=1`), never in the loop itself.
final class CrashAfterFirstFrame: TerminalBackend {
  let base: any TerminalBackend
  init(_ base: any TerminalBackend) { self.base = base }
  var size: (width: Int, height: Int) { base.size }
  func start() { base.start() }
  func present(_ buffer: ScreenBuffer) {
    base.present(buffer)
    fatalError("DIGIT_TEST_CRASH: a fatal error after the first frame")
  }
  func invalidate() { base.invalidate() }
  func read(timeout milliseconds: Int) -> TerminalInput { base.read(timeout: milliseconds) }
  func suspend() { base.suspend() }
  func resume() { base.resume() }
  func restore() { base.restore() }
  func setMouse(_ on: Bool) { base.setMouse(on) }
}
