import DigITCore
import DigITMetrics

extension SnapshotChanges {
  /// Text from a stored snapshot or a feed, safe for a terminal (control, bidi and zero-width
  /// characters as U+FFFD).
  public static func inert(_ text: String) -> String { Inert.text(text) }

  /// The changes for a terminal (`digit diff`): the project lists, then every metric that changed, for
  /// the city and for each office. Feed text is made inert.
  public func text(language: Language, catalog: MetricCatalog = MetricCatalog.standard(for: City(name: ""))) -> String {
    let de = language == .de
    let f = MetricFormatter(language: language)
    func t(_ german: String, _ english: String) -> String { de ? german : english }
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
    var out =
      t(
        "Veränderungen von \(fromWeek) (Stand \(day(from.asOf))) zu \(toWeek) (Stand \(day(to.asOf)))",
        "Changes from \(fromWeek) (as of \(day(from.asOf))) to \(toWeek) (as of \(day(to.asOf)))") + "\n"
    if from.origin == .data {
      out +=
        t("(verglichen mit den Daten zum \(day(from.asOf)))", "(compared with the data as of \(day(from.asOf)))") + "\n"
    }
    let groups: [(String, [ProjectChange], Bool)] = [
      (t("Neue Projekte", "New projects"), newProjects, false),
      (t("Abgeschlossene Projekte", "Finished projects"), finishedProjects, false),
      (t("Neu rote Projekte", "Newly red projects"), newlyRed, false),
      (t("Ampelwechsel", "RAG transitions"), ragTransitions, true),
      (t("Nicht mehr gemeldete Projekte", "Projects no longer reported"), removedProjects, false),
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
      guard !changed.isEmpty else { return "  " + t("keine Veränderung", "no change") + "\n" }
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
    out += "\n" + t("Stadt", "City") + "\n" + deltas(city)
    for o in offices {
      out += "\n\(Inert.text(o.name)) [\(Inert.text(o.id))]\n" + deltas(o.deltas)
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
