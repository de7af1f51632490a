/// The one policy for untrusted text — from feeds and from the file system (folder and file names) —
/// before it reaches any output: a terminal, a message, Markdown, CSV, HTML or the dashboard.
///
/// Each output adds only its own escaping on top (HTML entities, Markdown punctuation, CSV quoting and
/// formula neutralisation, JSON `\u` escapes); what counts as dangerous is decided here, once:
///
/// - tab, line feed, carriage return, NEL (U+0085) and the line and paragraph separators (U+2028,
///   U+2029) become a space: one value is one line, so no line can be forged;
/// - ESC (U+001B) becomes `␛` (U+241B), so a tampered value shows where an escape sequence was;
/// - every other C0 control, DEL and every C1 control (U+0080–U+009F, among them CSI U+009B) becomes
///   U+FFFD `�`: no terminal escape, OSC 52 clipboard write or bell survives;
/// - the bidi marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
///   U+2066–U+2069), the zero-width and invisible characters (U+200B–U+200D, U+2060–U+2064, U+FEFF) and the
///   noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF) become `�`: text never reads in another order than
///   it is stored, and a hidden character stays visible.
///
///     Inert.text("Evil\u{1B}]52;c;cm0gLXJmIH4K\u{7}Amt")  // "Evil␛]52;c;cm0gLXJmIH4K�Amt"
///     Inert.message(String(repeating: "x", count: 100), limit: 5)  // "xxxxx…"
public enum Inert {
  /// The stand-in for ESC.
  public static let escapeStandIn: Unicode.Scalar = "␛"
  /// The stand-in for every other unsafe scalar.
  public static let standIn: Unicode.Scalar = "\u{FFFD}"

  /// Whether a scalar could change what a terminal or a reader shows (see the type's documentation).
  @inlinable public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if v >= 0x20 && v < 0x7F { return false }  // printable ASCII: the common case
    switch v {
    case 0x00..<0x20, 0x7F..<0xA0: return true
    case 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: return true
    case 0xFDD0...0xFDEF: return true
    default: return v & 0xFFFE == 0xFFFE
    }
  }

  /// The scalar itself, or its visible stand-in when it is unsafe.
  @inlinable public static func scalar(_ s: Unicode.Scalar) -> Unicode.Scalar {
    guard isUnsafe(s) else { return s }
    switch s.value {
    case 0x09, 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return " "
    case 0x1B: return escapeStandIn
    default: return standIn
    }
  }

  /// The text with every unsafe scalar replaced by its stand-in; the same string when nothing is unsafe.
  public static func text(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars { out.append(scalar(s)) }
    return String(out)
  }

  /// ``text(_:)``, cut after `limit` Unicode scalars with `…`: for quoting a value in a message, where
  /// a megabyte-long cell (or one character with ten thousand combining marks) must not become a
  /// megabyte-long line.
  public static func message(_ text: String, limit: Int = 80) -> String {
    var out = String.UnicodeScalarView()
    var n = 0
    for s in text.unicodeScalars {
      if n == limit {
        out.append("…")
        break
      }
      out.append(scalar(s))
      n += 1
    }
    return String(out)
  }
}
