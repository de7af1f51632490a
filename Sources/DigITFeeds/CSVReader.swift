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
    var i = 0
    while i < b.count {
      out.append(b[i])
      if b[i] == 0x22, i + 1 < b.count, b[i + 1] == 0x22 { i += 1 }
      i += 1
    }
    return out
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
          // Quoted field: jump from quote to quote with memchr, counting line breaks in between.
          i += 1
          let start = i
          var flags: UInt8 = 1
          while true {
            guard let q = memchr(base + i, Int32(quote), n - i) else {
              line += CSVReader.lineBreaks(base, from: i, to: n)
              problem = CSVReader.worse(problem, .unterminatedQuote(field: count))
              append(start, n, flags)
              i = n
              break fieldLoop
            }
            let qi = base.distance(to: q.assumingMemoryBound(to: UInt8.self))
            line += CSVReader.lineBreaks(base, from: i, to: qi)
            if qi + 1 < n && base[qi + 1] == quote {
              flags |= 2
              i = qi + 2
              continue
            }
            append(start, qi, flags)
            i = qi + 1
            break
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
          while i < n {
            let c = base[i]
            if c == delimiter || c == lf || c == cr { break }
            if c == quote && problem == nil { problem = .strayQuote(field: count) }
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

  /// Line breaks in `base[from..<to]`: CRLF, LF and lone CR count one each.
  @inline(__always)
  static func lineBreaks(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
    var k = 0
    var j = from
    while j < to {
      let c = base[j]
      if c == lf {
        k += 1
      } else if c == cr && !(j + 1 < to && base[j + 1] == lf) {
        k += 1
      }
      j += 1
    }
    return k
  }
}
