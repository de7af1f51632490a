import DigITCore
import DigITFeeds
import DigITMetrics
import Synchronization

/// The dashboard's main loop: draw when something changed, wait for input (a key, a resize, a signal, or
/// 250 ms), reduce, and run the effects the reducer asked for. Effects run off the UI thread
/// (``DashboardEnvironment/background``) and send their results back as actions through ``send(_:)``,
/// the one way in from outside — so input never waits for the disk, and the whole loop runs in tests
/// against a recording terminal and a fake clock.
///
/// Polling is time as an action: every turn sends ``Action/tick(now:)``; the reducer decides when the
/// files are due for a scan (``AppState/pollInterval``) and asks for it with ``Effect/poll``.
public final class Runtime {
  /// How the loop ended.
  public enum End: Equatable, Sendable {
    /// `q` (or Ctrl-C read as a key).
    case quit
    /// A signal asked to stop (its number).
    case signal(Int32)
    /// The terminal is gone.
    case hangup
  }

  public private(set) var state: AppState
  let terminal: any TerminalBackend
  let environment: DashboardEnvironment
  private let mailbox = Mailbox()
  /// The files as last read: a poll re-reads what differs from them.
  private var files: FileScan
  private var dirty = true
  /// Background jobs started whose result has not come back yet: while there are any, the loop waits
  /// for input only briefly, so a result (the replace question, a finished export) shows at once.
  private var pending = 0
  /// Keys in a row that came faster than frames are applied together, up to this many.
  static let keyBatch = 100

  /// - Parameters:
  ///   - state: the first state, with the data already loaded.
  ///   - terminal: the terminal to draw on and read input from (ncurses in `digit`, a recording one in tests),
  ///     already started; its mouse reports are turned on unless the state says otherwise (``AppState/mouse``).
  ///   - environment: the clock, file-system probe, loader, exporter, snapshot store and background runner.
  ///   - files: the fingerprints taken *before* the first load, so that a change during it is seen.
  public init(state: AppState, terminal: any TerminalBackend, environment: DashboardEnvironment, files: FileScan) {
    self.state = state
    self.terminal = terminal
    self.environment = environment
    self.files = files
    self.state.lastPoll = environment.now()  // the first scan one interval after the start
    terminal.setMouse(state.mouse)  // the terminal is started: mouse reports from now on (unless --no-mouse)
    _ = update(&self.state, .resized(width: state.width, height: state.height))
    _ = update(&self.state, .filesScanned(Self.times(files, environment)))
  }

  /// The feed files' modification times in local time.
  static func times(_ scan: FileScan, _ env: DashboardEnvironment) -> [String: FileTime] {
    scan.feeds.modificationTimes.mapValues(env.localTime)
  }

  /// Hands an action to the loop from any thread; it is applied on the next turn.
  public func send(_ action: Action) { mailbox.put(.action(action)) }

  /// ``send(_:)`` as a value to hand to another thread.
  public var sender: @Sendable (Action) -> Void {
    let mailbox = mailbox
    return { mailbox.put(.action($0)) }
  }

  /// Runs until `q`, a signal or a hang-up. The caller starts and restores the terminal around it and
  /// then waits for running exports (``waitForExports(seconds:)``).
  public func run() -> End {
    // The first frame before the background work starts: on two cores, sorting the tabs, reading the
    // history and preparing the week before would otherwise compete with it.
    draw()
    start()
    while true {
      if let end = turn(timeout: pending > 0 ? 10 : 250) { return end }
    }
  }

  /// Draws the state if it changed since the last frame.
  private func draw() {
    guard dirty else { return }
    let frame = Renderer.render(state)
    terminal.present(frame)
    dirty = false
    // Where the frame put what a click reaches: the reducer maps clicks with it.
    if frame.regions != state.regions { _ = update(&state, .regions(frame.regions)) }
  }

  /// One turn of the loop: draw if needed, then input (keys that came faster than frames are applied
  /// together, so the screen never lags behind the keyboard), results from the background, time; then
  /// the effects. Returns how the loop ends, if it does.
  @discardableResult
  public func turn(timeout milliseconds: Int) -> End? {
    draw()
    var effects: [Effect] = []
    var input = terminal.read(timeout: milliseconds)
    var applied = 0
    var redraw = false
    while input != .none {
      switch input {
      case .key(let key): apply(.key(key), &effects)
      case .mouse(let event):
        apply(.mouse(event, at: environment.now()), &effects)
        // The next click is mapped on the frame that shows what this one did.
        redraw = event.kind != .release && event.kind != .drag
      case .resize:
        terminal.invalidate()
        let (w, h) = terminal.size
        apply(.resized(width: w, height: h), &effects)
      case .stop(let signal): return .signal(signal)
      case .hangup: return .hangup
      case .suspend:
        terminal.suspend()  // back here after the continue, which the next read reports
      case .continued:
        // After `fg`, or a stop and continue from outside (the shell set its own terminal modes and may
        // have printed onto the dashboard): the terminal again, every line redrawn.
        terminal.resume()
        terminal.invalidate()
        let (w, h) = terminal.size
        apply(.resized(width: w, height: h), &effects)
      case .none: break
      }
      applied += 1
      if applied == Self.keyBatch || effects.contains(.quit) || redraw { break }
      input = terminal.read(timeout: 0)
    }
    for message in mailbox.takeAll() {
      if case .job = message { pending -= 1 } else if case .action(let a) = message, a.isEffectResult { pending -= 1 }
      switch message {
      case .action(let action): apply(action, &effects)
      case .job(let scan, let action):
        if let scan {
          if scan != files { apply(.filesScanned(Self.times(scan, environment)), &effects) }
          files = scan
        }
        apply(action, &effects)
        if case .reloaded = action { warm() }
      }
    }
    if let effect = update(&state, .tick(now: environment.now())) { effects.append(effect) }
    for effect in effects {
      if effect == .quit { return .quit }
      run(effect)
    }
    return nil
  }

  /// Waits up to `seconds` for exports still running; whether they are all done.
  public func waitForExports(seconds: Double) -> Bool { environment.background.waitForExports(seconds: seconds) }

  private func apply(_ action: Action, _ effects: inout [Effect]) {
    if let effect = update(&state, action) { effects.append(effect) }
    dirty = true
  }

  private func run(_ effect: Effect) {
    let env = environment
    let mailbox = mailbox
    if effect != .quit { pending += 1 }
    switch effect {
    case .quit: break
    case .poll, .reload:
      let previous = state.load
      let language = state.language
      let files = files
      let force = effect == .reload
      // A past week on screen stays that week: the new data is computed as of its day.
      let asOf = state.weeksBack > 0 ? (state.stored?.report ?? state.report).asOf : nil
      env.background.run {
        mailbox.put(
          ReloadJob.run(force: force, previous: previous, files: files, language: language, asOf: asOf, env))
      }
    case .probeExport(let week):
      env.background.run { mailbox.put(.action(.exportProbed(week, exists: env.snapshotExists(week)))) }
    case .export(let replace):
      let load = state.load
      let report = state.report
      let language = state.language
      env.background.runExport { mailbox.put(.action(env.export(load, report, language, replace))) }
    case .listSnapshots:
      env.background.run { mailbox.put(.action(env.listSnapshots())) }
    case .readStoredWeeks(let week):
      let folder = state.snapshotFolder
      env.background.run { mailbox.put(.action(SnapshotJobs.storedWeeks(folder: folder, week: week))) }
    case .stepWeeks(let asOf, let weeksBack):
      let data = state.load.dataSet
      env.background.run { mailbox.put(.action(.stepped(env.reportAsOf(data, asOf), weeksBack: weeksBack))) }
    case .readHistory:
      env.background.run { mailbox.put(.action(.historyRead(env.readHistory()))) }
    case .prefetchWeeks(let weeks):
      let data = state.load.dataSet
      let days = weeks.map { state.asOf(weeksBack: $0) }
      let loads = state.loads
      env.background.run {
        var reports: [Int: Report] = [:]
        for (n, day) in zip(weeks, days) { reports[n] = env.reportAsOf(data, day) }
        mailbox.put(.action(.prefetched(reports, loads: loads)))
      }
    case .readStoredWeek(let week):
      env.background.run { mailbox.put(.action(.storedWeekRead(week, env.readStoredWeek(week)))) }
    case .compareStoredWeeks(let a, let b):
      let folder = state.snapshotFolder
      env.background.run { mailbox.put(.action(SnapshotJobs.comparison(folder: folder, a, b))) }
    }
  }

  /// What the loop starts with, in the background: the tabs' sorted rows and the history of the stored
  /// weeks (the heatmap's past weeks). ``run()`` calls it; a test that turns the loop itself may.
  public func start() {
    warm()
    run(.readHistory)
    run(.prefetchWeeks([1]))
  }

  /// Sorts the tabs' tables in the background (see ``Focus/warm(_:)``).
  private func warm() {
    let state = state
    environment.background.run { Focus.warm(state) }
  }

  /// What comes back from the background, in order (an export may finish while a reload runs: neither
  /// result may be lost).
  enum Message: Sendable {
    case action(Action)
    /// A scan or reload: its action, and the fingerprints it read at (`nil` after a failure: the change
    /// is seen again at the next poll).
    case job(FileScan?, Action)
  }

  final class Mailbox: Sendable {
    private let messages = Mutex<[Message]>([])
    func put(_ message: Message) { messages.withLock { $0.append(message) } }
    func takeAll() -> [Message] {
      messages.withLock { m in
        defer { m = [] }
        return m
      }
    }
  }
}

extension Action {
  /// Whether this action is the result of an effect (each effect sends exactly one back).
  var isEffectResult: Bool {
    switch self {
    case .exported, .exportFailed, .snapshotsListed, .exportProbed, .stepped, .historyRead, .storedWeekRead,
      .weeksCompared,
      .prefetched, .storedWeeksRead:
      true
    default: false
    }
  }
}

/// ``reduce(_:_:)``, then the layout fact the reducer needs: how many rows the focused list shows on the
/// screen as it is now (so the reducer never calls the renderer). The runtime and the tests apply
/// actions through this.
@discardableResult
public func update(_ state: inout AppState, _ action: Action) -> Effect? {
  let effect = reduce(&state, action)
  if case .tick = action { return effect }
  let visible = Renderer.focusRect(state).map { TableWidget.visibleRows(in: $0) } ?? 0
  if visible != state.visibleRows { reduce(&state, .laidOut(visibleRows: visible)) }
  return effect
}

/// The work behind ``Effect/poll`` and ``Effect/reload``: scan, re-read what changed, and check that
/// nothing changed while reading.
enum ReloadJob {
  static func run(
    force: Bool, previous: LoadResult, files: FileScan, language: Language, asOf: Day? = nil,
    _ env: DashboardEnvironment
  ) -> Runtime.Message {
    let scan = env.scan()
    let changes = scan.feeds.changes(since: files.feeds)
    guard force || !changes.isEmpty || scan.dashboards != files.dashboards else { return .job(scan, .polled) }
    let unchanged: Set<String> =
      force || changes.city ? [] : Set(previous.dataSet.offices.map(\.id)).subtracting(changes.offices)
    do {
      let load = try env.load(previous, unchanged)
      // A file replaced or truncated while it was read (an office's export still being written) gives
      // a half file: keep the last good data, say so, and try again at the next poll (the fingerprints
      // stay the old ones, so the change is seen again).
      if !env.scan().feeds.changes(since: scan.feeds).isEmpty {
        return .job(nil, .reloadFailed(Words.changedWhileReading(language)))
      }
      let report = asOf.map { env.reportAsOf(load.dataSet, $0) } ?? env.report(load.dataSet)
      let tabs = env.tabs(report)
      let text = notice(force ? nil : changes, load, previous, language)
      return .job(scan, .reloaded(load, report, tabs: tabs, loadedAt: env.timeOfDay(), notice: text))
    } catch {
      return .job(nil, .reloadFailed(Words.reloadFailure(error, language)))
    }
  }

  /// "geändert: offices/a/backlog.csv · Fehler +2", or "neu geladen".
  static func notice(_ changes: FeedFingerprint.Changes?, _ load: LoadResult, _ previous: LoadResult, _ l: Language)
    -> String
  {
    var parts: [String] = []
    if let changes, !changes.files.isEmpty {
      let names =
        changes.files.prefix(3).map { Inert.text($0) }.joined(separator: ", ") + (changes.files.count > 3 ? " …" : "")
      parts.append("\(Words.changed(l)): \(names)")
    } else {
      parts.append(Words.reloaded(l))
    }
    let de = load.errorCount - previous.errorCount
    if de != 0 { parts.append("\(Words.errors(l)) \(de > 0 ? "+" : "")\(de)") }
    return parts.joined(separator: " · ")
  }
}
