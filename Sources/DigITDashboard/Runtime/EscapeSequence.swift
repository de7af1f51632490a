/// What came after an Esc from the terminal: a key that curses did not know (its terminal description does
/// not match the terminal, as with `TERM=xterm-256color` inside tmux, where End arrives as `ESC [ 4 ~`), a
/// mouse report, a sequence the dashboard has no use for (F-keys, Ctrl-arrows with modifiers it ignores),
/// or no sequence at all (Esc pressed, perhaps followed by a key).
///
/// Until this decoder, an unknown sequence became keystrokes: End inside tmux stepped a week back (`[`) and
/// switched to the fourth tab (`4`). A complete control sequence is now one input or none, never keys.
public enum EscapeSequence {
  public enum Decoded: Equatable, Sendable {
    /// A whole sequence: what it means (``TerminalInput/none`` for one the dashboard ignores).
    case input(TerminalInput)
    /// The start of a sequence: wait a moment for the rest.
    case incomplete
    /// Not a control sequence: Esc itself, and what follows are keys of their own.
    case notASequence
  }

  /// The longest sequence waited for; anything longer is not one.
  public static let maximumLength = 32

  /// Decodes the characters that followed an Esc (so far).
  public static func decode(_ after: [Unicode.Scalar]) -> Decoded {
    guard let first = after.first else { return .notASequence }
    switch first {
    case "[": return csi(Array(after.dropFirst()))
    case "O": return ss3(Array(after.dropFirst()))
    default: return .notASequence
    }
  }

  /// `ESC [ …`: an SGR mouse report (`<0;10;5M`), an X10 one (`M` and three bytes), or a control
  /// sequence: parameter and intermediate bytes (0x20–0x3F), then one final byte (0x40–0x7E).
  static func csi(_ s: [Unicode.Scalar]) -> Decoded {
    guard let first = s.first else { return .incomplete }
    if first == "<" {
      guard let end = s.firstIndex(where: { $0 == "M" || $0 == "m" }) else {
        return s.count < maximumLength ? .incomplete : .notASequence
      }
      var body = ""
      body.unicodeScalars.append(contentsOf: s[1...end])
      return MouseEvent.sgr(body).map { .input(.mouse($0)) } ?? .input(.none)
    }
    if first == "M" {
      guard s.count >= 4 else { return .incomplete }
      let (b, x, y) = (Int(s[1].value), Int(s[2].value), Int(s[3].value))
      guard b >= 32, x > 32, y > 32 else { return .input(.none) }
      // ESC [ M b x y: the button code and the 1-based column and row, each plus 32.
      return MouseEvent.sgr("\(b - 32);\(x - 32);\(y - 32)\((b - 32) & 3 == 3 ? "m" : "M")").map { .input(.mouse($0)) }
        ?? .input(.none)
    }
    var parameters = ""
    for c in s {
      switch c.value {
      case 0x20...0x3F: parameters.unicodeScalars.append(c)
      case 0x40...0x7E: return .input(final(c, parameters: parameters))
      default: return .notASequence
      }
      if parameters.unicodeScalars.count >= maximumLength { return .notASequence }
    }
    return .incomplete
  }

  /// What a control sequence's final byte (and its first parameter, for `~`) means; modifiers are ignored
  /// (Ctrl-Up moves as Up does).
  static func final(_ c: Unicode.Scalar, parameters: String) -> TerminalInput {
    switch c {
    case "A": return .key(.up)
    case "B": return .key(.down)
    case "C": return .key(.right)
    case "D": return .key(.left)
    case "H": return .key(.home)
    case "F": return .key(.end)
    case "Z": return .key(.backTab)
    case "~":
      switch parameters.split(separator: ";", omittingEmptySubsequences: false).first.flatMap({ Int($0) }) {
      case 1, 7: return .key(.home)
      case 4, 8: return .key(.end)
      case 5: return .key(.pageUp)
      case 6: return .key(.pageDown)
      default: return .none
      }
    default: return .none
    }
  }

  /// `ESC O x`: the keys of the application keypad mode.
  static func ss3(_ s: [Unicode.Scalar]) -> Decoded {
    guard let c = s.first else { return .incomplete }
    switch c {
    case "A": return .input(.key(.up))
    case "B": return .input(.key(.down))
    case "C": return .input(.key(.right))
    case "D": return .input(.key(.left))
    case "H": return .input(.key(.home))
    case "F": return .input(.key(.end))
    case "M": return .input(.key(.enter))
    case "\u{20}"..."\u{7E}": return .input(.none)  // F1–F4 and the rest of the keypad: nothing here
    default: return .notASequence
    }
  }
}
