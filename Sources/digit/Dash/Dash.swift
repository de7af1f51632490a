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
      discussion: """
        Keys: ↑/↓ (k/j) move, Enter opens, Esc goes back, Tab or 1–9 switch dashboards, / filters, s/S sort, \
        r reloads, d lists feed problems, e exports the week as a snapshot into --snapshots (asking before it \
        replaces one), w lists the stored weeks, ? shows the keys of the screen, q quits. Without a terminal \
        (output not a TTY, or TERM=dumb) it prints `digit summary` instead.
        """
    )

    @OptionGroup var data: DataOptions

    @OptionGroup var dashboards: DashboardOptions
    @OptionGroup var language: LanguageOption

    mutating func run() throws {
      try Self.run(data: data, dashboards: dashboards, language: language.lang)
    }

    /// Whether a dashboard can be drawn here.
    static var hasTerminal: Bool {
      let term = getenv("TERM").map { String(cString: $0) } ?? ""
      return isatty(1) == 1 && isatty(0) == 1 && !term.isEmpty && term != "dumb"
    }

    static func run(data: DataOptions, dashboards options: DashboardOptions, language: Language) throws {
      guard hasTerminal else {
        try Summary.run(data: data, format: .text, language: language)
        return
      }
      let root = try data.root()
      try DataOptions.checkOutside(root: root, folder: options.snapshots, option: "--snapshots")
      let asOf = try data.day()
      let dashboards = options.dashboards
      let fingerprint = FeedFingerprint.scan(root)
      // With checksums: `e` exports what is shown, and a snapshot records every file's SHA-256.
      let load = try DataOptions.load(root: root, asOf: asOf, checksums: true)
      let report = Aggregator(load.dataSet).report(asOf: asOf)
      let tabs = loadTabs(dashboards, report: report)
      let loop = MainLoop(root: root, asOf: asOf, dashboards: dashboards, snapshots: options.snapshots, fingerprint: fingerprint)
      if let sig = try loop.run(load: load, report: report, tabs: tabs, language: language) {
        throw ExitCode(128 + sig)  // 130 after Ctrl-C, 143 after SIGTERM, as shells expect
      }
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
            metrics: [projects.open, backlog.open, backlog.closed_4w, ozg.digital_share_12w, ozg.services_online, index.score]
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

/// Ctrl-Z (SIGTSTP) and the continue after it or after any stop (SIGCONT): the handlers only set flags;
/// the loop gives the terminal back and stops, or takes the terminal again and redraws everything.
let suspendSignal = Atomic<Bool>(false)
let continueSignal = Atomic<Bool>(false)
let suspendHandler: @convention(c) (Int32) -> Void = { _ in suspendSignal.store(true, ordering: .relaxed) }

/// The dashboard's main loop: draw when something changed, wait for a key (or a resize, or 250 ms),
/// reduce, run effects. Every 2 seconds a background job compares the files' modification times and,
/// when they changed, re-reads the changed offices; exports and listings of the snapshot folder run in
/// the background too. Their results come back through a mailbox, so input never waits for the disk.
final class MainLoop {
  let root: String
  let asOf: Day
  let dashboards: String
  /// The snapshot folder (`--snapshots`).
  let snapshots: String
  let terminal = NcursesTerminal()
  let mailbox = Mailbox()
  /// The running exports: `q` or a signal during one waits for it (the process must not end with a
  /// half-written staging folder in the snapshot folder).
  let exports = DispatchGroup()
  /// A background job (scan or reload) is running.
  var jobRunning = false
  /// `r` was pressed while a job ran: reload when it ends.
  var reloadRequested = false
  var fingerprint: FeedFingerprint
  var dashboardFingerprint: FeedFingerprint

  /// What a background job found.
  struct JobResult: Sendable {
    var action: Action?
    /// The fingerprints the result was read at (nil after a failure: the change is tried again).
    var fingerprints: (FeedFingerprint, FeedFingerprint)?
  }

  /// What comes back from the background: the reload job's result, or an effect's action (an export,
  /// a listing of the snapshot folder).
  enum Message: Sendable {
    case job(JobResult)
    case action(Action)
  }

  /// The messages that background work leaves and the loop empties, in order (an export may finish
  /// while a reload runs: neither result may be lost).
  final class Mailbox: Sendable {
    private let messages = Mutex<[Message]>([])
    func put(_ message: Message) { messages.withLock { $0.append(message) } }
    func takeAll() -> [Message] { messages.withLock { m in defer { m = [] }; return m } }
  }

  /// `fingerprint` must be taken before the first load, so that a change during it is seen.
  init(root: String, asOf: Day, dashboards: String, snapshots: String, fingerprint: FeedFingerprint) {
    self.root = root
    self.asOf = asOf
    self.dashboards = dashboards
    self.snapshots = snapshots
    self.fingerprint = fingerprint
    dashboardFingerprint = FeedFingerprint.scan(dashboards, depth: 1)
  }

  /// Runs until `q`; returns the number of the signal that ended it, if one did. Whatever ends it, the
  /// terminal is restored first, then a running export is waited for (never a half-written week).
  func run(load: LoadResult, report: Report, tabs: [DashboardTab], language: Language) throws -> Int32? {
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { s in stopSignal.store(s, ordering: .relaxed) }
    }
    // Ctrl-Z is handled here, not by curses: curses ignores SIGTSTP while it updates the screen, and a
    // Ctrl-Z during a redraw was lost (5 times in 30 under load). Installed before initscr, which then
    // leaves SIGTSTP alone; not at all when the parent had it ignored (a shell without job control could
    // not bring the dashboard back).
    let inherited = signal(SIGTSTP, suspendHandler)
    if unsafeBitCast(inherited, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(SIGTSTP, SIG_IGN) }
    signal(SIGCONT) { _ in continueSignal.store(true, ordering: .relaxed) }
    // A parent may hand the signals down blocked (the mask is inherited: a supervisor's, or a test
    // runner's thread's through tmux and bash); then Ctrl-C, Ctrl-Z, SIGTERM, SIGHUP and resizes did
    // nothing. Unblock the ones the dashboard and curses handle.
    var handled = sigset_t()
    sigemptyset(&handled)
    for sig in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGCONT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
      sigaddset(&handled, sig)
    }
    pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    terminal.start()
    Self.installCrashHandlers()
    let sig = loop(load: load, report: report, tabs: tabs, language: language)
    terminal.restore()
    // A second Ctrl-C (or SIGTERM) while waiting ends the process at once; Ctrl-Z stops it as usual.
    for sig in [SIGINT, SIGTERM, SIGHUP] { signal(sig, SIG_DFL) }
    signal(SIGTSTP, inherited)
    if exports.wait(timeout: .now() + 0.3) == .timedOut {
      let text = Array("\(UIText.waitingForExport(language))\n".utf8)
      _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
      _ = exports.wait(timeout: .now() + 120)
    }
    return sig
  }

  /// The handlers' earlier actions (by signal number), for the crash handler to pass the signal on to.
  nonisolated(unsafe) static let previousActions: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    p.initialize(repeating: sigaction(), count: 65)
    return p
  }()

  /// A crash gives the terminal back (and shows the runtime's message, see ``CrashRestore``), then the
  /// signal goes on to the action that was there before: the Swift runtime's backtracer, which prints its
  /// backtrace to the restored terminal, or the default, which ends the process as it would have.
  /// Installed after ``NcursesTerminal/start()``, so that the handler finds everything allocated.
  static func installCrashHandlers() {
    let previous = previousActions
    for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
      var action = sigaction()
      let handler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { s, info, _ in
        NcursesTerminal.emergencyRestore()
        _ = sigaction(s, MainLoop.previousActions + Int(s), nil)
        // A fault (the trap of a fatal error, a bad access) happens again when this returns, now with the
        // previous action and the fault's own details; a sent signal (abort, kill) is sent again.
        if (info?.pointee.si_code ?? 0) <= 0 { raise(s) }
      }
      #if os(Linux)
        action.__sigaction_handler.sa_sigaction = handler
      #else
        action.__sigaction_u.__sa_sigaction = handler
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_SIGINFO
      _ = sigaction(sig, &action, previous + Int(sig))
    }
  }

  /// The loop itself; returns the signal that ended it, if one did.
  private func loop(load: LoadResult, report: Report, tabs: [DashboardTab], language: Language) -> Int32? {
    let (w, h) = terminal.size
    var state = AppState(
      load: load, report: report, root: root, language: language, tabs: tabs, width: w, height: h, loadedAt: Self.clock(),
      snapshotFolder: snapshots)
    var lastPoll = Self.seconds()
    var dirty = true
    Self.warm(state)
    // For the tmux test of the crash handler: a fatal error once the dashboard is on the screen.
    let testCrash = getenv("DIGIT_TEST_CRASH").map { String(cString: $0) == "1" } ?? false
    while stopSignal.load(ordering: .relaxed) == 0 {
      if suspendSignal.exchange(false, ordering: .relaxed) {
        terminal.suspend()
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)  // stopped here until `fg`
        signal(SIGTSTP, suspendHandler)
      }
      if continueSignal.exchange(false, ordering: .relaxed) {
        // After `fg`, or a stop and continue from outside (SIGSTOP: the shell then set its own terminal
        // modes, and printed onto the dashboard): curses' modes again and every line redrawn.
        terminal.resume()
        let (w, h) = terminal.size
        if w != state.width || h != state.height { reduce(&state, .resized(width: w, height: h)) }
        dirty = true
      }
      if dirty { terminal.present(Renderer.render(state)) }
      dirty = false
      if testCrash { fatalError("DIGIT_TEST_CRASH: a fatal error after the first frame") }
      var effects: [Effect] = []
      // Keys that came in faster than frames are drawn (a paste into the filter, a held arrow key, a slow
      // terminal) are all applied before the next frame, up to 100: the screen never lags behind the
      // keyboard. (One frame per key fell seconds behind a stream of keys in the tmux key fuzz.)
      var input = terminal.read(timeout: 250)
      var applied = 0
      while true {
        switch input {
        case .key(let k):
          if let effect = reduce(&state, .key(k)) { effects.append(effect) }
          dirty = true
        case .resize:
          terminal.invalidate()
          let (w, h) = terminal.size
          reduce(&state, .resized(width: w, height: h))
          dirty = true
        case .hangup: stopSignal.store(SIGHUP, ordering: .relaxed)  // as if the SIGHUP had come
        case .none: break
        }
        if case .none = input { break }
        applied += 1
        if applied == 100 || effects.contains(.quit) || stopSignal.load(ordering: .relaxed) != 0 || suspendSignal.load(ordering: .relaxed) {
          break
        }
        input = terminal.read(timeout: 0)
      }
      for message in mailbox.takeAll() {
        switch message {
        case .job(let result):
          jobRunning = false
          if let (feeds, boards) = result.fingerprints {
            fingerprint = feeds
            dashboardFingerprint = boards
          }
          if let action = result.action {
            if let effect = reduce(&state, action) { effects.append(effect) }
            dirty = true
            Self.warm(state)
          }
          if reloadRequested {
            reloadRequested = false
            startJob(state, force: true)
          }
        case .action(let action):
          if let effect = reduce(&state, action) { effects.append(effect) }
          dirty = true
        }
      }
      for effect in effects {
        switch effect {
        case .quit: return nil
        case .reload:
          if jobRunning { reloadRequested = true } else { startJob(state, force: true) }
        case .export(let replace): startExport(state, replace: replace)
        case .listSnapshots: startListing(state)
        }
      }
      if !jobRunning && Self.seconds() - lastPoll >= 2 {
        lastPoll = Self.seconds()
        startJob(state, force: false)
      }
    }
    return stopSignal.load(ordering: .relaxed)
  }

  /// Sorts the tabs' tables in the background (see ``Focus/warm(_:)``).
  static func warm(_ state: AppState) {
    DispatchQueue.global(qos: .utility).async { Focus.warm(state) }
  }

  /// Scans the files in the background and re-reads what changed (everything when `force`).
  func startJob(_ state: AppState, force: Bool) {
    jobRunning = true
    let previous = state.load
    let root = root, asOf = asOf, dashboards = dashboards, language = state.language
    let oldFeeds = fingerprint, oldBoards = dashboardFingerprint
    let mailbox = mailbox
    DispatchQueue.global().async {
      let feeds = FeedFingerprint.scan(root)
      let boards = FeedFingerprint.scan(dashboards, depth: 1)
      let changes = feeds.changes(since: oldFeeds)
      guard force || !changes.isEmpty || boards != oldBoards else {
        mailbox.put(.job(JobResult(action: nil, fingerprints: (feeds, boards))))
        return
      }
      let unchanged: Set<String> =
        force || changes.city ? [] : Set(previous.dataSet.offices.map(\.id)).subtracting(changes.offices)
      do {
        // With checksums, like the first load (offices read without them are read again).
        let load = try FeedLoader(root: root, asOf: asOf, checksums: true).load(reusing: previous, unchanged: unchanged)
        // A file replaced or truncated while it was read (an office's export still being written) gives
        // a half file: keep the last good data, say so, and try again at the next poll (the fingerprints
        // stay the old ones, so the change is seen again).
        if !FeedFingerprint.scan(root).changes(since: feeds).isEmpty {
          mailbox.put(.job(JobResult(action: .reloadFailed(UIText.changedWhileReading(language)), fingerprints: nil)))
          return
        }
        let report = Aggregator(load.dataSet).report(asOf: asOf)
        let tabs = Digit.Dash.loadTabs(dashboards, report: report)
        let notice = Self.notice(force ? nil : changes, load, previous, language)
        mailbox.put(.job(JobResult(action: .reloaded(load, report, tabs: tabs, loadedAt: Self.clock(), notice: notice), fingerprints: (feeds, boards))))
      } catch {
        mailbox.put(.job(JobResult(action: .reloadFailed("\(UIText.reloadFailed(language)): \(error)"), fingerprints: nil)))
      }
    }
  }

  /// Exports the week shown (the state's load and report) in the background: building and writing a
  /// large week takes about a second, and the keys keep working meanwhile.
  func startExport(_ state: AppState, replace: Bool) {
    let load = state.load, report = state.report, root = state.root, folder = state.snapshotFolder, language = state.language
    let generatedAt = Snapshot.generationTimeFromEnvironment()
    let mailbox = mailbox
    DispatchQueue.global().async(group: exports) {
      let action = SnapshotJobs.export(
        load: load, report: report, root: root, folder: folder, language: language, generatedAt: generatedAt, replace: replace)
      mailbox.put(.action(action))
    }
  }

  /// Lists the snapshot folder in the background (a slow or network file system never blocks a key).
  func startListing(_ state: AppState) {
    let folder = state.snapshotFolder, mailbox = mailbox
    DispatchQueue.global().async { mailbox.put(.action(SnapshotJobs.list(folder: folder))) }
  }

  static func notice(_ changes: FeedFingerprint.Changes?, _ load: LoadResult, _ previous: LoadResult, _ l: Language) -> String {
    var parts: [String] = []
    if let changes, !changes.files.isEmpty {
      let names = changes.files.prefix(3).joined(separator: ", ") + (changes.files.count > 3 ? " …" : "")
      parts.append("\(UIText.changed(l)): \(names)")
    } else {
      parts.append(UIText.reloaded(l))
    }
    let de = load.errorCount - previous.errorCount
    if de != 0 { parts.append("\(UIText.errors(l)) \(de > 0 ? "+" : "")\(de)") }
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
