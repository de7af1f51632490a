import DigITCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a feed file's bytes were turned into UTF-8.
public enum SourceEncoding: String, Sendable {
  case utf8 = "UTF-8"
  case utf8WithBOM = "UTF-8 with BOM"
  case windows1252 = "Windows-1252"
  /// UTF-8 with some lines in Windows-1252 (a file edited with two programs): those lines were read as
  /// Windows-1252, each with a warning.
  case utf8WithWindows1252Lines = "UTF-8 with Windows-1252 lines"
}

/// The result of decoding a file: its encoding and, when some lines were not UTF-8, which.
public struct DecodedText: Sendable, Equatable {
  public var encoding: SourceEncoding
  /// The 1-based lines that were not valid UTF-8 and were read as Windows-1252 (every such line of a
  /// Windows-1252 file; in a UTF-8 file, the stray ones).
  public var windows1252Lines: [Int]
}

/// Why a file's bytes could not be read as text.
public enum DecodingProblem: Error, Sendable, Equatable {
  case utf16
  case nulByte(line: Int)

  public var message: String { texts.english }

  /// The message in both languages.
  public var texts: Bilingual {
    switch self {
    case .utf16:
      Bilingual(
        "the file is UTF-16, which is not supported: save it as UTF-8 (in Excel: \"CSV UTF-8\")",
        de:
          "die Datei ist in UTF-16 gespeichert, das nicht unterstützt wird: als UTF-8 speichern (in Excel: „CSV UTF-8“)"
      )
    case .nulByte(let line):
      Bilingual(
        "the file contains a NUL byte in line \(line): it is not a text file (or UTF-16 without BOM)",
        de: "die Datei enthält in Zeile \(line) ein NUL-Byte: sie ist keine Textdatei (oder UTF-16 ohne BOM)")
    }
  }
}

/// Turns raw file bytes into UTF-8: strips a UTF-8 BOM, rejects UTF-16 and NUL bytes, and reads a file that
/// is not valid UTF-8 as Windows-1252 (what German Excel writes for "CSV (Trennzeichen-getrennt)").
public enum TextDecoding {
  /// Decodes `raw` in place where possible and returns the encoding it was in.
  public static func decode(_ raw: inout [UInt8]) -> Result<SourceEncoding, DecodingProblem> {
    decodeLines(&raw).map(\.encoding)
  }

  /// Decodes `raw` line by line: a file that is valid UTF-8 stays as it is (the fast, common case);
  /// otherwise each line that is valid UTF-8 stays UTF-8 and each line that is not is read as
  /// Windows-1252. The file counts as Windows-1252 when no line holds UTF-8 beyond ASCII (what German
  /// Excel writes), and as UTF-8 with stray Windows-1252 lines when some do. Lines end at CRLF, LF or
  /// a lone CR, as everywhere else; no UTF-8 sequence spans a line end, so a line's validity is its own.
  public static func decodeLines(_ raw: inout [UInt8]) -> Result<DecodedText, DecodingProblem> {
    if raw.count >= 2, (raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF) {
      return .failure(.utf16)
    }
    var encoding = SourceEncoding.utf8
    if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF {
      raw.removeFirst(3)
      encoding = .utf8WithBOM
    }
    let nul: Int? = raw.withUnsafeBufferPointer { buf in
      guard let base = buf.baseAddress, let p = memchr(base, 0, buf.count) else { return nil }
      return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }
    if let nul { return .failure(.nulByte(line: lineNumber(of: nul, in: raw))) }
    if isValidUTF8(raw) { return .success(DecodedText(encoding: encoding, windows1252Lines: [])) }
    var out = [UInt8]()
    out.reserveCapacity(raw.count + raw.count / 8)
    var lines: [Int] = []
    var sawUTF8 = false
    var line = 1
    var start = 0
    let n = raw.count
    while start < n {
      // The line without its end, then the end (CRLF, LF or CR).
      var end = start
      while end < n && raw[end] != 0x0A && raw[end] != 0x0D { end += 1 }
      var next = end
      if next < n { next += raw[next] == 0x0D && next + 1 < n && raw[next + 1] == 0x0A ? 2 : 1 }
      let content = Array(raw[start..<end])
      if isValidUTF8(content) {
        if !sawUTF8 && content.contains(where: { $0 >= 0x80 }) { sawUTF8 = true }
        out.append(contentsOf: content)
      } else {
        lines.append(line)
        out.append(contentsOf: windows1252ToUTF8(content))
      }
      out.append(contentsOf: raw[end..<next])
      start = next
      line += 1
    }
    raw = out
    return .success(DecodedText(encoding: sawUTF8 ? .utf8WithWindows1252Lines : .windows1252, windows1252Lines: lines))
  }

  /// Whether the bytes are valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
  ///
  /// Hand-written because feed text is mostly ASCII with an umlaut here and there: this skips ASCII
  /// sixteen bytes at a time and checks each multi-byte sequence where it stands, while the standard
  /// library's validator leaves its ASCII fast path at the first umlaut (measured: 5 % of a load).
  public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buf -> Bool in
      guard let base = buf.baseAddress else { return true }
      let n = buf.count
      let raw = UnsafeRawPointer(base)
      var i = 0
      while i < n {
        // ASCII sixteen bytes at a time, then eight.
        while i + 16 <= n
          && (raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) & 0x8080_8080_8080_8080 == 0
        {
          i += 16
        }
        if i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
          i += 8
          continue
        }
        if i >= n { break }
        let b = base[i]
        if b < 0x80 {
          i += 1
          continue
        }
        @inline(__always) func cont(_ k: Int) -> Bool { k < n && base[k] & 0xC0 == 0x80 }
        switch b {
        case 0xC2...0xDF:
          guard cont(i + 1) else { return false }
          i += 2
        case 0xE0...0xEF:
          guard cont(i + 1), cont(i + 2) else { return false }
          let b1 = base[i + 1]
          if b == 0xE0 && b1 < 0xA0 { return false }  // overlong
          if b == 0xED && b1 > 0x9F { return false }  // surrogates
          i += 3
        case 0xF0...0xF4:
          guard cont(i + 1), cont(i + 2), cont(i + 3) else { return false }
          let b1 = base[i + 1]
          if b == 0xF0 && b1 < 0x90 { return false }  // overlong
          if b == 0xF4 && b1 > 0x8F { return false }  // above U+10FFFF
          i += 4
        default:
          return false
        }
      }
      return true
    }
  }

  /// Windows-1252 bytes 0x80–0x9F; 0 marks the five undefined bytes (decoded as U+FFFD).
  private static let cp1252High: [UInt32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
    0x0178,
  ]

  /// Transcodes Windows-1252 to UTF-8. Hand-written (rather than `String(data:encoding:)`) because the
  /// parser wants bytes, and going through `String` would double the memory of large files.
  public static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count + bytes.count / 8)
    for b in bytes {
      if b < 0x80 {
        out.append(b)
        continue
      }
      var scalar = UInt32(b)
      if b < 0xA0 {
        scalar = cp1252High[Int(b) - 0x80]
        if scalar == 0 { scalar = 0xFFFD }
      }
      if scalar < 0x800 {
        out.append(UInt8(0xC0 | (scalar >> 6)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
      } else {
        out.append(UInt8(0xE0 | (scalar >> 12)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
      }
    }
    return out
  }

  /// The 1-based physical line of a byte offset (CRLF, LF and lone CR each end a line).
  public static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
    var line = 1
    var i = 0
    let end = min(offset, bytes.count)
    while i < end {
      if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) { line += 1 }
      i += 1
    }
    return line
  }
}
