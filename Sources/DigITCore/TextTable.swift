/// The one table printer for text output (`digit summary`, `digit validate`): columns two spaces
/// apart, left- or right-aligned, a rule under the header. Every cell is made inert first (names, labels
/// and units come from the feeds and the file system).
///
///     TextTable(align: [.left, .right]).render([["Amt", "Offen"], ["Bürgeramt", "12"]])
///     // Amt        Offen
///     // ────────────────
///     // Bürgeramt     12
public struct TextTable: Sendable {
  public enum Align: Sendable { case left, right }

  /// One alignment per column.
  public var align: [Align]
  /// Fixed column widths (a longer cell is cut with `…`); `nil`: each column as wide as its widest cell.
  public var widths: [Int]?
  /// The rule under the header is at most this wide.
  public var ruleLimit: Int
  /// Whether the first row is a header with a rule under it.
  public var header: Bool

  public init(align: [Align], widths: [Int]? = nil, header: Bool = true, ruleLimit: Int = 100) {
    self.align = align
    self.widths = widths
    self.header = header
    self.ruleLimit = ruleLimit
  }

  /// The rows as lines, each ending with a newline; trailing spaces are left out.
  public func render(_ rows: [[String]]) -> String {
    let cells = rows.map { $0.map { Inert.message($0, limit: 1000) } }
    let columns = cells.map(\.count).max() ?? 0
    let widths = self.widths ?? (0..<columns).map { c in cells.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    var out = ""
    for (r, row) in cells.enumerated() {
      var line = ""
      for (c, cell) in row.enumerated() {
        let w = c < widths.count ? widths[c] : cell.count
        var text = cell
        if text.count > w { text = w > 0 ? String(text.prefix(w - 1)) + "…" : "" }
        let pad = String(repeating: " ", count: w - text.count)
        if c > 0 { line += "  " }
        let alignment = c < align.count ? align[c] : .left
        line += alignment == .left ? text + (c == row.count - 1 ? "" : pad) : pad + text
      }
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
      if header && r == 0 {
        out += String(repeating: "─", count: min(ruleLimit, widths.reduce(0, +) + 2 * max(0, widths.count - 1))) + "\n"
      }
    }
    return out
  }
}
