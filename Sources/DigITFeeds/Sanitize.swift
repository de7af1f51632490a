/// Makes untrusted feed text inert before it reaches a message or a screen.
public enum Sanitize {
  /// Replaces control characters (C0, DEL, C1), bidi overrides and zero-width characters with `�`-free
  /// visible escapes (`\u{1B}` becomes `␛`, others `·`), and cuts text longer than `limit` characters with `…`.
  public static func forMessage(_ text: String, limit: Int = 80) -> String {
    var out = ""
    var n = 0
    for scalar in text.unicodeScalars {
      if n == limit {
        out.append("…")
        break
      }
      out.unicodeScalars.append(inert(scalar))
      n += 1
    }
    return out
  }

  /// The scalar itself, or a visible stand-in when it could change what a terminal shows.
  public static func inert(_ s: Unicode.Scalar) -> Unicode.Scalar {
    switch s.value {
    case 0x1B: return "␛"
    case 0x00..<0x20, 0x7F..<0xA0: return "·"
    case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: return "·"
    default: return s
    }
  }
}
