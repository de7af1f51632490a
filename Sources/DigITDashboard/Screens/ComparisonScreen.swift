import DigITCore
import DigITMetrics
import DigITSnapshot

/// Two stored weeks marked on the Snapshots screen (`m`, `m`): the later week against the earlier one,
/// structured like the briefing (the same model, `Briefing`, read from the two `snapshot.json` files).
enum ComparisonScreen {
  /// The sections of the comparison in the briefing's order (empty sections left out).
  static func sections(_ state: AppState) -> [Briefing.Section] {
    state.comparisonSections
  }

  /// A heading per section, then one line per item (the selectable list).
  static func rows(_ state: AppState) -> [RowItem] {
    sections(state).flatMap { s in [RowItem.heading(s.title)] + s.rows.map { .line($0.text + " · " + $0.detail) } }
  }

  /// `KW 45/2026 ↔ KW 47/2026`.
  static func title(_ state: AppState) -> String {
    guard let c = state.comparison else { return Words.snapshots(state.language) }
    return "\(Words.weekLabel(c.from, state.language)) ↔ \(Words.weekLabel(c.to, state.language))"
  }

  static func draw(_ state: AppState, in body: Rect, into b: inout ScreenBuffer) {
    let l = state.language
    let inner = Widgets.box(title(state) + " · " + Words.storedWeeksCompared(l), in: body, into: &b, focused: true)
    guard inner.width > 0, inner.height > 0 else { return }
    let sections = sections(state)
    var items: [(heading: String?, row: Briefing.Row?)] = []
    for s in sections {
      items.append((s.title, nil))
      items += s.rows.map { (nil, $0) }
    }
    guard !items.isEmpty else {
      b.put(Words.nothingChanged(l), x: inner.x, y: inner.y, width: inner.width, style: Style(.faint))
      return
    }
    let frame = state.top
    let offset = scrollOffset(
      selection: frame.selection, offset: frame.offset, rows: items.count, visible: inner.height)
    // The item column as wide as the widest item shown, at most half of the box.
    let shown = offset..<min(items.count, offset + inner.height)
    let widest = shown.compactMap { items[$0].row.map { ScreenBuffer.displayWidth($0.text) } }.max() ?? 0
    let textWidth = min(widest, max(12, inner.width / 2))
    for (i, index) in shown.enumerated() {
      let y = inner.y + i
      if let heading = items[index].heading {
        b.put(heading, x: inner.x, y: y, width: inner.width, style: Style(.header, bold: true))
      } else if let row = items[index].row {
        BriefingPanel.drawItem(row, y: y, textWidth: textWidth, in: inner, into: &b)
      }
      if index == frame.selection {
        b.restyle(x: inner.x, y: y, width: inner.width, style: Style(.selected, bold: true))
      }
    }
  }
}
