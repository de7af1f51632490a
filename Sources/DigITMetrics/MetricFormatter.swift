import DigITCore

/// Turns metric values into text for people, in German or English.
///
/// Deterministic and independent of the process locale (no `NumberFormatter`): the same value gives
/// the same text on every machine.
///
///     let de = MetricFormatter(language: .de)
///     de.number(1234.5, decimals: 1)      // "1.234,5"
///     de.percent(0.623)                   // "62,3 %"
///     de.format(.number(12), unit: .days) // "12,0 Tage"
///     de.week(ISOWeek(year: 2026, week: 48)!) // "KW 48/2026"
public struct MetricFormatter: Sendable {
  /// The language that decides separators (`1.234,5` or `1,234.5`), the percent sign, dates and words.
  public var language: Language

  /// A formatter for German or English readers.
  public init(language: Language) { self.language = language }

  /// A number rounded to `decimals` places (half away from zero), with thousands separators.
  public func number(_ value: Double, decimals: Int = 0) -> String {
    // Parsers refuse values that are not finite; one computed from them is no value ("–"), never ∞.
    guard value.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return grouping(PlainNumber.text(value.rounded(.toNearestOrAwayFromZero))) }
    let n = Int(scaled)
    let whole = n / Int(scale)
    let fraction = n % Int(scale)
    let separator = language == .de ? "." : ","
    var digits = String(whole)
    var grouped = ""
    while digits.count > 3 {
      grouped = separator + digits.suffix(3) + grouped
      digits.removeLast(3)
    }
    grouped = digits + grouped
    if decimals > 0 {
      let f = String(fraction)
      grouped += (language == .de ? "," : ".") + String(repeating: "0", count: decimals - f.count) + f
    }
    return (value < 0 && n != 0 ? "-" : "") + grouped
  }

  /// Whole-number digits (with a leading `-`) with thousands separators: `1.234.567` / `1,234,567`.
  private func grouping(_ digits: String) -> String {
    let negative = digits.hasPrefix("-")
    var rest = negative ? String(digits.dropFirst()) : digits
    let separator = language == .de ? "." : ","
    var grouped = ""
    while rest.count > 3 {
      grouped = separator + rest.suffix(3) + grouped
      rest.removeLast(3)
    }
    return (negative ? "-" : "") + rest + grouped
  }

  /// A share (0…1) as a percentage with one decimal: `62,3 %` / `62.3%`.
  public func percent(_ share: Double, decimals: Int = 1) -> String {
    number(share * 100, decimals: decimals) + (language == .de ? " %" : "%")
  }

  /// A day: `23.11.2026` / `2026-11-23`.
  public func date(_ day: Day) -> String { language == .de ? day.germanDescription : day.description }

  /// An ISO week in running text: `KW 48/2026` / `W48 2026` (JSON and CSV write `2026-W48`, the week's
  /// `description`).
  public func week(_ week: ISOWeek) -> String {
    Words.weekLabel(language, "\(week.week)", "\(week.year)")
  }

  /// The number of decimals of a custom KPI unit: one for percentages and days (like the built-in
  /// shares and days), else none for whole numbers and one otherwise (none from 100 on).
  public static func customDecimals(_ x: Double, unit: String) -> Int {
    if ["%", "Tage", "Tag", "days", "day", "Wochen", "weeks"].contains(unit) { return 1 }
    return x == x.rounded() ? 0 : (abs(x) >= 100 ? 0 : 1)
  }

  /// A value in its unit, e.g. `1.234`, `62,3 %`, `12 Tage`, `14.12.2026`, `rot`; "–" for no value.
  public func format(_ value: MetricValue?, unit: MetricUnit) -> String {
    guard let value else { return "–" }
    switch value {
    case .day(let d): return date(d)
    case .rag(let r): return r.label(language)
    case .target(let t): return t.label(language)
    case .number(let x):
      let de = language == .de
      switch unit {
      case .count, .rank: return number(x)
      case .share: return percent(x)
      case .days: return number(x, decimals: 1) + " " + Words.unitDays(language)
      case .weeks: return number(x, decimals: 1) + " " + Words.unitWeeksShort(language)
      case .score: return number(x, decimals: 1)
      case .points: return number(x, decimals: 1) + " " + Words.unitPointsShort(language)
      case .euros: return de ? number(x) + " €" : (x < 0 && number(x) != "0" ? "-€" + number(-x) : "€" + number(x))
      case .date, .status: return number(x)
      case .custom(let u):
        let text = number(x, decimals: Self.customDecimals(x, unit: u))
        return u.isEmpty ? text : u == "%" ? text + (de ? " %" : "%") : text + " " + u
      }
    }
  }

  /// A metric's value as text: like ``format(_:unit:)``, but a metric whose value is itself a change
  /// (``MetricDefinition/isChange``, e.g. `index.score_delta`, `index.rank_delta`) is always signed and
  /// carries its unit word: `+0,9 Pkt.`, `-6 Plätze`, `+1 Platz`, `±0 Plätze` (``delta(_:unit:places:)``).
  public func format(_ value: MetricValue?, of metric: MetricDefinition) -> String {
    if metric.isChange, case .number(let x)? = value { return delta(x, unit: metric.unit, places: true) }
    return format(value, unit: metric.unit)
  }

  /// A signed difference in the metric's unit, e.g. `+12`, `-0,4 Pp`, `+3 Tage`, `+0,9 Pkt.`; a difference
  /// that rounds to zero in the shown precision is "±0" (`±0,0 Pp`), never "+0". With `places`, a
  /// difference of ranks counts places (`+2 Plätze`, `-1 Platz` / `+2 places`, `-1 place`): for a metric
  /// that is a number of places gained (`index.rank_delta`); without it a rank difference stays a bare
  /// number (the change of a rank number, where a rise is a loss of places).
  ///
  /// The minus is the ASCII hyphen-minus `-`, as in ``number(_:decimals:)``, not `−` (U+2212): one sign
  /// for negative values and negative changes everywhere, one column wide on every terminal, and a text
  /// pasted into a spreadsheet still reads as a number. (The CSV and JSON exports write plain numbers.)
  public func delta(_ d: Double, unit: MetricUnit, places: Bool = false) -> String {
    guard d.isFinite else { return "–" }
    let de = language == .de
    let m = abs(d)
    let (magnitude, suffix): (String, String) =
      switch unit {
      case .share: (number(m * 100, decimals: 1), " " + Words.unitPercentagePoints(language))
      case .rank where places: (number(m), " " + (number(m) == "1" ? Words.place : Words.places)(language))
      case .count, .rank, .date, .status: (number(m), "")
      case .days: (number(m, decimals: 1), " " + Words.unitDays(language))
      case .weeks: (number(m, decimals: 1), " " + Words.unitWeeksShort(language))
      case .score: (number(m, decimals: 1), "")
      case .points: (number(m, decimals: 1), " " + Words.unitPointsShort(language))
      case .euros: (number(m), de ? " €" : "")
      case .custom(let u):
        (
          number(m, decimals: Self.customDecimals(m, unit: u)),
          u.isEmpty ? "" : u == "%" ? " " + Words.unitPercentagePoints(language) : " " + u
        )
      }
    let zero = !magnitude.contains { ("1"..."9").contains($0) }
    let sign = zero ? "±" : d > 0 ? "+" : "-"
    return unit == .euros && !de ? sign + "€" + magnitude : sign + magnitude + suffix
  }
}
