/// A calendar day, stored as the number of days since 1970-01-01 (proleptic Gregorian, no time zone).
///
/// Days are plain integers so that comparisons, differences and week arithmetic are exact and fast:
///
///     let day = Day(year: 2026, month: 11, day: 23)!
///     day.isoWeek          // 2026-W48
///     day.adding(days: 7)  // 2026-11-30
///     day.description      // "2026-11-23"
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public var rawValue: Int32

  /// The years a day (or an ISO week) given by a user or a feed may lie in: dates, `--as-of` and
  /// `--week` outside them are refused as implausible (a typo such as 2206 for 2026).
  public static let supportedYears = 1900...2199

  /// Creates a day from its number of days since 1970-01-01.
  @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }

  /// Creates a day from a valid Gregorian date, or returns `nil` for an impossible one (31.02.).
  @inlinable public init?(year: Int, month: Int, day: Int) {
    guard month >= 1, month <= 12, day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
    self.rawValue = Int32(truncatingIfNeeded: Day.daysFromCivil(year: year, month: month, day: day))
  }

  /// The number of days of a month (28–31).
  @inlinable public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Whether a Gregorian year has 366 days.
  @inlinable public static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  // Howard Hinnant's days_from_civil / civil_from_days, exact for all Int32 days.
  @usableFromInline static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = month > 2 ? month - 3 : month + 9
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Year, month (1–12) and day of month (1–31).
  public var components: (year: Int, month: Int, day: Int) {
    let z = Int(rawValue) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// The year of the day.
  public var year: Int { components.year }

  /// ISO weekday: Monday = 1 … Sunday = 7.
  public var isoWeekday: Int {
    let r = Int(rawValue) % 7
    return (r + 7 + 3) % 7 + 1  // 1970-01-01 was a Thursday
  }

  /// The ISO week that contains the day.
  public var isoWeek: ISOWeek {
    let thursday = adding(days: 4 - isoWeekday)
    let c = thursday.components
    let dayOfYear = Int(thursday.rawValue) - Day.daysFromCivil(year: c.year, month: 1, day: 1)
    return ISOWeek(unchecked: Int32(truncatingIfNeeded: c.year * 100 + dayOfYear / 7 + 1))
  }

  /// The day `n` days later (earlier for negative `n`).
  @inlinable public func adding(days n: Int) -> Day { Day(rawValue: rawValue &+ Int32(truncatingIfNeeded: n)) }

  /// Days from `self` to `other` (positive when `other` is later).
  @inlinable public func days(to other: Day) -> Int { Int(other.rawValue) - Int(rawValue) }

  /// Whether `a` is an earlier day than `b`.
  @inlinable public static func < (a: Day, b: Day) -> Bool { a.rawValue < b.rawValue }

  /// ISO format `2026-11-23`.
  public var description: String {
    let c = components
    return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
  }

  /// A day in ISO format (`2026-11-23`, as ``description`` writes it); `nil` for anything else.
  public init?(iso text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// German format `23.11.2026`.
  public var germanDescription: String {
    let c = components
    return "\(pad(c.day, 2)).\(pad(c.month, 2)).\(pad(c.year, 4))"
  }
}

@usableFromInline func pad(_ n: Int, _ width: Int) -> String {
  let s = String(n)
  return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
