import DigITCore
import DigITMetrics

/// A stored week read back from its `snapshot.json` alone (no feeds): the figures as they were exported,
/// as a `Report` that the dashboard shows like live data, read-only.
///
/// Every scalar and series metric of every scope is taken as recorded; the data set holds what the
/// snapshot names (offices, projects with their milestones and RAG reasons, services, the city's KPIs and
/// index scores) and nothing it does not record (backlog items, OZG rows, a project's risk, an office's
/// DigIT start): screens show those as absent. The week before is not read, so there are no
/// week-over-week changes.
public struct StoredReport: Sendable {
  /// The week's report.
  public var report: Report
  /// The feed problems the week recorded (English words: `snapshot.json` keeps those).
  public var problems: [Diagnostic]
  /// The files the week was computed from.
  public var files: [FileStats]

  /// Reads a week of a store.
  public static func read(_ week: ISOWeek, from store: SnapshotStore) throws(StoreError) -> StoredReport {
    let json = try store.load(week, skipping: ["changes"])
    do throws(SnapshotError) {
      let stored = try StoredReport(json)
      guard stored.report.week == week else {
        throw SnapshotError("records \(stored.report.week), not \(week)")
      }
      return stored
    } catch {
      throw StoreError(.content, "\(store.path(of: week))/snapshot.json: \(error.description)")
    }
  }

  /// The week of a parsed `snapshot.json`.
  public init(_ json: JSON) throws(SnapshotError) {
    guard let version = json["schema_version"]?.intValue, Snapshot.readableSchemaVersions.contains(version) else {
      throw SnapshotError("is not a snapshot this digit can read (schema_version)")
    }
    guard let asOf = Self.day(json["as_of"]) else { throw SnapshotError("has no as_of day") }
    let reportWeek = asOf.reportWeek
    let cityJSON = json["city"] ?? .null
    let kpis: [KPIDefinition] = (cityJSON["kpis"]?.arrayValue ?? []).compactMap { k in
      guard let id = k["id"]?.stringValue else { return nil }
      return KPIDefinition(
        id: id, label: k["label"]?.stringValue ?? id, labelEnglish: k["label_en"]?.stringValue,
        unit: k["unit"]?.stringValue ?? "", indexArea: k["index_area"]?.stringValue.flatMap(IndexArea.init(rawValue:)),
        target: k["target"]?.doubleValue,
        direction: k["direction"]?.stringValue.flatMap(KPIDefinition.Direction.init(rawValue:)) ?? .up)
    }
    let index = cityJSON["index"] ?? .null
    let target = index["target"].flatMap { t -> IndexTarget? in
      t.isNull ? nil : IndexTarget(year: t["year"]?.intValue, score: t["score"]?.doubleValue, rank: t["rank"]?.intValue)
    }
    let scores: [IndexScore] = (index["scores"]?.arrayValue ?? []).compactMap { s in
      guard let year = s["year"]?.intValue, let area = s["area"]?.stringValue.flatMap(IndexArea.init(rawValue:)),
        let score = s["score"]?.doubleValue
      else { return nil }
      return IndexScore(year: year, area: area, score: score, rank: s["rank"]?.intValue)
    }
    let city = City(
      name: cityJSON["name"]?.stringValue ?? "", ags: cityJSON["ags"]?.stringValue, indexTarget: target, kpis: kpis)

    // Offices, then their projects and services (listed flat, each naming its office).
    var offices: [Office] = []
    var officeFacts: [ScopeFacts] = []
    var states: [DataState] = []
    var position: [String: Int] = [:]
    for o in json["offices"]?.arrayValue ?? [] {
      guard let id = o["id"]?.stringValue else { continue }
      var office = Office(
        id: id, name: o["name"]?.stringValue ?? id, number: o["number"]?.stringValue ?? "",
        department: o["department"]?.stringValue ?? "", coordinator: o["coordinator"]?.stringValue ?? "")
      let data = o["data"] ?? .null
      office.declaredDataAsOf = Self.day(data["as_of"])
      office.missingFeeds = (data["missing"]?.arrayValue ?? []).compactMap {
        $0.stringValue.flatMap(FeedFileKind.init(rawValue:))
      }
      position[id] = offices.count
      offices.append(office)
      officeFacts.append(Self.facts(o, kpis: kpis, office: true))
      states.append(DataState(asOf: office.declaredDataAsOf, missing: office.missingFeeds, reportWeek: reportWeek))
    }
    var projectFacts = [[ScopeFacts]](repeating: [], count: offices.count)
    for p in json["projects"]?.arrayValue ?? [] {
      guard let id = p["id"]?.stringValue, let o = p["office"]?.stringValue.flatMap({ position[$0] }) else { continue }
      let metrics = Self.members(p["metrics"])
      let project = Project(
        id: id, officeID: offices[o].id, title: p["title"]?.stringValue ?? id,
        category: p["category"]?.stringValue ?? "",
        status: p["status"]?.stringValue.flatMap(ProjectStatus.init(rawValue:)) ?? .active,
        owner: p["owner"]?.stringValue ?? "", start: Self.day(p["start"]), due: Self.day(metrics["project.due"]),
        budgetPlanned: metrics["project.budget_planned"]?.doubleValue,
        budgetSpent: metrics["project.budget_spent"]?.doubleValue, updated: Self.day(p["updated"]))
      let index = Int32(offices[o].projects.count)
      for m in p["milestones"]?.arrayValue ?? [] {
        offices[o].milestones.append(
          Milestone(
            project: index, name: m["name"]?.stringValue ?? "", due: Self.day(m["due"]), done: Self.day(m["done"])))
      }
      offices[o].projects.append(project)
      var facts = Self.facts(p, kpis: kpis, office: false)
      var pf = ProjectFacts()
      pf.rag = p["rag"]?.stringValue.flatMap(RAG.init(rawValue:))
      pf.reasons = (p["rag_reasons"]?.arrayValue ?? []).map { r in
        .recorded(
          code: r["code"]?.stringValue ?? "", level: r["level"]?.stringValue.flatMap(RAG.init(rawValue:)) ?? .amber,
          german: r["text_de"]?.stringValue ?? "", english: r["text_en"]?.stringValue ?? "")
      }
      pf.progress = metrics["project.progress"]?.doubleValue
      pf.forecastP50 = Self.day(metrics["project.forecast_p50"])
      pf.forecastP85 = Self.day(metrics["project.forecast_p85"])
      pf.budgetUsed = metrics["project.budget_used"]?.doubleValue
      pf.due = project.due
      pf.budgetPlanned = project.budgetPlanned
      pf.budgetSpent = project.budgetSpent
      pf.overdueMilestones = metrics["project.milestones_overdue"]?.intValue ?? 0
      facts.project = pf
      projectFacts[o].append(facts)
    }
    var serviceFacts = [[ScopeFacts]](repeating: [], count: offices.count)
    for s in json["services"]?.arrayValue ?? [] {
      guard let id = s["id"]?.stringValue, let o = s["office"]?.stringValue.flatMap({ position[$0] }) else { continue }
      offices[o].services.append(OZGService(id: id, name: s["name"]?.stringValue ?? id))
      serviceFacts[o].append(Self.facts(s, kpis: kpis, office: false))
    }
    let data = DataSet(city: city, indexScores: scores, offices: offices)
    var cityFacts = Self.facts(cityJSON, kpis: kpis, office: false)
    cityFacts.kpiTargets = nil
    report = Report(
      restoring: data, asOf: asOf, city: cityFacts,
      offices: offices.indices.map { o in
        OfficeReport(restoring: officeFacts[o], projects: projectFacts[o], services: serviceFacts[o], data: states[o])
      })

    let source = json["source"] ?? .null
    problems = (source["problems"]?.arrayValue ?? []).compactMap { d in
      guard let severity = d["severity"]?.stringValue.flatMap(Diagnostic.Severity.init(rawValue:)),
        let message = d["message"]?.stringValue
      else { return nil }
      return Diagnostic(
        severity, office: d["office"]?.stringValue, file: d["file"]?.stringValue ?? "", line: d["line"]?.intValue,
        column: d["column"]?.stringValue, message, occurrences: d["occurrences"]?.intValue ?? 1)
    }
    files = (source["files"]?.arrayValue ?? []).compactMap { f in
      guard let path = f["path"]?.stringValue else { return nil }
      var stats = FileStats(
        path: path, office: f["office"]?.stringValue, bytes: f["bytes"]?.intValue ?? 0,
        rowsRead: f["rows"]?.intValue ?? 0,
        rowsSkipped: f["rows_skipped"]?.intValue ?? 0, skipped: f["skipped"]?.boolValue ?? false)
      stats.sha256 = f["sha256"]?.stringValue
      return stats
    }
  }

  // MARK: - Facts from recorded metrics

  /// An object's members by name.
  static func members(_ json: JSON?) -> [String: JSON] {
    var out: [String: JSON] = [:]
    for (k, v) in json?.objectValue ?? [] { out[k] = v }
    return out
  }

  static func day(_ json: JSON?) -> Day? {
    guard let text = json?.stringValue else { return nil }
    let parts = text.split(separator: "-")
    guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
    return Day(year: y, month: m, day: d)
  }

  /// The facts of a scope from its recorded `metrics` and `series`: each part present when the scope
  /// recorded any metric of it (a part's figures that were `null` stay without a value).
  static func facts(_ scope: JSON, kpis: [KPIDefinition], office: Bool) -> ScopeFacts {
    let m = members(scope["metrics"])
    let s = members(scope["series"])
    func int(_ id: String) -> Int? { m[id]?.doubleValue.map { Int($0) } }
    func weekly(_ id: String) -> [Int] { (s[id]?.arrayValue ?? []).map { $0.doubleValue.map { Int($0) } ?? 0 } }
    func has(_ prefix: String) -> Bool { m.keys.contains { $0.hasPrefix(prefix) } }
    var f = ScopeFacts()
    if m["projects.total"] != nil {
      var c = ProjectCounts()
      c.total = int("projects.total") ?? 0
      for (i, status) in ProjectStatus.allCases.enumerated() { c.byStatus[i] = int("projects.\(status.rawValue)") ?? 0 }
      c.red = int("projects.red") ?? 0
      c.amber = int("projects.amber") ?? 0
      c.green = int("projects.green") ?? 0
      f.projects = c
    }
    if has("backlog.") {
      var b = BacklogFacts()
      b.open = int("backlog.open") ?? 0
      b.created4w = int("backlog.created_4w") ?? 0
      b.closed4w = int("backlog.closed_4w") ?? 0
      b.ageP50 = m["backlog.age_p50"]?.doubleValue
      b.ageP85 = m["backlog.age_p85"]?.doubleValue
      b.cycleP50 = m["backlog.cycle_p50"]?.doubleValue
      b.cycleP85 = m["backlog.cycle_p85"]?.doubleValue
      b.createdWeekly = weekly("backlog.created_weekly")
      b.closedWeekly = weekly("backlog.closed_weekly")
      b.openWeekly = weekly("backlog.open_weekly")
      f.backlog = b
    }
    if has("ozg.") {
      var z = OZGFacts()
      z.online12w = int("ozg.online_12w") ?? 0
      z.paper12w = int("ozg.paper_12w") ?? 0
      z.completed12w = int("ozg.completed_12w") ?? 0
      z.pending = int("ozg.pending")
      if let days = m["ozg.processing_days"]?.doubleValue {
        z.processingDaysWeighted = days
        z.processingWeight = 1
      }
      z.services = int("ozg.services") ?? 0
      z.servicesOnline = int("ozg.services_online") ?? 0
      z.servicesCompliant = int("ozg.services_compliant") ?? 0
      z.maturity = int("ozg.maturity")
      z.onlineWeekly = weekly("ozg.online_weekly")
      z.paperWeekly = weekly("ozg.paper_weekly")
      f.ozg = z
    }
    if !kpis.isEmpty && kpis.contains(where: { m["kpi.\($0.id)"] != nil }) {
      f.kpis = kpis.map { m["kpi.\($0.id)"]?.doubleValue }
      // An office's own target, recovered from its attainment (value / target, or target / value).
      if office {
        f.kpiTargets = kpis.map { k in
          guard let v = m["kpi.\(k.id)"]?.doubleValue, let a = m["kpi.\(k.id).attainment"]?.doubleValue, a > 0 else {
            return nil
          }
          return decimalRounded(k.direction == .up ? v / a : v * a)
        }
      }
    }
    return f
  }

  /// Rounds binary noise away (9 decimals), as the metrics do.
  static func decimalRounded(_ x: Double) -> Double { (x * 1e9).rounded() / 1e9 }
}
