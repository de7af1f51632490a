import DigITCore
import Testing

@testable import DigITFeeds

/// Decodes `bytes` and returns the result and the bytes afterwards.
private func decode(_ bytes: [UInt8]) -> (Result<SourceEncoding, DecodingProblem>, [UInt8]) {
  var b = bytes
  let r = TextDecoding.decode(&b)
  return (r, b)
}

@Suite struct TextDecodingTests {
  @Test func plainUTF8IsKeptAsItIs() {
    let (r, b) = decode(Array("Grün;Straße\n".utf8))
    #expect(r == .success(.utf8))
    #expect(b == Array("Grün;Straße\n".utf8))
  }

  @Test func theUTF8BOMIsStripped() {
    let (r, b) = decode([0xEF, 0xBB, 0xBF] + Array("id;name\n".utf8))
    #expect(r == .success(.utf8WithBOM))
    #expect(b == Array("id;name\n".utf8))
  }

  @Test func invalidUTF8IsReadAsWindows1252WithUmlauts() {
    // "Grün, Größe, Straße" as German Excel writes it in Windows-1252.
    let (r, b) = decode([
      0x47, 0x72, 0xFC, 0x6E, 0x2C, 0x20, 0x47, 0x72, 0xF6, 0xDF, 0x65, 0x2C, 0x20, 0x53, 0x74, 0x72, 0x61, 0xDF, 0x65,
    ])
    #expect(r == .success(.windows1252))
    #expect(String(decoding: b, as: UTF8.self) == "Grün, Größe, Straße")
  }

  @Test func windows1252EuroSignAndQuotesAreMapped() {
    let (_, b) = decode([0x31, 0x30, 0x20, 0x80, 0x20, 0x84, 0x61, 0x93])
    #expect(String(decoding: b, as: UTF8.self) == "10 € „a“")
  }

  @Test func undefinedWindows1252BytesBecomeReplacementCharacters() {
    #expect(String(decoding: TextDecoding.windows1252ToUTF8([0x41, 0x81, 0x42]), as: UTF8.self) == "A\u{FFFD}B")
  }

  @Test func utf16LittleEndianBOMIsRejected() {
    let (r, _) = decode([0xFF, 0xFE, 0x69, 0x00, 0x64, 0x00])
    #expect(r == .failure(.utf16))
  }

  @Test func utf16BigEndianBOMIsRejected() {
    let (r, _) = decode([0xFE, 0xFF, 0x00, 0x69, 0x00, 0x64])
    #expect(r == .failure(.utf16))
  }

  @Test func theUTF16MessageSaysHowToSaveTheFile() {
    #expect(
      DecodingProblem.utf16.message
        == "the file is UTF-16, which is not supported: save it as UTF-8 (in Excel: \"CSV UTF-8\")")
  }

  @Test func aNULByteIsRejectedWithItsLine() {
    let (r, _) = decode(Array("a,b\r\n1,2\n3".utf8) + [0x00])
    #expect(r == .failure(.nulByte(line: 3)))
  }

  @Test func validMultiByteSequencesAreUTF8() {
    #expect(TextDecoding.isValidUTF8(Array("abcdefgh Ärger € 𝄞 and more ASCII after it".utf8)))
  }

  @Test func anOverlongEncodingIsNotUTF8() {
    #expect(!TextDecoding.isValidUTF8([0x41, 0xC0, 0x80]))
    #expect(!TextDecoding.isValidUTF8([0xE0, 0x80, 0xAF]))
  }

  @Test func aSurrogateIsNotUTF8() {
    #expect(!TextDecoding.isValidUTF8([0xED, 0xA0, 0x80]))
  }

  @Test func aScalarAboveU10FFFFIsNotUTF8() {
    #expect(!TextDecoding.isValidUTF8([0xF4, 0x90, 0x80, 0x80]))
  }

  @Test func aTruncatedSequenceAtTheEndIsNotUTF8() {
    #expect(!TextDecoding.isValidUTF8(Array("12345678Gr".utf8) + [0xC3]))
  }

  @Test func aLoneLatin1ByteAfterEightASCIIBytesIsNotUTF8() {
    #expect(!TextDecoding.isValidUTF8(Array("abcdefgh".utf8) + [0xFC] + Array("abcdefgh".utf8)))
  }

  @Test func lineNumbersCountCRLFLFAndLoneCR() {
    let bytes = Array("a\r\nb\nc\rd".utf8)
    #expect(TextDecoding.lineNumber(of: 7, in: bytes) == 4)
    #expect(TextDecoding.lineNumber(of: 2, in: bytes) == 1)
    #expect(TextDecoding.lineNumber(of: 3, in: bytes) == 2)
  }

  @Test func aNonASCIIByteIsCheckedWhereverItFallsInTheSixteenByteSkip() {
    // Valid and invalid sequences at every offset of two 16-byte steps and the 8-byte step after them.
    for sequence: [UInt8] in [[0xC3, 0xA4], [0xE2, 0x82, 0xAC], [0xFF], [0xC3], [0xE0, 0x80, 0x80], [0x80]] {
      for offset in 0..<44 {
        var bytes = [UInt8](repeating: 0x61, count: 48)
        bytes.replaceSubrange(offset..<min(48, offset + sequence.count), with: sequence.prefix(48 - offset))
        #expect(
          TextDecoding.isValidUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil),
          "\(sequence) at \(offset)")
      }
    }
  }
}
