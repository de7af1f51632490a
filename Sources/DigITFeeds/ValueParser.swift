import DigITCore
import DigITMetrics

/// How numbers are written in a CSV file, decided by its delimiter.
public enum NumberStyle: Sendable {
  /// `,`-separated files: `1234.5`, no thousands separators.
  case plain
  /// `;`-separated files (German Excel): `1.234,5`, `68,5`.
  case german

  /// An example for messages.
  var example: String { self == .plain ? "1234.5" : "1.234,5" }
}

/// Why a value could not be read; `message(for:)` turns it into plain words.
public enum ValueError: Error, Sendable, Equatable {
  case notANumber
  case decimalCommaInPlainFile
  case badThousandsGrouping
  case notWhole
  /// Above the largest value the column accepts (`maximum`), or not finite at all (`1e99999`, 310 digits).
  case tooLarge(maximum: Int64)
  case negative
  case notADate
  case noSuchDay(year: Int, month: Int, day: Int)
  case yearOutOfRange(Int)
  case notAWeek
  case noSuchWeek(year: Int, week: Int)
}

/// Parsers for the values of feed files, reading straight from the bytes of a field.
///
///     ValueParser.decimal(bytes("1.234,5"), style: .german)   // .success(1234.5)
///     ValueParser.date(bytes("24.11.2026"))                    // .success(2026-11-24)
///     ValueParser.week(bytes("2026-W48"))                      // .success(2026-W48)
public enum ValueParser {
  /// Years accepted in dates and weeks: `Day.supportedYears` (DigITCore).
  public static let years = Day.supportedYears

  /// The largest magnitude of a decimal value, 10^15: no budget, count or duration of a city comes
  /// near it, and sums of millions of such values stay exact enough and finite (never ∞).
  public static let maximumDecimal: Int64 = 1_000_000_000_000_000

  /// 10^n for 0 ≤ n ≤ 22, exactly (every product stays an exactly representable integer).
  @inline(__always) static func powerOf10(_ n: Int) -> Double {
    var v = 1.0
    for _ in 0..<n { v *= 10 }
    return v
  }

  // MARK: - Numbers

  /// A decimal number in the file's style; a trailing `€` or `%` is ignored.
  public static func decimal(_ s: UnsafeBufferPointer<UInt8>, style: NumberStyle) -> Result<Double, ValueError> {
    // Fast path: up to 15 digits with at most one decimal separator (the common case), exact.
    let n = s.count
    if n > 0 && n <= 16 {
      let separator: UInt8 = style == .german ? 0x2C : 0x2E
      var m: UInt64 = 0
      var fraction = -1
      var i = 0
      while i < n {
        let c = s[i]
        let d = c &- 0x30
        if d <= 9 {
          m = m &* 10 &+ UInt64(d)
          if fraction >= 0 { fraction += 1 }
        } else if c == separator && fraction < 0 && i > 0 {
          fraction = 0
        } else {
          break
        }
        i += 1
      }
      if i == n && fraction != 0 {
        let v = fraction < 0 ? Double(m) : Double(m) / powerOf10(fraction)
        // 16 digits reach beyond the maximum (found by fuzz-csv: 1234567890123456 was accepted).
        guard v <= Double(maximumDecimal) else { return .failure(.tooLarge(maximum: maximumDecimal)) }
        return .success(v)
      }
    }
    switch scanNumber(s, style: style) {
    case .failure(let e): return .failure(e)
    case .success(let n):
      guard n.value.isFinite, n.value.magnitude <= Double(maximumDecimal) else {
        return .failure(.tooLarge(maximum: maximumDecimal))
      }
      return .success(n.value)
    }
  }

  /// A whole number in the file's style (`1.234` in German files); a fraction of zeros (`12,00`) is allowed.
  public static func integer(_ s: UnsafeBufferPointer<UInt8>, style: NumberStyle) -> Result<Int64, ValueError> {
    // Fast path: up to 18 plain digits.
    let n = s.count
    if n > 0 && n <= 18 {
      var v: Int64 = 0
      var i = 0
      while i < n {
        let d = s[i] &- 0x30
        if d > 9 { break }
        v = v &* 10 &+ Int64(d)
        i += 1
      }
      if i == n { return .success(v) }
    }
    switch scanNumber(s, style: style) {
    case .failure(let e): return .failure(e)
    case .success(let n):
      guard n.wholeIsExact else { return .failure(.tooLarge(maximum: Int64.max)) }
      guard n.fractionIsZero else { return .failure(.notWhole) }
      return .success(n.negative ? -Int64(n.whole) : Int64(n.whole))
    }
  }

  public struct ScannedNumber {
    public var negative: Bool
    /// The integer part (valid when `wholeIsExact`).
    public var whole: UInt64
    public var wholeIsExact: Bool
    public var fractionIsZero: Bool
    public var value: Double
  }

  static func scanNumber(_ input: UnsafeBufferPointer<UInt8>, style: NumberStyle) -> Result<ScannedNumber, ValueError> {
    var s = 0
    var e = input.count
    // Ignore a trailing unit: "%", "€" (E2 82 AC), with or without a space before it.
    if e > 0, input[e - 1] == 0x25 {
      e -= 1
    } else if e >= 3, input[e - 3] == 0xE2, input[e - 2] == 0x82, input[e - 1] == 0xAC {
      e -= 3
    }
    while e > s, input[e - 1] == 0x20 { e -= 1 }
    guard s < e else { return .failure(.notANumber) }
    var negative = false
    if input[s] == 0x2D || input[s] == 0x2B {  // - +
      negative = input[s] == 0x2D
      s += 1
    }
    let groupSep: UInt8 = style == .german ? 0x2E : 0  // '.'
    let decimalSep: UInt8 = style == .german ? 0x2C : 0x2E  // ',' or '.'
    var mantissa: UInt64 = 0
    var digits = 0
    var significant = 0
    var overflow = false
    var wholeOverflow = false
    var whole: UInt64 = 0
    var fractionDigits = 0
    var fractionIsZero = true
    var inFraction = false
    var groupDigits = 0  // digits since the last group separator
    var firstGroup = 0  // digits before the first group separator
    var sawGroup = false
    var i = s
    while i < e {
      let c = input[i]
      if c >= 0x30 && c <= 0x39 {
        let d = UInt64(c - 0x30)
        if significant < 19 {
          mantissa = mantissa * 10 + d
          if mantissa > 0 { significant += 1 }
          if inFraction { fractionDigits += 1 }
        } else {
          overflow = true
          if !inFraction { fractionDigits -= 1 }  // an integer digit we could not keep scales by 10
        }
        if !inFraction {
          let (m, o1) = whole.multipliedReportingOverflow(by: 10)
          let (a, o2) = m.addingReportingOverflow(d)
          whole = a
          if o1 || o2 { wholeOverflow = true }
          groupDigits += 1
        } else if d != 0 {
          fractionIsZero = false
        }
        digits += 1
      } else if c == groupSep && !inFraction {
        if sawGroup {
          if groupDigits != 3 { return .failure(.badThousandsGrouping) }
        } else {
          firstGroup = groupDigits
          if firstGroup < 1 || firstGroup > 3 { return .failure(.badThousandsGrouping) }
        }
        sawGroup = true
        groupDigits = 0
      } else if c == decimalSep && !inFraction {
        if sawGroup && groupDigits != 3 { return .failure(.badThousandsGrouping) }
        inFraction = true
      } else if style == .plain && c == 0x2C {
        return .failure(.decimalCommaInPlainFile)
      } else {
        return .failure(.notANumber)
      }
      i += 1
    }
    if digits == 0 { return .failure(.notANumber) }
    if sawGroup && !inFraction && groupDigits != 3 { return .failure(.badThousandsGrouping) }
    var value: Double
    if !overflow && mantissa < (1 << 53) && fractionDigits <= 22 && fractionDigits >= 0 {
      // Exact: both operands are exactly representable, so one division rounds correctly.
      value = Double(mantissa) / powerOf10(fractionDigits)
    } else {
      value = Double(mantissa)
      if fractionDigits > 0 {
        for _ in 0..<fractionDigits { value /= 10 }
      } else {
        for _ in 0..<(-fractionDigits) { value *= 10 }
      }
    }
    if negative { value = -value }
    return .success(
      ScannedNumber(
        negative: negative, whole: whole, wholeIsExact: !wholeOverflow && whole <= UInt64(Int64.max),
        fractionIsZero: fractionIsZero, value: value))
  }

  // MARK: - Dates

  /// A date `2026-11-24` or `24.11.2026` (day and month may have one digit); a time after it is ignored.
  public static func date(_ input: UnsafeBufferPointer<UInt8>) -> Result<Day, ValueError> {
    let n = input.count
    @inline(__always) func digit(_ i: Int) -> Int? {
      guard i < n else { return nil }
      let c = input[i]
      return c >= 0x30 && c <= 0x39 ? Int(c - 0x30) : nil
    }
    var year = 0
    var month = 0
    var day = 0
    var end = 0
    if n >= 10, input[4] == 0x2D, input[7] == 0x2D {  // yyyy-mm-dd
      guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3), let m0 = digit(5),
        let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
      else { return .failure(.notADate) }
      year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
      month = m0 * 10 + m1
      day = d0 * 10 + d1
      end = 10
    } else {  // d.m.yyyy
      var i = 0
      guard let d0 = digit(i) else { return .failure(.notADate) }
      day = d0
      i += 1
      if let d1 = digit(i) {
        day = day * 10 + d1
        i += 1
      }
      guard i < n, input[i] == 0x2E, let m0 = digit(i + 1) else { return .failure(.notADate) }
      month = m0
      i += 2
      if let m1 = digit(i) {
        month = month * 10 + m1
        i += 1
      }
      guard i < n, input[i] == 0x2E, let y0 = digit(i + 1), let y1 = digit(i + 2), let y2 = digit(i + 3),
        let y3 = digit(i + 4)
      else { return .failure(.notADate) }
      year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
      end = i + 5
    }
    if end < n {
      // Allow a time of day: " 00:00", "T00:00:00".
      guard input[end] == 0x20 || input[end] == 0x54 else { return .failure(.notADate) }
      var j = end + 1
      guard j < n else { return .failure(.notADate) }
      while j < n {
        let c = input[j]
        guard (c >= 0x30 && c <= 0x39) || c == 0x3A || c == 0x2E else { return .failure(.notADate) }
        j += 1
      }
    }
    guard years.contains(year) else { return .failure(.yearOutOfRange(year)) }
    guard let d = Day(year: year, month: month, day: day) else {
      return .failure(.noSuchDay(year: year, month: month, day: day))
    }
    return .success(d)
  }

  // MARK: - Weeks

  /// An ISO week `2026-W48` (also `2026W48`, `2026-w48`, `2026-W5`).
  public static func week(_ input: UnsafeBufferPointer<UInt8>) -> Result<ISOWeek, ValueError> {
    let n = input.count
    guard n >= 6 else { return .failure(.notAWeek) }
    var year = 0
    for k in 0..<4 {
      let c = input[k]
      guard c >= 0x30 && c <= 0x39 else { return .failure(.notAWeek) }
      year = year * 10 + Int(c - 0x30)
    }
    var i = 4
    if input[i] == 0x2D { i += 1 }
    guard i < n, input[i] == 0x57 || input[i] == 0x77 else { return .failure(.notAWeek) }
    i += 1
    guard i < n, n - i <= 2 else { return .failure(.notAWeek) }
    var week = 0
    while i < n {
      let c = input[i]
      guard c >= 0x30 && c <= 0x39 else { return .failure(.notAWeek) }
      week = week * 10 + Int(c - 0x30)
      i += 1
    }
    guard years.contains(year) else { return .failure(.yearOutOfRange(year)) }
    guard let w = ISOWeek(year: year, week: week) else { return .failure(.noSuchWeek(year: year, week: week)) }
    return .success(w)
  }

  // MARK: - Messages

  /// `1.000.000` in German files, `1000000` in plain ones.
  static func grouped(_ n: Int64, style: NumberStyle) -> String {
    let digits = String(n)
    guard style == .german else { return digits }
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
      out.append(c)
    }
    return out
  }

  private static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]
  private static let germanMonthNames = [
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
    "Dezember",
  ]

  /// The plain-words message for a value that failed, e.g.
  /// `"31.02.2026" is not a date (February 2026 has 28 days, not 31)`.
  public static func message(_ error: ValueError, value: String, style: NumberStyle) -> String {
    texts(error, value: value, style: style).english
  }

  /// ``message(_:value:style:)`` in both languages:
  /// `„31.02.2026“ ist kein Datum (der Februar 2026 hat 28 Tage, nicht 31)`.
  public static func texts(_ error: ValueError, value: String, style: NumberStyle) -> Bilingual {
    let v = "\"\(Inert.message(value))\""
    let q = "„\(Inert.message(value))“"
    switch error {
    case .notANumber:
      return Bilingual(
        "\(v) is not a number (expected e.g. \(style.example))",
        de: "\(q) ist keine Zahl (erwartet z. B. \(style.example))")
    case .decimalCommaInPlainFile:
      return Bilingual(
        "\(v) has a decimal comma, but this file is comma-separated: write 1234.5 (or save the file with ';')",
        de:
          "\(q) hat ein Dezimalkomma, aber diese Datei ist durch Kommas getrennt: 1234.5 schreiben (oder die Datei mit „;“ speichern)"
      )
    case .badThousandsGrouping:
      return style == .german
        ? Bilingual(
          "\(v) is not a German number: '.' separates thousands in groups of three, ',' the decimals (e.g. 1.234,5)",
          de:
            "\(q) ist keine deutsche Zahl: „.“ trennt Tausender in Dreiergruppen, „,“ die Nachkommastellen (z. B. 1.234,5)"
        )
        : Bilingual(
          "\(v) is not a number (expected e.g. 1234.5)", de: "\(q) ist keine Zahl (erwartet z. B. 1234.5)")
    case .notWhole:
      return Bilingual("\(v) is not a whole number", de: "\(q) ist keine ganze Zahl")
    case .tooLarge(let maximum):
      return Bilingual(
        "\(v) is too large (at most \(grouped(maximum, style: style)))",
        de: "\(q) ist zu groß (höchstens \(grouped(maximum, style: .german)))")
    case .negative:
      return Bilingual("\(v) is negative (expected 0 or more)", de: "\(q) ist negativ (erwartet 0 oder mehr)")
    case .notADate:
      return Bilingual(
        "\(v) is not a date (expected e.g. 2026-11-24 or 24.11.2026)",
        de: "\(q) ist kein Datum (erwartet z. B. 24.11.2026 oder 2026-11-24)")
    case .noSuchDay(let y, let m, let d):
      if m < 1 || m > 12 {
        return Bilingual(
          "\(v) is not a date (there is no month \(m))", de: "\(q) ist kein Datum (es gibt keinen Monat \(m))")
      }
      if d < 1 {
        return Bilingual("\(v) is not a date (there is no day 0)", de: "\(q) ist kein Datum (es gibt keinen Tag 0)")
      }
      let days = Day.daysIn(month: m, year: y)
      return Bilingual(
        "\(v) is not a date (\(monthNames[m - 1]) \(y) has \(days) days, not \(d))",
        de: "\(q) ist kein Datum (der \(germanMonthNames[m - 1]) \(y) hat \(days) Tage, nicht \(d))")
    case .yearOutOfRange(let y):
      return Bilingual(
        "\(v) is not a date in a plausible year (\(y); expected \(years.lowerBound)–\(years.upperBound))",
        de:
          "\(q) liegt in keinem plausiblen Jahr (\(y); erwartet \(years.lowerBound)–\(years.upperBound))")
    case .notAWeek:
      return Bilingual(
        "\(v) is not an ISO week (expected e.g. 2026-W48)",
        de: "\(q) ist keine ISO-Kalenderwoche (erwartet z. B. 2026-W48)")
    case .noSuchWeek(let y, let w):
      if w < 1 {
        return Bilingual(
          "\(v) is not an ISO week (weeks are numbered from 1)",
          de: "\(q) ist keine ISO-Kalenderwoche (die Wochen werden ab 1 gezählt)")
      }
      return Bilingual(
        "\(v) is not an ISO week (\(y) has \(ISOWeek.weeks(in: y)) weeks, not \(w))",
        de: "\(q) ist keine ISO-Kalenderwoche (\(y) hat \(ISOWeek.weeks(in: y)) Wochen, nicht \(w))")
    }
  }
}
