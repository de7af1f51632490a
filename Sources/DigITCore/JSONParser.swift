/// Reading JSON text back into ``JSON`` values: stored snapshots (`digit diff`, the week-before
/// comparison) and tests.
///
/// A small byte parser rather than Foundation's `JSONSerialization`: it keeps member order, tells
/// `true` from `1` (which `NSNumber` on Linux does not), and reads a 60 MB snapshot in a fraction of the
/// time (measured in `digit-bench`). Strict RFC 8259: no comments, no trailing commas, at most 512 levels.
extension JSON {
  /// Why a text is not JSON: the byte offset and what was wrong there.
  public struct ParseError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The offset in bytes from the start of the text (0-based) where parsing stopped.
    public var offset: Int
    /// What was wrong there, in plain words, e.g. `unexpected end of text`.
    public var reason: String
    /// `not valid JSON at byte 17: …`.
    public var description: String { "not valid JSON at byte \(offset): \(reason)" }
  }

  /// Parses a complete JSON text (leading/trailing white space allowed, a UTF-8 BOM is not).
  /// - Parameter bytes: The UTF-8 text; invalid UTF-8 inside strings becomes U+FFFD, as everywhere else.
  /// - Parameter skipping: members with these keys, at any depth, are scanned over (their brackets and
  ///   strings must still be well-formed) and read as `null` — for reading a few members of a large
  ///   document fast (a stored snapshot's figures without its 24,000 services).
  public static func parse(_ bytes: [UInt8], skipping: Set<String> = []) throws(ParseError) -> JSON {
    var p = Parser(bytes: bytes, skip: skipping)
    p.skipSpace()
    let value = try p.value(depth: 0)
    p.skipSpace()
    guard p.i == bytes.count else { throw ParseError(offset: p.i, reason: "text after the end of the value") }
    return value
  }

  /// The member of an object (the first one with that key), `nil` for other values.
  public subscript(key: String) -> JSON? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  /// The string of a ``JSON/string(_:)``, `nil` for every other value.
  public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
  /// The number of a ``JSON/number(_:)-enum.case``, `nil` for every other value (also for `null`).
  public var doubleValue: Double? { if case .number(let x) = self { x } else { nil } }
  /// The number of a ``JSON/number(_:)-enum.case`` when it is a whole number below 2^53 in magnitude (so exactly
  /// representable), else `nil`: `3.0` gives 3, `3.5` and `1e300` give `nil`.
  public var intValue: Int? {
    guard case .number(let x) = self, x == x.rounded(), abs(x) < 9_007_199_254_740_992 else { return nil }
    return Int(x)
  }
  /// The value of a ``JSON/bool(_:)``, `nil` for every other value (`1` is not `true`).
  public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
  /// The items of a ``JSON/array(_:)``, `nil` for every other value.
  public var arrayValue: [JSON]? { if case .array(let a) = self { a } else { nil } }
  /// The members of a ``JSON/object(_:)-enum.case`` in the order of the text (keys may repeat), `nil`
  /// for every other value.
  public var objectValue: [(String, JSON)]? { if case .object(let m) = self { m } else { nil } }
  /// Whether the value is `null` (also a member read as `null` because it was skipped).
  public var isNull: Bool { if case .null = self { true } else { false } }

  private struct Parser {
    let bytes: [UInt8]
    let skip: Set<String>
    var i = 0

    init(bytes: [UInt8], skip: Set<String>) {
      self.bytes = bytes
      self.skip = skip
    }

    /// Moves over one value without building it.
    mutating func skipValue() throws(ParseError) {
      guard i < bytes.count else { throw fail("unexpected end of text") }
      if bytes[i] != UInt8(ascii: "{") && bytes[i] != UInt8(ascii: "[") && bytes[i] != UInt8(ascii: "\"") {
        // A number or a literal: up to the next delimiter.
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: ","), bytes[i] != UInt8(ascii: "}"),
          bytes[i] != UInt8(ascii: "]"),
          bytes[i] != 0x20, bytes[i] != 0x0A, bytes[i] != 0x0D, bytes[i] != 0x09
        { i += 1 }
        guard i > start else { throw fail("expected a value") }
        return
      }
      var depth = 0
      repeat {
        skipSpace()
        guard i < bytes.count else { throw fail("unexpected end of text") }
        switch bytes[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          depth += 1
          i += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth -= 1
          i += 1
        case UInt8(ascii: "\""):
          i += 1
          while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
          guard i < bytes.count else { throw fail("unterminated string") }
          i += 1
        default:
          // A number, literal, ',' or ':'.
          i += 1
        }
        guard depth >= 0 else { throw fail("unexpected closing bracket") }
      } while depth > 0
    }

    mutating func skipSpace() {
      while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    func fail(_ reason: String) -> ParseError { ParseError(offset: i, reason: reason) }

    mutating func value(depth: Int) throws(ParseError) -> JSON {
      guard depth < 512 else { throw fail("nested more than 512 levels deep") }
      guard i < bytes.count else { throw fail("unexpected end of text") }
      switch bytes[i] {
      case UInt8(ascii: "{"):
        i += 1
        var members: [(String, JSON)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
          i += 1
          return .object(members)
        }
        while true {
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
          let key = try string()
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
          i += 1
          skipSpace()
          if !skip.isEmpty && skip.contains(key) {
            try skipValue()
            members.append((key, .null))
          } else {
            members.append((key, try value(depth: depth + 1)))
          }
          skipSpace()
          guard i < bytes.count else { throw fail("unexpected end of text in an object") }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          if bytes[i] == UInt8(ascii: "}") {
            i += 1
            return .object(members)
          }
          throw fail("expected ',' or '}'")
        }
      case UInt8(ascii: "["):
        i += 1
        var items: [JSON] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
          i += 1
          return .array(items)
        }
        while true {
          skipSpace()
          items.append(try value(depth: depth + 1))
          skipSpace()
          guard i < bytes.count else { throw fail("unexpected end of text in an array") }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          if bytes[i] == UInt8(ascii: "]") {
            i += 1
            return .array(items)
          }
          throw fail("expected ',' or ']'")
        }
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"):
        try literal("true")
        return .bool(true)
      case UInt8(ascii: "f"):
        try literal("false")
        return .bool(false)
      case UInt8(ascii: "n"):
        try literal("null")
        return .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
      default: throw fail("unexpected character")
      }
    }

    mutating func literal(_ word: StaticString) throws(ParseError) {
      let n = word.utf8CodeUnitCount
      guard i + n <= bytes.count else { throw fail("unexpected end of text") }
      for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw fail("unexpected character") }
      i += n
    }

    mutating func number() throws(ParseError) -> Double {
      let start = i
      if bytes[i] == UInt8(ascii: "-") { i += 1 }
      func digits(_ p: inout Parser) -> Int {
        let s = p.i
        while p.i < p.bytes.count, p.bytes[p.i] >= 0x30, p.bytes[p.i] <= 0x39 { p.i += 1 }
        return p.i - s
      }
      let intStart = i
      let n = digits(&self)
      guard n > 0 else { throw fail("expected a digit") }
      if n > 1 && bytes[intStart] == 0x30 {
        throw ParseError(offset: intStart, reason: "a number must not start with 0")
      }
      if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
        i += 1
        guard digits(&self) > 0 else { throw fail("expected a digit after '.'") }
      }
      if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
        i += 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard digits(&self) > 0 else { throw fail("expected a digit in the exponent") }
      }
      if let x = Self.fastDouble(bytes, start, i) { return x }
      let text = String(decoding: bytes[start..<i], as: UTF8.self)
      guard let x = Double(text) else { throw ParseError(offset: start, reason: "not a number") }
      // Double() gives ±∞ for 1e99999: a number no JSON writer meant, refused rather than read as ∞.
      guard x.isFinite else {
        throw ParseError(
          offset: start,
          reason: "the number \(text.count > 40 ? text.prefix(40) + "…" : text) is too large (at most about 1.8e308)")
      }
      return x
    }

    static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// Numbers of at most 15 significant digits and no exponent (nearly all a snapshot holds) without
    /// making a `String`: digits / 10^k is exact in both parts and correctly rounded (Clinger's fast path).
    @inline(__always) static func fastDouble(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Double? {
      var i = start
      let negative = bytes[i] == UInt8(ascii: "-")
      if negative { i += 1 }
      var mantissa: UInt64 = 0
      var digits = 0
      var decimals = 0
      var seenDot = false
      while i < end {
        let b = bytes[i]
        if b == UInt8(ascii: ".") {
          seenDot = true
        } else if b >= 0x30 && b <= 0x39 {
          mantissa = mantissa &* 10 &+ UInt64(b &- 0x30)
          if mantissa != 0 { digits += 1 }
          if seenDot { decimals += 1 }
        } else {
          return nil  // an exponent
        }
        i += 1
      }
      guard digits <= 15, decimals <= 22 else { return nil }
      let x = Double(mantissa) / powersOfTen[decimals]
      return negative ? -x : x
    }

    mutating func hex4() throws(ParseError) -> UInt32 {
      guard i + 4 <= bytes.count else { throw fail("unexpected end of text in \\u") }
      var v: UInt32 = 0
      for _ in 0..<4 {
        let c = bytes[i]
        let d: UInt32
        switch c {
        case 0x30...0x39: d = UInt32(c - 0x30)
        case 0x41...0x46: d = UInt32(c - 0x41 + 10)
        case 0x61...0x66: d = UInt32(c - 0x61 + 10)
        default: throw fail("expected a hex digit")
        }
        v = v << 4 | d
        i += 1
      }
      return v
    }

    mutating func string() throws(ParseError) -> String {
      i += 1  // the opening quote
      // Fast path: no escape before the closing quote (nearly every key and value).
      var j = i
      while j < bytes.count, bytes[j] != UInt8(ascii: "\""), bytes[j] != UInt8(ascii: "\\"), bytes[j] >= 0x20 { j += 1 }
      if j < bytes.count, bytes[j] == UInt8(ascii: "\"") {
        let s = bytes.withUnsafeBufferPointer {
          String(decoding: UnsafeBufferPointer(rebasing: $0[i..<j]), as: UTF8.self)
        }
        i = j + 1
        return s
      }
      var out: [UInt8] = []
      var start = i
      while true {
        guard i < bytes.count else { throw fail("unterminated string") }
        let b = bytes[i]
        if b == UInt8(ascii: "\"") { break }
        if b < 0x20 { throw fail("control character in a string") }
        if b != UInt8(ascii: "\\") {
          i += 1
          continue
        }
        out.append(contentsOf: bytes[start..<i])
        i += 1
        guard i < bytes.count else { throw fail("unterminated escape") }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if scalar >= 0xD800 && scalar < 0xDC00, i + 5 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
            bytes[i + 1] == UInt8(ascii: "u")
          {
            let save = i
            i += 2
            let low = try hex4()
            if low >= 0xDC00 && low < 0xE000 {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
              i = save  // a lone high surrogate (U+FFFD below); the next escape is read on its own
            }
          }
          // A lone surrogate becomes U+FFFD (Swift strings hold valid Unicode only).
          let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
          out.append(contentsOf: String(Character(u)).utf8)
        default: throw fail("unknown escape")
        }
        start = i
      }
      out.append(contentsOf: bytes[start..<i])
      i += 1
      // Invalid UTF-8 is repaired with U+FFFD, as everywhere else in the tool.
      return String(decoding: out, as: UTF8.self)
    }
  }
}
