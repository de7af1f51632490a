import DigITCore
import DigITFeeds
import Testing

@testable import DigITDashboard

/// The screen buffer: cells, display widths, truncation with "…" and inert rendering of feed text.
@Suite struct ScreenBufferTests {
  /// A buffer with one line of text written at (x, 0).
  private func line(_ text: String, width: Int, x: Int = 0, limit: Int? = nil) -> ScreenBuffer {
    var b = ScreenBuffer(width: width, height: 1)
    b.put(text, x: x, y: 0, width: limit)
    return b
  }

  // MARK: - Truncation

  @Test func textThatFitsExactlyIsNotCut() {
    var b = ScreenBuffer(width: 8, height: 1)
    let written = b.put("abcde", x: 0, y: 0, width: 5)
    #expect(b.lines == ["abcde   "])
    #expect(written == 5)
  }

  @Test func textOneColumnTooLongEndsInAnEllipsisAtTheLastColumn() {
    var b = ScreenBuffer(width: 8, height: 1)
    let written = b.put("abcdef", x: 0, y: 0, width: 5)
    #expect(b.lines == ["abcd…   "])
    #expect(written == 5)
  }

  @Test func textWithoutALimitIsCutAtTheRightEdge() {
    #expect(line("Digitalisierung", width: 8, x: 2).lines == ["  Digit…"])
  }

  @Test func theDocumentedExampleCutsAfterTwelveColumns() {
    #expect(line("Amt 33 – Bürgeramt und mehr", width: 20, limit: 12).lines == ["Amt 33 – Bü…        "])
  }

  @Test func aLimitOfOneColumnShowsOnlyTheEllipsis() {
    #expect(line("abc", width: 4, limit: 1).lines == ["…   "])
  }

  @Test func aLimitOfZeroOrLessWritesNothing() {
    var b = ScreenBuffer(width: 4, height: 1)
    #expect(b.put("abc", x: 0, y: 0, width: 0) == 0)
    #expect(b.put("abc", x: 0, y: 0, width: -3) == 0)
    #expect(b == ScreenBuffer(width: 4, height: 1))
  }

  @Test func putWritesTheStyleIntoEveryCellItWrites() {
    var b = ScreenBuffer(width: 5, height: 1)
    b.put("abc", x: 1, y: 0, style: Style(.red, bold: true))
    let red = Style(.red, bold: true)
    #expect((0..<5).map { b[$0, 0].style } == [.normal, red, red, red, .normal])
  }

  // MARK: - Display width

  @Test func umlautsTakeOneCellEach() {
    let b = line("Bürgerämter", width: 11)
    #expect(b.lines == ["Bürgerämter"])
    #expect(ScreenBuffer.displayWidth("Bürgerämter") == 11)
    #expect(b[1, 0].character == "ü")
    #expect(b[1, 0].isContinuation == false)
  }

  @Test func aDecomposedUmlautIsOneCharacterInOneCell() {
    let decomposed = "Gru\u{308}n"  // u + combining diaeresis
    #expect(ScreenBuffer.displayWidth(decomposed) == 4)
    #expect(line(decomposed, width: 4).lines == ["Gru\u{308}n"])
  }

  @Test func cjkCharactersTakeTwoCellsTheSecondAContinuation() {
    var b = ScreenBuffer(width: 6, height: 1)
    let written = b.put("東京", x: 0, y: 0)
    #expect(written == 4)
    #expect(b[0, 0].character == "東")
    #expect(b[1, 0].isContinuation)
    #expect(b[2, 0].character == "京")
    #expect(b[3, 0].isContinuation)
    #expect(b[4, 0] == .blank)
    #expect(b.lines == ["東京  "])
  }

  @Test func emojiTakeTwoCells() {
    #expect(Character("🎉").cellWidth == 2)
    #expect(Character("🤖").cellWidth == 2)
    let b = line("a🎉b", width: 5)
    #expect(b.lines == ["a🎉b "])
    #expect(b[2, 0].isContinuation)
    #expect(b[3, 0].character == "b")
  }

  @Test func theContinuationCellHasTheStyleOfItsCharacter() {
    var b = ScreenBuffer(width: 2, height: 1)
    b.put("東", x: 0, y: 0, style: Style(.accent))
    #expect(b[1, 0].style.role == .accent)
  }

  @Test func aWideCharacterThatFitsExactlyAtTheEdgeIsDrawnWhole() {
    let b = line("ab東", width: 4)
    #expect(b.lines == ["ab東"])
    #expect(b[3, 0].isContinuation)
  }

  @Test func aWideCharacterOneColumnShortOfRoomIsReplacedByTheEllipsis() {
    // "abc東" needs 5 columns; in 4 the wide character would be cut in half.
    let b = line("abc東", width: 4)
    #expect(b.lines == ["abc…"])
    #expect(!b.cells.contains { $0.isContinuation })
  }

  @Test func aWideCharacterBeforeTheCutIsDroppedWholeAndLeavesABlank() {
    // In 3 columns "a東" plus "…" would need 4: the ellipsis follows "a" and the third cell stays blank.
    var b = ScreenBuffer(width: 3, height: 1)
    let written = b.put("a東b", x: 0, y: 0)
    #expect(b.lines == ["a… "])
    #expect(written == 2)
    #expect(b[2, 0] == .blank)
  }

  @Test func wideCharactersNearTheRightEdgeAreNeverHalfDrawn() {
    let b = line("東京", width: 5, x: 2)
    #expect(b.lines == ["  東…"])
    #expect(b[3, 0].isContinuation)
    #expect(b[4, 0].character == "…")
  }

  @Test func aWideCharacterInTheLastColumnBecomesTheEllipsis() {
    #expect(line("東", width: 5, x: 4).lines == ["    …"])
  }

  // MARK: - Overwriting wide characters

  @Test func overwritingTheRightHalfOfAWideCharacterBlanksItsLeftHalf() {
    var b = ScreenBuffer(width: 4, height: 1)
    b.put("東", x: 0, y: 0)
    b.put("x", x: 1, y: 0)
    #expect(b.lines == [" x  "])
    #expect(b[0, 0] == .blank)
    #expect(!b[1, 0].isContinuation)
  }

  @Test func overwritingTheLeftHalfOfAWideCharacterBlanksItsRightHalf() {
    var b = ScreenBuffer(width: 4, height: 1)
    b.put("東", x: 1, y: 0)
    b.put("y", x: 1, y: 0)
    #expect(b.lines == [" y  "])
    #expect(b[2, 0] == .blank)
  }

  @Test func aWideCharacterOverlappingAnotherBlanksTheOtherOnesRemainingHalf() {
    var b = ScreenBuffer(width: 5, height: 1)
    b.put("東", x: 2, y: 0)
    b.put("京", x: 1, y: 0)
    #expect(b.lines == [" 京  "])
    #expect(b[3, 0] == .blank)
  }

  @Test func fillingOverHalfAWideCharacterBlanksTheOtherHalf() {
    var b = ScreenBuffer(width: 4, height: 1)
    b.put("東", x: 0, y: 0)
    b.fill(Rect(x: 1, y: 0, width: 1, height: 1), style: Style(.selected))
    #expect(b[0, 0] == .blank)
    #expect(b[1, 0] == Cell(character: " ", style: Style(.selected), isContinuation: false))
  }

  // MARK: - Inert text

  @Test func escapeIsShownAsTheEscapeSymbol() {
    #expect(line("a\u{1B}[31mb", width: 7).lines == ["a␛[31mb"])
  }

  @Test func bellAndBackspaceAreShownAsReplacementCharactersAndACarriageReturnAsASpace() {
    #expect(line("a\u{07}b\rc\u{08}d", width: 7).lines == ["a\u{FFFD}b c\u{FFFD}d"])
  }

  @Test func aBidiOverrideIsShownAsAReplacementCharacter() {
    #expect(line("abc\u{202E}fed", width: 7).lines == ["abc\u{FFFD}fed"])
  }

  @Test func aZeroWidthSpaceIsShownAsAReplacementCharacterInACellOfItsOwn() {
    let b = line("a\u{200B}b", width: 3)
    #expect(b.lines == ["a\u{FFFD}b"])
  }

  @Test func aCRLFPairBecomesTwoSpaces() {
    #expect(line("a\r\nb", width: 4).lines == ["a  b"])
  }

  @Test func noControlBidiOrZeroWidthScalarReachesTheLines() {
    var b = ScreenBuffer(width: 40, height: 3)
    b.put("\u{1B}]0;title\u{07}\u{1B}[2J\r\u{08}", x: 0, y: 0)
    b.put("\u{202E}\u{202A}\u{2066}\u{200B}\u{200D}\u{FEFF}\u{7F}\u{9B}", x: 0, y: 1)
    b.put("ok\u{0}\t\n", x: 0, y: 2)
    let unsafe = b.lines.flatMap(\.unicodeScalars).filter { Inert.scalar($0) != $0 }
    #expect(unsafe.isEmpty)
    #expect(b.description.split(separator: "\n").count == 3)
  }

  @Test func standInsAreCountedBeforeTheTextIsCut() {
    // Five characters with a stand-in in the middle, cut to four columns: the stand-in takes one column.
    #expect(line("ab\u{1B}cd", width: 4).lines == ["ab␛…"])
  }

  // MARK: - Outside the buffer

  @Test func writingOutsideTheBufferIsANoOp() {
    var b = ScreenBuffer(width: 4, height: 2)
    b.put("abc", x: 0, y: -1)
    b.put("abc", x: 0, y: 2)
    b.put("abc", x: 4, y: 0)
    b.put("abc", x: 99, y: 1)
    b.put("abc", x: -50, y: 0)
    b.fill(Rect(x: 4, y: 0, width: 3, height: 2), style: Style(.red))
    b.fill(Rect(x: -3, y: -3, width: 3, height: 3), style: Style(.red))
    b.restyle(x: 0, y: 2, width: 4, style: Style(.red))
    b.restyle(x: 0, y: -1, width: 4, style: Style(.red))
    #expect(b == ScreenBuffer(width: 4, height: 2))
  }

  @Test func textStartingLeftOfTheBufferShowsOnlyItsVisiblePart() {
    #expect(line("abcdef", width: 10, x: -2).lines == ["cdef      "])
  }

  @Test func textStartingLeftOfTheBufferIsCutOnlyAtTheRightEdge() {
    // Twelve columns from x = -2 end exactly at the right edge of ten: nothing needs cutting.
    #expect(line("abcdefghijkl", width: 10, x: -2).lines == ["cdefghijkl"])
  }

  @Test func aWideCharacterHalfLeftOfTheBufferIsLeftOut() {
    let b = line("東a", width: 3, x: -1)
    #expect(b.lines == [" a "])
    #expect(!b[0, 0].isContinuation)
  }

  // MARK: - Degenerate sizes

  @Test func aZeroByZeroBufferHasNoLinesAndIgnoresWrites() {
    var b = ScreenBuffer(width: 0, height: 0)
    #expect(b.put("abc", x: 0, y: 0) == 0)
    b.fill(Rect(x: 0, y: 0, width: 5, height: 5))
    b.restyle(x: 0, y: 0, width: 3, style: Style(.red))
    #expect(b.lines == [])
    #expect(b.description == "")
    #expect(b.cells.isEmpty)
  }

  @Test func negativeSizesBecomeZero() {
    let b = ScreenBuffer(width: -3, height: -1)
    #expect(b.width == 0)
    #expect(b.height == 0)
    #expect(b.lines == [])
  }

  @Test func aOneByOneBufferHoldsOneNarrowCharacter() {
    #expect(line("a", width: 1).lines == ["a"])
  }

  @Test func aOneByOneBufferShowsTheEllipsisForLongerText() {
    #expect(line("ab", width: 1).lines == ["…"])
  }

  @Test func aOneByOneBufferShowsTheEllipsisForAWideCharacter() {
    let b = line("東", width: 1)
    #expect(b.lines == ["…"])
    #expect(!b[0, 0].isContinuation)
  }

  // MARK: - Description, restyle, fill

  @Test func descriptionStripsTrailingSpacesButKeepsLeadingOnes() {
    var b = ScreenBuffer(width: 8, height: 3)
    b.put("ab", x: 0, y: 0)
    b.put("x", x: 3, y: 2)
    #expect(b.lines == ["ab      ", "        ", "   x    "])
    #expect(b.description == "ab\n\n   x")
  }

  @Test func descriptionLeavesOutContinuationCells() {
    var b = ScreenBuffer(width: 6, height: 1)
    b.put("東京", x: 0, y: 0)
    #expect(b.description == "東京")
  }

  @Test func restyleChangesStylesButNotCharacters() {
    var b = ScreenBuffer(width: 6, height: 1)
    b.put("abcdef", x: 0, y: 0)
    b.restyle(x: 2, y: 0, width: 3, style: Style(.selected, bold: true))
    #expect(b.lines == ["abcdef"])
    #expect((0..<6).map { b[$0, 0].style.role } == [.normal, .normal, .selected, .selected, .selected, .normal])
    #expect(b[2, 0].style.bold)
  }

  @Test func restyleIsClippedToTheBuffer() {
    var b = ScreenBuffer(width: 4, height: 1)
    b.put("abcd", x: 0, y: 0)
    b.restyle(x: -2, y: 0, width: 10, style: Style(.selected))
    #expect(b.lines == ["abcd"])
    #expect(b.cells.allSatisfy { $0.style.role == .selected })
  }

  @Test func restyleStartingRightOfTheBufferIsANoOp() {
    var b = ScreenBuffer(width: 4, height: 1)
    b.restyle(x: 6, y: 0, width: 3, style: Style(.selected))
    #expect(b == ScreenBuffer(width: 4, height: 1))
  }

  @Test func restyleWithANegativeWidthIsANoOp() {
    var b = ScreenBuffer(width: 4, height: 1)
    b.restyle(x: 2, y: 0, width: -1, style: Style(.selected))
    #expect(b == ScreenBuffer(width: 4, height: 1))
  }

  @Test func restyleKeepsContinuationCells() {
    var b = ScreenBuffer(width: 4, height: 1)
    b.put("東京", x: 0, y: 0)
    b.restyle(x: 0, y: 0, width: 4, style: Style(.selected))
    #expect(b.lines == ["東京"])
    #expect(b[1, 0].isContinuation)
    #expect(b[3, 0].isContinuation)
  }

  @Test func fillWritesStyledSpacesIntoTheRectangleOnly() {
    var b = ScreenBuffer(width: 5, height: 3)
    for y in 0..<3 { b.put("xxxxx", x: 0, y: y) }
    b.fill(Rect(x: 1, y: 1, width: 3, height: 1), style: Style(.selected))
    #expect(b.lines == ["xxxxx", "x   x", "xxxxx"])
    #expect((0..<5).map { b[$0, 1].style.role } == [.normal, .selected, .selected, .selected, .normal])
    #expect(b[2, 0].style.role == .normal)
  }

  @Test func fillIsClippedToTheBuffer() {
    var b = ScreenBuffer(width: 3, height: 2)
    b.put("abc", x: 0, y: 0)
    b.put("def", x: 0, y: 1)
    b.fill(Rect(x: 2, y: -1, width: 10, height: 2))
    #expect(b.lines == ["ab ", "def"])
  }

  @Test func emojiAndFlagsAreTwoCellsWideButSymbolsOne() {
    #expect(Character("🚀").cellWidth == 2)
    #expect(Character("☕").cellWidth == 2)
    #expect(Character("✅").cellWidth == 2)
    #expect(Character("🇩🇪").cellWidth == 2)
    #expect(Character("❤️").cellWidth == 2)  // with the emoji variation selector
    for symbol in ["●", "◐", "○", "✓", "▲", "▼", "█", "…", "€", "–"] {
      #expect(Character(symbol).cellWidth == 1, "\(symbol)")
    }
  }
}
