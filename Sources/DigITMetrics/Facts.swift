import DigITCore

/// What the ``Aggregator`` computed for one scope (the city, an office, a project or a service).
/// The ``MetricCatalog`` turns these facts into metric values by id; a part is `nil` where the scope has
/// no such metrics (a service has no projects).
public struct ScopeFacts: Sendable, Equatable {
  /// Project counts (city, office).
  public var projects: ProjectCounts?
  /// Backlog flow (city, office, project).
  public var backlog: BacklogFacts?
  /// OZG figures (city, office, service).
  public var ozg: OZGFacts?
  /// The city's KPIs, in the order of ``City/kpis``.
  public var kpis: [Double?]?
  /// The targets the KPIs of this scope are judged against, in the order of ``City/kpis``: an office's
  /// own targets (`nil` where it has none: no status); `nil` for the city, which uses the targets of
  /// `city.yaml`.
  public var kpiTargets: [Double?]?

  /// The target of the KPI at a position for this scope: the scope's own, else (for the city) `city`.
  public func kpiTarget(_ i: Int, city: Double?) -> Double? {
    guard let kpiTargets else { return city }
    return i >= 0 && i < kpiTargets.count ? kpiTargets[i] : nil
  }

  /// The value of the KPI at a position of ``City/kpis``; `nil` when there is none (also for a position
  /// beyond the list, e.g. a metric of an older catalog after `city.yaml` lost a KPI).
  public func kpi(_ i: Int) -> Double? {
    guard let kpis, i >= 0, i < kpis.count else { return nil }
    return kpis[i]
  }
  /// RAG, progress and forecast (project).
  public var project: ProjectFacts?
  /// The Smart City Index (city).
  public var index: IndexFacts?

  /// Facts with the given parts.
  public init(
    projects: ProjectCounts? = nil, backlog: BacklogFacts? = nil, ozg: OZGFacts? = nil, kpis: [Double?]? = nil,
    project: ProjectFacts? = nil, index: IndexFacts? = nil
  ) {
    self.projects = projects
    self.backlog = backlog
    self.ozg = ozg
    self.kpis = kpis
    self.project = project
    self.index = index
  }
}

/// Projects by status and RAG status (city and office).
public struct ProjectCounts: Sendable, Equatable {
  /// All projects.
  public var total = 0
  /// Indexed like `ProjectStatus.allCases`.
  public var byStatus = [Int](repeating: 0, count: ProjectStatus.allCases.count)
  /// Open projects by RAG status.
  public var red = 0, amber = 0, green = 0

  /// No projects.
  public init() {}

  /// The projects with a status.
  public func count(_ status: ProjectStatus) -> Int { byStatus[ProjectStatus.allCases.firstIndex(of: status)!] }

  mutating func add(_ status: ProjectStatus, rag: RAG?) {
    total += 1
    byStatus[ProjectStatus.allCases.firstIndex(of: status)!] += 1
    switch rag {
    case .red: red += 1
    case .amber: amber += 1
    case .green: green += 1
    case nil: break
    }
  }

  mutating func add(_ other: ProjectCounts) {
    total += other.total
    for i in byStatus.indices { byStatus[i] += other.byStatus[i] }
    red += other.red
    amber += other.amber
    green += other.green
  }
}

/// Backlog flow of a project, an office or the city.
public struct BacklogFacts: Sendable, Equatable {
  /// Items created on or before the as-of day and not closed by it.
  public var open = 0
  /// Items created / closed in the last 4 complete ISO weeks (the report week and the 3 before).
  public var created4w = 0, closed4w = 0
  /// Percentiles of the open items' ages in days.
  public var ageP50: Double?, ageP85: Double?
  /// Percentiles of the cycle times (created → closed, days) of items closed in the last 12 complete weeks.
  public var cycleP50: Double?, cycleP85: Double?
  /// The 26 complete ISO weeks ending with the report week, oldest first: items created and closed per
  /// week, open at each week's end.
  public var createdWeekly: [Int] = [], closedWeekly: [Int] = [], openWeekly: [Int] = []

  /// Empty (no data).
  public init() {}

  /// The items open at the end of the report week (the last of ``openWeekly``; ``open`` when there is
  /// no series) divided by the weekly throughput of the last 4 complete weeks; `nil` without throughput.
  /// A weekly flow: it does not move with the days of the running week.
  public var weeksToClear: Double? {
    let open = openWeekly.last ?? self.open
    if open == 0 { return 0 }
    return closed4w > 0 ? Double(open) / (Double(closed4w) / 4) : nil
  }
}

/// OZG figures of a service, an office or the city.
public struct OZGFacts: Sendable, Equatable {
  /// Sums over the last 12 complete ISO weeks (ending with the report week).
  public var online12w = 0, paper12w = 0, completed12w = 0
  /// The sum of each service's latest reported `pending` (week ≤ as-of week); `nil` if none reported.
  public var pending: Int?
  /// Σ median_days × completed and Σ completed over the rows of the last 4 complete weeks that report
  /// median_days.
  public var processingDaysWeighted = 0.0, processingWeight = 0.0
  /// Services with data up to the as-of week, and those whose latest maturity counts as online / compliant.
  public var services = 0, servicesOnline = 0, servicesCompliant = 0
  /// The latest maturity level of a service (service scope only).
  public var maturity: Int?
  /// Applications online and on paper per week, the 26 complete ISO weeks ending with the report week,
  /// oldest first.
  public var onlineWeekly: [Int] = [], paperWeekly: [Int] = []

  /// Empty (no data).
  public init() {}

  /// online / (online + paper) over 12 weeks; `nil` when both are 0.
  public var digitalShare: Double? {
    online12w + paper12w > 0 ? Double(online12w) / Double(online12w + paper12w) : nil
  }

  /// The completed-weighted mean processing time of the last 4 weeks; `nil` without reports.
  public var processingDays: Double? {
    processingWeight > 0 ? decimalClean(processingDaysWeighted / processingWeight) : nil
  }

  mutating func add(_ o: OZGFacts) {
    online12w += o.online12w
    paper12w += o.paper12w
    completed12w += o.completed12w
    if let p = o.pending { pending = (pending ?? 0) + p }
    processingDaysWeighted += o.processingDaysWeighted
    processingWeight += o.processingWeight
    services += o.services
    servicesOnline += o.servicesOnline
    servicesCompliant += o.servicesCompliant
    addWeekly(&onlineWeekly, o.onlineWeekly)
    addWeekly(&paperWeekly, o.paperWeekly)
  }
}

func addWeekly(_ a: inout [Int], _ b: [Int]) {
  if a.isEmpty {
    a = b
    return
  }
  for i in a.indices where i < b.count { a[i] += b[i] }
}

/// What is known about one project as of a day.
public struct ProjectFacts: Sendable, Equatable {
  /// `nil` for done and cancelled projects.
  public var rag: RAG?
  /// Every reason for red or amber, red ones first; empty for green.
  public var reasons: [RAGReason] = []
  /// Done milestones / milestones; without milestones closed items / all items.
  public var progress: Double?
  /// Forecast completion dates of the open backlog (see ``CompletionForecast``).
  public var forecastP50: Day?, forecastP85: Day?
  /// budget_spent / budget_planned.
  public var budgetUsed: Double?
  /// The fields of `projects.csv` that are metrics too.
  public var due: Day?, budgetPlanned: Double?, budgetSpent: Double?
  /// Milestones due before the as-of day and not done by it.
  public var overdueMilestones = 0

  /// Empty (no data).
  public init() {}
}

/// The Smart City Index as of a day: the latest year up to the as-of year, and the year before it.
public struct IndexFacts: Sendable, Equatable {
  /// The latest index year up to the as-of year.
  public var year: Int?
  /// The total score and rank of that year.
  public var score: Double?, rank: Int?
  /// The total score and rank of the year before.
  public var previousScore: Double?, previousRank: Int?
  /// Area scores of the latest year.
  public var areas: [IndexArea: Double] = [:]

  /// Empty (no data).
  public init() {}
}
