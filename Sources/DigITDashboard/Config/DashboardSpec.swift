import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot

/// One user-defined dashboard, read from `Dashboards/<name>.yaml` (<doc:DashboardFiles> documents the schema).
public struct DashboardSpec: Sendable, Equatable {
  /// The file name, e.g. `overview.yaml`.
  public var file: String
  public var title: String
  public var titleEnglish: String?
  public var scope: Scope
  public var rows: [Row]

  /// What a dashboard shows: the whole city, one office, or the projects of one category.
  public enum Scope: Sendable, Equatable {
    case city
    case office(String)
    /// Tables and lists of projects show only this category; tiles and charts show the city.
    case category(String)

    /// Whether its tables and lists show rows of more than one office (then they name the office).
    public var mixesOffices: Bool { if case .office = self { false } else { true } }
  }

  /// A row of panels with a height: fixed lines or a share of the free space.
  public struct Row: Sendable, Equatable {
    public var height: Extent
    public var panels: [Panel]
  }

  /// A panel and its relative width.
  public struct Panel: Sendable, Equatable {
    public var title: String?
    public var titleEnglish: String?
    public var width: Extent
    public var kind: Kind
    /// For text panels: the English text.
    public var textEnglish: String?

    public init(title: String?, titleEnglish: String? = nil, width: Extent, kind: Kind, textEnglish: String? = nil) {
      self.title = title
      self.titleEnglish = titleEnglish
      self.width = width
      self.kind = kind
      self.textEnglish = textEnglish
    }

    /// The title in a language (the German one when there is no English one).
    public func title(_ language: Language) -> String? { language == .en ? (titleEnglish ?? title) : title }
  }

  public enum Kind: Sendable, Equatable {
    case tiles([String])
    case table(TableSpec)
    case chart(ChartSpec)
    case list(ListSpec)
    case text(String)
    /// The week's briefing against the week before (`Briefing`).
    case briefing(BriefingSpec)
    /// The office × week heatmap over the report's 26 series weeks.
    case heatmap(HeatmapSpec)
  }

  /// A briefing panel: the sections it shows (all when none are named), always in the briefing's order.
  public struct BriefingSpec: Sendable, Equatable {
    public var sections: [Briefing.SectionKind]
    public init(sections: [Briefing.SectionKind] = []) { self.sections = sections }
  }

  /// An office × week heatmap (`kind: heatmap`).
  public struct HeatmapSpec: Sendable, Equatable {
    /// What a cell shows.
    public enum Measure: String, Sendable, CaseIterable {
      /// The worst RAG of the office's open projects that week (past weeks from `history.sqlite`).
      case rag
      /// The open backlog at the week's end relative to the office's own 26-week maximum (from the feeds).
      case backlog
    }
    public var measure: Measure

    public init(measure: Measure) { self.measure = measure }
  }

  /// The rows a table or list shows.
  public enum Rows: String, Sendable, CaseIterable {
    case offices, projects, services, kpis, index, milestones
  }

  public struct TableSpec: Sendable, Equatable {
    public var rows: Rows
    public var columns: [String]
    public var sort: String?
    public var descending: Bool
    public var filter: Filter
    /// Change columns after the metric columns: each metric's change against the week before, with an
    /// arrow coloured by the metric's polarity (`changes:` in the file).
    public var changes: [String] = []
  }

  /// Row filters of tables and lists.
  public struct Filter: Sendable, Equatable {
    /// Projects (and their milestones) with one of these RAG statuses.
    public var rag: [RAG] = []
    /// Projects of this category.
    public var category: String?
    /// Milestones past due and not done.
    public var overdue = false
    public init() {}
  }

  public struct ChartSpec: Sendable, Equatable {
    public enum Style: String, Sendable, CaseIterable { case sparkline, bars, line }
    public var metric: String
    public var style: Style
  }

  public struct ListSpec: Sendable, Equatable {
    public var rows: Rows
    public var filter: Filter
  }

  /// The title in a language.
  public func title(_ language: Language) -> String { language == .en ? (titleEnglish ?? title) : title }
}

/// A dashboard file as read: its spec, or what is wrong with it (a broken file gets a tab of its own).
public struct DashboardTab: Sendable, Equatable {
  public var file: String
  public var spec: DashboardSpec?
  /// Errors and warnings with file and line.
  public var diagnostics: [Diagnostic]
  /// The tab position from `order:`.
  public var order: Int?

  public init(file: String, spec: DashboardSpec?, diagnostics: [Diagnostic], order: Int? = nil) {
    self.file = file
    self.spec = spec
    self.diagnostics = diagnostics
    self.order = order
  }

  public var isBroken: Bool { spec == nil }
}
