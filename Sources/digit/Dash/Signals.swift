import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The dashboard's signal handling: the handlers only set flags (``stop``, ``suspend``, ``resume``), the
/// loop reads them and restores, stops or redraws the terminal; a crash gives the terminal back first
/// (``installCrashHandlers()``).
enum Signals {
  /// Signals that end the dashboard: the handler only sets a flag; the loop restores the terminal.
  static let stop = Atomic<Int32>(0)

  /// Ctrl-Z (SIGTSTP) and the continue after it or after any stop (SIGCONT): the handlers only set flags;
  /// the loop gives the terminal back and stops, or takes the terminal again and redraws everything.
  static let suspend = Atomic<Bool>(false)
  static let resume = Atomic<Bool>(false)
  static let suspendHandler: @convention(c) (Int32) -> Void = { _ in Signals.suspend.store(true, ordering: .relaxed) }

  /// SIGTSTP's action as the parent handed it down, for ``restoreDefaults()``.
  nonisolated(unsafe) static var inheritedSuspend: __sighandler_t? = nil

  /// Installs the handlers of the running dashboard (before curses starts) and unblocks the signals
  /// the dashboard and curses handle.
  static func install() {
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { s in Signals.stop.store(s, ordering: .relaxed) }
    }
    // Ctrl-Z is handled here, not by curses: curses ignores SIGTSTP while it updates the screen, and a
    // Ctrl-Z during a redraw was lost (5 times in 30 under load). Installed before initscr, which then
    // leaves SIGTSTP alone; not at all when the parent had it ignored (a shell without job control could
    // not bring the dashboard back).
    let inherited = signal(SIGTSTP, suspendHandler)
    inheritedSuspend = inherited
    if unsafeBitCast(inherited, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(SIGTSTP, SIG_IGN) }
    signal(SIGCONT) { _ in Signals.resume.store(true, ordering: .relaxed) }
    // A parent may hand the signals down blocked (the mask is inherited: a supervisor's, or a test
    // runner's thread's through tmux and bash); then Ctrl-C, Ctrl-Z, SIGTERM, SIGHUP and resizes did
    // nothing. Unblock the ones the dashboard and curses handle.
    var handled = sigset_t()
    sigemptyset(&handled)
    for sig in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGCONT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
      sigaddset(&handled, sig)
    }
    pthread_sigmask(SIG_UNBLOCK, &handled, nil)
  }

  /// After the terminal is restored: a second Ctrl-C (or SIGTERM) while waiting ends the process at
  /// once; Ctrl-Z stops it as usual.
  static func restoreDefaults() {
    for sig in [SIGINT, SIGTERM, SIGHUP] { signal(sig, SIG_DFL) }
    signal(SIGTSTP, inheritedSuspend)
  }

  /// Stops the process here (the terminal already given back) until `fg`, then takes Ctrl-Z again.
  static func stopUntilContinued() {
    signal(SIGTSTP, SIG_DFL)
    raise(SIGTSTP)  // stopped here until `fg`
    signal(SIGTSTP, suspendHandler)
  }

  /// The handlers' earlier actions (by signal number), for the crash handler to pass the signal on to.
  nonisolated(unsafe) static let previousActions: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    p.initialize(repeating: sigaction(), count: 65)
    return p
  }()

  /// A crash gives the terminal back (and shows the runtime's message, see ``CrashRestore``), then the
  /// signal goes on to the action that was there before: the Swift runtime's backtracer, which prints its
  /// backtrace to the restored terminal, or the default, which ends the process as it would have.
  /// Installed after ``NcursesTerminal/start()``, so that the handler finds everything allocated.
  static func installCrashHandlers() {
    let previous = previousActions
    for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
      var action = sigaction()
      let handler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { s, info, _ in
        NcursesTerminal.emergencyRestore()
        _ = sigaction(s, Signals.previousActions + Int(s), nil)
        // A fault (the trap of a fatal error, a bad access) happens again when this returns, now with the
        // previous action and the fault's own details; a sent signal (abort, kill) is sent again.
        if (info?.pointee.si_code ?? 0) <= 0 { raise(s) }
      }
      #if os(Linux)
        action.__sigaction_handler.sa_sigaction = handler
      #else
        action.__sigaction_u.__sa_sigaction = handler
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_SIGINFO
      _ = sigaction(sig, &action, previous + Int(sig))
    }
  }
}
