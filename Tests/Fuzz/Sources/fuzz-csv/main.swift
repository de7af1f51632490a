// libFuzzer target: the CSV reader, text decoding and value parsers on arbitrary bytes.
//
// The input is one file's bytes. It is decoded like a feed file (`TextDecoding.decode`), read with
// `CSVReader` (delimiter detected; the raw bytes are read as well when decoding rejects them), and every
// field of every record is taken apart with each accessor and each value parser in both number styles.
// Besides crashes, ASan errors and leaks, a few invariants are checked with `fatalError` (so libFuzzer
// reports them as crashes): field bounds inside the input, line numbers increasing, and the hand-written
// UTF-8 validator agreeing with the standard library's.
//
// Built with `-parse-as-library`: libFuzzer provides `main`. See run.sh.
import DigITCore
import DigITFeeds
import DigITMetrics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let raw: [UInt8] = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []

  // The hand-written UTF-8 validator must agree with the standard library's.
  let valid = TextDecoding.isValidUTF8(raw)
  if valid != (String(validating: raw, as: UTF8.self) != nil) {
    fatalError("isValidUTF8 says \(valid), the standard library the opposite")
  }
  // Windows-1252 always transcodes to valid UTF-8.
  if !TextDecoding.isValidUTF8(TextDecoding.windows1252ToUTF8(raw)) {
    fatalError("windows1252ToUTF8 made invalid UTF-8")
  }

  var bytes = raw
  switch TextDecoding.decodeLines(&bytes) {
  case .success(let decoded):
    if !TextDecoding.isValidUTF8(bytes) { fatalError("decode succeeded with invalid UTF-8") }
    // Lines read as Windows-1252: increasing, within the file, and some exactly when it was not UTF-8.
    let lines = decoded.windows1252Lines
    if zip(lines, lines.dropFirst()).contains(where: { $0 >= $1 }) {
      fatalError("Windows-1252 lines out of order: \(lines)")
    }
    if let last = lines.last, last > TextDecoding.lineNumber(of: raw.count, in: raw) {
      fatalError("Windows-1252 line \(last) beyond the end")
    }
    if lines.isEmpty != (decoded.encoding == .utf8 || decoded.encoding == .utf8WithBOM) {
      fatalError("\(decoded.encoding) with lines \(lines)")
    }
    walk(bytes)
  case .failure(let problem):
    _ = problem.message
    if case .nulByte(let line) = problem, line < 1 || line > raw.count + 1 {
      fatalError("NUL byte line \(line) out of range")
    }
    walk(raw)  // the reader must cope with anything, NUL bytes and UTF-16 included
  }
  // An explicit delimiter taken from the input (any byte, even a quote or a line break).
  if let first = raw.first { walk(raw, delimiter: first) }
  return 0
}

/// Reads every record and every field of `bytes` with every accessor.
func walk(_ bytes: [UInt8], delimiter: UInt8? = nil) {
  let reader = CSVReader(bytes: bytes, delimiter: delimiter)
  _ = CSVReader.detectDelimiter(bytes)
  let style: NumberStyle = reader.delimiter == 0x3B ? .german : .plain
  var lastLine = 0
  var records = 0
  reader.bytes.withUnsafeBufferPointer { all in
    let lower = UInt(bitPattern: all.baseAddress)
    let upper = lower + UInt(all.count)
    reader.forEachRecord(while: { r in
      records += 1
      if r.line < lastLine || r.lastLine < r.line {
        fatalError("line numbers \(r.line)…\(r.lastLine) after \(lastLine)")
      }
      lastLine = r.line
      _ = r.isBlank
      _ = r.problem
      // One past the last field too: a short row's missing field reads as empty.
      for i in -1...r.count {
        let b = r.bytes(i)
        if b.count > 0 {
          let start = UInt(bitPattern: b.baseAddress)
          if start < lower || start + UInt(b.count) > upper { fatalError("field \(i) lies outside the input") }
        }
        var sum = 0
        for c in b { sum &+= Int(c) }  // touch every byte (ASan)
        let s = r.string(i)
        if r.hasEscapedQuotes(i) { _ = CSVRecord.unescape(b) }
        if !r.hasEscapedQuotes(i) && b.count > 0 && s.utf8.count == 0 { fatalError("string lost field \(i)") }
        parseValues(b, text: s, style: style)
        parseValues(b, text: s, style: style == .german ? .plain : .german)
      }
      return records < 100_000
    })
  }
  if !bytes.isEmpty, lastLine > TextDecoding.lineNumber(of: bytes.count, in: bytes) + 1 {
    fatalError("record line \(lastLine) beyond the end of the input")
  }
}

/// Every value parser on one field; failures are turned into their messages (for fields of up to 256
/// bytes: a message only quotes the first 80 characters, and making it for every long field would
/// spend most of the time in string building).
func parseValues(_ b: UnsafeBufferPointer<UInt8>, text: String, style: NumberStyle) {
  func message(_ e: ValueError) {
    if b.count <= 256 && ValueParser.message(e, value: text, style: style).isEmpty { fatalError("empty message") }
  }
  switch ValueParser.decimal(b, style: style) {
  case .success(let v):
    if !v.isFinite { fatalError("decimal gave \(v)") }
    if v.magnitude > Double(ValueParser.maximumDecimal) { fatalError("decimal \(v) above the maximum") }
  case .failure(let e): message(e)
  }
  switch ValueParser.integer(b, style: style) {
  case .success: break
  case .failure(let e): message(e)
  }
  switch ValueParser.date(b) {
  case .success(let d): if !ValueParser.years.contains(d.year) { fatalError("date \(d) out of range") }
  case .failure(let e): message(e)
  }
  switch ValueParser.week(b) {
  case .success(let w): _ = w.monday
  case .failure(let e): message(e)
  }
}
