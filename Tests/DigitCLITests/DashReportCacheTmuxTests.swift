import DigITCore
import DigITFeeds
import DigITMetrics
import DigITTestSupport
import Foundation
import Testing

/// The dashboard's first report through the result cache (issue 17): the first start keeps its facts,
/// the next start with unchanged feeds reads them back (and shows the same screen), and what it shows
/// comes from the entry: an entry planted with other facts for the same key shows those.
@Suite(.serialized, .tags(.tmux)) struct DashReportCacheTmuxTests {
  typealias Tmux = DashboardTmuxTests.Tmux
  static let day = "2026-11-23"

  /// A shell in tmux with the cache in `home` (`DIGIT_CACHE=cache`), ready for a command.
  static func shell(_ home: String, cache: String = "on") throws -> Tmux {
    let tmux = Tmux()
    try tmux.run(
      "new-session", "-d", "-x", "120", "-y", "36", "-s", tmux.session,
      "env -u LANG -u LC_ALL XDG_CACHE_HOME=\(home) DIGIT_CACHE=\(cache) TERM=xterm-256color PS1='READY$ ' sh")
    _ = try tmux.wait(for: "READY$")
    return tmux
  }

  /// Starts the dashboard on Sample-Data in the shell.
  static func launch(_ tmux: Tmux) throws {
    try tmux.run(
      "send-keys", "-t", tmux.session,
      "\(CLI.binary.path) --data \(CLI.sample) --dashboards \(CLI.dashboardsWithoutBriefing) --as-of \(day); echo EXIT=$?",
      "Enter")
  }

  /// The overview once it is shown (without the header line, which shows the time of day).
  static func overview(_ tmux: Tmux) throws -> String {
    let screen = try tmux.wait(for: "Amt 33 – Bürgeramt")
    return screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
  }

  /// Quits the dashboard and waits for the shell.
  static func quit(_ tmux: Tmux) throws {
    try tmux.run("send-keys", "-t", tmux.session, "q")
    _ = try tmux.wait(for: "EXIT=0")
  }

  /// Starts the dashboard, waits for the overview, and quits: the overview's screen.
  static func start(_ home: String, cache: String = "on") throws -> String {
    let tmux = try shell(home, cache: cache)
    try launch(tmux)
    let screen = try overview(tmux)
    try quit(tmux)
    return screen
  }

  /// Two dashboards started at once on the same root with a cold cache: both compute the report and
  /// show the same figures, both keep it (one entry is left, no temporary file), and the next start
  /// reads it back and shows the same screen.
  @Test(.enabled(if: DashboardTmuxTests.hasTmux)) func twoStartsAtOnceWithAColdCacheAgree() throws {
    let home = CacheCommandTests.folder()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let both = try [Self.shell(home), Self.shell(home)]
    for tmux in both { try Self.launch(tmux) }  // both at once
    let screens = try both.map(Self.overview)
    for tmux in both { try Self.quit(tmux) }
    #expect(screens[0].contains("● 12  ◐ 26  ○ 17"))
    #expect(screens[0] == screens[1])
    #expect(Self.entries(home).filter { $0.hasPrefix("dash-") && $0.hasSuffix(".result") }.count == 1)
    #expect(!Self.entries(home).contains { $0.hasPrefix(".tmp-") })
    #expect(try Self.start(home) == screens[0])
  }

  static func entries(_ home: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: home + "/digit/feeds")) ?? []).sorted()
  }

  @Test(.enabled(if: DashboardTmuxTests.hasTmux)) func theSecondStartReadsTheFactsTheFirstKept() throws {
    let home = CacheCommandTests.folder()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let first = try Self.start(home)
    #expect(first.contains("● 12  ◐ 26  ○ 17"))
    // The first start kept its report (written while the dashboard ran, finished before it ended).
    #expect(Self.entries(home).contains { $0.hasPrefix("dash-") && $0.hasSuffix(".result") })
    let second = try Self.start(home)
    #expect(second == first)

    // The same key as the dashboard's (its build, words and root), with other facts: 99 red projects.
    var results = ResultCache(
      folder: home + "/digit/feeds", build: try #require(FeedCache.build(ofExecutable: CLI.binary.path)))
    results.settleSeconds = 0
    let day = try #require(Day(iso: Self.day))
    let key = try #require(results.key(root: CLI.sample, words: ["dash", "as-of=\(Self.day)"]))
    let data = try FeedLoader(root: CLI.sample, asOf: day).load().dataSet
    let computed = Aggregator(data).report(asOf: day)
    var city = computed.city
    city.projects?.red = 99
    results.store(
      Report(
        keeping: data, asOf: day, city: city, offices: computed.offices, previous: computed.previous, detail: true),
      for: key)
    let planted = try Self.start(home)
    #expect(planted.contains("● 99  ◐ 26  ○ 17"), "\(planted)")

    // Without the result cache (DIGIT_CACHE=feeds) the figures are computed again.
    #expect(try Self.start(home, cache: "feeds").contains("● 12  ◐ 26  ○ 17"))
  }
}
