import DigITCore
import DigITFeeds
import DigITMetrics

/// The search over the whole city (`:`): what each match is, its name, its office and project. Enter
/// (or a double click) goes there; the words typed are marked in the rows.
enum SearchScreen {
  /// The table (header line and rows) inside the box.
  static func listRect(_ body: Rect) -> Rect { body.inset(1) }

  static func draw(_ state: AppState, in body: Rect, into b: inout ScreenBuffer) {
    let l = state.language
    let query = state.top.filter
    let rows = Focus.of(state.top, in: state).rows
    var title = Words.searchTitle(l)
    if !query.isEmpty { title += " · \(rows.count) \(Words.matches(l))" }
    let inner = Widgets.box(title, in: body, into: &b, focused: true)
    guard inner.height > 0 else { return }
    if query.isEmpty {
      Widgets.paragraph(Words.searchHint(l), in: inner, into: &b, style: Style(.faint))
      return
    }
    let offset = MetricTables.offset(state.top, rows.count, inner)
    // The office column as wide as the longest office name shown (at most 40).
    let shown = rows[min(offset, rows.count)..<min(rows.count, offset + TableWidget.visibleRows(in: inner))]
    let officeWidth = min(40, shown.map { ScreenBuffer.displayWidth(Search.office($0, state)) }.max() ?? 10)
    var table = TableWidget(
      columns: [
        TableColumn(Words.kind(l), width: 12), TableColumn(Words.name(l), width: 30, flexible: true),
        TableColumn(Words.office(l), width: max(10, officeWidth)),
        TableColumn(DeliveriesScreen.title(Words.searchProject(l)), width: 10),
      ],
      rowCount: rows.count, selection: state.top.selection, offset: offset
    ) { row, column in
      let item = rows[row]
      switch column {
      case 0: return .text(Search.kind(item, l), Style(.faint))
      case 1: return .text(Rows.name(item, state: state))
      case 2: return .text(Search.office(item, state))
      default: return .text(Search.project(item, state), Style(.faint))
      }
    }
    table.emptyText = Words.noMatches(l)
    table.render(in: inner, into: &b)
  }
}
