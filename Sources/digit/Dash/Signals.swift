import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The dashboard's signal handling. While curses owns the screen, every signal either is handled or
/// gives the terminal back before its default action; none leaves the process running behind a broken
/// screen:
///
/// - **Ending signals** (``endingSignals``: INT, TERM, HUP, QUIT, USR1, USR2, ALRM, VTALRM, PROF, IO,
///   PWR, STKFLT and the real-time signals — every signal whose default action ends the process, plus
///   QUIT, Ctrl-\): the handler only sets ``stop``; the loop restores the terminal and `digit` exits with
///   128 + the signal's number (130 after Ctrl-C, 131 after Ctrl-\, 143 after SIGTERM), as shells expect.
/// - **PIPE** is ignored (a write to a closed pipe fails with `EPIPE` instead); **XFSZ** is ignored in
///   every command (``ignoreFileSizeLimit()``: a write over `ulimit -f` fails with `EFBIG`, and the
///   export's cleanup runs).
/// - Ctrl-Z (**TSTP**) and **CONT**: the handlers only set ``suspend`` and ``resume``; the loop gives the
///   terminal back and stops, or takes it again and redraws everything.
/// - **Faults** (SEGV, BUS, ILL, TRAP, ABRT, FPE, SYS, XCPU): ``installCrashHandlers()`` gives the
///   terminal back first, then the signal goes on (see there).
/// - KILL and STOP cannot be caught: after `kill -9` the terminal stays as curses left it (`reset`
///   repairs it); after SIGSTOP, `fg` redraws.
enum Signals {
  /// Signals that end the dashboard: the handler only sets a flag; the loop restores the terminal.
  static let stop = Atomic<Int32>(0)

  /// Ctrl-Z (SIGTSTP) and the continue after it or after any stop (SIGCONT): the handlers only set flags;
  /// the loop gives the terminal back and stops, or takes the terminal again and redraws everything.
  static let suspend = Atomic<Bool>(false)
  static let resume = Atomic<Bool>(false)
  static let suspendHandler: @convention(c) (Int32) -> Void = { _ in Signals.suspend.store(true, ordering: .relaxed) }

  /// The actions the handlers replaced (as the parent handed them down), for ``restoreDefaults()``.
  nonisolated(unsafe) static var inherited: [(Int32, sigaction)] = []

  /// Every signal whose default action ends the process without a core dump, and QUIT (Ctrl-\: a
  /// user's "quit", whose core dump and the Swift runtime's "Program crashed" report would be drawn over
  /// the dashboard). glibc's own signals below SIGRTMIN (thread cancellation) are left alone.
  static var endingSignals: [Int32] {
    var list = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGIO]
    #if os(Linux)
      list += [SIGPWR, SIGSTKFLT] + Array(__libc_current_sigrtmin()...__libc_current_sigrtmax())
    #endif
    return list
  }

  /// The faults: the crash handler restores the terminal, then the signal goes on.
  static let crashSignals = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGSYS, SIGXCPU]

  /// In every command: a write over the file size limit (`ulimit -f`) fails with `EFBIG` instead of
  /// ending the process with SIGXFSZ, so that the export's cleanup runs and the message says why.
  static func ignoreFileSizeLimit() { signal(SIGXFSZ, SIG_IGN) }

  /// Installs the handlers of the running dashboard (before curses starts) and unblocks the signals
  /// the dashboard and curses handle.
  static func install() {
    inherited = (endingSignals + [SIGPIPE, SIGTSTP]).map { sig in
      var old = sigaction()
      _ = sigaction(sig, nil, &old)
      return (sig, old)
    }
    for sig in endingSignals {
      signal(sig) { s in Signals.stop.store(s, ordering: .relaxed) }
    }
    signal(SIGPIPE, SIG_IGN)
    // Ctrl-Z is handled here, not by curses: curses ignores SIGTSTP while it updates the screen, and a
    // Ctrl-Z during a redraw was lost (5 times in 30 under load). Installed before initscr, which then
    // leaves SIGTSTP alone; not at all when the parent had it ignored (a shell without job control could
    // not bring the dashboard back).
    let parent = signal(SIGTSTP, suspendHandler)
    if unsafeBitCast(parent, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(SIGTSTP, SIG_IGN) }
    signal(SIGCONT) { _ in Signals.resume.store(true, ordering: .relaxed) }
    // A parent may hand the signals down blocked (the mask is inherited: a supervisor's, or a test
    // runner's thread's through tmux and bash); then Ctrl-C, Ctrl-Z, SIGTERM, SIGHUP and resizes did
    // nothing. Unblock the ones the dashboard and curses handle.
    var handled = sigset_t()
    sigemptyset(&handled)
    for sig in endingSignals + crashSignals + [SIGWINCH, SIGTSTP, SIGCONT] {
      sigaddset(&handled, sig)
    }
    pthread_sigmask(SIG_UNBLOCK, &handled, nil)
  }

  /// After the terminal is restored, the actions the parent handed down: a second Ctrl-C (or SIGTERM)
  /// while waiting for an export ends the process at once; Ctrl-Z stops it as usual.
  static func restoreDefaults() {
    for (sig, action) in inherited {
      var action = action
      _ = sigaction(sig, &action, nil)
    }
  }

  /// Stops the process here (the terminal already given back) until `fg`, then takes Ctrl-Z again.
  static func stopUntilContinued() {
    signal(SIGTSTP, SIG_DFL)
    raise(SIGTSTP)  // stopped here until `fg`
    signal(SIGTSTP, suspendHandler)
  }

  // MARK: - Crashes

  /// The handlers' earlier actions (by signal number), for the crash handler to pass the signal on to.
  nonisolated(unsafe) static let previousActions: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    p.initialize(repeating: sigaction(), count: 65)
    return p
  }()

  /// Whether the Swift runtime's backtracer, if it is on, will not wait for a key: `SWIFT_BACKTRACE`
  /// names `interactive` (set by ``preferNonInteractiveBacktracer()``, or by the user) or turns the
  /// backtracer off. The runtime reads the variable once, at startup.
  static var backtracerWillNotWait: Bool {
    let settings = getenv("SWIFT_BACKTRACE").map { String(cString: $0) } ?? ""
    let keys = settings.split(separator: ",").map {
      $0.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: " ").lowercased() }
    }
    return keys.contains {
      $0.count == 2
        && ($0[0] == "interactive" || ($0[0] == "enable" && ["no", "false", "0", "n", "off"].contains($0[1])))
    }
  }

  /// The Swift runtime's backtracer is interactive by default when stdin and stdout are a terminal: after
  /// a crash it asks "Press space to interact, D to debug, or any other key to quit" and waits 30 s or
  /// more, the process still there. It reads `SWIFT_BACKTRACE` only at startup, so, unless the user
  /// chose (`interactive=…`, `enable=no`), the dashboard starts itself again (`execv` of
  /// `/proc/self/exe`, same arguments, same process id; one more start of the binary) with `interactive=no`
  /// added: a crash then prints its backtrace onto the restored terminal and ends. If that is not
  /// possible, ``installCrashHandlers()`` passes faults to the default action instead of the backtracer.
  static func preferNonInteractiveBacktracer() {
    guard !backtracerWillNotWait else { return }
    #if os(Linux)
      let old = getenv("SWIFT_BACKTRACE").map { String(cString: $0) } ?? ""
      guard setenv("SWIFT_BACKTRACE", old.isEmpty ? "interactive=no" : old + ",interactive=no", 1) == 0 else { return }
      execv("/proc/self/exe", CommandLine.unsafeArgv)
      // Still here: execv failed; the variable says nothing true about this process's backtracer.
      if old.isEmpty { unsetenv("SWIFT_BACKTRACE") } else { setenv("SWIFT_BACKTRACE", old, 1) }
    #endif
  }

  /// A crash gives the terminal back (and shows the runtime's message, see ``CrashRestore``), then the
  /// signal goes on:
  /// - a fault of this process (a bad access, the trap of a fatal error, `abort`) to the action that was
  ///   there before: the Swift runtime's backtracer, which prints its backtrace to the restored terminal
  ///   and ends the process — when it will not wait for a key (``backtracerWillNotWait``); otherwise to
  ///   the default action;
  /// - a signal sent by another process (`kill -SEGV`) to the default action at once: nothing crashed
  ///   here, so no "Program crashed" report (the backtracer would print one and then wait).
  /// Installed after ``NcursesTerminal/start()``, so that the handler finds everything allocated.
  static func installCrashHandlers() {
    let previous = previousActions
    let chain = backtracerWillNotWait
    for sig in crashSignals {
      var action = sigaction()
      let handler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
        s, info, _ in
        NcursesTerminal.emergencyRestore()
        let code = info?.pointee.si_code ?? 0
        #if os(Linux)
          let sender = info?.pointee._sifields._kill.si_pid ?? 0
        #else
          let sender = info?.pointee.si_pid ?? 0
        #endif
        if code <= 0 && sender != getpid() {
          signal(s, SIG_DFL)
        } else {
          _ = sigaction(s, Signals.previousActions + Int(s), nil)
        }
        // A fault (the trap of a fatal error, a bad access) happens again when this returns, now with the
        // next action and the fault's own details; a sent signal (abort, kill) is sent again.
        if code <= 0 { raise(s) }
      }
      #if os(Linux)
        action.__sigaction_handler.sa_sigaction = handler
      #else
        action.__sigaction_u.__sa_sigaction = handler
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_SIGINFO
      _ = sigaction(sig, &action, previous + Int(sig))
      if !chain {
        // The backtracer would wait for a key: the default action instead (the process ends at once).
        var fallback = sigaction()
        #if os(Linux)
          fallback.__sigaction_handler.sa_handler = SIG_DFL
        #else
          fallback.__sigaction_u.__sa_handler = SIG_DFL
        #endif
        previous[Int(sig)] = fallback
      }
    }
  }
}
