import DigITCore
import DigITMetrics

/// The one-page report as structure: sections of headings, paragraphs, tables, lists and charts.
/// ``SummaryReport`` builds it once (all words and figures); ``SnapshotMarkdown`` and ``SnapshotHTML``
/// only render it, each escaping text for its format. So `summary.md` and `report.html` always say the same.
public struct ReportDocument: Sendable, Equatable {
  /// The page title, e.g. "DigIT-Lagebild Mainz – KW 48/2026".
  public var title: String
  /// A line under the title (as-of day, data root, generation time).
  public var subtitle: [Inline]
  public var sections: [Section]
  /// `de` or `en`, for the HTML `lang` attribute.
  public var language: Language
}

/// A titled part of the report; the HTML keeps a section on one printed page where it fits.
public struct Section: Sendable, Equatable {
  /// A stable anchor, e.g. `projects`.
  public var id: String
  public var title: String
  public var blocks: [Block]
  /// The section fills its printed page: what follows starts on the next one (the briefing).
  public var ownPage = false
}

public enum Block: Sendable, Equatable {
  case paragraph([Inline])
  case table(ReportTable)
  case bullets([[Inline]])
  case chart(Chart)
  /// A smaller heading inside a section.
  case subheading(String)
}

/// A run of text. Text is plain (from feeds or from us); each renderer escapes it.
public struct Inline: Sendable, Equatable {
  public enum Style: Sendable, Equatable { case plain, strong, code }
  public var text: String
  public var style: Style
  /// A RAG status this run stands for (HTML colours it; Markdown shows the symbol in the text).
  public var rag: RAG?
  /// Good (+1), bad (−1) or neutral (0) news, for the colour of a week-over-week change.
  public var tone: Int

  public init(_ text: String, _ style: Style = .plain, rag: RAG? = nil, tone: Int = 0) {
    self.text = text
    self.style = style
    self.rag = rag
    self.tone = tone
  }

  public static func strong(_ text: String) -> Inline { Inline(text, .strong) }
  public static func code(_ text: String) -> Inline { Inline(text, .code) }
}

public struct ReportTable: Sendable, Equatable {
  public enum Align: Sendable, Equatable { case left, right }
  public var header: [String]
  public var align: [Align]
  /// Each cell is a run of inlines (usually one).
  public var rows: [[[Inline]]]
  /// Shown instead of an empty table, e.g. "Keine roten oder gelben Projekte."
  public var emptyText: String
  /// Said under the table when rows were left out, e.g. "… und 12 weitere".
  public var note: String?

  public init(header: [String], align: [Align], rows: [[[Inline]]], emptyText: String = "–", note: String? = nil) {
    self.header = header
    self.align = align
    self.rows = rows
    self.emptyText = emptyText
    self.note = note
  }
}

/// A chart. HTML draws it as inline SVG; Markdown leaves it out (its numbers are in the tables and in
/// `snapshot.json`).
public enum Chart: Sendable, Equatable {
  /// Lines over weeks: e.g. backlog created vs. closed, OZG online vs. paper. `x` labels the points
  /// (`W48`); every series has one value per label (`nil`: no value that week). A `target` is drawn as a
  /// dashed horizontal line with its label.
  case lines(title: String, x: [String], series: [ChartSeries], unit: String, target: ChartTarget? = nil)
  /// One horizontal bar per item (digital share per office): values 0…`maximum`. A `target` is drawn as
  /// a dashed vertical line with its label.
  case bars(title: String, items: [ChartBar], maximum: Double, unit: String, target: ChartTarget? = nil)
  /// Groups of bars (index score by year, one bar per area): `groups` label the x axis, every series
  /// has one value per group. A `target` is drawn as a dashed horizontal line with its label.
  case groupedBars(
    title: String, groups: [String], series: [ChartSeries], maximum: Double, unit: String, target: ChartTarget? = nil)
}

/// A target drawn into a chart: a dashed line at `value` (in the chart's values) with a label such as
/// "Ziel 72,0".
public struct ChartTarget: Sendable, Equatable {
  public var value: Double
  public var label: String

  public init(value: Double, label: String) {
    self.value = value
    self.label = label
  }
}

public struct ChartSeries: Sendable, Equatable {
  public var name: String
  public var values: [Double?]
  /// Which of the theme's colours (0, 1, 2, …); the same index is the same colour in every chart.
  public var colour: Int

  public init(name: String, values: [Double?], colour: Int) {
    self.name = name
    self.values = values
    self.colour = colour
  }
}

public struct ChartBar: Sendable, Equatable {
  public var label: String
  /// `nil`: no value (drawn as an empty bar labelled "–").
  public var value: Double?
  /// The value as shown, e.g. "58,3 %".
  public var shown: String

  public init(label: String, value: Double?, shown: String) {
    self.label = label
    self.value = value
    self.shown = shown
  }
}
