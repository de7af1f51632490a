import DigITCore
import DigITDashboard
import DigITFeeds
import DigITMetrics

/// The dashboard's runtime on a real data root, with a recording terminal, a fake clock and background
/// work that runs when the test says: what `digit` runs, minus ncurses, threads and waiting.
public final class DashboardHarness {
  public let terminal: RecordingTerminal
  public let clock = FakeClock()
  public let background = ManualBackground()
  public let runtime: Runtime
  public let environment: DashboardEnvironment

  /// - Parameters:
  ///   - load: replaces the environment's loader (to change files while "reading", or to fail).
  public init(
    root: String, asOf: Day, dashboards: String, snapshots: String, language: Language = .de, width: Int = 120,
    height: Int = 36,
    load: (@Sendable (LoadResult, Set<String>) throws -> LoadResult)? = nil
  ) throws {
    let clock = clock
    var env = DashboardEnvironment.live(
      root: root, asOf: asOf, dashboards: dashboards, snapshots: snapshots, now: { clock.now() },
      timeOfDay: { "09:14" },
      generatedAt: nil)
    env.background = background
    if let load { env.load = load }
    environment = env
    let files = env.scan()
    let loaded = try FeedLoader(root: root, asOf: asOf, checksums: true).load()
    let report = env.report(loaded.dataSet)
    terminal = RecordingTerminal(width: width, height: height)
    let state = AppState(
      load: loaded, report: report, root: root, language: language, tabs: env.tabs(report), width: width,
      height: height,
      loadedAt: "09:14", snapshotFolder: snapshots)
    runtime = Runtime(state: state, terminal: terminal, environment: env, files: files)
  }

  public var state: AppState { runtime.state }

  /// The screen as the state is now.
  public var screen: ScreenBuffer { Renderer.render(runtime.state) }

  /// Types keys and lets the loop take them (one turn); background work waits.
  @discardableResult
  public func press(_ keys: Key...) -> Runtime.End? {
    terminal.type(keys)
    return runtime.turn(timeout: 0)
  }

  /// One turn of the loop with the given input.
  @discardableResult
  public func turn(_ input: [TerminalInput] = []) -> Runtime.End? {
    terminal.script += input
    return runtime.turn(timeout: 0)
  }

  /// Runs background work and turns until nothing is left to do.
  public func settle() {
    for _ in 0..<100 {
      background.runAll()
      runtime.turn(timeout: 0)
      if !background.hasWork { return }
    }
  }

  /// Lets `seconds` pass on the fake clock and turns once (a poll may start).
  public func wait(_ seconds: Double) {
    clock.advance(by: seconds)
    runtime.turn(timeout: 0)
  }
}
