import DigITCore

/// The feed files of an office folder whose rows feed metrics, by their file name.
///
/// A file is **missing** for an office when it is required and absent (`projects.csv`), or when it is
/// there but unusable as a whole (unreadable, undecodable, a required column missing). The optional files
/// (`milestones.csv`, `backlog.csv`, `ozg.csv`, `kpis.csv`) may be absent: then the office reports none of
/// that. Every metric fed by a missing file has no value for that office ("keine Daten"), never 0.
public enum FeedFileKind: String, Sendable, CaseIterable, Comparable {
  case projects = "projects.csv"
  case milestones = "milestones.csv"
  case backlog = "backlog.csv"
  case ozg = "ozg.csv"
  case kpis = "kpis.csv"

  /// The bit of the file in ``DataState/missingMask``.
  var bit: UInt8 {
    switch self {
    case .projects: 1
    case .milestones: 2
    case .backlog: 4
    case .ozg: 8
    case .kpis: 16
    }
  }

  public static func < (a: FeedFileKind, b: FeedFileKind) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

extension Office {
  /// The office's Datenstand: `data_as_of` from `office.yaml` when given, else the latest day its feeds
  /// cover — the latest backlog item created or closed, the Sunday of its latest OZG week, the Sunday of
  /// its latest KPI week; `nil` when the feeds hold no dated row.
  public var dataAsOf: Day? {
    if let declaredDataAsOf { return declaredDataAsOf }
    var latest = Int32.min
    for item in backlog {
      latest = max(latest, item.created.rawValue)
      if let c = item.closed { latest = max(latest, c.rawValue) }
    }
    var week = Int32.min
    for row in ozg { week = max(week, row.week.rawValue) }
    for v in kpis { week = max(week, v.week.rawValue) }
    if week != .min { latest = max(latest, ISOWeek(unchecked: week).sunday.rawValue) }
    return latest == .min ? nil : Day(rawValue: latest)
  }
}

extension Office {
  /// The last day a feed file's rows cover, for the delivery screen: the latest `updated` of the
  /// projects, the latest milestone done, the latest backlog item created or closed, the Sunday of the
  /// latest OZG or KPI week; `nil` when the file holds no dated row. One pass over the file's rows.
  public func lastCovered(_ feed: FeedFileKind) -> Day? {
    var latest = Int32.min
    switch feed {
    case .projects:
      for p in projects { if let u = p.updated { latest = max(latest, u.rawValue) } }
    case .milestones:
      for m in milestones { if let d = m.done { latest = max(latest, d.rawValue) } }
    case .backlog:
      for item in backlog {
        latest = max(latest, item.created.rawValue)
        if let c = item.closed { latest = max(latest, c.rawValue) }
      }
    case .ozg:
      var week = Int32.min
      for row in ozg { week = max(week, row.week.rawValue) }
      if week != .min { latest = ISOWeek(unchecked: week).sunday.rawValue }
    case .kpis:
      var week = Int32.min
      for v in kpis { week = max(week, v.week.rawValue) }
      if week != .min { latest = ISOWeek(unchecked: week).sunday.rawValue }
    }
    return latest == .min ? nil : Day(rawValue: latest)
  }
}

extension DataSet {
  /// The city's Datenstand: the latest of its offices' (see ``Office/dataAsOf``); `nil` without any.
  public var dataAsOf: Day? { offices.compactMap(\.dataAsOf).max() }

  /// The day every command reads as of when none is given: the earlier of `today` and the city's
  /// Datenstand (today when no office has dated data).
  public func defaultAsOf(today: Day) -> (day: Day, isDataAsOf: Bool) {
    if let data = dataAsOf, data < today { return (data, true) }
    return (today, false)
  }
}

/// How complete an office's data is for a report: its Datenstand, the feed files that are missing, and
/// whether it is stale (its Datenstand lies before the end of the report week).
public struct DataState: Sendable, Equatable {
  /// The office's Datenstand (``Office/dataAsOf``).
  public var asOf: Day?
  /// The feed files that are missing or unusable, in file order.
  public var missing: [FeedFileKind]
  /// Whether the Datenstand lies before the report week's Sunday: the flows of the weeks it has not
  /// delivered have no value.
  public var stale: Bool
  /// The complete weeks at the end of the report's series the office has not delivered (0 when not stale).
  public var undeliveredWeeks: Int
  let missingMask: UInt8

  /// The state of an office's data for a report week.
  public init(asOf: Day?, missing: [FeedFileKind], reportWeek: ISOWeek) {
    self.asOf = asOf
    self.missing = missing.sorted()
    var mask: UInt8 = 0
    for m in missing { mask |= m.bit }
    // Without projects.csv the backlog and the milestones cannot be read either.
    if mask & FeedFileKind.projects.bit != 0 { mask |= FeedFileKind.backlog.bit | FeedFileKind.milestones.bit }
    missingMask = mask
    if let asOf, asOf < reportWeek.sunday {
      stale = true
      undeliveredWeeks = max(1, asOf.reportWeek.weeks(to: reportWeek))
    } else {
      stale = false
      undeliveredWeeks = 0
    }
  }

  /// Whether the rows of a feed file are missing for this office (also backlog and milestones when
  /// projects.csv is missing).
  public func lacks(_ feed: FeedFileKind) -> Bool { missingMask & feed.bit != 0 }

  /// "Daten bis KW 45" / "data up to W45 2026": the last complete week delivered; `nil` when not stale.
  public func staleLabel(_ language: Language) -> String? {
    guard stale else { return nil }
    guard let asOf else { return Words.noData(language) }
    return Words.dataUpTo(language, MetricFormatter(language: language).week(asOf.reportWeek))
  }
}

/// How the as-of day of a run was chosen, and the words every output shows for it.
///
/// Without `--as-of`, every command reads as of the earlier of today and the city's Datenstand (see
/// ``DataSet/defaultAsOf(today:)``), so that a root whose data ends before today opens on its own latest
/// complete week instead of weeks without data.
public struct AsOfChoice: Sendable, Equatable {
  /// Where the day comes from.
  public enum Basis: Sendable, Equatable {
    /// `--as-of` (or `--week`) named it.
    case given
    /// The city's Datenstand, which lies before today.
    case dataAsOf
    /// Today (the data reach today).
    case today
  }

  /// The as-of day.
  public var day: Day
  /// Where it comes from.
  public var basis: Basis
  /// Today, for the words.
  public var today: Day

  /// A chosen day.
  public init(day: Day, basis: Basis, today: Day) {
    self.day = day
    self.basis = basis
    self.today = today
  }

  /// The given day, or else the earlier of today and the data's Datenstand.
  public static func choose(given: Day?, today: Day, data: DataSet) -> AsOfChoice {
    if let given { return AsOfChoice(day: given, basis: .given, today: today) }
    let (day, isData) = data.defaultAsOf(today: today)
    return AsOfChoice(day: day, basis: isData ? .dataAsOf : .today, today: today)
  }

  /// `Stand 22.11.2026 · Datenstand · heute 07.12.2026` (the Datenstand before today),
  /// `Stand 07.12.2026 · heute`, or `Stand 23.11.2026` for a given day; in English `as of 2026-11-22 ·
  /// latest data · today 2026-12-07`.
  public func label(_ language: Language) -> String {
    let f = MetricFormatter(language: language)
    let l = language
    let stand = Words.asOf(l) + " " + f.date(day)
    switch basis {
    case .given: return stand
    case .today: return stand + " · " + Words.today(l)
    case .dataAsOf: return stand + " · " + Words.dataAsOf(l) + " · " + Words.today(l) + " " + f.date(today)
    }
  }
}
