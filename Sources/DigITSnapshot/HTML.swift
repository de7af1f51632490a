import DigITCore
import DigITMetrics

/// Renders a ``ReportDocument`` as one self-contained HTML5 file (`report.html`).
///
/// The file needs nothing else: the CSS is inline in a `<style>`, the charts are inline `<svg>`, and
/// there is no JavaScript and no external resource (no fonts, images or links by URL). A
/// `Content-Security-Policy` meta tag (`default-src 'none'`) forbids scripts and fetches as a second
/// line of defence. The page prints to A4 (`@page { size: A4; margin: 15mm }`) with sections, charts and
/// table rows kept together where they fit, and repeated table headers.
///
/// All text comes from feeds and is untrusted. Every piece of it goes through `escape(_:)`:
///
/// - `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;` (in text, in
///   attributes and in SVG text alike); `=` and the backtick become `&#61;` and `&#96;` as well, so not even
///   inert text looks like an attribute (`onerror=`) to a naive scanner;
/// - everything else follows the one policy for untrusted text, `Inert` (DigITCore): line breaks become spaces,
///   controls, bidi and invisible characters a visible stand-in (`␛`, `�`), so a tampered value stays
///   visible.
///
/// The output is deterministic: the same document gives the same bytes. Numbers in SVG coordinates are
/// written with one decimal by `fixed(_:_:)` (no Foundation, no locale); numbers people read (axis
/// ticks, bar values) use `MetricFormatter` in the document's language.
public enum SnapshotHTML {
  /// The report as one HTML5 file (UTF-8 bytes), ending with a newline.
  public static func render(_ document: ReportDocument) -> [UInt8] {
    var out = ""
    out.reserveCapacity(64 * 1024)
    let language = document.language
    out += "<!DOCTYPE html>\n"
    out += "<html lang=\"\(language == .de ? "de" : "en")\">\n"
    out += "<head>\n"
    out += "<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\">\n"
    out += "<meta name=\"color-scheme\" content=\"light\">\n"
    out += "<title>\(escape(document.title))</title>\n"
    out += "<style>\n\(stylesheet)</style>\n"
    out += "</head>\n"
    out += "<body>\n<main>\n<header>\n"
    out += "<h1>\(escape(document.title))</h1>\n"
    if !document.subtitle.isEmpty {
      out += "<p class=\"subtitle\">"
      inlines(document.subtitle, into: &out)
      out += "</p>\n"
    }
    out += "</header>\n"
    var usedIDs: Set<String> = []
    for (index, section) in document.sections.enumerated() {
      let id = uniqueID(section.id, index: index, used: &usedIDs)
      let keep = estimatedHeight(section) <= keepTogetherLimit
      let classes = (keep ? ["keep"] : []) + (section.ownPage ? ["page"] : [])
      out += "<section id=\"\(id)\"\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\n"
      if !section.title.isEmpty { out += "<h2>\(escape(section.title))</h2>\n" }
      for block in section.blocks {
        switch block {
        case .paragraph(let runs):
          out += "<p>"
          inlines(runs, into: &out)
          out += "</p>\n"
        case .subheading(let text):
          out += "<h3>\(escape(text))</h3>\n"
        case .bullets(let items):
          guard !items.isEmpty else { continue }
          out += "<ul>\n"
          for item in items {
            out += "<li>"
            inlines(item, into: &out)
            out += "</li>\n"
          }
          out += "</ul>\n"
        case .table(let table):
          render(table, into: &out)
        case .chart(let chart):
          render(chart, language: language, into: &out)
        }
      }
      out += "</section>\n"
    }
    out += "</main>\n</body>\n</html>\n"
    return Array(out.utf8)
  }

  // MARK: - Page breaks

  /// Sections estimated up to this tall (in millimetres of an A4 page, whose printable height is
  /// 267 mm) get the class `keep` and so `break-inside: avoid`; a taller section would only leave the
  /// rest of the previous page empty and then break anyway.
  static let keepTogetherLimit: Double = 240

  /// A rough height of `section` when printed, in millimetres (180 mm wide text at 10 pt).
  static func estimatedHeight(_ section: Section) -> Double {
    func lines(_ characters: Int, perLine: Int) -> Double {
      Double(max(1, (characters + perLine - 1) / perLine))
    }
    func length(_ runs: [Inline]) -> Int { runs.reduce(0) { $0 + $1.text.count + ($1.rag == nil ? 0 : 2) } }
    var height: Double = section.title.isEmpty ? 0 : 14
    for block in section.blocks {
      switch block {
      case .paragraph(let runs): height += lines(length(runs), perLine: 110) * 5 + 3
      case .subheading: height += 10
      case .bullets(let items): height += items.reduce(3) { $0 + lines(length($1), perLine: 100) * 5 }
      case .table(let table):
        if table.rows.isEmpty {
          height += 8
        } else {
          let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0, 1)
          let perCell = max(160 / columns, 8)
          height += 9
          for row in table.rows {
            height += 2 + 4.5 * (row.map { lines(length($0), perLine: perCell) }.max() ?? 1)
          }
        }
        if table.note != nil { height += 6 }
      case .chart(let chart):
        switch chart {
        case .lines, .groupedBars: height += 180 * 260 / width + 20
        case .bars(_, let items, _, _, _): height += 180 * (Double(max(items.count, 1)) * 24 + 40) / width + 12
        }
      }
    }
    return height
  }

  // MARK: - Text

  /// `text` made safe for HTML and SVG, in element content and in quoted attribute values alike (see the
  /// type's documentation for the characters replaced or dropped).
  static func escape(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x26: out.append(contentsOf: "&amp;".unicodeScalars)
      case 0x3C: out.append(contentsOf: "&lt;".unicodeScalars)
      case 0x3E: out.append(contentsOf: "&gt;".unicodeScalars)
      case 0x22: out.append(contentsOf: "&quot;".unicodeScalars)
      case 0x27: out.append(contentsOf: "&#39;".unicodeScalars)
      case 0x3D: out.append(contentsOf: "&#61;".unicodeScalars)
      case 0x60: out.append(contentsOf: "&#96;".unicodeScalars)
      default: out.append(Inert.scalar(scalar))
      }
    }
    return String(out)
  }

  /// `text` cut to at most `limit` characters, the last one then being `…`.
  static func truncate(_ text: String, _ limit: Int) -> String {
    guard text.count > limit, limit > 1 else { return text }
    var head = String(text.prefix(limit - 1))
    while head.last == " " { head.removeLast() }
    return head + "…"
  }

  /// A valid, unique `id` attribute from a section's id: letters, digits, `-` and `_` are kept, other
  /// characters become `-`; empty ids become `section-N`; repeats get `-2`, `-3`, ….
  static func uniqueID(_ raw: String, index: Int, used: inout Set<String>) -> String {
    var id = ""
    for scalar in raw.unicodeScalars {
      switch scalar {
      case "a"..."z", "A"..."Z", "0"..."9", "-", "_": id.unicodeScalars.append(scalar)
      default: id += "-"
      }
    }
    if id.isEmpty { id = "section-\(index + 1)" }
    if id.first?.isLetter != true { id = "s-" + id }
    var candidate = id
    var n = 2
    while used.contains(candidate) {
      candidate = "\(id)-\(n)"
      n += 1
    }
    used.insert(candidate)
    return candidate
  }

  /// Table cells get a `<wbr>` (a line-break opportunity) in every run of more than this many
  /// characters without a space, so a long token (a path, a hostile value) cannot widen a table beyond
  /// the page; plain `overflow-wrap` would either not do that or squeeze short columns to a letter.
  static let cellWordLimit = 30

  /// `text` escaped; in every run of more than `limit` characters without white space, a `<wbr>`
  /// follows each `/`, `\`, `-`, `_`, `.`, `,`, `;`, `:`, `@`, `|` and `=`, and in any case every
  /// `limit` characters.
  static func escapeBreakingLongWords(_ text: String, limit: Int) -> String {
    let limit = max(limit, 1)
    var out = ""
    var word: [Character] = []
    func flush() {
      if word.count <= limit {
        out += escape(String(word))
      } else {
        var run = 0
        for (i, character) in word.enumerated() {
          out += escape(String(character))
          run += 1
          guard i + 1 < word.count else { break }
          if "/\\-_.,;:@|=".contains(character) || run >= limit {
            out += "<wbr>"
            run = 0
          }
        }
      }
      word.removeAll(keepingCapacity: true)
    }
    for character in text {
      if character.isWhitespace {
        flush()
        out += escape(String(character))
      } else {
        word.append(character)
      }
    }
    flush()
    return out
  }

  private static func inlines(_ runs: [Inline], inCell: Bool = false, into out: inout String) {
    for run in runs { inline(run, inCell: inCell, into: &out) }
  }

  private static func inline(_ run: Inline, inCell: Bool, into out: inout String) {
    var classes: [String] = []
    var text = run.text
    if let rag = run.rag {
      classes += ["rag", "rag-\(rag.rawValue)"]
      // Colour must not be the only carrier of the status: keep (or add) its symbol.
      // (A no-break space keeps the symbol with its word.)
      if !text.contains(rag.symbol) { text = text.isEmpty ? rag.symbol : rag.symbol + "\u{A0}" + text }
    }
    if run.tone > 0 { classes.append("good") } else if run.tone < 0 { classes.append("bad") }
    if !classes.isEmpty { out += "<span class=\"\(classes.joined(separator: " "))\">" }
    let escaped = inCell ? escapeBreakingLongWords(text, limit: cellWordLimit) : escape(text)
    switch run.style {
    case .plain: out += escaped
    case .strong: out += "<strong>\(escaped)</strong>"
    case .code: out += "<code>\(escaped)</code>"
    }
    if !classes.isEmpty { out += "</span>" }
  }

  // MARK: - Tables

  private static func render(_ table: ReportTable, into out: inout String) {
    let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
    func alignClass(_ column: Int) -> String {
      column < table.align.count && table.align[column] == .right ? " class=\"num\"" : ""
    }
    if table.rows.isEmpty {
      out += "<p class=\"empty\">\(escape(table.emptyText))</p>\n"
    } else {
      out += "<table>\n"
      if !table.header.isEmpty {
        out += "<thead>\n<tr>"
        for column in 0..<columns {
          let text = column < table.header.count ? table.header[column] : ""
          out += "<th scope=\"col\"\(alignClass(column))>\(escapeBreakingLongWords(text, limit: cellWordLimit))</th>"
        }
        out += "</tr>\n</thead>\n"
      }
      out += "<tbody>\n"
      for row in table.rows {
        out += "<tr>"
        for column in 0..<columns {
          out += "<td\(alignClass(column))>"
          if column < row.count { inlines(row[column], inCell: true, into: &out) }
          out += "</td>"
        }
        out += "</tr>\n"
      }
      out += "</tbody>\n</table>\n"
    }
    if let note = table.note, !note.isEmpty {
      out += "<p class=\"note\">\(escape(note))</p>\n"
    }
  }

  // MARK: - Numbers

  /// `value` with exactly `decimals` decimals (0…6), rounded half away from zero, with a `.` and no
  /// locale: `fixed(12.345, 1) == "12.3"`, `fixed(-0.04, 1) == "0.0"` (never `-0.0`). Not-finite values
  /// give zero; magnitudes beyond 10^15 are clamped.
  static func fixed(_ value: Double, _ decimals: Int) -> String {
    let decimals = min(max(decimals, 0), 6)
    var scale: Double = 1
    for _ in 0..<decimals { scale *= 10 }
    let clamped = value.isFinite ? min(max(value, -1e15), 1e15) : 0
    let scaled = (clamped.magnitude * scale).rounded(.toNearestOrAwayFromZero)
    let units = UInt64(scaled)
    var digits = String(units)
    if decimals > 0 {
      if digits.count <= decimals { digits = String(repeating: "0", count: decimals + 1 - digits.count) + digits }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    return clamped < 0 && units != 0 ? "-" + digits : digits
  }

  /// A coordinate with one decimal.
  private static func c(_ value: Double) -> String { fixed(value, 1) }

  /// An axis from `lo` to `hi` (which include 0) with ticks every `step`.
  struct Scale: Equatable {
    var lo: Double
    var hi: Double
    var step: Double
    /// Decimals needed to write a tick.
    var decimals: Int
    var ticks: [Double] {
      let intervals = ((hi - lo) / step).rounded()
      guard intervals.isFinite, intervals >= 0, intervals <= 100 else { return [lo, hi] }
      return (0...Int(intervals)).map { i in
        let t = lo + Double(i) * step
        return t.magnitude < step * 1e-9 ? 0 : t
      }
    }
  }

  /// A scale covering `minimum…maximum` and 0, with 1, 2 or 5 × 10ⁿ steps and at most `intervals`
  /// intervals (so 3 to 6 ticks, 0 among them). An empty or zero range gives 0…1.
  static func niceScale(minimum: Double, maximum: Double, intervals: Int = 5) -> Scale {
    var lo = min(0, minimum.isFinite ? max(minimum, -1e15) : 0)
    var hi = max(0, maximum.isFinite ? min(maximum, 1e15) : 0)
    if hi - lo < 1e-6 {
      if lo < 0 && hi == 0 { lo = min(lo, -1) } else { hi = lo + 1 }
    }
    let raw = (hi - lo) / Double(max(intervals, 1))
    // The power of ten at or just under `raw`, and its exponent.
    var power: Double = 1
    var exponent = 0
    while power > raw && exponent > -12 {
      power /= 10
      exponent -= 1
    }
    while power * 10 <= raw && exponent < 16 {
      power *= 10
      exponent += 1
    }
    // Candidate steps in increasing order: 1, 2, 5, 10, 20, 50 × 10^exponent.
    for (factor, shift) in [(1.0, 0), (2.0, 0), (5.0, 0), (1.0, 1), (2.0, 1), (5.0, 1)] {
      let step = factor * power * (shift == 1 ? 10 : 1)
      let low = (lo / step).rounded(.down) * step
      let high = (hi / step).rounded(.up) * step
      if ((high - low) / step).rounded() <= Double(intervals) {
        return Scale(lo: low, hi: high, step: step, decimals: min(max(-(exponent + shift), 0), 6))
      }
    }
    // Not reached for intervals ≥ 1 (50 × 10^exponent > 5 × raw); one interval as a fallback.
    return Scale(lo: lo, hi: hi, step: hi - lo, decimals: 0)
  }

  // MARK: - Charts

  /// The theme's series colours; ``ChartSeries/colour`` indexes it (wrapping around).
  static let palette = ["#1f5fa8", "#e07b00", "#2e7d32", "#7b3fa0", "#8a8a8a", "#c0392b", "#0f8b8d", "#8c564b"]

  static func colour(_ index: Int) -> String {
    let n = palette.count
    return palette[((index % n) + n) % n]
  }

  /// The chart's view box is this wide; the SVG scales to the page width.
  private static let width: Double = 720
  /// Estimated width of one character of 11 px chart text (system sans-serif, generous).
  private static let charWidth: Double = 6.6

  /// A finite, clamped value or `nil`.
  private static func clean(_ value: Double?) -> Double? {
    guard let value, value.isFinite else { return nil }
    return min(max(value, -1e15), 1e15)
  }

  private static func render(_ chart: Chart, language: Language, into out: inout String) {
    let formatter = MetricFormatter(language: language)
    let title: String
    switch chart {
    case .lines(let t, _, _, _, _), .bars(let t, _, _, _, _), .groupedBars(let t, _, _, _, _, _): title = t
    }
    let label = title.isEmpty ? Words.chart(language) : title
    out += "<figure class=\"chart\">\n"
    if !title.isEmpty { out += "<figcaption>\(escape(title))</figcaption>\n" }
    let noData = Words.noDataTitle(language)
    switch chart {
    case .lines(_, let x, let series, let unit, let target):
      lines(
        label: label, x: x, series: series, unit: unit, target: target, noData: noData, formatter: formatter,
        into: &out)
      legend(series, line: true, into: &out)
    case .bars(_, let items, let maximum, let unit, let target):
      bars(
        label: label, items: items, maximum: maximum, unit: unit, target: target, noData: noData,
        formatter: formatter, into: &out)
    case .groupedBars(_, let groups, let series, let maximum, let unit, let target):
      groupedBars(
        label: label, groups: groups, series: series, maximum: maximum, unit: unit, target: target, noData: noData,
        formatter: formatter, into: &out)
      legend(series, line: false, into: &out)
    }
    out += "</figure>\n"
  }

  private static func svgOpen(label: String, height: Double, into out: inout String) {
    out += "<svg class=\"plot\" viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"100%\""
    out += " preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"\(escape(label))\">\n"
    out += "<title>\(escape(label))</title>\n"
  }

  /// `<line class="…" …/>` and a newline.
  private static func svgLine(
    _ cls: String, _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, into out: inout String
  ) {
    out += "<line class=\"\(cls)\" x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\"/>\n"
  }

  /// `<text class="…" …>text</text>` (escaped) and a newline.
  private static func svgText(
    _ cls: String, _ x: Double, _ y: Double, anchor: String? = nil, _ text: String, into out: inout String
  ) {
    out += "<text class=\"\(cls)\" x=\"\(c(x))\" y=\"\(c(y))\""
    if let anchor { out += " text-anchor=\"\(anchor)\"" }
    out += ">\(escape(text))</text>\n"
  }

  private static func legend(_ series: [ChartSeries], line: Bool, into out: inout String) {
    guard !series.isEmpty else { return }
    out += "<ul class=\"legend\">\n"
    for s in series {
      let colour = colour(s.colour)
      out += "<li><svg class=\"key\" viewBox=\"0 0 18 10\" width=\"18\" height=\"10\" aria-hidden=\"true\">"
      if line {
        out += "<line x1=\"1\" y1=\"5\" x2=\"17\" y2=\"5\" stroke=\"\(colour)\" stroke-width=\"3\""
        out += " stroke-linecap=\"round\"/>"
      } else {
        out += "<rect x=\"3\" y=\"0\" width=\"12\" height=\"10\" rx=\"1.5\" fill=\"\(colour)\"/>"
      }
      out += "</svg>\(escape(s.name))</li>\n"
    }
    out += "</ul>\n"
  }

  /// Horizontal gridlines and tick labels of a y axis, and the unit above it.
  private static func yAxis(
    _ scale: Scale, left: Double, right: Double, y: (Double) -> Double, unit: String, formatter: MetricFormatter,
    into out: inout String
  ) {
    for tick in scale.ticks {
      let ty = y(tick)
      let cls = tick == 0 ? "base" : "grid"
      svgLine(cls, left, ty, right, ty, into: &out)
      svgText("tick", left - 6, ty + 4, anchor: "end", formatter.number(tick, decimals: scale.decimals), into: &out)
    }
    if !unit.isEmpty {
      svgText("unit", 4, 12, truncate(unit, 30), into: &out)
    }
  }

  private static func tickLabelWidth(_ scale: Scale, formatter: MetricFormatter) -> Double {
    let longest = scale.ticks.map { formatter.number($0, decimals: scale.decimals).count }.max() ?? 1
    return Double(longest) * charWidth
  }

  /// Which of `count` evenly spaced labels `spacing` apart to show so that labels `labelWidth` wide do
  /// not overlap: every n-th, counted back from the last (the newest week is always labelled).
  private static func labelStride(count: Int, spacing: Double, labelWidth: Double) -> Int {
    guard count > 1, spacing > 0 else { return 1 }
    let needed = ((labelWidth + 10) / spacing).rounded(.up)
    return needed.isFinite ? max(1, min(Int(needed), count)) : count
  }

  /// A finite target, clamped like a value, or `nil`.
  private static func clean(_ target: ChartTarget?) -> ChartTarget? {
    guard let target, let value = clean(target.value) else { return nil }
    return ChartTarget(value: value, label: truncate(target.label, 40))
  }

  /// A dashed horizontal target line across the plot at `y`, its label right-aligned above it.
  private static func horizontalTarget(
    _ target: ChartTarget, left: Double, right: Double, y: Double, into out: inout String
  ) {
    out += "<g class=\"target\">\n"
    svgLine("target", left, y, right, y, into: &out)
    svgText("target", right - 2, y - 4, anchor: "end", target.label, into: &out)
    out += "</g>\n"
  }

  private static func lines(
    label: String, x: [String], series: [ChartSeries], unit: String, target: ChartTarget?, noData: String,
    formatter: MetricFormatter, into out: inout String
  ) {
    let values = series.map { $0.values.map(clean) }
    let target = clean(target)
    let count = max(x.count, values.map(\.count).max() ?? 0)
    let all = values.flatMap { $0.compactMap { $0 } }
    // The scale takes the target in, so that its line is always inside the plot.
    let bounds = all + (target.map { [$0.value] } ?? [])
    let scale = niceScale(minimum: bounds.min() ?? 0, maximum: bounds.max() ?? 0)
    let labels = (0..<count).map { $0 < x.count ? truncate(x[$0], 12) : "" }
    let labelWidth = Double(labels.map(\.count).max() ?? 0) * charWidth
    let height: Double = 260
    let top: Double = unit.isEmpty ? 12 : 26
    let bottom: Double = 28
    let left = max(tickLabelWidth(scale, formatter: formatter) + 12, labelWidth / 2 + 4, 32)
    let right = max(16, labelWidth / 2 + 4)
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    func px(_ i: Int) -> Double {
      count > 1 ? left + plotWidth * Double(i) / Double(count - 1) : left + plotWidth / 2
    }
    func py(_ v: Double) -> Double { top + plotHeight * (1 - (v - scale.lo) / (scale.hi - scale.lo)) }

    svgOpen(label: label, height: height, into: &out)
    yAxis(scale, left: left, right: width - right, y: py, unit: unit, formatter: formatter, into: &out)
    let spacing = count > 1 ? plotWidth / Double(count - 1) : plotWidth
    let stride = labelStride(count: count, spacing: spacing, labelWidth: labelWidth)
    for i in 0..<count where (count - 1 - i) % stride == 0 && !labels[i].isEmpty {
      svgLine("axis", px(i), top + plotHeight, px(i), top + plotHeight + 4, into: &out)
      svgText("tick", px(i), top + plotHeight + 17, anchor: "middle", labels[i], into: &out)
    }
    if all.isEmpty {
      svgText("nodata", left + plotWidth / 2, top + plotHeight / 2, anchor: "middle", noData, into: &out)
    }
    if let target {
      horizontalTarget(target, left: left, right: width - right, y: py(target.value), into: &out)
    }
    let markers = count <= 40
    for (s, line) in series.enumerated() {
      let colour = colour(line.colour)
      let points = values[s]
      out += "<g><title>\(escape(line.name))</title>\n"
      var path = ""
      var penDown = false
      var dots: [Int] = []
      for i in 0..<min(points.count, count) {
        guard let v = points[i] else {
          penDown = false
          continue
        }
        path += "\(penDown ? "L" : "M")\(c(px(i))) \(c(py(v)))"
        let alone = (i == 0 || points[i - 1] == nil) && (i + 1 >= points.count || points[i + 1] == nil)
        if markers || alone { dots.append(i) }
        penDown = true
      }
      if !path.isEmpty {
        out += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.2\""
        out += " stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n"
      }
      for i in dots {
        guard let v = points[i] else { continue }
        let alone = (i == 0 || points[i - 1] == nil) && (i + 1 >= points.count || points[i + 1] == nil)
        out += "<circle cx=\"\(c(px(i)))\" cy=\"\(c(py(v)))\" r=\"\(alone ? "3.4" : "2.6")\""
        out += " fill=\"\(colour)\" stroke=\"#fff\" stroke-width=\"1\"/>\n"
      }
      out += "</g>\n"
    }
    out += "</svg>\n"
  }

  private static func bars(
    label: String, items: [ChartBar], maximum: Double, unit: String, target: ChartTarget?, noData: String,
    formatter: MetricFormatter, into out: inout String
  ) {
    let values = items.map { clean($0.value).map { max($0, 0) } }
    let target = clean(target).map { ChartTarget(value: max($0.value, 0), label: $0.label) }
    let largest = (values.compactMap { $0 } + (target.map { [$0.value] } ?? [])).max() ?? 0
    let scale = niceScale(minimum: 0, maximum: max(maximum.isFinite ? maximum : 0, largest))
    let labels = items.map { truncate($0.label, 40) }
    let shown = items.map { $0.value == nil ? "–" : truncate($0.shown, 24) }
    let rowHeight: Double = 24
    let barHeight: Double = 14
    // A target's label goes above the bars.
    let top: Double = target == nil ? 6 : 20
    let labelColumn = min(max(Double(labels.map(\.count).max() ?? 0) * 6.9 + 10, 40), 300)
    let valueColumn = min(max(Double(shown.map(\.count).max() ?? 0) * 6.9 + 12, 36), 180)
    let barSpace = width - labelColumn - valueColumn
    let plotHeight = rowHeight * Double(max(items.count, 1))
    func px(_ v: Double) -> Double { labelColumn + barSpace * (v - scale.lo) / (scale.hi - scale.lo) }
    // The unit goes right of the last tick where it fits, else on a line of its own under it.
    let unitText = truncate(unit, 30)
    let lastTick = formatter.number(scale.hi, decimals: scale.decimals)
    let unitX = px(scale.hi) + Double(lastTick.count) * charWidth / 2 + 5
    let unitBeside = unitX + Double(unitText.count) * charWidth <= width
    let height = top + plotHeight + (unit.isEmpty || unitBeside ? 24 : 40)

    svgOpen(label: label, height: height, into: &out)
    let axisY = top + plotHeight
    for tick in scale.ticks {
      let tx = px(tick)
      svgLine(tick == 0 ? "base" : "grid", tx, top, tx, axisY, into: &out)
      svgText("tick", tx, axisY + 16, anchor: "middle", formatter.number(tick, decimals: scale.decimals), into: &out)
    }
    if !unit.isEmpty && unitBeside {
      svgText("unit", unitX, axisY + 16, unitText, into: &out)
    } else if !unit.isEmpty {
      svgText("unit", width - 4, axisY + 32, anchor: "end", unitText, into: &out)
    }
    if items.isEmpty {
      svgText("nodata", labelColumn + barSpace / 2, top + plotHeight / 2 + 4, anchor: "middle", noData, into: &out)
    }
    for (i, item) in items.enumerated() {
      let rowTop = top + rowHeight * Double(i)
      let middle = rowTop + rowHeight / 2
      out += "<g>"
      if labels[i] != item.label { out += "<title>\(escape(item.label))</title>" }
      out += "\n"
      svgText("label", labelColumn - 8, middle + 4, anchor: "end", labels[i], into: &out)
      var end = labelColumn
      if let v = values[i] {
        let barWidth = max(px(v) - labelColumn, 0)
        if barWidth > 0 {
          out += "<rect x=\"\(c(labelColumn))\" y=\"\(c(middle - barHeight / 2))\" width=\"\(c(barWidth))\""
          out += " height=\"\(c(barHeight))\" fill=\"\(colour(0))\"/>\n"
        }
        end += barWidth
      }
      svgText("value", end + 5, middle + 4, shown[i], into: &out)
      out += "</g>\n"
    }
    if let target {
      // A dashed vertical line over the bars; the label above it, towards the plot's middle.
      let tx = px(target.value)
      let anchor = tx > labelColumn + barSpace / 2 ? "end" : "start"
      out += "<g class=\"target\">\n"
      svgLine("target", tx, top - 4, tx, axisY, into: &out)
      svgText("target", anchor == "end" ? tx - 4 : tx + 4, top - 8, anchor: anchor, target.label, into: &out)
      out += "</g>\n"
    }
    out += "</svg>\n"
  }

  private static func groupedBars(
    label: String, groups: [String], series: [ChartSeries], maximum: Double, unit: String, target: ChartTarget?,
    noData: String, formatter: MetricFormatter, into out: inout String
  ) {
    let values = series.map { $0.values.map { clean($0).map { max($0, 0) } } }
    let target = clean(target).map { ChartTarget(value: max($0.value, 0), label: $0.label) }
    let count = max(groups.count, values.map(\.count).max() ?? 0)
    let all = values.flatMap { $0.compactMap { $0 } }
    let largest = (all + (target.map { [$0.value] } ?? [])).max() ?? 0
    let scale = niceScale(minimum: 0, maximum: max(maximum.isFinite ? maximum : 0, largest))
    let labels = (0..<count).map { $0 < groups.count ? truncate(groups[$0], 16) : "" }
    let labelWidth = Double(labels.map(\.count).max() ?? 0) * charWidth
    let height: Double = 260
    let top: Double = unit.isEmpty ? 14 : 28
    let bottom: Double = 28
    let left = max(tickLabelWidth(scale, formatter: formatter) + 12, 32)
    let right: Double = 12
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    func py(_ v: Double) -> Double { top + plotHeight * (1 - (v - scale.lo) / (scale.hi - scale.lo)) }
    let groupWidth = plotWidth / Double(max(count, 1))
    let inner = groupWidth * 0.76
    let slot = inner / Double(max(series.count, 1))
    let barWidth = slot * (series.count > 1 ? 0.86 : 1)
    // One decimal for all labels if any value has a fraction (and all are under 100), else none.
    let valueDecimals = all.allSatisfy { $0 == $0.rounded() } || (all.max() ?? 0) >= 100 ? 0 : 1
    func valueLabel(_ v: Double) -> String { formatter.number(v, decimals: valueDecimals) }
    let valueText = all.map { valueLabel($0).count }.max() ?? 0
    let showValues = barWidth >= max(Double(valueText) * 5.6 + 2, 14)

    svgOpen(label: label, height: height, into: &out)
    yAxis(scale, left: left, right: width - right, y: py, unit: unit, formatter: formatter, into: &out)
    let stride = labelStride(count: count, spacing: groupWidth, labelWidth: labelWidth)
    for g in 0..<count where (count - 1 - g) % stride == 0 && !labels[g].isEmpty {
      let middle = left + groupWidth * (Double(g) + 0.5)
      svgText("tick", middle, top + plotHeight + 18, anchor: "middle", labels[g], into: &out)
    }
    if all.isEmpty {
      svgText("nodata", left + plotWidth / 2, top + plotHeight / 2, anchor: "middle", noData, into: &out)
    }
    let base = py(0)
    for (s, bar) in series.enumerated() {
      let colour = colour(bar.colour)
      out += "<g fill=\"\(colour)\"><title>\(escape(bar.name))</title>\n"
      for g in 0..<min(values[s].count, count) {
        guard let v = values[s][g] else { continue }
        let x = left + groupWidth * Double(g) + (groupWidth - inner) / 2 + slot * Double(s) + (slot - barWidth) / 2
        let y = py(v)
        let h = max(base - y, 0)
        if h > 0 {
          out += "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(barWidth))\" height=\"\(c(h))\"/>\n"
        }
        if showValues {
          svgText("value small", x + barWidth / 2, y - 4, anchor: "middle", valueLabel(v), into: &out)
        }
      }
      out += "</g>\n"
    }
    // The baseline again, over the bars.
    svgLine("base", left, base, width - right, base, into: &out)
    if let target {
      horizontalTarget(target, left: left, right: width - right, y: py(target.value), into: &out)
    }
    out += "</svg>\n"
  }

  // MARK: - Page

  /// No scripts, no fetches of any kind; only the inline stylesheet.
  private static let contentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"

  private static let stylesheet = """
    :root {
      --ink: #1b2530;
      --muted: #5a6673;
      --rule: #d6dce2;
      --accent: #1f5fa8;
      --head: #eef2f6;
      --stripe: #f8f9fb;
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body {
      margin: 0;
      background: #eef1f4;
      color: var(--ink);
      font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
        "Liberation Sans", sans-serif;
      -webkit-print-color-adjust: exact;
      print-color-adjust: exact;
    }
    main {
      max-width: 60rem;
      margin: 1.5rem auto;
      padding: 2rem 2.5rem 2.5rem;
      background: #fff;
      border-top: 6px solid var(--accent);
      box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08);
    }
    header { margin-bottom: 1.5rem; }
    h1 { font-size: 1.65rem; line-height: 1.25; margin: 0 0 0.35rem; font-weight: 700; }
    .subtitle { margin: 0; color: var(--muted); font-size: 0.92rem; }
    section { margin: 2rem 0 0; }
    p, li, h1, h2, h3, figcaption { overflow-wrap: anywhere; }
    h2 {
      font-size: 1.2rem;
      margin: 0 0 0.75rem;
      padding-bottom: 0.3rem;
      border-bottom: 2px solid var(--accent);
      color: var(--ink);
      break-after: avoid;
    }
    h3 { font-size: 1rem; margin: 1.25rem 0 0.5rem; break-after: avoid; }
    p { margin: 0.5rem 0; }
    ul { margin: 0.5rem 0; padding-left: 1.4rem; }
    li { margin: 0.15rem 0; }
    strong { font-weight: 650; }
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
      font-size: 0.88em;
      background: var(--head);
      padding: 0.05em 0.3em;
      border-radius: 3px;
    }
    table { width: 100%; border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }
    thead { display: table-header-group; }
    th, td {
      padding: 0.35rem 0.55rem;
      text-align: left;
      vertical-align: top;
      border-bottom: 1px solid var(--rule);
      overflow-wrap: break-word;
    }
    th { background: var(--head); font-weight: 600; border-bottom: 2px solid #b9c3cd; }
    tbody tr:nth-child(even) { background: var(--stripe); }
    tr { break-inside: avoid; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    td.num { white-space: nowrap; }
    .empty { color: var(--muted); font-style: italic; }
    .note { color: var(--muted); font-size: 0.82rem; margin-top: 0.25rem; }
    .rag { font-weight: 600; }
    .rag-red { color: #c0392b; }
    .rag-amber { color: #a86d00; }
    .rag-green { color: #2e7d32; }
    .good { color: #2e7d32; }
    .bad { color: #c0392b; }
    figure { margin: 1rem 0 1.5rem; break-inside: avoid; }
    figcaption { font-weight: 600; font-size: 0.95rem; margin-bottom: 0.4rem; }
    svg.plot { display: block; width: 100%; height: auto; }
    svg.plot text { font-family: inherit; font-size: 11px; fill: #3d4853; }
    svg.plot .label { font-size: 12px; fill: var(--ink); }
    svg.plot .value { font-size: 11.5px; font-variant-numeric: tabular-nums; fill: var(--ink); }
    svg.plot .small { font-size: 10px; fill: #3d4853; }
    svg.plot .unit { fill: var(--muted); }
    svg.plot .nodata { font-size: 13px; fill: var(--muted); }
    svg.plot .grid { stroke: #e2e7ec; stroke-width: 1; }
    svg.plot .base, svg.plot .axis { stroke: #8b96a1; stroke-width: 1; }
    svg.plot line.target { stroke: #c0392b; stroke-width: 1.5; stroke-dasharray: 6 4; }
    svg.plot text.target { font-size: 11px; font-weight: 600; fill: #c0392b; }
    .legend {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: 0.2rem 1.25rem;
      margin: 0.4rem 0 0;
      padding: 0;
      font-size: 0.85rem;
      color: var(--ink);
    }
    .legend li { margin: 0; display: inline-flex; align-items: center; gap: 0.4rem; }
    .legend svg.key { flex: none; }
    @media (max-width: 40rem) {
      main { margin: 0; padding: 1.25rem 1rem 2rem; }
    }
    @page { size: A4; margin: 15mm; }
    @media print {
      body { background: #fff; font-size: 10pt; }
      main { max-width: none; margin: 0; padding: 0; border-top: 0; box-shadow: none; }
      header { border-bottom: 3px solid var(--accent); padding-bottom: 0.5rem; }
      section.keep, figure, tr, .legend { break-inside: avoid; }
      section.page { break-after: page; }
      /* The briefing holds the first A4 page: smaller type and tighter lines than the details after it. */
      #briefing { font-size: 8.5pt; line-height: 1.3; }
      #briefing h3 { margin: 0.55rem 0 0.1rem; font-size: 9pt; }
      #briefing ul { margin: 0; padding-left: 1rem; }
      #briefing li { margin: 0; }
      h2, h3, figcaption { break-after: avoid; }
      table { font-size: 9pt; }
    }

    """
}
