import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot
import Dispatch

/// The fingerprints of the data root's feed files and of the dashboards folder: what a poll compares.
public struct FileScan: Equatable, Sendable {
  public var feeds: FeedFingerprint
  public var dashboards: FeedFingerprint

  public init(feeds: FeedFingerprint, dashboards: FeedFingerprint) {
    self.feeds = feeds
    self.dashboards = dashboards
  }
}

/// Everything the dashboard's runtime does outside its state — the clock, the file-system probe, loading,
/// exporting and listing snapshots, and where background work runs — injected, so that the whole loop
/// runs against a recording terminal, a fake clock and a temporary folder in tests.
public struct DashboardEnvironment: Sendable {
  /// Monotonic seconds (only differences count).
  public var now: @Sendable () -> Double
  /// The local time of day for the header, `09:14:05`.
  public var timeOfDay: @Sendable () -> String
  /// A moment (seconds since 1970) in local time, for the files' modification times.
  public var localTime: @Sendable (Int) -> FileTime
  /// Fingerprints the feed files and the dashboard files.
  public var scan: @Sendable () -> FileScan
  /// Loads the data root again, re-reading every office of `previous` that is not `unchanged`.
  public var load: @Sendable (_ previous: LoadResult, _ unchanged: Set<String>) throws -> LoadResult
  /// Computes the report of a data set (as of the dashboard's day).
  public var report: @Sendable (DataSet) -> Report
  /// Computes the report of a data set as of another day (a week step: `[` and `]`).
  public var reportAsOf: @Sendable (DataSet, Day) -> Report
  /// Reads the stored weeks' project RAG from `history.sqlite` (for the heatmap).
  public var readHistory: @Sendable () -> HistoryGrid
  /// Reads a stored week of the snapshot folder for the dashboard (Enter on the Snapshots screen).
  public var readStoredWeek: @Sendable (ISOWeek) -> Result<StoredReport, StoreError>
  /// Reads the dashboard definitions for a report.
  public var tabs: @Sendable (Report) -> [DashboardTab]
  /// Whether a week is stored in the snapshot folder.
  public var snapshotExists: @Sendable (ISOWeek) -> Bool
  /// Exports a week (all formats) and says how it went: ``Action/exported(_:)`` or ``Action/exportFailed(_:)``.
  public var export: @Sendable (_ load: LoadResult, _ report: Report, _ language: Language, _ replace: Bool) -> Action
  /// Lists the snapshot folder: ``Action/snapshotsListed(_:)``.
  public var listSnapshots: @Sendable () -> Action
  /// Where work off the UI thread runs.
  public var background: any BackgroundRunner

  public init(
    now: @escaping @Sendable () -> Double, timeOfDay: @escaping @Sendable () -> String,
    localTime: @escaping @Sendable (Int) -> FileTime, scan: @escaping @Sendable () -> FileScan,
    load: @escaping @Sendable (LoadResult, Set<String>) throws -> LoadResult,
    report: @escaping @Sendable (DataSet) -> Report,
    tabs: @escaping @Sendable (Report) -> [DashboardTab], snapshotExists: @escaping @Sendable (ISOWeek) -> Bool,
    export: @escaping @Sendable (LoadResult, Report, Language, Bool) -> Action,
    listSnapshots: @escaping @Sendable () -> Action,
    background: any BackgroundRunner,
    reportAsOf: @escaping @Sendable (DataSet, Day) -> Report = { Aggregator($0).report(asOf: $1) },
    readHistory: @escaping @Sendable () -> HistoryGrid = { HistoryGrid() },
    readStoredWeek: @escaping @Sendable (ISOWeek) -> Result<StoredReport, StoreError> = {
      .failure(StoreError(.io, "\($0) is not stored"))
    }
  ) {
    self.readStoredWeek = readStoredWeek
    self.reportAsOf = reportAsOf
    self.readHistory = readHistory
    self.now = now
    self.timeOfDay = timeOfDay
    self.localTime = localTime
    self.scan = scan
    self.load = load
    self.report = report
    self.tabs = tabs
    self.snapshotExists = snapshotExists
    self.export = export
    self.listSnapshots = listSnapshots
    self.background = background
  }

  /// The real one: the data root `root` as of `asOf` (read with checksums, so that `e` can export what is
  /// shown), the dashboards of `dashboards` (the built-in overview where there are none), snapshots in
  /// `snapshots`, work on Dispatch's global queues.
  public static func live(
    root: String, asOf: Day, dashboards: String, snapshots: String, now: @escaping @Sendable () -> Double,
    timeOfDay: @escaping @Sendable () -> String,
    localTime: @escaping @Sendable (Int) -> FileTime = DashboardEnvironment.utc,
    generatedAt: String?
  ) -> DashboardEnvironment {
    DashboardEnvironment(
      now: now, timeOfDay: timeOfDay, localTime: localTime,
      scan: { FileScan(feeds: FeedFingerprint.scan(root), dashboards: FeedFingerprint.scan(dashboards, depth: 1)) },
      load: { previous, unchanged in
        try FeedLoader(root: root, asOf: asOf, checksums: true).load(reusing: previous, unchanged: unchanged)
      },
      report: { Aggregator($0).report(asOf: asOf) },
      tabs: { DashboardLoader.tabs(folder: dashboards, report: $0) },
      snapshotExists: { SnapshotStore(folder: snapshots).contains($0) },
      export: { load, report, language, replace in
        SnapshotJobs.export(
          load: load, report: report, root: root, folder: snapshots, language: language, generatedAt: generatedAt,
          replace: replace)
      },
      listSnapshots: { SnapshotJobs.list(folder: snapshots) },
      background: DispatchBackground(),
      readHistory: { History(store: SnapshotStore(folder: snapshots)).grid() },
      readStoredWeek: { week in
        Result { () throws(StoreError) -> StoredReport in
          try StoredReport.read(week, from: SnapshotStore(folder: snapshots))
        }
      })
  }
}

extension DashboardEnvironment {
  /// A moment in UTC (for tests and where no local time zone is known).
  @Sendable public static func utc(_ seconds: Int) -> FileTime {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let rest = seconds - days * 86_400
    return FileTime(
      day: Day(year: 1970, month: 1, day: 1)!.adding(days: days), hour: rest / 3600, minute: rest / 60 % 60)
  }
}

/// Runs work off the UI thread. Exports are tracked: the process must not end with a half-written week.
public protocol BackgroundRunner: Sendable {
  /// Runs `work` off the UI thread.
  func run(_ work: @escaping @Sendable () -> Void)
  /// Runs an export off the UI thread, tracked by ``waitForExports(seconds:)``.
  func runExport(_ work: @escaping @Sendable () -> Void)
  /// Waits up to `seconds` for the running exports; whether they are all done.
  func waitForExports(seconds: Double) -> Bool
}

/// Background work on Dispatch's global queues.
public final class DispatchBackground: BackgroundRunner {
  private let exports = DispatchGroup()

  public init() {}

  public func run(_ work: @escaping @Sendable () -> Void) { DispatchQueue.global().async(execute: work) }

  public func runExport(_ work: @escaping @Sendable () -> Void) {
    DispatchQueue.global().async(group: exports, execute: work)
  }

  public func waitForExports(seconds: Double) -> Bool {
    exports.wait(timeout: .now() + .milliseconds(Int(seconds * 1000))) == .success
  }
}
