import ArgumentParser
import DigITDashboard
import DigITFeeds
import DigITMetrics
import Dispatch
import Synchronization
import CNcursesw

#if canImport(Glibc)
  import Glibc
#endif

extension Digit {
  /// `digit dash`: the ncurses dashboard.
  struct Dash: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The terminal dashboard: monitor the offices, drill into projects (what `digit` starts in a terminal).",
      discussion: """
        Keys: ↑/↓ (k/j) move, Enter opens, Esc goes back, Tab or 1–9 switch dashboards, / filters, s/S sort, \
        r reloads, d lists feed problems, ? shows the keys of the screen, q quits. Without a terminal (output \
        not a TTY, or TERM=dumb) it prints `digit summary` instead.
        """
    )

    @OptionGroup var data: DataOptions

    @OptionGroup var dashboards: DashboardOptions
    @OptionGroup var language: LanguageOption

    mutating func run() throws {
      try Self.run(data: data, dashboards: dashboards.dashboards, language: language.lang)
    }

    /// Whether a dashboard can be drawn here.
    static var hasTerminal: Bool {
      let term = getenv("TERM").map { String(cString: $0) } ?? ""
      return isatty(1) == 1 && isatty(0) == 1 && !term.isEmpty && term != "dumb"
    }

    static func run(data: DataOptions, dashboards: String, language: Language) throws {
      guard hasTerminal else {
        try Summary.run(data: data, format: .text, language: language)
        return
      }
      let root = try data.root()
      let asOf = try data.day()
      let load: LoadResult
      do {
        load = try FeedLoader(root: root, asOf: asOf).load()
      } catch let e as FeedRootError {
        printError("error: \(e.description)")
        throw ExitCode(2)
      }
      let report = Aggregator(load.dataSet).report(asOf: asOf)
      let tabs = loadTabs(dashboards, report: report)
      let loop = MainLoop(root: root, asOf: asOf, dashboards: dashboards)
      try loop.run(load: load, report: report, tabs: tabs, language: language)
    }

    static func loadTabs(_ folder: String, report: Report) -> [DashboardTab] {
      var tabs = DashboardLoader.load(folder: folder, catalog: report.catalog, offices: report.data.offices.map(\.id))
      if tabs.isEmpty {
        // Without a Dashboards folder, the built-in overview keeps the dashboard usable.
        tabs = [DashboardLoader.parse(BuiltIn.overview, file: "overview.yaml", catalog: report.catalog, offices: [])]
      }
      return tabs
    }
  }
}

/// The overview shipped in the binary, for a data root without a Dashboards folder.
enum BuiltIn {
  static let overview = """
    title: Übersicht
    title_en: Overview
    rows:
      - height: 4
        panels:
          - kind: tiles
            metrics: [projects.active, backlog.open, backlog.closed_4w, ozg.digital_share_12w, ozg.services_online, index.score]
      - weight: 1
        panels:
          - kind: table
            rows: offices
            columns: [projects.red, projects.amber, projects.green, backlog.open, backlog.closed_weekly, ozg.digital_share_12w, ozg.pending, ozg.processing_days]
            sort: projects.red
            descending: true

    """
}

/// Signals that end the dashboard: the handler only sets a flag; the loop restores the terminal.
let stopSignal = Atomic<Int32>(0)

/// The dashboard's main loop: draw, wait for a key (or a resize, or 250 ms), reduce, run effects; poll the
/// feed files every 2 seconds and reload in the background when they change.
final class MainLoop {
  let root: String
  let asOf: Day
  let dashboards: String
  let terminal = NcursesTerminal()
  /// The result of a background reload, picked up by the loop.
  let pending = Mailbox()

  /// One slot that a background reload fills and the loop empties.
  final class Mailbox: Sendable {
    private let slot = Mutex<Action?>(nil)
    func put(_ action: Action) { slot.withLock { $0 = action } }
    func take() -> Action? { slot.withLock { a in defer { a = nil }; return a } }
  }
  var reloading = false
  var fingerprint: FeedFingerprint
  var dashboardFingerprint: FeedFingerprint

  init(root: String, asOf: Day, dashboards: String) {
    self.root = root
    self.asOf = asOf
    self.dashboards = dashboards
    fingerprint = FeedFingerprint.scan(root)
    dashboardFingerprint = FeedFingerprint.scan(dashboards, depth: 1)
  }

  func run(load: LoadResult, report: Report, tabs: [DashboardTab], language: Language) throws {
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { s in stopSignal.store(s, ordering: .relaxed) }
    }
    for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
      // A crash still gives the terminal back (best effort), then dies as it would have.
      signal(sig) { s in
        endwin()
        signal(s, SIG_DFL)
        raise(s)
      }
    }
    terminal.start()
    defer { terminal.restore() }
    let (w, h) = terminal.size
    var state = AppState(load: load, report: report, root: root, language: language, tabs: tabs, width: w, height: h, loadedAt: Self.clock())
    var lastPoll = Self.seconds()
    while stopSignal.load(ordering: .relaxed) == 0 {
      terminal.present(Renderer.render(state))
      var effect: Effect? = nil
      switch terminal.read(timeout: 250) {
      case .key(let k): effect = reduce(&state, .key(k))
      case .resize:
        terminal.invalidate()
        let (w, h) = terminal.size
        reduce(&state, .resized(width: w, height: h))
      case .none: break
      }
      if let action = pending.take() {
        reloading = false
        reduce(&state, action)
      }
      switch effect {
      case .quit?: return
      case .reload?: startReload(state, changes: nil, force: true)
      case nil: break
      }
      if !reloading && Self.seconds() - lastPoll >= 2 {
        lastPoll = Self.seconds()
        let now = FeedFingerprint.scan(root)
        let changes = now.changes(since: fingerprint)
        let dashNow = FeedFingerprint.scan(dashboards, depth: 1)
        if !changes.isEmpty || dashNow != dashboardFingerprint {
          fingerprint = now
          dashboardFingerprint = dashNow
          startReload(state, changes: changes, force: false)
        }
      }
    }
  }

  /// Re-reads the changed offices (everything after `r` or a city-wide change) on another thread.
  func startReload(_ state: AppState, changes: FeedFingerprint.Changes?, force: Bool) {
    guard !reloading else { return }
    reloading = true
    let previous = state.load
    let root = root, asOf = asOf, dashboards = dashboards, language = state.language
    let unchanged: Set<String> =
      force || changes?.city == true ? [] : Set(previous.dataSet.offices.map(\.id)).subtracting(changes?.offices ?? [])
    if force { fingerprint = FeedFingerprint.scan(root) }
    let pending = pending
    DispatchQueue.global().async {
      let action: Action
      do {
        let load = try FeedLoader(root: root, asOf: asOf).load(reusing: previous, unchanged: unchanged)
        let report = Aggregator(load.dataSet).report(asOf: asOf)
        let tabs = Digit.Dash.loadTabs(dashboards, report: report)
        action = .reloaded(load, report, tabs: tabs, loadedAt: Self.clock(), notice: Self.notice(changes, load, previous, language))
      } catch {
        action = .reloadFailed("\(UIText.reloadFailed(language)): \(error)")
      }
      pending.put(action)
    }
  }

  static func notice(_ changes: FeedFingerprint.Changes?, _ load: LoadResult, _ previous: LoadResult, _ l: Language) -> String {
    var parts: [String] = []
    if let changes, !changes.files.isEmpty {
      let names = changes.files.prefix(3).joined(separator: ", ") + (changes.files.count > 3 ? " …" : "")
      parts.append(l == .de ? "geändert: \(names)" : "changed: \(names)")
    } else {
      parts.append(l == .de ? "neu geladen" : "reloaded")
    }
    let de = load.errorCount - previous.errorCount
    if de != 0 { parts.append(l == .de ? "Fehler \(de > 0 ? "+" : "")\(de)" : "errors \(de > 0 ? "+" : "")\(de)") }
    return parts.joined(separator: " · ")
  }

  static func seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// The local time of day, `09:14:05`.
  static func clock() -> String {
    var t = time(nil)
    var parts = tm()
    localtime_r(&t, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
  }
}
