import DigITCore
import DigITMetrics

/// The worst RAG status of each office's open projects in every week recorded in `history.sqlite`: what
/// the dashboard's office × week heatmap shows for past weeks, whose project status the feeds do not keep
/// (`projects.csv` holds only today's status).
public struct HistoryGrid: Sendable, Equatable {
  /// One office in one week.
  public enum Cell: Sendable, Equatable {
    /// The worst RAG of its open projects.
    case rag(RAG)
    /// Recorded, but no open project (all done or cancelled, or none at all).
    case noOpenProjects
    /// Recorded without usable project data (`projects.csv` missing that week).
    case noData
  }

  /// Office id → week → cell; an office or week that is not recorded is absent.
  public var cells: [String: [ISOWeek: Cell]]
  /// Why the database could not be read, if it could not (the heatmap then shows only the feeds' week).
  public var error: String?

  public init(cells: [String: [ISOWeek: Cell]] = [:], error: String? = nil) {
    self.cells = cells
    self.error = error
  }

  /// The cell of an office in a week, `nil` when that week is not recorded for it.
  /// The cell of an office (its id as read from the feeds; the history stores it inert) in a week.
  public func cell(office: String, week: ISOWeek) -> Cell? { cells[Inert.text(office)]?[week] }
}

extension History {
  /// Reads the worst RAG of every office's open projects per recorded week (one query). A missing
  /// database has no weeks; one that cannot be read gives an empty grid with the reason.
  public func grid() -> HistoryGrid {
    guard FileSystemKind.of(path) != .missing else { return HistoryGrid() }
    do throws(HistoryError) {
      let db = try SQLiteConnection(path: path, busyTimeout: busyTimeout)
      let version = try db.rows("PRAGMA user_version").first?.first?.integer ?? 0
      guard version == Self.schemaVersion else {
        return HistoryGrid(error: "\(path) has schema version \(version), not \(Self.schemaVersion)")
      }
      let rows = try db.rows(
        """
        SELECT o.week, o.office,
          MAX(CASE p.rag WHEN 'red' THEN 2 WHEN 'amber' THEN 1 WHEN 'green' THEN 0 END),
          EXISTS (SELECT 1 FROM missing_files m WHERE m.week = o.week AND m.office = o.office
                  AND m.file = 'projects.csv')
        FROM offices o LEFT JOIN projects p ON p.week = o.week AND p.office = o.office
        GROUP BY o.week, o.office
        """)
      var cells: [String: [ISOWeek: HistoryGrid.Cell]] = [:]
      for r in rows {
        guard let text = r[0].string, case .success(let week) = ISOWeek.parse(text), let office = r[1].string else {
          continue
        }
        let cell: HistoryGrid.Cell
        if r[3].integer == 1 {
          cell = .noData
        } else {
          switch r[2].integer {
          case 2: cell = .rag(.red)
          case 1: cell = .rag(.amber)
          case 0: cell = .rag(.green)
          default: cell = .noOpenProjects
          }
        }
        cells[office, default: [:]][week] = cell
      }
      return HistoryGrid(cells: cells)
    } catch {
      return HistoryGrid(error: error.description)
    }
  }
}
