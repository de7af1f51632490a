import DigITCore

/// What the dashboard needs of a terminal: its size, drawing a screen, the next input, and handing the
/// terminal back (suspend, restore). `digit`'s ncurses backend implements it; tests use a recording
/// terminal that replays scripted input and keeps every frame.
///
/// A backend only turns raw input into ``TerminalInput`` values and copies cells; it decides nothing.
public protocol TerminalBackend: AnyObject {
  /// The size in cells.
  var size: (width: Int, height: Int) { get }
  /// Takes the terminal (alternate screen, raw keys).
  func start()
  /// Draws a frame (only what differs from the last one, where the backend can tell).
  func present(_ buffer: ScreenBuffer)
  /// Forgets the last frame: the next one is drawn whole (after a resize or a continue).
  func invalidate()
  /// The next input, waiting at most `milliseconds` (0: only what is there already).
  func read(timeout milliseconds: Int) -> TerminalInput
  /// Gives the terminal back to the shell and stops the process until it is continued (Ctrl-Z).
  func suspend()
  /// Takes the terminal again after a continue and redraws everything.
  func resume()
  /// Gives the terminal back for good.
  func restore()
}

/// One input event, as a backend reports it.
public enum TerminalInput: Equatable, Sendable {
  case key(Key)
  /// The terminal changed its size.
  case resize
  /// A signal asked the dashboard to end (its number: SIGINT, SIGTERM, SIGHUP, SIGQUIT …).
  case stop(Int32)
  /// Ctrl-Z: suspend.
  case suspend
  /// The process was continued after a stop (from `fg` or from outside): take the terminal again.
  case continued
  /// The terminal is gone (end of input without a SIGHUP).
  case hangup
  /// Nothing came within the timeout.
  case none
}
