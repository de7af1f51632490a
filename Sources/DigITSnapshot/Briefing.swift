import DigITCore
import DigITMetrics

/// The Monday briefing: what a coordinator needs to know about the report week against the week before
/// (and against four weeks before, where that week is stored), in a fixed order — offices with missing
/// or stale data; newly red and no-longer-red projects with the reason that changed; other RAG
/// transitions; new and finished projects; milestones that fell due this week and are not done; KPI
/// targets newly met or missed; the offices that moved most on open backlog, throughput, digital share
/// and pending applications.
///
/// The dashboard's briefing panel, `digit diff`, `summary.md` and `report.html` all show
/// ``sections(_:catalog:)``, so they list the same items in the same order.
public struct Briefing: Sendable {
  /// A project that changed, with the reason that changed (`nil` when none can be named).
  public struct ProjectItem: Sendable, Equatable {
    public var id: String
    public var office: String
    public var officeName: String
    public var title: String
    public var ragBefore: String?
    public var ragNow: String?
    /// The reason that changed: for a project that got worse the one that appeared; for one that got
    /// better the one that went away (``gone``).
    public var reason: SnapshotState.Reason?
    /// Whether ``reason`` went away (the project got better): shown only as "nicht mehr: …".
    public var gone = false
    /// For a project that got better: its reasons now, at its new level (none when it is green now).
    public var current: [SnapshotState.Reason] = []
  }

  /// An office whose data is incomplete for the report week.
  public struct OfficeItem: Sendable, Equatable {
    public var id: String
    public var name: String
    public var data: SnapshotState.OfficeData
  }

  /// A milestone that fell due in the report week and is not done.
  public struct MilestoneItem: Sendable, Equatable {
    public var project: String
    public var office: String
    public var officeName: String
    public var projectTitle: String
    public var name: String
    public var due: String
  }

  /// A KPI whose target status changed.
  public struct KPIItem: Sendable, Equatable {
    public var id: String
    public var label: String
    public var labelEnglish: String?
    public var met: Bool
  }

  /// An office's change on one metric: against the week before, and against four weeks before where stored.
  public struct Move: Sendable, Equatable {
    public var office: String
    public var name: String
    public var before: Double
    public var now: Double
    public var delta: Double
    public var deltaFourWeeks: Double?
  }

  /// The offices that moved most on one metric, largest change first.
  public struct Movers: Sendable, Equatable {
    public var metric: String
    public var moves: [Move]
  }

  /// The metrics whose movers the briefing lists, in order: open backlog, throughput (closed in four
  /// weeks), digital share, pending applications.
  public static let moverMetrics = ["backlog.open", "backlog.closed_4w", "ozg.digital_share_12w", "ozg.pending"]
  /// How many offices each mover list names.
  public static let moverCount = 5

  public var week: String
  public var asOf: String
  /// The week compared with, its day and where its figures come from (a stored week, or the same feeds
  /// computed as of 7 days earlier); `nil` when there is none (a stored week read back without its week
  /// before): then the briefing lists only what needs no week before.
  public var against: (week: String, asOf: String, origin: SnapshotState.Origin)?
  /// The stored week four weeks before, when there is one.
  public var fourWeeksBefore: (week: String, asOf: String)?
  public var incomplete: [OfficeItem] = []
  public var newlyRed: [ProjectItem] = []
  public var noLongerRed: [ProjectItem] = []
  /// RAG transitions that neither turn red nor leave red.
  public var transitions: [ProjectItem] = []
  public var newProjects: [ProjectItem] = []
  public var finishedProjects: [ProjectItem] = []
  public var milestonesDue: [MilestoneItem] = []
  public var kpisMet: [KPIItem] = []
  public var kpisMissed: [KPIItem] = []
  public var movers: [Movers] = []

  /// The briefing for `now` against `before`, with `fourWeeks` (the week four weeks before) where stored.
  /// Without a week `before`, nothing is invented as a change: only the offices with missing or stale data
  /// and the milestones due this week are listed (they need no week before).
  public init(now: SnapshotState, before: SnapshotState?, fourWeeks: SnapshotState? = nil) {
    week = now.week
    asOf = now.asOf
    against = before.map { ($0.week, $0.asOf, $0.origin) }
    fourWeeksBefore = before == nil ? nil : fourWeeks.map { ($0.week, $0.asOf) }
    var officeNames: [String: String] = [:]
    for o in now.offices { officeNames[o.id] = o.name }
    for o in before?.offices ?? [] where officeNames[o.id] == nil { officeNames[o.id] = o.name }
    func name(_ office: String) -> String { officeNames[office] ?? office }

    for o in now.offices {
      guard let data = now.officeData[o.id], data.stale || !data.missing.isEmpty else { continue }
      incomplete.append(OfficeItem(id: o.id, name: o.name, data: data))
    }

    func key(_ office: String, _ id: String) -> String { office + "\u{0}" + id }
    guard let before else {
      var seen = Set<String>()
      for p in now.projects where seen.insert(key(p.office, p.id)).inserted {
        for m in p.dueThisWeek {
          milestonesDue.append(
            MilestoneItem(
              project: p.id, office: p.office, officeName: name(p.office), projectTitle: p.title, name: m.name,
              due: m.due))
        }
      }
      milestonesDue.sort { ($0.due, $0.officeName, $0.project) < ($1.due, $1.officeName, $1.project) }
      return
    }
    var old: [String: SnapshotState.ProjectState] = [:]
    for p in before.projects where old[key(p.office, p.id)] == nil { old[key(p.office, p.id)] = p }
    var seen = Set<String>()
    let red = RAG.red.rawValue
    for p in now.projects where seen.insert(key(p.office, p.id)).inserted {
      let b = old[key(p.office, p.id)]
      func item(_ reason: SnapshotState.Reason?, better: Bool = false) -> ProjectItem {
        ProjectItem(
          id: p.id, office: p.office, officeName: name(p.office), title: p.title, ragBefore: b?.rag, ragNow: p.rag,
          reason: reason, gone: better && reason != nil,
          current: better ? p.reasons.filter { $0.level == p.rag } : [])
      }
      if b == nil { newProjects.append(item(nil)) }
      if p.status == ProjectStatus.done.rawValue, b != nil, b?.status != ProjectStatus.done.rawValue {
        finishedProjects.append(item(nil))
      }
      if p.rag == red, b?.rag != red {
        newlyRed.append(item(Self.changedReason(appeared: p.reasons, from: b?.reasons ?? [], level: red)))
      } else if let b, b.rag == red, p.rag != red {
        // A finished project leaves red by finishing: listed as finished, not here.
        if p.status != ProjectStatus.done.rawValue {
          noLongerRed.append(item(Self.changedReason(appeared: b.reasons, from: p.reasons, level: red), better: true))
        }
      } else if let b, b.rag != p.rag, b.rag != nil, p.rag != nil {
        let amber = RAG.amber.rawValue
        let better = p.rag != amber
        let reason =
          better
          ? Self.changedReason(appeared: b.reasons, from: p.reasons, level: amber)
          : Self.changedReason(appeared: p.reasons, from: b.reasons, level: amber)
        transitions.append(item(reason, better: better))
      }
      for m in p.dueThisWeek {
        milestonesDue.append(
          MilestoneItem(
            project: p.id, office: p.office, officeName: name(p.office), projectTitle: p.title, name: m.name, due: m.due
          ))
      }
    }
    milestonesDue.sort { ($0.due, $0.officeName, $0.project) < ($1.due, $1.officeName, $1.project) }

    var oldKPIs: [String: String] = [:]
    for k in before.kpis { if let s = k.status { oldKPIs[k.id] = s } }
    for k in now.kpis {
      guard let s = k.status, let was = oldKPIs[k.id], was != s else { continue }
      let met = s == TargetStatus.met.rawValue
      let item = KPIItem(id: k.id, label: k.label, labelEnglish: k.labelEnglish, met: met)
      if met { kpisMet.append(item) } else { kpisMissed.append(item) }
    }

    func values(_ state: SnapshotState?, _ id: String) -> [String: Double] {
      var out: [String: Double] = [:]
      for o in state?.offices ?? [] {
        if let v = o.metrics.first(where: { $0.id == id })?.value { out[o.id] = v }
      }
      return out
    }
    for id in Self.moverMetrics {
      let then = values(before, id)
      let four = values(fourWeeks, id)
      var moves: [Move] = []
      for o in now.offices {
        guard let v = o.metrics.first(where: { $0.id == id })?.value, let b = then[o.id] else { continue }
        let d = decimalClean(v - b)
        guard d != 0 else { continue }
        moves.append(
          Move(
            office: o.id, name: o.name, before: b, now: v, delta: d,
            deltaFourWeeks: four[o.id].map { decimalClean(v - $0) }))
      }
      // A total order, the same on every surface: the largest change first, then by name, then by id.
      moves.sort { (abs($1.delta), $0.name, $0.office) < (abs($0.delta), $1.name, $1.office) }
      movers.append(Movers(metric: id, moves: Array(moves.prefix(Self.moverCount))))
    }
  }

  /// The first reason of `level` in `appeared` whose code `from` does not have at that level (the first
  /// of that level when all were there before).
  static func changedReason(appeared: [SnapshotState.Reason], from: [SnapshotState.Reason], level: String)
    -> SnapshotState.Reason?
  {
    let had = Set(from.filter { $0.level == level }.map(\.code))
    let candidates = appeared.filter { $0.level == level }
    return candidates.first { !had.contains($0.code) } ?? candidates.first
  }

  /// Whether nothing at all is to be reported.
  public var isEmpty: Bool {
    incomplete.isEmpty && newlyRed.isEmpty && noLongerRed.isEmpty && transitions.isEmpty && newProjects.isEmpty
      && finishedProjects.isEmpty && milestonesDue.isEmpty && kpisMet.isEmpty && kpisMissed.isEmpty
      && movers.allSatisfy(\.moves.isEmpty)
  }

  /// The number of items (rows) the briefing lists.
  public var itemCount: Int {
    incomplete.count + newlyRed.count + noLongerRed.count + transitions.count + newProjects.count
      + finishedProjects.count + milestonesDue.count + kpisMet.count + kpisMissed.count
      + movers.reduce(0) { $0 + $1.moves.count }
  }
}

// MARK: - Presentation

extension Briefing {
  /// What a row opens.
  public enum Target: Hashable, Sendable {
    case office(String)
    case project(office: String, id: String)
    case kpi(String)
  }

  /// One line of the briefing: what it is about (feed text, not yet made inert), a detail, what it
  /// opens and its tone (1 good, -1 bad, 0 neutral).
  public struct Row: Sendable, Equatable {
    public var text: String
    public var detail: String
    public var target: Target?
    public var tone: Int
  }

  /// The kinds of section, in the briefing's order; the raw values are the names a dashboard file uses.
  public enum SectionKind: String, Sendable, CaseIterable {
    case incomplete
    case newlyRed = "newly_red"
    case noLongerRed = "no_longer_red"
    case transitions
    case newProjects = "new_projects"
    case finishedProjects = "finished_projects"
    case milestonesDue = "milestones_due"
    case kpisMet = "kpis_met"
    case kpisMissed = "kpis_missed"
    case moversBacklog = "movers_backlog"
    case moversThroughput = "movers_throughput"
    case moversDigitalShare = "movers_digital_share"
    case moversPending = "movers_pending"
  }

  /// A titled group of rows.
  public struct Section: Sendable, Equatable {
    public var kind: SectionKind
    public var title: String
    public var rows: [Row]
  }

  /// The title: the week against the week before, and whether that one is stored or computed from the feeds
  /// (or that there is no week before to compare with).
  public func title(_ language: Language) -> String {
    let f = MetricFormatter(language: language)
    let now = SnapshotChanges.weekText(week, f)
    guard let against else { return Words.briefingTitleAlone(language, now) }
    let then = SnapshotChanges.weekText(against.week, f)
    var text = Words.briefingTitle(now, then, stored: against.origin == .snapshot, language)
    if let four = fourWeeksBefore {
      text += " · " + Words.briefingFourWeeks(SnapshotChanges.weekText(four.week, f), language)
    }
    return text
  }

  /// The non-empty sections, in order, in a language. `catalog`: metric labels, units and polarity.
  public func sections(_ language: Language, catalog: MetricCatalog) -> [Section] {
    let f = MetricFormatter(language: language)
    func rag(_ code: String?) -> String {
      code.flatMap(RAG.init(rawValue:)).map { "\($0.symbol) \($0.label(language))" } ?? "–"
    }
    func reason(_ r: SnapshotState.Reason?) -> String { r.map { language == .de ? $0.de : $0.en } ?? "" }
    // What changed first, the office last (the project id names it already): a narrow line cuts the
    // office's name, not the news.
    func project(_ p: ProjectItem, transition: Bool, tone: Int) -> Row {
      var parts: [String] = []
      if transition { parts.append("\(rag(p.ragBefore)) → \(rag(p.ragNow))") }
      // A project that got better: its reasons now, and the one that went away only marked as gone.
      let now = p.current.map { reason($0) }.filter { !$0.isEmpty }
      if !now.isEmpty { parts.append(now.joined(separator: ", ")) }
      let why = reason(p.reason)
      if !why.isEmpty { parts.append(p.gone ? Words.noLongerReason(language, why) : why) }
      parts.append(p.officeName)
      return Row(
        text: "\(p.id)  \(p.title)", detail: parts.joined(separator: " · "),
        target: .project(office: p.office, id: p.id), tone: tone)
    }
    func day(_ iso: String) -> String { Day(iso: iso).map(f.date) ?? iso }
    var out: [Section] = []
    func add(_ kind: SectionKind, _ rows: [Row]) {
      guard !rows.isEmpty else { return }
      out.append(Section(kind: kind, title: Words.briefingSection(kind, language) + " (\(rows.count))", rows: rows))
    }
    add(
      .incomplete,
      incomplete.map { o in
        var what = o.data.missing.map { "\($0) " + Words.missing(language) }
        if o.data.stale {
          let upTo = o.data.asOf.flatMap(Day.init(iso:)).map { d -> String in
            Words.dataUpTo(language, f.week(d.reportWeek))
          }
          what.append(upTo ?? Words.noData(language))
        }
        return Row(text: o.name, detail: what.joined(separator: ", "), target: .office(o.id), tone: -1)
      })
    add(.newlyRed, newlyRed.map { project($0, transition: true, tone: -1) })
    add(.noLongerRed, noLongerRed.map { project($0, transition: true, tone: 1) })
    add(
      .transitions,
      transitions.map { p in
        let worse =
          (p.ragNow.flatMap(RAG.init(rawValue:)) ?? .green) > (p.ragBefore.flatMap(RAG.init(rawValue:)) ?? .green)
        return project(p, transition: true, tone: worse ? -1 : 1)
      })
    add(.newProjects, newProjects.map { project($0, transition: false, tone: 0) })
    add(.finishedProjects, finishedProjects.map { project($0, transition: false, tone: 1) })
    add(
      .milestonesDue,
      milestonesDue.map { m in
        Row(
          text: "\(m.project)  \(m.name)", detail: "\(Words.due(language)) \(day(m.due)) · \(m.officeName)",
          target: .project(office: m.office, id: m.project), tone: -1)
      })
    func kpi(_ k: KPIItem) -> Row {
      let label = language == .en ? (k.labelEnglish ?? k.label) : k.label
      let status = (k.met ? TargetStatus.met : TargetStatus.offTrack).label(language)
      return Row(text: label, detail: status, target: .kpi(k.id), tone: k.met ? 1 : -1)
    }
    add(.kpisMet, kpisMet.map(kpi))
    add(.kpisMissed, kpisMissed.map(kpi))
    let kinds: [SectionKind] = [.moversBacklog, .moversThroughput, .moversDigitalShare, .moversPending]
    for (kind, list) in zip(kinds, movers) {
      let m = catalog[list.metric]
      let unit = m?.unit ?? .custom("")
      add(
        kind,
        list.moves.map { move in
          let good: Int =
            switch m?.polarity ?? .neutral {
            case .higherIsBetter: move.delta > 0 ? 1 : -1
            case .lowerIsBetter: move.delta < 0 ? 1 : -1
            case .neutral: 0
            }
          var detail =
            "\(f.format(.number(move.before), unit: unit)) → \(f.format(.number(move.now), unit: unit))  "
            + (move.delta > 0 ? "↑ " : "↓ ") + f.delta(move.delta, unit: unit)
          if let d4 = move.deltaFourWeeks {
            detail += " · " + Words.fourWeeksShort(language) + " " + f.delta(d4, unit: unit)
          }
          return Row(text: move.name, detail: detail, target: .office(move.office), tone: good)
        })
    }
    return out
  }
}

extension Words {
  /// "Lage KW 47/2026 gegenüber KW 46/2026 (gespeichert)".
  static func briefingTitle(_ now: String, _ then: String, stored: Bool, _ l: Language) -> String {
    (stored ? Words.briefingTitleStored : Words.briefingTitleComputed)(l, now, then)
  }

  /// "4 Wochen: KW 43/2026".
  static func briefingFourWeeks(_ week: String, _ l: Language) -> String { Words.briefingFourWeeks(l, week) }

  /// The title of a briefing section.
  static func briefingSection(_ kind: Briefing.SectionKind, _ l: Language) -> String {
    let word: Words =
      switch kind {
      case .incomplete: .briefingIncomplete
      case .newlyRed: .newlyRedProjects
      case .noLongerRed: .briefingNoLongerRed
      case .transitions: .briefingOtherTransitions
      case .newProjects: .newProjects
      case .finishedProjects: .finishedProjects
      case .milestonesDue: .briefingMilestonesDue
      case .kpisMet: .briefingKPIsMet
      case .kpisMissed: .briefingKPIsMissed
      case .moversBacklog: .briefingMoversBacklog
      case .moversThroughput: .briefingMoversThroughput
      case .moversDigitalShare: .briefingMoversDigitalShare
      case .moversPending: .briefingMoversPending
      }
    return word(l)
  }
}
