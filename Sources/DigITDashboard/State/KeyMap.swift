import DigITCore
import DigITMetrics

/// Every key, once: the reducer acts on them, the footer shows the main ones, the help screen lists those
/// of the current screen. A key that does nothing on a screen is not listed there.
public struct KeyBinding: Sendable {
  public var keys: String
  public var de: String
  public var en: String
  /// Shown in the footer.
  public var footer: Bool
  /// Where the key does something.
  public var applies: @Sendable (Screen) -> Bool

  public func text(_ l: Language) -> String { l == .de ? de : en }
}

public enum KeyMap {
  static func any(_: Screen) -> Bool { true }
  static func list(_ s: Screen) -> Bool { s != .help }
  static func drills(_ s: Screen) -> Bool {
    switch s {
    case .dashboard, .office: true
    default: false
    }
  }

  public static let bindings: [KeyBinding] = [
    KeyBinding(keys: "↑ ↓  k j", de: "Auswahl bewegen", en: "move the selection", footer: false, applies: any),
    KeyBinding(keys: "PgUp PgDn  Home End", de: "seitenweise, an den Anfang / das Ende", en: "page, to the start / end", footer: false, applies: any),
    KeyBinding(keys: "Enter  l", de: "öffnen (Amt, Projekt)", en: "open (office, project)", footer: true, applies: drills),
    KeyBinding(keys: "Esc  ⌫  h", de: "zurück", en: "back", footer: true, applies: { _ in true }),
    KeyBinding(keys: "/", de: "filtern (Name enthält …)", en: "filter (name contains …)", footer: true, applies: list),
    KeyBinding(keys: "s  S", de: "nach der nächsten Spalte sortieren / umkehren", en: "sort by the next column / reverse", footer: true,
               applies: { s in if case .dashboard = s { return true }; if case .office = s { return true }; return false }),
    KeyBinding(keys: "Tab  ⇧Tab  1–9", de: "Dashboard wechseln", en: "switch dashboard", footer: true, applies: any),
    KeyBinding(keys: "d", de: "Datenprobleme (Fehler und Warnungen der Dateien)", en: "feed problems (errors and warnings)", footer: false, applies: any),
    KeyBinding(keys: "r", de: "Daten neu laden", en: "reload the data", footer: true, applies: any),
    KeyBinding(keys: "e", de: "die Woche als Snapshot exportieren (fragt vor dem Ersetzen)", en: "export the week as a snapshot (asks before replacing)",
               footer: true, applies: any),
    KeyBinding(keys: "w", de: "Wochen-Snapshots (gespeicherte Wochen, letzter Export)", en: "weekly snapshots (stored weeks, last export)",
               footer: true, applies: any),
    KeyBinding(keys: "?", de: "diese Hilfe", en: "this help", footer: false, applies: any),
    KeyBinding(keys: "q  Ctrl-C", de: "beenden", en: "quit", footer: false, applies: any),
  ]

  /// Whether a binding does something on the top screen now: Enter needs rows that open, `s` sortable
  /// columns (the KPI and index tables and broken tabs have neither).
  static func active(_ b: KeyBinding, _ frame: Frame, _ state: AppState) -> Bool {
    guard b.applies(frame.screen) else { return false }
    switch b.keys {
    case "Enter  l":
      return Focus.of(frame, in: state).rows.contains {
        switch $0 {
        case .office, .project, .service, .milestone: true
        default: false
        }
      }
    case "s  S": return !Focus.of(frame, in: state).sortColumns.isEmpty
    // On the Snapshots screen `w` only reads the folder again: not worth a place in the footer.
    case "w": return frame.screen != .snapshots
    default: return true
    }
  }

  /// The footer's key hints for the top screen.
  public static func footer(for state: AppState) -> String {
    let l = state.language
    return bindings.filter { $0.footer && active($0, state.top, state) }
      .map { "\($0.keys.split(separator: " ").first ?? "") \(short($0, l))" }.joined(separator: " · ")
  }

  static func short(_ b: KeyBinding, _ l: Language) -> String {
    switch b.keys {
    case "Enter  l": UIText.open(l)
    case "Esc  ⌫  h": UIText.back(l)
    case "/": UIText.filter(l)
    case "s  S": UIText.sort(l)
    case "r": UIText.reload(l)
    case "e": UIText.export(l)
    case "w": UIText.snapshotList(l)
    default: UIText.nextTab(l)
    }
  }
}

/// The lines of the help screen: the keys of the screen below it.
enum HelpScreen {
  static func lines(for state: AppState) -> [String] {
    let l = state.language
    let below = state.stack.count > 1 ? state.stack[state.stack.count - 2] : state.stack[0]
    return KeyMap.bindings.filter { KeyMap.active($0, below, state) }.map { b in
      b.keys + String(repeating: " ", count: max(1, 22 - ScreenBuffer.displayWidth(b.keys))) + b.text(l)
    }
  }
}
