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

  /// The words of the cell (none for charts).
  var words: String? {
    switch self {
    case .text(let s, _), .number(let s, _), .rag(_, let s): s.isEmpty ? nil : s
    case .bar(_, let s): s
    case .sparkline: nil
    }
  }
}

/// A table column: its header (and a shorter one for when the full one does not fit), whether its text
/// may be cut, and how much it matters when not every column fits.
public struct TableColumn: Sendable {
  public var title: String
  /// The header for a column narrower than ``title`` (a catalog short label); `nil`: the title, cut.
  public var shortTitle: String?
  /// The width of charts and bars in the column; text and numbers take the width of their content.
  public var width: Int
  /// Text that may be cut (names, titles, reasons) when the table is too narrow; other columns keep the
  /// full width of their content.
  public var flexible: Bool
  public var rightAligned: Bool
  /// Columns are left out lowest priority first (ties: the rightmost) when not all fit; the sorted-by
  /// column is left out last, after the first column.
  public var priority: Int
  /// A flexible column is not cut below this (names and reasons that are unreadable shorter): other
  /// columns are left out first. `nil`: the table's ``TableWidget/minimumFlexibleWidth``.
  public var minimum: Int?
  public init(
    _ title: String, short: String? = nil, width: Int, flexible: Bool = false, rightAligned: Bool = false,
    priority: Int = 0, minimum: Int? = nil
  ) {
    self.minimum = minimum
    self.title = title
    self.shortTitle = short
    self.width = width
    self.flexible = flexible
    self.rightAligned = rightAligned
    self.priority = priority
  }
}

/// A scrolling table: a header line, then the rows from `offset`, the selected one highlighted. Only the
/// visible rows are asked for their cells.
///
/// Column widths come from the content of the visible rows: every column starts as wide as its header
/// and its widest cell. When that is too wide, headers give way to their short titles, then the
/// flexible (text) columns are cut evenly, each down to ``minimumFlexibleWidth``; only then are columns
/// left out, lowest ``TableColumn/priority`` first (never the first column, the sorted-by one last).
/// Room left over widens the gaps between columns (up to three cells).
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
  /// A flexible column is cut down to this before columns are left out.
  public var minimumFlexibleWidth = 12
  /// Whether a table with a selection keeps its last lines (``detailLines(for:rows:)``) for the selected row's
  /// words that the columns cut or left out, wrapped: every word can be read somewhere.
  public var showsDetail = false

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

  /// What a rendered table could not show: rows above and below the window, and the words of the selected
  /// row that were cut or whose column was left out (`Header: text · …`), for a detail line.
  public struct Shown: Equatable, Sendable {
    public var above = 0
    public var below = 0
    public var detail: String?
  }

  /// The number of data rows a rectangle shows.
  public static func visibleRows(in r: Rect) -> Int { max(0, r.height - 1) }

  /// The lines a table of `rows` rows with a selection keeps for the detail of the selected row: two in a
  /// rectangle of 12 lines or more, one from 7 lines, else none — but never a line that a row would
  /// need: when all rows fit without them, only the lines left over (the overview of 15 offices showed 14
  /// and "+1 weitere" above two empty lines).
  public static func detailLines(for r: Rect, rows: Int) -> Int {
    let most = r.height >= 12 ? 2 : r.height >= 7 ? 1 : 0
    let spare = visibleRows(in: r) - rows
    return spare >= 0 ? min(most, spare) : most
  }

  /// The part of a rectangle with the header and the rows of a table that shows a detail (see
  /// ``showsDetail``).
  public static func tableArea(_ r: Rect, rows: Int) -> Rect {
    Rect(x: r.x, y: r.y, width: r.width, height: r.height - detailLines(for: r, rows: rows))
  }

  /// A laid-out table: the shown columns with their widths, and the gap between columns.
  struct Fit {
    var columns: [(column: Int, width: Int)]
    var gap: Int
  }

  static func width(_ cell: TableCell, _ column: TableColumn) -> Int {
    switch cell {
    case .text(let s, _), .number(let s, _): ScreenBuffer.displayWidth(s)
    case .rag(_, let s): s.isEmpty ? 1 : 2 + ScreenBuffer.displayWidth(s)
    case .sparkline(let v): min(column.width, v.count)
    case .bar: column.width
    }
  }

  func titleWidth(_ c: Int, short: Bool) -> Int {
    let marker = sorted?.column == c ? 1 : 0
    let t = short ? (columns[c].shortTitle ?? columns[c].title) : columns[c].title
    return ScreenBuffer.displayWidth(t) + marker
  }

  /// Which columns fit in `width`, and how wide each is, for the given rows.
  func fit(_ width: Int, rows: Range<Int>) -> Fit {
    let n = columns.count
    guard n > 0, width > 0 else { return Fit(columns: [], gap: 1) }
    var content = [Int](repeating: 0, count: n)
    for c in 0..<n {
      for row in rows { content[c] = max(content[c], Self.width(cell(row, c), columns[c])) }
    }
    let need = (0..<n).map { max(content[$0], titleWidth($0, short: false)) }
    // Non-flexible columns keep their content and at least a short header; flexible ones shrink further.
    let headerFloor = (0..<n).map { max(content[$0], min(titleWidth($0, short: false), titleWidth($0, short: true))) }
    let floor = (0..<n).map {
      columns[$0].flexible
        ? min(need[$0], max(columns[$0].minimum ?? minimumFlexibleWidth, titleWidth($0, short: true)))
        : headerFloor[$0]
    }
    // The first column names the row: it stays; the sorted-by column stays before the others.
    func weight(_ c: Int) -> Int { columns[c].priority + (c == 0 ? 1000 : 0) + (sorted?.column == c ? 500 : 0) }
    var shown = Array(0..<n)
    func total(_ widths: (Int) -> Int) -> Int { shown.reduce(0) { $0 + widths($1) } + shown.count - 1 }
    while shown.count > 1 && total({ floor[$0] }) > width {
      // The least important column goes (of equals, the rightmost).
      let drop = shown.indices.min { a, b in
        weight(shown[a]) != weight(shown[b]) ? weight(shown[a]) < weight(shown[b]) : a > b
      }!
      shown.remove(at: drop)
    }
    var w = [Int: Int]()
    for c in shown { w[c] = need[c] }
    var excess = total({ need[$0] }) - width
    // Headers give way to their short titles first (least important first).
    if excess > 0 {
      for c in shown.filter({ !columns[$0].flexible }).sorted(by: { weight($0) < weight($1) }) where excess > 0 {
        let cut = min(excess, need[c] - floor[c])
        w[c]! -= cut
        excess -= cut
      }
    }
    // Then the flexible columns are cut, the least important first (names, titles and reasons last);
    // columns of equal priority evenly: the widest down to the same width, none below its floor.
    let priorities = Set(shown.filter { columns[$0].flexible }.map { columns[$0].priority }).sorted()
    for priority in priorities where excess > 0 {
      let flexible = shown.filter { columns[$0].flexible && columns[$0].priority == priority }
      var cap = flexible.map { need[$0] }.max() ?? 0
      func used(_ cap: Int) -> Int { flexible.reduce(0) { $0 + max(floor[$1], min(need[$1], cap)) } }
      let before = flexible.reduce(0) { $0 + w[$1]! }
      let target = max(used(0), before - excess)
      while cap > 0 && used(cap) > target { cap -= 1 }
      for c in flexible { w[c] = max(floor[c], min(need[c], cap)) }
      // What the even cut leaves goes to the cut columns, the first first.
      var spare = target - used(cap)
      for c in flexible where spare > 0 && w[c]! < need[c] {
        w[c]! += 1
        spare -= 1
      }
      excess -= before - flexible.reduce(0) { $0 + w[$1]! }
    }
    // Never wider than the rectangle (a lone column is cut to it).
    var left = width
    let out: [(column: Int, width: Int)] = shown.map { c in
      let cw = min(w[c]!, max(0, left))
      left -= cw + 1
      return (c, cw)
    }
    let free = width - (out.reduce(0) { $0 + $1.width } + out.count - 1)
    let gap = out.count > 1 ? 1 + min(2, max(0, free) / (out.count - 1)) : 1
    return Fit(columns: out, gap: gap)
  }

  @discardableResult
  public func render(in rect: Rect, into b: inout ScreenBuffer) -> Shown {
    var shown = Shown()
    guard rect.width > 0, rect.height > 0 else { return shown }
    let withDetail = showsDetail && selection != nil
    let r = withDetail ? Self.tableArea(rect, rows: rowCount) : rect
    let visible = Self.visibleRows(in: r)
    // The selected row is always shown, whatever window the caller worked out (from the whole rectangle,
    // before the lines kept for the detail: End then selected a row below the window).
    let offset =
      selection.map { scrollOffset(selection: $0, offset: self.offset, rows: rowCount, visible: visible) }
      ?? self.offset
    // A table without selection says in its last line how many rows do not fit (with fewer than three
    // lines, the box border says it: see Widgets.boxFooter).
    let cut = moreText != nil && selection == nil && rowCount - offset > visible && visible >= 3
    let last = min(rowCount, offset + (cut ? max(0, visible - 1) : visible))
    let rows = offset < last ? offset..<last : offset..<offset
    let layout = fit(r.width, rows: rows)
    var x = r.x
    for (c, w) in layout.columns {
      let column = columns[c]
      var title = column.title
      let marked = sorted?.column == c
      if titleWidth(c, short: false) > w, let short = column.shortTitle { title = short }
      if marked {
        // The marker always shows: the title gives way to it.
        let marker = sorted!.descending ? "▼" : "▲"
        if ScreenBuffer.displayWidth(title) + 1 > w {
          var cut = ""
          for ch in title where ScreenBuffer.displayWidth(cut) + ch.cellWidth + 2 <= w { cut.append(ch) }
          title = cut + (cut.count < title.count ? "…" : "")
        }
        title += marker
      }
      let tw = ScreenBuffer.displayWidth(title)
      b.put(title, x: column.rightAligned ? x + max(0, w - tw) : x, y: r.y, width: w, style: Style(.header, bold: true))
      x += w + layout.gap
    }
    guard rowCount > 0 else {
      if visible > 0, let emptyText { b.put(emptyText, x: r.x, y: r.y + 1, width: r.width, style: Style(.faint)) }
      return shown
    }
    shown.above = min(offset, rowCount)
    shown.below = max(0, rowCount - last)
    for (i, row) in rows.enumerated() {
      let y = r.y + 1 + i
      var x = r.x
      for (c, w) in layout.columns {
        draw(cell(row, c), x: x, y: y, width: w, right: columns[c].rightAligned, into: &b)
        x += w + layout.gap
      }
      if row == selection {
        b.restyle(x: r.x, y: y, width: r.width, style: Style(.selected, bold: true))
        shown.detail = detail(row, layout)
      }
    }
    if withDetail, let detail = shown.detail {
      // Right under the last row (the lines kept for it at the latest).
      let y = min(r.y + 1 + rows.count, r.y + r.height)
      let area = Rect(x: r.x, y: y, width: r.width, height: rect.y + rect.height - y)
      Widgets.paragraph(detail, in: area, into: &b, style: Style(.accent))
    }
    if cut {
      shown.below = 0  // said in the table's last line
      b.put(
        "+\(rowCount - last) \(moreText ?? "")", x: r.x, y: r.y + visible, width: r.width, style: Style(.faint))
    }
    return shown
  }

  /// The selected row's words that the table cut or left out, the most important first, each but the
  /// first with its header.
  func detail(_ row: Int, _ layout: Fit) -> String? {
    let widths = Dictionary(uniqueKeysWithValues: layout.columns.map { ($0.column, $0.width) })
    var parts: [String] = []
    // The row's name first (the first column, or the most important one when the first has no words).
    let order = columns.indices.sorted { (-columns[$0].priority, $0) < (-columns[$1].priority, $1) }
    let name = cell(row, 0).words == nil ? order.first : 0
    for c in [name].compactMap({ $0 }) + order.filter({ $0 != name }) {
      let value = cell(row, c)
      // "–" (no figure) and "·" (no change) say nothing worth a detail line.
      guard let words = value.words, words != "–", words != "·" else { continue }
      if let w = widths[c], Self.width(value, columns[c]) <= w { continue }
      if case .bar = value, widths[c] != nil { continue }
      let title = columns[c].title
      parts.append(title.isEmpty || c == name ? words : "\(title): \(words)")
    }
    return parts.isEmpty ? nil : parts.joined(separator: " · ")
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
