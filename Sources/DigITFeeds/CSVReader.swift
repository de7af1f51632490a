import DigITCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bounds of one field in the input, without its surrounding quotes.
public struct CSVField: Sendable, Equatable {
  public var start: Int32
  public var end: Int32
  /// Bit 0: the field was quoted; bit 1: it contains doubled quotes (`""`) that must be unescaped.
  public var flags: UInt8

  @inlinable public var isQuoted: Bool { flags & 1 != 0 }
  @inlinable public var hasEscapedQuotes: Bool { flags & 2 != 0 }
}

/// A problem with the quoting of a record. The record is still delivered; what to do is the caller's call.
public enum CSVQuoteProblem: Sendable, Equatable {
  /// A quoted field runs to the end of the file.
  case unterminatedQuote(field: Int)
  /// A `"` in the middle of an unquoted field (kept as a literal character).
  case strayQuote(field: Int)
  /// Text after the closing quote of a field (`"abc"def`); the text is dropped from the field.
  case textAfterQuote(field: Int)
}

/// One record (row) of a CSV file, valid only inside the ``CSVReader/forEachRecord(_:)`` callback.
public struct CSVRecord {
  @usableFromInline let base: UnsafePointer<UInt8>
  @usableFromInline let fieldBuffer: UnsafeBufferPointer<CSVField>
  /// The physical line (1-based) on which the record starts.
  public let line: Int
  /// The physical line on which it ends (later than `line` when a quoted value spans lines).
  public let lastLine: Int
  /// A quoting problem, if the record has one.
  public let problem: CSVQuoteProblem?

  /// The number of fields.
  @inlinable public var count: Int { fieldBuffer.count }

  /// The raw bytes of field `i` with surrounding spaces removed (doubled quotes not yet unescaped);
  /// empty for a field past the end of a short row.
  @inlinable @inline(__always)
  public func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    guard i >= 0, i < fieldBuffer.count else { return UnsafeBufferPointer(start: base, count: 0) }
    let f = fieldBuffer[i]
    var s = Int(f.start)
    var e = Int(f.end)
    while s < e, base[s] == 0x20 || base[s] == 0x09 { s += 1 }
    while e > s, base[e - 1] == 0x20 || base[e - 1] == 0x09 { e -= 1 }
    return UnsafeBufferPointer(start: base + s, count: e - s)
  }

  /// Whether field `i` needs unescaping of doubled quotes (`false` for an index out of range, like
  /// ``bytes(_:)``).
  @inlinable public func hasEscapedQuotes(_ i: Int) -> Bool {
    // `i >= 0` too: a negative index (a column the header lacks is -1 in FeedFile) read the memory
    // before the field buffer (found by fuzz-csv: `string(-1)`).
    i >= 0 && i < fieldBuffer.count && fieldBuffer[i].hasEscapedQuotes
  }

  /// Field `i` as a string (trimmed, quotes unescaped).
  public func string(_ i: Int) -> String {
    let b = bytes(i)
    if !hasEscapedQuotes(i) { return String(decoding: b, as: UTF8.self) }
    return String(decoding: CSVRecord.unescape(b), as: UTF8.self)
  }

  /// Removes the second quote of each doubled quote.
  public static func unescape(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(b.count)
    forEachUnescapedRun(b) { out.append(contentsOf: $0) }
    return out
  }

  /// Calls `body` with the pieces of `b` that make up its unescaped text, in order: each piece ends
  /// with the first quote of a doubled quote (whose second quote is left out) or at the end of `b`.
  /// Lets a caller append the text where it is kept without making an array per field.
  @inline(__always)
  public static func forEachUnescapedRun(
    _ b: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) rethrows {
    guard let base = b.baseAddress else { return }
    let n = b.count
    var start = 0
    var i = 0
    while true {
      i = CSVReader.firstOf(
        CSVReader.quote, CSVReader.quote, CSVReader.quote, CSVReader.quote, in: base, from: i, to: n)
      if i == n { break }
      i += 1
      if i < n && base[i] == CSVReader.quote {
        try body(UnsafeBufferPointer(start: base + start, count: i - start))
        i += 1
        start = i
      }
    }
    if start < n || start == 0 { try body(UnsafeBufferPointer(start: base + start, count: n - start)) }
  }

  /// Whether every field is empty (a blank line, or `;;;;` as Excel writes empty rows).
  public var isBlank: Bool {
    for i in 0..<count where bytes(i).count > 0 { return false }
    return true
  }
}

/// A fast RFC 4180 CSV reader over UTF-8 bytes.
///
/// It walks the bytes once, records the bounds of each field of a record in one reused buffer, and hands
/// the record to a callback: no `String` is made unless the caller asks for one. Quoted fields may hold
/// delimiters, doubled quotes and line breaks; CRLF, LF and lone CR end records; line numbers count
/// physical lines.
///
///     let reader = CSVReader(bytes: Array("id;name\n1;\"Müller; Hans\"\n".utf8))
///     reader.delimiter   // ";"
///     reader.forEachRecord { r in print(r.line, r.string(1)) }   // 1 name, 2 Müller; Hans
public struct CSVReader: Sendable {
  public static let quote: UInt8 = 0x22
  public static let cr: UInt8 = 0x0D
  public static let lf: UInt8 = 0x0A

  /// The UTF-8 input (no BOM).
  public let bytes: [UInt8]
  /// `,` (0x2C), `;` (0x3B) or tab.
  public let delimiter: UInt8

  /// Where parsing starts: after an Excel `sep=;` line, if there is one.
  let start: Int
  /// The physical line at `start`.
  let startLine: Int

  /// Creates a reader. Without an explicit delimiter it is taken from an Excel `sep=X` first line (which
  /// is then skipped), or else detected from the first non-blank line.
  public init(bytes: [UInt8], delimiter: UInt8? = nil) {
    self.bytes = bytes
    if let (sep, next) = CSVReader.separatorLine(bytes) {
      self.delimiter = delimiter ?? sep
      start = next
      startLine = 2
    } else {
      self.delimiter = delimiter ?? CSVReader.detectDelimiter(bytes)
      start = 0
      startLine = 1
    }
  }

  /// Excel's `sep=;` line: the delimiter and the offset after the line.
  static func separatorLine(_ b: [UInt8]) -> (UInt8, Int)? {
    guard b.count >= 5, b[0] | 0x20 == 0x73, b[1] | 0x20 == 0x65, b[2] | 0x20 == 0x70, b[3] == 0x3D else { return nil }
    var i = 5
    guard i == b.count || b[i] == cr || b[i] == lf else { return nil }
    if i < b.count && b[i] == cr { i += 1 }
    if i < b.count && b[i] == lf { i += 1 }
    return (b[4], i)
  }

  /// The delimiter that occurs most often outside quotes in the first non-blank line: `;`, `,` or tab
  /// (`,` on a tie).
  public static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
    var semicolons = 0
    var commas = 0
    var tabs = 0
    var inQuotes = false
    var blank = true
    for b in bytes {
      if b == quote {
        inQuotes.toggle()
        blank = false
      } else if !inQuotes {
        if b == lf || b == cr {
          if blank { continue }
          break
        }
        if b == 0x3B { semicolons += 1 } else if b == 0x2C { commas += 1 } else if b == 0x09 { tabs += 1 }
        if b != 0x20 { blank = false }
      }
    }
    if semicolons > commas && semicolons >= tabs { return 0x3B }
    if tabs > commas && tabs > semicolons { return 0x09 }
    return 0x2C
  }

  /// Calls `body` for every record, the header included, in file order.
  public func forEachRecord(_ body: (CSVRecord) throws -> Void) rethrows {
    try bytes.withUnsafeBufferPointer { buf in
      try CSVReader.parse(buf, from: start, line: startLine, delimiter: delimiter) { r in
        try body(r)
        return true
      }
    }
  }

  /// Calls `body` for records in file order until it returns `false`.
  public func forEachRecord(while body: (CSVRecord) throws -> Bool) rethrows {
    try bytes.withUnsafeBufferPointer { buf in
      try CSVReader.parse(buf, from: start, line: startLine, delimiter: delimiter, body)
    }
  }

  /// The parse loop. `@inline(never)` keeps it one tight function the optimizer treats as a unit.
  @inline(never)
  static func parse(
    _ buf: UnsafeBufferPointer<UInt8>, from start: Int = 0, line startLine: Int = 1, delimiter: UInt8,
    _ body: (CSVRecord) throws -> Bool
  ) rethrows {
    guard let base = buf.baseAddress, buf.count > 0 else { return }
    let n = buf.count
    var capacity = 16
    var fieldStorage = UnsafeMutablePointer<CSVField>.allocate(capacity: capacity)
    defer { fieldStorage.deallocate() }
    var i = start
    var line = startLine
    // The structure bytes (delimiter, quote, CR, LF) of a 64-byte window of the input, one bit each:
    // an unquoted field's end is then a bit search, and one window serves several short fields
    // (measured: parsing a third faster than a 16-byte compare per field, which was a fifth faster than
    // byte by byte).
    var windowStart = -64
    var windowBits: UInt64 = 0

    while i < n {
      var count = 0
      let recordLine = line
      var problem: CSVQuoteProblem? = nil

      @inline(__always) func append(_ start: Int, _ end: Int, _ flags: UInt8) {
        if count == capacity {
          let bigger = UnsafeMutablePointer<CSVField>.allocate(capacity: capacity * 2)
          bigger.moveInitialize(from: fieldStorage, count: count)
          fieldStorage.deallocate()
          fieldStorage = bigger
          capacity *= 2
        }
        fieldStorage[count] = CSVField(
          start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end), flags: flags)
        count += 1
      }

      fieldLoop: while true {
        // Spaces before an opening quote are allowed (` "a;b"`).
        var q0 = i
        while q0 < n && (base[q0] == 0x20 || base[q0] == 0x09) { q0 += 1 }
        if q0 < n && base[q0] == quote { i = q0 }
        if i < n && base[i] == quote {
          // Quoted field: jump from quote or line break to the next, sixteen bytes at a time.
          i += 1
          let start = i
          var flags: UInt8 = 1
          while true {
            let q = CSVReader.firstOf(quote, lf, cr, quote, in: base, from: i, to: n)
            if q == n {
              problem = CSVReader.worse(problem, .unterminatedQuote(field: count))
              append(start, n, flags)
              i = n
              break fieldLoop
            }
            let c = base[q]
            i = q + 1
            if c == lf {
              line += 1
            } else if c == cr {
              if !(i < n && base[i] == lf) { line += 1 }  // CRLF counts at its LF
            } else if i < n && base[i] == quote {
              flags |= 2
              i += 1
            } else {
              append(start, q, flags)
              break
            }
          }
          // Spaces after the closing quote are allowed too.
          while i < n && (base[i] == 0x20 || base[i] == 0x09) { i += 1 }
          if i < n {
            let c = base[i]
            if c != delimiter && c != lf && c != cr {
              problem = CSVReader.worse(problem, .textAfterQuote(field: count - 1))
              while i < n && base[i] != delimiter && base[i] != lf && base[i] != cr { i += 1 }
            }
          }
        } else {
          let start = i
          while true {
            // The next structure byte at or after `i`, from the window (refilled at `i` when `i` left it).
            while true {
              let offset = i - windowStart
              if offset >= 0 && offset < 64 {
                let bits = windowBits & (~0 << UInt64(offset))
                if bits != 0 {
                  i = windowStart + bits.trailingZeroBitCount
                  break
                }
                i = windowStart + 64
              }
              if i >= n { break }
              windowStart = i
              windowBits = CSVReader.structureBits(delimiter, in: base, from: i, to: n)
            }
            if i >= n {
              i = n
              break
            }
            let c = base[i]
            if c == delimiter || c == lf || c == cr { break }
            if problem == nil { problem = .strayQuote(field: count) }  // a quote inside the field
            i += 1
          }
          append(start, i, 0)
        }
        if i >= n { break }
        let c = base[i]
        if c == delimiter {
          i += 1
          continue  // at the end of the input, the next pass appends the empty last field
        }
        // End of record: CRLF, LF or lone CR.
        i += 1
        if c == cr && i < n && base[i] == lf { i += 1 }
        line += 1
        break
      }
      // `line` is already the next record's line when a line break ended this one.
      let endedWithBreak = i > 0 && (base[i - 1] == lf || base[i - 1] == cr) && i <= n
      let goOn = try body(
        CSVRecord(
          base: base, fieldBuffer: UnsafeBufferPointer(start: fieldStorage, count: count), line: recordLine,
          lastLine: max(recordLine, endedWithBreak ? line - 1 : line), problem: problem))
      if !goOn { return }
    }
  }

  /// The more serious of two quoting problems: the errors (unterminated quote, text after a quote)
  /// outrank a stray quote, which is only a warning; between equals the first stays.
  static func worse(_ a: CSVQuoteProblem?, _ b: CSVQuoteProblem) -> CSVQuoteProblem {
    guard let a else { return b }
    if case .strayQuote = a { return b }
    return a
  }

  /// The offset of the first byte in `base[from..<to]` that equals `a`, `b`, `c` or `d`, or `to`.
  ///
  /// Sixteen bytes at a time while sixteen remain, then byte by byte. The compares are written as
  /// arithmetic (`zeroBytes`) because the standard library's `.==` on `SIMD16<UInt8>` compiles to a loop
  /// over the lanes here (Swift 6.3, x86-64), while `^`, `&`, `|` and `&+` become single SSE2
  /// instructions; SIMD32 gains nothing without AVX2.
  @inline(__always)
  static func firstOf(
    _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int
  ) -> Int {
    var i = from
    let raw = UnsafeRawPointer(base)
    let va = SIMD16<UInt8>(repeating: a)
    let vb = SIMD16<UInt8>(repeating: b)
    let vc = SIMD16<UInt8>(repeating: c)
    let vd = SIMD16<UInt8>(repeating: d)
    while i + 16 <= to {
      let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
      let hits = zeroBytes(v ^ va) | zeroBytes(v ^ vb) | zeroBytes(v ^ vc) | zeroBytes(v ^ vd)
      let halves = unsafeBitCast(hits, to: SIMD2<UInt64>.self)
      if halves[0] | halves[1] != 0 {
        // Without a branch on which half: fields end in either about as often.
        let bit = halves[0] != 0 ? halves[0].trailingZeroBitCount : 64 + halves[1].trailingZeroBitCount
        return i + bit >> 3
      }
      i += 16
    }
    while i < to {
      let x = base[i]
      if x == a || x == b || x == c || x == d { return i }
      i += 1
    }
    return to
  }

  /// Bit k set when `base[from + k]` is `delimiter`, a quote, CR or LF, for k < 64 and `from + k < to`.
  @inline(__always)
  static func structureBits(_ delimiter: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> UInt64 {
    var bits: UInt64 = 0
    if from + 64 <= to {
      let raw = UnsafeRawPointer(base)
      let vd = SIMD16<UInt8>(repeating: delimiter)
      let vq = SIMD16<UInt8>(repeating: quote)
      let vr = SIMD16<UInt8>(repeating: cr)
      let vl = SIMD16<UInt8>(repeating: lf)
      for block in 0..<4 {
        let v = raw.loadUnaligned(fromByteOffset: from + 16 * block, as: SIMD16<UInt8>.self)
        let hits = unsafeBitCast(
          zeroBytes(v ^ vd) | zeroBytes(v ^ vq) | zeroBytes(v ^ vr) | zeroBytes(v ^ vl), to: SIMD2<UInt64>.self)
        // Gathers the high bit of each byte into the top byte (`0x80` lanes → eight bits).
        let low = (hits[0] &* 0x0002_0408_1020_4081) >> 56
        let high = (hits[1] &* 0x0002_0408_1020_4081) >> 56
        bits |= (low | high << 8) << UInt64(16 * block)
      }
      return bits
    }
    var k = 0
    while from + k < to && k < 64 {
      let c = base[from + k]
      if c == delimiter || c == quote || c == cr || c == lf { bits |= 1 << UInt64(k) }
      k += 1
    }
    return bits
  }

  /// `0x80` in each lane of `x` that is zero, `0` in every other lane (exact: no borrow crosses lanes).
  @inline(__always)
  static func zeroBytes(_ x: SIMD16<UInt8>) -> SIMD16<UInt8> {
    let low7 = SIMD16<UInt8>(repeating: 0x7F)
    return ~(((x & low7) &+ low7) | x) & SIMD16<UInt8>(repeating: 0x80)
  }
}
