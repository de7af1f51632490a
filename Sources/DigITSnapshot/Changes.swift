import DigITCore
import DigITMetrics

/// What `changes` compares: the figures of one week as stored in a snapshot or as computed from data.
/// Built from a live `Report`, from the same data as of 7 days earlier, or from a stored `snapshot.json`,
/// so that `digit export` and `digit diff` compare the same way.
public struct SnapshotState: Sendable {
  public struct ProjectState: Sendable, Equatable {
    public var id: String
    public var office: String
    public var title: String
    /// `nil` when unknown (a project finished since, as seen from data of an earlier day).
    public var status: String?
    /// `red`, `amber`, `green`; `nil` for done and cancelled projects.
    public var rag: String?
    /// Why the project has its RAG status (for the briefing's "reason that changed").
    public var reasons: [Reason] = []
    /// Its milestones that fell due in the report week and were not done by the as-of day.
    public var dueThisWeek: [DueMilestone] = []
  }

  /// A RAG reason as stored: its code, level and words.
  public struct Reason: Sendable, Equatable {
    public var code: String
    public var level: String
    /// The words, where they come from: a stored snapshot's, or made from the reason when asked for (a
    /// report's state holds the reasons of every open project, and only those a briefing lists are shown;
    /// measured on the large benchmark root: 0.02 s of the dashboard's first frame went to words never
    /// shown).
    private let words: Wording

    private enum Wording: Sendable {
      case stored(de: String, en: String)
      case reason(RAGReason)
    }

    /// The reason in German.
    public var de: String {
      switch words {
      case .stored(let de, _): de
      case .reason(let r): r.text(.de)
      }
    }

    /// The reason in English.
    public var en: String {
      switch words {
      case .stored(_, let en): en
      case .reason(let r): r.text(.en)
      }
    }

    public init(code: String, level: String, de: String, en: String) {
      self.code = code
      self.level = level
      words = .stored(de: de, en: en)
    }

    /// A reason of a report (its words are made when asked for).
    init(_ reason: RAGReason) {
      code = reason.code
      level = reason.level.rawValue
      words = .reason(reason)
    }

    public static func == (a: Reason, b: Reason) -> Bool {
      a.code == b.code && a.level == b.level && a.de == b.de && a.en == b.en
    }
  }

  /// A milestone that fell due in the report week and was not done.
  public struct DueMilestone: Sendable, Equatable {
    public var name: String
    public var due: String
  }

  /// How complete an office's data is: its Datenstand, the missing feed files, whether it is stale.
  public struct OfficeData: Sendable, Equatable {
    public var asOf: String?
    public var missing: [String]
    public var stale: Bool
  }

  /// A city KPI: its words, target and whether the target is met (`met`, `off_track`; `nil` without one).
  public struct KPIState: Sendable, Equatable {
    public var id: String
    public var label: String
    public var labelEnglish: String?
    public var status: String?
  }

  /// Where the figures come from.
  public enum Origin: Sendable, Equatable {
    /// A stored snapshot of that week.
    case snapshot
    /// The same feeds, computed as of an earlier day.
    case data
  }

  public var origin: Origin
  public var week: String
  public var asOf: String
  /// The city's name (a stored week of another city is not compared).
  public var cityName: String
  /// Numeric city metrics by id, in catalog order.
  public var city: [(id: String, value: Double)]
  public var offices: [(id: String, name: String, metrics: [(id: String, value: Double)])]
  public var projects: [ProjectState]
  /// Each office's data completeness by office id.
  public var officeData: [String: OfficeData] = [:]
  /// The city's KPIs in file order.
  public var kpis: [KPIState] = []

  /// The figures of a report.
  public init(report: Report) {
    self.init(report: report, origin: .snapshot, projects: { _, _ in true }, status: { p in p.status.rawValue })
  }

  /// The figures of `earlier` (the same data as `now`, as of 7 days before), for the `changes` of a
  /// snapshot without a stored week before. Projects that started between the two days did not exist
  /// then (those starting later are in both: planned ahead); a project done or cancelled since (by its
  /// `updated` day) had an unknown open status then.
  public init(earlier: Report, than now: Report) {
    // Project changes need the earlier report's project facts (``Aggregator/previousDetail``).
    precondition(earlier.detail, "the earlier report has no project facts")
    let day = earlier.asOf
    let today = now.asOf
    self.init(
      report: earlier, origin: .data,
      projects: { p, _ in p.start.map { $0 <= day || $0 > today } ?? true },
      status: { p in
        if !p.status.isOpen, let updated = p.updated, updated > day, updated <= today { return nil }
        return p.status.rawValue
      })
  }

  private init(
    report: Report, origin: Origin, projects include: (Project, Int) -> Bool, status: (Project) -> String?
  ) {
    self.origin = origin
    week = report.week.description
    asOf = report.asOf.description
    cityName = report.data.city.name
    let catalog = report.catalog
    func numbers(_ scope: ScopeRef) -> [(id: String, value: Double)] {
      catalog.sortedScalars(for: scope.kind).compactMap { m in
        guard SnapshotState.isNumeric(m.unit), let v = report.value(m, at: scope)?.numeric else { return nil }
        return (m.id, v)
      }
    }
    city = numbers(.city)
    offices = report.data.offices.enumerated().map { o, office in (office.id, office.displayName, numbers(.office(o))) }
    var list: [ProjectState] = []
    let week = report.week
    for (o, office) in report.data.offices.enumerated() {
      var due: [Int: [DueMilestone]] = [:]
      for m in office.milestones {
        guard let d = m.due, d >= week.monday, d <= week.sunday, m.done.map({ $0 > report.asOf }) ?? true else {
          continue
        }
        due[Int(m.project), default: []].append(DueMilestone(name: m.name, due: d.description))
      }
      for (p, project) in office.projects.enumerated() where include(project, p) {
        let facts = report.offices[o].projects[p].project
        list.append(
          ProjectState(
            id: project.id, office: office.id, title: project.title, status: status(project),
            rag: facts?.rag?.rawValue,
            reasons: (facts?.reasons ?? []).map(Reason.init),
            dueThisWeek: project.status.isOpen ? due[p] ?? [] : []))
      }
      let data = report.offices[o].data
      officeData[office.id] = OfficeData(
        asOf: data.asOf?.description, missing: data.missing.map(\.rawValue), stale: data.stale)
    }
    projects = list
    kpis = report.data.city.kpis.map { k in
      KPIState(
        id: k.id, label: k.label, labelEnglish: k.labelEnglish,
        status: report.value("kpi.\(k.id).status", at: .city).flatMap {
          if case .target(let st) = $0 { return st.rawValue }
          return nil
        })
    }
  }

  /// No projects and no figures (data without a week before).
  public init(empty asOf: Day) {
    origin = .data
    week = asOf.reportWeek.description
    self.asOf = asOf.description
    cityName = ""
    city = []
    offices = []
    projects = []
  }

  /// The figures of a stored `snapshot.json`.
  /// The members `changes` needs must be there with the right types (a truncated or hand-made file is an
  /// error, not an empty week).
  public init(snapshot json: JSON) throws(SnapshotError) {
    guard let version = json["schema_version"]?.intValue, Snapshot.readableSchemaVersions.contains(version) else {
      throw SnapshotError(
        "the snapshot has schema_version \(json["schema_version"]?.intValue.map(String.init) ?? "?"), expected "
          + "\(Snapshot.readableSchemaVersions.lowerBound)…\(Snapshot.readableSchemaVersions.upperBound)")
    }
    guard let week = json["week"]?.stringValue, let asOf = json["as_of"]?.stringValue else {
      throw SnapshotError("the snapshot has no week or as_of")
    }
    guard let cityName = json["city"]?["name"]?.stringValue, let cityMetrics = json["city"]?["metrics"]?.objectValue
    else {
      throw SnapshotError("the snapshot has no city with a name and metrics")
    }
    guard let officeList = json["offices"]?.arrayValue, let projectList = json["projects"]?.arrayValue else {
      throw SnapshotError("the snapshot has no list of offices or projects")
    }
    // A figure no export writes (a negative count, a share above 100 %, a value that is not finite) means
    // a damaged or hand-made file: reported, not compared.
    let catalog = Self.catalog(snapshot: json)
    func numbers(_ metrics: [(String, JSON)], _ scope: String) throws(SnapshotError) -> [(id: String, value: Double)] {
      var out: [(id: String, value: Double)] = []
      for (id, v) in metrics {
        guard let x = v.doubleValue else { continue }
        if let problem = Self.implausibility(x, id: id, unit: catalog[id]?.unit) {
          throw SnapshotError(
            "\(scope): \(Inert.text(id)) is \(Self.plain(x)), but \(problem); the snapshot is not compared")
        }
        out.append((id, x))
      }
      return out
    }
    origin = .snapshot
    self.week = week
    self.asOf = asOf
    self.cityName = cityName
    city = try numbers(cityMetrics, "the city")
    var offices: [(id: String, name: String, metrics: [(id: String, value: Double)])] = []
    for (i, o) in officeList.enumerated() {
      guard let id = o["id"]?.stringValue, let metrics = o["metrics"]?.objectValue else {
        throw SnapshotError("office \(i + 1) of the snapshot has no id or metrics")
      }
      // Named as a live report names it ("Amt 33 – Bürgeramt"), so that the briefing of a stored week
      // lists and orders offices as the one computed from the feeds.
      let name = Office.displayName(number: o["number"]?.stringValue ?? "", name: o["name"]?.stringValue ?? id)
      offices.append((id, name, try numbers(metrics, "office \(Inert.text(id))")))
    }
    self.offices = offices
    let reportWeek = try? ISOWeek.parse(week).get()
    for o in officeList {
      guard let id = o["id"]?.stringValue, let data = o["data"] else { continue }
      officeData[id] = OfficeData(
        asOf: data["as_of"]?.stringValue, missing: (data["missing"]?.arrayValue ?? []).compactMap(\.stringValue),
        stale: data["stale"]?.boolValue ?? false)
    }
    kpis = (json["city"]?["kpis"]?.arrayValue ?? []).compactMap { k in
      guard let id = k["id"]?.stringValue else { return nil }
      return KPIState(
        id: id, label: k["label"]?.stringValue ?? id, labelEnglish: k["label_en"]?.stringValue,
        status: cityMetrics.first { $0.0 == "kpi.\(id).status" }?.1.stringValue)
    }
    var projects: [ProjectState] = []
    projects.reserveCapacity(projectList.count)
    for (i, p) in projectList.enumerated() {
      guard let id = p["id"]?.stringValue, let office = p["office"]?.stringValue, let status = p["status"]?.stringValue
      else {
        throw SnapshotError("project \(i + 1) of the snapshot has no id, office or status")
      }
      let reasons: [Reason] = (p["rag_reasons"]?.arrayValue ?? []).compactMap { r in
        guard let code = r["code"]?.stringValue, let level = r["level"]?.stringValue else { return nil }
        return Reason(
          code: code, level: level, de: r["text_de"]?.stringValue ?? code, en: r["text_en"]?.stringValue ?? code)
      }
      var due: [DueMilestone] = []
      if let reportWeek, ProjectStatus(rawValue: status)?.isOpen ?? false {
        for m in p["milestones"]?.arrayValue ?? [] {
          guard let name = m["name"]?.stringValue, let d = m["due"]?.stringValue.flatMap(Day.init(iso:)),
            d >= reportWeek.monday, d <= reportWeek.sunday
          else { continue }
          let done = m["done"]?.stringValue.flatMap(Day.init(iso:))
          if let done, done.description <= asOf { continue }
          due.append(DueMilestone(name: name, due: d.description))
        }
      }
      projects.append(
        ProjectState(
          id: id, office: office, title: p["title"]?.stringValue ?? "", status: status, rag: p["rag"]?.stringValue,
          reasons: reasons, dueThisWeek: due))
    }
    self.projects = projects
  }

  /// The metric catalog of a stored snapshot's city (its KPIs are metrics too), for labels and units.
  public static func catalog(snapshot json: JSON) -> MetricCatalog {
    let kpis: [KPIDefinition] = (json["city"]?["kpis"]?.arrayValue ?? []).compactMap { k in
      guard let id = k["id"]?.stringValue else { return nil }
      return KPIDefinition(
        id: id, label: k["label"]?.stringValue ?? id, labelEnglish: k["label_en"]?.stringValue,
        unit: k["unit"]?.stringValue ?? "",
        indexArea: k["index_area"]?.stringValue.flatMap(IndexArea.init(rawValue:)), target: k["target"]?.doubleValue,
        direction: k["direction"]?.stringValue.flatMap(KPIDefinition.Direction.init(rawValue:)) ?? .up)
    }
    return MetricCatalog.standard(for: City(name: json["city"]?["name"]?.stringValue ?? "", kpis: kpis))
  }

  /// The figures that are differences and may be negative.
  static let signed: Set<String> = ["backlog.net_flow_4w", "index.score_delta", "index.rank_delta", "index.target_gap"]

  /// Why a stored figure cannot be one that DigIT computed (`nil`: it can): not finite; a count, a
  /// duration, an amount or a share below 0 (differences aside); a share above 100 % (a KPI's
  /// attainment and a project's budget use aside, which may exceed their target); a score outside
  /// 0–100; a rank below 1.
  static func implausibility(_ x: Double, id: String, unit: MetricUnit?) -> String? {
    guard x.isFinite else { return "a figure must be a finite number" }
    guard let unit, !signed.contains(id) else { return nil }
    switch unit {
    case .count, .days, .weeks, .euros: return x < 0 ? "it cannot be negative" : nil
    case .share:
      if x < 0 { return "a share cannot be negative" }
      let mayExceed = id.hasSuffix(".attainment") || id == "project.budget_used"
      return !mayExceed && x > 1 ? "a share cannot be above 100 %" : nil
    case .score: return x < 0 || x > 100 ? "a score lies between 0 and 100" : nil
    case .rank: return x < 1 ? "a rank is 1 or more" : nil
    case .points, .date, .status, .custom: return nil
    }
  }

  /// A number for a message, without an exponent (`-5`, `1.25`; `1e+23` as `above 1000000000000000`).
  static func plain(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "not a number" : (x > 0 ? "infinite" : "minus infinite") }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    if abs(x) >= 1e15 { return x < 0 ? "below -1000000000000000" : "above 1000000000000000" }
    return "\(x)"
  }

  /// Units whose values have a meaningful difference (not statuses, not calendar days).
  static func isNumeric(_ unit: MetricUnit) -> Bool { unit != .status && unit != .date }
}

/// Why a stored snapshot cannot be used.
public struct SnapshotError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// What changed between two weeks: new, finished, removed and newly red projects, RAG transitions, and
/// the change of every numeric metric of the city and of each office.
public struct SnapshotChanges: Sendable {
  public struct ProjectChange: Sendable, Equatable {
    public var id: String
    public var office: String
    public var title: String
    public var ragBefore: String?
    public var ragNow: String?
  }

  public struct Delta: Sendable, Equatable {
    public var id: String
    public var before: Double?
    public var now: Double?
    /// `now − before`, rounded to 9 decimals; `nil` when either is missing.
    public var delta: Double? {
      guard let before, let now else { return nil }
      return decimalClean(now - before)
    }
  }

  /// An office whose data differs between the two weeks: there in only one of them, or with other
  /// missing feed files or another staleness. The city's figures then do not compare the same offices.
  public struct OfficeDataChange: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Its data in the earlier week; `nil`: the office was not there.
    public var before: SnapshotState.OfficeData?
    /// Its data in the later week; `nil`: the office is not there.
    public var now: SnapshotState.OfficeData?
  }

  public var from: (origin: SnapshotState.Origin, week: String, asOf: String)
  public var to: (week: String, asOf: String)
  /// The offices whose data differs between the two weeks (city figures over different offices), in the
  /// later week's order, then those only the earlier week has; empty when a week has no offices at all
  /// (nothing compared).
  public var officeData: [OfficeDataChange] = []
  /// In the later week and not in the earlier one.
  public var newProjects: [ProjectChange] = []
  /// Done in the later week and not done in the earlier one.
  public var finishedProjects: [ProjectChange] = []
  /// Red in the later week, not red (or not there) in the earlier one.
  public var newlyRed: [ProjectChange] = []
  /// In the earlier week and not in the later one.
  public var removedProjects: [ProjectChange] = []
  /// Projects in both weeks whose RAG status differs.
  public var ragTransitions: [ProjectChange] = []
  public var city: [Delta] = []
  /// Offices of the later week, each with its deltas (an office new this week has `before` = nil).
  public var offices: [(id: String, name: String, deltas: [Delta])] = []

  /// The changes from `old` to `new`.
  public static func between(_ old: SnapshotState, _ new: SnapshotState) -> SnapshotChanges {
    var c = SnapshotChanges(from: (old.origin, old.week, old.asOf), to: (new.week, new.asOf))
    // Project ids should be unique in the city, but the loader only warns when two offices use the same
    // one: a project is its office and its id.
    func key(_ p: SnapshotState.ProjectState) -> String { p.office + "\u{0}" + p.id }
    var before: [String: SnapshotState.ProjectState] = [:]
    for p in old.projects where before[key(p)] == nil { before[key(p)] = p }
    var seen = Set<String>()
    for p in new.projects where seen.insert(key(p)).inserted {
      let b = before[key(p)]
      let change = ProjectChange(id: p.id, office: p.office, title: p.title, ragBefore: b?.rag, ragNow: p.rag)
      if b == nil { c.newProjects.append(change) }
      if p.status == ProjectStatus.done.rawValue, b?.status != ProjectStatus.done.rawValue {
        c.finishedProjects.append(change)
      }
      if p.rag == RAG.red.rawValue, b?.rag != RAG.red.rawValue { c.newlyRed.append(change) }
      if b != nil, b?.rag != p.rag { c.ragTransitions.append(change) }
    }
    var removedSeen = Set<String>()
    for p in old.projects where !seen.contains(key(p)) && removedSeen.insert(key(p)).inserted {
      c.removedProjects.append(ProjectChange(id: p.id, office: p.office, title: p.title, ragBefore: p.rag, ragNow: nil))
    }
    c.city = deltas(old.city, new.city)
    c.officeData = officeDataChanges(old, new)
    var oldOffices: [String: [(id: String, value: Double)]] = [:]
    for o in old.offices { oldOffices[o.id] = o.metrics }
    c.offices = new.offices.map { o in (o.id, o.name, deltas(oldOffices[o.id] ?? [], o.metrics)) }
    return c
  }

  /// The offices there in only one week, or with other missing files or staleness (an office without
  /// stored data, as in a schema-1 snapshot, counts as complete).
  static func officeDataChanges(_ old: SnapshotState, _ new: SnapshotState) -> [OfficeDataChange] {
    guard !old.offices.isEmpty, !new.offices.isEmpty else { return [] }
    let complete = SnapshotState.OfficeData(asOf: nil, missing: [], stale: false)
    func data(_ s: SnapshotState) -> [String: SnapshotState.OfficeData] {
      var out: [String: SnapshotState.OfficeData] = [:]
      for o in s.offices where out[o.id] == nil { out[o.id] = s.officeData[o.id] ?? complete }
      return out
    }
    let before = data(old)
    let now = data(new)
    var out: [OfficeDataChange] = []
    var seen = Set<String>()
    for o in new.offices + old.offices where seen.insert(o.id).inserted {
      let b = before[o.id]
      let n = now[o.id]
      if let b, let n, Set(b.missing) == Set(n.missing), b.stale == n.stale { continue }
      out.append(OfficeDataChange(id: o.id, name: o.name, before: b, now: n))
    }
    return out
  }

  /// One delta per metric of `new` (in its order), then the metrics only `old` has.
  static func deltas(_ old: [(id: String, value: Double)], _ new: [(id: String, value: Double)]) -> [Delta] {
    var before: [String: Double] = [:]
    for (id, v) in old { before[id] = v }
    var out = new.map { Delta(id: $0.id, before: before.removeValue(forKey: $0.id), now: $0.value) }
    out += old.filter { before[$0.id] != nil }.map { Delta(id: $0.id, before: $0.value, now: nil) }
    return out
  }

  /// The `changes` member of `snapshot.json`.
  public var json: JSON {
    func project(_ p: ProjectChange) -> JSON {
      .object([
        ("id", .string(p.id)), ("office", .string(p.office)), ("rag_before", p.ragBefore.map(JSON.string) ?? .null),
        ("rag_now", p.ragNow.map(JSON.string) ?? .null), ("title", .string(p.title)),
      ])
    }
    func deltas(_ list: [Delta]) -> JSON {
      .object(
        list.map { d in
          (
            d.id,
            .object([
              ("before", d.before.map(JSON.number) ?? .null), ("delta", d.delta.map(JSON.number) ?? .null),
              ("now", d.now.map(JSON.number) ?? .null),
            ])
          )
        })
    }
    func data(_ d: SnapshotState.OfficeData?) -> JSON {
      guard let d else { return .null }
      return .object([
        ("as_of", d.asOf.map(JSON.string) ?? .null), ("missing", .array(d.missing.map(JSON.string))),
        ("stale", .bool(d.stale)),
      ])
    }
    func officeDataChange(_ o: OfficeDataChange) -> JSON {
      .object([("before", data(o.before)), ("id", .string(o.id)), ("name", .string(o.name)), ("now", data(o.now))])
    }
    return .object([
      (
        "against",
        .object([
          ("as_of", .string(from.asOf)), ("kind", .string(from.origin == .snapshot ? "snapshot" : "data")),
          ("week", .string(from.week)),
        ])
      ),
      ("city", deltas(city)),
      ("finished_projects", .array(finishedProjects.map(project))),
      ("new_projects", .array(newProjects.map(project))),
      ("newly_red_projects", .array(newlyRed.map(project))),
      ("office_data_changes", .array(officeData.map(officeDataChange))),
      ("offices", .object(offices.map { ($0.id, deltas($0.deltas)) })),
      ("rag_transitions", .array(ragTransitions.map(project))),
      ("removed_projects", .array(removedProjects.map(project))),
    ])
  }
}
