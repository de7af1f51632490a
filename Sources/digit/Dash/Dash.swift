import ArgumentParser
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

  /// Runs until `q`; returns the number of the signal that ended it, if one did.
  func run(load: LoadResult, report: Report, tabs: [DashboardTab], language: Language) throws -> Int32? {
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { s in stopSignal.store(s, ordering: .relaxed) }
    }
    for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
      // A crash still gives the terminal back (best effort), then dies as it would have.
      signal(sig) { s in
        NcursesTerminal.emergencyRestore()
        signal(s, SIG_DFL)
        raise(s)
      }
    }
    terminal.start()
    defer { terminal.restore() }
    let (w, h) = terminal.size
    var state = AppState(
      load: load, report: report, root: root, language: language, tabs: tabs, width: w, height: h, loadedAt: Self.clock(),
      snapshotFolder: snapshots)
    var lastPoll = Self.seconds()
    var dirty = true
    Self.warm(state)
    while stopSignal.load(ordering: .relaxed) == 0 {
      if dirty { terminal.present(Renderer.render(state)) }
      dirty = false
      var effects: [Effect] = []
      switch terminal.read(timeout: 250) {
      case .key(let k):
        if let effect = reduce(&state, .key(k)) { effects.append(effect) }
        dirty = true
      case .resize:
        terminal.invalidate()
        let (w, h) = terminal.size
        reduce(&state, .resized(width: w, height: h))
        dirty = true
      case .none: break
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
    let generatedAt = Snapshot.generationTime(sourceDateEpoch: getenv("SOURCE_DATE_EPOCH").map { String(cString: $0) })
    let mailbox = mailbox
    DispatchQueue.global().async {
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
