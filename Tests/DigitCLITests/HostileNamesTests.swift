import DigITTestSupport
import Foundation
import Testing

/// Folder and file names are untrusted text like feed text (issue 18, item 2): a folder named with an
/// OSC 52 clipboard write, a line break that forges a message, or a bidi override reaches no output raw —
/// not `digit validate` (text and JSON), not `digit summary` (text and JSON).
@Suite struct HostileNamesTests {
  /// A data root whose one office folder has a hostile name.
  static func root(folder: String) throws -> String {
    let root = try CLI.tempRoot([
      "city.yaml": "name: Teststadt\n",
      "offices/\(folder)/projects.csv": "id,title,status,owner\nP-1,Erstes Projekt,active,A\n",
    ])
    return root
  }

  static let names = [
    "x\u{1B}]52;c;cm0gLXJmIH4K\u{07}y",  // writes `rm -rf ~` into the clipboard
    "amt\nfake: error: everything is broken",
    "amt\u{202E}txt.exe",
    "amt\u{9B}31m",
  ]

  static func expectInert(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let raw = text.unicodeScalars.filter { u in
      (u.value < 0x20 && u.value != 0x0A) || (0x7F..<0xA0).contains(u.value) || (0x202A...0x202E).contains(u.value)
        || (0x2066...0x2069).contains(u.value)
    }
    #expect(raw.isEmpty, "\(what): raw U+\(raw.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
    #expect(!text.contains("\nfake: error:"), "\(what): a forged line", sourceLocation: sourceLocation)
  }

  @Test(arguments: names) func noOutputCarriesTheNameRaw(_ name: String) throws {
    let root = try Self.root(folder: name)
    defer { try? FileManager.default.removeItem(atPath: root) }
    for args in [
      ["validate", "--data", root, "--as-of", "2026-11-23"],
      ["validate", "--data", root, "--as-of", "2026-11-23", "--format", "json"],
      ["validate", "--data", root, "--as-of", "2026-11-23", "--details"],
      ["summary", "--data", root, "--as-of", "2026-11-23"],
      ["summary", "--data", root, "--as-of", "2026-11-23", "--format", "json"],
    ] {
      let r = try CLI.run(CLI.binary.path, args, env: ["COLUMNS": "100"])
      Self.expectInert(r.out, "\(args.joined(separator: " ")) stdout")
      Self.expectInert(r.err, "\(args.joined(separator: " ")) stderr")
    }
  }
}
