import DigITCore
import Foundation
import Testing

@Suite struct WordsTests {
  /// Both languages of an entry take the same values: a German sentence that forgot `{1}` would drop a
  /// value without a word.
  @Test func bothLanguagesTakeTheSameValues() {
    func placeholders(_ s: String) -> Set<String> {
      var found: Set<String> = []
      let scalars = Array(s.unicodeScalars)
      for i in scalars.indices.dropLast(2) where scalars[i] == "{" && scalars[i + 2] == "}" {
        if scalars[i + 1].properties.numericType != nil { found.insert(String(scalars[i + 1])) }
      }
      return found
    }
    // The German running week names no year (the date beside it does).
    let germanOmits: [Words: Set<String>] = [.runningWeekLabel: ["1"]]
    for word in Words.allCases {
      #expect(!word(.de).isEmpty && !word(.en).isEmpty, "\(word)")
      #expect(placeholders(word(.de)).union(germanOmits[word] ?? []) == placeholders(word(.en)), "\(word)")
    }
  }

  /// Values go in by position, in one pass: a value that itself looks like a placeholder stays as it is.
  @Test func valuesAreFilledInOnce() {
    #expect(
      Words.reasonForecastLate(.de, "28.03.2027", "01.03.2027") == "Prognose P85 28.03.2027 nach Fälligkeit 01.03.2027")
    #expect(Words.reasonForecastLate(.en, "{1}", "x") == "forecast P85 {1} after due date x")
    #expect(Words.weekLabel(.de, "47", "2026") == "KW 47/2026")
    #expect(Words.weekLabel(.en, "47", "2026") == "W47 2026")
  }

  /// The count picks singular or plural (and German may need the dative).
  @Test func countsPickTheirForm() {
    #expect(Words.count(1, .officeOne, .officeMany, .de) == "1 Amt")
    #expect(Words.count(2, .officeOne, .officeManyDative, .de) == "2 Ämtern")
    #expect(Words.count(0, .rowOne, .rowMany, .en) == "0 rows")
  }
}

@Suite struct OneWordsTableTests {
  static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sources")

  /// No Swift file outside the table chooses between a German and an English word inline
  /// (`de ? "Kennzahl" : "Metric"`): every word people read comes from `Words` (issue 12). Number and
  /// date typography (`","` or `"."`, `" %"`) may still depend on the language.
  @Test func noInlineWordPairsOutsideTheTable() throws {
    let pattern = /(\bde|\.de|german)\s*\?\s*"[^"]*\p{L}{3}/
    var found: [String] = []
    let files = FileManager.default.enumerator(atPath: Self.sources.path)!
    for case let path as String in files where path.hasSuffix(".swift") && !path.hasSuffix("Words.swift") {
      let text = try String(contentsOf: Self.sources.appendingPathComponent(path), encoding: .utf8)
      for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where line.contains(pattern) {
        found.append("\(path):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
      }
    }
    #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
  }
}
