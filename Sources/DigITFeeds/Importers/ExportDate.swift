import DigITCore

/// The date formats of exports that `imports:` `date_format:` may name. A time after the date is read
/// and dropped: backlog figures count days.
enum ExportDateFormat: String, Sendable, CaseIterable {
  /// `24.11.2026`, `24.11.2026 13:42` (German UIs).
  case german = "dd.MM.yyyy"
  /// `2026-11-24`, `2026-11-24T13:42:00Z` (ISO 8601, APIs).
  case iso = "yyyy-MM-dd"
  /// `11/24/2026` (US English UIs).
  case us = "MM/dd/yyyy"
  /// `24/11/2026` (British English UIs).
  case british = "dd/MM/yyyy"
  /// `24/Nov/26 1:42 PM` (Jira's default).
  case jira = "dd/MMM/yy h:mm a"
}

/// Reads the dates of exports.
enum ExportDate {
  /// A day in `format`, or, without one, in whatever of the formats the value has: `dd.MM.yyyy` and ISO
  /// (through ``ValueParser/date(_:)``), `dd/MMM/yy` (Jira, English or German month abbreviations) and
  /// `MM/dd/yyyy` (US English).
  static func parse(_ b: UnsafeBufferPointer<UInt8>, format: ExportDateFormat?) -> Result<Day, ValueError> {
    switch format {
    case .german?, .iso?:
      return ValueParser.date(trimTimeZone(b))
    case .us?:
      return numericSlashes(b, monthFirst: true)
    case .british?:
      return numericSlashes(b, monthFirst: false)
    case .jira?:
      return jira(b)
    case nil:
      if b.contains(0x2F) {  // "/"
        if case .success(let d) = jira(b) { return .success(d) }
        return numericSlashes(b, monthFirst: true)
      }
      return ValueParser.date(trimTimeZone(b))
    }
  }

  /// An ISO time stamp without its zone and fraction (`2025-10-09T13:42:05.123Z` → `2025-10-09T13:42:05`):
  /// the day is taken as written (UTC for OpenProject's API; documented).
  static func trimTimeZone(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    guard b.count > 10, b[4] == 0x2D, b[10] == 0x54 else { return b }
    return UnsafeBufferPointer(rebasing: b[0..<10])
  }

  private static func number(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, maxDigits: Int) -> Int? {
    var v = 0
    var k = 0
    while i < b.count, k < maxDigits, b[i] >= 0x30, b[i] <= 0x39 {
      v = v * 10 + Int(b[i] - 0x30)
      i += 1
      k += 1
    }
    return k == 0 ? nil : v
  }

  /// `11/24/2026` or `24/11/2026`, with an optional time after a space.
  static func numericSlashes(_ b: UnsafeBufferPointer<UInt8>, monthFirst: Bool) -> Result<Day, ValueError> {
    var i = 0
    guard let a = number(b, &i, maxDigits: 2), i < b.count, b[i] == 0x2F else { return .failure(.notADate) }
    i += 1
    guard let c = number(b, &i, maxDigits: 2), i < b.count, b[i] == 0x2F else { return .failure(.notADate) }
    i += 1
    let yearStart = i
    guard let year = number(b, &i, maxDigits: 4), i - yearStart == 4, i == b.count || b[i] == 0x20 else {
      return .failure(.notADate)
    }
    let (month, day) = monthFirst ? (a, c) : (c, a)
    return makeDay(year, month, day)
  }

  private static let months: [[UInt8]: Int] = {
    var m: [[UInt8]: Int] = [:]
    let en = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    let de = ["jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"]
    for (k, name) in en.enumerated() { m[Array(name.utf8)] = k + 1 }
    for (k, name) in de.enumerated() { m[Array(name.utf8)] = k + 1 }
    m[Array("mrz".utf8)] = 3
    return m
  }()

  /// `09/Oct/25 1:42 PM`: the day, an English (or German) month abbreviation and a two-digit year
  /// (20yy); the time is dropped.
  static func jira(_ b: UnsafeBufferPointer<UInt8>) -> Result<Day, ValueError> {
    var i = 0
    guard let d = number(b, &i, maxDigits: 2), i < b.count, b[i] == 0x2F else { return .failure(.notADate) }
    i += 1
    var name: [UInt8] = []
    while i < b.count, b[i] != 0x2F {
      let c = b[i]
      name.append(c >= 0x41 && c <= 0x5A ? c + 0x20 : c)
      i += 1
    }
    // "Mär" with a capital umlaut is not expected; a lowercase "ä" is two bytes and compared as they are.
    guard let month = months[name], i < b.count else { return .failure(.notADate) }
    i += 1
    let yearStart = i
    guard let y = number(b, &i, maxDigits: 4), i == b.count || b[i] == 0x20 else { return .failure(.notADate) }
    let year = i - yearStart == 2 ? 2000 + y : y
    return makeDay(year, month, d)
  }

  private static func makeDay(_ year: Int, _ month: Int, _ day: Int) -> Result<Day, ValueError> {
    guard ValueParser.years.contains(year) else { return .failure(.yearOutOfRange(year)) }
    guard let d = Day(year: year, month: month, day: day) else {
      return .failure(.noSuchDay(year: year, month: month, day: day))
    }
    return .success(d)
  }
}
