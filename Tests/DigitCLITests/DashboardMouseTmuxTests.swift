import DigITTestSupport
import Foundation
import Testing

/// The mouse and the search in the real binary under tmux: SGR mouse reports (what terminals send with
/// mode 1006) move the selection and a double click opens, whether curses reads them itself (its
/// description of xterm knows them) or passes them on as characters (tmux's and screen's do not).
@Suite(.serialized, .tags(.tmux)) struct DashboardMouseTmuxTests {
  typealias Tmux = DashboardTmuxTests.Tmux

  /// A left button press and release at a cell (1-based, as on the wire), arriving together (curses'
  /// own mouse parsing kept only the release of such a pair).
  static func click(_ tmux: Tmux, column: Int, row: Int) throws {
    try tmux.run("send-keys", "-t", tmux.session, "-l", "\u{1B}[<0;\(column);\(row)M\u{1B}[<0;\(column);\(row)m")
  }

  /// Whether the program in the pane asked for mouse reports (and for SGR ones).
  static func mouseModes(_ tmux: Tmux) throws -> String {
    try tmux.run("display-message", "-p", "-t", tmux.session, "#{mouse_any_flag}#{mouse_sgr_flag}")
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// A 120×36 session without a locale and with `term`, running `digit` with `arguments` on the sample
  /// (then `echo EXIT=$?`).
  static func start(term: String = "xterm-256color", _ arguments: String) throws -> Tmux {
    let tmux = Tmux()
    try tmux.run(
      "new-session", "-d", "-x", "120", "-y", "36", "-s", tmux.session,
      "env -u LANG -u LC_ALL TERM=\(term) PS1='READY$ ' sh")
    try tmux.run(
      "send-keys", "-t", tmux.session,
      "\(CLI.binary.path) \(arguments) --data \(CLI.sample) --as-of 2026-11-23; echo EXIT=$?", "Enter")
    return tmux
  }

  @Test(.enabled(if: DashboardTmuxTests.hasTmux), arguments: ["xterm-256color", "screen-256color"])
  func sgrClicksSelectAndOpen(term: String) throws {
    let tmux = try Self.start(term: term, "--dashboards \(CLI.dashboardsWithoutBriefing)")
    var screen = try tmux.wait(for: "Amt 31 – Ausländerbehörde")
    #expect(screen.contains("1/15"))
    #expect(try Self.mouseModes(tmux) == "11")
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
    let row = try #require(lines.firstIndex { $0.contains("Amt 33 – Bürgeramt") }) + 1
    // One click: the fourth office is selected (the footer counts it).
    try Self.click(tmux, column: 10, row: row)
    screen = try tmux.wait(for: "4/15")
    #expect(!screen.contains("Koordination: C. Hoffmann"))
    // A second click at once: a double click opens the office.
    try Self.click(tmux, column: 10, row: row)
    screen = try tmux.wait(for: "Koordination: C. Hoffmann")
    #expect(screen.contains("Übersicht › Amt 33 – Bürgeramt"))
    // A click on "Übersicht" in the breadcrumb goes back.
    try Self.click(tmux, column: 4, row: 3)
    screen = try tmux.wait(for: "4/15")
    #expect(!screen.contains("Koordination: C. Hoffmann"))
    // The search from the overview finds what its list does not have.
    try tmux.run("send-keys", "-t", tmux.session, "/Wohngeld")
    screen = try tmux.wait(for: "Wohngeld beantragen")
    #expect(screen.contains("Amt 50 – Amt für soziale Leistungen"))
    try tmux.run("send-keys", "-t", tmux.session, "Escape", "q")
    screen = try tmux.wait(for: "EXIT=0")
    // The shell gets the mouse back.
    #expect(try Self.mouseModes(tmux) == "00")
  }

  /// Inside tmux with `TERM=xterm-256color` (a common setup), End and Home arrive as `ESC [ 4 ~` and
  /// `ESC [ 1 ~`, which that terminal description does not name: they were taken for keys — End stepped
  /// a week back (`[`) and switched to the fourth tab (`4`). F5 (`ESC [ 1 5 ~`) does nothing.
  @Test(.enabled(if: DashboardTmuxTests.hasTmux)) func keysCursesDoesNotKnowAreKeysNotLetters() throws {
    let tmux = try Self.start("--dashboards \(CLI.dashboardsWithoutBriefing)")
    _ = try tmux.wait(for: "1/15")
    try tmux.run("send-keys", "-t", tmux.session, "End")
    var screen = try tmux.wait(for: "15/15")
    #expect(screen.contains("KW 47/2026 · Stand 23.11.2026"))
    #expect(!screen.contains("Rückblick"))
    #expect(screen.contains(" Übersicht "))
    try tmux.run("send-keys", "-t", tmux.session, "F5", "Home")
    screen = try tmux.wait(for: "1/15")
    #expect(!screen.contains("Rückblick"))
    try tmux.run("send-keys", "-t", tmux.session, "q")
    _ = try tmux.wait(for: "EXIT=0")
  }

  @Test(.enabled(if: DashboardTmuxTests.hasTmux)) func noMouseLeavesTheMouseToTheTerminal() throws {
    let tmux = try Self.start("dash --no-mouse")
    _ = try tmux.wait(for: "Amt 31 – Ausländerbehörde")
    #expect(try Self.mouseModes(tmux) == "00")
    try tmux.run("send-keys", "-t", tmux.session, "q")
    _ = try tmux.wait(for: "EXIT=0")
  }
}
