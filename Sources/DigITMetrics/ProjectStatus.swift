import DigITCore

/// The life-cycle status of a project.
public enum ProjectStatus: String, CaseIterable, Sendable, Codable {
  case planned, active, blocked, done, cancelled

  /// Parses the English or German word (case-insensitive): `aktiv`, `erledigt`, `abgeschlossen`, …
  public init?(word: String) {
    switch word.lowercased() {
    case "planned", "geplant": self = .planned
    case "active", "aktiv": self = .active
    case "blocked", "blockiert": self = .blocked
    case "done", "erledigt", "abgeschlossen": self = .done
    case "cancelled", "abgebrochen": self = .cancelled
    default: return nil
    }
  }

  /// Every word `init(word:)` accepts, for messages and hints.
  public static let words = ["planned", "active", "blocked", "done", "cancelled", "geplant", "aktiv", "blockiert", "erledigt", "abgeschlossen", "abgebrochen"]

  /// Whether the project is still open (planned, active or blocked).
  public var isOpen: Bool { self == .planned || self == .active || self == .blocked }
}

/// The risk a project's owner reports.
public enum RiskLevel: String, CaseIterable, Sendable, Codable {
  case low, medium, high

  /// Every word `init(word:)` accepts, for messages and hints.
  public static let words = ["low", "medium", "high", "niedrig", "mittel", "hoch"]

  /// Parses the English or German word (case-insensitive): `niedrig`, `mittel`, `hoch`.
  public init?(word: String) {
    switch word.lowercased() {
    case "low", "niedrig": self = .low
    case "medium", "mittel": self = .medium
    case "high", "hoch": self = .high
    default: return nil
    }
  }
}

/// The areas of the Bitkom Smart City Index, plus the total.
public enum IndexArea: String, CaseIterable, Sendable, Codable {
  case verwaltung = "Verwaltung"
  case itUndKommunikation = "IT und Kommunikation"
  case energieUndUmwelt = "Energie und Umwelt"
  case mobilitaet = "Mobilität"
  case gesellschaft = "Gesellschaft"
  case gesamt = "Gesamt"

  /// Every name `init(name:)` accepts (besides the spelling `Mobilitaet`), for messages and hints.
  public static let names = allCases.map(\.rawValue) + ["Gesellschaft und Bildung"]

  /// Parses an area name as Bitkom writes it (case-insensitive); `Gesellschaft und Bildung` is
  /// `Gesellschaft`, `Mobilitaet` is `Mobilität`.
  public init?(name: String) {
    let n = name.lowercased()
    switch n {
    case "gesellschaft und bildung": self = .gesellschaft
    case "mobilitaet": self = .mobilitaet
    default:
      guard let area = IndexArea.allCases.first(where: { $0.rawValue.lowercased() == n }) else { return nil }
      self = area
    }
  }

  /// A short stable key for metric ids: `verwaltung`, `it`, `energie`, `mobilitaet`, `gesellschaft`, `gesamt`.
  public var key: String {
    switch self {
    case .verwaltung: "verwaltung"
    case .itUndKommunikation: "it"
    case .energieUndUmwelt: "energie"
    case .mobilitaet: "mobilitaet"
    case .gesellschaft: "gesellschaft"
    case .gesamt: "gesamt"
    }
  }
}
