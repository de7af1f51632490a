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
  /// Turns mouse reporting on or off (clicks, the wheel). While it is on, terminals select text with Shift
  /// held down. The backend keeps it across suspend and resume.
  func setMouse(_ on: Bool)
}

/// One input event, as a backend reports it.
public enum TerminalInput: Equatable, Sendable {
  case key(Key)
  /// A mouse button or the wheel (only while mouse reporting is on).
  case mouse(MouseEvent)
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

/// A mouse event, in cells from the top left corner (0-based).
public struct MouseEvent: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    case press, release
    /// Moved with a button held down.
    case drag
    case wheelUp, wheelDown
  }
  public enum Button: Equatable, Sendable { case left, middle, right, none }
  /// Keys held down with the event.
  public struct Modifiers: OptionSet, Equatable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let shift = Modifiers(rawValue: 1)
    public static let alt = Modifiers(rawValue: 2)
    public static let control = Modifiers(rawValue: 4)
  }

  public var kind: Kind
  public var button: Button
  public var x: Int
  public var y: Int
  public var modifiers: Modifiers

  public init(_ kind: Kind, _ button: Button = .left, x: Int, y: Int, modifiers: Modifiers = []) {
    self.kind = kind
    self.button = button
    self.x = x
    self.y = y
    self.modifiers = modifiers
  }

  /// An SGR mouse report (mode 1006) after its `ESC [ <`: `0;10;5M` is a press of the left button in
  /// column 10, row 5 (1-based on the wire), `m` ends a release; 64/65 are the wheel; +4 Shift, +8 Alt,
  /// +16 Ctrl, +32 motion. `nil` for anything else.
  public static func sgr(_ body: String) -> MouseEvent? {
    guard let last = body.last, last == "M" || last == "m" else { return nil }
    let parts = body.dropLast().split(separator: ";", omittingEmptySubsequences: false)
    guard parts.count == 3, let code = Int(parts[0]), let column = Int(parts[1]), let row = Int(parts[2]),
      code >= 0, column >= 1, row >= 1
    else { return nil }
    var modifiers: Modifiers = []
    if code & 4 != 0 { modifiers.insert(.shift) }
    if code & 8 != 0 { modifiers.insert(.alt) }
    if code & 16 != 0 { modifiers.insert(.control) }
    let low = code & 3
    let kind: Kind
    var button: Button = [Button.left, .middle, .right, .none][low]
    if code & 64 != 0 {
      guard low <= 1 else { return nil }  // horizontal wheels: not used
      kind = low == 0 ? .wheelUp : .wheelDown
      button = .none
    } else if code & 32 != 0 {
      kind = .drag
    } else {
      kind = last == "m" ? .release : .press
    }
    return MouseEvent(kind, button, x: column - 1, y: row - 1, modifiers: modifiers)
  }
}
