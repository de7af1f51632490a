import DigITCore
import DigITMetrics

/// The content of `summary.md` and `report.html`: the one-page weekly report for the steering committee,
/// in German or English. All its words are here; the renderers only format and escape.
public enum SummaryReport {
  /// The headline metrics, in the order shown (also by `digit summary`).
  public static let headline = [
    "projects.active", "projects.blocked", "projects.red", "projects.amber", "projects.green",
    "backlog.open", "backlog.created_4w", "backlog.closed_4w", "backlog.net_flow_4w", "backlog.age_p85",
    "backlog.cycle_p50", "backlog.weeks_to_clear",
    "ozg.online_12w", "ozg.paper_12w", "ozg.digital_share_12w", "ozg.pending", "ozg.processing_days",
    "ozg.services_online", "ozg.services_compliant",
    "index.score", "index.rank", "index.score_delta", "index.rank_delta", "index.target_gap",
  ]

  /// At most this many rows in a list table of the one-page report; the rest are counted under it
  /// (all of them are in the CSV files and `snapshot.json`).
  public static let listLimit = 25

  /// The report of a snapshot. `charts`: include the charts (HTML); Markdown leaves them out.
  public static func build(_ s: Snapshot, language: Language, charts: Bool = false) -> ReportDocument {
    Builder(s: s, language: language, charts: charts).document()
  }

  struct Builder {
    let s: Snapshot
    let language: Language
    let charts: Bool
    var report: Report { s.report }
    var f: MetricFormatter { MetricFormatter(language: language) }

    func w(_ word: Words) -> String { word(language) }

    func document() -> ReportDocument {
      let city = report.data.city.name
      let title = Words.reportTitle(city, report.week, language)
      let offices = report.data.offices.count
      let e = s.source.count(.error)
      let w = s.source.count(.warning)
      var subtitle = [
        Inline(self.w(.reportAsOf) + " " + f.date(report.asOf)),
        Inline(report.dataAsOf.map { " · " + self.w(.dataAsOf) + " " + f.date($0) } ?? ""),
        Inline(" · " + self.w(.dataLabel) + ": "), .code(s.source.root),
        Inline(" · " + Words.officeCount(offices, language)),
        Inline(" · \(e) " + self.w(e == 1 ? .error : .errors), tone: e > 0 ? -1 : 0),
        Inline(" · \(w) " + self.w(w == 1 ? .warning : .warnings)),
      ]
      if let g = s.generatedAt { subtitle.append(Inline(" · " + self.w(.generated) + " " + g)) }
      return ReportDocument(
        title: title, subtitle: subtitle,
        sections: [
          briefingSection(), headlineSection(), changesSection(), projectsSection(), milestonesSection(), ozgSection(),
          indexSection(),
          qualitySection(),
        ],
        language: language)
    }

    // MARK: Briefing

    /// At most this many rows of a briefing list on the first page; the rest are counted.
    static let briefingRows = 6

    /// The one-page briefing in front: the same items in the same order as the dashboard and `digit diff`.
    func briefingSection() -> Section {
      let b = s.briefing
      var blocks: [Block] = [.paragraph([Inline(b.title(language))])]
      let sections = b.sections(language, catalog: report.catalog)
      if sections.isEmpty { blocks.append(.paragraph([Inline(w(.nothingChanged))])) }
      for section in sections {
        var items: [[Inline]] = section.rows.prefix(Self.briefingRows).map { r in
          [Inline(r.text, .strong)] + (r.detail.isEmpty ? [] : [Inline(" · " + r.detail, tone: r.tone)])
        }
        if section.rows.count > Self.briefingRows {
          items.append([Inline(Words.andMore(section.rows.count - Self.briefingRows, language))])
        }
        blocks.append(.subheading(section.title))
        blocks.append(.bullets(items))
      }
      var section = Section(id: "briefing", title: w(.briefing), blocks: blocks)
      section.ownPage = true
      return section
    }

    // MARK: Headline figures

    /// The figure a week before, as `changes` has it (the stored snapshot, or the data 7 days earlier).
    func before(_ id: String) -> Double? { s.changes.city.first { $0.id == id }?.before }

    func headlineSection() -> Section {
      var rows: [[[Inline]]] = []
      for id in SummaryReport.headline {
        guard let m = report.catalog[id] else { continue }
        var label = m.label(language)
        if id == "index.score" || id == "index.rank", let year = report.city.index?.year { label += " \(year)" }
        let now = report.value(m, at: .city)
        let old = before(id).map { MetricValue.number($0) }
        let gaps = report.gaps(m).count
        let change =
          gaps > 0
          ? [
            Inline(Words.officesMissing(gaps, language), tone: -1)
          ]
          : self.change(m, now: now?.numeric, before: before(id))
        rows.append([
          [Inline(label)], [Inline(f.format(now, of: m))], [Inline(f.format(old, of: m))], change,
        ])
      }
      var blocks: [Block] = [
        .table(
          ReportTable(
            header: [
              w(.metric), w(.now), w(.weekBefore), w(.change),
            ],
            align: [.left, .right, .right, .left], rows: rows))
      ]
      // The offices a city figure lacks, by name and what is missing.
      let incomplete = report.incompleteOffices
      if !incomplete.isEmpty {
        blocks.append(
          .paragraph([
            Inline(Words.incompleteData(incomplete.count, language), tone: -1)
          ]))
        blocks.append(
          .bullets(
            incomplete.map { o in
              let data = report.offices[o].data
              var what: [String] = data.missing.map { "\($0.rawValue) " + w(.missing) }
              if let stale = data.staleLabel(language) { what.append(stale) }
              return [Inline(report.data.offices[o].displayName, .strong), Inline(": " + what.joined(separator: ", "))]
            }))
      }
      if charts {
        let weeks = report.seriesWeeks.map { "W" + ($0.week < 10 ? "0" : "") + "\($0.week)" }
        let created = report.series("backlog.created_weekly", at: .city) ?? []
        let closed = report.series("backlog.closed_weekly", at: .city) ?? []
        blocks.append(
          .chart(
            .lines(
              title: w(.backlogChart), x: weeks,
              series: [
                ChartSeries(name: w(.createdLower), values: created, colour: 1),
                ChartSeries(name: w(.closedLower), values: closed, colour: 0),
              ],
              unit: w(.items))))
        let online = report.series("ozg.online_weekly", at: .city) ?? []
        let paper = report.series("ozg.paper_weekly", at: .city) ?? []
        blocks.append(
          .chart(
            .lines(
              title: w(.ozgChart), x: weeks,
              series: [
                ChartSeries(name: "online", values: online, colour: 0),
                ChartSeries(name: w(.paperLower), values: paper, colour: 4),
              ],
              unit: w(.applications))))
      }
      return Section(id: "headline", title: w(.cityFigures), blocks: blocks)
    }

    /// "↑ +12" in the tone of the metric's polarity; empty without a value a week before.
    func change(_ m: MetricDefinition, now: Double?, before: Double?, unit: MetricUnit? = nil) -> [Inline] {
      guard m.unit != .status, m.unit != .date, let now, let before else { return [] }
      let d = decimalClean(now - before)
      let shown = f.delta(d, unit: unit ?? m.unit)
      if shown.hasPrefix("±") { return [Inline("→ " + shown)] }
      let good: Int =
        switch m.polarity {
        case .higherIsBetter: d > 0 ? 1 : -1
        case .lowerIsBetter: d < 0 ? 1 : -1
        case .neutral: 0
        }
      return [Inline((d > 0 ? "↑ " : "↓ ") + shown, tone: good)]
    }

    // MARK: Changes

    func changesSection() -> Section {
      let c = s.changes
      var blocks: [Block] = []
      let basis: String
      switch c.from.origin {
      case .snapshot:
        basis = Words.comparedWithSnapshot(SnapshotChanges.weekText(c.from.week, f), date(c.from.asOf), language)
      case .data:
        basis = Words.noSnapshotBefore(date(c.from.asOf), language)
      }
      blocks.append(.paragraph([Inline(basis)]))
      let groups: [(String, String, [SnapshotChanges.ProjectChange])] = [
        (w(.newProjects), "new", c.newProjects),
        (w(.finishedProjects), "finished", c.finishedProjects),
        (w(.newlyRedProjects), "red", c.newlyRed),
        (w(.ragTransitions), "rag", c.ragTransitions),
        (w(.projectsNoLongerReported), "removed", c.removedProjects),
      ]
      var summary: [[Inline]] = []
      for (label, kind, list) in groups {
        var line: [Inline] = [.strong("\(label): \(list.count)")]
        if !list.isEmpty {
          let shown = list.prefix(8).map { p -> String in
            var text = "\(p.id) \(p.title)"
            if kind == "rag" { text += " (\(rag(p.ragBefore)) → \(rag(p.ragNow)))" }
            return text
          }
          line.append(
            Inline(
              " – " + shown.joined(separator: "; ")
                + (list.count > 8 ? "; " + Words.andMore(list.count - 8, language) : "")))
        }
        summary.append(line)
      }
      blocks.append(.bullets(summary))
      return Section(
        id: "changes", title: w(.changesSinceWeekBefore), blocks: blocks)
    }

    func rag(_ code: String?) -> String {
      code.flatMap(RAG.init(rawValue:)).map { $0.symbol + " " + $0.label(language) } ?? "–"
    }

    func date(_ iso: String) -> String {
      let parts = iso.split(separator: "-").compactMap { Int($0) }
      guard parts.count == 3, let d = Day(year: parts[0], month: parts[1], day: parts[2]) else { return iso }
      return f.date(d)
    }

    // MARK: Red and amber projects

    func projectsSection() -> Section {
      var list: [(rag: RAG, o: Int, p: Int)] = []
      for (o, office) in report.data.offices.enumerated() {
        for p in office.projects.indices {
          if let r = report.offices[o].projects[p].project?.rag, r != .green { list.append((r, o, p)) }
        }
      }
      list.sort { ($0.rag.rawValue == "red" ? 0 : 1, $0.o, $0.p) < ($1.rag.rawValue == "red" ? 0 : 1, $1.o, $1.p) }
      let red = list.filter { $0.rag == .red }.count
      let rows: [[[Inline]]] = list.prefix(SummaryReport.listLimit).map { item in
        let office = report.data.offices[item.o]
        let project = office.projects[item.p]
        let reasons = report.offices[item.o].projects[item.p].project?.reasons ?? []
        return [
          [Inline(item.rag.symbol + " " + item.rag.label(language), rag: item.rag)],
          [.code(project.id), Inline(" " + project.title)],
          [Inline(office.number.isEmpty ? office.name : "Amt \(office.number)")],
          [Inline(project.due.map(f.date) ?? "–")],
          [Inline(reasons.map { $0.text(language) }.joined(separator: "; "))],
        ]
      }
      let note =
        list.count > SummaryReport.listLimit
        ? Words.moreIn(list.count - SummaryReport.listLimit, "projects.csv", language) : nil
      return Section(
        id: "projects", title: w(.redAndAmberProjects),
        blocks: [
          .paragraph([Inline(Words.redAndAmber(red, list.count - red, language))]),
          .table(
            ReportTable(
              header: [
                w(.rag), w(.project), w(.office), w(.dueColumn), w(.reasons),
              ],
              align: [.left, .left, .left, .right, .left], rows: rows,
              emptyText: w(.noRedOrAmber), note: note)),
        ])
    }

    // MARK: Overdue milestones

    func milestonesSection() -> Section {
      var list: [(due: Day, o: Int, m: Int)] = []
      for (o, office) in report.data.offices.enumerated() {
        for (i, m) in office.milestones.enumerated() {
          guard let due = m.due, due < report.asOf, m.done.map({ $0 > report.asOf }) ?? true else { continue }
          guard Int(m.project) < office.projects.count, office.projects[Int(m.project)].status.isOpen else { continue }
          list.append((due, o, i))
        }
      }
      list.sort { ($0.due, $0.o, $0.m) < ($1.due, $1.o, $1.m) }
      let rows: [[[Inline]]] = list.prefix(SummaryReport.listLimit).map { item in
        let office = report.data.offices[item.o]
        let m = office.milestones[item.m]
        let project = office.projects[Int(m.project)]
        let days = item.due.days(to: report.asOf)
        return [
          [.code(project.id), Inline(" " + project.title)], [Inline(m.name)], [Inline(f.date(item.due))],
          [Inline(f.number(Double(days)))],
        ]
      }
      let note =
        list.count > SummaryReport.listLimit
        ? Words.moreIn(list.count - SummaryReport.listLimit, "snapshot.json", language) : nil
      return Section(
        id: "milestones", title: w(.overdueMilestones),
        blocks: [
          .table(
            ReportTable(
              header: [
                w(.project), w(.milestone), w(.dueColumn), w(.daysOverdue),
              ],
              align: [.left, .left, .right, .right], rows: rows,
              emptyText: w(.noOverdueMilestones),
              note: note))
        ])
    }

    // MARK: OZG

    func ozgSection() -> Section {
      let ids = [
        "ozg.online_12w", "ozg.paper_12w", "ozg.digital_share_12w", "ozg.completed_12w", "ozg.pending",
        "ozg.processing_days",
      ]
      let metrics = ids.compactMap { report.catalog[$0] }
      func cells(_ scope: ScopeRef) -> [[Inline]] {
        metrics.map { [Inline(f.format(report.value($0, at: scope), of: $0))] }
      }
      var rows: [[[Inline]]] = report.data.offices.enumerated().compactMap { o, office in
        guard (report.offices[o].facts.ozg?.services ?? 0) > 0 else { return nil }
        return [[Inline(office.displayName)]] + cells(.office(o))
      }
      rows.append([[.strong(w(.cityTotal))]] + cells(.city))
      var blocks: [Block] = [
        .paragraph([
          Inline(w(.ozgApplicationsNote))
        ]),
        .table(
          ReportTable(
            header: [
              w(.office), "Online 12W", w(.paper12w), w(.digitalShareLong), w(.completed12w), w(.pending),
              w(.processingLong),
            ],
            align: [.left, .right, .right, .right, .right, .right, .right], rows: rows)),
      ]
      if charts {
        let share = report.catalog["ozg.digital_share_12w"]
        let bars: [ChartBar] = report.data.offices.enumerated().compactMap { o, office in
          guard let share, (report.offices[o].facts.ozg?.services ?? 0) > 0 else { return nil }
          let v = report.value(share, at: .office(o))
          return ChartBar(
            label: office.displayName, value: v?.numeric.map { $0 * 100 }, shown: f.format(v, unit: .share))
        }
        blocks.append(
          .chart(
            .bars(
              title: w(.digitalSharePerOffice), items: bars,
              maximum: 100, unit: "%",
              target: report.data.city.digitalShareTarget.map {
                ChartTarget(value: $0 * 100, label: w(.target) + " " + f.percent($0))
              })))
      }
      return Section(
        id: "ozg", title: w(.ozgSection), blocks: blocks)
    }

    // MARK: Index and KPIs

    func indexSection() -> Section {
      var blocks: [Block] = []
      let index = report.city.index
      if let year = index?.year, let score = index?.score {
        let gap = report.value("index.target_gap", at: .city)?.numeric
        let text = Words.indexSentence(
          year: year, score: score, rank: index?.rank, previous: index?.previousScore,
          previousRank: index?.previousRank,
          target: gap == nil ? nil : report.data.city.indexTarget?.score.map { ($0, gap ?? 0) }, f, language)
        blocks.append(.paragraph([Inline(text)]))
      } else {
        blocks.append(.paragraph([Inline(w(.noIndexScores))]))
      }
      let scores = report.data.indexScores
      let years = Array(Set(scores.map(\.year))).sorted()
      let areas = IndexArea.allCases.filter { a in scores.contains { $0.area == a } }
      if !years.isEmpty {
        func score(_ a: IndexArea, _ y: Int) -> Double? { scores.first { $0.area == a && $0.year == y }?.score }
        let rows: [[[Inline]]] = areas.map { a in
          [[Inline(a.label(language))]]
            + years.map { y in [Inline(score(a, y).map { f.number($0, decimals: 1) } ?? "–")] }
        }
        blocks.append(
          .table(
            ReportTable(
              header: [w(.area)] + years.map(String.init), align: [.left] + years.map { _ in .right },
              rows: rows)))
        if charts {
          blocks.append(
            .chart(
              .groupedBars(
                title: w(.indexChart),
                groups: years.map(String.init),
                series: areas.enumerated().map { i, a in
                  ChartSeries(
                    name: a.label(language), values: years.map { score(a, $0) },
                    colour: a == .gesamt ? 5 : i)
                },
                maximum: 100, unit: w(.unitPoints),
                target: report.data.city.indexTarget?.score.map { target in
                  let year = report.data.city.indexTarget?.year.map { " \($0)" } ?? ""
                  return ChartTarget(
                    value: target, label: w(.target) + year + ": " + f.number(target, decimals: 1))
                })))
        }
      }
      let kpis = report.data.city.kpis
      if !kpis.isEmpty {
        blocks.append(.subheading(w(.cityKPIs)))
        let rows: [[[Inline]]] = kpis.compactMap { k in
          guard let m = report.catalog["kpi.\(k.id)"] else { return nil }
          let bare = MetricUnit.custom(k.unit == "%" ? "%" : "")
          let target = k.target.map { (k.direction == .up ? "≥ " : "≤ ") + f.format(.number($0), unit: bare) } ?? "–"
          let status = report.value("kpi.\(k.id).status", at: .city)
          var statusCell = Inline(f.format(status, unit: .status))
          if case .target(let st) = status { statusCell.tone = st == .met ? 1 : -1 }
          let now = report.value(m, at: .city)
          return [
            [Inline(m.label(language))], [Inline(f.format(now, of: m))], [Inline(target)], [statusCell],
            change(m, now: now?.numeric, before: before(m.id), unit: bare),
          ]
        }
        blocks.append(
          .table(
            ReportTable(
              header: [
                w(.kpiHeader), w(.now), w(.target), "Status", w(.change),
              ],
              align: [.left, .right, .right, .left, .left], rows: rows)))
      }
      return Section(id: "index", title: "Smart City Index", blocks: blocks)
    }

    // MARK: Data quality

    func qualitySection() -> Section {
      let source = s.source
      var rows: [[[Inline]]] = []
      let scopes: [(String?, String)] =
        [(nil, w(.cityWideFiles))] + report.data.offices.map { ($0.id, $0.displayName) }
      for (office, name) in scopes {
        let e = source.count(.error, office: .some(office))
        let w = source.count(.warning, office: .some(office))
        let skipped = source.rowsSkipped(office: .some(office))
        guard e + w + skipped > 0 else { continue }
        rows.append([
          [Inline(name)], [Inline(f.number(Double(e)), tone: e > 0 ? -1 : 0)], [Inline(f.number(Double(w)))],
          [Inline(f.number(Double(skipped)))],
        ])
      }
      let files = source.files.count
      let readRows = source.files.reduce(0) { $0 + $1.rowsRead }
      var blocks: [Block] = [
        .paragraph([
          Inline(Words.filesRead(files, rows: readRows, skipped: source.rowsSkipped(), f, language))
        ]),
        .table(
          ReportTable(
            header: [
              w(.source), w(.colErrors), w(.colWarnings), w(.colRowsSkipped),
            ],
            align: [.left, .right, .right, .right], rows: rows,
            emptyText: w(.noProblemsInData))),
      ]
      let errors = source.problems.filter { $0.severity == .error }
      if !errors.isEmpty {
        blocks.append(.subheading(w(.colErrors)))
        var items = errors.prefix(SummaryReport.listLimit).map { [Inline.code($0.located(language))] }
        if errors.count > SummaryReport.listLimit {
          items.append([
            Inline(Words.moreErrors(errors.count - SummaryReport.listLimit, language))
          ])
        }
        blocks.append(.bullets(items))
      }
      return Section(id: "quality", title: w(.dataQuality), blocks: blocks)
    }
  }
}

extension Words {
  /// "DigIT-Lagebild Mainz – KW 46/2026".
  static func reportTitle(_ city: String, _ week: ISOWeek, _ l: Language) -> String {
    Words.reportHeading(l, city, MetricFormatter(language: l).week(week))
  }

  /// "12 Ämter", "1 office".
  static func officeCount(_ n: Int, _ l: Language) -> String { count(n, .officeOne, .officeMany, l) }

  /// "⚠ 2 Ämter fehlen".
  static func officesMissing(_ n: Int, _ l: Language) -> String {
    (n == 1 ? Words.officeMissingOne : Words.officeMissingMany)(l, "\(n)")
  }

  static func incompleteData(_ n: Int, _ l: Language) -> String {
    Words.incompleteDataShort(l, count(n, .officeOne, .officeManyDative, l))
  }

  /// "… und 3 weitere", "… and 3 more".
  static func andMore(_ n: Int, _ l: Language) -> String { Words.andMoreCount(l, "\(n)") }

  /// "… und 3 weitere (alle in projects.csv)".
  static func moreIn(_ n: Int, _ file: String, _ l: Language) -> String { Words.andMoreIn(l, "\(n)", file) }

  static func moreErrors(_ n: Int, _ l: Language) -> String { Words.andMoreErrors(l, "\(n)") }

  /// "3 rot, 5 gelb."
  static func redAndAmber(_ red: Int, _ amber: Int, _ l: Language) -> String {
    Words.redAndAmberCount(l, "\(red)", "\(amber)")
  }

  /// The index paragraph: score, rank, the year before and the way to the target.
  static func indexSentence(
    year: Int, score: Double, rank: Int?, previous: Double?, previousRank: Int?, target: (Double, Double)?,
    _ f: MetricFormatter, _ l: Language
  ) -> String {
    var text = "Smart City Index \(year): \(f.number(score, decimals: 1)) " + Words.unitPoints(l)
    if let rank { text += Words.commaRank(l, "\(rank)") }
    if let previous {
      text += Words.yearBefore(l, f.number(previous, decimals: 1))
      text += previousRank.map { Words.commaRank(l, "\($0)") + ")" } ?? ")"
    }
    if let (target, gap) = target {
      text += Words.targetToGo(l, f.number(target, decimals: 1), f.number(gap, decimals: 1))
    } else {
      text += "."
    }
    return text
  }

  static func comparedWithSnapshot(_ week: String, _ asOf: String, _ l: Language) -> String {
    Words.comparedWithSnapshotSentence(l, week, asOf)
  }

  static func noSnapshotBefore(_ asOf: String, _ l: Language) -> String { Words.noSnapshotBeforeSentence(l, asOf) }

  static func filesRead(_ files: Int, rows: Int, skipped: Int, _ f: MetricFormatter, _ l: Language) -> String {
    Words.filesReadSentence(l, f.number(Double(files)), f.number(Double(rows)), f.number(Double(skipped)))
  }
}
