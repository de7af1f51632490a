/// An ISO 8601 week such as `2026-W48`: weeks start on Monday, week 1 holds the year's first Thursday.
///
/// Stored as `year * 100 + week`, so weeks sort and compare as plain integers:
///
///     let w = ISOWeek(year: 2026, week: 48)!
///     w.monday           // 2026-11-23
///     w.sunday           // 2026-11-29
///     w.adding(weeks: 6) // 2027-W01
///     ISOWeek.weeks(in: 2026) // 53
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// `year * 100 + week`.
  public let rawValue: Int32

  /// Creates a week, or `nil` when the year has no such week (week 53 exists only in some years).
  public init?(year: Int, week: Int) {
    // Every year has weeks 1–52; only week 53 needs the calendar (parsing 2.5 million OZG rows).
    guard year >= 1, year <= 9999, week >= 1, week <= 52 || week <= ISOWeek.weeks(in: year) else { return nil }
    rawValue = Int32(year * 100 + week)
  }

  /// Creates a week from its raw value without checking it.
  @inlinable public init(unchecked rawValue: Int32) { self.rawValue = rawValue }

  /// The ISO week-numbering year.
  @inlinable public var year: Int { Int(rawValue) / 100 }
  /// The week number, 1–53.
  @inlinable public var week: Int { Int(rawValue) % 100 }

  /// The number of ISO weeks of a year: 53 when it starts on a Thursday, or is a leap year starting on a
  /// Wednesday; 52 otherwise.
  public static func weeks(in year: Int) -> Int {
    let jan1 = Day(rawValue: Int32(Day.daysFromCivil(year: year, month: 1, day: 1))).isoWeekday
    return jan1 == 4 || (jan1 == 3 && Day.isLeapYear(year)) ? 53 : 52
  }

  /// The Monday of the week.
  public var monday: Day {
    let jan4 = Day(rawValue: Int32(Day.daysFromCivil(year: year, month: 1, day: 4)))
    return jan4.adding(days: 1 - jan4.isoWeekday + (week - 1) * 7)
  }

  /// The Sunday of the week.
  public var sunday: Day { monday.adding(days: 6) }

  /// The week `n` weeks later (earlier for negative `n`).
  public func adding(weeks n: Int) -> ISOWeek { monday.adding(days: 7 * n).isoWeek }

  /// Whole weeks from `self` to `other` (positive when `other` is later).
  public func weeks(to other: ISOWeek) -> Int { monday.days(to: other.monday) / 7 }

  /// Whether `a` is an earlier week than `b` (the raw values compare in calendar order).
  @inlinable public static func < (a: ISOWeek, b: ISOWeek) -> Bool { a.rawValue < b.rawValue }

  /// `2026-W48`.
  public var description: String { "\(pad(year, 4))-W\(pad(week, 2))" }

  /// German form `KW 48/2026`, as the dashboard writes weeks.
  public var germanDescription: String { "KW \(week)/\(year)" }
}

extension ISOWeek {
  /// Why a text is not an ISO week.
  public enum ParseError: Error, Equatable, Sendable {
    /// Not of the form `2026-W48`.
    case notAWeek
    /// The year lies outside ``Day/supportedYears`` (the years `--as-of` accepts too).
    case yearOutOfRange(Int)
    /// The year has no such week (`weeks`: how many it has).
    case noSuchWeek(year: Int, week: Int, weeks: Int)

    /// The reason in plain English words, after `option: ` (`text` is quoted inert).
    public func message(_ text: String) -> String {
      switch self {
      case .notAWeek: "\"\(Inert.text(text))\" is not an ISO week like 2026-W48"
      case .yearOutOfRange(let year):
        "\(year) is not a plausible year (expected \(Day.supportedYears.lowerBound)–\(Day.supportedYears.upperBound), as for --as-of)"
      case .noSuchWeek(let year, let week, let weeks): "\(year) has no week \(week) (it has \(weeks))"
      }
    }
  }

  /// Parses `2026-W48` (also `2026-w48`, `2026W48`, `2026-W1`): four digits, an optional `-`, `W`, one or
  /// two digits — nothing else — in one of ``Day/supportedYears``. The inverse of ``description``.
  public static func parse(_ text: String) -> Result<ISOWeek, ParseError> {
    let u = Array(text.utf8)
    func digits(_ r: Range<Int>) -> Int? {
      guard !r.isEmpty, r.upperBound <= u.count, u[r].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
      return u[r].reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
    var i = 4
    if i < u.count && u[i] == UInt8(ascii: "-") { i += 1 }
    guard let year = digits(0..<4), i < u.count, u[i] == UInt8(ascii: "W") || u[i] == UInt8(ascii: "w"),
      (1...2).contains(u.count - i - 1), let week = digits(i + 1..<u.count)
    else { return .failure(.notAWeek) }
    guard Day.supportedYears.contains(year) else { return .failure(.yearOutOfRange(year)) }
    guard let w = ISOWeek(year: year, week: week) else {
      return .failure(.noSuchWeek(year: year, week: week, weeks: ISOWeek.weeks(in: year)))
    }
    return .success(w)
  }
}
