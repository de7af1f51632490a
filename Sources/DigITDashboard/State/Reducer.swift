import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot

/// The only place the state changes. Returns what the main loop should do next (quit, reload, export,
/// list the snapshots), if anything.
///
///     var state = AppState(…)
///     reduce(&state, .key(.enter))   // drills into the selected office
///     reduce(&state, .key(.escape))  // and back
///     reduce(&state, .key(.char("e")))  // .export(replace: false), or the question whether to replace
@discardableResult
public func reduce(_ state: inout AppState, _ action: Action) -> Effect? {
  switch action {
  case .resized(let w, let h):
    state.width = max(0, w)
    state.height = max(0, h)
    clamp(&state)
    return nil
  case .laidOut(let visible):
    state.visibleRows = max(0, visible)
    clamp(&state)
    return nil
  case .tick(let now):
    if state.storedWeeksAsked != state.report.week {
      state.storedWeeksAsked = state.report.week
      return .readStoredWeeks(state.report.week)
    }
    guard !state.jobRunning, now - state.lastPoll >= AppState.pollInterval else { return nil }
    state.lastPoll = now
    state.jobRunning = true
    return .poll
  case .filesScanned(let times):
    state.fileTimes = times
    return nil
  case .polled:
    return jobEnded(&state)
  case .exportProbed(let week, let exists):
    guard state.exporting else { return nil }
    if exists {
      state.exporting = false
      state.confirmingReplace = week
      state.notice = nil
      return nil
    }
    return startExport(&state, week, replace: false)
  case .reloaded(let load, let report, let tabs, let loadedAt, let notice):
    if state.stored != nil {
      // A stored week stays on screen; the live data to return to is the new one.
      state.stored?.load = load
      state.stored?.report = report
      state.stored?.tabs = tabs
    } else {
      replaceData(&state, load: load, report: report, tabs: tabs)
    }
    state.loads += 1
    state.nearby = [:]
    state.loadedAt = loadedAt
    state.notice = notice
    state.noticeIsError = false
    return jobEnded(&state)
  case .stepped(let report, let weeksBack):
    if state.stored != nil {
      state.stored?.report = report
      state.weeksBack = weeksBack
      return jobEnded(&state)
    }
    show(&state, report, weeksBack: weeksBack)
    return jobEnded(&state) ?? prefetch(&state)
  case .prefetched(let reports, let loads):
    guard loads == state.loads else { return nil }
    state.nearby.merge(reports) { _, new in new }
    return nil
  case .storedWeekRead(let week, .success(let stored)):
    let live = state.stored ?? StoredView(week: week, load: state.load, report: state.report, tabs: state.tabs)
    let tabs = state.tabs
    // The dashboard of that week, from its first screen.
    state.stack = [state.stack[0]]
    state.editingFilter = false
    replaceData(
      &state,
      load: LoadResult(
        restoring: stored.report.data, diagnostics: stored.problems, files: stored.files, asOf: stored.report.asOf),
      report: stored.report, tabs: tabs)
    state.stored = StoredView(week: week, load: live.load, report: live.report, tabs: live.tabs)
    state.wantedWeeksBack = state.weeksBack
    state.notice = nil
    state.noticeIsError = false
    return nil
  case .weeksCompared(.success(let comparison)):
    state.markedWeek = nil
    state.comparison = comparison
    state.notice = nil
    state.stack.append(Frame(.comparison))
    return nil
  case .weeksCompared(.failure(let error)):
    state.markedWeek = nil
    state.notice = error.description
    state.noticeIsError = true
    return nil
  case .storedWeekRead(let week, .failure(let error)):
    state.notice = "\(Words.snapshot(state.language)) \(Words.weekLabel(week, state.language)): \(error.description)"
    state.noticeIsError = true
    return nil
  case .historyRead(let grid):
    state.history = grid
    return nil
  case .reloadFailed(let message):
    state.notice = message
    state.noticeIsError = true
    return jobEnded(&state)
  case .exported(let result):
    state.storedWeeksAsked = nil  // read the stored weeks again at the next tick
    state.exporting = false
    state.lastExport = .written(result)
    state.notice = Words.exportDone(result, state.language)
    state.noticeIsError = false
    openSnapshots(&state)
    return .listSnapshots
  case .exportFailed(let message):
    // Never swallowed: in the header and at the top of the Snapshots screen.
    state.exporting = false
    state.lastExport = .failed(message)
    state.notice = "\(Words.exportFailed(state.language)): \(message)"
    state.noticeIsError = true
    openSnapshots(&state)
    return .listSnapshots
  case .storedWeeksRead(let stored):
    // Nothing stored, as before: the briefing stays as it is (and so do the cached rows).
    let unchanged =
      stored.before == nil && stored.fourWeeks == nil && state.storedWeeks?.before == nil
      && state.storedWeeks?.fourWeeks == nil
      && (stored.ragRuns ?? RAGRuns()) == (state.storedWeeks?.ragRuns ?? RAGRuns())
    state.storedWeeks = stored
    if unchanged { return nil }
    state.briefing = BriefingRows.compute(state.report, stored: stored)
    state.generation += 1  // the briefing's rows are cached by generation
    clamp(&state)
    return nil
  case .snapshotsListed(let result):
    // The selected week stays selected when the list changes around it.
    let frame = state.stack.lastIndex { $0.screen == .snapshots }
    let selected = frame.flatMap { f in
      state.stack[f].selection < state.snapshots.count ? state.snapshots[state.stack[f].selection].week : nil
    }
    state.snapshotsListed = true
    switch result {
    case .success(let weeks):
      state.snapshots = weeks
      state.snapshotsError = nil
    case .failure(let error):
      state.snapshots = []
      state.snapshotsError = error.description
    }
    if let frame, let selected, let i = state.snapshots.firstIndex(where: { $0.week == selected }) {
      state.stack[frame].selection = i
    }
    clamp(&state)
    // The stored weeks may have changed: the heatmap's past weeks are read again.
    if case .success = result { return .readHistory }
    return nil
  case .regions(let regions):
    state.regions = regions
    return nil
  case .mouse(let event, let time):
    return handleMouse(event, at: time, &state)
  case .key(let key):
    return handle(key, &state)
  }
}

private func handle(_ key: Key, _ state: inout AppState) -> Effect? {
  if key == .interrupt { return .quit }
  if let week = state.confirmingReplace {
    // Only the prompt's own "yes" letter replaces (j in German, y in English: the other one moves the
    // selection elsewhere, and a stored week must not be replaced by a stray key); any other key keeps it.
    state.confirmingReplace = nil
    let yes = Set(Words.yesKeys(state.language))
    if case .char(let c) = key, yes.contains(c) { return startExport(&state, week, replace: true) }
    switch key {
    default:
      state.notice =
        "\(Words.snapshot(state.language)) \(Words.weekLabel(week, state.language)) \(Words.notExported(state.language))"
      state.noticeIsError = false
      return nil
    }
  }
  if state.editingFilter {
    let before = state.top.filter
    let searching = state.top.screen == .search
    switch key {
    case .char(let c): state.top.filter.append(c)
    case .backspace: if !state.top.filter.isEmpty { state.top.filter.removeLast() }
    case .enter:
      state.editingFilter = false
      if searching {
        // In the search, Enter goes to the selected result at once.
        drill(&state)
        clamp(&state)
        return nil
      }
    case .escape:
      state.editingFilter = false
      if searching && state.stack.count > 1 {
        // Esc closes the search: back where it was opened.
        state.stack.removeLast()
        clamp(&state)
        return nil
      }
      state.top.filter = ""
    case .up, .down, .pageUp, .pageDown, .home, .end: move(key, &state)
    default: break  // ← → and the rest do nothing while typing
    }
    if state.top.filter != before {
      state.top.selection = 0
      state.top.offset = 0
      // A dashboard's list without a match: the same words are searched in the whole city.
      if state.stack.count == 1, !state.top.filter.isEmpty, Focus.of(state.top, in: state).rows.isEmpty {
        let query = state.top.filter
        state.top.filter = ""
        openSearch(&state, query: query)
      }
    }
    clamp(&state)
    return nil
  }
  guard let (binding, command) = KeyMap.lookup(key) else { return nil }
  guard KeyMap.active(binding, state.top, state) else {
    readOnlyNotice(binding, command, &state)
    return nil
  }
  switch command {
  case .quit: return .quit
  case .reload:
    state.notice = nil
    return startReload(&state)
  case .export:
    if state.exporting { break }  // "Exportiere …" is shown; the result comes
    // Whether to ask before replacing a stored week is found out off the UI thread.
    state.exporting = true
    return .probeExport(state.report.week)
  case .snapshots:
    openSnapshots(&state)
    clamp(&state)
    return .listSnapshots
  case .moveUp: move(.up, &state)
  case .moveDown: move(.down, &state)
  case .pageUp: move(.pageUp, &state)
  case .pageDown: move(.pageDown, &state)
  case .home: move(.home, &state)
  case .end: move(.end, &state)
  case .markWeek: return markWeek(&state)
  case .open:
    if state.top.screen == .snapshots { return openStoredWeek(&state) }
    drill(&state)
  case .back:
    if state.stack.count > 1 {
      state.stack.removeLast()
    } else if !state.top.filter.isEmpty {
      state.top.filter = ""
    }
    state.notice = nil
    state.noticeIsError = false
  case .nextTab, .previousTab:
    guard !state.tabs.isEmpty else { break }
    let n = state.tabs.count
    switchTab(&state, (state.tabIndex + (command == .nextTab ? 1 : n - 1)) % n)
  case .showTab(let i):
    if i < state.tabs.count { switchTab(&state, i) }
  case .filter: state.editingFilter = true
  case .search: openSearch(&state, query: state.top.screen == .search ? state.top.filter : "")
  case .sortNext, .sortPrevious:
    // From the column in effect (the dashboard's default sort, or name) to its neighbour, in the
    // direction that puts the most urgent first: numbers biggest, red first, days earliest, names A–Z.
    let focus = Focus.of(state.top, in: state)
    let current =
      state.top.sortColumn ?? focus.sort.flatMap { s in focus.sortColumns.firstIndex { $0 == s.column } } ?? 0
    let n = focus.sortColumns.count
    let next = (current + (command == .sortNext ? 1 : n - 1)) % n
    state.top.sortColumn = next
    state.top.descending = urgentFirstIsDescending(focus.sortColumns[next], state)
  case .sortReverse:
    let focus = Focus.of(state.top, in: state)
    if state.top.sortColumn == nil {
      state.top.sortColumn = focus.sort.flatMap { s in focus.sortColumns.firstIndex { $0 == s.column } } ?? 0
      state.top.descending = !(focus.sort?.descending ?? false)
    } else {
      state.top.descending.toggle()
    }
  case .nextPanel, .previousPanel:
    let n = Focus.panelCount(state.top.screen, in: state)
    var frame = Frame(state.top.screen)
    frame.panel = (state.top.panel + (command == .nextPanel ? 1 : n - 1)) % max(1, n)
    state.top = frame
  case .liveWeek where state.stored != nil:
    // Back from a stored week to the live data (as it is now, reloads included) and its current week.
    let live = state.stored!
    state.stored = nil
    replaceData(&state, load: live.load, report: live.report, tabs: live.tabs)
    state.notice = nil
    state.noticeIsError = false
    state.wantedWeeksBack = 0
    return startStep(&state)
  case .weekBack, .weekForward, .liveWeek:
    switch command {
    case .weekBack: state.wantedWeeksBack = min(AppState.maximumWeeksBack, state.wantedWeeksBack + 1)
    case .weekForward: state.wantedWeeksBack = max(0, state.wantedWeeksBack - 1)
    default: state.wantedWeeksBack = 0
    }
    return startStep(&state)
  case .help:
    if state.top.screen != .help { state.stack.append(Frame(.help)) }
  case .diagnostics:
    if state.top.screen != .diagnostics { state.stack.append(Frame(.diagnostics)) }
  case .deliveries:
    if state.top.screen != .deliveries { state.stack.append(Frame(.deliveries)) }
  }
  clamp(&state)
  return nil
}

/// A key of the live data pressed in a stored week (`e`, `[`, `]`): nothing happens, and the notice says
/// why and how back (the footer does not offer those keys there).
private func readOnlyNotice(_ binding: KeyBinding, _ command: Command, _ state: inout AppState) {
  guard let stored = state.stored, [.export, .weekBack, .weekForward].contains(command) else { return }
  var live = state
  live.stored = nil
  guard KeyMap.active(binding, live.top, live) else { return }
  let l = state.language
  state.notice = Words.storedWeekReadOnly(l, "\(Words.snapshot(l)) \(Words.weekLabel(stored.week, l))")
  state.noticeIsError = false
}

/// Whether sorting by a column puts the most urgent first when descending: numbers (biggest first) and
/// RAG (red first) are; days (earliest first) and names (A–Z) are not.
func urgentFirstIsDescending(_ column: String?, _ state: AppState) -> Bool {
  guard let column, let m = state.report.catalog[column] else { return false }
  return m.unit != .date
}

/// A scan or reload ended: the next can start; a reload asked for meanwhile starts now.
/// New data or a new as-of day on screen: every frame keeps its row (by identity) where it still exists,
/// the tab is found again by its file, drill-downs whose office or project is gone go.
private func replaceData(_ state: inout AppState, load: LoadResult, report: Report, tabs: [DashboardTab]) {
  let keys = state.stack.map { frame in selectedKey(frame, state) }
  let oldTabs = state.tabs
  let oldIndex = state.tabIndex
  state.load = load
  state.report = report
  state.tabs = tabs
  state.briefing = BriefingRows.compute(report, stored: state.storedWeeks)
  state.generation += 1
  let file = oldIndex < oldTabs.count ? oldTabs[oldIndex].file : nil
  if let newIndex = tabs.firstIndex(where: { $0.file == file }) {
    state.stack[0].screen = .dashboard(newIndex)
  } else {
    state.stack[0] = Frame(.dashboard(max(0, min(oldIndex, tabs.count - 1))))
  }
  // The first frame always stays; drill-downs whose office or project is gone go.
  let kept = state.stack.dropFirst().filter { frame in
    switch frame.screen {
    case .office(let id): report.data.offices.contains { $0.id == id }
    case .project(let id): Focus.locate(project: id, in: report.data) != nil
    default: true
    }
  }
  state.stack = [state.stack[0]] + kept
  state.tabFrames = [:]  // positions may have changed; the shown tab keeps its frame
  for i in state.stack.indices where i < keys.count {
    guard let key = keys[i] else { continue }
    let rows = Focus.of(state.stack[i], in: state).rows
    if let j = rows.firstIndex(where: { rowKey($0, state) == key }) { state.stack[i].selection = j }
  }
  clamp(&state)
}

/// A scan, reload or week step ended: the next can start; a reload asked for meanwhile starts now, else
/// a week step still wanted.
private func jobEnded(_ state: inout AppState) -> Effect? {
  state.jobRunning = false
  if state.reloadRequested {
    state.reloadRequested = false
    return startReload(&state)
  }
  return startStep(&state)
}

/// Asks for the selected stored week of the Snapshots screen to be read (it then replaces the live data
/// on screen until `t`).
private func openStoredWeek(_ state: inout AppState) -> Effect? {
  let rows = Focus.of(state.top, in: state).rows
  guard state.top.selection < rows.count, case .storedWeek(let i) = rows[state.top.selection] else { return nil }
  let week = state.snapshots[i].week
  state.notice =
    "\(Words.snapshot(state.language)) \(Words.weekLabel(week, state.language)) \(Words.reading(state.language))"
  state.noticeIsError = false
  return .readStoredWeek(week)
}

/// `m` on the Snapshots screen: marks the selected stored week, or unmarks it; on a second week, compares
/// the two (the earlier against the later) in the background.
private func markWeek(_ state: inout AppState) -> Effect? {
  let rows = Focus.of(state.top, in: state).rows
  guard state.top.selection < rows.count, case .storedWeek(let i) = rows[state.top.selection] else { return nil }
  let week = state.snapshots[i].week
  guard let marked = state.markedWeek, marked != week else {
    state.markedWeek = state.markedWeek == week ? nil : week
    return nil
  }
  state.notice =
    "\(Words.weekLabel(marked, state.language)) ↔ \(Words.weekLabel(week, state.language)) \(Words.reading(state.language))"
  state.noticeIsError = false
  return .compareStoredWeeks(marked, week)
}

/// Shows the report of another week (keeping every frame's selection); the report it replaces is kept
/// among the nearby ones, which are cut down to the live week and the neighbours of the new one.
private func show(_ state: inout AppState, _ report: Report, weeksBack: Int) {
  state.nearby[state.weeksBack] = state.report
  replaceData(&state, load: state.load, report: report, tabs: state.tabs)
  state.weeksBack = weeksBack
  state.nearby = state.nearby.filter { $0.key == 0 || abs($0.key - weeksBack) == 1 }
}

/// Asks for the reports of the neighbouring weeks that are not at hand yet (off the UI thread).
private func prefetch(_ state: inout AppState) -> Effect? {
  let wanted = [state.weeksBack - 1, state.weeksBack + 1].filter {
    $0 >= 0 && $0 <= AppState.maximumWeeksBack && state.nearby[$0] == nil
  }
  return wanted.isEmpty || state.stored != nil ? nil : .prefetchWeeks(wanted)
}

/// Computes the report as of the week the user asked for, or once the running job has ended; a
/// neighbouring week computed beforehand is shown at once.
private func startStep(_ state: inout AppState) -> Effect? {
  guard state.wantedWeeksBack != state.weeksBack, !state.jobRunning, state.stored == nil else { return nil }
  if let report = state.nearby[state.wantedWeeksBack] {
    show(&state, report, weeksBack: state.wantedWeeksBack)
    return startStep(&state) ?? prefetch(&state)
  }
  state.jobRunning = true
  return .stepWeeks(asOf: state.asOf(weeksBack: state.wantedWeeksBack), weeksBack: state.wantedWeeksBack)
}

/// Re-reads everything, or once the running job has ended.
private func startReload(_ state: inout AppState) -> Effect? {
  if state.jobRunning {
    state.reloadRequested = true
    return nil
  }
  state.jobRunning = true
  return .reload
}

/// Asks the main loop to export the week, saying so in the header until the result comes.
private func startExport(_ state: inout AppState, _ week: ISOWeek, replace: Bool) -> Effect {
  state.exporting = true
  state.notice = "\(Words.exporting(state.language)) \(Words.weekLabel(week, state.language)) …"
  state.noticeIsError = false
  return .export(replace: replace)
}

/// Shows the Snapshots screen: goes back to it if it is on the stack, else opens it on top.
private func openSnapshots(_ state: inout AppState) {
  state.editingFilter = false
  if let i = state.stack.firstIndex(where: { $0.screen == .snapshots }) {
    state.stack.removeSubrange((i + 1)...)
  } else {
    state.stack.append(Frame(.snapshots))
  }
}

/// Opens the search (or types into the one on top) with a query to start from.
private func openSearch(_ state: inout AppState, query: String) {
  if state.top.screen != .search { state.stack.append(Frame(.search)) }
  state.top.filter = query
  state.top.selection = 0
  state.top.offset = 0
  state.editingFilter = true
  state.notice = nil
}

/// Switches dashboards; each tab keeps its own selection, sort and filter for when it is shown again.
func switchTab(_ state: inout AppState, _ i: Int) {
  state.tabFrames[state.tabIndex] = state.stack[0]
  state.stack = [state.tabFrames[i] ?? Frame(.dashboard(i))]
  state.editingFilter = false
}

func move(_ key: Key, _ state: inout AppState) {
  let rows = Focus.of(state.top, in: state).rows
  let count = rows.count
  let page = max(1, state.visibleRows - 1)
  var s = state.top.selection
  switch key {
  case .up: s -= 1
  case .down: s += 1
  case .pageUp: s -= page
  case .pageDown: s += page
  case .home: s = 0
  case .end: s = count - 1
  default: break
  }
  let forward = [.down, .pageDown, .home].contains(key)
  state.top.selection = offHeading(max(0, min(s, count - 1)), rows, forward: forward)
}

/// A selection that lands on a section heading of a list of rows that open (the briefing's, the
/// deliveries'): the next such row in the direction of travel, else the nearest the other way. Other
/// lists (help, the feed problems, a comparison) keep their headings selectable: they scroll by them.
func offHeading(_ s: Int, _ rows: [RowItem], forward: Bool) -> Int {
  guard s >= 0, s < rows.count, case .heading = rows[s], rows.contains(where: \.opens) else { return s }
  let after = rows[(s + 1)...].firstIndex(where: \.opens)
  let before = rows[..<s].lastIndex(where: \.opens)
  return (forward ? after ?? before : before ?? after) ?? s
}

func drill(_ state: inout AppState) {
  let rows = Focus.of(state.top, in: state).rows
  guard state.top.selection < rows.count else { return }
  let data = state.report.data
  var row = rows[state.top.selection]
  // A briefing row opens what it is about, as that row of a table would.
  if case .briefing(let s, let r) = row {
    guard let spec = BriefingRows.spec(of: state),
      let item = BriefingRows.item(BriefingRows.row(s, r, spec: spec, state: state)?.target, state: state)
    else { return }
    row = item
  }
  switch row {
  case .office(let o): state.stack.append(Frame(.office(data.offices[o].id)))
  case .project(let o, let p): state.stack.append(Frame(.project(data.offices[o].projects[p].id)))
  case .service(let o, let s):
    // On a service's screen its offices open; elsewhere the service in every office.
    if case .service = state.top.screen {
      state.stack.append(Frame(.office(data.offices[o].id)))
    } else {
      state.stack.append(Frame(.service(data.offices[o].services[s].id)))
    }
  case .kpi(let k): state.stack.append(Frame(.kpi(data.city.kpis[k].id)))
  case .milestone(let o, let m):
    let p = Int(data.offices[o].milestones[m].project)
    state.stack.append(Frame(.project(data.offices[o].projects[p].id)))
  case .feed(let o, let f):
    // The file's problems: the diagnostics screen filtered to its path.
    var frame = Frame(.diagnostics)
    frame.filter = DeliveryFiles.path(office: o, file: f, state: state)
    state.stack.append(frame)
  case .item(let o, let i):
    // A backlog item (from the search): its project, with the item selected when it is open.
    var frame = Frame(.project(data.offices[o].projects[Int(data.offices[o].backlog[i].project)].id))
    frame.selection = Focus.of(frame, in: state).rows.firstIndex(of: .item(o, i)) ?? 0
    state.stack.append(frame)
  default: break
  }
}

/// The first visible row so that the selection stays in view, moving as little as possible.
public func scrollOffset(selection: Int, offset: Int, rows: Int, visible: Int) -> Int {
  guard visible > 0, rows > visible else { return 0 }
  var o = min(offset, rows - visible)
  if selection < o { o = selection }
  if selection >= o + visible { o = selection - visible + 1 }
  return max(0, o)
}

/// ``scrollOffset(selection:offset:rows:visible:)`` for rows of different heights (`height(i)` lines, at
/// least 1; the wrapped messages of the feed-problems screen): the first visible row such that the selected
/// row is shown whole (from its top when it is taller than the view), moving as little as possible and
/// leaving no empty lines at the end while earlier rows could fill them. Scrolling stays by row.
public func scrollOffset(selection: Int, offset: Int, rows: Int, visible: Int, height: (Int) -> Int) -> Int {
  guard visible > 0, rows > 0 else { return 0 }
  let selection = max(0, min(selection, rows - 1))
  var o = max(0, min(offset, selection))
  var used = 0
  for i in o...selection { used += height(i) }
  while o < selection && used > visible {
    used -= height(o)
    o += 1
  }
  var tail = 0
  var i = o
  while i < rows && tail <= visible {
    tail += height(i)
    i += 1
  }
  while o > 0 && tail + height(o - 1) <= visible {
    o -= 1
    tail += height(o)
  }
  return o
}

/// Keeps the selection within the rows and the scroll offset such that the selection is visible.
func clamp(_ state: inout AppState) {
  let rows = Focus.of(state.top, in: state).rows
  let count = rows.count
  state.top.selection = offHeading(max(0, min(state.top.selection, count - 1)), rows, forward: true)
  if state.top.screen == .diagnostics, let list = ListScreens.diagnosticsList(state) {
    // Wrapped messages: rows of several lines, laid out as the screen draws them.
    state.top.offset = scrollOffset(
      selection: state.top.selection, offset: state.top.offset, rows: count, visible: list.height,
      height: { ListScreens.lines(rows[$0], state: state, width: list.width).count })
    return
  }
  state.top.offset = scrollOffset(
    selection: state.top.selection, offset: state.top.offset, rows: count, visible: state.visibleRows)
  // The first row of a section scrolled to from below shows its heading too (which is not selectable).
  let s = state.top.selection
  if s > 0, state.top.offset == s, state.visibleRows >= 2, case .heading = rows[s - 1], rows[s].opens {
    state.top.offset = s - 1
  }
}

/// A stable identity for the selected row of a frame (ids, not positions), to find it again after a reload.
private func selectedKey(_ frame: Frame, _ state: AppState) -> String? {
  let rows = Focus.of(frame, in: state).rows
  guard frame.selection < rows.count else { return nil }
  return rowKey(rows[frame.selection], state)
}

private func rowKey(_ row: RowItem, _ state: AppState) -> String {
  let data = state.report.data
  switch row {
  case .office(let o): return "o:" + data.offices[o].id
  case .project(let o, let p): return "p:" + data.offices[o].projects[p].id
  case .service(let o, let s): return "s:\(data.offices[o].id):\(data.offices[o].services[s].id)"
  case .milestone(let o, let m): return "m:\(data.offices[o].id):\(data.offices[o].milestones[m].name)"
  case .item(let o, let i): return "i:\(data.offices[o].id):\(data.offices[o].text(data.offices[o].backlog[i].id))"
  case .kpi(let k): return "k:" + data.city.kpis[k].id
  case .indexArea(let a): return "a:" + a.rawValue
  case .diagnostic(let d): return "d:\(state.load.diagnostics[d].description)"
  case .storedWeek(let w): return "w:\(state.snapshots[w].week)"
  case .feed(let o, let f): return "f:\(data.offices[o].id):\(DeliveryFiles.names[f])"
  case .heading(let s): return "h:" + s
  case .line(let s): return "l:" + s
  case .briefing: return "b:" + Rows.name(row, state: state)
  }
}
