import DigITCore

/// A place on the screen that a click reaches, as the renderer recorded it while drawing a frame
/// (``ScreenBuffer/regions``). The runtime hands a frame's regions to the reducer
/// (``Action/regions(_:)``), so that the reducer maps a click without calling the renderer.
public struct HitRegion: Equatable, Sendable {
  public enum Target: Equatable, Sendable {
    /// The label of the dashboard tab at this position.
    case tab(Int)
    /// The breadcrumb's part for this level of the navigation stack (0: the dashboard).
    case crumb(Int)
    /// The rows of the focused list, one line each: the rectangle's first line shows this row.
    case rows(first: Int)
    /// One row of the focused list (of rows of different heights: the rectangle is its lines).
    case row(Int)
  }

  public var rect: Rect
  public var target: Target

  public init(_ rect: Rect, _ target: Target) {
    self.rect = rect
    self.target = target
  }

  public func contains(x: Int, y: Int) -> Bool {
    x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height
  }
}

/// How many rows a turn of the wheel scrolls.
let wheelStep = 3

/// The mouse as in lazygit and btop: a click selects a row, a second click on it within
/// ``AppState/doubleClickInterval`` opens it, the wheel scrolls the list (the selection stays in view), a
/// click on a tab or a part of the breadcrumb goes there. Releases, drags and other buttons do nothing.
func handleMouse(_ event: MouseEvent, at time: Double, _ state: inout AppState) -> Effect? {
  guard state.confirmingReplace == nil else { return nil }  // the question waits for its key
  switch event.kind {
  case .wheelUp, .wheelDown:
    let list = state.regions.contains {
      switch $0.target {
      case .rows, .row: true
      default: false
      }
    }
    guard list else { return nil }
    let count = Focus.of(state.top, in: state).rows.count
    let visible = max(1, state.visibleRows)
    let step = event.kind == .wheelUp ? -wheelStep : wheelStep
    state.top.offset = max(0, min(state.top.offset + step, count - visible))
    state.top.selection = max(state.top.offset, min(state.top.selection, state.top.offset + visible - 1))
    clamp(&state)
    return nil
  case .press where event.button == .left:
    guard let region = state.regions.first(where: { $0.contains(x: event.x, y: event.y) }) else { return nil }
    state.editingFilter = false  // a click keeps what was typed
    switch region.target {
    case .tab(let i):
      state.lastClick = nil
      guard i < state.tabs.count else { return nil }
      if i == state.tabIndex { state.stack.removeSubrange(1...) } else { switchTab(&state, i) }
    case .crumb(let depth):
      state.lastClick = nil
      if depth < state.stack.count - 1 { state.stack.removeSubrange((depth + 1)...) }
    case .rows, .row:
      let row: Int
      switch region.target {
      case .rows(let first): row = first + event.y - region.rect.y
      case .row(let i): row = i
      default: return nil
      }
      guard row < Focus.of(state.top, in: state).rows.count else { return nil }
      let depth = state.stack.count
      if let last = state.lastClick, last.depth == depth, last.row == row,
        time - last.at <= AppState.doubleClickInterval
      {
        state.lastClick = nil
        state.top.selection = row
        if let (binding, _) = KeyMap.lookup(.enter), KeyMap.active(binding, state.top, state) { drill(&state) }
      } else {
        state.lastClick = (depth, row, time)
        state.top.selection = row
      }
    }
    clamp(&state)
    return nil
  default:
    return nil
  }
}
