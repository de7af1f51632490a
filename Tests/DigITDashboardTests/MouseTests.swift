import DigITCore
import DigITDashboard
import DigITMetrics
import DigITTestSupport
import Foundation
import Testing

/// The mouse as in lazygit and btop, through the whole loop (recording terminal, fake clock): a click
/// selects, a double click opens, the wheel scrolls, a click on a tab or the breadcrumb goes there.
@Suite struct MouseTests {
  static func harness(width: Int = 120, height: Int = 36) throws -> DashboardHarness {
    try DashboardHarness(
      root: Sample.root, asOf: Sample.asOf, dashboards: CLI.dashboardsWithoutBriefing,
      snapshots: FileManager.default.temporaryDirectory.appendingPathComponent("digit-mouse-none").path,
      width: width, height: height)
  }

  /// The screen line (0-based) that shows a text first, in the last frame.
  static func line(_ h: DashboardHarness, _ text: String) -> Int? {
    h.terminal.screen?.lines.firstIndex { $0.contains(text) }
  }

  static func selectedName(_ h: DashboardHarness) -> String {
    let rows = Focus.of(h.state.top, in: h.state).rows
    return Rows.name(rows[h.state.top.selection], state: h.state)
  }

  @Test func theRuntimeTurnsTheMouseOnAndTheHelpSaysWhatItDoes() throws {
    let h = try Self.harness()
    #expect(h.terminal.mouse)
    h.press(.char("?"))
    #expect(h.screen.description.contains("Klick wählt"))
    // Off (`--no-mouse`): the terminal keeps the mouse, the help says nothing about it.
    var s = Sample.state()
    s.mouse = false
    let t = RecordingTerminal()
    _ = Runtime(state: s, terminal: t, environment: h.environment, files: h.environment.scan())
    #expect(!t.mouse)
    update(&s, .key(.char("?")))
    #expect(!Renderer.render(s).description.contains("Klick wählt"))
  }

  @Test func aClickSelectsTheRowUnderIt() throws {
    let h = try Self.harness()
    h.turn()
    let y = try #require(Self.line(h, "Amt 33 – Bürgeramt"))
    h.terminal.click(x: 10, y: y)
    h.turn()
    #expect(Self.selectedName(h) == "Amt 33 – Bürgeramt")
    #expect(h.state.top.screen == .dashboard(0))  // one click only selects
    // The frame shows the selection where the click was.
    h.turn()
    #expect(h.terminal.screen![10, y].style.role == .selected)
  }

  @Test func aDoubleClickOpensAndTwoSlowClicksDoNot() throws {
    let h = try Self.harness()
    h.turn()
    let y = try #require(Self.line(h, "Amt 33 – Bürgeramt"))
    h.terminal.click(x: 10, y: y)
    h.turn()
    h.clock.advance(by: 0.6)
    h.terminal.click(x: 10, y: y)
    h.turn()
    #expect(h.state.top.screen == .dashboard(0))
    h.clock.advance(by: 0.2)
    h.terminal.click(x: 10, y: y)
    h.turn()
    #expect(h.state.top.screen == .office("buergeramt"))
  }

  @Test func theWheelScrollsAndKeepsTheSelectionInView() throws {
    let h = try Self.harness(width: 120, height: 24)
    h.turn()
    h.press(.char("2"))  // the OZG services: more rows than fit
    let count = Focus.of(h.state.top, in: h.state).rows.count
    #expect(count > h.state.visibleRows)
    let y = Renderer.focusRect(h.state)!.y + 2
    h.terminal.wheel(down: true, x: 10, y: y)
    h.turn()
    #expect(h.state.top.offset == 3)
    #expect(h.state.top.selection == 3)  // dragged along into view
    h.terminal.wheel(down: false, x: 10, y: y)
    h.turn()
    #expect(h.state.top.offset == 0)
    #expect(h.state.top.selection == 3)  // still in view: stays
  }

  @Test func aClickOnATabOrTheBreadcrumbGoesThere() throws {
    let h = try Self.harness()
    h.turn()
    let tabs = h.terminal.screen!.lines[1]
    let x = try #require(tabs.range(of: "3 ")).lowerBound.utf16Offset(in: tabs)
    h.terminal.click(x: x + 2, y: 1)
    h.turn()
    #expect(h.state.tabIndex == 2)
    // Into an office and a project, then a click on the dashboard's name in the breadcrumb.
    h.press(.char("1"), .down, .down, .down, .enter, .enter)
    #expect(h.state.stack.count == 3)
    h.turn()
    h.terminal.click(x: 3, y: 2)
    h.turn()
    #expect(h.state.stack.count == 1)
  }

  @Test func aClickOnTheMiddleOfTheBreadcrumbGoesBackOneLevel() throws {
    let h = try Self.harness()
    h.press(.down, .down, .down, .enter, .enter)
    h.turn()
    let crumbs = h.terminal.screen!.lines[2]
    let x = try #require(crumbs.range(of: "Amt 33")).lowerBound.utf16Offset(in: crumbs)
    h.terminal.click(x: x + 1, y: 2)
    h.turn()
    #expect(h.state.top.screen == .office("buergeramt"))
  }

  /// On every screen with a list, a click on a row selects the row drawn there.
  @Test(arguments: ["dashboard", "ozg", "risks", "office", "project", "diagnostics", "deliveries", "search"])
  func aClickSelectsTheRowDrawnThereOnEveryScreen(screen: String) {
    var s = Sample.state(width: 120, height: 36)
    let keys: [Key] =
      switch screen {
      case "ozg": [.char("2")]
      case "risks": [.char("4")]
      case "office": [.down, .down, .down, .enter]
      case "project": [.down, .down, .down, .enter, .down, .enter]
      case "diagnostics": [.char("d")]
      case "deliveries": [.char("D")]
      case "search": [.char(":")] + "amt".map { Key.char($0) }
      default: []
      }
    Sample.press(keys, &s)
    let before = Renderer.render(s)
    update(&s, .regions(before.regions))
    let target = min(2, Focus.of(s.top, in: s).rows.count - 1)
    #expect(target >= 1, "\(screen)")
    // Where the row is drawn: in the list's lines from its first row, or (rows of different heights) its own.
    let region = try! #require(
      before.regions.first {
        switch $0.target {
        case .rows(let first): first <= target && target < first + $0.rect.height
        case .row(let i): i == target
        default: false
        }
      }, "no row \(target) on \(screen)")
    let rows = region
    let y: Int = if case .rows(let first) = region.target { region.rect.y + target - first } else { region.rect.y }
    update(&s, .mouse(MouseEvent(.press, x: rows.rect.x + 3, y: y), at: 1))
    let after = Renderer.render(s)
    #expect(after[rows.rect.x + 3, y].style.role == .selected, "\(screen)")
    #expect(s.top.selection == target, "\(screen)")
  }

  /// Random clicks, double clicks and wheel turns anywhere, mixed with keys (seeded): the state stays
  /// consistent and the loop never quits or traps.
  @Test(arguments: [1, 2, 3] as [UInt64]) func randomMouseEventsKeepTheStateConsistent(seed: UInt64) throws {
    var g = KeySequence(seed: seed)
    var s = Sample.state(width: 120, height: 36)
    s.snapshotFolder = "/nonexistent/digit-mouse-fuzz"
    var time = 0.0
    for step in 0..<600 {
      update(&s, .regions(Renderer.render(s).regions))
      time += g.below(2) == 0 ? 0.1 : 1
      let x = g.below(s.width)
      let y = g.below(s.height)
      let kinds: [MouseEvent.Kind] = [.press, .press, .press, .release, .wheelUp, .wheelDown, .drag]
      let event = MouseEvent(kinds[g.below(kinds.count)], g.below(4) == 0 ? .right : .left, x: x, y: y)
      var effect = update(&s, .mouse(event, at: time))
      if step % 10 == 9 { effect = update(&s, .key(g.below(2) == 0 ? .escape : .char("/"))) }
      if step % 10 == 5 { effect = update(&s, .key(.char("x"))) }
      #expect(effect != .quit)
      let rows = Focus.of(s.top, in: s).rows.count
      #expect(!s.stack.isEmpty)
      #expect(s.top.selection >= 0 && (rows == 0 || s.top.selection < rows), "seed \(seed), step \(step)")
      #expect(s.top.offset >= 0 && (rows == 0 || s.top.offset < rows), "seed \(seed), step \(step)")
    }
  }

  @Test func sgrReportsAreParsed() {
    #expect(MouseEvent.sgr("0;10;5M") == MouseEvent(.press, .left, x: 9, y: 4))
    #expect(MouseEvent.sgr("0;10;5m") == MouseEvent(.release, .left, x: 9, y: 4))
    #expect(MouseEvent.sgr("2;1;1M") == MouseEvent(.press, .right, x: 0, y: 0))
    #expect(MouseEvent.sgr("64;3;4M") == MouseEvent(.wheelUp, .none, x: 2, y: 3))
    #expect(MouseEvent.sgr("65;3;4M") == MouseEvent(.wheelDown, .none, x: 2, y: 3))
    #expect(MouseEvent.sgr("32;3;4M") == MouseEvent(.drag, .left, x: 2, y: 3))
    #expect(MouseEvent.sgr("20;3;4M") == MouseEvent(.press, .left, x: 2, y: 3, modifiers: [.shift, .control]))
    for bad in ["", "0;10M", "0;0;5M", "a;1;1M", "0;1;1", "66;1;1M"] { #expect(MouseEvent.sgr(bad) == nil, "\(bad)") }
  }
}
