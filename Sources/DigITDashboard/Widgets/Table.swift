import DigITCore
import DigITMetrics

/// What a table cell shows.
public enum TableCell: Sendable {
  case text(String, Style = .normal)
  /// Right-aligned (numbers).
  case number(String, Style = .normal)
  case sparkline([Double?])
  /// A RAG symbol followed by text.
  case rag(RAG?, String)
  /// A progress bar followed by a percentage.
  case bar(Double?, String)
}

/// A table column: header, width and whether it takes the remaining width.
public struct TableColumn: Sendable {
  public var title: String
  public var width: Int
  public var flexible: Bool
  public var rightAligned: Bool
  public init(_ title: String, width: Int, flexible: Bool = false, rightAligned: Bool = false) {
    self.title = title
    self.width = width
    self.flexible = flexible
    self.rightAligned = rightAligned
  }
}

/// A scrolling table: a header line, then the rows from `offset`, the selected one highlighted. Only the
/// visible rows are asked for their cells. Columns that do not fit are left out from the right (the
/// first, flexible column shrinks first down to 12 cells).
public struct TableWidget {
  public var columns: [TableColumn]
  public var rowCount: Int
  public var selection: Int?
  public var offset: Int
  /// The sorted column and direction, marked in the header.
  public var sorted: (column: Int, descending: Bool)?
  public var cell: (Int, Int) -> TableCell
  /// Shown instead of rows when there are none, and (with the count) when a table without selection has
  /// more rows than fit: nothing is cut off silently.
  public var emptyText: String? = nil
  public var moreText: String? = nil
  /// The flexible first column shrinks down to this before columns are dropped from the right.
  public var minimumFlexibleWidth = 12

  public init(
    columns: [TableColumn], rowCount: Int, selection: Int?, offset: Int, sorted: (Int, Bool)? = nil,
    cell: @escaping (Int, Int) -> TableCell
  ) {
    self.columns = columns
    self.rowCount = rowCount
    self.selection = selection
    self.offset = offset
    self.sorted = sorted.map { (column: $0.0, descending: $0.1) }
    self.cell = cell
  }

  /// The number of data rows a rectangle shows.
  public static func visibleRows(in r: Rect) -> Int { max(0, r.height - 1) }

  /// Which columns fit, and their widths.
  func fit(_ width: Int) -> [(Int, Int)] {
    var shown = Array(columns.indices)
    func total(_ cols: [Int], flexWidth: Int) -> Int {
      cols.reduce(0) { $0 + (columns[$1].flexible ? flexWidth : columns[$1].width) } + max(0, cols.count - 1)
    }
    while shown.count > 1 && total(shown, flexWidth: minimumFlexibleWidth) > width { shown.removeLast() }
    let fixed = total(shown, flexWidth: 0)
    let flex = max(1, width - fixed)
    // Never wider than the rectangle (a lone fixed column is cut to it).
    var left = width
    return shown.map { c in
      let w = min(columns[c].flexible ? flex : columns[c].width, max(0, left))
      left -= w + 1
      return (c, w)
    }
  }

  public func render(in r: Rect, into b: inout ScreenBuffer) {
    guard r.width > 0, r.height > 0 else { return }
    let layout = fit(r.width)
    var x = r.x
    for (c, w) in layout {
      var title = columns[c].title
      if let sorted, sorted.column == c {
        // The marker always shows: the title gives way to it.
        let marker = sorted.descending ? "▼" : "▲"
        if ScreenBuffer.displayWidth(title) + 1 > w {
          var cut = ""
          for ch in title where ScreenBuffer.displayWidth(cut) + ch.cellWidth + 2 <= w { cut.append(ch) }
          title = cut + (cut.count < title.count ? "…" : "")
        }
        title += marker
      }
      let tw = ScreenBuffer.displayWidth(title)
      b.put(
        title, x: columns[c].rightAligned ? x + max(0, w - tw) : x, y: r.y, width: w, style: Style(.header, bold: true))
      x += w + 1
    }
    let visible = Self.visibleRows(in: r)
    guard rowCount > 0 else {
      if visible > 0, let emptyText { b.put(emptyText, x: r.x, y: r.y + 1, width: r.width, style: Style(.faint)) }
      return
    }
    let cut = moreText != nil && selection == nil && rowCount - offset > visible
    for i in 0..<visible {
      let row = offset + i
      guard row < rowCount else { break }
      if cut && i == visible - 1 {
        b.put("+\(rowCount - row) \(moreText ?? "")", x: r.x, y: r.y + 1 + i, width: r.width, style: Style(.faint))
        break
      }
      let y = r.y + 1 + i
      var x = r.x
      for (c, w) in layout {
        draw(cell(row, c), x: x, y: y, width: w, right: columns[c].rightAligned, into: &b)
        x += w + 1
      }
      if row == selection { b.restyle(x: r.x, y: y, width: r.width, style: Style(.selected, bold: true)) }
    }
  }

  func draw(_ cell: TableCell, x: Int, y: Int, width: Int, right: Bool, into b: inout ScreenBuffer) {
    switch cell {
    case .text(let s, let style):
      b.put(s, x: x, y: y, width: width, style: style)
    case .number(let s, let style):
      let w = ScreenBuffer.displayWidth(s)
      b.put(s, x: x + max(0, width - w), y: y, width: width, style: style)
    case .sparkline(let values):
      Widgets.sparkline(values, x: x, y: y, width: width, into: &b)
    case .rag(let rag, let text):
      Widgets.rag(rag, x: x, y: y, into: &b)
      b.put(text, x: x + 2, y: y, width: width - 2)
    case .bar(let share, let text):
      let barWidth = max(0, width - 7)
      Widgets.progress(share, x: x, y: y, width: barWidth, into: &b)
      let w = ScreenBuffer.displayWidth(text)
      b.put(text, x: x + width - min(w, 6), y: y, width: 6)
    }
  }
}
