import DigITCore
import DigITFeeds
import DigITMetrics

/// Turns the state into a screen: `render(state) -> ScreenBuffer` is a pure function, so every screen can
/// be tested as text. The chrome (header, tabs, breadcrumb, footer) frames the top frame's screen.
public enum Renderer {
  /// Below this size only "Fenster zu klein" is shown.
  public static let minimumWidth = 40, minimumHeight = 10

  public static func render(_ state: AppState) -> ScreenBuffer {
    var b = ScreenBuffer(width: state.width, height: state.height)
    guard state.width >= minimumWidth, state.height >= minimumHeight else {
      let text = Words.tooSmall(state.language)
      let detail = "\(state.width)×\(state.height) < \(minimumWidth)×\(minimumHeight)"
      let w = ScreenBuffer.displayWidth(text)
      let y = max(0, state.height / 2 - 1)
      b.put(text, x: max(0, (state.width - w) / 2), y: y, style: Style(.warning, bold: true))
      // On the next row, if there is one (one row high, the size was drawn over the notice).
      b.put(detail, x: max(0, (state.width - detail.count) / 2), y: y + 1, style: Style(.faint))
      return b
    }
    Chrome.header(state, into: &b)
    Chrome.footer(state, into: &b)
    let body = bodyRect(state)
    switch state.top.screen {
    case .dashboard(let i): DashboardScreen.draw(state, tab: i, in: body, into: &b)
    case .office(let id): OfficeScreen.draw(state, office: id, in: body, into: &b)
    case .project(let id): ProjectScreen.draw(state, project: id, in: body, into: &b)
    case .diagnostics: ListScreens.diagnostics(state, in: body, into: &b)
    case .help: ListScreens.help(state, in: body, into: &b)
    case .snapshots: SnapshotsScreen.draw(state, in: body, into: &b)
    case .deliveries: DeliveriesScreen.draw(state, in: body, into: &b)
    case .kpi(let id): KPIScreen.draw(state, kpi: id, in: body, into: &b)
    case .service(let id): ServiceScreen.draw(state, service: id, in: body, into: &b)
    case .search: SearchScreen.draw(state, in: body, into: &b)
    case .comparison: ComparisonScreen.draw(state, in: body, into: &b)
    }
    if let list = focusRect(state), list.height > 1 {
      let rows = Rect(x: list.x, y: list.y + 1, width: list.width, height: list.height - 1)
      // The typed filter's (or search's) matches, marked in the rows shown.
      if !state.top.filter.isEmpty { b.highlight(state.top.filter, in: rows, style: Style(.match, bold: true)) }
      // The first row shown, as the screens work it out (the feed problems, rows of different heights,
      // record each row themselves).
      let first = scrollOffset(
        selection: state.top.selection, offset: state.top.offset, rows: Focus.of(state.top, in: state).rows.count,
        visible: rows.height)
      if state.top.screen != .diagnostics { b.regions.append(HitRegion(rows, .rows(first: first))) }
    }
    return b
  }

  /// The area between header and footer.
  public static func bodyRect(_ state: AppState) -> Rect {
    Rect(x: 0, y: Chrome.headerHeight, width: state.width, height: state.height - Chrome.headerHeight - 1)
  }

  /// The table area (header line plus rows) of the top frame's selectable list, for scrolling.
  public static func focusRect(_ state: AppState) -> Rect? {
    guard state.width >= minimumWidth, state.height >= minimumHeight else { return nil }
    let body = bodyRect(state)
    switch state.top.screen {
    // The lists with a selection keep lines for the selected row's detail (see TableWidget.showsDetail).
    case .dashboard(let i): return DashboardScreen.focusRect(state, tab: i, in: body)
    case .office(let id):
      let parts = OfficeScreen.layout(body, office: id, state: state)
      return TableWidget.tableArea(
        [parts.projects, parts.services, parts.kpis][min(2, state.top.panel)].inset(1),
        rows: Focus.of(state.top, in: state).rows.count)
    case .project:
      return TableWidget.tableArea(
        ProjectScreen.layout(body).items.inset(1), rows: Focus.of(state.top, in: state).rows.count)
    case .diagnostics, .help: return body.inset(1)
    case .deliveries: return body.inset(1)
    case .snapshots: return SnapshotsScreen.layout(state, in: body).list.inset(1)
    case .kpi: return nil
    case .service: return body.inset(1)
    case .search: return SearchScreen.listRect(body)
    case .comparison: return body.inset(1)
    }
  }

}

/// Which parts of the title bar fit: the first of ``variants`` whose parts fit the width, so the week and
/// a past or stored week's mark stay while the time of loading, the city's name, the problem counts (first
/// shortened to `⚠ 0/1`), the Stand and the app's name give way, in that order.
struct HeaderLayout {
  enum Problems { case full, short, none }
  struct Variant {
    var loaded = true, city = true, problems = Problems.full, stand = true, shortMark = false, app = true
  }
  typealias Parts = (app: String, week: String, mark: String, rest: String, problems: String)

  /// Each variant gives up one more part than the one before.
  static let variants: [Variant] = {
    var v = Variant()
    var out = [v]
    v.loaded = false
    out.append(v)
    v.city = false
    out.append(v)
    v.problems = .short
    out.append(v)
    v.stand = false
    out.append(v)
    v.shortMark = true
    out.append(v)
    v.app = false
    out.append(v)
    v.problems = .none
    out.append(v)
    return out
  }()

  var variant: Variant
  var parts: Parts

  /// The first variant whose parts fit `width` (with a column between the left parts and the problem
  /// counts); the last one (cut at the right) when none does.
  static func first(width: Int, _ parts: (Variant) -> Parts) -> HeaderLayout {
    for v in variants {
      let p = parts(v)
      let left = ScreenBuffer.displayWidth(p.app + p.week + p.mark + p.rest)
      let right = ScreenBuffer.displayWidth(p.problems)
      if left + (right > 0 ? right + 1 : 0) <= width { return HeaderLayout(variant: v, parts: p) }
    }
    let last = variants[variants.count - 1]
    return HeaderLayout(variant: last, parts: parts(last))
  }
}

/// Header, tabs, breadcrumb and footer.
enum Chrome {
  static let headerHeight = 3

  static func header(_ state: AppState, into b: inout ScreenBuffer) {
    let l = state.language
    let f = MetricFormatter(language: l)
    let week = state.report.week
    b.fill(Rect(x: 0, y: 0, width: state.width, height: 1), style: Style(.title))
    var stand = "\(Words.asOf(l)) \(f.date(state.report.asOf))"
    if let choice = state.asOfChoice, choice.basis == .dataAsOf, state.weeksBack == 0, state.stored == nil {
      stand += " · " + Words.dataAsOf(l)
    }
    let loaded = " (\(Words.loaded(l)) \(state.loadedAt))"
    let e = state.load.errorCount
    let w = state.load.warningCount
    let fullProblems =
      "\(e > 0 || w > 0 ? "⚠ " : "")\(Words.count(e, .error, .errors, l)) · \(Words.count(w, .warning, .warnings, l)) "
    let shortProblems = e > 0 || w > 0 ? "⚠ \(e)/\(w) " : ""
    // The week and a past or stored week's mark come first: the parts of least weight give way first.
    let layout = HeaderLayout.first(width: state.width) { v in
      let app = v.app ? " " + Words.appName(l) + (v.city ? " · " + state.report.data.city.name : "") : ""
      let mark = pastMark(state, short: v.shortMark).map { $0 + " " } ?? ""
      let rest = v.stand ? "· \(stand)\(v.loaded ? loaded : "")" : ""
      let problems = v.problems == .full ? fullProblems : v.problems == .short ? shortProblems : ""
      return (app, (app.isEmpty ? " " : "  ") + f.week(week) + " ", mark, rest, problems)
    }
    let (left, weekText, mark, rest, problems) = layout.parts
    let pw = ScreenBuffer.displayWidth(problems)
    let end = max(0, state.width - pw - (problems.isEmpty ? 0 : 1))
    var used = b.put(left, x: 0, y: 0, width: end, style: Style(.title, bold: true))
    used += b.put(weekText, x: used, y: 0, width: max(0, end - used), style: Style(.title))
    // A past or stored week is marked plainly, out of the title bar's colours: `◀ Rückblick −2 Wo.`.
    if !mark.isEmpty {
      used += b.put(
        String(mark.dropLast()), x: used, y: 0, width: max(0, end - used), style: Style(.warning, bold: true))
      used += b.put(" ", x: used, y: 0, width: max(0, end - used), style: Style(.title))
    }
    if layout.variant.loaded {
      // The data root takes what is left, cut at its start: the Stand and the time of loading stay whole.
      let room = max(0, end - used)
      let root = shortRoot(state.root, width: room - ScreenBuffer.displayWidth("· \(stand) · \(loaded)"))
      b.put("· \(stand)\(root.isEmpty ? "" : " · " + root)\(loaded)", x: used, y: 0, width: room, style: Style(.title))
    } else {
      b.put(rest, x: used, y: 0, width: max(0, end - used), style: Style(.title))
    }
    if !problems.isEmpty {
      b.put(
        problems, x: state.width - pw, y: 0, width: pw,
        style: Style(e > 0 ? .error : w > 0 ? .warning : .title, bold: e > 0))
    }
    // Tabs
    var x = 1
    for (i, tab) in state.tabs.enumerated() {
      let name = tab.spec?.title(l) ?? "⚠ \(tab.file)"
      let label = i < 9 ? "\(i + 1) \(name)" : name
      let active = i == state.tabIndex
      if x > 1 {
        // No separator without room for a label after it (narrow windows showed "│  │").
        guard state.width - x - 20 >= 5 else { break }
        x += b.put(" │ ", x: x, y: 1, width: 3, style: Style(.faint))
      }
      let w = b.put(
        label, x: x, y: 1, width: max(0, state.width - x - 20),
        style: Style(tab.isBroken ? .error : active ? .activeTab : .tab, bold: active))
      b.regions.append(HitRegion(Rect(x: x, y: 1, width: w, height: 1), .tab(i)))
      x += w
    }
    let hint = "? \(Words.help(l))  q \(Words.quit(l)) "
    b.put(hint, x: state.width - ScreenBuffer.displayWidth(hint), y: 1, style: Style(.faint))
    // Breadcrumb and notice
    var taken = b.put(" ", x: 0, y: 2, style: Style(.header, bold: true))
    for (depth, crumb) in breadcrumb(state).enumerated() {
      if depth > 0 {
        taken += b.put(" › ", x: taken, y: 2, width: state.width - taken, style: Style(.header, bold: true))
      }
      let w = b.put(crumb, x: taken, y: 2, width: state.width - taken, style: Style(.header, bold: true))
      b.regions.append(HitRegion(Rect(x: taken, y: 2, width: w, height: 1), .crumb(depth)))
      taken += w
    }
    if let notice = state.notice {
      taken += b.put(
        "  " + notice, x: taken, y: 2, width: max(0, state.width - taken),
        style: Style(state.noticeIsError ? .error : .warning, bold: state.noticeIsError))
    }
    // In a past week, that the fields kept only as they are now are today's; else the running week apart,
    // at the right, only where the breadcrumb and the notice leave room for it.
    if state.stored != nil {
      // A stored week: its figures as exported, nothing of them is today's.
    } else if state.weeksBack > 0 {
      let text = Words.statusAsOfToday(l) + " "
      let w = ScreenBuffer.displayWidth(text)
      if taken + 2 + w <= state.width { b.put(text, x: state.width - w, y: 2, width: w, style: Style(.warning)) }
    } else if let running = Words.runningWeek(state.report.asOf, l) {
      let text = running + " "
      let w = ScreenBuffer.displayWidth(text)
      if taken + 2 + w <= state.width { b.put(text, x: state.width - w, y: 2, width: w, style: Style(.faint)) }
    }
  }

  /// `◀ Rückblick −2 Wo.` / `◀ looking back 2 wk.` while a past week is shown, `▣ Snapshot KW 45/2026 ·
  /// gespeichert, nur lesen` while a stored week is; `nil` for the live data.
  /// `short`: `◀ −2 Wo.` / `▣ nur lesen`, for a narrow window.
  static func pastMark(_ state: AppState, short: Bool = false) -> String? {
    let l = state.language
    if state.stored != nil {
      return short ? "▣ \(Words.storedReadOnly(l))" : "▣ \(Words.snapshot(l)) · \(Words.storedReadOnly(l))"
    }
    guard state.weeksBack > 0 else { return nil }
    return (short ? Words.weeksBackMarkShort : Words.weeksBackMark)(l, "\(state.weeksBack)")
  }

  /// The data root in at most `width` columns (and 60): whole, or its end after "…"; empty when fewer
  /// than 8 columns are left (a path's last letters say nothing).
  static func shortRoot(_ root: String, width: Int) -> String {
    let s = Inert.text(root)
    let width = min(width, 60)
    guard width >= 8 else { return "" }
    if ScreenBuffer.displayWidth(s) <= width { return s }
    var tail = ""
    var used = 1  // the "…"
    for c in s.reversed() {
      let w = ScreenBuffer.displayWidth(String(c))
      guard used + w <= width else { break }
      tail.insert(c, at: tail.startIndex)
      used += w
    }
    return "…" + tail
  }

  static func breadcrumb(_ state: AppState) -> [String] {
    let l = state.language
    let data = state.report.data
    return state.stack.map { frame in
      switch frame.screen {
      case .dashboard(let i):
        return i < state.tabs.count ? (state.tabs[i].spec?.title(l) ?? state.tabs[i].file) : Words.overview(l)
      case .office(let id):
        guard let o = data.offices.firstIndex(where: { $0.id == id }) else { return id }
        // The office screen says when its data is incomplete.
        return data.offices[o].displayName + (Tiles.dataMark(office: o, state: state).map { " ⚠ " + $0 } ?? "")
      case .project(let id):
        guard let (o, p) = Focus.locate(project: id, in: data) else { return id }
        return data.offices[o].projects[p].title
      case .diagnostics: return Words.diagnostics(l)
      case .help: return Words.help(l)
      case .snapshots: return Words.snapshots(l)
      case .deliveries: return Words.deliveries(l)
      case .search: return frame.filter.isEmpty ? Words.search(l) : "\(Words.search(l)): \(frame.filter)"
      case .kpi(let id):
        let label = state.report.catalog["kpi.\(id)"]?.label(l) ?? id
        return "\(label) · \(Words.weeklySeries(l))"
      case .service(let id):
        let name = data.offices.lazy.compactMap { $0.services.first { $0.id == id }?.name }.first ?? id
        return "\(name) · \(Words.everyOffice(l))"
      case .comparison: return ComparisonScreen.title(state)
      }
    }
  }

  static func footer(_ state: AppState, into b: inout ScreenBuffer) {
    let l = state.language
    let y = state.height - 1
    let focus = Focus.of(state.top, in: state)
    if state.editingFilter {
      let searching = state.top.screen == .search
      let prompt = " \(searching ? Words.search(l) : Words.filterPrompt(l)): \(state.top.filter)▏"
      let used = b.put(prompt, x: 0, y: y, style: Style(.accent, bold: true))
      let count = state.top.filter.isEmpty ? "" : "  \(focus.rows.count) \(Words.matches(l))"
      b.put(
        count + "  " + (searching ? Words.searchKeys(l) : Words.filterKeys(l)), x: used, y: y, style: Style(.accent))
      return
    }
    if let week = state.confirmingReplace {
      b.put(" " + Words.replacePrompt(week, l), x: 0, y: y, style: Style(.warning, bold: true))
      return
    }
    // At the right the position, before it an active filter; the key hints take the rest, whole: a long
    // filter is cut before a hint is left out, and hints that do not fit are left out from the end.
    let position = focus.rows.isEmpty ? "" : "\(min(state.top.selection + 1, focus.rows.count))/\(focus.rows.count) "
    let pw = ScreenBuffer.displayWidth(position)
    b.put(position, x: state.width - pw, y: y, width: pw, style: Style(.faint))
    let available = state.width - pw
    var filter = ""
    if !state.top.filter.isEmpty && state.top.screen != .search {
      filter = "\(Words.filterPrompt(l)): \(Inert.text(state.top.filter)) · "
    }
    var hints = KeyMap.footerItems(for: state)
    func hintsWidth() -> Int { ScreenBuffer.displayWidth(" " + hints.joined(separator: " · ")) }
    let fullFilter = ScreenBuffer.displayWidth(filter)
    var fw = fullFilter
    if hintsWidth() + 1 + fw > available { fw = max(min(fullFilter, 20), available - hintsWidth() - 1) }
    while hints.count > 1 && hintsWidth() + 1 + fw > available { hints.removeLast() }
    fw = min(fw, max(0, available - 1))
    b.put(filter, x: available - fw, y: y, width: fw, style: Style(.accent, bold: true))
    b.put(
      " " + hints.joined(separator: " · "), x: 0, y: y, width: max(0, available - fw - 1), style: Style(.faint))
  }

}
