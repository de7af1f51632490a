import DigITCore
import DigITMetrics

/// Small widgets that draw into a ``ScreenBuffer`` inside a ``Rect``. They are values and draw only what
/// fits: a 0×0 rectangle draws nothing, and text is cut with `…` by the buffer.
public enum Widgets {
  /// A box with a title in its top border; returns the inner rectangle.
  @discardableResult
  public static func box(_ title: String, in r: Rect, into b: inout ScreenBuffer, focused: Bool = false) -> Rect {
    guard r.width >= 2, r.height >= 2 else { return Rect(x: r.x, y: r.y, width: 0, height: 0) }
    let style = Style(focused ? .accent : .border)
    let right = r.x + r.width - 1
    let bottom = r.y + r.height - 1
    b.put("┌" + String(repeating: "─", count: r.width - 2) + "┐", x: r.x, y: r.y, width: r.width, style: style)
    for y in (r.y + 1)..<bottom {
      b.put("│", x: r.x, y: y, width: 1, style: style)
      b.put("│", x: right, y: y, width: 1, style: style)
    }
    b.put("└" + String(repeating: "─", count: r.width - 2) + "┘", x: r.x, y: bottom, width: r.width, style: style)
    if !title.isEmpty && r.width > 4 {
      b.put(" \(title) ", x: r.x + 1, y: r.y, width: r.width - 2, style: Style(focused ? .accent : .title, bold: true))
    }
    return r.inset(1)
  }

  static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// A one-line sparkline of the last `width` values (`·` where a week has no value).
  /// `scale` fixes the range (for two sparklines that must be comparable); by default it is the values'.
  public static func sparkline(
    _ values: [Double?], x: Int, y: Int, width: Int, into b: inout ScreenBuffer, style: Style = Style(.accent),
    scale: ClosedRange<Double>? = nil
  ) {
    guard width > 0 else { return }
    let shown = Array(values.suffix(width))
    let present = shown.compactMap { $0 }
    guard let lo = scale?.lowerBound ?? present.min(), let hi = scale?.upperBound ?? present.max(), !present.isEmpty
    else { return }
    var text = ""
    for v in shown {
      guard let v else {
        text.append("·")
        continue
      }
      let level = hi > lo ? Int(((v - lo) / (hi - lo) * 7).rounded()) : (hi > 0 ? 7 : 0)
      text.append(blocks[min(7, max(0, level))])
    }
    b.put(text, x: x, y: y, width: width, style: style)
  }

  /// Vertical bars, one column per value (the latest at the right), scaled to the rectangle's height,
  /// with the highest value written at the top left.
  public static func bars(
    _ values: [Double?], in r: Rect, into b: inout ScreenBuffer, style: Style = Style(.accent),
    maxLabel: String = "max",
    formatter: (Double) -> String
  ) {
    guard r.width > 0, r.height > 0 else { return }
    let shown = Array(values.suffix(r.width))
    let hi = shown.compactMap { $0 }.max() ?? 0
    let left = r.x + r.width - shown.count
    let eighths = r.height * 8
    for (i, v) in shown.enumerated() {
      guard let v, hi > 0 else { continue }
      let filled = Int((v / hi * Double(eighths)).rounded())
      for row in 0..<r.height {
        let level = filled - row * 8
        guard level > 0 else { break }
        b.put(String(blocks[min(7, level - 1)]), x: left + i, y: r.y + r.height - 1 - row, width: 1, style: style)
      }
    }
    if r.height > 1 {
      b.put(maxLabel + " " + formatter(hi), x: r.x, y: r.y, width: max(0, left - r.x - 1), style: Style(.faint))
    }
  }

  /// A line chart in braille dots (2 × 4 dots per cell) across the whole rectangle, consecutive values
  /// joined by dotted segments; weeks without a value leave a gap.
  ///
  /// With `axis`, a y axis at the left where the rectangle has room (two rows or more, and labels no
  /// wider than a third of it): the highest value on the top row and the lowest on the bottom row,
  /// written by `axis` and right-aligned, the line to the right of them (the line spans exactly the
  /// lowest to the highest value, so the labels are the values its top and bottom rows stand for).
  ///
  /// A `target` widens the range to take it in and is drawn as a dotted row (`┄`, amber) at its level,
  /// in the cells the line leaves free.
  public static func line(
    _ values: [Double?], in r: Rect, into b: inout ScreenBuffer, style: Style = Style(.accent),
    target: Double? = nil, axis: ((Double) -> String)? = nil
  ) {
    guard r.width > 0, r.height > 0, values.count > 0 else { return }
    let present = values.compactMap { $0 }
    let target = target.flatMap { $0.isFinite ? $0 : nil }
    guard let lo = (present + (target.map { [$0] } ?? [])).min(),
      let hi = (present + (target.map { [$0] } ?? [])).max(),
      !present.isEmpty
    else { return }
    if let axis, r.height >= 2 {
      let top = axis(hi)
      let bottom = axis(lo)
      let w = max(ScreenBuffer.displayWidth(top), ScreenBuffer.displayWidth(bottom))
      if w > 0, (w + 1) * 3 <= r.width {
        b.put(top, x: r.x + w - ScreenBuffer.displayWidth(top), y: r.y, width: w, style: Style(.faint))
        b.put(
          bottom, x: r.x + w - ScreenBuffer.displayWidth(bottom), y: r.y + r.height - 1, width: w, style: Style(.faint))
        line(
          values, in: Rect(x: r.x + w + 1, y: r.y, width: r.width - w - 1, height: r.height), into: &b, style: style,
          target: target)
        return
      }
    }
    let cols = r.width * 2
    let rows = r.height * 4
    var dots = [[UInt32]](repeating: [UInt32](repeating: 0, count: r.width), count: r.height)
    let bits: [[UInt32]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
    func point(_ i: Int, _ v: Double) -> (Int, Int) {
      let x = values.count > 1 ? i * (cols - 1) / (values.count - 1) : cols - 1
      let level = hi > lo ? Int(((v - lo) / (hi - lo) * Double(rows - 1)).rounded()) : rows / 2
      return (x, rows - 1 - level)
    }
    func plot(_ x: Int, _ y: Int) { dots[y / 4][x / 2] |= bits[y % 4][x % 2] }
    var previous: (Int, Int)? = nil
    for (i, v) in values.enumerated() {
      guard let v else {
        previous = nil
        continue
      }
      let p = point(i, v)
      if let q = previous {
        let steps = max(abs(p.0 - q.0), abs(p.1 - q.1), 1)
        for s in 0...steps { plot(q.0 + (p.0 - q.0) * s / steps, q.1 + (p.1 - q.1) * s / steps) }
      } else {
        plot(p.0, p.1)
      }
      previous = p
    }
    for y in 0..<r.height {
      var text = ""
      for x in 0..<r.width { text.unicodeScalars.append(dots[y][x] == 0 ? " " : Unicode.Scalar(0x2800 + dots[y][x])!) }
      b.put(text, x: r.x, y: r.y + y, width: r.width, style: style)
    }
    if let target {
      let level = hi > lo ? Int(((target - lo) / (hi - lo) * Double(rows - 1)).rounded()) : rows / 2
      let y = (rows - 1 - level) / 4
      for x in 0..<r.width where dots[y][x] == 0 {
        b.put("┄", x: r.x + x, y: r.y + y, width: 1, style: Style(.amber))
      }
    }
  }

  /// A horizontal bar for a share 0…1 (over 1 fills the bar in the warning role), e.g. `████▌░░░`.
  public static func progress(_ share: Double?, x: Int, y: Int, width: Int, into b: inout ScreenBuffer) {
    guard width > 0 else { return }
    guard let share else {
      b.put(String(repeating: "░", count: width), x: x, y: y, width: width, style: Style(.faint))
      return
    }
    let eighths = Int((min(1, max(0, share)) * Double(width * 8)).rounded())
    let partial: [Character] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"].map { Character($0.isEmpty ? " " : $0) }
    var text = String(repeating: "█", count: eighths / 8)
    if eighths % 8 > 0 { text.append(partial[eighths % 8]) }
    let filled = text.count
    text += String(repeating: "░", count: max(0, width - filled))
    b.put(text, x: x, y: y, width: width, style: Style(share > 1 ? .red : .accent))
  }

  /// The lines of `text` wrapped at spaces to `width` display columns, the continuation lines indented by
  /// `indent` columns; a word wider than a line is broken between characters, so no character is ever
  /// cut off. Always at least one line.
  ///
  ///     Widgets.wrap("a.csv:3: Fehler: „x“ ist keine Zahl", width: 20, indent: 2)
  ///     // ["a.csv:3: Fehler: „x“", "  ist keine Zahl"]
  public static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
    guard width > 0 else { return [text] }
    let indent = width > 2 * indent ? indent : 0
    let pad = String(repeating: " ", count: indent)
    var lines: [String] = []
    var line = ""
    var used = 0
    /// The room of the current line.
    var room: Int { lines.isEmpty ? width : width - indent }
    func flush() {
      while line.last == " " { line.removeLast() }
      lines.append(lines.isEmpty ? line : pad + line)
      line = ""
      used = 0
    }
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      let w = ScreenBuffer.displayWidth(word)
      if used > 0 && used + 1 + w > room { flush() }
      if used > 0 {
        line += " "
        used += 1
      }
      if w <= room - used {
        line += word
        used += w
        continue
      }
      // Wider than a line: character by character.
      for ch in word {
        if used + ch.cellWidth > room && used > 0 { flush() }
        line.append(ch)
        used += ch.cellWidth
      }
    }
    if used > 0 || lines.isEmpty { flush() }
    return lines
  }

  /// Text wrapped at word boundaries into the rectangle; returns the lines used.
  @discardableResult
  public static func paragraph(_ text: String, in r: Rect, into b: inout ScreenBuffer, style: Style = .normal) -> Int {
    guard r.width > 0 else { return 0 }
    var y = r.y
    for para in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      for word in para.split(separator: " ") {
        if !line.isEmpty && ScreenBuffer.displayWidth(line) + 1 + ScreenBuffer.displayWidth(word) > r.width {
          guard y < r.y + r.height else { return y - r.y }
          b.put(line, x: r.x, y: y, width: r.width, style: style)
          y += 1
          line = ""
        }
        line += line.isEmpty ? String(word) : " " + word
      }
      guard y < r.y + r.height else { return y - r.y }
      b.put(line, x: r.x, y: y, width: r.width, style: style)
      y += 1
    }
    return y - r.y
  }

  /// The RAG symbol in its colour; a blank for no status.
  public static func rag(_ rag: RAG?, x: Int, y: Int, into b: inout ScreenBuffer) {
    guard let rag else { return }
    b.put(rag.symbol, x: x, y: y, width: 1, style: Style(role(rag), bold: true))
  }

  public static func role(_ rag: RAG) -> Role { rag == .red ? .red : rag == .amber ? .amber : .green }
}
