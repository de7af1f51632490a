import DigITCore
import DigITMetrics

/// `summary.md`: the report as CommonMark with GFM pipe tables, readable as plain text in an email.
///
/// Every run of text is escaped: Markdown punctuation and `<`, `>`, `&` get a backslash (so feed text can
/// neither format, link, nor inject HTML), `|` is escaped in tables (also inside code), line breaks become
/// spaces, and control, bidi-override and zero-width characters become U+FFFD.
public enum SnapshotMarkdown {
  public static func render(_ d: ReportDocument) -> [UInt8] {
    var out = "# " + inline([Inline(d.title)], table: false) + "\n\n"
    out += inline(d.subtitle, table: false) + "\n"
    for section in d.sections {
      out += "\n## " + inline([Inline(section.title)], table: false) + "\n"
      for block in section.blocks {
        switch block {
        case .paragraph(let runs): out += "\n" + inline(runs, table: false) + "\n"
        case .subheading(let text): out += "\n### " + inline([Inline(text)], table: false) + "\n"
        case .bullets(let items):
          out += "\n"
          for item in items { out += "- " + inline(item, table: false) + "\n" }
        case .chart: break
        case .table(let t): out += "\n" + table(t)
        }
      }
    }
    return Array(out.utf8)
  }

  static func table(_ t: ReportTable) -> String {
    guard !t.rows.isEmpty else { return "_" + escape(t.emptyText, table: false) + "_\n" }
    var out = "| " + t.header.map { escape($0, table: true) }.joined(separator: " | ") + " |\n"
    out += "|" + t.align.map { $0 == .right ? "---:|" : "---|" }.joined() + "\n"
    for row in t.rows {
      out +=
        "| "
        + row.map { cell in
          let text = inline(cell, table: true)
          return text.isEmpty ? " " : text
        }.joined(separator: " | ") + " |\n"
    }
    if let note = t.note { out += "\n_" + escape(note, table: false) + "_\n" }
    return out
  }

  /// Runs as Markdown. Outside tables the first run starts a line, where a leading list or heading
  /// marker must be escaped.
  static func inline(_ runs: [Inline], table: Bool) -> String {
    runs.enumerated().map { i, run in
      let start = !table && i == 0
      switch run.style {
      case .plain: return escape(run.text, table: table, lineStart: start)
      case .strong: return "**" + escape(run.text, table: table) + "**"
      case .code: return code(run.text, table: table)
      }
    }.joined()
  }

  /// A code span: fenced with one backtick more than the longest run of backticks inside.
  static func code(_ text: String, table: Bool) -> String {
    var text = Inert.text(text)
    if table { text = text.replacing("|", with: "\\|") }
    var longest = 0
    var run = 0
    for c in text.unicodeScalars {
      run = c == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = text.hasPrefix("`") || text.hasSuffix("`") || text.isEmpty ? " " : ""
    return fence + pad + text + pad + fence
  }

  /// Characters that mean something in Markdown (or HTML inside Markdown).
  static let special: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&"]

  static func escape(_ text: String, table: Bool, lineStart: Bool = false) -> String {
    var out = String.UnicodeScalarView()
    for u in Inert.text(text).unicodeScalars {
      if special.contains(u) { out.append("\\") }
      out.append(u)
    }
    var s = String(out)
    guard lineStart else { return s }
    // At the start of a line, "-", "+", "#" or "1." would make a list or a heading: escape the marker.
    if let first = s.unicodeScalars.first, "-+#".unicodeScalars.contains(first) {
      s = "\\" + s
    } else if let dot = s.firstIndex(where: { !("0"..."9").contains($0) }), dot != s.startIndex,
      s[dot] == "." || s[dot] == ")"
    {
      s.insert("\\", at: dot)
    }
    return s
  }
}
