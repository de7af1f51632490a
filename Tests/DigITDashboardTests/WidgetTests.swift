import DigITCore
import DigITMetrics
import Testing

@testable import DigITDashboard

/// The widgets drawn into a screen buffer, asserted on its lines and cell styles.
@Suite struct WidgetTests {
  // MARK: - Box

  @Test func boxDrawsBordersAndTheTitleInTheTopBorder() {
    var b = ScreenBuffer(width: 8, height: 4)
    Widgets.box("Hi", in: Rect(x: 0, y: 0, width: 8, height: 4), into: &b)
    #expect(
      b.lines == [
        "┌ Hi ──┐",
        "│      │",
        "│      │",
        "└──────┘",
      ])
  }

  @Test func boxReturnsTheInnerRect() {
    var b = ScreenBuffer(width: 12, height: 8)
    let inner = Widgets.box("Hi", in: Rect(x: 2, y: 1, width: 8, height: 5), into: &b)
    #expect(inner == Rect(x: 3, y: 2, width: 6, height: 3))
  }

  @Test func boxBordersHaveTheBorderRoleAndTheTitleIsBold() {
    var b = ScreenBuffer(width: 8, height: 3)
    Widgets.box("Hi", in: Rect(x: 0, y: 0, width: 8, height: 3), into: &b)
    #expect(b[0, 0].style == Style(.border))
    #expect(b[5, 0].style == Style(.border))
    #expect(b[0, 1].style == Style(.border))
    #expect(b[2, 0].style == Style(.title, bold: true))
  }

  @Test func aFocusedBoxUsesTheAccentRole() {
    var b = ScreenBuffer(width: 8, height: 3)
    Widgets.box("Hi", in: Rect(x: 0, y: 0, width: 8, height: 3), into: &b, focused: true)
    #expect(b[0, 0].style == Style(.accent))
    #expect(b[7, 2].style == Style(.accent))
    #expect(b[2, 0].style == Style(.accent, bold: true))
  }

  @Test func aLongBoxTitleIsCutInsideTheCorners() {
    var b = ScreenBuffer(width: 10, height: 3)
    Widgets.box("Langer Titel", in: Rect(x: 0, y: 0, width: 10, height: 3), into: &b)
    #expect(b.lines[0] == "┌ Langer…┐")
  }

  @Test func aBoxFourCellsWideHasNoTitle() {
    var b = ScreenBuffer(width: 4, height: 3)
    Widgets.box("Hi", in: Rect(x: 0, y: 0, width: 4, height: 3), into: &b)
    #expect(b.lines == ["┌──┐", "│  │", "└──┘"])
  }

  @Test func aZeroByZeroBoxDrawsNothingAndHasAnEmptyInside() {
    var b = ScreenBuffer(width: 3, height: 3)
    let inner = Widgets.box("Hi", in: Rect(x: 1, y: 1, width: 0, height: 0), into: &b)
    #expect(b == ScreenBuffer(width: 3, height: 3))
    #expect(inner.isEmpty)
  }

  @Test func aOneByOneBoxDrawsNothingAndHasAnEmptyInside() {
    var b = ScreenBuffer(width: 3, height: 3)
    let inner = Widgets.box("Hi", in: Rect(x: 1, y: 1, width: 1, height: 1), into: &b)
    #expect(b == ScreenBuffer(width: 3, height: 3))
    #expect(inner.isEmpty)
  }

  @Test func aTwoByTwoBoxIsJustItsCorners() {
    var b = ScreenBuffer(width: 2, height: 2)
    let inner = Widgets.box("Hi", in: Rect(x: 0, y: 0, width: 2, height: 2), into: &b)
    #expect(b.lines == ["┌┐", "└┘"])
    #expect(inner.isEmpty)
  }

  @Test func aBoxLargerThanTheBufferDoesNotCrash() {
    var b = ScreenBuffer(width: 6, height: 4)
    let inner = Widgets.box("Titel", in: Rect(x: 2, y: 1, width: 10, height: 10), into: &b)
    #expect(inner == Rect(x: 3, y: 2, width: 8, height: 8))
    #expect(b.lines[0] == "      ")
    #expect(b.lines[2].hasPrefix("  │"))
  }

  // MARK: - Line chart with a y axis

  @Test func lineChartWithAnAxisWritesTheHighestAndLowestValueAtTheLeft() {
    var b = ScreenBuffer(width: 20, height: 4)
    Widgets.line([10, 40, 25], in: Rect(x: 0, y: 0, width: 20, height: 4), into: &b) { "\(Int($0)) %" }
    #expect(b.lines[0].hasPrefix("40 % "))
    #expect(b.lines[3].hasPrefix("10 % "))
    #expect(b.lines[1].hasPrefix("     "))
    // The line lies right of the labels: its first dot (the lowest value) is in column 5 of the bottom row.
    #expect(Array(b.lines[3])[5] != " ")
    #expect(b.lines.allSatisfy { $0.count == 20 })
  }

  @Test func lineChartWithoutRoomForAnAxisIsTheBareLine() {
    var withAxis = ScreenBuffer(width: 9, height: 4)
    Widgets.line([10, 40, 25], in: Rect(x: 0, y: 0, width: 9, height: 4), into: &withAxis) { "\(Int($0)) %" }
    var bare = ScreenBuffer(width: 9, height: 4)
    Widgets.line([10, 40, 25], in: Rect(x: 0, y: 0, width: 9, height: 4), into: &bare)
    #expect(withAxis == bare)
    var oneRow = ScreenBuffer(width: 20, height: 1)
    Widgets.line([10, 40, 25], in: Rect(x: 0, y: 0, width: 20, height: 1), into: &oneRow) { "\(Int($0))" }
    #expect(!oneRow.lines[0].contains("40"))
  }

  @Test func lineChartDrawsATargetAsADottedRowAndTakesItIntoItsRange() {
    var b = ScreenBuffer(width: 20, height: 4)
    Widgets.line([10, 40, 25], in: Rect(x: 0, y: 0, width: 20, height: 4), into: &b, target: 80) { "\(Int($0)) %" }
    // The range now reaches the target: it is the top label, and its dotted row is the top row.
    #expect(b.lines[0].hasPrefix("80 % ┄┄┄"))
    #expect(b.lines[3].hasPrefix("10 % "))
    #expect(!b.lines[1].contains("┄") && !b.lines[2].contains("┄") && !b.lines[3].contains("┄"))
    // A target inside the range: a dotted row at its level, not over the line's dots.
    var inside = ScreenBuffer(width: 12, height: 4)
    Widgets.line([0, 100], in: Rect(x: 0, y: 0, width: 12, height: 4), into: &inside, target: 50)
    let rows = inside.lines.enumerated().filter { $0.element.contains("┄") }
    #expect(rows.count == 1)
    #expect(rows.first.map { $0.offset == 1 || $0.offset == 2 } == true)
    #expect(rows.first.map { $0.element.contains { $0.unicodeScalars.first!.value >= 0x2800 && $0 != "┄" } } == true)
    var none = ScreenBuffer(width: 12, height: 4)
    Widgets.line([0, 100], in: Rect(x: 0, y: 0, width: 12, height: 4), into: &none, target: .nan)
    #expect(!none.lines.joined().contains("┄"))
  }

  // MARK: - Sparkline

  @Test func sparklineMapsTheMinimumToTheLowestAndTheMaximumToTheFullBlock() {
    var b = ScreenBuffer(width: 8, height: 1)
    Widgets.sparkline([1, 2, 3, 4, 5, 6, 7, 8], x: 0, y: 0, width: 8, into: &b)
    #expect(b.lines == ["▁▂▃▄▅▆▇█"])
  }

  @Test func sparklineIsScaledBetweenMinimumAndMaximumNotFromZero() {
    var b = ScreenBuffer(width: 3, height: 1)
    Widgets.sparkline([100, 107, 114], x: 0, y: 0, width: 3, into: &b)
    #expect(b.lines == ["▁▅█"])
  }

  @Test func sparklineShowsAMissingWeekAsADot() {
    var b = ScreenBuffer(width: 3, height: 1)
    Widgets.sparkline([0, nil, 10], x: 0, y: 0, width: 3, into: &b)
    #expect(b.lines == ["▁·█"])
  }

  @Test func aConstantPositiveSeriesIsFullBlocks() {
    var b = ScreenBuffer(width: 3, height: 1)
    Widgets.sparkline([5, 5, 5], x: 0, y: 0, width: 3, into: &b)
    #expect(b.lines == ["███"])
  }

  @Test func aConstantZeroSeriesIsLowestBlocks() {
    var b = ScreenBuffer(width: 3, height: 1)
    Widgets.sparkline([0, 0, 0], x: 0, y: 0, width: 3, into: &b)
    #expect(b.lines == ["▁▁▁"])
  }

  @Test func sparklineShowsOnlyTheLastValuesThatFit() {
    var b = ScreenBuffer(width: 4, height: 1)
    Widgets.sparkline([100, 1, 2], x: 0, y: 0, width: 2, into: &b)
    #expect(b.lines == ["▁█  "])
  }

  @Test func aSparklineWithoutValuesDrawsNothing() {
    var b = ScreenBuffer(width: 3, height: 1)
    Widgets.sparkline([nil, nil], x: 0, y: 0, width: 3, into: &b)
    Widgets.sparkline([], x: 0, y: 0, width: 3, into: &b)
    #expect(b == ScreenBuffer(width: 3, height: 1))
  }

  @Test func sparklineUsesTheAccentRoleByDefault() {
    var b = ScreenBuffer(width: 2, height: 1)
    Widgets.sparkline([1, 2], x: 0, y: 0, width: 2, into: &b)
    #expect(b[0, 0].style.role == .accent)
    #expect(b[1, 0].style.role == .accent)
  }

  // MARK: - Bars

  @Test func barsAreScaledToTheHeightOfTheRect() {
    var b = ScreenBuffer(width: 2, height: 4)
    Widgets.bars([2, 4], in: Rect(x: 0, y: 0, width: 2, height: 4), into: &b) { String(Int($0)) }
    #expect(b.lines == [" █", " █", "██", "██"])
  }

  @Test func barsEndInAPartialBlockAndWriteTheMaximumAtTheTopLeft() {
    var b = ScreenBuffer(width: 10, height: 2)
    Widgets.bars([1, 2, 4], in: Rect(x: 0, y: 0, width: 10, height: 2), into: &b) { String(Int($0)) }
    #expect(
      b.lines == [
        "max 4    █",
        "       ▄██",
      ])
    #expect(b[0, 0].style.role == .faint)
    #expect(b[9, 1].style.role == .accent)
  }

  @Test func barsOfOneLineUseEighthBlocksAndNoLabel() {
    var b = ScreenBuffer(width: 3, height: 1)
    Widgets.bars([3, nil, 8], in: Rect(x: 0, y: 0, width: 3, height: 1), into: &b) { String(Int($0)) }
    #expect(b.lines == ["▃ █"])
  }

  @Test func barsShowOnlyTheLatestValuesThatFit() {
    var b = ScreenBuffer(width: 2, height: 1)
    Widgets.bars([100, 4, 8], in: Rect(x: 0, y: 0, width: 2, height: 1), into: &b) { String(Int($0)) }
    #expect(b.lines == ["▄█"])
  }

  @Test func barsStayInsideTheirRect() {
    var b = ScreenBuffer(width: 8, height: 5)
    let r = Rect(x: 2, y: 1, width: 4, height: 3)
    Widgets.bars([5, 1, 9, 3, 7, 2], in: r, into: &b) { String(Int($0)) }
    for y in 0..<5 {
      for x in 0..<8 where !(x >= 2 && x < 6 && y >= 1 && y < 4) { #expect(b[x, y] == .blank, "cell \(x),\(y)") }
    }
  }

  // MARK: - Braille line

  @Test func brailleLineStaysWithinItsRect() {
    var b = ScreenBuffer(width: 10, height: 6)
    let r = Rect(x: 3, y: 2, width: 4, height: 2)
    let values: [Double?] = (0..<20).map { (i: Int) -> Double? in i % 5 == 3 ? nil : Double((i * 37) % 11) }
    Widgets.line(values, in: r, into: &b)
    for y in 0..<6 {
      for x in 0..<10 {
        let inside = x >= 3 && x < 7 && y >= 2 && y < 4
        if inside {
          let v = b[x, y].character.unicodeScalars.first!.value
          #expect(v == 0x20 || (0x2800...0x28FF).contains(v), "cell \(x),\(y)")
        } else {
          #expect(b[x, y] == .blank, "cell \(x),\(y)")
        }
      }
    }
  }

  @Test func brailleLinePutsTheMinimumInTheBottomDotAndTheMaximumInTheTopDot() {
    var b = ScreenBuffer(width: 1, height: 2)
    Widgets.line([0, nil, 10], in: Rect(x: 0, y: 0, width: 1, height: 2), into: &b)
    // 0: dot 7 (bottom left) of the lower cell; 10: dot 4 (top right) of the upper cell; the gap joins nothing
    #expect(b.lines == ["\u{2808}", "\u{2840}"])
  }

  @Test func brailleLineJoinsConsecutiveValuesWithADottedSegment() {
    var b = ScreenBuffer(width: 1, height: 1)
    Widgets.line([0, 1], in: Rect(x: 0, y: 0, width: 1, height: 1), into: &b)
    // from dot 7 (bottom left) up through dots 3 and 2 to dot 4 (top right)
    #expect(b.lines == ["\u{284E}"])
  }

  @Test func aConstantBrailleLineRunsAtMidHeightAcrossTheWholeRect() {
    var b = ScreenBuffer(width: 3, height: 1)
    Widgets.line([5, nil, 5], in: Rect(x: 0, y: 0, width: 3, height: 1), into: &b)
    // first value in the leftmost dot column, last in the rightmost; dot row 2 of 4
    #expect(b.lines == ["\u{2802} \u{2810}"])
  }

  @Test func brailleLineWithoutValuesDrawsNothing() {
    var b = ScreenBuffer(width: 4, height: 2)
    Widgets.line([nil, nil], in: Rect(x: 0, y: 0, width: 4, height: 2), into: &b)
    #expect(b == ScreenBuffer(width: 4, height: 2))
  }

  // MARK: - Progress bar

  @Test func progressOfZeroIsAllLightShade() {
    var b = ScreenBuffer(width: 8, height: 1)
    Widgets.progress(0, x: 0, y: 0, width: 8, into: &b)
    #expect(b.lines == ["░░░░░░░░"])
    #expect(b[0, 0].style.role == .accent)
  }

  @Test func progressOfAHalfFillsHalfTheBar() {
    var b = ScreenBuffer(width: 8, height: 1)
    Widgets.progress(0.5, x: 0, y: 0, width: 8, into: &b)
    #expect(b.lines == ["████░░░░"])
    #expect(b[0, 0].style.role == .accent)
  }

  @Test func progressOfOneFillsTheBar() {
    var b = ScreenBuffer(width: 8, height: 1)
    Widgets.progress(1, x: 0, y: 0, width: 8, into: &b)
    #expect(b.lines == ["████████"])
    #expect(b[7, 0].style.role == .accent)
  }

  @Test func progressOverOneFillsTheBarInTheRedRole() {
    var b = ScreenBuffer(width: 8, height: 1)
    Widgets.progress(1.5, x: 0, y: 0, width: 8, into: &b)
    #expect(b.lines == ["████████"])
    #expect((0..<8).allSatisfy { b[$0, 0].style.role == .red })
  }

  @Test func progressWithoutAValueIsAFaintEmptyBar() {
    var b = ScreenBuffer(width: 8, height: 1)
    Widgets.progress(nil, x: 0, y: 0, width: 8, into: &b)
    #expect(b.lines == ["░░░░░░░░"])
    #expect(b[0, 0].style.role == .faint)
  }

  @Test func progressEndsInAnEighthBlock() {
    var b = ScreenBuffer(width: 8, height: 1)
    Widgets.progress(0.3, x: 0, y: 0, width: 8, into: &b)  // 19.2 of 64 eighths
    #expect(b.lines == ["██▍░░░░░"])
  }

  @Test func aNegativeProgressIsAnEmptyBar() {
    var b = ScreenBuffer(width: 4, height: 1)
    Widgets.progress(-0.5, x: 0, y: 0, width: 4, into: &b)
    #expect(b.lines == ["░░░░"])
  }

  @Test func progressOfWidthZeroDrawsNothing() {
    var b = ScreenBuffer(width: 4, height: 1)
    Widgets.progress(0.5, x: 0, y: 0, width: 0, into: &b)
    #expect(b == ScreenBuffer(width: 4, height: 1))
  }

  // MARK: - Paragraph

  static let sentence = "Ämter melden Projekte und Kennzahlen jede Woche"

  @Test func paragraphWrapsAtWordBoundaries() {
    var b = ScreenBuffer(width: 14, height: 5)
    let used = Widgets.paragraph(Self.sentence, in: Rect(x: 0, y: 0, width: 14, height: 5), into: &b)
    #expect(b.description == "Ämter melden\nProjekte und\nKennzahlen\njede Woche\n")
    #expect(used == 4)
  }

  @Test func paragraphStopsAtTheHeightOfTheRect() {
    var b = ScreenBuffer(width: 14, height: 3)
    let used = Widgets.paragraph(Self.sentence, in: Rect(x: 0, y: 0, width: 14, height: 2), into: &b)
    #expect(b.description == "Ämter melden\nProjekte und\n")
    #expect(used == 2)
  }

  @Test func paragraphKeepsLineBreaksOfTheText() {
    var b = ScreenBuffer(width: 10, height: 4)
    let used = Widgets.paragraph("Eins\n\nZwei", in: Rect(x: 0, y: 0, width: 10, height: 4), into: &b)
    #expect(b.description == "Eins\n\nZwei\n")
    #expect(used == 3)
  }

  @Test func aWordLongerThanTheRectIsCutWithAnEllipsis() {
    var b = ScreenBuffer(width: 10, height: 2)
    Widgets.paragraph("Digitalisierungsprogramm", in: Rect(x: 0, y: 0, width: 10, height: 2), into: &b)
    #expect(b.description == "Digitalis…\n")
  }

  @Test func paragraphDrawsInsideItsRect() {
    var b = ScreenBuffer(width: 8, height: 4)
    Widgets.paragraph("ab cd ef", in: Rect(x: 2, y: 1, width: 5, height: 2), into: &b)
    #expect(b.lines == ["        ", "  ab cd ", "  ef    ", "        "])
  }

  // MARK: - RAG symbol

  @Test func ragSymbolsCarryTheirRoleInBold() {
    var b = ScreenBuffer(width: 3, height: 1)
    Widgets.rag(.red, x: 0, y: 0, into: &b)
    Widgets.rag(.amber, x: 1, y: 0, into: &b)
    Widgets.rag(.green, x: 2, y: 0, into: &b)
    #expect(b.lines == ["●◐○"])
    #expect(b[0, 0].style == Style(.red, bold: true))
    #expect(b[1, 0].style == Style(.amber, bold: true))
    #expect(b[2, 0].style == Style(.green, bold: true))
  }

  @Test func noRagStatusDrawsNothing() {
    var b = ScreenBuffer(width: 2, height: 1)
    Widgets.rag(nil, x: 0, y: 0, into: &b)
    #expect(b == ScreenBuffer(width: 2, height: 1))
  }

  // MARK: - Table

  static let names = ["Bürgeramt", "Jugendamt", "Schulamt", "Sozialamt", "Umwelt"]
  static let red = [2, 0, 11, 1, 3]
  static let open = [120, 45, 7, 300, 12]

  /// Offices with red projects and open items; the first column is flexible, the numbers right-aligned.
  private func officeTable(selection: Int? = nil, offset: Int = 0, sorted: (Int, Bool)? = nil) -> TableWidget {
    TableWidget(
      columns: [
        TableColumn("Amt", width: 6, flexible: true),
        TableColumn("Rot", width: 4, rightAligned: true),
        TableColumn("Offen", width: 6, rightAligned: true),
      ],
      rowCount: Self.names.count, selection: selection, offset: offset, sorted: sorted
    ) { row, column in
      switch column {
      case 0: .text(Self.names[row])
      case 1: .number(String(Self.red[row]))
      default: .number(String(Self.open[row]))
      }
    }
  }

  private func render(_ table: TableWidget, width: Int, height: Int) -> ScreenBuffer {
    var b = ScreenBuffer(width: width, height: height)
    table.render(in: Rect(x: 0, y: 0, width: width, height: height), into: &b)
    return b
  }

  /// Columns as wide as their header and content; the room left widens the gaps (up to three cells).
  @Test func tableShowsAHeaderAndTheRowsWithNumbersRightAligned() {
    let b = render(officeTable(), width: 24, height: 6)
    #expect(
      b.lines == [
        "Amt         Rot   Offen ",
        "Bürgeramt     2     120 ",
        "Jugendamt     0      45 ",
        "Schulamt     11       7 ",
        "Sozialamt     1     300 ",
        "Umwelt        3      12 ",
      ])
  }

  @Test func tableHeaderHasTheHeaderRoleInBold() {
    let b = render(officeTable(), width: 24, height: 6)
    #expect((0..<24).allSatisfy { b[$0, 0].style == Style(.header, bold: true) || b[$0, 0] == .blank })
    #expect(b[0, 0].style == Style(.header, bold: true))
    #expect(b[21, 0].style == Style(.header, bold: true))
  }

  @Test func tableRestylesTheWholeSelectedRowWithTheSelectedRole() {
    let b = render(officeTable(selection: 2), width: 24, height: 6)
    #expect(b.lines[3] == "Schulamt     11       7 ")
    #expect((0..<24).allSatisfy { b[$0, 3].style == Style(.selected, bold: true) })
    for y in [1, 2, 4, 5] { #expect((0..<24).allSatisfy { b[$0, y].style.role != .selected }, "row \(y)") }
    #expect(b[0, 0].style.role == .header)
  }

  @Test func tableWithoutSelectionHighlightsNoRow() {
    let b = render(officeTable(), width: 24, height: 6)
    #expect(!b.cells.contains { $0.style.role == .selected })
  }

  @Test func tableScrolledByAnOffsetShowsTheRowsFromThere() {
    let b = render(officeTable(selection: 4, offset: 3), width: 24, height: 3)
    #expect(
      b.lines == [
        "Amt         Rot   Offen ",
        "Sozialamt     1     300 ",
        "Umwelt        3      12 ",
      ])
    #expect(b[0, 2].style.role == .selected)
    #expect(b[0, 1].style.role == .normal)
  }

  @Test func tableScrolledToItsLastRowLeavesTheRestBlank() {
    let b = render(officeTable(offset: 4), width: 24, height: 4)
    #expect(b.description == "Amt      Rot   Offen\nUmwelt     3      12\n\n")
  }

  @Test func tableAsksOnlyForTheVisibleRows() {
    var asked = Set<Int>()
    let table = TableWidget(columns: [TableColumn("Amt", width: 10)], rowCount: 1000, selection: nil, offset: 500) {
      row, _ in
      asked.insert(row)
      return .text("Zeile \(row)")
    }
    var b = ScreenBuffer(width: 10, height: 4)
    table.render(in: Rect(x: 0, y: 0, width: 10, height: 4), into: &b)
    #expect(asked == [500, 501, 502])
    #expect(b.lines == ["Amt       ", "Zeile 500 ", "Zeile 501 ", "Zeile 502 "])
    #expect(TableWidget.visibleRows(in: Rect(x: 0, y: 0, width: 10, height: 4)) == 3)
  }

  @Test func aNarrowTableGivesUpTheWideGapsFirst() {
    let b = render(officeTable(), width: 20, height: 2)
    #expect(
      b.lines == [
        "Amt       Rot Offen ",
        "Bürgeramt   2   120 ",
      ])
  }

  @Test func tableDropsColumnsFromTheRightWhenTooNarrow() {
    let b = render(officeTable(), width: 16, height: 2)
    #expect(
      b.lines == [
        "Amt         Rot ",
        "Bürgeramt     2 ",
      ])
  }

  @Test func aVeryNarrowTableKeepsOnlyItsFirstColumn() {
    let b = render(officeTable(), width: 10, height: 3)
    #expect(
      b.lines == [
        "Amt       ",
        "Bürgeramt ",
        "Jugendamt ",
      ])
  }

  /// A long name is cut down to the flexible minimum (12) before a column is left out; numbers keep
  /// their full width.
  @Test func theFlexibleColumnShrinksToTwelveCellsBeforeAColumnIsDropped() {
    let table = TableWidget(
      columns: [
        TableColumn("Amt", width: 6, flexible: true), TableColumn("Offen", width: 6, rightAligned: true),
      ],
      rowCount: 1, selection: nil, offset: 0
    ) { _, c in c == 0 ? .text("Amt für Jugend und Familie") : .number("1.234") }
    #expect(render(table, width: 18, height: 2).lines == ["Amt          Offen", "Amt für Jug… 1.234"])
    #expect(render(table, width: 17, height: 2).lines == ["Amt              ", "Amt für Jugend u…"])
  }

  /// Of columns that do not all fit, the lowest priority goes first, the sorted-by one last.
  @Test func columnsAreLeftOutByPriorityAndTheSortedOneStays() {
    func table(sorted: (Int, Bool)?) -> TableWidget {
      TableWidget(
        columns: [
          TableColumn("Amt", width: 6, flexible: true), TableColumn("Rot", width: 3, rightAligned: true),
          TableColumn("Offen", width: 6, rightAligned: true, priority: 10),
        ],
        rowCount: 1, selection: nil, offset: 0, sorted: sorted
      ) { _, c in c == 0 ? .text("Bürgeramt") : .number(c == 1 ? "2" : "120") }
    }
    #expect(render(table(sorted: nil), width: 16, height: 2).lines == ["Amt        Offen", "Bürgeramt    120"])
    #expect(render(table(sorted: (1, true)), width: 16, height: 2).lines == ["Amt         Rot▼", "Bürgeramt      2"])
  }

  /// The selected row's cut words are shown in full under the rows, the most important column first.
  @Test func theSelectedRowsCutWordsAreShownUnderTheRows() {
    var table = TableWidget(
      columns: [
        TableColumn("Projekt", width: 6, flexible: true, priority: 5),
        TableColumn("Gründe", width: 6, flexible: true, priority: 3),
      ],
      rowCount: 2, selection: 1, offset: 0
    ) { row, c in .text(c == 0 ? "Projekt \(row) mit langem Titel" : "überfällig seit 30.06.2026") }
    table.minimumFlexibleWidth = 8
    table.showsDetail = true
    let b = render(table, width: 30, height: 7)
    #expect(b.lines[3].hasPrefix("Projekt 1 mit langem Titel"))
    #expect(b.lines[4].hasPrefix("Gründe: überfällig seit"))
    #expect(TableWidget.detailLines(for: Rect(x: 0, y: 0, width: 30, height: 7), rows: 2) == 1)
  }

  /// The lines for the detail never take a row's place when all rows would fit without them: only the
  /// lines left over (the overview of 15 offices showed 14 and "+1 weitere" above two empty lines).
  @Test func theDetailTakesOnlyTheLinesNoRowNeeds() {
    let r17 = Rect(x: 0, y: 0, width: 30, height: 17)  // 16 rows without a detail
    #expect(TableWidget.detailLines(for: r17, rows: 10) == 2)
    #expect(TableWidget.detailLines(for: r17, rows: 15) == 1)
    #expect(TableWidget.detailLines(for: r17, rows: 16) == 0)
    #expect(TableWidget.detailLines(for: r17, rows: 40) == 2)  // it scrolls anyway
    #expect(TableWidget.detailLines(for: Rect(x: 0, y: 0, width: 30, height: 7), rows: 6) == 0)
    var table = TableWidget(
      columns: [TableColumn("Amt", width: 6, flexible: true, priority: 5)], rowCount: 16, selection: 15, offset: 0
    ) { row, _ in .text("Amt \(row)") }
    table.showsDetail = true
    let b = render(table, width: 30, height: 17)
    #expect(b.lines[1].hasPrefix("Amt 0"))
    #expect(b.lines[16].hasPrefix("Amt 15"))  // every row, the selected last one too
  }

  /// A left-out column that says "no change" (·) or "no figure" (–) makes no detail line ("Δ●: ·" at 80
  /// columns said nothing).
  @Test func noChangeAndNoFigureAreNoDetail() {
    var table = TableWidget(
      columns: [TableColumn("Amt", width: 6, priority: 5), TableColumn("Δ●", width: 20, priority: 1)], rowCount: 2,
      selection: 0, offset: 0
    ) { row, c in c == 0 ? .text("Amt \(row)") : .number(row == 0 ? "·" : "–", Style(.faint)) }
    table.showsDetail = true
    let b = render(table, width: 6, height: 12)  // room for the first column only
    #expect(b.lines[1].hasPrefix("Amt 0"))
    #expect(!b.lines.contains { $0.contains("Δ●") })
  }

  /// The selected row is shown even when the caller's window ignored the lines kept for the detail (End on
  /// a list of 15 in 16 lines selected a row below the window).
  @Test func theSelectedRowIsAlwaysShown() {
    var table = TableWidget(
      columns: [TableColumn("Amt", width: 6, flexible: true, priority: 5)], rowCount: 30, selection: 29, offset: 14
    ) { row, _ in .text(String(repeating: "x", count: 40) + " \(row)") }
    table.showsDetail = true
    let b = render(table, width: 30, height: 17)  // 14 rows and two lines for the detail
    #expect(b.lines[14].hasSuffix("x…"))
    #expect(b.lines[1...14].contains { $0.contains("x…") })
    #expect(b.lines[15].hasPrefix("xxxxxxxx"))  // the selected row's detail: its words in full
    #expect(b.lines[15...16].joined().contains("29"))
  }

  @Test func aDescendingSortIsMarkedWithADownTriangle() {
    let b = render(officeTable(sorted: (1, true)), width: 24, height: 1)
    #expect(b.lines == ["Amt   Rot▼   Offen      "])
  }

  @Test func anAscendingSortIsMarkedWithAnUpTriangle() {
    let b = render(officeTable(sorted: (2, false)), width: 24, height: 1)
    #expect(b.lines == ["Amt   Rot   Offen▲      "])
  }

  @Test func theSortMarkerFollowsALeftAlignedTitle() {
    let b = render(officeTable(sorted: (0, false)), width: 24, height: 1)
    #expect(b.lines == ["Amt▲   Rot   Offen      "])
  }

  @Test func theSortMarkerStaysVisibleWhenTheTitleFillsItsColumn() {
    // MetricTables makes a metric column as wide as its (cut) label, e.g. 11 cells for "Backlog offen".
    let table = TableWidget(
      columns: [
        TableColumn("Amt", width: 12, flexible: true), TableColumn("Backlog offen", width: 11, rightAligned: true),
      ],
      rowCount: 0, selection: nil, offset: 0, sorted: (1, true)
    ) { _, _ in .text("") }
    let b = render(table, width: 24, height: 1)
    #expect(b.lines[0].contains("▼"))
  }

  @Test func aSingleFixedColumnWiderThanTheRectIsCutAtTheRectsEdge() {
    let table = TableWidget(columns: [TableColumn("Amt", width: 30)], rowCount: 1, selection: nil, offset: 0) { _, _ in
      .text("Ordnungsamt und Gewerbeaufsicht")
    }
    var b = ScreenBuffer(width: 20, height: 2)
    table.render(in: Rect(x: 0, y: 0, width: 10, height: 2), into: &b)
    #expect(b.lines[1] == "Ordnungsa…          ")
  }

  @Test func rightAlignedNumbersEndAtTheRightEdgeOfTheirColumn() {
    let b = render(officeTable(), width: 24, height: 6)
    // "Rot" spans columns 12…14, "Offen" 18…22: every number ends in the column's last cell.
    for y in 1..<6 {
      #expect(b[14, y].character != " ", "row \(y)")
      #expect(b[22, y].character != " ", "row \(y)")
    }
    #expect(b[14, 0].character == "t")
    #expect(b[22, 0].character == "n")
  }

  @Test func aTableWithoutRowsShowsOnlyItsHeader() {
    var asked = false
    let table = TableWidget(columns: [TableColumn("Amt", width: 5)], rowCount: 0, selection: 0, offset: 0) { _, _ in
      asked = true
      return .text("x")
    }
    var b = ScreenBuffer(width: 5, height: 3)
    table.render(in: Rect(x: 0, y: 0, width: 5, height: 3), into: &b)
    #expect(b.description == "Amt\n\n")
    #expect(!asked)
  }

  @Test func aTableInAnEmptyRectDrawsNothing() {
    var b = ScreenBuffer(width: 5, height: 3)
    officeTable().render(in: Rect(x: 0, y: 0, width: 0, height: 3), into: &b)
    officeTable().render(in: Rect(x: 0, y: 0, width: 5, height: 0), into: &b)
    #expect(b == ScreenBuffer(width: 5, height: 3))
  }

  @Test func aRagCellShowsTheSymbolInItsRoleBeforeTheText() {
    let table = TableWidget(columns: [TableColumn("Status", width: 8)], rowCount: 1, selection: nil, offset: 0) {
      _, _ in
      .rag(.amber, "gelb")
    }
    var b = ScreenBuffer(width: 8, height: 2)
    table.render(in: Rect(x: 0, y: 0, width: 8, height: 2), into: &b)
    #expect(b.lines[1] == "◐ gelb  ")
    #expect(b[0, 1].style.role == .amber)
  }

  @Test func aTableWithoutSelectionSaysHowManyRowsDoNotFit() {
    var table = TableWidget(
      columns: [TableColumn("Amt", width: 10, flexible: true)], rowCount: 5, selection: nil, offset: 0
    ) { row, _ in
      .text("Zeile \(row)")
    }
    table.moreText = "weitere"
    var b = ScreenBuffer(width: 12, height: 4)
    table.render(in: Rect(x: 0, y: 0, width: 12, height: 4), into: &b)
    #expect(b.lines == ["Amt         ", "Zeile 0     ", "Zeile 1     ", "+3 weitere  "])
  }

  @Test func anEmptyTableSaysSo() {
    var table = TableWidget(
      columns: [TableColumn("Amt", width: 10, flexible: true)], rowCount: 0, selection: nil, offset: 0
    ) { _, _ in .text("") }
    table.emptyText = "keine Einträge"
    var b = ScreenBuffer(width: 16, height: 3)
    table.render(in: Rect(x: 0, y: 0, width: 16, height: 3), into: &b)
    #expect(b.lines[1] == "keine Einträge  ")
  }
}
