import DigITCore

/// The characters an id may hold, and the diagnostic for one that holds others.
///
/// Ids are keys: a project id in `projects.csv` is matched byte for byte by `milestones.csv` and
/// `backlog.csv`. A character that cannot be seen (U+FEFF from two files joined, U+200B, a no-break
/// space) or that only looks like a Latin letter (Cyrillic `Р`) would make two ids look equal that are
/// not. So ids may hold only:
///
/// - the ASCII letters `A`–`Z`, `a`–`z` and digits `0`–`9`,
/// - the German letters `Ä Ö Ü ä ö ü ß`,
/// - `-`, `_`, `.` and `/`.
///
/// (Office folder names and KPI ids have their own, narrower sets: `a-z 0-9 -` and `a-z 0-9 _`.)
public enum Identifier {
  /// The set, in words, for messages.
  public static let allowedWords = "A–Z, a–z, 0–9, Ä Ö Ü ä ö ü ß and - _ . /"
  /// ``allowedWords`` in German.
  public static let allowedGermanWords = "A–Z, a–z, 0–9, Ä Ö Ü ä ö ü ß und - _ . /"

  /// Whether a scalar may stand in a project or backlog id.
  public static func isAllowed(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E, 0x2F: true
    case 0xC4, 0xD6, 0xDC, 0xE4, 0xF6, 0xFC, 0xDF: true
    default: false
    }
  }

  /// Whether the bytes of an id are plain ASCII of the allowed set (the fast check for every row).
  @inline(__always) static func isPlain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for c in b {
      switch c {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E, 0x2F: continue
      default: return false
      }
    }
    return true
  }

  /// The first character of `id` outside `allowed`, described for a message
  /// (`U+200B ZERO WIDTH SPACE at character 9`), or `nil` when there is none.
  public static func firstOutside(_ id: String, allowed: (Unicode.Scalar) -> Bool = isAllowed) -> String? {
    var position = 0
    for scalar in id.unicodeScalars {
      position += 1
      if !allowed(scalar) { return "\(describe(scalar)) at character \(position)" }
    }
    return nil
  }

  /// ``firstOutside(_:allowed:)`` in both languages (`U+200B ZERO WIDTH SPACE an Stelle 9`).
  public static func firstOutsideTexts(_ id: String, allowed: (Unicode.Scalar) -> Bool = isAllowed) -> Bilingual? {
    var position = 0
    for scalar in id.unicodeScalars {
      position += 1
      if !allowed(scalar) {
        return Bilingual(
          "\(describe(scalar)) at character \(position)", de: "\(describe(scalar, .de)) an Stelle \(position)")
      }
    }
    return nil
  }

  /// ``problem(_:)`` in both languages.
  public static func problemTexts(_ id: String) -> Bilingual? {
    firstOutsideTexts(id).map {
      Bilingual(
        "contains \($0.english); ids may hold only \(allowedWords)",
        de: "enthält \($0.german); Kennungen dürfen nur \(allowedGermanWords) enthalten")
    }
  }

  /// The problem of an id, as the end of a message: `contains U+200B ZERO WIDTH SPACE at character 9;
  /// ids may hold …`, or `nil`.
  public static func problem(_ id: String) -> String? {
    firstOutside(id).map { "contains \($0); ids may hold only \(allowedWords)" }
  }

  /// `U+200B ZERO WIDTH SPACE`, `U+0020 (a space)` (German: `U+0020 (ein Leerzeichen)`; the Unicode
  /// names are English in both).
  public static func describe(_ s: Unicode.Scalar, _ language: Language = .en) -> String {
    let hex = String(s.value, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    if s == " " { return code + (language == .de ? " (ein Leerzeichen)" : " (a space)") }
    if let name = s.properties.name ?? s.properties.nameAlias { return "\(code) \(name)" }
    return code
  }

  /// The id without characters that cannot be seen (format and space characters, controls): what a
  /// person reading the file takes it to be.
  static func visible(_ id: String) -> String {
    var out = String.UnicodeScalarView()
    for s in id.unicodeScalars {
      switch s.properties.generalCategory {
      case .format, .control, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark: continue
      default: out.append(s)
      }
    }
    return String(out)
  }
}
