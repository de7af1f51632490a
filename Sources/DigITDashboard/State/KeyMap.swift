import DigITCore
import DigITMetrics

/// What a key does, independent of which key it is.
public enum Command: Hashable, Sendable {
  case moveUp, moveDown, pageUp, pageDown, home, end
  case open, back
  case filter
  /// The search over the whole city.
  case search
  case sortNext, sortPrevious, sortReverse
  /// The focus to the next or previous list of the screen.
  case nextPanel, previousPanel
  /// Mark a stored week; on a second one, compare the two.
  case markWeek
  case nextTab, previousTab
  /// The dashboard tab at this position (0-based).
  case showTab(Int)
  case diagnostics, deliveries, reload, export, snapshots, help, quit
  /// The as-of day one week back / forward (not beyond the live day), back to the live day.
  case weekBack, weekForward, liveWeek
}

/// Where a binding does something.
public enum KeyScope: Sendable {
  /// On every screen.
  case everywhere
  /// On every screen with a list (all but help).
  case lists
  /// Where rows open something (dashboards, offices, deliveries), and only when the list has such rows.
  case drillDown
  /// Where the list has columns to sort by.
  case sortable
  /// Where the screen has more than one list.
  case panels
  /// On the screens that show figures of a week (not help, the problems or the snapshot list).
  case weeks
  /// Where a past week or a stored week is shown (`t` returns to the live data).
  case pastWeek
  /// Where the live data is shown (not a stored week).
  case live
  /// On the list of stored weeks.
  case storedWeeks
}

/// One line of the key table: keys, what they do, the words for the help screen and the footer.
public struct KeyBinding: Sendable {
  /// Each key with its command (↑ moves up, ↓ down: one line of help for both).
  public var keys: [(key: Key, command: Command)]
  /// What the keys do, for the help screen (German, English).
  public var help: (de: String, en: String)
  /// The short word for the footer, if the binding is shown there.
  public var footer: (de: String, en: String)?
  public var scope: KeyScope
  /// How many of the keys the footer names (`[ ] Woche`); the first by default.
  public var footerKeys = 1

  public init(
    _ keys: [(Key, Command)], help: (String, String), footer: (String, String)? = nil, scope: KeyScope = .everywhere,
    footerKeys: Int = 1
  ) {
    self.footerKeys = footerKeys
    self.keys = keys.map { (key: $0.0, command: $0.1) }
    self.help = (de: help.0, en: help.1)
    self.footer = footer.map { (de: $0.0, en: $0.1) }
    self.scope = scope
    self.footerKeys = footerKeys
  }

  public func helpText(_ l: Language) -> String { l == .de ? help.de : help.en }

  /// The keys as shown: `↑ ↓ k j`, `Tab ⇧Tab 1–9`.
  public var label: String { KeyMap.label(keys.map(\.key)) }
}

/// The one key table: the reducer dispatches from it, the footer shows its main keys, the help screen
/// and `digit dash --help` list it. A key that does nothing on a screen is not listed there.
public enum KeyMap {
  public static let bindings: [KeyBinding] = [
    KeyBinding(
      [(.up, .moveUp), (.down, .moveDown), (.char("k"), .moveUp), (.char("j"), .moveDown)],
      help: ("Auswahl bewegen", "move the selection")),
    KeyBinding(
      [
        (.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .home), (.end, .end), (.char("g"), .home),
        (.char("G"), .end),
      ],
      help: ("seitenweise, an den Anfang / das Ende", "page, to the start / end")),
    KeyBinding(
      [(.enter, .open), (.right, .open), (.char("l"), .open)],
      help: (
        "öffnen (Amt, Projekt, Kennzahl, OZG-Leistung, gespeicherte Woche, Probleme einer Datei)",
        "open (office, project, KPI, OZG service, stored week, a file's problems)"
      ),
      footer: ("öffnen", "open"), scope: .drillDown),
    KeyBinding(
      [(.escape, .back), (.backspace, .back), (.left, .back), (.char("h"), .back)], help: ("zurück", "back"),
      footer: ("zurück", "back")),
    KeyBinding(
      [(.char("/"), .filter)],
      help: (
        "filtern (Name enthält …; nichts im Dashboard: Suche in der ganzen Stadt)",
        "filter (name contains …; no match on a dashboard: search the whole city)"
      ),
      footer: ("filtern", "filter"),
      scope: .lists),
    KeyBinding(
      [(.char(":"), .search)],
      help: (
        "Suche in der ganzen Stadt (Ämter, Projekte, OZG, Meilensteine, Einträge, Kennzahlen)",
        "search the whole city (offices, projects, OZG, milestones, items, KPIs)"
      ),
      footer: ("suchen", "search")),
    KeyBinding(
      [(.char("<"), .sortPrevious), (.char(">"), .sortNext), (.char("s"), .sortNext), (.char("S"), .sortReverse)],
      help: (
        "Sortierspalte nach links / nach rechts (▲▼ im Kopf), umkehren",
        "sort by the column to the left / right (▲▼ in the header), reverse"
      ),
      footer: ("sortieren", "sort"),
      scope: .sortable, footerKeys: 2),
    KeyBinding(
      [(.char("m"), .markWeek)],
      help: (
        "Woche markieren; auf einer zweiten: beide wie die Lage vergleichen",
        "mark a week; on a second one: compare the two as the briefing does"
      ),
      footer: ("vergleichen", "compare"), scope: .storedWeeks),
    KeyBinding(
      [(.char("f"), .nextPanel), (.char("F"), .previousPanel)],
      help: ("Fokus auf die nächste / vorige Liste des Bildschirms", "focus the next / previous list of the screen"),
      footer: ("Liste", "list"), scope: .panels),
    KeyBinding(
      [(.tab, .nextTab), (.backTab, .previousTab)]
        + (1...9).map { (Key.char(Character("\($0)")), Command.showTab($0 - 1)) },
      help: ("Dashboard wechseln", "switch dashboard"), footer: ("Dashboard", "dashboard")),
    KeyBinding(
      [(.char("d"), .diagnostics)],
      help: ("Datenprobleme (Fehler und Warnungen der Dateien)", "feed problems (errors and warnings)")),
    KeyBinding(
      [(.char("D"), .deliveries)],
      help: (
        "Datenlieferung (je Amt und Datei: Stand, Zeilen, Probleme)",
        "deliveries (per office and file: coverage, rows, problems)"
      )),
    KeyBinding(
      [(.char("["), .weekBack), (.char("]"), .weekForward)],
      help: (
        "eine Woche zurück / vor (Stand eine Woche früher / später, höchstens bis zum Datenstand)",
        "one week back / forward (as of a week earlier / later, at most up to the latest data)"
      ),
      footer: ("Woche", "week"), scope: .weeks, footerKeys: 2),
    KeyBinding(
      [(.char("t"), .liveWeek)],
      help: (
        "zurück zur aktuellen Woche, zu den Live-Daten", "back to the current week, to the live data"
      ),
      footer: ("aktuell", "current"), scope: .pastWeek),
    KeyBinding([(.char("r"), .reload)], help: ("Daten neu laden", "reload the data"), footer: ("neu laden", "reload")),
    KeyBinding(
      [(.char("e"), .export)],
      help: (
        "die Woche als Snapshot exportieren (fragt vor dem Ersetzen)",
        "export the week as a snapshot (asks before replacing)"
      ),
      footer: ("exportieren", "export"), scope: .live),
    KeyBinding(
      [(.char("w"), .snapshots)],
      help: ("Wochen-Snapshots (gespeicherte Wochen, letzter Export)", "weekly snapshots (stored weeks, last export)"),
      footer: ("Snapshots", "snapshots")),
    KeyBinding([(.char("?"), .help)], help: ("diese Hilfe", "this help")),
    KeyBinding([(.char("q"), .quit), (.interrupt, .quit)], help: ("beenden", "quit")),
  ]

  /// The binding and command of a key, if the table has one.
  public static func lookup(_ key: Key) -> (binding: KeyBinding, command: Command)? {
    for b in bindings {
      if let k = b.keys.first(where: { $0.key == key }) { return (b, k.command) }
    }
    return nil
  }

  /// Whether a binding does something on a frame now: Enter needs rows that open, `s` sortable columns
  /// (the KPI and index tables and broken tabs have neither), `/` a list.
  public static func active(_ b: KeyBinding, _ frame: Frame, _ state: AppState) -> Bool {
    switch b.scope {
    case .everywhere: break
    case .lists:
      switch frame.screen {
      case .help, .kpi: return false
      default: break
      }
    case .drillDown:
      switch frame.screen {
      case .dashboard, .office, .deliveries, .service, .snapshots: break
      case .search: return !Focus.of(frame, in: state).rows.isEmpty
      default: return false
      }
      if !Focus.of(frame, in: state).rows.contains(where: \.opens) { return false }
    case .sortable:
      switch frame.screen {
      case .dashboard, .office, .service: break
      default: return false
      }
      if Focus.of(frame, in: state).sortColumns.isEmpty { return false }
    case .panels:
      if Focus.panelCount(frame.screen, in: state) < 2 { return false }
    case .weeks:
      if state.stored != nil { return false }
      switch frame.screen {
      case .help, .diagnostics, .snapshots, .deliveries: return false
      default: break
      }
    case .pastWeek:
      if (state.wantedWeeksBack == 0 && state.stored == nil) || frame.screen == .help { return false }
    case .live:
      if state.stored != nil { return false }
    case .storedWeeks:
      if frame.screen != .snapshots || state.snapshots.count < 2 { return false }
    }
    return true
  }

  /// Whether the footer and the help list a binding on a frame: where it is active, except `w` on the
  /// Snapshots screen (there it only reads the folder again: not worth a place).
  static func listed(_ b: KeyBinding, _ frame: Frame, _ state: AppState) -> Bool {
    if b.keys.contains(where: { $0.command == .snapshots }) && frame.screen == .snapshots { return false }
    return active(b, frame, state)
  }

  /// The footer's key hints for the top screen: `Enter öffnen · Esc zurück · …`.
  public static func footer(for state: AppState) -> String { footerItems(for: state).joined(separator: " · ") }

  /// The footer's key hints one by one (a narrow footer leaves out the last ones whole).
  static func footerItems(for state: AppState) -> [String] {
    let l = state.language
    return bindings.compactMap { b in
      guard let words = b.footer, listed(b, state.top, state), !b.keys.isEmpty else { return nil }
      let keys = b.keys.prefix(b.footerKeys).map { name($0.key) }.joined(separator: " ")
      return "\(keys) \(l == .de ? words.de : words.en)"
    }
  }

  /// The help screen's lines: the keys of the screen below it, each with what it does.
  static func helpLines(for state: AppState) -> [String] {
    let below = state.stack.count > 1 ? state.stack[state.stack.count - 2] : state.stack[0]
    let lines = bindings.filter { listed($0, below, state) }.map { b in
      b.label + String(repeating: " ", count: max(1, 24 - ScreenBuffer.displayWidth(b.label)))
        + b.helpText(state.language)
    }
    guard state.mouse else { return lines }
    let label = Words.mouse(state.language)
    return lines + [label + String(repeating: " ", count: max(1, 24 - label.count)) + Words.mouseHelp(state.language)]
  }

  /// Every binding as `keys: what they do`, one line each, and what the mouse does (for `--help`).
  public static func summary(_ l: Language) -> String {
    (bindings.map { "\($0.label): \($0.helpText(l))" } + ["\(Words.mouse(l)): \(Words.mouseHelp(l))"])
      .joined(separator: "\n")
  }

  /// The keys table of the README and the DocC page: `| key | does |`, one row per binding, and what
  /// the mouse does (a test keeps both files equal to it).
  public static func markdown(_ l: Language = .en) -> String {
    "| key | does |\n|---|---|\n"
      + bindings.map { b in
        let keys = b.label.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
        return "| \(keys) | \(b.helpText(l)) |\n"
      }.joined() + "| \(Words.mouse(l)) | \(Words.mouseHelp(l)) |\n"
  }

  /// How a key is written: `↑`, `Enter`, `⇧Tab`, `Ctrl-C`, `k`.
  public static func name(_ key: Key) -> String {
    switch key {
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "Home"
    case .end: "End"
    case .enter: "Enter"
    case .backspace: "⌫"
    case .escape: "Esc"
    case .tab: "Tab"
    case .backTab: "⇧Tab"
    case .interrupt: "Ctrl-C"
    case .char(let c): String(c)
    }
  }

  /// Keys as shown, a run of the digits 1…9 as `1–9`.
  static func label(_ keys: [Key]) -> String {
    var names = keys.map(name)
    if let first = names.firstIndex(of: "1"), let last = names.firstIndex(of: "9"), last - first == 8 {
      names.replaceSubrange(first...last, with: ["1–9"])
    }
    return names.joined(separator: " ")
  }
}
