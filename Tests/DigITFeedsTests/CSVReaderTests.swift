import DigITCore
import Testing

@testable import DigITFeeds

/// One record as plain values, for comparing.
struct Row: Equatable, CustomStringConvertible {
  var line: Int
  var fields: [String]
  var problem: CSVQuoteProblem? = nil
  var description: String { "\(line): \(fields) \(problem.map { "\($0)" } ?? "")" }
}

/// All records of `text`, the header included.
func rows(_ text: String, delimiter: UInt8? = nil) -> [Row] {
  rows(Array(text.utf8), delimiter: delimiter)
}

func rows(_ bytes: [UInt8], delimiter: UInt8? = nil) -> [Row] {
  var out: [Row] = []
  CSVReader(bytes: bytes, delimiter: delimiter).forEachRecord { r in
    out.append(Row(line: r.line, fields: (0..<r.count).map { r.string($0) }, problem: r.problem))
  }
  return out
}

@Suite struct CSVReaderTests {
  // MARK: - Delimiter detection

  @Test func detectsSemicolonFromTheHeader() {
    #expect(CSVReader(bytes: Array("id;title;status\n1,5;a;b\n".utf8)).delimiter == UInt8(ascii: ";"))
  }

  @Test func detectsCommaFromTheHeader() {
    #expect(CSVReader(bytes: Array("id,title,status\n1;2;3;4;5;6\n".utf8)).delimiter == UInt8(ascii: ","))
  }

  @Test func delimitersInsideQuotesOfTheHeaderDoNotCount() {
    #expect(CSVReader(bytes: Array("\"a,b,c\";d\n".utf8)).delimiter == UInt8(ascii: ";"))
  }

  @Test func aHeaderWithoutDelimiterIsCommaSeparated() {
    #expect(CSVReader(bytes: Array("id\n1\n".utf8)).delimiter == UInt8(ascii: ","))
  }

  @Test func blankLinesBeforeTheHeaderDoNotHideItsDelimiter() {
    #expect(CSVReader(bytes: Array("\n\nid;title;status\n".utf8)).delimiter == UInt8(ascii: ";"))
  }

  @Test func anExcelSepLineSetsTheDelimiterAndIsSkipped() {
    let reader = CSVReader(bytes: Array("sep=;\r\nid,x;title\r\n1,5;Eins\r\n".utf8))
    #expect(reader.delimiter == UInt8(ascii: ";"))
    #expect(
      rows(Array("sep=;\r\nid,x;title\r\n1,5;Eins\r\n".utf8)) == [
        Row(line: 2, fields: ["id,x", "title"]), Row(line: 3, fields: ["1,5", "Eins"]),
      ])
  }

  // MARK: - Line ends

  @Test func readsLFLineEnds() {
    #expect(
      rows("a,b\n1,2\n3,4\n") == [
        Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["1", "2"]), Row(line: 3, fields: ["3", "4"]),
      ])
  }

  @Test func readsCRLFLineEnds() {
    #expect(
      rows("a,b\r\n1,2\r\n3,4\r\n") == [
        Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["1", "2"]), Row(line: 3, fields: ["3", "4"]),
      ])
  }

  @Test func readsLoneCRLineEnds() {
    #expect(
      rows("a,b\r1,2\r3,4\r") == [
        Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["1", "2"]), Row(line: 3, fields: ["3", "4"]),
      ])
  }

  @Test func readsTheLastRecordWithoutTrailingNewline() {
    #expect(rows("a,b\n1,2") == [Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["1", "2"])])
  }

  @Test func aTrailingDelimiterAtTheEndOfTheFileGivesAnEmptyLastField() {
    #expect(rows("a,b\n1,") == [Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["1", ""])])
  }

  @Test func anEmptyInputHasNoRecords() {
    #expect(rows("") == [])
  }

  // MARK: - RFC 4180 quoting

  @Test func aQuotedFieldHoldsTheDelimiter() {
    #expect(
      rows("a;b\n\"Müller; Hans\";2\n") == [
        Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["Müller; Hans", "2"]),
      ])
  }

  @Test func doubledQuotesAreUnescaped() {
    #expect(rows("a,b\n\"say \"\"hi\"\"\",2\n")[1] == Row(line: 2, fields: ["say \"hi\"", "2"]))
  }

  @Test func doubledQuotesAreFlaggedForUnescaping() {
    var flags: [Bool] = []
    CSVReader(bytes: Array("\"x\"\"y\",\"z\"\n".utf8)).forEachRecord { r in
      flags = [r.hasEscapedQuotes(0), r.hasEscapedQuotes(1)]
    }
    #expect(flags == [true, false])
  }

  @Test func aLineBreakInsideQuotesStaysInTheField() {
    #expect(
      rows("a,b\n\"eins\nzwei\",x\n3,y\n") == [
        Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["eins\nzwei", "x"]), Row(line: 4, fields: ["3", "y"]),
      ])
  }

  @Test func lineNumbersCountPhysicalLinesAfterAMultiLineFieldWithCRLF() {
    #expect(rows("a\r\n\"x\r\ny\r\nz\"\r\nnext\r\n").map(\.line) == [1, 2, 5])
  }

  @Test func lineNumbersCountPhysicalLinesAfterAMultiLineFieldWithLoneCR() {
    #expect(rows("a\r\"x\ry\"\rnext\r").map(\.line) == [1, 2, 4])
  }

  @Test func anEmptyQuotedFieldIsEmpty() {
    #expect(rows("a,b,c\n\"\",\"\",x\n")[1] == Row(line: 2, fields: ["", "", "x"]))
  }

  @Test func surroundingSpacesOfAValueAreIgnored() {
    #expect(rows(" a , b \n  1  ,\t2\t\n") == [Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["1", "2"])])
  }

  @Test func spacesAroundAQuotedFieldAreAllowed() {
    #expect(rows("a;b;c\n \"x;y\" ;z;\t\"w\"\n")[1] == Row(line: 2, fields: ["x;y", "z", "w"]))
  }

  @Test func anUnterminatedQuoteIsReportedAndRunsToTheEnd() {
    #expect(
      rows("a,b\n1,\"open\n2,3\n")[1]
        == Row(line: 2, fields: ["1", "open\n2,3\n"], problem: .unterminatedQuote(field: 1)))
  }

  @Test func aStrayQuoteInAnUnquotedFieldIsKeptAndReported() {
    #expect(rows("a,b\n1,5\"\n")[1] == Row(line: 2, fields: ["1", "5\""], problem: .strayQuote(field: 1)))
  }

  @Test func textAfterAClosingQuoteIsDroppedAndReported() {
    #expect(rows("a,b\n\"ab\"cd,2\n")[1] == Row(line: 2, fields: ["ab", "2"], problem: .textAfterQuote(field: 0)))
  }

  // MARK: - Blank records

  @Test func anEmptyLineIsBlank() {
    var blank: [Bool] = []
    CSVReader(bytes: Array("a;b\n\n1;2\n".utf8)).forEachRecord { blank.append($0.isBlank) }
    #expect(blank == [false, true, false])
  }

  @Test func aLineOfOnlyDelimitersIsBlank() {
    var blank: [Bool] = []
    CSVReader(bytes: Array("a;b;c;d;e\n;;;;\n1;;;;\n".utf8)).forEachRecord { blank.append($0.isBlank) }
    #expect(blank == [false, true, false])
  }

  @Test func anExplicitDelimiterOverridesDetection() {
    #expect(rows("a;b,c\n", delimiter: UInt8(ascii: ",")) == [Row(line: 1, fields: ["a;b", "c"])])
  }

  @Test func readingStopsWhenTheCallbackSaysSo() {
    var lines: [Int] = []
    CSVReader(bytes: Array("a\nb\nc\n".utf8)).forEachRecord(while: { r in
      lines.append(r.line)
      return r.line < 2
    })
    #expect(lines == [1, 2])
  }

  @Test func aRowWithManyFieldsKeepsThemAll() {
    let header = (1...40).map { "c\($0)" }.joined(separator: ",")
    #expect(rows(header + "\n")[0].fields.count == 40)
    #expect(rows(header + "\n")[0].fields.last == "c40")
  }
}
