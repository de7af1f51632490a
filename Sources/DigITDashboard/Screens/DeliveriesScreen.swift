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
    let suffix = "/" + names[f]
    return state.load.files.first { $0.office == id && $0.path.hasSuffix(suffix) }
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
    var heading = "\(UIText.deliveries(l)) · \(UIText.reportWeek(l)) \(f.week(state.report.week))"
    if let asOf = state.report.offices.compactMap(\.data.asOf).max() {
      heading += " · \(l == .de ? "Datenstand" : "latest data") \(f.date(asOf))"
    }
    let inner = Widgets.box(heading, in: body, into: &b, focused: true)
    guard inner.height > 0 else { return }
    let rows = Focus.of(state.top, in: state).rows
    var table = TableWidget(
      columns: [
        TableColumn(UIText.office(l), width: 30, flexible: true), TableColumn(title(UIText.file(l)), width: 14),
        TableColumn(UIText.coveredUpTo(l), width: 10), TableColumn(UIText.rowsRead(l), width: 6, rightAligned: true),
        TableColumn(UIText.rowsSkipped(l), width: 12, rightAligned: true),
        TableColumn(title(UIText.errors(l)), width: 6, rightAligned: true),
        TableColumn(title(UIText.warnings(l)), width: 9, rightAligned: true),
        TableColumn(UIText.status(l), width: 24),
      ],
      rowCount: rows.count, selection: state.top.selection, offset: MetricTables.offset(state.top, rows.count, inner)
    ) { row, c in
      guard case .feed(let o, let file) = rows[row] else { return .text("") }
      let office = data.offices[o]
      let dataState = state.report.offices[o].data
      let kind = DeliveryFiles.kind(file)
      let stats = DeliveryFiles.stats(office: o, file: file, state: state)
      let missing = kind.map { dataState.missing.contains($0) } ?? false
      let lacks = kind.map { dataState.lacks($0) } ?? false
      // The last day the file covers; the weekly feeds by their week.
      let covered = kind.map { office.lastCovered($0) } ?? office.declaredDataAsOf
      // Behind the report week's Sunday: a weekly feed (OZG, KPIs) that lacks the report week, office.yaml's
      // data_as_of, and the backlog of a stale office (a backlog's last event alone says nothing: a quiet
      // weekend is not a missing delivery). Projects and milestones carry no weeks.
      let behind = covered.map { $0 < sunday } ?? false
      let stale: Bool
      switch kind {
      case .ozg?, .kpis?: stale = behind
      case .backlog?: stale = behind && dataState.stale
      case nil: stale = behind && office.declaredDataAsOf != nil
      default: stale = false
      }
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
        let (e, w) = DeliveryFiles.problems(DeliveryFiles.path(office: o, file: file, state: state), state: state)
        if c == 5 { return .number("\(e)", Style(e > 0 ? .error : .faint, bold: e > 0)) }
        return .number("\(w)", Style(w > 0 ? .warning : .faint))
      default:
        if missing {
          let word = stats == nil ? UIText.missing(l) : UIText.unusable(l)
          return .text("✗ \(word)", Style(.error, bold: true))
        }
        if lacks { return .text("✗ \(UIText.withoutProjects(l))", Style(.error, bold: true)) }
        guard stats != nil else { return .text("– \(UIText.notDelivered(l))", Style(.faint)) }
        if stale { return .text("⚠ \(UIText.stale(l))", Style(.warning, bold: true)) }
        return .text("✓ \(UIText.ok(l))", Style(.green))
      }
    }
    table.emptyText = UIText.noRows(l)
    table.render(in: inner, into: &b)
  }
}
