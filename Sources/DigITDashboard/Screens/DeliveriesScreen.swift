import DigITCore
import DigITFeeds
import DigITMetrics

/// The feed files of an office folder as the delivery screen lists them, and where their rows come from.
enum DeliveryFiles {
  /// The feed files in file order, then the office's metadata.
  static let names = FeedFileKind.allCases.map(\.rawValue) + ["office.yaml"]

  /// The feed kind of a file position (`nil` for office.yaml).
  static func kind(_ f: Int) -> FeedFileKind? { f < FeedFileKind.allCases.count ? FeedFileKind.allCases[f] : nil }

  /// What the loader read of the file, if it tried it.
  static func stats(office o: Int, file f: Int, state: AppState) -> FileStats? {
    let id = state.report.data.offices[o].id
    // The loader takes `Projects.CSV` for projects.csv: the file name is matched without case.
    let name = names[f]
    return state.load.files.first { stats in
      stats.office == id && stats.path.split(separator: "/").last.map { $0.lowercased() == name } == true
    } ?? state.load.files.first { $0.office == id && $0.feed == name }  // an export read as the feed
  }

  /// The file's path relative to the data root (as its diagnostics name it), made inert like theirs.
  static func path(office o: Int, file f: Int, state: AppState) -> String {
    Inert.text(
      stats(office: o, file: f, state: state)?.path ?? "offices/\(state.report.data.offices[o].id)/\(names[f])")
  }

  /// Errors and warnings of one file (the capped ones counted with their occurrences).
  static func problems(_ path: String, state: AppState) -> (errors: Int, warnings: Int) {
    var e = 0
    var w = 0
    for d in state.load.diagnostics where Inert.text(d.file) == path {
      switch d.severity {
      case .error: e += d.occurrences
      case .warning: w += d.occurrences
      case .note: break
      }
    }
    return (e, w)
  }
}

/// The delivery screen ("Datenlieferung", `D`): every office × feed file with the last day or week it
/// covers, the rows read and skipped, its errors and warnings and its state. Missing and unusable files
/// show in red, files whose data end before the report week's Sunday (stale) in amber, optional files
/// not delivered faint. Enter opens the file's problems. Everything comes from the state: the loader's
/// file statistics and diagnostics and the data set; nothing is read while drawing.
enum DeliveriesScreen {
  /// A word as a column title: `file` → `File`.
  static func title(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }

  static func draw(_ state: AppState, in body: Rect, into b: inout ScreenBuffer) {
    let l = state.language
    let f = MetricFormatter(language: l)
    let data = state.report.data
    let sunday = state.report.week.sunday
    var heading = "\(Words.deliveries(l)) · \(Words.reportWeek(l)) \(f.week(state.report.week))"
    if let asOf = state.report.offices.compactMap(\.data.asOf).max() {
      heading += " · \(Words.dataAsOf(l)) \(f.date(asOf))"
    }
    let inner = Widgets.box(heading, in: body, into: &b, focused: true)
    guard inner.height > 0 else { return }
    let rows = Focus.of(state.top, in: state).rows
    let offset = MetricTables.offset(state.top, rows.count, inner)
    // What each visible row shows, worked out once per row (the table asks cell by cell).
    var lines: [Int: Line] = [:]
    for row in offset..<min(rows.count, offset + TableWidget.visibleRows(in: inner)) {
      guard case .feed(let o, let file) = rows[row] else { continue }
      lines[row] = Line(office: o, file: file, state: state, sunday: sunday)
    }
    let memo = lines
    var table = TableWidget(
      columns: [
        TableColumn(Words.office(l), width: 30, flexible: true), TableColumn(title(Words.file(l)), width: 14),
        TableColumn(Words.coveredUpTo(l), width: 10), TableColumn(Words.rowsRead(l), width: 6, rightAligned: true),
        TableColumn(Words.rowsSkipped(l), width: 12, rightAligned: true),
        TableColumn(title(Words.errors(l)), width: 6, rightAligned: true),
        TableColumn(title(Words.warnings(l)), width: 9, rightAligned: true),
        TableColumn(Words.status(l), width: 19), TableColumn(Words.changed(l), width: 12),
      ],
      rowCount: rows.count, selection: state.top.selection, offset: offset
    ) { row, c in
      guard let line = memo[row] else { return .text("") }
      let (o, file, kind, stats, missing, stale) = (
        line.office, line.file, line.kind, line.stats, line.missing, line.stale
      )
      let office = data.offices[o]
      let dataState = state.report.offices[o].data
      let covered = line.covered
      switch c {
      case 0:
        // The office's name on its first row of the list.
        if row > 0, case .feed(let previous, _) = rows[row - 1], previous == o { return .text("") }
        let marked = dataState.stale || !dataState.missing.isEmpty
        return .text((marked ? "⚠ " : "") + office.displayName, Style(marked ? .warning : .normal, bold: true))
      case 1: return .text(DeliveryFiles.names[file], Style(missing ? .error : .normal, bold: missing))
      case 2:
        guard let covered, !missing else { return .text("–", Style(missing ? .error : .faint)) }
        let text = kind == .ozg || kind == .kpis ? f.week(covered.isoWeek) : f.date(covered)
        return .text(text, Style(stale ? .warning : .normal, bold: stale))
      case 3: return stats.map { .number(f.number(Double($0.rowsRead))) } ?? .number("–", Style(.faint))
      case 4:
        guard let stats else { return .number("–", Style(.faint)) }
        return .number(f.number(Double(stats.rowsSkipped)), Style(stats.rowsSkipped > 0 ? .warning : .faint))
      case 5, 6:
        guard stats != nil else { return .number("–", Style(.faint)) }
        let (e, w) = (line.errors, line.warnings)
        if c == 5 { return .number("\(e)", Style(e > 0 ? .error : .faint, bold: e > 0)) }
        return .number("\(w)", Style(w > 0 ? .warning : .faint))
      case 8:
        // When the file was last changed (from the runtime's file scan), `20.11. 14:03`.
        guard let time = state.fileTimes[line.path] else { return .text("–", Style(.faint)) }
        let c = time.day.components
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let text =
          l == .de
          ? "\(two(c.day)).\(two(c.month)). \(two(time.hour)):\(two(time.minute))"
          : "\(two(c.month))-\(two(c.day)) \(two(time.hour)):\(two(time.minute))"
        return .text(text, Style(.faint))
      default:
        if missing {
          let word = stats == nil ? Words.missing(l) : Words.unusable(l)
          return .text("✗ \(word)", Style(.error, bold: true))
        }
        if line.lacks { return .text("✗ \(Words.withoutProjects(l))", Style(.error, bold: true)) }
        guard stats != nil else { return .text("– \(Words.notDelivered(l))", Style(.faint)) }
        if stale { return .text("⚠ \(Words.stale(l))", Style(.warning, bold: true)) }
        return .text("✓ \(Words.ok(l))", Style(.green))
      }
    }
    table.emptyText = Words.noRows(l)
    table.render(in: inner, into: &b)
  }

  /// One row of the screen: an office's feed file and what the state says about it.
  struct Line {
    var office: Int
    var file: Int
    var kind: FeedFileKind?
    /// What the loader read of it (`nil`: not there, or not tried).
    var stats: FileStats?
    /// Missing or unusable (a file the office's figures lack).
    var missing: Bool
    /// Not read because projects.csv is missing.
    var lacks: Bool
    /// The last day it covers.
    var covered: Day?
    /// Behind the report week (amber).
    var stale: Bool
    var errors: Int
    var warnings: Int
    /// The file's path relative to the data root.
    var path: String

    init(office o: Int, file: Int, state: AppState, sunday: Day) {
      let office = state.report.data.offices[o]
      let dataState = state.report.offices[o].data
      self.office = o
      self.file = file
      kind = DeliveryFiles.kind(file)
      stats = DeliveryFiles.stats(office: o, file: file, state: state)
      missing = kind.map { dataState.missing.contains($0) } ?? false
      lacks = kind.map { dataState.lacks($0) } ?? false
      // The last day the file covers; the weekly feeds by their week.
      covered = kind.map { office.lastCovered($0) } ?? office.declaredDataAsOf
      // Behind the report week's Sunday: a weekly feed (OZG, KPIs) that lacks the report week, office.yaml's
      // data_as_of, and the backlog of a stale office (a backlog's last event alone says nothing: a quiet
      // weekend is not a missing delivery). Projects and milestones carry no weeks.
      let behind = covered.map { $0 < sunday } ?? false
      switch kind {
      case .ozg?, .kpis?: stale = behind
      case .backlog?: stale = behind && dataState.stale
      case nil: stale = behind && office.declaredDataAsOf != nil
      default: stale = false
      }
      path = DeliveryFiles.path(office: o, file: file, state: state)
      (errors, warnings) = stats == nil ? (0, 0) : DeliveryFiles.problems(path, state: state)
    }
  }
}
