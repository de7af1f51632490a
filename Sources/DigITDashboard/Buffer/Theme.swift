/// The dashboard's colours, with the widgets whose roles they colour: per ``Role`` a foreground and a
/// background (8 basic colours only, so it works on 8- and 256-colour terminals alike; `nil` is the
/// terminal's own), and the attributes that stand in for colour on a monochrome terminal or with
/// `NO_COLOR`. A terminal backend only translates these into its own calls.
public enum Theme {
  /// The eight basic terminal colours (ANSI order, as curses numbers them).
  public enum Color: Int16, Sendable {
    case black = 0
    case red, green, yellow, blue, magenta, cyan, white
  }

  /// An emphasis a monochrome terminal can show.
  public enum Emphasis: Sendable {
    case none, bold, reverse, dim
  }

  /// Foreground and background of a role.
  public static func colors(_ role: Role) -> (foreground: Color?, background: Color?) {
    switch role {
    case .normal, .tab: (nil, nil)
    case .faint, .border: (.blue, nil)
    case .title: (.white, .blue)
    case .header, .accent: (.cyan, nil)
    case .selected, .activeTab: (.black, .cyan)
    case .red, .error: (.red, nil)
    case .amber, .warning: (.yellow, nil)
    case .green: (.green, nil)
    case .match: (.black, .yellow)
    }
  }

  /// Without colours, roles that must stand out become reverse, bold or dim.
  public static func monochrome(_ role: Role) -> Emphasis {
    switch role {
    case .selected, .activeTab, .title: .reverse
    case .red, .error, .header, .warning, .match: .bold
    case .faint, .border: .dim
    default: .none
    }
  }
}
