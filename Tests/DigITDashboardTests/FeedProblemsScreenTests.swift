import DigITCore
import DigITDashboard
import DigITFeeds
import DigITMetrics
import DigITTestSupport
import Testing

/// The feed-problems screen (`d`): messages in the user's language, wrapped over several lines with the
/// continuation lines indented, never cut, and scrolling by problem.
@Suite struct FeedProblemsScreenTests {
  /// 30 problems of one office whose German messages are two to four times as wide as an 80-column screen.
  static func longProblems() -> [Diagnostic] {
    (1...30).map { i in
      let value = String(repeating: "Wert\(i)-", count: 3 + i % 4)
      return Diagnostic(
        .error, office: "buergeramt", file: "offices/buergeramt/backlog.csv", line: 100 + i, column: "created",
        Bilingual(
          "\"\(value)\" is not a date (expected e.g. 2026-11-24 or 24.11.2026); the row is skipped and counted, "
            + "and the office's backlog figures leave it out until the file is corrected (problem \(i) ends here)",
          de: "„\(value)“ ist kein Datum (erwartet z. B. 24.11.2026 oder 2026-11-24); die Zeile wird übersprungen "
            + "und gezählt, und die Backlog-Zahlen des Amts lassen sie aus, bis die Datei berichtigt ist (Problem \(i) endet hier)"
        ))
    }
  }

  static func state(width: Int, height: Int, language: Language = .de) -> AppState {
    var s = Sample.state(width: width, height: height, language: language)
    s.load.diagnostics = longProblems()
    Sample.press([.char("d")], &s)
    return s
  }

  /// The lines of the list inside the box (below its header line), without the box border.
  static func listLines(_ buffer: ScreenBuffer) -> [String] {
    let lines = buffer.lines
    guard let header = lines.firstIndex(where: { $0.contains("Datei:Zeile") || $0.contains("file:line") }) else {
      return []
    }
    return lines[(header + 1)...].prefix { $0.hasPrefix("│") }.map { line in
      var l = Substring(line.dropFirst())
      if l.hasSuffix("│") { l = l.dropLast() }
      return String(l.reversed().drop { $0 == " " }.reversed())
    }
  }

  /// The problems as the screen shows them: a line that starts without indentation begins a row.
  static func rowsShown(_ buffer: ScreenBuffer) -> [String] {
    var rows: [String] = []
    for line in listLines(buffer) where !line.isEmpty {
      if line.hasPrefix("    "), !rows.isEmpty {
        rows[rows.count - 1] += " " + line.drop { $0 == " " }
      } else {
        rows.append(line)
      }
    }
    return rows
  }

  @Test(arguments: [(80, 24), (120, 36), (200, 50)])
  func everyShownProblemIsReadableInFull(width: Int, height: Int) {
    let s = Self.state(width: width, height: height)
    let shown = Self.rowsShown(Renderer.render(s))
    #expect(shown.count >= 3)
    let problems = Self.longProblems()
    // The first row is the office's heading; each row after it is one whole problem in German (the last
    // one may go on below the bottom edge, where scrolling reaches it).
    for (i, row) in shown.dropFirst().enumerated() {
      if i == shown.count - 2 {
        #expect(problems[i].description(.de).hasPrefix(row), "last row at \(width)×\(height)")
      } else {
        #expect(row == problems[i].description(.de), "row \(i) at \(width)×\(height)")
      }
    }
    #expect(!Self.listLines(Renderer.render(s)).contains { $0.hasSuffix("…") })
  }

  @Test func longMessagesTakeSeveralLinesWithTheContinuationIndented() {
    let lines = Self.listLines(Renderer.render(Self.state(width: 80, height: 24)))
    let continuation = lines.filter { $0.hasPrefix("    ") }
    #expect(continuation.count >= 3)
    // A German message, with the German severity word.
    #expect(lines.contains { $0.hasPrefix("offices/buergeramt/backlog.csv:101: Fehler: created:") })
    #expect(lines.contains { $0.hasPrefix("    „Wert1-Wert1-Wert1-Wert1-“ ist kein Datum") })
    #expect(lines.allSatisfy { ScreenBuffer.displayWidth($0) <= 78 })
  }

  @Test func englishMessagesWithEnglishSeverities() {
    let shown = Self.rowsShown(Renderer.render(Self.state(width: 120, height: 36, language: .en)))
    #expect(shown.dropFirst().first == Self.longProblems()[0].description)
    #expect(shown.dropFirst().first?.contains(": error: created: \"Wert1-") == true)
    #expect(shown.count > 2)
  }

  @Test func scrollingMovesByProblemAndShowsTheSelectedOneWhole() {
    var s = Self.state(width: 80, height: 24)
    let heading = Self.rowsShown(Renderer.render(s)).first
    let problems = Self.longProblems()
    for step in 1...20 {
      Sample.press([.down], &s)
      // Row 0 is the heading, so the selected problem is the one before the selection.
      #expect(s.top.selection == step)
      let buffer = Renderer.render(s)
      let shown = Self.rowsShown(buffer)
      let selected = problems[step - 1].description(.de)
      #expect(shown.contains(selected), "step \(step): the selected problem is not shown whole")
      // Scrolled by whole problems: the first row shown is a problem's (or the heading's) first line.
      let first = Self.listLines(buffer).first ?? ""
      #expect(!first.hasPrefix(" "), "step \(step): the view starts inside a problem: \(first)")
    }
    // And back up: the view follows the selection to the top.
    Sample.press(Array(repeating: .up, count: 20), &s)
    #expect(s.top.selection == 0)
    #expect(s.top.offset == 0)
    #expect(Self.rowsShown(Renderer.render(s)).first == heading)
  }

  @Test func theEndShowsTheLastProblemWhole() {
    var s = Self.state(width: 80, height: 24)
    Sample.press([.end], &s)
    let shown = Self.rowsShown(Renderer.render(s))
    #expect(shown.last == Self.longProblems().last!.description(.de))
  }

  @Test func goldenAt80x24() throws {
    var s = Self.state(width: 80, height: 24)
    Sample.press([.down, .down, .down], &s)
    try Sample.expectGolden(Renderer.render(s), "diagnostics-wrapped-80x24")
  }
}

@Suite struct WrapTests {
  @Test func wrapsAtSpacesAndIndentsTheContinuation() {
    #expect(
      Widgets.wrap("a.csv:3: Fehler: „x“ ist keine Zahl", width: 20, indent: 2) == [
        "a.csv:3: Fehler: „x“", "  ist keine Zahl",
      ])
  }

  @Test func aWordWiderThanTheLineIsBrokenNotCut() {
    let lines = Widgets.wrap("ab " + String(repeating: "x", count: 25), width: 10, indent: 2)
    #expect(lines == ["ab", "  xxxxxxxx", "  xxxxxxxx", "  xxxxxxxx", "  x"])
    #expect(lines.joined().filter { $0 == "x" }.count == 25)
  }

  @Test func wideCharactersCountTwoColumns() {
    let lines = Widgets.wrap("漢字漢字漢字", width: 5, indent: 0)
    #expect(lines == ["漢字", "漢字", "漢字"])
  }

  @Test func shortTextIsOneLine() {
    #expect(Widgets.wrap("kurz", width: 80, indent: 4) == ["kurz"])
    #expect(Widgets.wrap("", width: 80, indent: 4) == [""])
  }
}
