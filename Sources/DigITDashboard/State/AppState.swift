import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot
import Synchronization

/// A place the user can be: a dashboard tab or a drill-down screen.
public enum Screen: Hashable, Sendable {
  case dashboard(Int)
  case office(String)
  case project(String)
  case diagnostics
  case help
  /// The stored weekly snapshots (and the outcome of the last export).
  case snapshots
  /// Every office's feed files: what they cover, rows read and skipped, their problems.
  case deliveries
  /// The search over the whole city (`:`); the frame's filter is the query.
  case search
  /// One KPI of the city (by id): its weekly series against its target.
  case kpi(String)
  /// One OZG service (by id) in every office that offers it, side by side.
  case service(String)
  /// Two stored weeks marked on the Snapshots screen, their difference structured like the briefing
  /// (``AppState/comparison``).
  case comparison
}

/// Two stored weeks and their difference, as the ``Effect/compareStoredWeeks(_:_:)`` effect read them.
public struct WeekComparison: Sendable {
  /// The earlier and the later week.
  public var from: ISOWeek
  public var to: ISOWeek
  /// The later week against the earlier one, in the briefing's order.
  public var briefing: Briefing

  public init(from: ISOWeek, to: ISOWeek, briefing: Briefing) {
    self.from = from
    self.to = to
    self.briefing = briefing
  }
}

/// One level of the navigation stack with its own selection, scroll position, sort and filter, so that
/// going back (and reloading) finds everything where it was.
public struct Frame: Equatable, Sendable {
  public var screen: Screen
  public var selection = 0
  public var offset = 0
  /// Index into the screen's sortable columns; `nil`: the default order.
  public var sortColumn: Int?
  public var descending = false
  public var filter = ""
  /// Which of the screen's lists has the focus (a dashboard's tables and lists in file order; on an
  /// office screen its projects, services, KPIs).
  public var panel = 0

  public init(_ screen: Screen) { self.screen = screen }
}

/// Everything the dashboard shows; changed only by ``reduce(_:_:)``.
public struct AppState: Sendable {
  public var load: LoadResult
  public var report: Report
  public var root: String
  public var language: Language {
    didSet {
      briefingSections = briefing.sections(language, catalog: report.catalog)
      comparisonSections = comparison?.briefing.sections(language, catalog: report.catalog) ?? []
    }
  }
  public var tabs: [DashboardTab]
  /// The navigation stack; the first frame is a dashboard tab.
  public var stack: [Frame]
  public var width: Int
  public var height: Int
  /// Typing goes into the filter of the top frame.
  public var editingFilter = false
  /// A one-line notice in the header (what a reload changed, a failure).
  public var notice: String?
  /// Whether the notice reports a failure (shown as an error, not a warning).
  public var noticeIsError = false
  /// When the data was last loaded, e.g. `09:14`.
  public var loadedAt: String
  /// The first frame of each dashboard tab that is not shown, by tab position.
  public var tabFrames: [Int: Frame] = [:]
  /// Counts reloads; cached rows of an older generation are not used.
  public var generation = 0
  /// The filtered and sorted rows of recent frames (sorting 24,000 services on every key would cost
  /// tens of milliseconds on the large benchmark root).
  let focusCache = FocusCache()
  /// The folder of weekly snapshots (`--snapshots`) that `e` writes into and the Snapshots screen lists.
  public var snapshotFolder: String
  /// The stored weeks of ``snapshotFolder``, newest first, as last listed by the ``Effect/listSnapshots``
  /// effect (the screen shows this list; it never reads the folder itself).
  public var snapshots: [SnapshotStore.StoredWeek] = []
  /// Why the folder could not be listed the last time, if it could not.
  public var snapshotsError: String?
  /// Whether the folder has been listed at all (until then the screen shows that it is being read).
  public var snapshotsListed = false
  /// The week whose existing snapshot `e` asks to replace: the footer shows the question until `j`/`y`
  /// or `n`/Esc.
  public var confirmingReplace: ISOWeek?
  /// An export runs in the background; `e` waits for it.
  public var exporting = false
  /// What the last export of this session did, shown at the top of the Snapshots screen.
  public var lastExport: ExportOutcome?
  /// How the as-of day was chosen: the header shows "Stand 22.11.2026 · Datenstand" when it is the
  /// data's Datenstand rather than today or a given day.
  public var asOfChoice: AsOfChoice?
  /// How many rows of the focused list the screen shows, as last laid out (``Action/laidOut(visibleRows:)``):
  /// the page for PgUp/PgDn and the window the selection is kept in.
  public var visibleRows = 10
  /// When the files were last scanned for changes (monotonic seconds, from ``Action/tick(now:)``).
  public var lastPoll: Double = 0
  /// A scan or reload runs in the background; the next one waits for its result.
  public var jobRunning = false
  /// `r` was pressed while a job ran: reload as soon as it ends.
  public var reloadRequested = false

  /// When each file of the data root was last modified, in local time, by relative path
  /// (`offices/buergeramt/projects.csv`), as the runtime's last file scan found it
  /// (``Action/filesScanned(_:)``).
  public var fileTimes: [String: FileTime] = [:]

  /// Whether the terminal reports the mouse (off with `digit dash --no-mouse`); the help says how to use it.
  public var mouse = true
  /// Where the last frame drew what a click can reach (``Action/regions(_:)``).
  public var regions: [HitRegion] = []
  /// The last click on a row, for telling a double click (``doubleClickInterval``).
  public var lastClick: (depth: Int, row: Int, at: Double)?

  /// Two clicks on the same row within this many seconds open it.
  public static let doubleClickInterval: Double = 0.4
  /// The week's briefing (the briefing panel shows it): against the stored week before when
  /// ``storedWeeks`` has it, else against the feeds as of 7 days earlier. Recomputed by the reducer when
  /// the data or the stored weeks change.
  public var briefing: Briefing {
    didSet { briefingSections = briefing.sections(language, catalog: report.catalog) }
  }
  /// ``briefing``'s sections in words, made once when it is set (a panel's rows and their keys read them
  /// for every row: made per call, a stored week took 0.29 s into the state on the 40-office root).
  public private(set) var briefingSections: [Briefing.Section] = []
  /// The stored weeks the briefing compares with, as last read (``Effect/readStoredWeeks(_:)``).
  public var storedWeeks: StoredWeeks?
  /// The report week whose stored weeks were last asked for (asked again when the week changes).
  public var storedWeeksAsked: ISOWeek?
  /// The stored week marked on the Snapshots screen (`m`); `m` on a second week compares the two.
  public var markedWeek: ISOWeek?
  /// The last comparison of two stored weeks (the ``Screen/comparison`` screen shows it).
  public var comparison: WeekComparison? {
    didSet { comparisonSections = comparison?.briefing.sections(language, catalog: report.catalog) ?? [] }
  }
  /// ``comparison``'s sections in words, made once when it is set.
  public private(set) var comparisonSections: [Briefing.Section] = []
  /// How many weeks before the live as-of day the report on screen is (`[` and `]` step it, `t` returns
  /// to 0): its as-of day is the live one minus 7 days per week.
  public var weeksBack = 0
  /// The weeks back the user asked for; a step runs in the background and ends at ``weeksBack``.
  public var wantedWeeksBack = 0
  /// How far back the week steps go.
  public static let maximumWeeksBack = 52
  /// Reports of the weeks next to the one shown (and of the live one), by weeks back, computed in the
  /// background after each step (``Effect/prefetchWeeks(_:)``): a step to one of them is immediate.
  public var nearby: [Int: Report] = [:]
  /// Counts the data loaded (reloads): nearby reports of older data are not used.
  public var loads = 0
  /// A stored week shown instead of the live data (Enter on the Snapshots screen), read-only; `t` returns.
  public var stored: StoredView?
  /// Past weeks' project RAG per office from `history.sqlite` (the heatmap reads it), as last read by
  /// ``Effect/readHistory``.
  public var history = HistoryGrid()

  /// Seconds between two scans of the files for changes.
  public static let pollInterval: Double = 2

  public init(
    load: LoadResult, report: Report, root: String, language: Language, tabs: [DashboardTab], width: Int, height: Int,
    loadedAt: String,
    snapshotFolder: String = "Snapshots"
  ) {
    self.load = load
    self.report = report
    self.root = root
    self.language = language
    self.tabs = tabs
    self.width = width
    self.height = height
    self.loadedAt = loadedAt
    self.snapshotFolder = snapshotFolder
    briefing = BriefingRows.compute(report, stored: nil)
    briefingSections = briefing.sections(language, catalog: report.catalog)
    stack = [Frame(.dashboard(0))]
  }

  /// The frame on top of the stack.
  public var top: Frame {
    get { stack[stack.count - 1] }
    set { stack[stack.count - 1] = newValue }
  }

  /// The as-of day of the live data (the report's own day when no week step is in effect).
  public var liveAsOf: Day { report.asOf.adding(days: 7 * weeksBack) }

  /// The as-of day of a step `weeks` before the live day.
  public func asOf(weeksBack weeks: Int) -> Day { liveAsOf.adding(days: -7 * weeks) }

  /// The dashboard tab the stack starts from.
  public var tabIndex: Int {
    if case .dashboard(let i) = stack[0].screen { return i }
    return 0
  }
}

/// A stored week on screen in place of the live data, and the live data to return to (kept up to date by
/// reloads meanwhile).
public struct StoredView: Sendable {
  /// The stored week shown.
  public var week: ISOWeek
  /// The live data: what `t` brings back.
  public var load: LoadResult
  public var report: Report
  public var tabs: [DashboardTab]
}

/// A moment in local time, to the minute: when a file was last modified.
public struct FileTime: Equatable, Sendable {
  public var day: Day
  public var hour: Int
  public var minute: Int

  public init(day: Day, hour: Int, minute: Int) {
    self.day = day
    self.hour = hour
    self.minute = minute
  }
}

/// A key, as the terminal reports it.
public enum Key: Equatable, Sendable {
  case up, down, left, right, pageUp, pageDown, home, end, enter, backspace, escape, tab, backTab, interrupt
  case char(Character)
}

/// Everything that can happen to the dashboard.
public enum Action: Sendable {
  case key(Key)
  case resized(width: Int, height: Int)
  /// Time passed: the loop sends it on every turn with the monotonic clock, and polling follows from it.
  case tick(now: Double)
  /// The files' modification times, as the last scan found them (local time, by relative path).
  case filesScanned([String: FileTime])
  /// The screen was laid out anew: its focused list shows this many rows.
  case laidOut(visibleRows: Int)
  /// The last frame drawn put these clickable things here (tabs, breadcrumb, rows): the renderer's record,
  /// which the runtime hands back after each frame.
  case regions([HitRegion])
  /// A mouse event, with the monotonic time it came at (for double clicks).
  case mouse(MouseEvent, at: Double)
  /// The files were scanned and nothing changed (the result of ``Effect/poll``).
  case polled
  /// Whether the week `e` wants to export is stored already (the result of ``Effect/probeExport(_:)``).
  case exportProbed(ISOWeek, exists: Bool)
  /// New data after a reload, with the load time and what changed.
  case reloaded(LoadResult, Report, tabs: [DashboardTab], loadedAt: String, notice: String)
  case reloadFailed(String)
  /// The week was written (the result of ``Effect/export(replace:)``).
  case exported(Exporter.Result)
  /// The export failed; the reason in plain words (a `StoreError`'s description).
  case exportFailed(String)
  /// The snapshot folder was listed (the result of ``Effect/listSnapshots``).
  case snapshotsListed(Result<[SnapshotStore.StoredWeek], StoreError>)
  /// The stored weeks the briefing compares with were read (the result of ``Effect/readStoredWeeks(_:)``).
  case storedWeeksRead(StoredWeeks)
  /// The report as of another day, `weeksBack` weeks before the live one (the result of
  /// ``Effect/stepWeeks(asOf:weeksBack:)``).
  case stepped(Report, weeksBack: Int)
  /// The project RAG of the stored weeks (the result of ``Effect/readHistory``).
  case historyRead(HistoryGrid)
  /// Reports of the weeks next to the one shown, computed from the data of load number `loads` (the
  /// result of ``Effect/prefetchWeeks(_:)``).
  case prefetched([Int: Report], loads: Int)
  /// A stored week read from its `snapshot.json` (the result of ``Effect/readStoredWeek(_:)``).
  case storedWeekRead(ISOWeek, Result<StoredReport, StoreError>)
  /// Two stored weeks were compared (the result of ``Effect/compareStoredWeeks(_:_:)``).
  case weeksCompared(Result<WeekComparison, StoreError>)
}

/// What the main loop should do after an action: I/O that the reducer never does itself. Each result
/// comes back as an ``Action``.
public enum Effect: Equatable, Sendable {
  case quit
  /// Scan the files; re-read the offices whose files changed (``Action/reloaded(_:_:tabs:loadedAt:notice:)``),
  /// or say nothing changed (``Action/polled``).
  case poll
  /// Re-read everything (``Action/reloaded(_:_:tabs:loadedAt:notice:)`` or ``Action/reloadFailed(_:)``).
  case reload
  /// Find out whether the week is stored already (``Action/exportProbed(_:exists:)``).
  case probeExport(ISOWeek)
  /// Export the week of the state's report (with its load) into the snapshot folder, off the UI thread,
  /// and deliver ``Action/exported(_:)`` or ``Action/exportFailed(_:)``. `replace`: the user confirmed
  /// replacing the stored week.
  case export(replace: Bool)
  /// List the snapshot folder and deliver ``Action/snapshotsListed(_:)``.
  case listSnapshots
  /// Read the stored week before the report week and the one four weeks before, for the briefing, and
  /// deliver ``Action/storedWeeksRead(_:)``.
  case readStoredWeeks(ISOWeek)
  /// Compute the report of the loaded data as of `asOf` and deliver ``Action/stepped(_:weeksBack:)``.
  case stepWeeks(asOf: Day, weeksBack: Int)
  /// Read the stored weeks' project RAG from `history.sqlite` and deliver ``Action/historyRead(_:)``.
  case readHistory
  /// Compute the reports these many weeks back (as of the live day minus 7 days each) and deliver
  /// ``Action/prefetched(_:loads:)``.
  case prefetchWeeks([Int])
  /// Read a stored week's `snapshot.json` and deliver ``Action/storedWeekRead(_:_:)``.
  case readStoredWeek(ISOWeek)
  /// Read two stored weeks' `snapshot.json` (the earlier, the later) and deliver
  /// ``Action/weeksCompared(_:)``.
  case compareStoredWeeks(ISOWeek, ISOWeek)
}

/// What an export from the dashboard did: the files written, or why nothing was.
public enum ExportOutcome: Sendable {
  case written(Exporter.Result)
  case failed(String)
}

/// A small memo of ``Focus`` values, keyed by everything they depend on. It is shared by copies of the
/// state (a cache, not state: a hit and a miss give the same rows), behind a lock.
final class FocusCache: Sendable {
  struct Key: Hashable {
    var screen: Screen
    var panel: Int
    var filter: String
    var sortColumn: Int?
    var descending: Bool
    var generation: Int
  }
  private let entries = Mutex<[Key: Focus]>([:])
  /// Everything the city-wide search looks through, for one data generation (built at the first search).
  private let searchable = Mutex<(generation: Int, index: SearchIndex)?>(nil)

  func searchIndex(_ generation: Int, _ make: () -> SearchIndex) -> SearchIndex {
    if let s = searchable.withLock({ $0 }), s.generation == generation { return s.index }
    let index = make()
    searchable.withLock { $0 = (generation, index) }
    return index
  }

  func cached(_ key: Key) -> Focus? { entries.withLock { $0[key] } }

  func focus(_ key: Key, _ make: () -> Focus) -> Focus {
    if let f = cached(key) { return f }
    let f = make()
    entries.withLock {
      if $0.count > 128 { $0.removeAll(keepingCapacity: true) }
      $0[key] = f
    }
    return f
  }
}
