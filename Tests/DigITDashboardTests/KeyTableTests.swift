import DigITCore
import Foundation
import Testing

@testable import DigITDashboard

/// The one key table drives dispatch, the footer and the help screen: each is derived from it here, so
/// that a key, a help text or a footer word changed in the table changes all three and nothing else.
@Suite struct KeyTableTests {
  @Test func noKeyIsBoundTwice() {
    let keys = KeyMap.bindings.flatMap { $0.keys.map(\.key) }
    #expect(Set(keys.map { KeyMap.name($0) }).count == keys.count)
  }

  @Test func everyKeyDispatchesToItsCommand() {
    for b in KeyMap.bindings {
      for (key, command) in b.keys {
        let found = KeyMap.lookup(key)
        #expect(found?.command == command, "\(KeyMap.name(key))")
      }
    }
    // And the reducer acts on the table's commands: `d` (from the table) opens the feed problems.
    var s = Sample.state()
    let d = KeyMap.bindings.first { $0.keys.contains { $0.command == .diagnostics } }!.keys[0].key
    update(&s, .key(d))
    #expect(s.top.screen == .diagnostics)
  }

  @Test func theFooterIsTheTablesFooterWordsOfTheActiveBindings() {
    for language in Language.allCases {
      let s = Sample.state(language: language)
      let expected = KeyMap.bindings.filter { $0.footer != nil && KeyMap.listed($0, s.top, s) }.map { b in
        let keys = b.keys.prefix(b.footerKeys).map { KeyMap.name($0.key) }.joined(separator: " ")
        return "\(keys) \(language == .de ? b.footer!.de : b.footer!.en)"
      }
      #expect(KeyMap.footer(for: s) == expected.joined(separator: " · "))
      #expect(Renderer.render(s).lines.last!.contains(expected[0]))
    }
  }

  @Test func theHelpScreenListsTheTablesLabelsAndTexts() {
    var s = Sample.state()
    Sample.press([.char("?")], &s)
    let text = Renderer.render(s).description
    for b in KeyMap.bindings where KeyMap.listed(b, s.stack[0], s) {
      #expect(text.contains(b.label), "\(b.label)")
      #expect(text.contains(b.help.de), "\(b.help.de)")
    }
  }

  @Test func noOtherSourceFileNamesAKeysWords() throws {
    let sources = Sample.packageRoot.appendingPathComponent("Sources")
    let table = "KeyMap.swift"
    let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter {
      $0.hasSuffix(".swift") && !$0.hasSuffix(table)
    }
    let words = KeyMap.bindings.flatMap { [$0.help.de, $0.help.en] }.filter { $0.count > 12 }
    for file in files {
      let text = try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8)
      for w in words { #expect(!text.contains("\"\(w)\""), "\(file) names \"\(w)\"") }
    }
  }
}
