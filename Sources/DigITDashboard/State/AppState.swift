import DigITFeeds
import DigITMetrics
import Synchronization

/// A place the user can be: a dashboard tab or a drill-down screen.
public enum Screen: Hashable, Sendable {
  case dashboard(Int)
  case office(String)
  case project(String)
  case diagnostics
  case help
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

  public init(_ screen: Screen) { self.screen = screen }
}

/// Everything the dashboard shows; changed only by ``reduce(_:_:)``.
public struct AppState: Sendable {
  public var load: LoadResult
  public var report: Report
  public var root: String
  public var language: Language
  public var tabs: [DashboardTab]
  /// The navigation stack; the first frame is a dashboard tab.
  public var stack: [Frame]
  public var width: Int
  public var height: Int
  /// Typing goes into the filter of the top frame.
  public var editingFilter = false
  /// A one-line notice in the header (what a reload changed, a failure).
  public var notice: String?
  /// When the data was last loaded, e.g. `09:14`.
  public var loadedAt: String
  /// The first frame of each dashboard tab that is not shown, by tab position.
  public var tabFrames: [Int: Frame] = [:]
  /// Counts reloads; cached rows of an older generation are not used.
  public var generation = 0
  /// The filtered and sorted rows of recent frames (sorting 24,000 services on every key would cost
  /// tens of milliseconds on the large benchmark root).
  let focusCache = FocusCache()

  public init(load: LoadResult, report: Report, root: String, language: Language, tabs: [DashboardTab], width: Int, height: Int, loadedAt: String) {
    self.load = load
    self.report = report
    self.root = root
    self.language = language
    self.tabs = tabs
    self.width = width
    self.height = height
    self.loadedAt = loadedAt
    stack = [Frame(.dashboard(0))]
  }

  /// The frame on top of the stack.
  public var top: Frame {
    get { stack[stack.count - 1] }
    set { stack[stack.count - 1] = newValue }
  }

  /// The dashboard tab the stack starts from.
  public var tabIndex: Int {
    if case .dashboard(let i) = stack[0].screen { return i }
    return 0
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
  /// New data after a reload, with the load time and what changed.
  case reloaded(LoadResult, Report, tabs: [DashboardTab], loadedAt: String, notice: String)
  case reloadFailed(String)
}

/// What the main loop should do after an action.
public enum Effect: Equatable, Sendable {
  case quit
  case reload
}

/// A small memo of ``Focus`` values, keyed by everything they depend on. It is shared by copies of the
/// state (a cache, not state: a hit and a miss give the same rows), behind a lock.
final class FocusCache: Sendable {
  struct Key: Hashable {
    var screen: Screen
    var filter: String
    var sortColumn: Int?
    var descending: Bool
    var generation: Int
  }
  private let entries = Mutex<[Key: Focus]>([:])

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
