import DigITCore
import DigITDashboard
import Foundation
import Testing

/// Every shipped dashboard tab, an office and a project at 80×24, 120×36 and 200×50: each screen is a
/// golden file (`Golden/screen-<name>-<w>x<h>.txt`), and all of them keep the layout rules: no word cut
/// where its line has 20 or more unused columns, and no box left empty.
@Suite struct ScreenLayoutTests {
  static let sizes = [(80, 24), (120, 36), (200, 50)]

  /// The screens of one size, by name: each tab (by its file), the Bürgeramt and its second project.
  static func screens(width: Int, height: Int, language: Language = .de) -> [(String, AppState)] {
    let base = Sample.state(width: width, height: height, language: language)
    var out: [(String, AppState)] = []
    for (i, tab) in base.tabs.enumerated() {
      var s = base
      Sample.press([.char(Character("\(i + 1)"))], &s)
      out.append((String(tab.file.split(separator: ".")[0]), s))
    }
    var office = base
    Sample.press([.down, .down, .down, .enter], &office)
    out.append(("office", office))
    var project = office
    Sample.press([.down, .enter], &project)
    out.append(("project", project))
    return out
  }

  /// What breaks the rules on a screen, in words (empty: none). In a box, a word cut with `…` (in its
  /// title or inside) while 20 or more of its columns are blank in every line; outside boxes, a cut word
  /// in a line with 20 or more unused columns (runs of three blanks or more); and a box with nothing in it.
  static func violations(_ screen: ScreenBuffer) -> [String] {
    var found: [String] = []
    func text(_ y: Int, _ from: Int, _ to: Int) -> String {
      String((from..<to).map { screen[$0, y] }.filter { !$0.isContinuation }.map(\.character))
    }
    // A word cut by the buffer ends in "…" right after a letter ("… 14 weitere" is not a cut).
    func cuts(_ line: String) -> Bool {
      var previous: Character = " "
      for ch in line {
        if ch == "…" && previous != " " && previous != "│" && previous != "─" { return true }
        previous = ch
      }
      return false
    }
    var inBox = Set<Int>()
    for y in 0..<screen.height {
      for x in 0..<screen.width where screen[x, y].character == "┌" {
        guard let right = (x + 1..<screen.width).first(where: { screen[$0, y].character == "┐" }),
          let bottom = (y + 1..<screen.height).first(where: { screen[x, $0].character == "└" }),
          bottom > y + 1, right > x + 1
        else { continue }
        for yy in y...bottom { inBox.insert(yy) }
        let inside = (y + 1)..<bottom
        let blank = (x + 1..<right).filter { xx in inside.allSatisfy { screen[xx, $0].character == " " } }
        if blank.count == right - x - 1 {
          found.append("the box at \(x),\(y) is empty: \(text(y, x, right + 1))")
          continue
        }
        for yy in y..<bottom where cuts(text(yy, x + 1, right)) && blank.count >= 20 {
          found.append(
            "a word is cut in the box at \(x),\(y) with \(blank.count) blank columns: \(text(yy, x, right + 1))")
        }
      }
    }
    for y in 0..<screen.height where !inBox.contains(y) {
      let line = text(y, 0, screen.width)
      guard cuts(line) else { continue }
      var unused = 0
      var run = 0
      for ch in line + "x" {
        if ch == " " {
          run += 1
        } else {
          if run >= 3 { unused += run }
          run = 0
        }
      }
      if unused >= 20 { found.append("line \(y) cuts a word and leaves \(unused) columns unused: \(line)") }
    }
    return found
  }

  @Test(arguments: [0, 1, 2]) func goldenScreens(size: Int) throws {
    let (w, h) = Self.sizes[size]
    for (name, state) in Self.screens(width: w, height: h) {
      try Sample.expectGolden(Renderer.render(state), "screen-\(name)-\(w)x\(h)")
    }
  }

  @Test(arguments: [0, 1, 2]) func everyScreenKeepsTheLayoutRules(size: Int) {
    let (w, h) = Self.sizes[size]
    for language in Language.allCases {
      for (name, state) in Self.screens(width: w, height: h, language: language) {
        let found = Self.violations(Renderer.render(state))
        #expect(found.isEmpty, "\(name) \(w)×\(h) \(language): \(found.joined(separator: "\n"))")
      }
    }
  }

  /// At 60×20 too, no box is empty and no word is cut beside unused columns.
  @Test func aSmallWindowKeepsTheLayoutRules() {
    for (name, state) in Self.screens(width: 60, height: 20) {
      let found = Self.violations(Renderer.render(state))
      #expect(found.isEmpty, "\(name) 60×20: \(found.joined(separator: "\n"))")
    }
  }

  /// At 60×20 the office screen shows the first rows of its services and KPIs (it drew empty boxes).
  @Test func aSmallOfficeScreenShowsEveryBoxsFirstRows() {
    var s = Sample.state(width: 60, height: 20)
    Sample.press([.down, .down, .down, .enter], &s)
    let screen = Renderer.render(s)
    #expect(Self.violations(screen).isEmpty, "\(Self.violations(screen))")
    #expect(screen.description.contains("Wohnsitz anmelden"))
    #expect(screen.description.contains("Reife"))
  }

  /// The rule finds what it is for: a word cut next to unused columns, and an empty box.
  @Test func theRulesFindACutWordAndAnEmptyBox() {
    var b = ScreenBuffer(width: 60, height: 5)
    b.put("Elektronische Wohnsitzanmeldung", x: 0, y: 0, width: 12)
    #expect(Self.violations(b).count == 1)
    var cut = ScreenBuffer(width: 40, height: 4)
    let inner = Widgets.box("Projekte", in: Rect(x: 0, y: 0, width: 40, height: 4), into: &cut)
    cut.put("Elektronische Wohnsitzanmeldung", x: inner.x, y: inner.y, width: 12)
    cut.put("Amt 33", x: inner.x, y: inner.y + 1)
    #expect(Self.violations(cut).count == 1)
    cut.put("Elektronische Wohnsitzanmeldung einführen", x: inner.x, y: inner.y + 1, width: inner.width)
    #expect(Self.violations(cut).isEmpty)
    var box = ScreenBuffer(width: 20, height: 5)
    Widgets.box("Leer", in: Rect(x: 0, y: 0, width: 20, height: 5), into: &box)
    #expect(Self.violations(box).count == 1)
    Widgets.paragraph("Inhalt", in: Rect(x: 1, y: 1, width: 18, height: 3), into: &box)
    #expect(Self.violations(box).isEmpty)
  }
}

/// Lists that do not show every row say how many they leave out, and every list can take the focus.
@Suite struct HiddenRowsTests {
  @Test func theRisksTabsOverdueMilestonesSayHowManyAreNotShownAndTakeTheFocus() {
    var s = Sample.state(width: 120, height: 36)
    Sample.press([.char("5")], &s)
    let before = Renderer.render(s).description
    #expect(before.contains(" weitere"))
    Sample.press([.char("f")], &s)
    #expect(s.top.panel == 1)
    let rows = Focus.of(s.top, in: s).rows
    guard case .milestone = rows.first else {
      Issue.record("the second panel is not the milestones")
      return
    }
    Sample.press([.end], &s)
    #expect(s.top.selection == rows.count - 1)
    let screen = Renderer.render(s).description
    #expect(screen.contains("↑"))
    Sample.press([.char("f")], &s)
    #expect(s.top.panel == 0)
  }

  @Test func everyListKindSaysHowManyRowsItLeavesOut() {
    // The office table, the Risks list and milestones, the OZG services, an office's projects and
    // services, a project's items: all at a size too small for their rows.
    var seen: [String] = []
    for key in ["2", "3", "5"] {  // the overview, OZG and Risks (the briefing is tab 1)
      var s = Sample.state(width: 100, height: 16)
      Sample.press([.char(Character(key))], &s)
      let text = Renderer.render(s).description
      if text.contains(" weitere") { seen.append(key) }
    }
    #expect(seen == ["2", "3", "5"])
    var office = Sample.state(width: 100, height: 16)
    Sample.press([.down, .down, .down, .enter], &office)
    #expect(Renderer.render(office).description.contains(" weitere"))
    var project = Sample.state(width: 100, height: 24)
    Sample.press([.enter, .enter], &project)
    let items = Focus.of(project.top, in: project).rows.count
    #expect(items > project.visibleRows)
    #expect(Renderer.render(project).description.contains("+\(items - project.visibleRows) weitere"))
  }

  @Test func anOfficeScreenFocusesItsServicesAndKPIs() {
    var s = Sample.state()
    Sample.press([.down, .down, .down, .enter, .char("f")], &s)
    guard case .service? = Focus.of(s.top, in: s).rows.first else {
      Issue.record("f does not focus the services")
      return
    }
    Sample.press([.char("f")], &s)
    guard case .kpi? = Focus.of(s.top, in: s).rows.first else {
      Issue.record("f does not focus the KPIs")
      return
    }
    Sample.press([.enter], &s)  // a KPI opens its weekly series
    #expect(s.stack.count == 3)
  }
}

/// Rows that can be told apart, sorted as people expect.
@Suite struct RowsAndSortingTests {
  @Test func theRisksListShowsProjectIdsOfficesAndAHeader() {
    var s = Sample.state(width: 200, height: 50)
    Sample.press([.char("5")], &s)
    let lines = Renderer.render(s).lines
    #expect(lines.contains { $0.contains("Projekte") && $0.contains("Id") && $0.contains("Gründe") })
    let data = s.report.data
    let first = Focus.of(s.top, in: s).rows[0]
    guard case .project(let o, let p) = first else { return }
    #expect(lines.contains { $0.contains(data.offices[o].projects[p].id) && $0.contains(data.offices[o].displayName) })
  }

  @Test func theOZGTableNamesTheOffice() {
    var s = Sample.state(width: 200, height: 50)
    Sample.press([.char("3")], &s)
    let lines = Renderer.render(s).lines
    #expect(lines.contains { $0.contains("OZG-Leistungen") && $0.contains("Amt ") && $0.contains("Reife") })
    #expect(lines.contains { $0.contains("Wohnsitz anmelden") && $0.contains("Bürgeramt") })
  }

  @Test func risksAreRedBeforeAmberThenByDueDay() {
    var s = Sample.state()
    Sample.press([.char("5")], &s)
    let rows = Focus.of(s.top, in: s).rows
    var last: (Int, Int32) = (Int.max, Int32.min)
    for row in rows {
      guard case .project(let o, let p) = row, let rag = s.report.offices[o].projects[p].project?.rag else { continue }
      let level = rag == .red ? 2 : rag == .amber ? 1 : 0
      let due = s.report.data.offices[o].projects[p].due?.rawValue ?? .max
      #expect(level < last.0 || (level == last.0 && due >= last.1), "\(row)")
      last = (level, due)
    }
  }

  @Test func overdueMilestonesAreByDueDay() {
    var s = Sample.state()
    Sample.press([.char("5"), .char("f")], &s)
    let due = Focus.of(s.top, in: s).rows.compactMap { row -> Int32? in
      guard case .milestone(let o, let m) = row else { return nil }
      return s.report.data.offices[o].milestones[m].due?.rawValue
    }
    #expect(due.count > 10)
    #expect(due == due.sorted())
  }

  @Test func greaterAndLessMoveTheSortColumnAndTheHeaderShowsIt() {
    var s = Sample.state()
    // The overview sorts by red projects (●, biggest first); > moves to amber, < back and to the name.
    #expect(Renderer.render(s).lines[8].contains("●▼"))
    Sample.press([.char(">")], &s)
    #expect(Focus.of(s.top, in: s).sort?.column == "projects.amber")
    #expect(Renderer.render(s).lines[8].contains("◐▼"))
    Sample.press([.char("<"), .char("<")], &s)
    #expect(Focus.of(s.top, in: s).sort?.column == nil)
    #expect(Renderer.render(s).lines[8].contains("Amt▲"))
  }

  @Test func aDateColumnSortsTheEarliestFirst() {
    var s = Sample.state()
    Sample.press([.char("5"), .char(">")], &s)
    // From the RAG order to the due day: the earliest first (the most urgent).
    #expect(Focus.of(s.top, in: s).sort?.column == "project.due")
    #expect(Focus.of(s.top, in: s).sort?.descending == false)
  }

  @Test func theSortedColumnIsNotDroppedByANarrowWindow() {
    var s = Sample.state(width: 60, height: 30)
    Sample.press([.char("<"), .char("<")], &s)  // from red projects to the name, then round to the last column
    #expect(Focus.of(s.top, in: s).sort?.column == "ozg.pending")
    let header = Renderer.render(s).lines.first { $0.contains("Amt") && $0.contains("▼") }
    #expect(header != nil)
  }

  @Test func theHelpScreenExplainsTheSigns() {
    for l in Language.allCases {
      var s = Sample.state(width: 120, height: 60, language: l)
      Sample.press([.char("?")], &s)
      let text = Renderer.render(s).description
      for w in [
        Words.legend, .legendRAG, .legendArrows, .legendPercentiles, .legendPoints, .legendWeek, .legendMissing,
      ] {
        #expect(text.contains(w(l)), "\(w)")
      }
    }
  }

  /// In a narrow window the help wraps its lines instead of cutting them.
  @Test func theHelpWrapsInANarrowWindow() {
    for l in Language.allCases {
      var s = Sample.state(width: 80, height: 60, language: l)
      Sample.press([.char("?")], &s)
      let lines = Renderer.render(s).lines
      #expect(!lines.dropFirst(3).dropLast().contains { $0.contains("…│") }, "\(l)")
      #expect(lines.contains { $0.hasPrefix("│                        ") })
    }
  }

  @Test func theSelectedRowsCutWordsAreShownUnderTheRows() {
    var s = Sample.state(width: 80, height: 24)
    Sample.press([.char("5")], &s)
    let rows = Focus.of(s.top, in: s).rows
    guard case .project(let o, let p) = rows[0] else { return }
    let reasons = s.report.offices[o].projects[p].project!.reasons.map { $0.text(.de) }.joined(separator: "; ")
    let text = Renderer.render(s).description
    #expect(text.contains(String(reasons.prefix(20))))
  }
}
