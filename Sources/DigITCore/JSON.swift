/// A JSON value with a canonical rendering: object keys sorted (by their UTF-8 bytes, like `jq -S`),
/// integers without a fraction, the shortest decimal that round-trips for other numbers, non-finite numbers
/// as `null`. Equal values give byte-identical text, which is what snapshots and
/// `digit summary --format json` promise.
///
/// Rendering writes bytes, skips sorting when the members are already in order (the catalog's are), and
/// lets large documents be rendered in parts on several cores (``fragment(_:)``).
public enum JSON: Sendable {
  /// `null`: no value (a missing metric, a non-finite number).
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number; integral values up to 2^53 render without a fraction (`12`), others as the shortest
  /// decimal that round-trips (`0.375`), NaN and infinities as `null`.
  case number(Double)
  /// A string, escaped on rendering: quotes, backslashes and control characters, and as `\uXXXX` every
  /// character ``Inert`` counts as unsafe (C1 and bidi controls, zero-width characters, U+2028/2029).
  case string(String)
  /// An array; arrays of numbers and nulls (weekly series) stay on one line when pretty-printed.
  case array([JSON])
  /// Members in any order; rendering sorts them by key.
  case object([(String, JSON)])
  /// Already rendered JSON text (from ``render(into:indent:level:)`` at the level it is inserted at).
  case fragment([UInt8])

  /// An integer as a ``number(_:)-enum.case``; exact up to 2^53.
  public static func int(_ n: Int) -> JSON { .number(Double(n)) }
  /// An object from a dictionary; the order does not matter, rendering sorts the keys.
  public static func object(_ members: [String: JSON]) -> JSON { .object(members.map { ($0.key, $0.value) }) }

  /// The JSON text; `indent` > 0 pretty-prints with that many spaces per level.
  public func rendered(indent: Int = 2) -> String {
    var out: [UInt8] = []
    render(into: &out, indent: indent, level: 0)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the JSON text as if it stood at nesting `level`.
  public func render(into out: inout [UInt8], indent: Int = 2, level: Int = 0) {
    render(into: &out, indent: indent, level: level, streaming: false) { _ in }
  }

  /// The JSON text (as ``rendered(indent:)``, byte for byte), handed to `write` in pieces and in order:
  /// fragments as they are (not copied into a buffer), the rest about a megabyte at a time. A document of
  /// many megabytes is written without ever being whole in memory a second time.
  public func write(indent: Int = 2, _ write: (UnsafeRawBufferPointer) -> Void) {
    var out: [UInt8] = []
    out.reserveCapacity(JSON.streamChunk + 4096)
    render(into: &out, indent: indent, level: 0, streaming: true, write)
    out.withUnsafeBytes { write($0) }
  }

  /// How many bytes ``write(indent:_:)`` gathers before it hands them on.
  static let streamChunk = 1 << 20

  /// The rendering; when `streaming`, `out` is handed to `write` and emptied before each fragment (which
  /// goes to `write` directly) and whenever it holds a ``streamChunk``.
  private func render(
    into out: inout [UInt8], indent: Int, level: Int, streaming: Bool, _ write: (UnsafeRawBufferPointer) -> Void
  ) {
    if streaming && out.count >= JSON.streamChunk {
      out.withUnsafeBytes { write($0) }
      out.removeAll(keepingCapacity: true)
    }
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let x): JSON.appendNumber(x, to: &out)
    case .string(let s): JSON.escape(s, into: &out)
    case .fragment(let bytes):
      if streaming {
        out.withUnsafeBytes { write($0) }
        out.removeAll(keepingCapacity: true)
        bytes.withUnsafeBytes { write($0) }
      } else {
        out.append(contentsOf: bytes)
      }
    case .array(let items):
      if items.isEmpty {
        out.append(contentsOf: "[]".utf8)
        return
      }
      // Arrays of numbers stay on one line (weekly series), everything else one item per line.
      let flat =
        indent == 0
        || items.allSatisfy { if case .number = $0 { true } else if case .null = $0 { true } else { false } }
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 {
          out.append(UInt8(ascii: ","))
          if flat && indent > 0 { out.append(UInt8(ascii: " ")) }
        }
        if !flat { JSON.newline(&out, indent, level + 1) }
        item.render(into: &out, indent: indent, level: level + 1, streaming: streaming, write)
      }
      if !flat { JSON.newline(&out, indent, level) }
      out.append(UInt8(ascii: "]"))
    case .object(var members):
      if members.isEmpty {
        out.append(contentsOf: "{}".utf8)
        return
      }
      if !zip(members, members.dropFirst()).allSatisfy({ JSON.keyOrder($0.0, $1.0) }) {
        members.sort { JSON.keyOrder($0.0, $1.0) }
      }
      out.append(UInt8(ascii: "{"))
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        JSON.newline(&out, indent, level + 1)
        JSON.escape(key, into: &out)
        out.append(UInt8(ascii: ":"))
        if indent > 0 { out.append(UInt8(ascii: " ")) }
        value.render(into: &out, indent: indent, level: level + 1, streaming: streaming, write)
      }
      JSON.newline(&out, indent, level)
      out.append(UInt8(ascii: "}"))
    }
  }

  /// Keys sort by their UTF-8 bytes.
  public static func keyOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

  static func newline(_ out: inout [UInt8], _ indent: Int, _ level: Int) {
    guard indent > 0 else { return }
    out.append(UInt8(ascii: "\n"))
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
  }

  /// ``number(_:)`` appended as bytes; integers are written digit by digit (no `String`), which is most
  /// of a snapshot's numbers.
  @inline(__always) static func appendNumber(_ x: Double, to out: inout [UInt8]) {
    if x == x.rounded(), abs(x) < 1e15 {
      var n = Int64(x)
      if n < 0 {
        out.append(UInt8(ascii: "-"))
        n = -n
      }
      if n < 10 {
        out.append(0x30 + UInt8(n))
        return
      }
      var digits: (UInt64, UInt64) = (0, 0)  // up to 16 digits, least significant first
      var count = 0
      withUnsafeMutableBytes(of: &digits) { buf in
        while n > 0 {
          buf[count] = 0x30 + UInt8(n % 10)
          n /= 10
          count += 1
        }
        for k in stride(from: count - 1, through: 0, by: -1) { out.append(buf[k]) }
      }
      return
    }
    out.append(contentsOf: number(x).utf8)
  }

  /// `12`, `0.375`, `-3.5`, `0.0000001`, never with an exponent (see ``PlainNumber``); `null` for NaN
  /// and infinities.
  public static func number(_ x: Double) -> String {
    guard x.isFinite else { return "null" }
    if x == x.rounded(), abs(x) < 9_007_199_254_740_992 { return String(Int64(x)) }
    return PlainNumber.text(x)
  }

  /// A top-level array (at nesting level 1) of `count` parts rendered on all cores: part `i` is the
  /// items `items(i)` (e.g. one office's projects). For documents of many megabytes.
  public static func parallelArray(_ count: Int, _ items: @escaping @Sendable (Int) -> [JSON]) -> [UInt8] {
    var parts = parallelMap(count) { i in
      var out: [UInt8] = []
      for item in items(i) {
        out.append(contentsOf: out.isEmpty ? "\n    ".utf8 : ",\n    ".utf8)
        item.render(into: &out, level: 2)
      }
      return out
    }
    // One reservation, and each part freed once copied: the parts and the whole are never both in
    // memory at full size (the large root's projects are about 15 MB).
    var all: [UInt8] = [UInt8(ascii: "[")]
    all.reserveCapacity(parts.reduce(8) { $0 + $1.count + 1 })
    for i in parts.indices where !parts[i].isEmpty {
      if all.count > 1 { all.append(UInt8(ascii: ",")) }
      all.append(contentsOf: parts[i])
      parts[i] = []
    }
    all.append(contentsOf: all.count > 1 ? "\n  ]".utf8 : "]".utf8)
    return all
  }

  static let hex = Array("0123456789abcdef".utf8)

  /// A JSON string: `"` and `\` escaped, control characters (and U+2028/2029, which break JavaScript)
  /// as `\uXXXX` or their short escapes; everything else as UTF-8.
  static func escape(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { bytes in
      var i = 0
      while i < bytes.count {
        let b = bytes[i]
        switch b {
        case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), b])
        case UInt8(ascii: "\\"): out.append(contentsOf: [b, b])
        case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case 0x00..<0x20, 0x7F:
          out.append(contentsOf: [
            UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)],
          ])
        case 0xC2, 0xD8, 0xE2, 0xEF:
          // A multi-byte scalar that ``Inert`` counts as unsafe (C1 controls, bidi controls, zero-width
          // characters, U+2028/2029, U+FEFF, noncharacters) is written as `\\uXXXX`: the value stays exact,
          // and printing the JSON to a terminal shows the escape, never the character.
          let (scalar, length) = Self.decodeScalar(bytes, at: i)
          if let scalar, Inert.isUnsafe(scalar) {
            let v = Int(scalar.value)
            out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
            for shift in [12, 8, 4, 0] { out.append(hex[(v >> shift) & 15]) }
          } else {
            for k in 0..<length { out.append(bytes[i + k]) }
          }
          i += length - 1
        default: out.append(b)
        }
        i += 1
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// The scalar of the UTF-8 sequence at `i` (valid UTF-8, as `String` guarantees) and its length.
  static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar?, Int) {
    let b = bytes[i]
    let length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
    guard i + length <= bytes.count else { return (nil, 1) }
    var v = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for k in 1..<length { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
    return (Unicode.Scalar(v), length)
  }
}

/// Numbers written out in full, never with an exponent: `1e+23` is `100000000000000000000000`, `1e-07` is
/// `0.0000001`. The digits are Swift's shortest representation that reads back as the same `Double`,
/// so the text round-trips exactly; only the exponent is spelled out as zeros. Used wherever a number
/// is written for people or spreadsheets (JSON, CSV, Markdown, the formatter).
public enum PlainNumber {
  /// The number without exponent; `x` must be finite (a non-finite value gives `"0"`).
  public static func text(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let d = x.description
    guard let e = d.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
      return d.hasSuffix(".0") ? String(d.dropLast(2)) : d
    }
    let exponent = Int(d[d.index(after: e)...].drop(while: { $0 == "+" })) ?? 0
    var mantissa = Substring(d[..<e])
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa = mantissa.dropFirst() }
    let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = parts[0]
    let fraction = parts.count > 1 ? parts[1] : ""
    var digits = String(whole + fraction)
    var point = whole.count + exponent
    // No leading zeros in the digits (the mantissa has one digit before its point, never 0 unless x is 0).
    while digits.count > 1 && digits.hasPrefix("0") {
      digits.removeFirst()
      point -= 1
    }
    var out: String
    if point <= 0 {
      out = "0." + String(repeating: "0", count: -point) + digits
    } else if point >= digits.count {
      out = digits + String(repeating: "0", count: point - digits.count)
    } else {
      out = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
    }
    if out.contains(".") {
      while out.hasSuffix("0") { out.removeLast() }
      if out.hasSuffix(".") { out.removeLast() }
    }
    return (negative ? "-" : "") + out
  }
}
