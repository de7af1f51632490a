import DigITTestSupport
import Foundation
import Testing

/// Week steps in the real binary in a real terminal (tmux): two weeks back and forward again.
@Suite(.serialized, .tags(.tmux)) struct TimeTravelTmuxTests {
  @Test(.enabled(if: DashboardTmuxTests.hasTmux)) func stepsBackTwoWeeksAndForwardAgain() throws {
    let tmux = try DashboardTmuxTests.startDashboard(data: CLI.sample)
    var screen = try tmux.wait(for: "KW 47/2026 · Stand 23.11.2026")
    #expect(screen.contains("[ ] Woche"))
    #expect(!screen.contains("Rückblick"))
    // The Bürgeramt (fourth row) stays selected through the steps.
    try tmux.run("send-keys", "-t", tmux.session, "Down", "Down", "Down")
    _ = try tmux.wait(for: "4/14")
    try tmux.run("send-keys", "-t", tmux.session, "[")
    screen = try tmux.wait(for: "KW 46/2026 ◀ Rückblick −1 Wo. · Stand 16.11.2026")
    try tmux.run("send-keys", "-t", tmux.session, "[")
    screen = try tmux.wait(for: "KW 45/2026 ◀ Rückblick −2 Wo. · Stand 09.11.2026")
    #expect(screen.contains("Projektstatus, Budget, Risiko: Stand heute"))
    #expect(screen.contains("t aktuell"))
    #expect(screen.contains("4/14"))
    try tmux.run("send-keys", "-t", tmux.session, "]")
    _ = try tmux.wait(for: "KW 46/2026 ◀ Rückblick −1 Wo. · Stand 16.11.2026")
    try tmux.run("send-keys", "-t", tmux.session, "]")
    screen = try tmux.wait(for: "KW 47/2026 · Stand 23.11.2026")
    #expect(!screen.contains("Rückblick"))
    // Not beyond the live day.
    try tmux.run("send-keys", "-t", tmux.session, "]")
    Thread.sleep(forTimeInterval: 0.3)
    screen = try tmux.screen()
    #expect(screen.contains("KW 47/2026 · Stand 23.11.2026"))
    #expect(screen.contains("4/14"))
    try tmux.run("send-keys", "-t", tmux.session, "q")
  }
}
