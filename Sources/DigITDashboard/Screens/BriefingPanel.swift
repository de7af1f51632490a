import DigITCore
import DigITMetrics
import DigITSnapshot

/// The briefing panel (`kind: briefing`): a heading per section, one line per item — what it is about in
/// bold, then its detail in the colour of its news (green good, red bad).
enum BriefingPanel {
  /// One item line: the item (bold, at most `textWidth`), then its detail coloured by its tone (good news
  /// green, bad red); also the lines of two compared stored weeks (``ComparisonScreen``).
  static func drawItem(_ row: Briefing.Row, y: Int, textWidth: Int, in r: Rect, into b: inout ScreenBuffer) {
    let x = r.x + 2
    b.put(row.text, x: x, y: y, width: max(0, min(textWidth, r.x + r.width - x)), style: Style(.normal, bold: true))
    let dx = x + textWidth + 1
    let role: Role = row.tone > 0 ? .green : row.tone < 0 ? .red : .faint
    b.put(row.detail, x: dx, y: y, width: max(0, r.x + r.width - dx), style: Style(role))
  }

  static func draw(
    _ spec: DashboardSpec.BriefingSpec, rows: [RowItem], state: AppState, frame: Frame?, in r: Rect,
    into b: inout ScreenBuffer
  ) {
    guard r.width > 0, r.height > 0 else { return }
    guard !rows.isEmpty else {
      b.put(Words.nothingChanged(state.language), x: r.x, y: r.y, width: r.width, style: Style(.faint))
      return
    }
    let sections = BriefingRows.sections(spec, state: state)
    let offset =
      frame.map { scrollOffset(selection: $0.selection, offset: $0.offset, rows: rows.count, visible: r.height) } ?? 0
    // The item column from the content of the visible rows (issue 14's layout rule): as wide as the
    // widest item where item and detail both fit; else the detail keeps its width down to half of the
    // panel, and the item is cut no shorter than 46 columns (or half the panel when that is less).
    var widestText = 0
    var widestDetail = 0
    for index in offset..<min(rows.count, offset + r.height) {
      guard case .briefing(let s, let n) = rows[index], s < sections.count, n < sections[s].rows.count else { continue }
      widestText = max(widestText, ScreenBuffer.displayWidth(sections[s].rows[n].text))
      widestDetail = max(widestDetail, ScreenBuffer.displayWidth(sections[s].rows[n].detail))
    }
    let room = r.width - 3  // the indent and the gap
    let textWidth =
      widestText + widestDetail <= room
      ? widestText : min(widestText, max(min(46, r.width / 2), room - min(widestDetail, r.width / 2)))
    for i in 0..<r.height {
      let index = offset + i
      guard index < rows.count else { break }
      let y = r.y + i
      switch rows[index] {
      case .heading(let title):
        b.put(title, x: r.x, y: y, width: r.width, style: Style(.header, bold: true))
      case .briefing(let s, let n) where s < sections.count && n < sections[s].rows.count:
        drawItem(sections[s].rows[n], y: y, textWidth: textWidth, in: r, into: &b)
      default:
        b.put(Rows.name(rows[index], state: state), x: r.x, y: y, width: r.width)
      }
      if let frame, index == frame.selection {
        b.restyle(x: r.x, y: y, width: r.width, style: Style(.selected, bold: true))
      }
    }
  }
}
