import DigITTestSupport
import Foundation
import Testing

/// The real binary under tmux when things go wrong: signals, a fatal error, suspend and resume, resize
/// storms and long random key sequences. After each, the terminal must be the shell's again: its prompt,
/// no alternate screen (`#{alternate_on}`), a visible cursor (`#{cursor_flag}`), line mode (`stty`).
@Suite(.serialized, .tags(.tmux)) struct DashboardRobustnessTests {
  typealias Tmux = DashboardTmuxTests.Tmux

  static var hasTmux: Bool { DashboardTmuxTests.hasTmux }
  static var dashboards: String { CLI.dashboardsWithoutBriefing }

  /// A fresh temporary folder (removed by the caller).
  static func tempFolder(_ name: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "digit-\(name)-\(UUID().uuidString.prefix(8))"
    ).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Starts `digit` from `sh` in a new tmux session (with the variables `env`, and the signals it handles
  /// blocked if `blocked`); the dashboard's pid is written to a file (`exec` keeps it) and `EXIT=<status>`
  /// is printed when it ends. Returns the pid once the screen shows `ready`. `snapshots` is a temporary
  /// folder: a test that fails may type a shell command into the dashboard, and its `e` must not write
  /// into the package.
  static func startDashboard(
    _ tmux: Tmux, width: Int = 100, height: Int = 30, env: String = "", blocked: Bool = false, snapshots: String,
    ready: String = "Übersicht", sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> pid_t {
    let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("digit-pid-\(UUID().uuidString)").path
    defer { unlink(pidFile) }
    try tmux.run(
      "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", tmux.session,
      "env -u LANG -u LC_ALL DIGIT_CACHE=off TERM=xterm-256color PS1='READY$ ' sh")
    let digit =
      "\(blocking(blocked))\(CLI.binary.path) --data \(CLI.sample) --dashboards \(dashboards) --as-of 2026-11-23 --snapshots \(snapshots)"
    try tmux.run(
      "send-keys", "-t", tmux.session, "\(env) sh -c 'echo $$ > \(pidFile); exec \(digit)'; echo EXIT=$?", "Enter")
    _ = try tmux.wait(until: 60, "\"\(ready)\"", sourceLocation: sourceLocation) { $0.contains(ready) }
    return try #require(
      Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  /// After the dashboard ended: the prompt is back, the alternate screen left, the cursor visible, and
  /// (with a shell that has no line editor of its own, `sh`) the terminal in line mode with echo.
  static func expectRestored(_ tmux: Tmux, checkModes: Bool = true, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    #expect(try tmux.format("#{alternate_on}") == "0", "still on the alternate screen", sourceLocation: sourceLocation)
    #expect(try tmux.format("#{cursor_flag}") == "1", "the cursor is hidden", sourceLocation: sourceLocation)
    try tmux.run("send-keys", "-t", tmux.session, "clear; echo back", "Enter")
    _ = try tmux.wait(for: "back\nREADY$", sourceLocation: sourceLocation)
    if checkModes {
      // "icanon echo MODES2" in line mode with echo; "-icanon -echo MODES2" as curses leaves it.
      try tmux.run(
        "send-keys", "-t", tmux.session,
        "stty -a | tr ' ;' '\\n\\n' | grep -x -e '-*icanon' -e '-*echo' | tr '\\n' ' '; echo MODES$((1+1))", "Enter")
      let screen =
        try tmux.wait(until: 10, "the terminal modes", sourceLocation: sourceLocation) { $0.contains("MODES2") } ?? ""
      #expect(
        screen.contains("\nicanon echo MODES2"), "not in line mode with echo:\n\(screen)",
        sourceLocation: sourceLocation)
    }
  }

  /// The status after `EXIT=` on the screen (the command line's `echo EXIT=$?` has none).
  static func exitStatus(_ screen: String) -> Int? {
    guard let r = screen.range(of: #"EXIT=[0-9]+"#, options: .regularExpression) else { return nil }
    return Int(screen[r].dropFirst(5))
  }

  /// GNU env's `--block-signal`: starts a program with signals blocked, as some parents hand them down.
  static let canBlockSignals: Bool = {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["--block-signal=INT", "true"]
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }()

  /// The prefix that starts the dashboard with the signals it handles blocked (`blocked`), or none.
  static func blocking(_ blocked: Bool) -> String { blocked ? "env --block-signal=INT,TERM,HUP,WINCH,TSTP,CONT " : "" }

  /// Whether a process runs (and is not a zombie).
  static func alive(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? false)
  }

  /// VmRSS in kB, from /proc (Linux); nil elsewhere.
  static func rss(_ pid: pid_t) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return nil }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
  }

  /// Whether the screen is the dashboard drawn for `width`×`height`: the header, and the tab line's key
  /// hint ending at the last column; below 40×10 the "too small" notice naming the size (where it fits).
  static func sane(_ screen: String, width: Int, height: Int) -> Bool {
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard width >= 40 && height >= 10 else { return width < 14 || height < 2 || screen.contains("\(width)×\(height)") }
    guard lines.count >= 2 else { return false }
    // A narrow title bar gives the app's name up before the week.
    return (lines[0].contains("DigIT-Ko") || lines[0].contains("KW "))
      && lines[1].hasSuffix("q Ende") && lines[1].count == width - 1
  }

  // MARK: - Signals and a fatal error

  /// SIGHUP (the terminal window closed, an ssh connection dropped) ends the dashboard like SIGINT and
  /// SIGTERM do: terminal restored, exit status 129 — also when the parent handed the signal down blocked
  /// (before, the dashboard then ignored it).
  @Test(.enabled(if: hasTmux), arguments: [false, true]) func sighupRestoresTheTerminalAndExitsWith129(blocked: Bool)
    throws
  {
    guard !blocked || Self.canBlockSignals else { return }
    let snapshots = try Self.tempFolder("snapshots")
    defer { try? FileManager.default.removeItem(atPath: snapshots) }
    let tmux = Tmux()
    let pid = try Self.startDashboard(tmux, blocked: blocked, snapshots: snapshots)
    kill(pid, SIGHUP)
    let screen = try tmux.wait(for: "EXIT=129")
    #expect(!screen.contains("Übersicht"))
    try Self.expectRestored(tmux)
  }

  /// The terminal goes away and no SIGHUP comes (the dashboard runs in a session of its own, `setsid`,
  /// so the hangup is not sent to it): it ends anyway, with 129. (Before, every read failed at once and
  /// it spun at full speed forever.)
  @Test(.enabled(if: hasTmux && FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid")))
  func aTerminalThatIsGoneEndsTheDashboardWithoutASIGHUP() throws {
    let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("digit-pid-\(UUID().uuidString)").path
    defer { unlink(pidFile) }
    let tmux = Tmux()
    try tmux.run(
      "new-session", "-d", "-x", "100", "-y", "30", "-s", tmux.session,
      "env -u LANG DIGIT_CACHE=off TERM=xterm-256color PS1='READY$ ' sh")
    try tmux.run(
      "send-keys", "-t", tmux.session,
      "setsid sh -c 'echo $$ > \(pidFile); exec \(CLI.binary.path) --data \(CLI.sample) --as-of 2026-11-23'", "Enter")
    _ = try tmux.wait(for: "Übersicht")
    let pid = try #require(
      Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    defer { if Self.alive(pid) { kill(pid, SIGKILL) } }
    try tmux.run("kill-server")  // the terminal is gone
    let end = Date().addingTimeInterval(10)
    while Self.alive(pid) && Date() < end { Thread.sleep(forTimeInterval: 0.05) }
    #expect(!Self.alive(pid), "the dashboard still runs after its terminal is gone")
  }

  /// A fatal error while the dashboard is on the screen (`DIGIT_TEST_CRASH=1` makes one after the first
  /// frame): the terminal is restored by the crash handler, and the runtime's "Fatal error: …" message,
  /// printed to stderr while the alternate screen was up, is readable after the prompt comes back. The
  /// process still dies of the signal (SIGILL on x86-64, SIGTRAP on arm64: exit status 132 or 133).
  @Test(.enabled(if: hasTmux)) func aFatalErrorRestoresTheTerminalAndLeavesItsMessageReadable() throws {
    let tmp = try Self.tempFolder("crash-tmp")
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let tmux = Tmux()
    // The backtracer's interactive prompt would wait 30 s for a key: not here.
    _ = try Self.startDashboard(
      tmux, width: 120, height: 40, env: "DIGIT_TEST_CRASH=1 SWIFT_BACKTRACE=interactive=no TMPDIR=\(tmp)",
      snapshots: tmp + "/snapshots",
      ready: "EXIT=13")
    let screen = try tmux.run("capture-pane", "-t", tmux.session, "-p", "-S", "-200")  // with the scrollback
    #expect(screen.contains("Fatal error: DIGIT_TEST_CRASH: a fatal error after the first frame"), "\(screen)")
    #expect(screen.contains("EXIT=132") || screen.contains("EXIT=133"), "\(screen)")
    #expect(!screen.contains("Amt 31"))
    try Self.expectRestored(tmux)
    // The captured stderr was an unlinked temporary file: nothing is left.
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasPrefix("digit-stderr") } == [])
  }

  /// SIGTERM while `e` writes the week: the terminal is given back at once, the export is finished, and
  /// the snapshot folder holds the complete week and no staging folder or temporary file. (Before, the
  /// process ended with the export's staging folder half written.) A large generated root makes the
  /// export take long enough to be interrupted.
  @Test(.enabled(if: hasTmux)) func aSignalDuringAnExportLeavesNoPartialFiles() throws {
    let root = try Self.tempFolder("export-root")
    let snapshots = try Self.tempFolder("export-snapshots")
    defer {
      try? FileManager.default.removeItem(atPath: root)
      try? FileManager.default.removeItem(atPath: snapshots)
    }
    let generated = try CLI.digit(
      "generate", "--out", root, "--offices", "40", "--projects", "20", "--items", "80", "--services", "30")
    try #require(generated.status == 0)
    let tmux = Tmux()
    try tmux.run(
      "new-session", "-d", "-x", "120", "-y", "40", "-s", tmux.session,
      "env -u LANG DIGIT_CACHE=off TERM=xterm-256color PS1='READY$ ' sh")
    let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("digit-pid-\(UUID().uuidString)").path
    defer { unlink(pidFile) }
    try tmux.run(
      "send-keys", "-t", tmux.session,
      "sh -c 'echo $$ > \(pidFile); exec \(CLI.binary.path) --data \(root) --as-of 2026-11-23 --snapshots \(snapshots)'; echo EXIT=$?",
      "Enter")
    _ = try tmux.wait(until: 60, "the dashboard") { $0.contains("Übersicht") }
    let pid = try #require(
      Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    try tmux.run("send-keys", "-t", tmux.session, "e")
    _ = try tmux.wait(until: 20, "the export") { $0.contains("Exportiere KW") || $0.contains("geschrieben") }
    kill(pid, SIGTERM)
    let screen = try tmux.wait(until: 120, "the end") { Self.exitStatus($0) != nil } ?? ""
    #expect(screen.contains("EXIT=143"), "\(screen)")
    // history.sqlite (and its -wal and -shm files if the signal came while it was written: SQLite
    // recovers them) may be there; no hidden temporary file may.
    let names = try FileManager.default.contentsOfDirectory(atPath: snapshots).filter {
      !$0.hasPrefix("history.sqlite")
    }
    #expect(names == ["2026-W47"], "the snapshot folder holds \(names)")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: snapshots + "/2026-W47")) ?? []
    #expect(
      files.contains("snapshot.json") && files.contains("report.html") && !files.contains { $0.hasPrefix(".") },
      "\(files)")
    try Self.expectRestored(tmux)
  }

  // MARK: - Every signal from outside, Ctrl-\, a crash without SWIFT_BACKTRACE

  /// Signals sent from outside while the dashboard is on the screen: each ends it within seconds with
  /// 128 + its number (QUIT 131, USR1 138, USR2 140, ALRM 142, VTALRM, PROF, IO, a real-time signal; SEGV
  /// 139, ABRT 134, BUS, TRAP and XCPU by their default action after the terminal is restored), the
  /// process is gone, and the terminal is the shell's again. (Before, USR1, USR2, ALRM and the real-time signals left `-icanon -echo`; QUIT,
  /// SEGV and ABRT went to the Swift runtime's interactive backtracer, which drew "Program crashed" over
  /// the dashboard and kept the process running for 30 s and more.)
  @Test(
    .enabled(if: hasTmux),
    arguments: [
      SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGIO, SIGSEGV, SIGABRT, SIGBUS, SIGTRAP, SIGXCPU,
      __libc_current_sigrtmin() + 2,
    ])
  func aSignalFromOutsideEndsTheDashboardWithTheTerminalRestored(signal: Int32) throws {
    let snapshots = try Self.tempFolder("snapshots")
    defer { try? FileManager.default.removeItem(atPath: snapshots) }
    let tmux = Tmux()
    // No core files in the working folder; the runtime's defaults for the backtracer (as a user has them).
    let pid = try Self.startDashboard(tmux, env: "ulimit -c 0; env -u SWIFT_BACKTRACE", snapshots: snapshots)
    defer { if Self.alive(pid) { kill(pid, SIGKILL) } }
    kill(pid, signal)
    let screen = try tmux.wait(until: 15, "the exit status after signal \(signal)") { Self.exitStatus($0) != nil } ?? ""
    #expect(Self.exitStatus(screen) == 128 + Int(signal), "\(screen)")
    #expect(!Self.alive(pid), "signal \(signal): the process still runs")
    let all = try tmux.run("capture-pane", "-t", tmux.session, "-p", "-S", "-200")
    #expect(!all.contains("Program crashed") && !all.contains("Press space"), "signal \(signal): \(all)")
    try Self.expectRestored(tmux)
  }

  /// Ctrl-\ (SIGQUIT from the keyboard) ends the dashboard like Ctrl-C: terminal restored, exit status
  /// 131, no crash report. (Before, the Swift runtime's backtracer drew "Program crashed" over the
  /// dashboard as staircase text and waited for a key.)
  @Test(.enabled(if: hasTmux)) func ctrlBackslashQuitsWith131() throws {
    let snapshots = try Self.tempFolder("snapshots")
    defer { try? FileManager.default.removeItem(atPath: snapshots) }
    let tmux = Tmux()
    let pid = try Self.startDashboard(tmux, env: "ulimit -c 0; env -u SWIFT_BACKTRACE", snapshots: snapshots)
    defer { if Self.alive(pid) { kill(pid, SIGKILL) } }
    try tmux.run("send-keys", "-t", tmux.session, "C-\\")
    let screen = try tmux.wait(until: 15, "the exit status after Ctrl-\\") { Self.exitStatus($0) != nil } ?? ""
    #expect(Self.exitStatus(screen) == 131, "\(screen)")
    #expect(!screen.contains("Program crashed"), "\(screen)")
    try Self.expectRestored(tmux)
  }

  /// SIGPIPE is ignored: the dashboard keeps running, draws, and `q` ends it with 0.
  @Test(.enabled(if: hasTmux)) func sigpipeIsIgnored() throws {
    let snapshots = try Self.tempFolder("snapshots")
    defer { try? FileManager.default.removeItem(atPath: snapshots) }
    let tmux = Tmux()
    let pid = try Self.startDashboard(tmux, snapshots: snapshots)
    defer { if Self.alive(pid) { kill(pid, SIGKILL) } }
    kill(pid, SIGPIPE)
    Thread.sleep(forTimeInterval: 0.5)
    #expect(Self.alive(pid), "SIGPIPE ended the dashboard")
    try tmux.run("send-keys", "-t", tmux.session, "2")
    try tmux.wait(until: 10, "the OZG tab") { $0.split(separator: "\n").dropFirst(2).first?.hasPrefix(" OZG") ?? false }
    try tmux.run("send-keys", "-t", tmux.session, "q")
    _ = try tmux.wait(for: "EXIT=0")
    try Self.expectRestored(tmux)
  }

  /// A fatal error with the runtime's default backtracer settings (no SWIFT_BACKTRACE, stdin and stdout a
  /// terminal: interactive): the dashboard started itself with `interactive=no`, so the backtrace is
  /// printed onto the restored terminal and the process ends at once, without "Press space to
  /// interact" and its 30-second wait.
  @Test(.enabled(if: hasTmux)) func aCrashDoesNotWaitInTheInteractiveBacktracer() throws {
    let tmp = try Self.tempFolder("crash-tmp")
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let tmux = Tmux()
    let started = Date()
    _ = try Self.startDashboard(
      tmux, width: 120, height: 40, env: "ulimit -c 0; env -u SWIFT_BACKTRACE DIGIT_TEST_CRASH=1 TMPDIR=\(tmp)",
      snapshots: tmp + "/snapshots",
      ready: "EXIT=13")
    let took = Date().timeIntervalSince(started)
    let screen = try tmux.run("capture-pane", "-t", tmux.session, "-p", "-S", "-400")
    #expect(took < 25, "the crash took \(took) s to end the process")
    #expect(!screen.contains("Press space"), "\(screen)")
    #expect(screen.contains("Fatal error: DIGIT_TEST_CRASH"), "\(screen)")
    #expect(screen.contains("EXIT=132") || screen.contains("EXIT=133"), "\(screen)")
    print(
      "aCrashDoesNotWaitInTheInteractiveBacktracer: started, crashed and ended in \(String(format: "%.1f", took)) s")
    try Self.expectRestored(tmux)
  }

  /// An unknown TERM: a plain message and the summary instead of the dashboard, exit status 0, like
  /// TERM=dumb. (Before, curses' initscr ended the process with "Error opening terminal", exit 1.)
  @Test(.enabled(if: hasTmux)) func anUnknownTermPrintsTheSummary() throws {
    let tmux = Tmux()
    try tmux.run(
      "new-session", "-d", "-x", "120", "-y", "50", "-s", tmux.session,
      "env -u LANG DIGIT_CACHE=off TERM=xterm-256color PS1='READY$ ' sh")
    try tmux.run(
      "send-keys", "-t", tmux.session,
      "TERM=nonexistent-term \(CLI.binary.path) --data \(CLI.sample) --as-of 2026-11-23; echo EXIT=$?", "Enter")
    _ = try tmux.wait(until: 30, "the end") { Self.exitStatus($0) != nil }
    let screen = try tmux.run("capture-pane", "-t", tmux.session, "-p", "-S", "-300")  // with the scrollback
    #expect(screen.contains("TERM=nonexistent-term is unknown here"), "\(screen)")
    #expect(screen.contains("DigIT"), "no summary: \(screen)")
    #expect(!screen.contains("Error opening terminal"), "\(screen)")
    #expect(Self.exitStatus(screen) == 0, "\(screen)")
  }

  // MARK: - Suspend and resume

  /// Ctrl-Z gives the terminal back to the shell (prompt, no alternate screen, cursor visible); `fg`
  /// draws the whole dashboard again — at the window's new size when it changed meanwhile — and the keys
  /// work; `q` ends it with status 0. Also when the parent handed the signals down blocked (before, Ctrl-Z
  /// then did nothing: under `swift test`, bash passed on the test runner's mask).
  @Test(.enabled(if: hasTmux), arguments: [false, true]) func ctrlZSuspendsAndFgRedrawsTheWholeDashboard(blocked: Bool)
    throws
  {
    guard !blocked || Self.canBlockSignals else { return }
    let snapshots = try Self.tempFolder("snapshots")
    defer { try? FileManager.default.removeItem(atPath: snapshots) }
    let tmux = Tmux()
    try tmux.run(
      "new-session", "-d", "-x", "120", "-y", "40", "-s", tmux.session,
      "env -u LANG -u LC_ALL DIGIT_CACHE=off TERM=xterm-256color PS1='READY$ ' bash --norc --noprofile")
    try tmux.run(
      "send-keys", "-t", tmux.session,
      "\(Self.blocking(blocked))\(CLI.binary.path) --data \(CLI.sample) --dashboards \(Self.dashboards) --as-of 2026-11-23 --snapshots \(snapshots)",
      "Enter")
    _ = try tmux.wait(for: "Amt 31 – Ausländerbehörde")
    try tmux.run("send-keys", "-t", tmux.session, "Down")
    // The key must be read before Ctrl-Z: bytes still unread when the dashboard stops are read by the
    // shell instead (the selection then stayed on 1/15, about one run in five under load).
    _ = try tmux.wait(for: "2/15")
    /// Ctrl-Z: the shell's prompt on the shell's screen.
    func suspend(_ round: Int) throws {
      try tmux.run("send-keys", "-t", tmux.session, "C-z")
      _ = try tmux.wait(for: "Stopped")
      let screen =
        try tmux.wait(until: 10, "the prompt") { $0.split(separator: "\n").last?.hasPrefix("READY$") ?? false } ?? ""
      #expect(!screen.contains("Amt 31"), "round \(round): the dashboard is still on the screen:\n\(screen)")
      #expect(try tmux.format("#{alternate_on}") == "0", "round \(round)")
      #expect(try tmux.format("#{cursor_flag}") == "1", "round \(round)")
    }
    /// `fg`: every line of the dashboard again, the selection where it was.
    func resume(_ round: Int, _ command: String, width: Int, height: Int, lastRow: String) throws {
      try tmux.run("send-keys", "-t", tmux.session, command, "Enter")
      let screen =
        try tmux.wait(until: 10, "round \(round): the whole dashboard at \(width)×\(height)") {
          Self.sane($0, width: width, height: height) && $0.contains(lastRow) && $0.contains("2/15")
        } ?? ""
      #expect(screen.contains("DigIT-Koordination"))
      #expect(screen.contains("1 Übersicht │ 2 OZG │ 3 Index"))
      #expect(try tmux.format("#{alternate_on}") == "1", "round \(round)")
    }
    // Suspend and resume at the same size: curses repaints what it had drawn.
    try suspend(1)
    try resume(1, "clear; fg", width: 120, height: 40, lastRow: "Amt 22 – Steueramt")
    // The window shrinks while the dashboard is stopped: it is drawn for the new size.
    try suspend(2)
    try tmux.run("resize-window", "-t", tmux.session, "-x", "90", "-y", "30")
    try resume(2, "clear; fg; echo EXIT=$?", width: 90, height: 30, lastRow: "Amt 63 – Bauaufsicht")
    // Keys work: 2 switches to the OZG tab.
    try tmux.run("send-keys", "-t", tmux.session, "2")
    try tmux.wait(until: 10, "the OZG tab") { $0.split(separator: "\n").dropFirst(2).first?.hasPrefix(" OZG") ?? false }
    try tmux.run("send-keys", "-t", tmux.session, "q")
    _ = try tmux.wait(for: "EXIT=0")
    try Self.expectRestored(tmux, checkModes: false)  // bash keeps the terminal modes of its own
  }

  /// A stop from outside (SIGSTOP: no chance to give the terminal back; bash then sets its own terminal
  /// modes and prints "Stopped" onto the dashboard) and `fg`: the dashboard takes its terminal modes
  /// again and redraws every line, and keys work at once. (Before, the shell's line mode stayed: keys
  /// waited for Enter, and the "Stopped" line stayed on the screen.)
  @Test(.enabled(if: hasTmux)) func aStopFromOutsideAndFgRedrawAndKeysWork() throws {
    let snapshots = try Self.tempFolder("snapshots")
    let pidFile = snapshots + ".pid"
    defer {
      try? FileManager.default.removeItem(atPath: snapshots)
      unlink(pidFile)
    }
    let tmux = Tmux()
    try tmux.run(
      "new-session", "-d", "-x", "120", "-y", "40", "-s", tmux.session,
      "env -u LANG -u LC_ALL DIGIT_CACHE=off TERM=xterm-256color PS1='READY$ ' bash --norc --noprofile")
    let digit =
      "\(CLI.binary.path) --data \(CLI.sample) --dashboards \(Self.dashboards) --as-of 2026-11-23 --snapshots \(snapshots)"
    try tmux.run("send-keys", "-t", tmux.session, "sh -c 'echo $$ > \(pidFile); exec \(digit)'", "Enter")
    _ = try tmux.wait(for: "Amt 31 – Ausländerbehörde")
    let pid = try #require(
      Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    kill(pid, SIGSTOP)
    _ = try tmux.wait(for: "Stopped")
    try tmux.run("send-keys", "-t", tmux.session, "fg; echo EXIT=$?", "Enter")
    let screen =
      try tmux.wait(until: 10, "the whole dashboard again") {
        Self.sane($0, width: 120, height: 40) && $0.contains("Amt 22 – Steueramt") && !$0.contains("Stopped")
          && !$0.contains("READY$")
      } ?? ""
    #expect(screen.contains("1/15"), "\(screen)")
    // Keys work without Enter: 2 switches to the OZG tab, q ends it.
    try tmux.run("send-keys", "-t", tmux.session, "2")
    try tmux.wait(until: 10, "the OZG tab") { $0.split(separator: "\n").dropFirst(2).first?.hasPrefix(" OZG") ?? false }
    try tmux.run("send-keys", "-t", tmux.session, "q")
    _ = try tmux.wait(for: "EXIT=0")
    try Self.expectRestored(tmux, checkModes: false)
  }

  // MARK: - Resize storms

  /// 200 resizes as fast as tmux makes them, between 10×5 and 250×80: the dashboard lives, draws the
  /// last size correctly, and its memory does not grow with the number of resizes.
  @Test(.enabled(if: hasTmux && FileManager.default.fileExists(atPath: "/proc/self/status")))
  func aStormOfResizesNeitherCrashesNorLeaks() throws {
    let snapshots = try Self.tempFolder("snapshots")
    defer { try? FileManager.default.removeItem(atPath: snapshots) }
    let tmux = Tmux()
    let pid = try Self.startDashboard(tmux, width: 120, height: 40, snapshots: snapshots)
    var sizes = KeySequence(seed: 0x5157_1C4E)
    func storm(_ count: Int) throws {
      for i in 0..<count {
        // The extremes first and then now and then, else anything between.
        let (w, h) = i == 0 ? (10, 5) : i == 1 ? (250, 80) : sizes.nextSize()
        try tmux.run("resize-window", "-t", tmux.session, "-x", "\(w)", "-y", "\(h)")
      }
    }
    func settle(_ w: Int, _ h: Int) throws -> String {
      try tmux.run("resize-window", "-t", tmux.session, "-x", "\(w)", "-y", "\(h)")
      return try tmux.wait(until: 30, "the dashboard at \(w)×\(h)") { Self.sane($0, width: w, height: h) } ?? ""
    }
    try storm(20)
    _ = try settle(97, 31)
    let before = try #require(Self.rss(pid))
    let started = Date()
    for _ in 0..<3 { try storm(60) }
    let screen = try settle(97, 31)
    let took = Date().timeIntervalSince(started)
    #expect(Self.alive(pid), "the dashboard died")
    // Drawn for 97×31: the footer (with the position) on the last line, the first tiles' box closed at
    // the last column.
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count >= 31 && lines[30].contains("1/15"), "\(screen)")
    #expect(lines.count > 3 && lines[3].count == 97 && lines[3].hasSuffix("┐"), "\(screen)")
    let after = try #require(Self.rss(pid))
    // The frames of one size are garbage once the next comes: what stays is the allocator's high-water
    // mark, not a multiple of the resizes.
    #expect(after - before < 8_192, "RSS grew from \(before) kB to \(after) kB over 180 resizes (\(took) s)")
    print(
      "aStormOfResizesNeitherCrashesNorLeaks: RSS \(before) kB after 20 resizes, \(after) kB after 200; 180 resizes in \(String(format: "%.1f", took)) s"
    )
    try tmux.run("send-keys", "-t", tmux.session, "q")
    _ = try tmux.wait(for: "EXIT=0")
    try Self.expectRestored(tmux)
  }

  // MARK: - Random keys

  /// 20,000 random keys (seeded: the seed is in every failure message; the same generator as
  /// `KeyFuzzTests`, which replays a sequence in-process with a stack trace) and 200 resizes, in batches of
  /// 50 keys per `tmux send-keys`: after every batch the dashboard lives; every 100 keys (before each
  /// resize) it shows a sane screen for the window's size; `q` ends it with status 0 and the terminal
  /// restored. `e` writes into a temporary snapshot folder, which holds no partial files at the end.
  /// About 40 s on a loaded 2-core machine; the budget in CI is two minutes.
  @Test(.enabled(if: hasTmux), .tags(.slow)) func randomKeysAndResizesUnderTmux() throws {
    let seed = ProcessInfo.processInfo.environment["DIGIT_FUZZ_SEED"].flatMap { UInt64($0) } ?? KeySequence.defaultSeed
    let snapshots = try Self.tempFolder("fuzz-snapshots")
    defer { try? FileManager.default.removeItem(atPath: snapshots) }
    let tmux = Tmux()
    let pid = try Self.startDashboard(tmux, width: 120, height: 40, snapshots: snapshots)
    var g = KeySequence(seed: seed)
    var recent: [String] = []
    var size = (120, 40)
    let started = Date()
    let keys = 20_000
    let batch = 50
    func fail(_ step: Int, _ what: String) throws {
      let screen = (try? tmux.screen()) ?? ""
      Issue.record(
        "seed \(seed), key \(step), \(size.0)×\(size.1): \(what); the last keys: \(recent.suffix(60).joined(separator: " "))\n\(screen)"
      )
    }
    for step in stride(from: 0, to: keys, by: batch) {
      if step % 100 == 0 {
        size = g.nextSize()
        try tmux.run("resize-window", "-t", tmux.session, "-x", "\(size.0)", "-y", "\(size.1)")
      }
      let names = (0..<batch).map { _ in g.nextKey() }
      recent = Array((recent + names).suffix(200))
      try tmux.run(arguments: ["send-keys", "-t", tmux.session, "--"] + names)
      guard Self.alive(pid) else { return try fail(step + batch, "the dashboard died") }
      if (step / batch) % 2 == 1 {
        let (w, h) = size
        if try tmux.wait(until: 30, nil, { Self.sane($0, width: w, height: h) }) == nil {
          return try fail(
            step + batch, Self.alive(pid) ? "no sane screen for \(w)×\(h) within 30 s" : "the dashboard died")
        }
      }
    }
    // Out of the question (which may come a moment after its `e`) and the filter, then quit.
    for _ in 0..<2 {
      try tmux.run("send-keys", "-t", tmux.session, "Escape")
      Thread.sleep(forTimeInterval: 0.2)
    }
    try tmux.run("send-keys", "-t", tmux.session, "q")
    guard let screen = try tmux.wait(until: 60, nil, { Self.exitStatus($0) != nil }) else {
      return try fail(keys, "q did not end it")
    }
    #expect(screen.contains("EXIT=0"), "seed \(seed): \(screen)")
    let took = Date().timeIntervalSince(started)
    #expect(took < 120, "seed \(seed): \(keys) keys took \(Int(took)) s")
    print(
      "randomKeysAndResizesUnderTmux: seed \(seed), \(keys) keys and \(keys / 100) resizes in \(String(format: "%.1f", took)) s"
    )
    try Self.expectRestored(tmux)
    let stored = try FileManager.default.contentsOfDirectory(atPath: snapshots)
    #expect(
      stored.filter { $0.hasPrefix(".") }.isEmpty, "seed \(seed): partial files in the snapshot folder: \(stored)")
    // The keys reached the dashboard: one of the `e`s wrote the week on screen (`[` and `]` step it, so it
    // may be a past one).
    #expect(stored.contains { $0.hasPrefix("2026-W") }, "seed \(seed): \(stored)")
  }
}

extension DashboardTmuxTests.Tmux {
  /// A tmux format of the session's pane, e.g. `#{alternate_on}`.
  func format(_ format: String) throws -> String {
    try run("display-message", "-p", "-t", session, format).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Polls the screen until `condition` holds (up to `seconds`); nil (and, with `what`, an issue) if it
  /// never did.
  @discardableResult
  func wait(
    until seconds: Double, _ what: String?, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: (String) -> Bool
  ) throws
    -> String?
  {
    let end = Date().addingTimeInterval(seconds)
    var last = ""
    repeat {
      last = try screen()
      if condition(last) { return last }
      Thread.sleep(forTimeInterval: 0.05)
    } while Date() < end
    if let what {
      Issue.record(
        "the screen never showed \(what) within \(Int(seconds)) s; it shows:\n\(last)", sourceLocation: sourceLocation)
    }
    return nil
  }
}
