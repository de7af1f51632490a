import DigITCore

/// The life-cycle status of a project.
///
/// The raw values are the English words, as snapshots and `digit summary --format json` write them.
public enum ProjectStatus: String, CaseIterable, Sendable, Codable {
  /// Not started yet (`geplant`); open, so it has a RAG status and can be overdue.
  case planned
  /// Being worked on (`aktiv`); open, and the only status that can be stale.
  case active
  /// Stopped by something outside the project (`blockiert`); open, and always red.
  case blocked
  /// Finished (`erledigt`, `abgeschlossen`); no RAG status, no forecast.
  case done
  /// Given up (`abgebrochen`); no RAG status, no forecast.
  case cancelled

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
  public static let words = [
    "planned", "active", "blocked", "done", "cancelled", "geplant", "aktiv", "blockiert", "erledigt", "abgeschlossen",
    "abgebrochen",
  ]

  /// Whether the project is still open (planned, active or blocked).
  public var isOpen: Bool { self == .planned || self == .active || self == .blocked }
}

/// The risk a project's owner reports.
public enum RiskLevel: String, CaseIterable, Sendable, Codable {
  /// Low risk (`niedrig`); no effect on the RAG status.
  case low
  /// Medium risk (`mittel`); no effect on the RAG status.
  case medium
  /// High risk (`hoch`); makes an open project amber (reason `high_risk`).
  case high

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
///
/// The raw values are the names as Bitkom writes them and as `smart-city-index.csv` uses them.
public enum IndexArea: String, CaseIterable, Sendable, Codable {
  /// Administration (metric `index.area.verwaltung`).
  case verwaltung = "Verwaltung"
  /// IT and communication (metric `index.area.it`).
  case itUndKommunikation = "IT und Kommunikation"
  /// Energy and environment (metric `index.area.energie`).
  case energieUndUmwelt = "Energie und Umwelt"
  /// Mobility (metric `index.area.mobilitaet`).
  case mobilitaet = "Mobilität"
  /// Society, also written `Gesellschaft und Bildung` (metric `index.area.gesellschaft`).
  case gesellschaft = "Gesellschaft"
  /// The total score and rank (metrics `index.score` and `index.rank`), not an area.
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
