import DigITCore
import DigITMetrics

/// The overview shipped in the binary, for a data root without a Dashboards folder.
public enum BuiltIn {
  public static let overview = """
    title: Übersicht
    title_en: Overview
    rows:
      - height: 4
        panels:
          - kind: tiles
            metrics: [projects.open, backlog.open, backlog.closed_4w, ozg.digital_share_12w, ozg.services_online, index.score]
      - weight: 1
        panels:
          - kind: table
            rows: offices
            columns: [projects.red, projects.amber, projects.green, backlog.open, backlog.closed_weekly, ozg.digital_share_12w, ozg.pending, ozg.processing_days]
            sort: projects.red
            descending: true

    """
}

extension DashboardLoader {
  /// The dashboards of `folder` for a report; the built-in overview where the folder has none, so the
  /// dashboard stays usable without a Dashboards folder.
  public static func tabs(folder: String, report: Report) -> [DashboardTab] {
    let tabs = load(folder: folder, catalog: report.catalog, offices: report.data.offices.map(\.id))
    if !tabs.isEmpty { return tabs }
    return [parse(BuiltIn.overview, file: "overview.yaml", catalog: report.catalog, offices: [])]
  }
}
