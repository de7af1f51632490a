import ArgumentParser
import DigITCore
import DigITFeeds
import DigITMetrics

extension Digit {
  /// `digit metrics`: the metric catalog, for people writing dashboards and reading snapshots.
  struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List every metric id with its labels, unit, scopes and definition.",
      discussion: """
        The city's KPIs (kpi.<id>, kpi.<id>.attainment, kpi.<id>.status) come from city.yaml, so the list \
        reads the data root's city.yaml when there is one.
        """
    )

    /// `--data` (the data root whose city.yaml defines the KPIs); `--as-of` is accepted and not needed.
    @OptionGroup var data: DataOptions

    @Option(help: "Output format: text or markdown (the table of DigITMetrics.docc/Metrics.md).")
    var format: CatalogFormat = .text

    @OptionGroup var language: LanguageOption

    enum CatalogFormat: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    mutating func run() throws {
      var city = City(name: "")
      // Without a data root the built-in metrics are still listed (the KPIs need a city.yaml).
      let root = data.data ?? (FileSystem.kind("Sample-Data") == .directory ? "Sample-Data" : nil)
      if let root {
        guard FileSystem.kind(root) == .directory else {
          printError("error: the data folder \(root) does not exist or is not a folder")
          throw ExitCode(2)
        }
        city = FeedLoader(root: root, asOf: Day(year: 2026, month: 1, day: 1)!).city()
      }
      let catalog = MetricCatalog.standard(for: city)
      print(Self.render(catalog, format: format, language: language.lang), terminator: "")
    }

    static func scopes(_ s: MetricScopes) -> String {
      [(MetricScopes.city, "city"), (.office, "office"), (.project, "project"), (.service, "service")]
        .filter { s.contains($0.0) }.map(\.1).joined(separator: ", ")
    }

    static func unit(_ u: MetricUnit) -> String {
      switch u {
      case .count: "count"
      case .share: "share 0–1"
      case .days: "days"
      case .weeks: "weeks"
      case .date: "date"
      case .score: "score"
      case .points: "points"
      case .rank: "rank"
      case .euros: "euros"
      case .status: "status"
      case .custom(let s): s.isEmpty ? "–" : Inert.message(s, limit: 20)
      }
    }

    static func render(_ catalog: MetricCatalog, format: CatalogFormat, language: Language) -> String {
      var out = ""
      switch format {
      case .markdown:
        out +=
          "| id | label (de / en) | short label (de / en) | unit | scopes | definition |\n|---|---|---|---|---|---|\n"
        for m in catalog.metrics {
          let kind = m.isSeries ? " (series, 26 weeks)" : ""
          let cells = [
            "`\(m.id)`", "\(m.label) / \(m.labelEnglish)", "\(m.shortLabel) / \(m.shortLabelEnglish)",
            unit(m.unit) + kind, scopes(m.scopes), m.definition,
          ].map { Inert.message($0, limit: 300).replacingOccurrences(of: "|", with: "\\|") }
          out += "| " + cells.joined(separator: " | ") + " |\n"
        }
      case .text:
        for m in catalog.metrics {
          let other = language == .de ? m.labelEnglish : m.label
          out += "\(m.id)\n  \(Inert.message(m.label(language))) (\(Inert.message(other)))"
          out += " · \(unit(m.unit))\(m.isSeries ? ", series of 26 weeks" : "") · \(scopes(m.scopes))\n"
          out += "  \(Inert.message(m.definition, limit: 300))\n"
        }
      }
      return out
    }
  }
}
