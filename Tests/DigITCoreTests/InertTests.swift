import Testing

@testable import DigITCore

/// The one policy for untrusted text (feeds, folder and file names) and the JSON writer's escaping of
/// the same characters.
@Suite struct InertTests {
  @Test func escapeSequencesShowTheEscapeSymbolAndNoControlSurvives() {
    // OSC 52 writes the clipboard; BEL ends it.
    #expect(Inert.text("x\u{1B}]52;c;cm0gLXJmIH4K\u{07}y") == "x␛]52;c;cm0gLXJmIH4K\u{FFFD}y")
    #expect(Inert.text("\u{9B}31m") == "\u{FFFD}31m")  // CSI as one C1 scalar
    #expect(Inert.text("a\u{7F}b\u{0}c") == "a\u{FFFD}b\u{FFFD}c")
  }

  @Test func lineBreaksAndTabsBecomeSpacesSoNoLineCanBeForged() {
    #expect(Inert.text("a\nfake: error: x") == "a fake: error: x")
    #expect(Inert.text("a\r\n\tb\u{85}c\u{2028}d\u{2029}e") == "a   b c d e")
  }

  @Test func bidiAndInvisibleCharactersAreShown() {
    for u: UInt32 in [
      0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202E, 0x2060, 0x2064, 0x2066, 0x2069, 0xFEFF, 0xFDD0,
      0xFFFE,
    ] {
      let s = String(Character(Unicode.Scalar(u)!))
      #expect(Inert.text("a\(s)b") == "a\u{FFFD}b", "U+\(String(u, radix: 16))")
    }
  }

  @Test func ordinaryTextIsUnchanged() {
    let text = "Bürgeramt – Größe 1.234,5 € 😀 中文 ‘quotes’ \u{00A0}nbsp"
    #expect(Inert.text(text) == text)
    #expect(Inert.message(text, limit: 1000) == text)
  }

  @Test func messagesAreCutAfterTheLimitInScalars() {
    #expect(Inert.message(String(repeating: "x", count: 100), limit: 5) == "xxxxx…")
    // One character of a thousand combining marks still gives a short message.
    let huge = "a" + String(repeating: "\u{301}", count: 1000)
    #expect(Inert.message(huge, limit: 10).unicodeScalars.count == 11)
  }

  @Test func jsonEscapesControlsBidiAndInvisibleCharactersAndKeepsTheValue() throws {
    let value = "a\u{1B}b\u{9B}c\u{202E}d\u{200B}e\u{FEFF}f\u{061C}g\u{2028}h–ü😀"
    let text = JSON.string(value).rendered()
    let bytes = Array(text.utf8)
    #expect(text == #""a\u001bb\u009bc\u202ed\u200be\ufefff\u061cg\u2028h–ü😀""#)
    #expect(!text.unicodeScalars.contains(where: Inert.isUnsafe))
    #expect(try JSON.parse(bytes).stringValue == value)
  }
}
