import DigITCore
import DigITFeeds
import DigITMetrics

/// One project: its fields, RAG reasons in words, milestones, the backlog chart (created vs. closed per
/// week, open over time), the forecast against the due day, the budget, age and cycle-time percentiles,
/// and its open items oldest first (the selectable list).
enum ProjectScreen {
  struct Parts {
    var details: Rect, charts: Rect, items: Rect
  }

  static func layout(_ body: Rect) -> Parts {
    let rows = Layout.rows(body, [.weight(3), .weight(2)])
    let top =
      body.width >= 100
      ? Layout.columns(rows[0], [.weight(1), .weight(1)]) : Layout.rows(rows[0], [.weight(1), .weight(1)])
    return Parts(details: top[0], charts: top[1], items: rows[1])
  }

  static func draw(_ state: AppState, project id: String, in body: Rect, into b: inout ScreenBuffer) {
    let l = state.language
    let f = MetricFormatter(language: l)
    let report = state.report
    guard let (o, p) = Focus.locate(project: id, in: report.data) else {
      b.put(Words.noData(l), x: body.x + 1, y: body.y, style: Style(.faint))
      return
    }
    let project = report.data.offices[o].projects[p]
    let facts = report.offices[o].projects[p]
    let pf = facts.project ?? ProjectFacts()
    let scope = ScopeRef.project(o, p)
    let parts = layout(body)

    // Details
    let d = Widgets.box("\(project.id) · \(project.title)", in: parts.details, into: &b)
    var y = d.y
    // Lines that find no room are counted and said in the box's border.
    var skipped = 0
    func line(_ label: String, _ value: String, style: Style = .normal) {
      guard y < d.y + d.height else {
        skipped += 1
        return
      }
      b.put(label, x: d.x, y: y, width: 15, style: Style(.faint))
      b.put(value, x: d.x + 15, y: y, width: max(0, d.width - 15), style: style)
      y += 1
    }
    if y < d.y + d.height {
      Widgets.rag(pf.rag, x: d.x, y: y, into: &b)
      var text = pf.rag.map { "\($0.label(l)) · \(project.status.label(l))" } ?? project.status.label(l)
      if let since = state.ragSince(office: o, project: p) { text += " · " + since }
      b.put(text, x: d.x + 2, y: y, width: d.width - 2, style: Style(pf.rag.map(Widgets.role) ?? .faint, bold: true))
      y += 1
    }
    for (i, reason) in pf.reasons.enumerated() where y < d.y + d.height {
      if y == d.y + d.height - 1 && i < pf.reasons.count - 1 {
        b.put("  +\(pf.reasons.count - i) \(Words.more(l))", x: d.x, y: y, width: d.width, style: Style(.faint))
        y += 1
        break
      }
      b.put("  " + reason.text(l), x: d.x, y: y, width: d.width, style: Style(reason.level == .red ? .red : .amber))
      y += 1
    }
    line(Words.office(l), report.data.offices[o].displayName)
    line(Words.fieldOwner(l), project.owner.isEmpty ? "–" : project.owner)
    line(Words.fieldCategory(l), project.category.isEmpty ? "–" : project.category)
    line(
      "\(Words.fieldStart(l)) / \(Words.due(l))",
      "\(project.start.map { f.date($0) } ?? "–") → \(project.due.map { f.date($0) } ?? "–")")
    line(Words.fieldUpdated(l), project.updated.map { f.date($0) } ?? "–")
    line(Words.fieldRisk(l), project.risk?.label(l) ?? "–")
    line(Words.fieldIndexArea(l), project.indexArea.map { $0.label(l) } ?? "–")
    if y < d.y + d.height {
      b.put(Words.budget(l), x: d.x, y: y, width: 15, style: Style(.faint))
      let used = pf.budgetUsed
      // The bar gives way to the amounts.
      let bar = min(20, max(0, d.width - 46))
      Widgets.progress(used, x: d.x + 15, y: y, width: bar, into: &b)
      let text =
        "\(f.format(project.budgetSpent.map { .number($0) }, unit: .euros)) / \(f.format(project.budgetPlanned.map { .number($0) }, unit: .euros))"
      b.put(
        " " + text + (used.map { " (\(f.percent($0, decimals: 0)))" } ?? ""),
        x: d.x + 15 + bar, y: y, width: max(0, d.width - 15 - bar))
      y += 1
    } else {
      skipped += 1
    }
    // Milestones
    let milestones = report.data.offices[o].milestones.filter { Int($0.project) == p }
    if !milestones.isEmpty && y >= d.y + d.height { skipped += 1 + milestones.count }
    if !milestones.isEmpty && y < d.y + d.height {
      b.put(Words.milestones(l), x: d.x, y: y, width: d.width, style: Style(.header, bold: true))
      y += 1
      for (i, m) in milestones.enumerated() where y < d.y + d.height {
        if y == d.y + d.height - 1 && i < milestones.count - 1 {
          b.put("+\(milestones.count - i) \(Words.more(l))", x: d.x, y: y, width: d.width, style: Style(.faint))
          break
        }
        let done = m.done.map { $0 <= report.asOf } ?? false
        let overdue = !done && (m.due.map { $0 < report.asOf } ?? false)
        b.put(
          done ? "✓" : overdue ? "●" : "·", x: d.x, y: y, width: 1,
          style: Style(done ? .green : overdue ? .red : .faint, bold: true))
        b.put(m.due.map { f.date($0) } ?? "–", x: d.x + 2, y: y, width: 10)
        // ✓ and the day it was done, or "offen": the name keeps the room.
        b.put(
          done ? f.date(m.done!) : Words.notDone(l), x: d.x + 13, y: y, width: 10,
          style: Style(done ? .faint : overdue ? .red : .normal))
        b.put(m.name, x: d.x + 24, y: y, width: max(0, d.width - 24))
        y += 1
      }
    }

    Widgets.boxFooter(TableWidget.Shown(below: skipped), more: Words.more(l), in: parts.details, into: &b)

    // Charts and figures
    let c = Widgets.box(Words.forecastAndBacklog(l), in: parts.charts, into: &b)
    y = c.y
    func figure(_ label: String, _ value: String, style: Style = .normal) {
      guard y < c.y + c.height else { return }
      b.put(label, x: c.x, y: y, width: 17, style: Style(.faint))
      b.put(value, x: c.x + 18, y: y, width: max(0, c.width - 18), style: style)
      y += 1
    }
    let late = pf.reasons.contains { $0.code == "forecast_late" }
    figure(
      "P50 / P85",
      "\(f.format(report.value("project.forecast_p50", at: scope), unit: .date)) / \(f.format(report.value("project.forecast_p85", at: scope), unit: .date))  (\(Words.due(l)) \(project.due.map { f.date($0) } ?? "–"))",
      style: Style(late ? .amber : .normal))
    func v(_ id: String) -> String { f.format(report.value(id, at: scope), of: report.catalog[id]!) }
    figure(Words.progress(l), v("project.progress"))
    figure(
      Words.openOverTime(l),
      "\(v("backlog.open")) · \(report.catalog["backlog.weeks_to_clear"]!.label(l)) \(v("backlog.weeks_to_clear"))")
    figure(Words.agePercentiles(l), "\(v("backlog.age_p50")) / \(v("backlog.age_p85"))")
    figure(Words.cyclePercentiles(l), "\(v("backlog.cycle_p50")) / \(v("backlog.cycle_p85"))")
    // Created and closed on one scale, so that they compare; the open bars get the room left of them for
    // their maximum.
    let width = max(0, min(26, c.width - 18))
    let created = report.series("backlog.created_weekly", at: scope) ?? []
    let closed = report.series("backlog.closed_weekly", at: scope) ?? []
    let top = (created + closed).compactMap { $0 }.max() ?? 0
    let scale = 0...max(top, 1)
    if y < c.y + c.height {
      b.put(Words.created(l), x: c.x, y: y, width: 17, style: Style(.faint))
      Widgets.sparkline(created, x: c.x + 18, y: y, width: width, into: &b, style: Style(.amber), scale: scale)
      b.put(
        "\(Words.maximum(l)) \(f.number(top))", x: c.x + 19 + width, y: y,
        width: max(0, c.x + c.width - c.x - 19 - width), style: Style(.faint))
      y += 1
    }
    if y < c.y + c.height {
      b.put(Words.closed(l), x: c.x, y: y, width: 17, style: Style(.faint))
      Widgets.sparkline(closed, x: c.x + 18, y: y, width: width, into: &b, style: Style(.green), scale: scale)
      y += 1
    }
    if y < c.y + c.height {
      b.put(Words.openOverTime(l), x: c.x, y: y, width: 17, style: Style(.faint))
      let open = report.series("backlog.open_weekly", at: scope) ?? []
      if let most = open.compactMap({ $0 }).max() {
        b.put(
          "\(Words.maximum(l)) \(f.number(most))", x: c.x + 19 + width, y: y, width: max(0, c.width - 19 - width),
          style: Style(.faint))
      }
      let rect = Rect(x: c.x + 18, y: y, width: width, height: c.y + c.height - y)
      Widgets.bars(open, in: rect, into: &b, maxLabel: Words.maximum(l)) { f.number($0) }
    }

    // Open items
    let inner = Widgets.box(Words.openItems(l), in: parts.items, into: &b, focused: true)
    let rows = Focus.of(state.top, in: state).rows
    Widgets.boxFooter(
      Lists.items(rows, state: state, frame: state.top, in: inner, into: &b), more: Words.more(l), in: parts.items,
      into: &b, focused: true)
  }
}

/// The diagnostics and help screens: a titled, scrolling list.
enum ListScreens {
  /// How far the continuation lines of a wrapped feed problem are indented.
  static let continuationIndent = 4

  /// The feed problems in the user's language, each wrapped over as many lines as it needs (continuation
  /// lines indented), never cut; the list scrolls by problem, the selected one shown whole.
  static func diagnostics(_ state: AppState, in body: Rect, into b: inout ScreenBuffer) {
    let l = state.language
    let counts =
      "\(Words.count(state.load.errorCount, .error, .errors, l)) · \(Words.count(state.load.warningCount, .warning, .warnings, l))"
    let inner = Widgets.box("\(Words.diagnostics(l)) · \(counts)", in: body, into: &b, focused: true)
    guard inner.height > 0 else { return }
    b.put(Words.diagnosticsHeader(l), x: inner.x, y: inner.y, width: inner.width, style: Style(.header, bold: true))
    let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
    guard list.width > 0, list.height > 0 else { return }
    let rows = Focus.of(state.top, in: state).rows
    guard !rows.isEmpty else {
      b.put(Words.noRows(l), x: list.x, y: list.y, width: list.width, style: Style(.faint))
      return
    }
    let frame = state.top
    let offset = scrollOffset(
      selection: frame.selection, offset: frame.offset, rows: rows.count, visible: list.height,
      height: { lines(rows[$0], state: state, width: list.width).count })
    var y = list.y
    for index in offset..<rows.count where y < list.y + list.height {
      let style: Style
      switch rows[index] {
      case .diagnostic(let d):
        let severity = state.load.diagnostics[d].severity
        style = Style(severity == .error ? .error : severity == .warning ? .warning : .faint)
      case .heading: style = Style(.header, bold: true)
      default: style = .normal
      }
      let top = y
      for text in lines(rows[index], state: state, width: list.width) where y < list.y + list.height {
        b.put(text, x: list.x, y: y, width: list.width, style: style)
        if index == frame.selection {
          b.restyle(x: list.x, y: y, width: list.width, style: Style(.selected, bold: true))
        }
        y += 1
      }
      // Rows of different heights: each its own place for a click.
      b.regions.append(HitRegion(Rect(x: list.x, y: top, width: list.width, height: y - top), .row(index)))
    }
  }

  /// The lines a row of the feed-problems screen takes at a width: a problem in the user's language,
  /// wrapped; a heading (an office) likewise.
  static func lines(_ row: RowItem, state: AppState, width: Int) -> [String] {
    switch row {
    case .diagnostic(let d):
      return Widgets.wrap(
        state.load.diagnostics[d].description(state.language), width: width, indent: continuationIndent)
    default:
      return Widgets.wrap(Rows.name(row, state: state), width: width, indent: continuationIndent)
    }
  }

  /// The rectangle of the feed problems' list (below its header line), as ``diagnostics(_:in:into:)``
  /// draws it; `nil` when the window is too small for the screen.
  static func diagnosticsList(_ state: AppState) -> Rect? {
    guard let inner = Renderer.focusRect(state), inner.height > 1, inner.width > 0 else { return nil }
    return Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
  }

  static func help(_ state: AppState, in body: Rect, into b: inout ScreenBuffer) {
    let l = state.language
    let inner = Widgets.box(Words.help(l), in: body, into: &b, focused: true)
    guard inner.height > 0 else { return }
    b.put(Words.keys(l), x: inner.x, y: inner.y, width: inner.width, style: Style(.header, bold: true))
    let rows = Focus.of(state.top, in: state).rows
    Lists.draw(
      rows, state: state, frame: state.top,
      in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1), into: &b)
  }
}
