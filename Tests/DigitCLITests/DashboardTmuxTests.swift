import DigITTestSupport
import Foundation
import Testing

/// The real binary in a real terminal: tmux (no TTY needed, so it runs in CI) with `LANG` unset.
@Suite(.serialized, .tags(.tmux)) struct DashboardTmuxTests {

  /// A tmux server of its own (its own socket), killed at the end.
  final class Tmux {
    let socket = "digit-test-\(UUID().uuidString.prefix(8))"
    let session = "t"

    /// Runs a tmux command with posix_spawn and waitpid. (Foundation's Process would wait for the tmux
    /// server that `new-session` starts, which inherits its descriptors.) Output goes to a file.
    @discardableResult
    func run(_ args: String...) throws -> String { try run(arguments: args) }

    @discardableResult
    func run(arguments args: [String]) throws -> String {
      let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
      defer { unlink(file) }
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
      let words = ["/usr/bin/tmux", "-L", socket] + args
      let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
      defer { for p in argv { free(p) } }
      // No blocked signals for tmux (and so for the panes' shells and programs): the test runner's
      // thread blocks most of them, and the mask is inherited.
      var attributes = posix_spawnattr_t()
      posix_spawnattr_init(&attributes)
      defer { posix_spawnattr_destroy(&attributes) }
      var none = sigset_t()
      sigemptyset(&none)
      posix_spawnattr_setsigmask(&attributes, &none)
      posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
      var pid = pid_t()
      guard posix_spawn(&pid, words[0], &actions, &attributes, argv, environ) == 0 else {
        throw CocoaError(.fileNoSuchFile)
      }
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    }

    func screen() throws -> String { try run("capture-pane", "-t", session, "-p") }

    /// Waits until the screen contains `text` and has settled (up to 10 s).
    func wait(for text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
      var last = ""
      for _ in 0..<100 {
        last = try screen()
        if last.contains(text), let settled = try settle(last), settled.contains(text) { return settled }
        Thread.sleep(forTimeInterval: 0.1)
      }
      Issue.record("the screen never showed \"\(text)\"; it shows:\n\(last)", sourceLocation: sourceLocation)
      return last
    }

    /// The screen once two captures 50 ms apart agree: a capture can catch curses in the middle of a
    /// frame (it may scroll and update the bottom lines before the top ones), which once showed the new
    /// footer over the old screen. `nil` when it keeps changing for a second.
    private func settle(_ first: String) throws -> String? {
      var previous = first
      for _ in 0..<20 {
        Thread.sleep(forTimeInterval: 0.05)
        let next = try screen()
        if next == previous { return next }
        previous = next
      }
      return nil
    }

    deinit { _ = try? run("kill-server") }
  }

  static var hasTmux: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

  @Test(.enabled(if: hasTmux)) func drillDownResizeAndQuitRestoreTheTerminal() throws {
    let tmux = Tmux()
    // A bare shell without a locale, like a server login.
    try tmux.run(
      "new-session", "-d", "-x", "120", "-y", "40", "-s", tmux.session,
      "env -u LANG -u LC_ALL -u LC_CTYPE DIGIT_CACHE=off TERM=xterm-256color PS1='READY$ ' sh")
    let digit = CLI.binary.path
    let dashboards = CLI.dashboardsWithoutBriefing
    try tmux.run(
      "send-keys", "-t", tmux.session,
      "\(digit) --data \(CLI.sample) --dashboards \(dashboards) --as-of 2026-11-23; echo EXIT=$?", "Enter")
    var screen = try tmux.wait(for: "Amt 31 – Ausländerbehörde")
    #expect(screen.contains("Übersicht"))
    #expect(screen.contains("Amt 33 – Bürgeramt"))
    #expect(screen.contains("● 12  ◐ 26  ○ 17"))  // forecasts from complete weeks: fewer are late
    // Into the Bürgeramt (fourth row), its second project, and back.
    try tmux.run("send-keys", "-t", tmux.session, "Down", "Down", "Down", "Enter")
    screen = try tmux.wait(for: "Koordination: C. Hoffmann")
    #expect(screen.contains("Übersicht › Amt 33 – Bürgeramt"))
    try tmux.run("send-keys", "-t", tmux.session, "Down", "Enter")
    // The project screen, whole (a capture may catch a frame half drawn: wait for its last box).
    screen = try tmux.wait(for: "Offene Einträge (älteste zuerst)")
    #expect(screen.contains("P-33-002 ·"))  // the project box (the office lists the id too)
    try tmux.run("send-keys", "-t", tmux.session, "Escape")
    screen = try tmux.wait(for: "Koordination: C. Hoffmann")
    #expect(!screen.contains("P-33-002 ·"))
    // Resize: smaller, too small, back.
    try tmux.run("resize-window", "-t", tmux.session, "-x", "60", "-y", "20")
    screen = try tmux.wait(for: "Projekte 7")
    #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 60 })
    try tmux.run("resize-window", "-t", tmux.session, "-x", "30", "-y", "8")
    _ = try tmux.wait(for: "Fenster zu klein")
    try tmux.run("resize-window", "-t", tmux.session, "-x", "120", "-y", "40")
    _ = try tmux.wait(for: "Koordination: C. Hoffmann")
    // Quit: the shell prompt is back and the dashboard is gone.
    try tmux.run("send-keys", "-t", tmux.session, "q")
    screen = try tmux.wait(for: "EXIT=0")
    #expect(!screen.contains("Koordination: C. Hoffmann"))
    try tmux.run("send-keys", "-t", tmux.session, "echo back", "Enter")
    screen = try tmux.wait(for: "READY$ echo back")
  }

  @Test(.enabled(if: hasTmux)) func ctrlCRestoresTheTerminal() throws {
    let tmux = Tmux()
    try tmux.run(
      "new-session", "-d", "-x", "100", "-y", "30", "-s", tmux.session,
      "env -u LANG -u LC_ALL DIGIT_CACHE=off TERM=xterm PS1='READY$ ' sh")
    try tmux.run(
      "send-keys", "-t", tmux.session,
      "\(CLI.binary.path) --data \(CLI.sample) --as-of 2026-11-23 --lang en; echo EXIT=$?", "Enter")
    _ = try tmux.wait(for: "Overview")
    try tmux.run("send-keys", "-t", tmux.session, "C-c")
    let screen = try tmux.wait(for: "EXIT=")
    #expect(!screen.contains("Overview"))
  }

  /// SIGTERM (a shutdown, `kill`) restores the terminal and exits with 143.
  @Test(.enabled(if: hasTmux)) func sigtermRestoresTheTerminal() throws {
    let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("digit-pid-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: pidFile) }
    let tmux = Tmux()
    try tmux.run(
      "new-session", "-d", "-x", "100", "-y", "30", "-s", tmux.session,
      "env -u LANG DIGIT_CACHE=off TERM=xterm PS1='READY$ ' sh")
    // `exec` keeps the pid that the file names.
    try tmux.run(
      "send-keys", "-t", tmux.session,
      "sh -c 'echo $$ > \(pidFile); exec \(CLI.binary.path) --data \(CLI.sample) --as-of 2026-11-23'; echo EXIT=$?",
      "Enter")
    _ = try tmux.wait(for: "Übersicht")
    let pid = try #require(
      Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    kill(pid, SIGTERM)
    let screen = try tmux.wait(for: "EXIT=143")
    #expect(!screen.contains("Übersicht"))
  }

  /// Changing a feed file while the dashboard runs shows the new data and says what changed.
  /// An office's file rewritten again and again (an export still being written): the reload that sees
  /// it change while reading keeps the last data and says so; once the writer stops, the new data comes.
  @Test(.enabled(if: hasTmux)) func aFileChangingWhileItIsReadKeepsTheLastData() throws {
    let copy = FileManager.default.temporaryDirectory.appendingPathComponent("digit-busy-\(UUID().uuidString)")
    try FileManager.default.copyItem(atPath: CLI.sample, toPath: copy.path)
    defer { try? FileManager.default.removeItem(at: copy) }
    let tmux = try Self.startDashboard(data: copy.path)
    let yaml = copy.appendingPathComponent("offices/buergeramt/office.yaml").path
    let original = try String(contentsOfFile: yaml, encoding: .utf8)
    let renamed = original.replacingOccurrences(of: "name: Bürgeramt", with: "name: Bürgerbüro")
    // A writer that truncates and rewrites the file every few milliseconds, for up to 15 s.
    let stop = ManagedAtomicFlag()
    let writer = Thread {
      let deadline = Date().addingTimeInterval(15)
      var n = 0
      while !stop.isSet && Date() < deadline {
        let fd = open(yaml, O_WRONLY | O_TRUNC)
        if fd >= 0 {
          let text = Array((renamed + "# \(n)\n").utf8)
          _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
          close(fd)
        }
        n += 1
        usleep(2_000)
      }
    }
    writer.start()
    let busy = try tmux.wait(for: "Dateien änderten sich beim Lesen")
    stop.set()
    // The last good data stayed on screen.
    #expect(busy.contains("Amt 33 – Bürgeramt"))
    #expect(!busy.contains("Bürgerbüro"))
    // With the writer gone, the next poll reads the file whole.
    _ = try tmux.wait(for: "Amt 33 – Bürgerbüro")
    try tmux.run("send-keys", "-t", tmux.session, "q")
  }

  /// The data folder disappears while the dashboard runs: the reload error is in the dashboard's
  /// language, and the last data stays on the screen. (Before, the German dashboard said "Neu laden
  /// fehlgeschlagen: the data folder … does not exist".)
  @Test(.enabled(if: hasTmux)) func aReloadErrorIsInTheDashboardsLanguage() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "digit-gone-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("d").path
    try FileManager.default.copyItem(atPath: CLI.sample, toPath: data)
    let tmux = try Self.startDashboard(data: data)
    try FileManager.default.moveItem(atPath: data, toPath: data + "-moved")
    try tmux.run("send-keys", "-t", tmux.session, "r")
    let screen = try tmux.wait(for: "Neu laden fehlgeschlagen: der Datenordner \(data) existiert nicht")
    #expect(screen.contains("Amt 33 – Bürgeramt"))
    #expect(!screen.contains("does not exist"))
    try tmux.run("send-keys", "-t", tmux.session, "q")
  }

  /// The dashboard on a data root in a 120×40 tmux window with `LANG` unset, once its overview shows.
  static func startDashboard(data: String) throws -> Tmux {
    let tmux = Tmux()
    try tmux.run(
      "new-session", "-d", "-x", "120", "-y", "40", "-s", tmux.session,
      "env -u LANG DIGIT_CACHE=off TERM=xterm-256color sh")
    let dashboards = CLI.dashboardsWithoutBriefing
    try tmux.run(
      "send-keys", "-t", tmux.session,
      "\(CLI.binary.path) --data \(data) --dashboards \(dashboards) --as-of 2026-11-23", "Enter")
    _ = try tmux.wait(for: "Amt 33 – Bürgeramt")
    return tmux
  }

  /// A flag shared with a thread.
  final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool {
      lock.lock()
      defer { lock.unlock() }
      return value
    }
    func set() {
      lock.lock()
      value = true
      lock.unlock()
    }
  }

  @Test(.enabled(if: hasTmux)) func aChangedFeedFileIsReloadedLive() throws {
    let copy = FileManager.default.temporaryDirectory.appendingPathComponent("digit-live-\(UUID().uuidString)")
    try FileManager.default.copyItem(atPath: CLI.sample, toPath: copy.path)
    defer { try? FileManager.default.removeItem(at: copy) }
    let tmux = try Self.startDashboard(data: copy.path)
    try tmux.run("send-keys", "-t", tmux.session, "Down", "Down", "Down")  // select the Bürgeramt
    let yaml = copy.appendingPathComponent("offices/buergeramt/office.yaml")
    let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(
      of: "name: Bürgeramt", with: "name: Bürgerbüro")
    try text.write(to: yaml, atomically: true, encoding: .utf8)
    let screen = try tmux.wait(for: "Amt 33 – Bürgerbüro")
    #expect(screen.contains("geändert: offices/buergeramt/office.yaml"))
    // The selection stayed on the same office, now renamed.
    try tmux.run("send-keys", "-t", tmux.session, "Enter")
    _ = try tmux.wait(for: "Übersicht › Amt 33 – Bürgerbüro")
    try tmux.run("send-keys", "-t", tmux.session, "q")
  }

  /// `e` writes the week into `--snapshots` and shows the paths; a second `e` asks before replacing it
  /// (`n` keeps it, `j` replaces it); `w` lists the stored week.
  @Test(.enabled(if: hasTmux)) func eExportsTheWeekAndAsksBeforeReplacingIt() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "digit-snap-\(UUID().uuidString.prefix(8))"
    ).path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let json = folder + "/2026-W47/snapshot.json"
    /// The file's inode and modification time: a replaced week is a new folder with new files.
    func identity() throws -> (Int, Date) {
      let a = try FileManager.default.attributesOfItem(atPath: json)
      return ((a[.systemFileNumber] as? NSNumber)?.intValue ?? -1, a[.modificationDate] as? Date ?? .distantPast)
    }
    let tmux = Tmux()
    try tmux.run(
      "new-session", "-d", "-x", "120", "-y", "40", "-s", tmux.session,
      "env -u LANG DIGIT_CACHE=off TERM=xterm-256color PS1='READY$ ' sh")
    let dashboards = CLI.dashboardsWithoutBriefing
    try tmux.run(
      "send-keys", "-t", tmux.session,
      "\(CLI.binary.path) --data \(CLI.sample) --dashboards \(dashboards) --as-of 2026-11-23 --snapshots \(folder); echo EXIT=$?",
      "Enter")
    _ = try tmux.wait(for: "Amt 31 – Ausländerbehörde")
    // e: written, the Snapshots screen lists the folder and every file.
    try tmux.run("send-keys", "-t", tmux.session, "e")
    var screen = try tmux.wait(for: "Snapshot KW 47/2026 geschrieben")
    #expect(screen.contains("Übersicht › Wochen-Snapshots"))
    #expect(screen.contains(folder + "/2026-W47"))
    #expect(screen.contains(json))
    #expect(screen.contains(folder + "/2026-W47/summary.md"))
    #expect(FileManager.default.fileExists(atPath: json))
    let written = try identity()
    // e again: the question; n keeps the stored week.
    try tmux.run("send-keys", "-t", tmux.session, "e")
    _ = try tmux.wait(for: "Snapshot KW 47/2026 gibt es schon – ersetzen? j/n")
    try tmux.run("send-keys", "-t", tmux.session, "n")
    screen = try tmux.wait(for: "Snapshot KW 47/2026 nicht exportiert")
    #expect(!screen.contains("ersetzen? j/n"))
    let kept = try identity()
    #expect(kept.0 == written.0)
    #expect(kept.1 == written.1)
    // e, j: replaced.
    try tmux.run("send-keys", "-t", tmux.session, "e")
    _ = try tmux.wait(for: "ersetzen? j/n")
    try tmux.run("send-keys", "-t", tmux.session, "j")
    _ = try tmux.wait(for: "Snapshot KW 47/2026 ersetzt")
    let replaced = try identity()
    #expect(replaced.0 != written.0)
    // Back to the overview, then w: the stored week in the list.
    try tmux.run("send-keys", "-t", tmux.session, "Escape")
    screen = try tmux.wait(for: "Amt 31 – Ausländerbehörde")
    #expect(!screen.contains("Wochen-Snapshots"))
    try tmux.run("send-keys", "-t", tmux.session, "w")
    screen = try tmux.wait(for: "Wochen-Snapshots · \(folder)")
    #expect(screen.contains("KW 47/2026"))
    #expect(screen.contains("1/1"))
    try tmux.run("send-keys", "-t", tmux.session, "q")
    _ = try tmux.wait(for: "EXIT=0")
  }

  @Test func withoutATerminalDigitPrintsTheSummary() throws {
    let r = try CLI.digit("--data", CLI.sample, "--as-of", "2026-11-23")
    #expect(r.status == 0)
    #expect(r.out.hasPrefix("DigIT-Lagebild Mainz"))
  }
}
