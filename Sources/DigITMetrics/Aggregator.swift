import DigITCore

/// Computes every metric of the ``MetricCatalog`` for every scope of a ``DataSet`` as of a day.
///
/// Pure: no I/O, no clock, no Foundation. The same data and as-of day give the same ``Report`` on every
/// run and machine (sums are taken in data order; the forecast is seeded from the project ids).
///
/// ## Calendar
/// The **report week** W is the last ISO week that ended on or before the as-of day (`Day.reportWeek` in DigITCore):
/// as of Sunday 22.11.2026 and as of Monday 23.11.2026 it is 2026-W47. Every weekly flow covers complete
/// weeks: "the last N weeks" are the ISO weeks W−N+1 … W, and a dated event (an item created or closed)
/// counts for a flow only if it is on or before W's Sunday. OZG and KPI rows are weekly and count for
/// flows (and KPI values) when their week is ≤ W. The running week is never part of a weekly figure.
///
/// **Stocks** — the open backlog and the open items' ages, pending applications, service maturity,
/// project status, RAG, progress and overdue milestones — are as of the as-of day itself.
///
/// ## Work
/// One pass over each office's backlog, OZG and KPI rows; offices run in parallel, and so do the as-of
/// day and the day 7 days earlier (for week-over-week deltas). Percentiles come from exact day
/// histograms that merge from projects to offices to the city, never a median of medians.
public struct Aggregator: Sendable {
  /// The length of the weekly series (`*_weekly` metrics).
  public static let seriesWeeks = 26
  /// The weeks of closed counts the forecast samples from.
  public static let forecastWeeks = 12

  /// The data to aggregate.
  public let data: DataSet
  /// The catalog for the data's city (its KPIs are metrics too).
  public let catalog: MetricCatalog
  /// Aggregate offices on all cores (default) or one after the other.
  public var parallel = true
  /// How project forecasts are computed (see ``CompletionForecast``).
  public var forecast = ForecastMethod.exact
  /// Whether the report as of 7 days earlier keeps its project and service facts. The dashboard and
  /// `digit export` compare projects and services with the week before; `digit summary` compares only
  /// the city and the offices, and without them needs about 35 MB less on the large benchmark root. A
  /// report without them gives no value for a project or service metric (``Report/facts(at:)``).
  public var previousDetail = true

  /// How ``Aggregator`` computes `project.forecast_p50` / `project.forecast_p85`.
  public enum ForecastMethod: Sendable, Equatable {
    /// The exact distribution (the default; the simulation for very large backlogs).
    case exact
    /// A seeded Monte Carlo simulation with this many runs per project.
    case monteCarlo(trials: Int)
    /// No forecasts (for measuring the rest).
    case none
  }

  /// An aggregator for a data set, with the catalog of its city.
  public init(_ data: DataSet) {
    self.data = data
    self.catalog = MetricCatalog.standard(for: data.city)
  }

  /// All metrics as of `asOf`, and (unless `previousWeek` is false) as of 7 days earlier.
  public func report(asOf: Day, previousWeek: Bool = true) -> Report {
    let days = previousWeek ? [asOf, asOf.adding(days: -7)] : [asOf]
    let n = data.offices.count
    let this = self
    let results = parallelMap(n * days.count, parallel: parallel) { i in
      var result = OfficeAggregation(
        office: this.data.offices[i % max(n, 1)], city: this.data.city, asOf: days[i / max(n, 1)],
        forecast: this.forecast
      ).run()
      if i >= n && !this.previousDetail {  // dropped at once, so that they never add up
        result.report.projects = []
        result.report.services = []
      }
      return result
    }
    func build(_ d: Int, previous: Report?) -> Report {
      let parts = Array(results[(d * n)..<(d * n + n)])
      var city = ScopeFacts(projects: ProjectCounts(), backlog: BacklogFacts(), ozg: OZGFacts(), kpis: nil)
      let zeros = [Int](repeating: 0, count: Self.seriesWeeks)  // also with no offices
      (city.backlog!.createdWeekly, city.backlog!.closedWeekly, city.backlog!.openWeekly) = (zeros, zeros, zeros)
      (city.ozg!.onlineWeekly, city.ozg!.paperWeekly) = (zeros, zeros)
      var ages = DayHistogram()
      var cycles = DayHistogram()
      for p in parts {
        city.projects!.add(p.report.facts.projects!)
        city.backlog!.add(p.report.facts.backlog!)
        ages.merge(p.ages)
        cycles.merge(p.cycles)
        city.ozg!.add(p.report.facts.ozg!)
      }
      city.backlog!.setPercentiles(ages: ages, cycles: cycles)
      city.kpis = cityKPIs(parts.map { $0.report.facts.kpis ?? [] })
      city.index = indexFacts(asOf: days[d])
      return Report(
        data: data, catalog: catalog, asOf: days[d], city: city, offices: parts.map(\.report), previous: previous,
        detail: d == 0 || previousDetail)
    }
    let previous = previousWeek ? build(1, previous: nil) : nil
    return build(0, previous: previous)
  }

  /// KPI values across offices: sum, mean or max of the offices that report one.
  func cityKPIs(_ offices: [[Double?]]) -> [Double?] {
    data.city.kpis.enumerated().map { i, k in
      let values = offices.compactMap { i < $0.count ? $0[i] : nil }
      guard !values.isEmpty else { return nil }
      switch k.aggregate {
      case .sum: return decimalClean(values.reduce(0, +))
      case .mean: return decimalClean(values.reduce(0, +) / Double(values.count))
      case .max: return values.max()
      }
    }
  }

  /// The index scores of the latest year up to the as-of year, and the year before.
  func indexFacts(asOf: Day) -> IndexFacts {
    var f = IndexFacts()
    let year = asOf.year
    guard let latest = data.indexScores.filter({ $0.year <= year }).map(\.year).max() else { return f }
    f.year = latest
    for s in data.indexScores where s.year == latest {
      if s.area == .gesamt {
        f.score = s.score
        f.rank = s.rank
      } else {
        f.areas[s.area] = s.score
      }
    }
    for s in data.indexScores where s.year == latest - 1 && s.area == .gesamt {
      f.previousScore = s.score
      f.previousRank = s.rank
    }
    return f
  }
}

extension BacklogFacts {
  mutating func add(_ o: BacklogFacts) {
    open += o.open
    created4w += o.created4w
    closed4w += o.closed4w
    addWeekly(&createdWeekly, o.createdWeekly)
    addWeekly(&closedWeekly, o.closedWeekly)
    addWeekly(&openWeekly, o.openWeekly)
  }

  mutating func setPercentiles(ages: DayHistogram, cycles: DayHistogram) {
    ageP50 = ages.percentile(0.5)
    ageP85 = ages.percentile(0.85)
    cycleP50 = cycles.percentile(0.5)
    cycleP85 = cycles.percentile(0.85)
  }
}

/// Rounds to 9 decimals, which removes the binary noise of sums and differences of decimal inputs
/// (68.5 − 67.6 = 0.9, not 0.900…057) and changes no figure anyone reads.
public func decimalClean(_ x: Double) -> Double {
  guard x.isFinite, abs(x) < 1e9 else { return x }
  return (x * 1e9).rounded() / 1e9
}

/// One office as of one day.
struct OfficeAggregation {
  let office: Office
  let city: City
  let asOf: Day
  let forecast: Aggregator.ForecastMethod

  struct Result: Sendable {
    var report: OfficeReport
    var ages: DayHistogram
    var cycles: DayHistogram
  }

  /// `⌊a / b⌋` for b > 0.
  @inline(__always) static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

  func run() -> Result {
    let week = asOf.reportWeek
    let monday = Int(week.monday.rawValue)
    let flowEnd = Int(week.sunday.rawValue)  // flows count events up to the report week's Sunday
    let today = Int(asOf.rawValue)  // stocks are as of the as-of day
    let seriesCount = Aggregator.seriesWeeks
    let forecastCount = Aggregator.forecastWeeks
    let projectCount = office.projects.count

    // MARK: Backlog, one pass
    var total = [Int32](repeating: 0, count: projectCount)
    var closedAll = [Int32](repeating: 0, count: projectCount)
    var open = [Int32](repeating: 0, count: projectCount)
    var created4w = [Int32](repeating: 0, count: projectCount)
    var closed4w = [Int32](repeating: 0, count: projectCount)
    var createdS = [Int32](repeating: 0, count: projectCount * seriesCount)
    var closedS = [Int32](repeating: 0, count: projectCount * seriesCount)
    var openDiff = [Int32](repeating: 0, count: projectCount * (seriesCount + 1))
    var throughput = [Int32](repeating: 0, count: projectCount * forecastCount)
    var ages = [[Int32]](repeating: [], count: projectCount)
    var cycles = [[Int32]](repeating: [], count: projectCount)
    for item in office.backlog {
      let c = Int(item.created.rawValue)
      let p = Int(item.project)
      guard c <= today, p >= 0, p < projectCount else { continue }
      total[p] += 1
      var first = seriesCount  // the first week end (of the series) at which the item is open
      if c <= flowEnd {
        let ck = Self.floorDiv(c - monday, 7)  // 0 = W, −1 = W−1 …
        if ck > -seriesCount { createdS[p * seriesCount + seriesCount - 1 + ck] += 1 }
        if ck > -4 { created4w[p] += 1 }
        first = max(0, seriesCount - 1 + ck)
      }
      var end = seriesCount  // the first week end at which it is closed again
      if let closedDay = item.closed, Int(closedDay.rawValue) <= today {
        let x = Int(closedDay.rawValue)
        closedAll[p] += 1
        if x <= flowEnd {
          let kk = Self.floorDiv(x - monday, 7)
          if kk > -seriesCount { closedS[p * seriesCount + seriesCount - 1 + kk] += 1 }
          if kk > -4 { closed4w[p] += 1 }
          if kk > -forecastCount {
            throughput[p * forecastCount + forecastCount - 1 + kk] += 1
            cycles[p].append(Int32(x - c))
          }
          end = max(0, seriesCount - 1 + kk)
        }
      } else {
        open[p] += 1
        ages[p].append(Int32(today - c))
      }
      if first < end {
        openDiff[p * (seriesCount + 1) + first] += 1
        openDiff[p * (seriesCount + 1) + end] -= 1
      }
    }

    // MARK: Milestones
    var msTotal = [Int](repeating: 0, count: projectCount)
    var msDone = [Int](repeating: 0, count: projectCount)
    var msOverdue = [[Milestone]](repeating: [], count: projectCount)
    for m in office.milestones {
      let p = Int(m.project)
      guard p >= 0, p < projectCount else { continue }
      msTotal[p] += 1
      if let done = m.done, done <= asOf {
        msDone[p] += 1
      } else if let due = m.due, due < asOf {
        msOverdue[p].append(m)
      }
    }

    // MARK: Projects
    var counts = ProjectCounts()
    var officeBacklog = BacklogFacts()
    var officeAges = DayHistogram()
    var officeCycles = DayHistogram()
    var projectFacts: [ScopeFacts] = []
    projectFacts.reserveCapacity(projectCount)
    let t = city.thresholds
    for (p, project) in office.projects.enumerated() {
      var b = BacklogFacts()
      b.open = Int(open[p])
      b.created4w = Int(created4w[p])
      b.closed4w = Int(closed4w[p])
      b.createdWeekly = createdS[(p * seriesCount)..<(p * seriesCount + seriesCount)].map(Int.init)
      b.closedWeekly = closedS[(p * seriesCount)..<(p * seriesCount + seriesCount)].map(Int.init)
      var running = 0
      b.openWeekly = (0..<seriesCount).map { i in
        running += Int(openDiff[p * (seriesCount + 1) + i])
        return running
      }
      ages[p].sort()
      cycles[p].sort()
      b.ageP50 = Percentile.of(sorted: ages[p], 0.5)
      b.ageP85 = Percentile.of(sorted: ages[p], 0.85)
      b.cycleP50 = Percentile.of(sorted: cycles[p], 0.5)
      b.cycleP85 = Percentile.of(sorted: cycles[p], 0.85)
      for a in ages[p] { officeAges.add(a) }
      for c in cycles[p] { officeCycles.add(c) }
      officeBacklog.add(b)

      var f = ProjectFacts()
      if msTotal[p] > 0 {
        f.progress = Double(msDone[p]) / Double(msTotal[p])
      } else if total[p] > 0 {
        f.progress = Double(closedAll[p]) / Double(total[p])
      }
      if let planned = project.budgetPlanned, let spent = project.budgetSpent, planned > 0 {
        f.budgetUsed = spent / planned
      }
      f.overdueMilestones = msOverdue[p].count
      (f.due, f.budgetPlanned, f.budgetSpent) = (project.due, project.budgetPlanned, project.budgetSpent)
      if project.status.isOpen {
        let sample = (0..<forecastCount).map { Int(throughput[p * forecastCount + $0]) }
        let result: CompletionForecast? =
          switch forecast {
          case .exact: .forecast(open: b.open, throughput: sample, seed: stableHash(project.id))
          case .monteCarlo(let trials):
            .monteCarlo(open: b.open, throughput: sample, seed: stableHash(project.id), trials: trials)
          case .none: nil
          }
        if let result {
          f.forecastP50 = CompletionForecast.date(weeks: result.p50Weeks, asOfWeek: week)
          f.forecastP85 = CompletionForecast.date(weeks: result.p85Weeks, asOfWeek: week)
        }
        f.reasons = reasons(project, forecastP85: f.forecastP85, overdue: msOverdue[p], thresholds: t)
        f.rag = f.reasons.first?.level ?? .green
      }
      counts.add(project.status, rag: f.rag)
      projectFacts.append(ScopeFacts(backlog: b, project: f))
    }
    officeBacklog.setPercentiles(ages: officeAges, cycles: officeCycles)
    if officeBacklog.createdWeekly.isEmpty {
      let zeros = [Int](repeating: 0, count: seriesCount)
      (officeBacklog.createdWeekly, officeBacklog.closedWeekly, officeBacklog.openWeekly) = (zeros, zeros, zeros)
    }

    // MARK: OZG, one pass
    let (serviceFacts, officeOZG) = ozg(week: week)

    // MARK: KPIs: the latest value with week ≤ W (a weekly value counts once its week is complete)
    var kpiWeek = [Int32](repeating: 0, count: city.kpis.count)
    var kpiValue = [Double?](repeating: nil, count: city.kpis.count)
    for v in office.kpis where v.week <= week {
      let k = Int(v.kpi)
      guard k >= 0, k < kpiValue.count else { continue }
      if kpiValue[k] == nil || v.week.rawValue >= kpiWeek[k] {
        kpiWeek[k] = v.week.rawValue
        kpiValue[k] = v.value
      }
    }

    var facts = ScopeFacts(projects: counts, backlog: officeBacklog, ozg: officeOZG, kpis: kpiValue)
    facts.kpiTargets = city.kpis.map { office.kpiTargets[$0.id] }
    return Result(
      report: OfficeReport(
        facts: facts, projects: projectFacts, services: serviceFacts,
        data: DataState(asOf: office.dataAsOf, missing: office.missingFeeds, reportWeek: week)),
      ages: officeAges, cycles: officeCycles)
  }

  /// The RAG reasons of an open project, red ones first.
  func reasons(_ p: Project, forecastP85: Day?, overdue: [Milestone], thresholds t: Thresholds) -> [RAGReason] {
    var r: [RAGReason] = []
    if p.status == .blocked { r.append(.blocked) }
    if let due = p.due, due < asOf, p.status == .planned || p.status == .active { r.append(.overdue(due: due)) }
    var overrun = false
    if let planned = p.budgetPlanned, let spent = p.budgetSpent, planned > 0, spent > t.budgetOverrunFactor * planned {
      r.append(.budgetOverrun(spent: spent, planned: planned, factor: t.budgetOverrunFactor))
      overrun = true
    }
    if let p85 = forecastP85, let due = p.due, p85 > due { r.append(.forecastLate(p85: p85, due: due)) }
    for m in overdue.sorted(by: { ($0.due!, $0.name) < ($1.due!, $1.name) }) {
      r.append(.milestoneOverdue(name: m.name, due: m.due!))
    }
    if p.status == .active, let updated = p.updated, updated.days(to: asOf) > t.staleDays {
      r.append(.stale(updated: updated, days: updated.days(to: asOf)))
    }
    if !overrun, let planned = p.budgetPlanned, let spent = p.budgetSpent, planned > 0, spent > planned {
      r.append(.overBudget(spent: spent, planned: planned))
    }
    if p.risk == .high { r.append(.highRisk) }
    return r
  }

  /// Per-service OZG facts and their office sum: flows over complete weeks up to the report week `week`,
  /// the stocks (pending, maturity) from the latest row up to the as-of day's week.
  func ozg(week: ISOWeek) -> ([ScopeFacts], OZGFacts) {
    // Pending applications and maturity are stocks, but they come from weekly rows: a row of the running
    // week describes a week that is not over (or not begun: as of Monday 16.11 the W47 row gave pending
    // figures from the end of W47 to the report of W46). So they are read from the rows up to W, and a
    // Monday's figures equal the Sunday's.
    let stockWeek = week
    let seriesCount = Aggregator.seriesWeeks
    let n = office.services.count
    let weeks = WeekNumbers(around: week)
    let current = weeks.number(week)
    var latestWeek = [Int32](repeating: 0, count: n)
    var maturity = [Int8](repeating: 0, count: n)
    var model = [OZGMaturityModel?](repeating: nil, count: n)
    var pendingWeek = [Int32](repeating: 0, count: n)
    var pending = [Int32?](repeating: nil, count: n)
    var online = [Int](repeating: 0, count: n)
    var paper = [Int](repeating: 0, count: n)
    var completed = [Int](repeating: 0, count: n)
    var weighted = [Double](repeating: 0, count: n)
    var weight = [Double](repeating: 0, count: n)
    var onlineS = [Int](repeating: 0, count: n * seriesCount)
    var paperS = [Int](repeating: 0, count: n * seriesCount)
    var newestWeek = [Int32](repeating: 0, count: n)
    for row in office.ozg {
      let s = Int(row.service)
      guard s >= 0, s < n else { continue }
      let w = row.week.rawValue
      if w > newestWeek[s] { newestWeek[s] = w }
      guard row.week <= stockWeek else { continue }
      if w >= latestWeek[s] {
        latestWeek[s] = w
        maturity[s] = row.maturity
        model[s] = row.model
      }
      if let p = row.pending, w >= pendingWeek[s] {
        pendingWeek[s] = w
        pending[s] = p
      }
      guard row.week <= week else { continue }  // flows: complete weeks only
      let k = weeks.number(row.week) - current  // 0 = W, −1 = W−1 …
      if k > -12 {
        online[s] += Int(row.online)
        paper[s] += Int(row.paper)
        completed[s] += Int(row.completed)
      }
      if k > -4, let median = row.medianDays, row.completed > 0 {
        weighted[s] += median * Double(row.completed)
        weight[s] += Double(row.completed)
      }
      if k > -seriesCount {
        onlineS[s * seriesCount + seriesCount - 1 + k] += Int(row.online)
        paperS[s * seriesCount + seriesCount - 1 + k] += Int(row.paper)
      }
    }
    var total = OZGFacts()
    total.onlineWeekly = [Int](repeating: 0, count: seriesCount)
    total.paperWeekly = total.onlineWeekly
    var facts: [ScopeFacts] = []
    facts.reserveCapacity(n)
    let t = city.thresholds
    for s in 0..<n {
      var f = OZGFacts()
      f.online12w = online[s]
      f.paper12w = paper[s]
      f.completed12w = completed[s]
      f.pending = pending[s].map(Int.init)
      f.processingDaysWeighted = weighted[s]
      f.processingWeight = weight[s]
      f.onlineWeekly = Array(onlineS[(s * seriesCount)..<(s * seriesCount + seriesCount)])
      f.paperWeekly = Array(paperS[(s * seriesCount)..<(s * seriesCount + seriesCount)])
      if latestWeek[s] > 0 {
        f.maturity = Int(maturity[s])
        f.services = 1
        // A level in another model than the city's is judged by that model's own rule.
        let rule = model[s].map { $0 == city.maturityModel ? t : Thresholds(model: $0) } ?? t
        // The federal online status describes today: it counts when the report reaches the service's
        // newest week; earlier weeks are judged by their maturity level.
        let federal = latestWeek[s] == newestWeek[s] ? office.services[s].federalOnline : nil
        let online = federal ?? (Int(maturity[s]) >= rule.ozgOnlineLevel)
        f.servicesOnline = online ? 1 : 0
        f.servicesCompliant = Int(maturity[s]) >= rule.ozgCompliantLevel ? 1 : 0
      }
      total.add(f)
      facts.append(ScopeFacts(ozg: f))
    }
    return (facts, total)
  }
}

/// Consecutive numbers for ISO weeks (weeks since a fixed Monday), cheap for the years around a week.
struct WeekNumbers {
  let firstYear: Int
  /// The number of week 1 of each year from `firstYear`.
  let starts: [Int]

  init(around week: ISOWeek) {
    firstYear = week.year - 40
    starts = (firstYear...(week.year + 2)).map { WeekNumbers.slowNumber(ISOWeek(unchecked: Int32($0 * 100 + 1))) }
  }

  // 1970-01-05 was a Monday.
  static func slowNumber(_ w: ISOWeek) -> Int { OfficeAggregation.floorDiv(Int(w.monday.rawValue) - 4, 7) }

  @inline(__always) func number(_ w: ISOWeek) -> Int {
    let i = w.year - firstYear
    guard i >= 0, i < starts.count else { return WeekNumbers.slowNumber(w) }
    return starts[i] + w.week - 1
  }
}
