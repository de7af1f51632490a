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

  /// The filling as first written, over Unicode scalars: the byte-wise filling must give the same text
  /// for every entry of the table, in both languages, also around umlauts and stray braces.
  static func scalarFill(_ template: String, _ values: [String]) -> String {
    let t = Array(template.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < t.count {
      if t[i] == "{", i + 2 < t.count, t[i + 2] == "}", let n = Int(String(t[i + 1])), n < values.count {
        out.append(contentsOf: values[n].unicodeScalars)
        i += 3
      } else {
        out.append(t[i])
        i += 1
      }
    }
    return String(out)
  }

  @Test func fillingEqualsTheScalarFillingForEveryEntry() {
    let values = ["Ämter {1}", "", "ß€😀", "{0}"]
    for (word, pair) in Words.table {
      for (language, template) in [(Language.de, pair.0), (.en, pair.1)] {
        #expect(word(language, values[0], values[1], values[2], values[3]) == Self.scalarFill(template, values))
        #expect(word(language, "x") == Self.scalarFill(template, ["x"]))
      }
    }
    for template in ["{", "}", "{0", "{0}{1}{", "ä{0}ö{9}ü", "{{0}}", "{ä}", "{0}}"] {
      #expect(Words.fill(template, ["A", "B"]) == Self.scalarFill(template, ["A", "B"]), "\(template)")
    }
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
