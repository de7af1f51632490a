import DigITCore
import DigITMetrics
import Testing

@testable import DigITDashboard

/// The rows of a table or list beside the focused one: the same rows in the same order as when they were
/// made again on every frame, now memoised as the panel's focus would be.
@Suite struct PanelRowsTests {
  /// The rows made from scratch, as the dashboard made them on every frame before (the oracle).
  func madeAgain(_ panel: DashboardSpec.Panel, _ spec: DashboardSpec, _ state: AppState) -> [RowItem]? {
    switch panel.kind {
    case .table(let t):
      let rows = Rows.rows(t.rows, filter: t.filter, scope: spec.scope, state: state)
      return t.sort.map { Rows.sorted(rows, by: $0 == "name" ? nil : $0, descending: t.descending, state: state) }
        ?? rows
    case .list(let l):
      let rows = Rows.rows(l.rows, filter: l.filter, scope: spec.scope, state: state)
      return l.rows == .projects ? Rows.sorted(rows, by: "project.rag", descending: true, state: state) : rows
    default: return nil
    }
  }

  @Test func theRowsBesideTheFocusAreTheDefaultOrderAndMemoised() throws {
    let state = Sample.state(tab: nil)
    var checked = 0
    for (i, tab) in state.tabs.enumerated() {
      guard let spec = tab.spec else { continue }
      for (k, panel) in Focus.focusablePanels(spec).enumerated() {
        guard let expected = madeAgain(panel, spec, state) else {
          #expect(Focus.rowsBeside(panel, in: spec, tab: i, state: state) == nil)
          continue
        }
        let rows = try #require(Focus.rowsBeside(panel, in: spec, tab: i, state: state))
        #expect(rows == expected, "\(tab.file), panel \(k)")
        let key = FocusCache.Key(
          screen: .dashboard(i), panel: k, filter: "", sortColumn: nil, descending: false,
          generation: state.generation)
        #expect(state.focusCache.cached(key)?.rows == expected, "\(tab.file), panel \(k) is not memoised")
        if !rows.isEmpty { checked += 1 }
      }
      // A spec that is not this tab's is not answered from this tab's memo.
      if let other = state.tabs.indices.first(where: { $0 != i && state.tabs[$0].spec != spec }),
        let panel = Focus.focusablePanels(spec).first
      {
        #expect(Focus.rowsBeside(panel, in: spec, tab: other, state: state) == nil)
      }
    }
    #expect(checked >= 4)
  }

  @Test func drawingTheRisksTabMemoisesTheTableBesideTheFocusedList() throws {
    let state = Sample.state(tab: "risks.yaml")
    let i = try #require(state.tabs.firstIndex { $0.file == "risks.yaml" })
    let spec = try #require(state.tabs[i].spec)
    #expect(Focus.focusablePanels(spec).count >= 2)
    _ = Renderer.render(state)
    let beside = FocusCache.Key(
      screen: .dashboard(i), panel: 1, filter: "", sortColumn: nil, descending: false, generation: state.generation)
    let memo = try #require(state.focusCache.cached(beside))
    #expect(memo.rows == madeAgain(Focus.focusablePanels(spec)[1], spec, state))
    #expect(!memo.rows.isEmpty)
  }
}
