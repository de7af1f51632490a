import CNcursesw
import DigITDashboard

#if canImport(Glibc)
  import Glibc
#endif

/// The only code that touches ncurses: it starts and restores the terminal, copies a ``ScreenBuffer`` to
/// the screen (only the rows that changed), and turns key codes into ``Key``s.
final class NcursesTerminal {
  private var last: ScreenBuffer?
  private var colors = false
  private(set) var started = false

  /// Starts curses. With a locale that is not UTF-8 (`LANG` unset gives ASCII), switches to C.UTF-8 so
  /// that umlauts and box characters render.
  func start() {
    setlocale(LC_ALL, "")
    if !Self.isUTF8() { setlocale(LC_ALL, "C.UTF-8") }
    initscr()
    started = true
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
        let (fg, bg) = Self.colors(role)
        init_pair(Int16(role.rawValue) + 1, fg, bg)
      }
    }
    last = nil
  }

  static func isUTF8() -> Bool {
    guard let cs = digit_codeset() else { return false }
    let name = String(cString: cs).uppercased()
    return name == "UTF-8" || name == "UTF8"
  }

  /// The theme: foreground and background per role (-1: the terminal's own), 8 basic colours only, so it
  /// works on 8- and 256-colour terminals alike.
  static func colors(_ role: Role) -> (Int16, Int16) {
    switch role {
    case .normal: (-1, -1)
    case .faint: (Int16(COLOR_BLUE), -1)
    case .title: (Int16(COLOR_WHITE), Int16(COLOR_BLUE))
    case .header: (Int16(COLOR_CYAN), -1)
    case .selected: (Int16(COLOR_BLACK), Int16(COLOR_CYAN))
    case .accent: (Int16(COLOR_CYAN), -1)
    case .red: (Int16(COLOR_RED), -1)
    case .amber: (Int16(COLOR_YELLOW), -1)
    case .green: (Int16(COLOR_GREEN), -1)
    case .warning: (Int16(COLOR_YELLOW), -1)
    case .error: (Int16(COLOR_RED), -1)
    case .border: (Int16(COLOR_BLUE), -1)
    case .tab: (-1, -1)
    case .activeTab: (Int16(COLOR_BLACK), Int16(COLOR_CYAN))
    }
  }

  /// The attributes of a style; without colours, roles that need to stand out become bold or reverse.
  func attributes(_ style: Style) -> Int32 {
    var a: Int32 = style.bold ? digit_attr_bold() : 0
    if colors {
      a |= digit_color_pair(Int32(style.role.rawValue) + 1)
    } else {
      switch style.role {
      case .selected, .activeTab, .title: a |= digit_attr_reverse()
      case .red, .error, .header, .warning: a |= digit_attr_bold()
      case .faint, .border: a |= digit_attr_dim()
      default: break
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

  enum Input {
    case key(Key)
    case resize
    case none
  }

  /// Waits up to `milliseconds` for a key.
  func read(timeout milliseconds: Int32) -> Input {
    timeout(milliseconds)
    var ch: UInt32 = 0
    let r = digit_get_wch(&ch)
    if r == ERR { return .none }
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

  /// Gives the terminal back from a crash handler (best effort: curses is not async-signal-safe, but the
  /// process is about to die anyway).
  static func emergencyRestore() { endwin() }

  /// Ends curses and restores the terminal (idempotent).
  func restore() {
    guard started else { return }
    started = false
    endwin()
  }
}
