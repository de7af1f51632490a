import DigITCore
import DigITDashboard
import DigITFeeds
import DigITMetrics
import Foundation
import Testing

/// Every screen of the sample city, rendered into a buffer and compared with `Golden/<name>.txt`.
/// After an intended change: `DIGIT_UPDATE_GOLDEN=1 swift test --filter RenderGoldenTests`, then read the diff.
@Suite struct RenderGoldenTests {
  @Test func overview() throws {
    try Sample.expectGolden(Renderer.render(Sample.state()), "overview-120x40")
  }

  @Test func office() throws {
    var s = Sample.state()
    Sample.press([.down, .down, .down, .enter], &s)
    try Sample.expectGolden(Renderer.render(s), "office-120x40")
  }

  @Test func project() throws {
    var s = Sample.state()
    Sample.press([.down, .down, .down, .enter, .down, .enter], &s)
    try Sample.expectGolden(Renderer.render(s), "project-120x40")
  }

  @Test func otherDashboards() throws {
    for (key, name) in [("3", "ozg"), ("4", "index"), ("5", "risks")] {
      var s = Sample.state()
      Sample.press([.char(Character(key))], &s)
      try Sample.expectGolden(Renderer.render(s), "\(name)-120x40")
    }
  }

  @Test func help() throws {
    var s = Sample.state()
    Sample.press([.char("?")], &s)
    try Sample.expectGolden(Renderer.render(s), "help-120x40")
  }

  @Test func diagnostics() throws {
    var s = Sample.state()
    Sample.press([.char("d")], &s)
    try Sample.expectGolden(Renderer.render(s), "diagnostics-120x40")
  }

  @Test func smallWindow() throws {
    var s = Sample.state(width: 60, height: 20)
    try Sample.expectGolden(Renderer.render(s), "overview-60x20")
    Sample.press([.enter], &s)
    try Sample.expectGolden(Renderer.render(s), "office-60x20")
  }

  @Test func largeWindow() throws {
    var s = Sample.state(width: 200, height: 50)
    try Sample.expectGolden(Renderer.render(s), "overview-200x50")
    Sample.press([.enter, .enter], &s)
    try Sample.expectGolden(Renderer.render(s), "project-200x50")
  }

  @Test func englishOverview() throws {
    try Sample.expectGolden(Renderer.render(Sample.state(language: .en)), "overview-en-120x40")
  }

  @Test func tooSmall() throws {
    try Sample.expectGolden(Renderer.render(Sample.state(width: 39, height: 12)), "too-small-39x12")
  }

  /// A broken file gets its own tab with file, line and the nearest valid id; the others work.
  @Test func brokenDashboardFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("digit-dash-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.copyItem(
      atPath: Sample.dashboards + "/overview.yaml", toPath: dir.appendingPathComponent("overview.yaml").path)
    try """
    title: Kaputt
    order: 3
    rows:
      - panels:
          - kind: tiles
            metrics: [backlog.opne, projects.red]

    """.write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
    var s = Sample.state(dashboards: dir.path)
    #expect(s.tabs.count == 2)
    #expect(s.tabs[1].isBroken)
    Sample.press([.tab], &s)
    let screen = Renderer.render(s)
    #expect(
      screen.description.contains(
        "broken.yaml:6: Fehler: rows[1].panels[1].metrics: unbekannte Kennzahl-Kennung „backlog.opne“ (meinten Sie")
    )
    var english = s
    english.language = .en
    #expect(
      Renderer.render(english).description.contains(
        #"broken.yaml:6: error: rows[1].panels[1].metrics: unknown metric id "backlog.opne" (did you mean "backlog.open"?)"#
      ))
    try Sample.expectGolden(screen, "broken-dashboard-120x40")
    Sample.press([.tab], &s)
    #expect(Renderer.render(s).description.contains("Amt 33 – Bürgeramt"))
  }

  /// Feed text with escape sequences is shown inert.
  @Test func feedTextIsInertOnScreen() {
    var s = Sample.state()
    var data = s.report.data
    data.offices[0].name = "Evil\u{1B}]0;pwned\u{07}\u{1B}[2J\u{202E}Amt"
    let report = Aggregator(data).report(asOf: Sample.asOf)
    var load = s.load
    load.dataSet = data
    reduce(&s, .reloaded(load, report, tabs: s.tabs, loadedAt: "09:14", notice: ""))
    let screen = Renderer.render(s)
    for cell in screen.cells {
      for u in cell.character.unicodeScalars {
        #expect(u.value >= 0x20 && u.value != 0x7F && !(0x80..<0xA0).contains(u.value) && u.value != 0x202E)
      }
    }
    #expect(screen.description.contains("Evil␛]0;pwned\u{FFFD}␛[2J\u{FFFD}Amt"))
  }
}
