import DigITCore

/// The scopes a metric can exist for.
///
/// A metric has a value only at the scopes it lists; ``Report/value(_:at:)-(String,_)`` answers `nil`
/// elsewhere. ``ScopeRef/kind`` tells the scope of a concrete place.
public struct MetricScopes: OptionSet, Sendable, Hashable {
  /// The bit set: 1 city, 2 office, 4 project, 8 service.
  public let rawValue: UInt8
  /// Makes a set from its bits (see ``rawValue``).
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  /// The whole city: every office summed up (or as the metric defines).
  public static let city = MetricScopes(rawValue: 1)
  /// One office (Amt).
  public static let office = MetricScopes(rawValue: 2)
  /// One project of an office.
  public static let project = MetricScopes(rawValue: 4)
  /// One OZG service of an office.
  public static let service = MetricScopes(rawValue: 8)
}

/// The unit of a metric, which decides how its values are formatted.
public enum MetricUnit: Sendable, Equatable {
  /// A whole number of things.
  case count
  /// A share 0…1, shown as a percentage (`0.564` is `56,4 %`).
  case share
  /// A number of days (ages, cycle and processing times), shown whole or with one decimal (`12 Tage`).
  case days
  /// A number of weeks (`backlog.weeks_to_clear`), shown with one decimal (`3,5 Wo.`).
  case weeks
  /// A calendar day.
  case date
  /// A Smart City Index score (0–100).
  case score
  /// Index points (a score difference).
  case points
  /// A place in a ranking.
  case rank
  /// An amount in euros (budgets), shown without cents and with a `€` sign.
  case euros
  /// A RAG or target status.
  case status
  /// A KPI's own unit from `city.yaml` (`%`, `Tage`, `Datensätze` …).
  case custom(String)
}

/// Which direction of change is good news (for arrows and colours).
public enum Polarity: Sendable, Equatable {
  /// A rise is good news (throughput, digital share, projects done).
  case higherIsBetter
  /// A fall is good news (red projects, open backlog, processing days).
  case lowerIsBetter
  /// Neither direction is good or bad in itself (e.g. planned projects).
  case neutral
}

/// How a metric's value is read from the facts of a scope.
public enum MetricExtractor: Sendable {
  /// One value per scope; `nil` where the metric has no value (a share of 0 / 0, no data).
  case scalar(@Sendable (ScopeFacts) -> MetricValue?)
  /// A weekly series, oldest week first; an element is `nil` where the week has no value.
  case series(@Sendable (ScopeFacts) -> [Double?]?)
}

/// One metric: its stable id, labels, unit, scopes and how to read it.
public struct MetricDefinition: Sendable {
  /// Stable id such as `backlog.open`; dashboards and snapshots refer to it.
  public let id: String
  /// The German label.
  public let label: String
  /// The English label.
  public let labelEnglish: String
  /// The German short label for narrow places (tiles, table headers): `Durchsatz 4W` for `Durchsatz (4
  /// Wochen)`; at most 16 characters for the built-in metrics. Every metric has one (the label itself
  /// where it is short).
  public internal(set) var shortLabel: String
  /// The English short label.
  public internal(set) var shortLabelEnglish: String
  /// How values are formatted.
  public let unit: MetricUnit
  /// The scopes the metric exists for.
  public let scopes: MetricScopes
  /// Which direction of change is good news.
  public let polarity: Polarity
  /// How the value is read from a scope's facts.
  public let extractor: MetricExtractor
  /// What exactly the metric counts, in English (for `digit metrics` and the catalog page DigITMetrics.docc/Metrics.md).
  public let definition: String
  /// The feed file whose rows the metric is computed from (`nil` for the city-wide index): when it is
  /// missing for an office, the metric has no value there.
  public internal(set) var feed: FeedFileKind?
  /// Whether the metric is a weekly flow (or a series): it covers complete weeks up to the report week,
  /// and a stale office has no value for it.
  public internal(set) var isFlow = false
  /// Whether the metric's value is itself a change (`index.score_delta`, `index.rank_delta`): shown
  /// always signed and with its unit word (``MetricFormatter/format(_:of:)``); the CSV and JSON
  /// exports keep the plain number.
  public internal(set) var isChange = false

  /// A catalog entry: id, German and English label, unit, scopes, polarity, definition and extractor.
  public init(
    _ id: String, _ label: String, _ labelEnglish: String, unit: MetricUnit, scopes: MetricScopes,
    polarity: Polarity = .neutral, definition: String, _ extractor: MetricExtractor
  ) {
    self.id = id
    self.label = label
    self.labelEnglish = labelEnglish
    self.shortLabel = label
    self.shortLabelEnglish = labelEnglish
    self.unit = unit
    self.scopes = scopes
    self.polarity = polarity
    self.definition = definition
    self.extractor = extractor
  }

  /// The label in a language.
  public func label(_ language: Language) -> String { language == .de ? label : labelEnglish }
  /// The short label in a language.
  public func shortLabel(_ language: Language) -> String { language == .de ? shortLabel : shortLabelEnglish }
  /// Whether the metric is a weekly series (else a scalar).
  public var isSeries: Bool { if case .series = extractor { true } else { false } }
}

/// A metric value: a number, a day, a RAG or a target status.
public enum MetricValue: Sendable, Equatable {
  /// A number in the metric's ``MetricUnit`` (a share as 0…1, not in percent).
  case number(Double)
  /// A calendar day (due days, forecasts).
  case day(Day)
  /// A project's RAG status (`project.rag`).
  case rag(RAG)
  /// Whether a KPI meets its target (`kpi.<id>.status`).
  case target(TargetStatus)

  /// The number (a day as its day number), for deltas; `nil` for statuses.
  public var numeric: Double? {
    switch self {
    case .number(let x): x
    case .day(let d): Double(d.rawValue)
    case .rag, .target: nil
    }
  }
}

/// Every metric the product knows, by id. Built for a city, because its KPIs and the index areas are
/// metrics too (`kpi.<id>`, `kpi.<id>.attainment`, `kpi.<id>.status`, `index.area.<area>`).
///
/// Adding a metric means adding one entry here (and, if it needs a figure no fact holds yet, that figure
/// in ``ScopeFacts`` and the ``Aggregator``).
public struct MetricCatalog: Sendable {
  /// Every metric, in the order they are listed and shown.
  public let metrics: [MetricDefinition]
  private let positions: [String: Int]
  /// Per scope (city, office, project, service: ``singleScopes``) the scalar and the series metrics
  /// sorted by id, for JSON (made once: a snapshot of the large benchmark root asks 34,000 times).
  private let sortedScalarsByScope: [[MetricDefinition]]
  private let sortedSeriesByScope: [[MetricDefinition]]

  /// A catalog of these metrics; ids must be unique.
  public init(metrics: [MetricDefinition]) {
    self.metrics = metrics
    var positions: [String: Int] = [:]
    for (i, m) in metrics.enumerated() {
      precondition(positions[m.id] == nil, "duplicate metric id \(m.id)")
      positions[m.id] = i
    }
    self.positions = positions
    sortedScalarsByScope = Self.singleScopes.map { Self.sorted(metrics, series: false, anyOf: $0) }
    sortedSeriesByScope = Self.singleScopes.map { Self.sorted(metrics, series: true, anyOf: $0) }
  }

  /// The scopes ``sortedScalars(for:)`` and ``sortedSeries(for:)`` keep their lists for.
  static let singleScopes: [MetricScopes] = [.city, .office, .project, .service]

  /// The scalar (or series) metrics of any of `scope`'s scopes, sorted by id (by UTF-8 bytes).
  static func sorted(_ metrics: [MetricDefinition], series: Bool, anyOf scope: MetricScopes) -> [MetricDefinition] {
    metrics.filter { $0.isSeries == series && !$0.scopes.intersection(scope).isEmpty }.sorted {
      $0.id.utf8.lexicographicallyPrecedes($1.id.utf8)
    }
  }

  /// The series metrics of a scope sorted by id (by UTF-8 bytes, the order of JSON keys).
  public func sortedSeries(for scope: MetricScopes) -> [MetricDefinition] {
    Self.singleScopes.firstIndex(of: scope).map { sortedSeriesByScope[$0] }
      ?? Self.sorted(metrics, series: true, anyOf: scope)
  }

  /// The scalar metrics of a scope sorted by id (by UTF-8 bytes, the order of JSON keys).
  public func sortedScalars(for scope: MetricScopes) -> [MetricDefinition] {
    Self.singleScopes.firstIndex(of: scope).map { sortedScalarsByScope[$0] }
      ?? Self.sorted(metrics, series: false, anyOf: scope)
  }

  /// The metric with this id.
  public subscript(id: String) -> MetricDefinition? { positions[id].map { metrics[$0] } }
}

extension MetricCatalog {
  /// The catalog for a city: the built-in metrics plus one set per KPI of `city.yaml`.
  public static func standard(for city: City) -> MetricCatalog {
    var m: [MetricDefinition] = []
    let counts: MetricScopes = [.city, .office]
    @Sendable func n(_ x: Int?) -> MetricValue? { x.map { .number(Double($0)) } }
    @Sendable func d(_ x: Double?) -> MetricValue? { x.map { .number($0) } }
    @Sendable func s(_ a: [Int]?) -> [Double?]? { a.map { $0.map { Double($0) } } }

    // Projects
    m.append(
      .init(
        "projects.total", "Projekte", "Projects", unit: .count, scopes: counts,
        definition: "All projects of the scope, whatever their status.", .scalar { n($0.projects?.total) }))
    for status in ProjectStatus.allCases {
      let (de, en): (String, String) =
        switch status {
        case .planned: ("Projekte geplant", "Projects planned")
        case .active: ("Projekte aktiv", "Projects active")
        case .blocked: ("Projekte blockiert", "Projects blocked")
        case .done: ("Projekte abgeschlossen", "Projects done")
        case .cancelled: ("Projekte abgebrochen", "Projects cancelled")
        }
      m.append(
        .init(
          "projects.\(status.rawValue)", de, en, unit: .count, scopes: counts,
          polarity: status == .blocked ? .lowerIsBetter : status == .done ? .higherIsBetter : .neutral,
          definition: "Projects with status \(status.rawValue).", .scalar { n($0.projects?.count(status)) }))
    }
    m.append(
      .init(
        "projects.open", "Projekte offen", "Projects open", unit: .count, scopes: counts,
        definition: "Planned, active and blocked projects: those with a RAG status (red + amber + green).",
        .scalar { f in f.projects.map { .number(Double($0.count(.planned) + $0.count(.active) + $0.count(.blocked))) } }
      ))
    m.append(
      .init(
        "projects.red", "Projekte rot", "Projects red", unit: .count, scopes: counts, polarity: .lowerIsBetter,
        definition: "Open projects whose RAG status is red.", .scalar { n($0.projects?.red) }))
    m.append(
      .init(
        "projects.amber", "Projekte gelb", "Projects amber", unit: .count, scopes: counts, polarity: .lowerIsBetter,
        definition: "Open projects whose RAG status is amber.", .scalar { n($0.projects?.amber) }))
    m.append(
      .init(
        "projects.green", "Projekte grün", "Projects green", unit: .count, scopes: counts, polarity: .higherIsBetter,
        definition: "Open projects whose RAG status is green.", .scalar { n($0.projects?.green) }))
    m.append(
      .init(
        "project.rag", "Ampel", "RAG status", unit: .status, scopes: .project,
        definition:
          "red, amber or green by the RAG rules (see RAG status in the metric catalog); none for done and cancelled projects.",
        .scalar { $0.project?.rag.map { .rag($0) } }))
    m.append(
      .init(
        "project.progress", "Fortschritt", "Progress", unit: .share, scopes: .project, polarity: .higherIsBetter,
        definition:
          "Milestones done by the as-of day / all milestones; without milestones, closed items / all items created by then.",
        .scalar { d($0.project?.progress) }))
    m.append(
      .init(
        "project.forecast_p50", "Prognose P50", "Forecast P50", unit: .date, scopes: .project, polarity: .lowerIsBetter,
        definition:
          "The Sunday of the week by which the open backlog is done with 50 % probability, if each week after the report week closes as many items as one of the last 12 complete weeks did (see Forecast).",
        .scalar { $0.project?.forecastP50.map { .day($0) } }))
    m.append(
      .init(
        "project.forecast_p85", "Prognose P85", "Forecast P85", unit: .date, scopes: .project, polarity: .lowerIsBetter,
        definition: "The same with 85 % probability.",
        .scalar { $0.project?.forecastP85.map { .day($0) } }))
    m.append(
      .init(
        "project.budget_used", "Budget verbraucht", "Budget used", unit: .share, scopes: .project,
        polarity: .lowerIsBetter,
        definition: "budget_spent / budget_planned; none when either is missing or planned is 0.",
        .scalar { d($0.project?.budgetUsed) }))
    m.append(
      .init(
        "project.due", "Fällig", "Due", unit: .date, scopes: .project,
        definition: "The project's due day from projects.csv.", .scalar { $0.project?.due.map { .day($0) } }))
    m.append(
      .init(
        "project.budget_planned", "Budget geplant", "Budget planned", unit: .euros, scopes: .project,
        definition: "budget_planned from projects.csv.", .scalar { d($0.project?.budgetPlanned) }))
    m.append(
      .init(
        "project.budget_spent", "Budget verbraucht (€)", "Budget spent", unit: .euros, scopes: .project,
        polarity: .lowerIsBetter, definition: "budget_spent from projects.csv.", .scalar { d($0.project?.budgetSpent) })
    )
    m.append(
      .init(
        "project.milestones_overdue", "Meilensteine überfällig", "Milestones overdue", unit: .count, scopes: .project,
        polarity: .lowerIsBetter, definition: "Milestones due before the as-of day and not done by it.",
        .scalar { n($0.project?.overdueMilestones) }))

    // Backlog
    let flow: MetricScopes = [.city, .office, .project]
    m.append(
      .init(
        "backlog.open", "Backlog offen", "Open backlog", unit: .count, scopes: flow, polarity: .lowerIsBetter,
        definition: "Items created on or before the as-of day and not closed by it.", .scalar { n($0.backlog?.open) }))
    m.append(
      .init(
        "backlog.created_4w", "Neu (4 Wochen)", "Created (4 weeks)", unit: .count, scopes: flow,
        definition:
          "Items created in the last 4 complete ISO weeks: the report week (the last week that ended on or before the as-of day) and the 3 before.",
        .scalar { n($0.backlog?.created4w) }))
    m.append(
      .init(
        "backlog.closed_4w", "Durchsatz (4 Wochen)", "Throughput (4 weeks)", unit: .count, scopes: flow,
        polarity: .higherIsBetter,
        definition: "Items closed in the last 4 complete ISO weeks (the report week and the 3 before).",
        .scalar { n($0.backlog?.closed4w) }))
    m.append(
      .init(
        "backlog.net_flow_4w", "Nettozugang (4 Wochen)", "Net flow (4 weeks)", unit: .count, scopes: flow,
        polarity: .lowerIsBetter, definition: "backlog.created_4w − backlog.closed_4w.",
        .scalar { $0.backlog.map { .number(Double($0.created4w - $0.closed4w)) } }))
    m.append(
      .init(
        "backlog.age_p50", "Alter offen P50", "Age of open P50", unit: .days, scopes: flow, polarity: .lowerIsBetter,
        definition: "Median of the open items' ages (days from created to the as-of day).",
        .scalar { d($0.backlog?.ageP50) }))
    m.append(
      .init(
        "backlog.age_p85", "Alter offen P85", "Age of open P85", unit: .days, scopes: flow, polarity: .lowerIsBetter,
        definition: "85th percentile of the open items' ages.", .scalar { d($0.backlog?.ageP85) }))
    m.append(
      .init(
        "backlog.cycle_p50", "Durchlaufzeit P50", "Cycle time P50", unit: .days, scopes: flow, polarity: .lowerIsBetter,
        definition:
          "Median days from created to closed of the items closed in the last 12 complete ISO weeks (ending with the report week).",
        .scalar { d($0.backlog?.cycleP50) }))
    m.append(
      .init(
        "backlog.cycle_p85", "Durchlaufzeit P85", "Cycle time P85", unit: .days, scopes: flow, polarity: .lowerIsBetter,
        definition: "85th percentile of those cycle times.", .scalar { d($0.backlog?.cycleP85) }))
    m.append(
      .init(
        "backlog.weeks_to_clear", "Wochen bis leer", "Weeks to clear", unit: .weeks, scopes: flow,
        polarity: .lowerIsBetter,
        definition:
          "Items open at the end of the report week / (backlog.closed_4w / 4); 0 when nothing is open, none without throughput.",
        .scalar { d($0.backlog?.weeksToClear) }))
    m.append(
      .init(
        "backlog.created_weekly", "Neu je Woche", "Created per week", unit: .count, scopes: flow,
        definition: "Items created per ISO week, the 26 complete weeks ending with the report week.",
        .series { s($0.backlog?.createdWeekly) }))
    m.append(
      .init(
        "backlog.closed_weekly", "Erledigt je Woche", "Closed per week", unit: .count, scopes: flow,
        polarity: .higherIsBetter,
        definition: "Items closed per ISO week, the 26 complete weeks ending with the report week.",
        .series { s($0.backlog?.closedWeekly) }))
    m.append(
      .init(
        "backlog.open_weekly", "Offen am Wochenende", "Open at week end", unit: .count, scopes: flow,
        polarity: .lowerIsBetter,
        definition: "Items open at the end of each of the 26 complete ISO weeks ending with the report week.",
        .series { s($0.backlog?.openWeekly) }))

    // OZG
    let ozg: MetricScopes = [.city, .office, .service]
    m.append(
      .init(
        "ozg.online_12w", "Online-Anträge (12 Wochen)", "Online applications (12 weeks)", unit: .count, scopes: ozg,
        polarity: .higherIsBetter,
        definition: "Applications received online in the last 12 complete ISO weeks (ending with the report week).",
        .scalar { n($0.ozg?.online12w) }))
    m.append(
      .init(
        "ozg.paper_12w", "Papieranträge (12 Wochen)", "Paper applications (12 weeks)", unit: .count, scopes: ozg,
        polarity: .lowerIsBetter, definition: "Applications received on paper in the last 12 complete ISO weeks.",
        .scalar { n($0.ozg?.paper12w) }))
    m.append(
      .init(
        "ozg.completed_12w", "Erledigt (12 Wochen)", "Completed (12 weeks)", unit: .count, scopes: ozg,
        polarity: .higherIsBetter, definition: "Applications completed in the last 12 complete ISO weeks.",
        .scalar { n($0.ozg?.completed12w) }))
    m.append(
      .init(
        "ozg.digital_share_12w", "Digitalquote OZG (12 Wochen)", "OZG digital share (12 weeks)", unit: .share,
        scopes: ozg,
        polarity: .higherIsBetter,
        definition: "online / (online + paper) over the last 12 complete ISO weeks; none when both are 0.",
        .scalar { d($0.ozg?.digitalShare) }))
    m.append(
      .init(
        "ozg.pending", "Anhängig", "Pending", unit: .count, scopes: ozg, polarity: .lowerIsBetter,
        definition:
          "Per service the latest reported pending (week ≤ the as-of week), summed; none if no service reports it.",
        .scalar { n($0.ozg?.pending) }))
    m.append(
      .init(
        "ozg.processing_days", "Bearbeitungsdauer OZG", "OZG processing time", unit: .days, scopes: ozg,
        polarity: .lowerIsBetter,
        definition: "Mean of the reported median_days of the last 4 complete ISO weeks, weighted by completed.",
        .scalar { d($0.ozg?.processingDays) }))
    m.append(
      .init(
        "ozg.services", "OZG-Leistungen", "OZG services", unit: .count, scopes: counts,
        definition: "Distinct services with data up to the as-of week; the city figure is the sum over offices.",
        .scalar { n($0.ozg?.services) }))
    m.append(
      .init(
        "ozg.services_online", "Leistungen online", "Services online", unit: .count, scopes: counts,
        polarity: .higherIsBetter,
        definition: "Services whose latest maturity reaches ozg_online_level (default 2).",
        .scalar { n($0.ozg?.servicesOnline) }))
    m.append(
      .init(
        "ozg.services_compliant", "Leistungen OZG-konform", "Services OZG-compliant", unit: .count, scopes: counts,
        polarity: .higherIsBetter,
        definition: "Services whose latest maturity reaches ozg_compliant_level (default 3).",
        .scalar { n($0.ozg?.servicesCompliant) }))
    m.append(
      .init(
        "ozg.maturity", "Reifegrad", "Maturity level", unit: .count, scopes: .service, polarity: .higherIsBetter,
        definition: "The service's maturity level in its latest week up to the as-of week.",
        .scalar { n($0.ozg?.maturity) }))
    m.append(
      .init(
        "ozg.online_weekly", "Online je Woche", "Online per week", unit: .count, scopes: ozg, polarity: .higherIsBetter,
        definition: "Applications received online per ISO week, the 26 complete weeks ending with the report week.",
        .series { s($0.ozg?.onlineWeekly) }))
    m.append(
      .init(
        "ozg.paper_weekly", "Papier je Woche", "Paper per week", unit: .count, scopes: ozg, polarity: .lowerIsBetter,
        definition: "Applications received on paper per ISO week, the 26 complete weeks ending with the report week.",
        .series { s($0.ozg?.paperWeekly) }))
    m.append(
      .init(
        "ozg.digital_share_weekly", "Digitalquote OZG je Woche", "OZG digital share per week", unit: .share,
        scopes: ozg,
        polarity: .higherIsBetter,
        definition:
          "online / (online + paper) per ISO week, the 26 complete weeks ending with the report week; none for a week without applications.",
        .series { f in
          guard let o = f.ozg, !o.onlineWeekly.isEmpty else { return nil }
          return zip(o.onlineWeekly, o.paperWeekly).map { on, pa in
            on + pa > 0 ? Double(on) / (Double(on) + Double(pa)) : nil
          }
        }))

    // The city's KPIs
    var shortLabels = Self.shortLabels
    for (i, k) in city.kpis.enumerated() {
      let unit = MetricUnit.custom(k.unit)
      let polarity: Polarity = k.direction == .up ? .higherIsBetter : .lowerIsBetter
      let label = k.label
      let en = k.labelEnglish ?? k.label
      let short = k.shortLabel ?? label
      let shortEn = k.shortLabelEnglish ?? k.labelEnglish ?? short
      shortLabels["kpi.\(k.id)"] = (short, shortEn)
      shortLabels["kpi.\(k.id).attainment"] = ("\(short) %", "\(shortEn) %")
      shortLabels["kpi.\(k.id).status"] = ("\(short) Ziel", "\(shortEn) target")
      m.append(
        .init(
          "kpi.\(k.id)", label, en, unit: unit, scopes: counts, polarity: polarity,
          definition:
            "The latest value with week ≤ the report week (a complete week); across offices the \(k.aggregate.rawValue).",
          .scalar { d($0.kpi(i)) }))
      guard let cityTarget = k.target else { continue }
      let scope =
        "city: \(cityTarget) from city.yaml; an office only against its own target (office.yaml targets or the target column of kpis.csv), else none"
      m.append(
        .init(
          "kpi.\(k.id).attainment", "\(label) – Zielerreichung", "\(en) – attainment", unit: .share, scopes: counts,
          polarity: .higherIsBetter,
          definition: (k.direction == .up ? "value / target" : "target / value; 1 when the value is 0")
            + " (\(scope)).",
          .scalar { f in
            guard let v = f.kpi(i), let target = f.kpiTarget(i, city: cityTarget) else { return nil }
            if k.direction == .up { return target != 0 ? .number(v / target) : nil }
            return v > 0 ? .number(target / v) : .number(1)
          }))
      m.append(
        .init(
          "kpi.\(k.id).status", "\(label) – Ziel", "\(en) – target", unit: .status, scopes: counts,
          definition: (k.direction == .up
            ? "met when the value is at least the target" : "met when the value is at most the target")
            + ", else off_track (\(scope)).",
          .scalar { f in
            guard let v = f.kpi(i), let target = f.kpiTarget(i, city: cityTarget) else { return nil }
            let met = k.direction == .up ? v >= target : v <= target
            return .target(met ? .met : .offTrack)
          }))
    }

    // Smart City Index
    m.append(
      .init(
        "index.score", "Smart City Index", "Smart City Index", unit: .score, scopes: .city, polarity: .higherIsBetter,
        definition: "The total score of the latest index year up to the as-of year.", .scalar { d($0.index?.score) }))
    m.append(
      .init(
        "index.rank", "Rang im Index", "Index rank", unit: .rank, scopes: .city, polarity: .lowerIsBetter,
        definition: "The total rank of the latest index year.", .scalar { n($0.index?.rank) }))
    m.append(
      .init(
        "index.score_delta", "Index Veränderung zum Vorjahr", "Index change on the year before", unit: .points,
        scopes: .city,
        polarity: .higherIsBetter, definition: "The total score minus the year before's.",
        .scalar { f in
          guard let s = f.index?.score, let p = f.index?.previousScore else { return nil }
          return .number(decimalClean(s - p))
        }))
    m.append(
      .init(
        "index.rank_delta", "Plätze gewonnen zum Vorjahr", "Places gained on the year before", unit: .rank,
        scopes: .city,
        polarity: .higherIsBetter,
        definition: "The year before's rank minus the rank: places gained, negative when places were lost.",
        .scalar { f in
          guard let r = f.index?.rank, let p = f.index?.previousRank else { return nil }
          return .number(Double(p - r))
        }))
    for area in IndexArea.allCases where area != .gesamt {
      m.append(
        .init(
          "index.area.\(area.key)", "Index \(area.rawValue)", "Index \(area.englishName)", unit: .score, scopes: .city,
          polarity: .higherIsBetter, definition: "The area's score in the latest index year.",
          .scalar { d($0.index?.areas[area]) }))
    }
    let target = city.indexTarget?.score
    m.append(
      .init(
        "index.target_gap", "Abstand zum Indexziel", "Gap to the index target", unit: .points, scopes: .city,
        polarity: .lowerIsBetter,
        definition: "The target score from city.yaml minus the score; 0 or less when reached.",
        .scalar { f in
          guard let target, let s = f.index?.score else { return nil }
          return .number(decimalClean(target - s))
        }))
    // The feed each metric is read from, and which ones are weekly flows.
    let flows: Set<String> = [
      "backlog.created_4w", "backlog.closed_4w", "backlog.net_flow_4w", "backlog.cycle_p50", "backlog.cycle_p85",
      "backlog.weeks_to_clear", "ozg.online_12w", "ozg.paper_12w", "ozg.completed_12w", "ozg.digital_share_12w",
      "ozg.processing_days",
    ]
    for i in m.indices {
      let id = m[i].id
      m[i].feed =
        id == "project.milestones_overdue"
        ? .milestones
        : id.hasPrefix("project")
          ? .projects
          : id.hasPrefix("backlog.")
            ? .backlog
            : id.hasPrefix("ozg.") ? .ozg : id.hasPrefix("kpi.") ? .kpis : nil
      m[i].isFlow = m[i].isSeries || flows.contains(id)
      m[i].isChange = id == "index.score_delta" || id == "index.rank_delta"
      if let (de, en) = shortLabels[id] {
        m[i].shortLabel = de
        m[i].shortLabelEnglish = en
      }
    }
    return MetricCatalog(metrics: m)
  }
}

extension MetricCatalog {
  /// The short labels of the built-in metrics whose labels are long (German, English); the others' short
  /// label is their label.
  static let shortLabels: [String: (String, String)] = [
    "projects.open": ("Proj. offen", "Proj. open"), "projects.planned": ("Proj. geplant", "Proj. planned"),
    "projects.active": ("Proj. aktiv", "Proj. active"),
    "projects.blocked": ("Proj. blockiert", "Proj. blocked"), "projects.done": ("Proj. fertig", "Proj. done"),
    "projects.cancelled": ("Proj. abgebr.", "Proj. cancelled"), "projects.red": ("Rot", "Red"),
    "projects.amber": ("Gelb", "Amber"), "projects.green": ("Grün", "Green"),
    "project.forecast_p50": ("P50", "P50"), "project.forecast_p85": ("P85", "P85"),
    "project.budget_used": ("Budget %", "Budget %"), "project.budget_planned": ("Budget Plan", "Budget plan"),
    "project.budget_spent": ("Budget (€)", "Spent (€)"), "project.milestones_overdue": ("MS überfällig", "MS overdue"),
    "backlog.open": ("Backlog", "Backlog"), "backlog.created_4w": ("Neu 4W", "Created 4w"),
    "backlog.closed_4w": ("Erledigt 4W", "Closed 4w"), "backlog.net_flow_4w": ("Netto 4W", "Net flow 4w"),
    "backlog.age_p50": ("Alter P50", "Age P50"), "backlog.age_p85": ("Alter P85", "Age P85"),
    "backlog.cycle_p50": ("Durchlauf P50", "Cycle P50"), "backlog.cycle_p85": ("Durchlauf P85", "Cycle P85"),
    "backlog.weeks_to_clear": ("Wo. bis leer", "Wks to clear"), "backlog.created_weekly": ("Neu/Woche", "New/week"),
    "backlog.closed_weekly": ("Erledigt/Woche", "Closed/week"), "backlog.open_weekly": ("Offen/Woche", "Open/week"),
    "ozg.online_12w": ("Online 12W", "Online 12w"), "ozg.paper_12w": ("Papier 12W", "Paper 12w"),
    "ozg.completed_12w": ("Erledigt 12W", "Done 12w"), "ozg.digital_share_12w": ("Digitalquote", "Digital share"),
    "ozg.processing_days": ("Bearb.-Tage", "Proc. days"), "ozg.services": ("Leistungen", "Services"),
    "ozg.services_online": ("Leist. online", "Svc. online"), "ozg.services_compliant": ("OZG-konform", "Compliant"),
    "ozg.maturity": ("Reife", "Maturity"), "ozg.online_weekly": ("Online/Woche", "Online/week"),
    "ozg.paper_weekly": ("Papier/Woche", "Paper/week"), "ozg.digital_share_weekly": ("Quote/Woche", "Share/week"),
    "index.score": ("Index", "Index"), "index.rank": ("Rang", "Rank"),
    "index.score_delta": ("Index ± Vorjahr", "Index ± year"), "index.rank_delta": ("Plätze ± Vorj.", "Places ± year"),
    "index.area.verwaltung": ("Verwaltung", "Administration"), "index.area.it": ("IT u. Komm.", "IT & comm."),
    "index.area.energie": ("Energie/Umwelt", "Energy/env."), "index.area.mobilitaet": ("Mobilität", "Mobility"),
    "index.area.gesellschaft": ("Gesellschaft", "Society"), "index.target_gap": ("Abstand Ziel", "Gap to target"),
  ]
}

extension IndexArea {
  /// The area's name in English.
  public var englishName: String {
    switch self {
    case .verwaltung: "Administration"
    case .itUndKommunikation: "IT and Communication"
    case .energieUndUmwelt: "Energy and Environment"
    case .mobilitaet: "Mobility"
    case .gesellschaft: "Society"
    case .gesamt: "Total"
    }
  }

  /// The area's name in a language: the German name is the index's own (the raw value).
  public func label(_ language: Language) -> String { language == .de ? rawValue : englishName }
}
