import DigITCore
import DigITDashboard
import Synchronization

/// A terminal for tests: input comes from a script, every frame is kept, and what the runtime asked of
/// the terminal (start, suspend, resume, restore) is counted. Drives the whole dashboard loop in
/// milliseconds, with no tmux and no tty.
public final class RecordingTerminal: TerminalBackend, @unchecked Sendable {
  public var width: Int
  public var height: Int
  /// Input still to be read, in order; when it is empty, reads return `.none`.
  public var script: [TerminalInput] = []
  /// Every frame drawn, oldest first.
  public private(set) var frames: [ScreenBuffer] = []
  public private(set) var started = 0
  public private(set) var suspended = 0
  public private(set) var resumed = 0
  public private(set) var restored = 0
  public private(set) var invalidated = 0
  /// Whether mouse reporting is on (``setMouse(_:)``).
  public private(set) var mouse = false

  public init(width: Int = 120, height: Int = 36) {
    self.width = width
    self.height = height
  }

  public var size: (width: Int, height: Int) { (width, height) }
  public func start() { started += 1 }
  public func present(_ buffer: ScreenBuffer) { frames.append(buffer) }
  public func invalidate() { invalidated += 1 }
  public func read(timeout milliseconds: Int) -> TerminalInput { script.isEmpty ? .none : script.removeFirst() }
  public func suspend() { suspended += 1 }
  public func resume() { resumed += 1 }
  public func restore() { restored += 1 }
  public func setMouse(_ on: Bool) { mouse = on }

  /// The last frame drawn.
  public var screen: ScreenBuffer? { frames.last }

  /// Queues keys.
  public func type(_ keys: [Key]) { script += keys.map(TerminalInput.key) }

  /// Queues a click of the left button (press and release) at a cell.
  public func click(x: Int, y: Int) {
    script += [.mouse(MouseEvent(.press, x: x, y: y)), .mouse(MouseEvent(.release, x: x, y: y))]
  }

  /// Queues a turn of the wheel at a cell.
  public func wheel(down: Bool, x: Int, y: Int) {
    script.append(.mouse(MouseEvent(down ? .wheelDown : .wheelUp, .none, x: x, y: y)))
  }

  /// Changes the size and queues the resize event a terminal sends.
  public func resize(width: Int, height: Int) {
    self.width = width
    self.height = height
    script.append(.resize)
  }
}

/// Background work that runs only when the test says so: a test sees the state *while* an export or a
/// reload runs, and then after it.
public final class ManualBackground: BackgroundRunner, @unchecked Sendable {
  private let queue = Mutex<[@Sendable () -> Void]>([])

  /// Called as each piece of work is handed over (before it is queued): a test notes what the loop had
  /// done by then.
  public var onHandOver: (() -> Void)? = nil

  public init() {}

  public func run(_ work: @escaping @Sendable () -> Void) {
    onHandOver?()
    queue.withLock { $0.append(work) }
  }
  public func runExport(_ work: @escaping @Sendable () -> Void) { run(work) }
  public func waitForExports(seconds: Double) -> Bool { queue.withLock { $0.isEmpty } }

  /// Whether work is waiting.
  public var hasWork: Bool { queue.withLock { !$0.isEmpty } }

  /// Runs the waiting work (and what it queues in turn) in order, on the calling thread.
  public func runAll() {
    while let work = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { work() }
  }
}

/// A monotonic clock that moves only when the test moves it.
public final class FakeClock: Sendable {
  private let seconds = Mutex<Double>(1000)

  public init() {}

  public func now() -> Double { seconds.withLock { $0 } }
  public func advance(by delta: Double) { seconds.withLock { $0 += delta } }
}
