import CNcursesw
import DigITCore
import DigITDashboard
import DigITFeeds

#if canImport(Glibc)
  import Glibc
#endif

/// The only code that touches ncurses: it starts and restores the terminal, copies a ``ScreenBuffer`` to
/// the screen (only the rows that changed), and turns key codes — and the flags the signal handlers set
/// (see ``Signals``) — into ``TerminalInput`` values.
final class NcursesTerminal: TerminalBackend {
  private var last: ScreenBuffer?
  private var colors = false
  private(set) var started = false
  /// Mouse reporting is on (``setMouse(_:)``).
  private var mouse = false
  /// Input read ahead while telling an SGR mouse report from Esc, handed out first.
  private var queued: [TerminalInput] = []

  /// The terminal's sequence that ends mouse reports (after `endwin`, which knows nothing of them).
  static let mouseOff = "\u{1B}[?1006l\u{1B}[?1000l"
  /// Presses, releases and the wheel (1000), as SGR reports (1006).
  static let mouseOn = "\u{1B}[?1000h\u{1B}[?1006h"

  /// Starts curses. With a locale that is not UTF-8 (`LANG` unset gives ASCII), switches to C.UTF-8 so
  /// that umlauts and box characters render. Prepares ``emergencyRestore()`` and, while curses owns the
  /// screen, keeps what is written to stderr (see ``CrashRestore``).
  func start() {
    setlocale(LC_ALL, "")
    if !Self.isUTF8() { setlocale(LC_ALL, "C.UTF-8") }
    let crash = CrashRestore.shared
    crash.pointee.hasModes = tcgetattr(1, &crash.pointee.modes) == 0  // the shell's modes, before curses changes them
    initscr()
    started = true
    crash.pointee.prepare()
    cbreak()
    noecho()
    nonl()
    keypad(digit_stdscr(), true)
    set_escdelay(25)
    curs_set(0)
    colors = has_colors() && getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true
    if colors {
      start_color()
      use_default_colors()
      for role in Role.allCases {
        let (fg, bg) = Theme.colors(role)
        init_pair(Int16(role.rawValue) + 1, fg?.rawValue ?? -1, bg?.rawValue ?? -1)
      }
    }
    last = nil
  }

  /// Why curses cannot draw on this terminal (checked without `initscr`, which ends the process with
  /// "Error opening terminal" when TERM names no terminfo entry); `nil` when it can.
  static func unusableTerminal() -> String? {
    let term = Inert.message(getenv("TERM").map { String(cString: $0) } ?? "")
    switch digit_terminal_usable() {
    case 1: return nil
    case -1: return "no terminal description database (terminfo) was found for TERM=\(term)"
    case -2: return "the terminal TERM=\(term) cannot move the cursor"
    default: return "the terminal type TERM=\(term) is unknown here (no terminfo entry)"
    }
  }

  static func isUTF8() -> Bool {
    guard let cs = digit_codeset() else { return false }
    let name = String(cString: cs).uppercased()
    return name == "UTF-8" || name == "UTF8"
  }

  /// The curses attributes of a style: its colour pair, or the theme's monochrome emphasis.
  func attributes(_ style: Style) -> Int32 {
    var a: Int32 = style.bold ? digit_attr_bold() : 0
    if colors {
      a |= digit_color_pair(Int32(style.role.rawValue) + 1)
    } else {
      switch Theme.monochrome(style.role) {
      case .reverse: a |= digit_attr_reverse()
      case .bold: a |= digit_attr_bold()
      case .dim: a |= digit_attr_dim()
      case .none: break
      }
    }
    return a
  }

  var size: (width: Int, height: Int) { (Int(digit_cols()), Int(digit_lines())) }

  /// Draws the rows that differ from the last frame.
  func present(_ buffer: ScreenBuffer) {
    let redrawAll = last == nil || last!.width != buffer.width || last!.height != buffer.height
    if redrawAll { erase() }
    for y in 0..<buffer.height {
      if !redrawAll, let last, (0..<buffer.width).allSatisfy({ last[$0, y] == buffer[$0, y] }) { continue }
      var x = 0
      while x < buffer.width {
        let style = buffer[x, y].style
        var text = ""
        let start = x
        while x < buffer.width && buffer[x, y].style == style {
          if !buffer[x, y].isContinuation { text.append(buffer[x, y].character) }
          x += 1
        }
        attrset(attributes(style))
        // The bottom-right cell makes curses scroll; leave it out.
        if y == buffer.height - 1 && x == buffer.width, !text.isEmpty { text.removeLast() }
        mvaddstr(Int32(y), Int32(start), text)
      }
    }
    attrset(0)
    refresh()
    last = buffer
  }

  /// Forces a full redraw next time (after a resize or a resume).
  func invalidate() { last = nil }

  /// Ctrl-Z: the terminal as the shell had it, then the process stops until it is continued.
  func suspend() {
    if started {
      endwin()
      if mouse { Self.write(Self.mouseOff) }
    }
    Signals.stopUntilContinued()
  }

  /// Mouse reports on or off (1000 with SGR coordinates, 1006), read by ``escape()``. Terminals still
  /// select text with Shift.
  func setMouse(_ on: Bool) {
    guard started, on != mouse else { return }
    mouse = on
    digit_mouse_key_off()
    Self.write(on ? Self.mouseOn : Self.mouseOff)
  }

  static func write(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
  }

  /// After the process continued: curses' terminal modes, and the whole screen cleared and drawn again
  /// by the next ``present(_:)`` (after `endwin` the next refresh also enters the alternate screen).
  func resume() {
    guard started else { return }
    reset_prog_mode()
    clearok(digit_stdscr(), true)
    if mouse { Self.write(Self.mouseOn) }
    last = nil
  }

  /// Waits up to `milliseconds` for a key; a signal that arrived (or arrives while waiting: it interrupts
  /// the wait) comes first.
  func read(timeout milliseconds: Int) -> TerminalInput {
    if let signal = Self.pendingSignal() { return signal }
    if !queued.isEmpty { return queued.removeFirst() }
    timeout(Int32(clamping: milliseconds))
    var ch: UInt32 = 0
    let r = digit_get_wch(&ch)
    if let signal = Self.pendingSignal() { return signal }
    if r != ERR && r != digit_key_code_yes() && ch == 27 { return escape() }
    if r == ERR {
      // A terminal that is gone makes every read fail at once. Without a SIGHUP (a process outside the
      // terminal's session, e.g. started by setsid) the loop then spun at full speed forever.
      var p = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
      if poll(&p, 1, 0) == 1 && p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .hangup }
      return .none
    }
    return translate(r, ch)
  }

  /// A key code or character as input (Esc as the key).
  private func translate(_ r: Int32, _ ch: UInt32) -> TerminalInput {
    if r == digit_key_code_yes() {
      switch Int32(ch) {
      case digit_key_resize(): return .resize
      case KEY_UP: return .key(.up)
      case KEY_DOWN: return .key(.down)
      case KEY_LEFT: return .key(.left)
      case KEY_RIGHT: return .key(.right)
      case KEY_PPAGE: return .key(.pageUp)
      case KEY_NPAGE: return .key(.pageDown)
      case KEY_HOME: return .key(.home)
      case KEY_END: return .key(.end)
      case KEY_ENTER: return .key(.enter)
      case KEY_BACKSPACE: return .key(.backspace)
      case KEY_BTAB: return .key(.backTab)
      default: return .none
      }
    }
    switch ch {
    case 10, 13: return .key(.enter)
    case 27: return .key(.escape)
    case 9: return .key(.tab)
    case 8, 127: return .key(.backspace)
    case 3: return .key(.interrupt)
    default:
      guard ch >= 32, let scalar = Unicode.Scalar(ch) else { return .none }
      return .key(.char(Character(scalar)))
    }
  }

  /// After Esc: a whole control sequence — a mouse report, a key curses did not know (End inside tmux
  /// with `TERM=xterm-256color`), or one the dashboard ignores — decoded by ``EscapeSequence``; or Esc
  /// itself, and then the characters read ahead come as keys. The first character after the Esc must be
  /// there already; the rest of a started sequence may take a moment (a slow line, a loaded machine).
  private func escape() -> TerminalInput {
    var taken: [(Int32, UInt32)] = []
    var after: [Unicode.Scalar] = []
    while after.count < EscapeSequence.maximumLength {
      timeout(after.isEmpty ? 0 : 25)
      var c: UInt32 = 0
      let r = digit_get_wch(&c)
      guard r != ERR else { break }
      taken.append((r, c))
      guard r != digit_key_code_yes(), let scalar = Unicode.Scalar(c) else { break }
      after.append(scalar)
      switch EscapeSequence.decode(after) {
      case .incomplete: continue
      case .notASequence: break
      case .input(let input):
        if case .mouse = input, !mouse { return .none }
        return input
      }
      break
    }
    queued += taken.map { translate($0.0, $0.1) }.filter { $0 != .none }
    return .key(.escape)
  }

  /// What the signal handlers left: a signal that ends the dashboard, Ctrl-Z, or a continue.
  static func pendingSignal() -> TerminalInput? {
    let stop = Signals.stop.load(ordering: .relaxed)
    if stop != 0 { return .stop(stop) }
    if Signals.suspend.exchange(false, ordering: .relaxed) { return .suspend }
    if Signals.resume.exchange(false, ordering: .relaxed) { return .continued }
    return nil
  }

  /// Gives the terminal back from a crash handler and shows what was written to stderr meanwhile (the
  /// runtime's "Fatal error: …"). Async-signal-safe: no curses, only `write`, `tcsetattr`, `dup2`,
  /// `lseek` and `read` on what ``start()`` prepared. Does nothing unless curses owns the screen.
  static func emergencyRestore() { CrashRestore.shared.pointee.restore() }

  /// Ends curses, restores the terminal and shows what was written to stderr meanwhile (idempotent).
  func restore() {
    guard started else { return }
    started = false
    endwin()
    if mouse { Self.write(Self.mouseOff) }
    CrashRestore.shared.pointee.releaseStderr()
  }
}

/// What gives the terminal back when the process crashes, prepared while nothing is wrong: curses'
/// `endwin` is not async-signal-safe, so a crash handler writes the terminal's own "leave the alternate
/// screen, show the cursor, plain text" sequences and sets the shell's terminal modes itself.
///
/// And what keeps the crash's message: the runtime prints "Fatal error: …" to stderr *before* the signal
/// (a handler runs too late to restore the screen first), onto the alternate screen, where leaving it
/// erases the message. So while curses owns the screen, stderr (when it is this terminal) goes to an
/// unlinked temporary file (no file is left behind, whatever happens), and every way out — `q`, a
/// signal, a crash — gives stderr back and copies the file to it: the message is readable after the
/// prompt comes back, and a crash's backtrace, printed after the handler, goes to the terminal directly.
struct CrashRestore {
  /// Reached from signal handlers: allocated once, never freed, no Swift runtime calls to reach it.
  nonisolated(unsafe) static let shared: UnsafeMutablePointer<CrashRestore> = {
    let p = UnsafeMutablePointer<CrashRestore>.allocate(capacity: 1)
    p.initialize(to: CrashRestore())
    return p
  }()

  /// Curses owns the screen: a crash handler has something to restore.
  var active = false
  /// The terminal's modes before curses started.
  var modes = termios()
  var hasModes = false
  /// The bytes that restore the screen (CAN, sgr0, cnorm, rmkx, rmcup), in a buffer of their own.
  var sequence: UnsafeMutablePointer<UInt8>?
  var sequenceCount = 0
  /// The real stderr (a duplicate) and the temporary file that fd 2 points to meanwhile; -1: none.
  var stderrSaved: Int32 = -1
  var captured: Int32 = -1
  /// A buffer for copying the file back (no allocation in a signal handler).
  var copyBuffer: UnsafeMutableRawPointer?

  /// After `initscr`: looks up the sequences and sends stderr to the temporary file.
  mutating func prepare() {
    // CAN first: it ends an escape sequence that the crash may have cut in half.
    // Mouse reports off (a crashed dashboard must not leave the shell receiving them).
    var bytes: [UInt8] = [0x18] + Array("\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l".utf8)
    for cap in ["sgr0", "cnorm", "rmkx", "rmcup"] {
      guard let s = tigetstr(cap), Int(bitPattern: s) != -1 else { continue }  // -1: not a string capability
      bytes += Array(String(cString: s).utf8)
    }
    if sequence == nil { sequence = .allocate(capacity: 256) }
    sequenceCount = min(bytes.count, 256)
    for i in 0..<sequenceCount { sequence![i] = bytes[i] }
    if copyBuffer == nil { copyBuffer = .allocate(byteCount: 4096, alignment: 8) }
    captureStderr()
    active = true
  }

  /// Points fd 2 at an unlinked temporary file, when stderr is this terminal (a redirected stderr is left
  /// alone: nothing written there would disturb the screen).
  mutating func captureStderr() {
    guard captured < 0, isatty(2) == 1 else { return }
    let dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((dir + "/digit-stderr-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { return }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    let saved = fcntl(2, F_DUPFD_CLOEXEC, 3)
    guard saved >= 0, dup2(fd, 2) >= 0 else {
      close(fd)
      if saved >= 0 { close(saved) }
      return
    }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    stderrSaved = saved
    captured = fd
  }

  /// Gives stderr back and copies what was written meanwhile to it. Async-signal-safe.
  mutating func releaseStderr() {
    active = false
    guard captured >= 0, stderrSaved >= 0, let buffer = copyBuffer else { return }
    _ = dup2(stderrSaved, 2)
    if lseek(captured, 0, SEEK_SET) == 0 {
      while true {
        let n = read(captured, buffer, 4096)
        if n <= 0 { break }
        var done = 0
        while done < n {
          let w = write(2, buffer + done, n - done)
          if w <= 0 { break }
          done += w
        }
        if done < n { break }
      }
    }
    close(captured)
    close(stderrSaved)
    captured = -1
    stderrSaved = -1
  }

  /// The crash handler's restore. Async-signal-safe.
  mutating func restore() {
    guard active else { return }
    active = false
    if let sequence { _ = write(1, sequence, sequenceCount) }
    if hasModes { _ = tcsetattr(1, TCSANOW, &modes) }
    releaseStderr()
  }
}
