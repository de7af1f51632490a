import DigITCore
import Testing

@testable import DigITDashboard

/// Splitting rectangles into rows and columns: fixed extents first, the rest shared by weight.
@Suite struct LayoutTests {
  // MARK: - sizes

  @Test func fixedExtentsGetTheirSizeAndAWeightTakesTheRest() {
    #expect(Layout.sizes([.fixed(3), .weight(1), .fixed(2)], total: 10) == [3, 5, 2])
  }

  @Test func weightsShareTheRoomInProportion() {
    #expect(Layout.sizes([.weight(1), .weight(2)], total: 9) == [3, 6])
    #expect(Layout.sizes([.weight(3), .weight(1)], total: 20) == [15, 5])
  }

  @Test func aRemainderOfOneGoesToTheFirstWeightedExtent() {
    #expect(Layout.sizes([.weight(1), .weight(2)], total: 10) == [4, 6])
  }

  @Test func remaindersAreHandedOutOneCellEachFromTheFirstWeightedExtent() {
    #expect(Layout.sizes([.weight(1), .weight(1), .weight(1)], total: 11) == [4, 4, 3])
  }

  @Test func theRemainderSkipsFixedExtentsBeforeTheFirstWeightedOne() {
    #expect(Layout.sizes([.fixed(2), .weight(1), .weight(1)], total: 7) == [2, 3, 2])
  }

  @Test func sizesAndGapsAddUpToTheTotalWhenThereAreWeights() {
    for total in 0...40 {
      let sizes = Layout.sizes([.fixed(4), .weight(2), .weight(3), .fixed(1), .weight(1)], total: total, gap: 1)
      if total >= 4 + 5 { #expect(sizes.reduce(0, +) + 4 == total, "total \(total)") }
    }
  }

  @Test func gapsAreTakenOffBeforeSharing() {
    #expect(Layout.sizes([.weight(1), .weight(1)], total: 11, gap: 1) == [5, 5])
    #expect(Layout.sizes([.fixed(3), .weight(1), .weight(1)], total: 13, gap: 2) == [3, 3, 3])
  }

  @Test func oneExtentHasNoGap() {
    #expect(Layout.sizes([.weight(1)], total: 7, gap: 3) == [7])
  }

  @Test func fixedExtentsAreClippedInOrderWhenThereIsNotEnoughRoom() {
    #expect(Layout.sizes([.fixed(5), .fixed(5), .fixed(5)], total: 7) == [5, 2, 0])
  }

  @Test func weightsGetZeroWhenFixedExtentsTakeAllTheRoom() {
    #expect(Layout.sizes([.fixed(5), .weight(1), .fixed(5), .weight(2)], total: 8) == [5, 0, 3, 0])
  }

  @Test func gapsWiderThanTheTotalLeaveEveryExtentEmpty() {
    #expect(Layout.sizes([.fixed(1), .weight(1), .weight(1)], total: 3, gap: 2) == [0, 0, 0])
  }

  @Test func aZeroOrNegativeTotalGivesZeros() {
    #expect(Layout.sizes([.fixed(2), .weight(1)], total: 0) == [0, 0])
    #expect(Layout.sizes([.fixed(2), .weight(1)], total: -5) == [0, 0])
  }

  @Test func negativeFixedSizesAndZeroOrNegativeWeightsGetNothing() {
    #expect(Layout.sizes([.fixed(-3), .weight(0), .weight(-2), .weight(1)], total: 6) == [0, 0, 0, 6])
  }

  @Test func onlyFixedExtentsLeaveTheRestUnused() {
    #expect(Layout.sizes([.fixed(2), .fixed(3)], total: 20) == [2, 3])
  }

  @Test func noExtentsGiveNoSizes() {
    #expect(Layout.sizes([], total: 10, gap: 1) == [])
  }

  // MARK: - Rect

  @Test func rectSizesAreNeverNegative() {
    let r = Rect(x: 3, y: 4, width: -2, height: -7)
    #expect(r.width == 0)
    #expect(r.height == 0)
    #expect(r.isEmpty)
  }

  @Test func insetShrinksEverySide() {
    #expect(Rect(x: 2, y: 3, width: 10, height: 6).inset(1) == Rect(x: 3, y: 4, width: 8, height: 4))
    #expect(Rect(x: 0, y: 0, width: 10, height: 6).inset(2) == Rect(x: 2, y: 2, width: 6, height: 2))
  }

  @Test func insetOfASmallRectIsEmptyNotNegative() {
    let r = Rect(x: 0, y: 0, width: 3, height: 1).inset(1)
    #expect(r == Rect(x: 1, y: 1, width: 1, height: 0))
    #expect(r.isEmpty)
    let tiny = Rect(x: 5, y: 5, width: 1, height: 1).inset(4)
    #expect(tiny.width == 0)
    #expect(tiny.height == 0)
  }

  @Test func aRectWithOneZeroSideIsEmpty() {
    #expect(Rect(x: 0, y: 0, width: 0, height: 5).isEmpty)
    #expect(Rect(x: 0, y: 0, width: 5, height: 0).isEmpty)
    #expect(!Rect(x: 0, y: 0, width: 1, height: 1).isEmpty)
  }

  // MARK: - rows and columns

  @Test func rowsAreStackedDirectlyBelowEachOther() {
    let rows = Layout.rows(Rect(x: 2, y: 1, width: 10, height: 10), [.fixed(3), .weight(1), .fixed(2)])
    #expect(
      rows == [
        Rect(x: 2, y: 1, width: 10, height: 3),
        Rect(x: 2, y: 4, width: 10, height: 5),
        Rect(x: 2, y: 9, width: 10, height: 2),
      ])
  }

  @Test func rowsWithAGapLeaveThatManyLinesBetweenThem() {
    let rows = Layout.rows(Rect(x: 0, y: 0, width: 4, height: 11), [.weight(1), .weight(1)], gap: 1)
    #expect(rows == [Rect(x: 0, y: 0, width: 4, height: 5), Rect(x: 0, y: 6, width: 4, height: 5)])
  }

  @Test func columnsAreAdjacentAndFillTheWidth() {
    let area = Rect(x: 3, y: 2, width: 20, height: 5)
    let cols = Layout.columns(area, [.fixed(6), .weight(1), .weight(2)])
    #expect(
      cols == [
        Rect(x: 3, y: 2, width: 6, height: 5),
        Rect(x: 9, y: 2, width: 5, height: 5),
        Rect(x: 14, y: 2, width: 9, height: 5),
      ])
    for (a, b) in zip(cols, cols.dropFirst()) { #expect(b.x == a.x + a.width) }
    #expect(cols.last.map { $0.x + $0.width } == area.x + area.width)
  }

  @Test func columnsWithAGapLeaveThatManyCellsBetweenThem() {
    let cols = Layout.columns(Rect(x: 0, y: 0, width: 23, height: 1), [.weight(1), .weight(1), .weight(1)], gap: 1)
    #expect(cols.map(\.width) == [7, 7, 7])
    for (a, b) in zip(cols, cols.dropFirst()) { #expect(b.x == a.x + a.width + 1) }
    #expect(cols.last.map { $0.x + $0.width } == 23)
  }
}
