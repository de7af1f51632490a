import DigITCore
import DigITMetrics

extension SnapshotChanges {
  /// Text from a stored snapshot or a feed, safe for a terminal (control, bidi and zero-width
  /// characters as U+FFFD).
  public static func inert(_ text: String) -> String { Inert.text(text) }

  /// The changes for a terminal (`digit diff`): the project lists, then every metric that changed, for
  /// the city and for each office. Feed text is made inert.
  public func text(language: Language, catalog: MetricCatalog = MetricCatalog.standard(for: City(name: ""))) -> String {
    let f = MetricFormatter(language: language)
    func day(_ iso: String) -> String {
      let p = iso.split(separator: "-").compactMap { Int($0) }
      return p.count == 3 ? Day(year: p[0], month: p[1], day: p[2]).map(f.date) ?? Inert.text(iso) : Inert.text(iso)
    }
    func rag(_ code: String?) -> String {
      code.flatMap(RAG.init(rawValue:)).map { "\($0.symbol) \($0.label(language))" } ?? "–"
    }

    // Everything here may come from a stored file: weeks and days too.
    let fromWeek = SnapshotChanges.weekText(from.week, f)
    let toWeek = SnapshotChanges.weekText(to.week, f)
    var out = Words.changesHeading(fromWeek, day(from.asOf), toWeek, day(to.asOf), language) + "\n"
    if from.origin == .data { out += Words.comparedWithData(day(from.asOf), language) + "\n" }
    let groups: [(String, [ProjectChange], Bool)] = [
      (Words.newProjects(language), newProjects, false),
      (Words.finishedProjects(language), finishedProjects, false),
      (Words.newlyRedProjects(language), newlyRed, false),
      (Words.ragTransitions(language), ragTransitions, true),
      (Words.projectsNoLongerReported(language), removedProjects, false),
    ]
    for (title, list, transition) in groups {
      out += "\n\(title) (\(list.count))\n"
      for p in list {
        var line = "  \(Inert.text(p.id))  \(Inert.text(p.title))  [\(Inert.text(p.office))]"
        if transition { line += "  \(rag(p.ragBefore)) → \(rag(p.ragNow))" }
        out += line + "\n"
      }
    }
    func deltas(_ list: [Delta]) -> String {
      // A change that rounds to zero as shown ("±0,0") is no change to a reader.
      let changed = list.filter { d in
        guard let delta = d.delta else { return (d.before != nil) != (d.now != nil) }
        return !f.delta(delta, unit: catalog[d.id]?.unit ?? .custom("")).hasPrefix("±")
      }
      guard !changed.isEmpty else { return "  " + Words.noChange(language) + "\n" }
      return changed.map { d in
        let m = catalog[d.id]
        let unit = m?.unit ?? .custom("")
        let label = Inert.text(m.map { "\($0.label(language)) (\(d.id))" } ?? d.id)
        let before = d.before.map { f.format(.number($0), unit: unit) } ?? "–"
        let now = d.now.map { f.format(.number($0), unit: unit) } ?? "–"
        let delta = d.delta.map { "  " + f.delta($0, unit: unit) } ?? ""
        return "  \(label): \(before) → \(now)\(delta)\n"
      }.joined()
    }
    out += "\n" + Words.city(language) + "\n" + officeDataText(language).map { "  \($0)\n" }.joined() + deltas(city)
    for o in offices {
      out += "\n\(Inert.text(o.name)) [\(Inert.text(o.id))]\n" + deltas(o.deltas)
    }
    return out
  }
}

extension SnapshotChanges {
  /// The metrics that changed, compactly (`digit diff` after the briefing): every metric of the city,
  /// then each office's headline metrics (``SummaryReport/headline``) under its name, one line each; a
  /// change that rounds to ±0 as shown is left out (`--all` prints every metric of every office).
  public func changedMetricsText(language: Language, catalog: MetricCatalog) -> String {
    let headline = Set(SummaryReport.headline)
    let f = MetricFormatter(language: language)
    func lines(_ list: [Delta]) -> [String] {
      list.compactMap { d in
        let unit = catalog[d.id]?.unit ?? .custom("")
        if let delta = d.delta {
          if f.delta(delta, unit: unit).hasPrefix("±") { return nil }
        } else if (d.before != nil) == (d.now != nil) {
          return nil
        }
        let label = Inert.text(catalog[d.id]?.label(language) ?? d.id)
        let before = d.before.map { f.format(.number($0), unit: unit) } ?? "–"
        let now = d.now.map { f.format(.number($0), unit: unit) } ?? "–"
        return "    \(label): \(before) → \(now)" + (d.delta.map { "  " + f.delta($0, unit: unit) } ?? "")
      }
    }
    var out = ""
    let city = officeDataText(language).map { "    " + $0 } + lines(city)
    if !city.isEmpty { out += "  " + Words.city(language) + "\n" + city.joined(separator: "\n") + "\n" }
    for o in offices {
      let changed = lines(o.deltas.filter { headline.contains($0.id) })
      if !changed.isEmpty { out += "  " + Inert.text(o.name) + "\n" + changed.joined(separator: "\n") + "\n" }
    }
    return out.isEmpty ? "" : "\n" + Words.metricChanges(language) + "\n" + out
  }
}

extension SnapshotChanges {
  /// One warning line per office whose data differs between the two weeks ("⚠ Amt 10 – Hauptamt:
  /// projects.csv fehlt in KW 47/2026; die Stadtwerte vergleichen nicht dieselben Ämter"), feed text inert.
  public func officeDataText(_ language: Language) -> [String] {
    let f = MetricFormatter(language: language)
    let weeks = (SnapshotChanges.weekText(from.week, f), SnapshotChanges.weekText(to.week, f))
    return officeData.map { o in
      var what: [String] = []
      for (data, week) in [(o.before, weeks.0), (o.now, weeks.1)] {
        guard let data else {
          what.append(Words.officeAbsentIn(language, week))
          continue
        }
        if !data.missing.isEmpty {
          let files = data.missing.map(Inert.text).joined(separator: ", ")
          what.append(
            (data.missing.count == 1 ? Words.filesMissingIn : Words.filesMissingInMany)(language, files, week))
        }
        if data.stale { what.append(Words.staleIn(language, week)) }
      }
      return Words.officeDataNotCompared(language, Inert.text(o.name), what.joined(separator: ", "))
    }
  }
}

extension Briefing {
  /// The briefing for a terminal: its title, then each non-empty section with one line per item (offices
  /// by name); feed text made inert.
  public func text(language: Language, catalog: MetricCatalog) -> String {
    var out = Inert.text(title(language)) + "\n"
    let sections = sections(language, catalog: catalog)
    if sections.isEmpty { out += "\n" + Words.nothingChanged(language) + "\n" }
    for s in sections {
      out += "\n" + s.title + "\n"
      for r in s.rows {
        out += "  " + Inert.text(r.text) + (r.detail.isEmpty ? "" : "  · " + Inert.text(r.detail)) + "\n"
      }
    }
    return out
  }
}

extension SnapshotChanges {
  /// A stored week (`2026-W46`) as running text (`KW 46/2026`, `W46 2026`); anything else made inert.
  static func weekText(_ stored: String, _ f: MetricFormatter) -> String {
    let p = stored.split(separator: "-W", omittingEmptySubsequences: false)
    if p.count == 2, p[0].count == 4, p[1].count == 2, let y = Int(p[0]), let w = Int(p[1]),
      let week = ISOWeek(year: y, week: w)
    {
      return f.week(week)
    }
    return Inert.text(stored)
  }
}

extension Words {
  /// "Veränderungen von KW 45/2026 (Stand 06.11.2026) zu KW 46/2026 (Stand 13.11.2026)".
  static func changesHeading(_ from: String, _ fromDay: String, _ to: String, _ toDay: String, _ l: Language)
    -> String
  {
    Words.changesHeadingSentence(l, from, fromDay, to, toDay)
  }

  static func comparedWithData(_ day: String, _ l: Language) -> String {
    Words.comparedWithDataSentence(l, day)
  }
}
