import DigITCore
import DigITMetrics
import Testing

@testable import DigITDashboard

/// The search over the whole city: every kind of thing is found, with its kind and office, Enter goes
/// there, matches are marked, and a filter leaves the footer's key hints readable.
@Suite struct SearchTests {
  static func type(_ text: String, _ s: inout AppState) { Sample.press(text.map { Key.char($0) }, &s) }

  @Test func colonSearchesEveryKindOfTheWholeCity() {
    let base = Sample.state()
    let candidates = Search.candidates(base)
    // One of each kind: searched for by its name, it is among the results.
    let kinds: [(RowItem) -> Bool] = [
      { if case .office = $0 { true } else { false } }, { if case .project = $0 { true } else { false } },
      { if case .service = $0 { true } else { false } }, { if case .milestone = $0 { true } else { false } },
      { if case .item = $0 { true } else { false } }, { if case .kpi = $0 { true } else { false } },
    ]
    for isKind in kinds {
      let row = candidates.last(where: isKind)!
      var s = base
      Sample.press([.char(":")], &s)
      #expect(s.top.screen == .search && s.editingFilter)
      Self.type(Rows.name(row, state: s), &s)
      let rows = Focus.of(s.top, in: s).rows
      #expect(rows.contains(row), "\(Rows.name(row, state: s))")
      let text = Renderer.render(s).description
      #expect(text.contains(Search.kind(row, .de)))
      #expect(text.contains(Search.office(row, s)))
    }
  }

  @Test func slashWithoutAMatchOnTheOverviewSearchesTheCity() {
    var s = Sample.state(width: 120, height: 36)
    Sample.press([.char("/")], &s)
    Self.type("Wohngeld", &s)
    #expect(s.top.screen == .search)
    #expect(s.top.filter == "Wohngeld")
    #expect(s.stack[0].filter.isEmpty)  // the overview keeps its whole list
    let text = Renderer.render(s).description
    #expect(text.contains("Wohngeld beantragen"))
    #expect(text.contains("OZG-Leistung"))
    #expect(text.contains("Amt 50 – Amt für soziale Leistungen"))
    #expect(text.contains("Meilenstein"))
    // Esc closes the search: the overview as it was.
    Sample.press([.escape], &s)
    #expect(s.stack.count == 1 && s.top.filter.isEmpty && !s.editingFilter)
  }

  @Test func slashWithMatchesStillFiltersTheList() {
    var s = Sample.state()
    Sample.press([.char("/")], &s)
    let overview = s.top.screen
    Self.type("Bürger", &s)
    #expect(s.top.screen == overview)
    #expect(Focus.of(s.top, in: s).rows.count == 1)
  }

  @Test func typingNarrowsToTheSameResultsAsSearchingAtOnce() {
    var s = Sample.state()
    Sample.press([.char(":")], &s)
    Self.type("antrag", &s)
    let typed = Focus.of(s.top, in: s).rows
    // What the list filter finds among everything searched, names starting with the words first.
    let all = Rows.filtered(Search.candidates(s), by: "antrag", state: s)
    let starts = all.filter { Rows.name($0, state: s).lowercased().hasPrefix("antrag") }
    #expect(typed == starts + all.filter { !starts.contains($0) })
    #expect(typed.count > 3)
    // Names that start with the words come first.
    let names = typed.map { Rows.name($0, state: s).lowercased() }
    let firstOther = names.firstIndex { !$0.hasPrefix("antrag") } ?? names.count
    #expect(names[firstOther...].allSatisfy { !$0.hasPrefix("antrag") })
  }

  @Test func enterGoesToAServiceInEveryOffice() {
    var s = Sample.state()
    Sample.press([.char(":")], &s)
    Self.type("Wohngeld beantragen", &s)
    Sample.press([.enter], &s)
    #expect(s.top.screen == .service("99107003000000"))
    // Back to the results, then back to where the search started.
    Sample.press([.escape], &s)
    #expect(s.top.screen == .search)
    Sample.press([.escape], &s)
    #expect(s.stack.count == 1)
  }

  @Test func enterGoesToAProjectAndToAnItemInIt() {
    var s = Sample.state()
    Sample.press([.char(":")], &s)
    Self.type("P-33-002", &s)
    Sample.press([.enter], &s)
    #expect(s.top.screen == .project("P-33-002"))
    // An open item: its project, with the item selected.
    var t = Sample.state()
    let project = Focus.of(s.top, in: s)
    let item = project.rows[min(2, project.rows.count - 1)]
    guard case .item(let o, let i) = item else {
      Issue.record("no open items")
      return
    }
    Sample.press([.char(":")], &t)
    let id = t.report.data.offices[o].text(t.report.data.offices[o].backlog[i].id)
    Self.type(id, &t)
    let at = Focus.of(t.top, in: t).rows.firstIndex(of: item)!
    Sample.press(Array(repeating: .down, count: at) + [.enter], &t)
    #expect(t.top.screen == .project("P-33-002"))
    #expect(Focus.of(t.top, in: t).rows[t.top.selection] == item)
  }

  @Test func enterOnAKPIOpensItsWeeklySeries() {
    var s = Sample.state()
    let kpi = Search.candidates(s).last { if case .kpi = $0 { true } else { false } }!
    guard case .kpi(let k) = kpi else { return }
    Sample.press([.char(":")], &s)
    Self.type(Rows.name(kpi, state: s), &s)
    let at = Focus.of(s.top, in: s).rows.firstIndex(of: kpi)!
    Sample.press(Array(repeating: .down, count: at) + [.enter], &s)
    #expect(s.top.screen == .kpi(s.report.data.city.kpis[k].id))
  }

  @Test func matchesAreMarkedInTheRows() {
    var s = Sample.state()
    Sample.press([.char(":")], &s)
    Self.type("wohngeld", &s)
    let b = Renderer.render(s)
    let marked = (0..<b.height).map { y in
      String((0..<b.width).filter { b[$0, y].style.role == .match }.map { b[$0, y].character })
    }.filter { !$0.isEmpty }
    #expect(!marked.isEmpty)
    #expect(marked.allSatisfy { $0.lowercased().hasPrefix("wohngeld") })
    // The list filter's matches too.
    var t = Sample.state()
    Sample.press([.char("/")], &t)
    Self.type("amt", &t)
    let c = Renderer.render(t)
    #expect(c.cells.contains { $0.style.role == .match })
  }

  @Test func anActiveFilterLeavesTheKeyHintsReadable() {
    for width in [80, 120] {
      var s = Sample.state(width: width, height: 24)
      Sample.press([.char("/")], &s)
      Self.type("Amt 3", &s)
      Sample.press([.enter], &s)
      let footer = Renderer.render(s).lines.last!
      #expect(footer.contains("Filter: Amt 3"), "\(footer)")
      #expect(footer.contains("Enter öffnen · Esc zurück · / filtern"), "\(footer)")
      // Hints are left out whole, never cut.
      #expect(!footer.contains("…"), "\(footer)")
    }
  }

  @Test func searchIsOnTheHelpAndTheFooter() {
    let s = Sample.state()
    #expect(KeyMap.footer(for: s).contains(": suchen"))
    #expect(KeyMap.summary(.en).contains(": search the whole city"))
    #expect(KeyMap.summary(.en).contains("Mouse: click selects"))
  }
}
