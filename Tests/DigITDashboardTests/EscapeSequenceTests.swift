import DigITDashboard
import Testing

/// What follows an Esc: keys curses did not know, mouse reports, sequences to ignore, or no sequence.
@Suite struct EscapeSequenceTests {
  static func decode(_ text: String) -> EscapeSequence.Decoded {
    EscapeSequence.decode(Array(text.unicodeScalars))
  }

  /// The keys of xterm, tmux/screen and the VT220 that a terminal description may not name.
  @Test(arguments: [
    ("[A", Key.up), ("[B", .down), ("[C", .right), ("[D", .left), ("[H", .home), ("[F", .end), ("[Z", .backTab),
    ("[1~", .home), ("[7~", .home), ("[4~", .end), ("[8~", .end), ("[5~", .pageUp), ("[6~", .pageDown),
    ("OA", .up), ("OB", .down), ("OC", .right), ("OD", .left), ("OH", .home), ("OF", .end), ("OM", .enter),
    ("[1;5A", .up), ("[1;2F", .end), ("[5;5~", .pageUp),
  ])
  func keys(_ sequence: String, _ key: Key) {
    #expect(Self.decode(sequence) == .input(.key(key)))
  }

  /// Sequences the dashboard has no use for are one input of nothing, never keys (End inside tmux with
  /// `TERM=xterm-256color` once stepped a week back and switched to the fourth tab).
  @Test(arguments: ["[3~", "[15~", "[24;2~", "OP", "OQ", "[200~", "[?1;2c", "[I", "[O"])
  func ignoredSequencesAreNothing(_ sequence: String) {
    #expect(Self.decode(sequence) == .input(.none))
  }

  /// A sequence that has only begun waits for the rest.
  @Test(arguments: ["[", "O", "[4", "[1;5", "[<0;10", "[<0;10;5", "[M", "[M !"])
  func startedSequencesWait(_ sequence: String) {
    #expect(Self.decode(sequence) == .incomplete)
  }

  /// Esc alone, Esc and a key (Alt-x), and what cannot be a sequence stay keys.
  @Test(arguments: ["", "x", "q", "[\u{7}", "O\u{1}"])
  func notSequences(_ text: String) {
    #expect(Self.decode(text) == .notASequence)
  }

  @Test func mouseReports() {
    #expect(Self.decode("[<0;10;5M") == .input(.mouse(MouseEvent(.press, x: 9, y: 4))))
    #expect(Self.decode("[<0;10;5m") == .input(.mouse(MouseEvent(.release, x: 9, y: 4))))
    #expect(Self.decode("[<64;3;3M") == .input(.mouse(MouseEvent(.wheelUp, .none, x: 2, y: 2))))
    // X10: button, column and row each plus 32.
    #expect(Self.decode("[M *%") == .input(.mouse(MouseEvent(.press, x: 9, y: 4))))
    // A report that does not parse is nothing, not keys.
    #expect(Self.decode("[<x;y;zM") == .input(.none))
  }

  /// A runaway sequence is not waited for forever.
  @Test func tooLongIsNotASequence() {
    #expect(Self.decode("[" + String(repeating: "1", count: 40)) == .notASequence)
    #expect(Self.decode("[<" + String(repeating: "1", count: 40)) == .notASequence)
  }
}
