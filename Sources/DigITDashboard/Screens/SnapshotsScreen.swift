import DigITCore
import DigITMetrics
import DigITSnapshot

/// The weekly snapshots: at the top what the last export of this session did (the folder and every file
/// written, or why nothing was), below it the stored weeks of the snapshot folder, newest first (the
/// selectable list). Everything comes from the state: the folder is listed by the `.listSnapshots`
/// effect, never while drawing. Paths go through the buffer, which makes them inert.
enum SnapshotsScreen {
  struct Parts {
    /// The last export's box, if there was an export.
    var export: Rect?
    var list: Rect
  }

  /// The lines of the box of a written week: the folder, each file, what `changes` compares against.
  static func exportLines(_ r: Exporter.Result, _ l: Language) -> [(text: String, style: Style)] {
    [(r.folder, Style(.normal, bold: true))] + r.paths.map { ("  " + $0, Style.normal) } + [
      (changesLine(r, l), Style(.faint))
    ]
  }

  /// `Änderungen gegenüber dem Snapshot KW 46/2026` / `… den Daten vom 16.11.2026`.
  static func changesLine(_ r: Exporter.Result, _ l: Language) -> String {
    switch r.against {
    case .snapshot:
      let week = SnapshotStore.week(r.againstWeek).map { Words.weekLabel($0, l) } ?? r.againstWeek
      return "\(Words.changesAgainstSnapshot(l)) \(week)"
    case .data:
      return
        "\(Words.changesAgainstData(l)) \(day(r.againstAsOf).map { MetricFormatter(language: l).date($0) } ?? r.againstAsOf)"
    }
  }

  /// `2026-11-16` → the day.
  static func day(_ iso: String) -> Day? {
    let parts = iso.split(separator: "-")
    guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
    return Day(year: y, month: m, day: d)
  }

  static func layout(_ state: AppState, in body: Rect) -> Parts {
    guard let outcome = state.lastExport else { return Parts(export: nil, list: body) }
    let inner = max(1, body.width - 2)
    let lines: Int
    switch outcome {
    case .written(let result): lines = exportLines(result, state.language).count
    case .failed(let message):
      // As many lines as the wrapped reason takes (measured on a scratch buffer).
      var scratch = ScreenBuffer(width: inner, height: 8)
      lines = max(1, Widgets.paragraph(message, in: Rect(x: 0, y: 0, width: inner, height: 8), into: &scratch))
    }
    // The list keeps a box with its header and two rows.
    let height = min(lines + 2, max(3, body.height - 5))
    let rows = Layout.rows(body, [.fixed(height), .weight(1)])
    return Parts(export: rows[0], list: rows[1])
  }

  static func draw(_ state: AppState, in body: Rect, into b: inout ScreenBuffer) {
    let l = state.language
    let parts = layout(state, in: body)
    if let rect = parts.export, let outcome = state.lastExport {
      switch outcome {
      case .written(let result):
        let inner = Widgets.box(Words.exportDone(result, l), in: rect, into: &b)
        let lines = exportLines(result, l)
        for (i, line) in lines.enumerated() where i < inner.height {
          if i == inner.height - 1 && i < lines.count - 1 {
            b.put(
              "  +\(lines.count - i) \(Words.more(l))", x: inner.x, y: inner.y + i, width: inner.width,
              style: Style(.faint))
            break
          }
          b.put(line.text, x: inner.x, y: inner.y + i, width: inner.width, style: line.style)
        }
      case .failed(let message):
        let inner = Widgets.box(Words.exportFailed(l), in: rect, into: &b)
        Widgets.paragraph(message, in: inner, into: &b, style: Style(.error, bold: true))
      }
    }
    list(state, in: parts.list, into: &b)
  }

  /// The stored weeks, or why there are none to show.
  static func list(_ state: AppState, in r: Rect, into b: inout ScreenBuffer) {
    let l = state.language
    let inner = Widgets.box("\(Words.snapshots(l)) · \(state.snapshotFolder)", in: r, into: &b, focused: true)
    guard inner.height > 0 else { return }
    guard state.snapshotsListed else {
      b.put(Words.reading(l), x: inner.x, y: inner.y, width: inner.width, style: Style(.faint))
      return
    }
    if let error = state.snapshotsError {
      Widgets.paragraph(
        "\(Words.folderUnreadable(l)): \(error)", in: inner, into: &b, style: Style(.error, bold: true))
      return
    }
    guard !state.snapshots.isEmpty else {
      Widgets.paragraph(
        "\(Words.noSnapshotsIn(l)) \(state.snapshotFolder). \(Words.exportHint(l))", in: inner, into: &b)
      return
    }
    let rows = Focus.of(state.top, in: state).rows
    var table = TableWidget(
      columns: [
        TableColumn(Words.isoWeek(l), width: 10), TableColumn(Words.filesColumn(l), width: 7, rightAligned: true),
        TableColumn(Words.size(l), width: 9, rightAligned: true), TableColumn("snapshot.json", width: 13),
        TableColumn(Words.folder(l), width: 20, flexible: true),
      ],
      rowCount: rows.count, selection: state.top.selection, offset: MetricTables.offset(state.top, rows.count, inner)
    ) { row, c in
      guard case .storedWeek(let i) = rows[row] else { return .text("") }
      let week = state.snapshots[i]
      switch c {
      case 0:
        // The week marked for a comparison (`m`) says so.
        guard state.markedWeek == week.week else {
          return .text(Words.weekLabel(week.week, l), Style(.normal, bold: true))
        }
        return .text("◆ " + Words.weekLabel(week.week, l), Style(.accent, bold: true))
      case 1: return .number("\(week.files.count)")
      case 2: return .number(Words.fileSize(week.bytes, l))
      case 3:
        guard week.hasJSON else { return .text("✗ \(Words.missing(l))", Style(.warning, bold: true)) }
        guard week.problem == nil else { return .text("⚠ \(Words.unreadable(l))", Style(.error, bold: true)) }
        return .text("✓", Style(.green, bold: true))
      default:
        // A broken snapshot.json: why, in the folder's place (from the file's name on).
        guard let problem = week.problem else { return .text(week.path, Style(.faint)) }
        let prefix = week.path + "/"
        return .text(problem.hasPrefix(prefix) ? String(problem.dropFirst(prefix.count)) : problem, Style(.error))
      }
    }
    table.emptyText = Words.noRows(l)
    table.render(in: inner, into: &b)
  }
}
