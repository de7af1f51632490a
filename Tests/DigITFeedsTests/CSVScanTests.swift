import DigITCore
import Testing

@testable import DigITFeeds

/// The reader's sixteen-bytes-at-a-time scanning (`CSVReader.firstOf`) against the byte-by-byte reader it
/// replaced: every field bound, flag, line and quoting problem must come out the same wherever a
/// delimiter, quote or line break falls relative to a 16-byte block.
@Suite struct CSVScanTests {
  /// One record as the reader delivers it: field bounds and flags, lines, problem.
  struct Record: Equatable, CustomStringConvertible {
    var line: Int
    var lastLine: Int
    var fields: [CSVField]
    var problem: CSVQuoteProblem?
    var description: String {
      "\(line)…\(lastLine) \(fields.map { "\($0.start)-\($0.end)/\($0.flags)" }) \(problem.map { "\($0)" } ?? "")"
    }
  }

  static func records(_ bytes: [UInt8], delimiter: UInt8) -> [Record] {
    var out: [Record] = []
    CSVReader(bytes: bytes, delimiter: delimiter).forEachRecord { r in
      out.append(Record(line: r.line, lastLine: r.lastLine, fields: Array(r.fieldBuffer), problem: r.problem))
    }
    return out
  }

  /// The byte-by-byte parse loop as it was before the block scanning (memchr from quote to quote), kept
  /// here as the reference. Starts after an Excel `sep=` line, as the reader does.
  static func reference(_ b: [UInt8], delimiter: UInt8) -> [Record] {
    let quote = CSVReader.quote
    let cr = CSVReader.cr
    let lf = CSVReader.lf
    func breaks(_ from: Int, _ to: Int) -> Int {
      var k = 0
      for j in from..<max(from, to) where b[j] == lf || (b[j] == cr && !(j + 1 < to && b[j + 1] == lf)) { k += 1 }
      return k
    }
    let n = b.count
    var out: [Record] = []
    var i = CSVReader.separatorLine(b)?.1 ?? 0
    var line = i > 0 ? 2 : 1
    while i < n {
      var fields: [CSVField] = []
      let recordLine = line
      var problem: CSVQuoteProblem? = nil
      func append(_ s: Int, _ e: Int, _ f: UInt8) { fields.append(CSVField(start: Int32(s), end: Int32(e), flags: f)) }
      fieldLoop: while true {
        var q0 = i
        while q0 < n && (b[q0] == 0x20 || b[q0] == 0x09) { q0 += 1 }
        if q0 < n && b[q0] == quote { i = q0 }
        if i < n && b[i] == quote {
          i += 1
          let start = i
          var flags: UInt8 = 1
          while true {
            guard let qi = b[i...].firstIndex(of: quote) else {
              line += breaks(i, n)
              problem = CSVReader.worse(problem, .unterminatedQuote(field: fields.count))
              append(start, n, flags)
              i = n
              break fieldLoop
            }
            line += breaks(i, qi)
            if qi + 1 < n && b[qi + 1] == quote {
              flags |= 2
              i = qi + 2
              continue
            }
            append(start, qi, flags)
            i = qi + 1
            break
          }
          while i < n && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
          if i < n, b[i] != delimiter && b[i] != lf && b[i] != cr {
            problem = CSVReader.worse(problem, .textAfterQuote(field: fields.count - 1))
            while i < n && b[i] != delimiter && b[i] != lf && b[i] != cr { i += 1 }
          }
        } else {
          let start = i
          while i < n {
            let c = b[i]
            if c == delimiter || c == lf || c == cr { break }
            if c == quote && problem == nil { problem = .strayQuote(field: fields.count) }
            i += 1
          }
          append(start, i, 0)
        }
        if i >= n { break }
        let c = b[i]
        if c == delimiter {
          i += 1
          continue
        }
        i += 1
        if c == cr && i < n && b[i] == lf { i += 1 }
        line += 1
        break
      }
      let endedWithBreak = i > 0 && (b[i - 1] == lf || b[i - 1] == cr)
      out.append(
        Record(
          line: recordLine, lastLine: max(recordLine, endedWithBreak ? line - 1 : line), fields: fields,
          problem: problem))
    }
    return out
  }

  static func expectSame(
    _ text: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let got = records(text, delimiter: delimiter)
    let want = reference(text, delimiter: delimiter)
    #expect(got == want, "\(String(decoding: text, as: UTF8.self).debugDescription)", sourceLocation: sourceLocation)
  }

  // MARK: - firstOf

  @Test func firstOfFindsEachTargetAtEveryPositionOfTwoBlocksAndTheTail() {
    for length in [1, 15, 16, 17, 31, 32, 33, 47, 48, 50] {
      for target in [UInt8(ascii: ";"), CSVReader.quote, CSVReader.cr, CSVReader.lf] {
        for p in 0..<length {
          var b = [UInt8](repeating: UInt8(ascii: "x"), count: length)
          b[p] = target
          if p + 1 < length { b[length - 1] = target }  // a later hit must not win
          let found = b.withUnsafeBufferPointer {
            CSVReader.firstOf(
              UInt8(ascii: ";"), CSVReader.lf, CSVReader.cr, CSVReader.quote, in: $0.baseAddress!, from: 0, to: length)
          }
          #expect(found == p, "length \(length), target \(target) at \(p)")
        }
      }
    }
  }

  @Test func firstOfReturnsTheEndWhenNothingMatchesAndStartsWhereItIsTold() {
    // Bytes that differ from a target in one bit only (`;` 0x3B vs `:` 0x3A and `{` 0x7B; LF 0x0A vs
    // 0x0B, 0x8A): an inexact lane compare would report them.
    let near: [UInt8] = [0x3A, 0x7B, 0x0B, 0x8A, 0x0C, 0x8D, 0x23, 0xA2, 0x3F, 0xBB]
    let b = (0..<70).map { near[$0 % near.count] }
    b.withUnsafeBufferPointer { p in
      let none = CSVReader.firstOf(
        UInt8(ascii: ";"), CSVReader.lf, CSVReader.cr, CSVReader.quote, in: p.baseAddress!, from: 0, to: 70)
      #expect(none == 70)
    }
    var c = b
    c[3] = CSVReader.quote
    c[40] = CSVReader.quote
    c.withUnsafeBufferPointer { p in
      #expect(CSVReader.firstOf(0x3B, 0x0A, 0x0D, 0x22, in: p.baseAddress!, from: 4, to: 70) == 40)
      #expect(CSVReader.firstOf(0x3B, 0x0A, 0x0D, 0x22, in: p.baseAddress!, from: 4, to: 40) == 40)  // `to` is the end
      #expect(CSVReader.firstOf(0x3B, 0x0A, 0x0D, 0x22, in: p.baseAddress!, from: 3, to: 70) == 3)
    }
  }

  @Test func structureBitsMarkExactlyTheStructureBytesOfAWindowAndOfTheTail() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let alphabet: [UInt8] = [0x3B, 0x3A, 0x22, 0xA2, 0x0D, 0x8D, 0x0A, 0x0B, 0x61, 0x2C]
    let b = (0..<200).map { _ -> UInt8 in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return alphabet[Int(state >> 60) % alphabet.count]
    }
    b.withUnsafeBufferPointer { p in
      for from in [0, 1, 15, 16, 17, 63, 64, 100, 136, 137, 150, 199] {
        for to in [from + 1, min(from + 64, 200), 200] where to <= 200 {
          var want: UInt64 = 0
          for k in 0..<min(64, to - from) where [0x3B, 0x22, 0x0D, 0x0A].contains(b[from + k]) {
            want |= 1 << UInt64(k)
          }
          #expect(CSVReader.structureBits(0x3B, in: p.baseAddress!, from: from, to: to) == want, "\(from)..<\(to)")
        }
      }
    }
  }

  // MARK: - Records across block edges

  @Test func fieldBoundariesAtEveryOffsetAcrossSixteenAndThirtyTwoByteBlocks() {
    for k in 0..<40 {
      let x = String(repeating: "x", count: k)
      for text in [
        "\(x),b,c\nd,e\n", "a,\(x)\n\(x),z", "\(x)\r\nnext\r\n", "\(x)\rnext\r", "\(x);semi,comma\n",
        "\(x)\"stray,b\n", "\"\(x)\",b\n", "\"\(x)\"\"q\"\",b\n", "\"\(x)\n\(x)\r\n\(x)\r\(x)\",after\nlast\n",
        "\"\(x)\"tail,b\n", " \"\(x)\" ,b\n", "\"\(x)", "\(x)\r", "\(x)\"", "\"\(x)\r",
      ] {
        Self.expectSame(Array(text.utf8))
      }
    }
  }

  @Test func aQuoteAtTheLastByteOfABlockAndItsPairAtTheFirstOfTheNext() {
    // Opening quote at 0: content from 1, so the doubled quote at 15/16 straddles the block edge.
    let text = "\"" + String(repeating: "a", count: 14) + "\"\"" + String(repeating: "b", count: 14) + "\",z\n"
    let got = Self.records(Array(text.utf8), delimiter: 0x2C)
    #expect(got.count == 1)
    #expect(got[0].fields.map(\.flags) == [3, 0])
    #expect(
      rows(text) == [
        Row(line: 1, fields: [String(repeating: "a", count: 14) + "\"" + String(repeating: "b", count: 14), "z"])
      ])
    Self.expectSame(Array(text.utf8))
  }

  @Test func aCRAtTheEndOfABlockWithItsLFInTheNextIsOneLineBreak() {
    let first = String(repeating: "a", count: 15)  // CR at offset 15, LF at 16
    let text = first + "\r\nsecond\r\nthird"
    #expect(rows(text).map(\.line) == [1, 2, 3])
    #expect(rows(text).map(\.fields) == [[first], ["second"], ["third"]])
    // The same inside quotes: the line count after the value must not count the pair twice.
    let quoted =
      "\"" + String(repeating: "a", count: 14) + "\r\n" + String(repeating: "b", count: 20) + "\"\r\nnext\r\n"
    #expect(rows(quoted).map(\.line) == [1, 3])
    Self.expectSame(Array(text.utf8))
    Self.expectSame(Array(quoted.utf8))
  }

  @Test func aLoneCRAtABlockEdgeEndsARecordAndCountsALine() {
    for k in [14, 15, 16, 31, 32] {
      let text = String(repeating: "a", count: k) + "\rb\r\"q\rq\"\rc"
      #expect(rows(text).map(\.line) == [1, 2, 3, 5], "k \(k)")
      #expect(rows(text).map(\.fields) == [[String(repeating: "a", count: k)], ["b"], ["q\rq"], ["c"]])
      Self.expectSame(Array(text.utf8))
    }
  }

  @Test func veryLongFieldsKeepTheirBoundsLinesAndProblems() {
    let long = String(repeating: "0123456789abcdef", count: 6_250) + "xyz"  // 100,003 bytes, not a block multiple
    let lines = (0..<1_000).map { "line \($0) of a long value" }.joined(separator: "\r\n")
    let text = "\(long),\"\(lines)\",\(long)\"stray\nnext,\"unterminated \(long)"
    let got = rows(text)
    #expect(got.count == 2)
    #expect(got[0].fields == [long, lines, long + "\"stray"])
    #expect(got[0].problem == .strayQuote(field: 2))
    #expect(got[1].line == 1_001)
    #expect(got[1].problem == .unterminatedQuote(field: 1))
    Self.expectSame(Array(text.utf8))
  }

  @Test func randomInputsGiveTheSameRecordsAsTheByteByByteReader() {
    // A fixed pseudo-random sequence (deterministic), over an alphabet rich in structure.
    let alphabet: [UInt8] = Array("a;,\"\r\n  b\"".utf8) + [0x09, 0xC3, 0xA4]
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next() -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state >> 33)
    }
    for _ in 0..<3_000 {
      let length = next() % 120
      let bytes = (0..<length).map { _ in alphabet[next() % alphabet.count] }
      Self.expectSame(bytes, delimiter: next() % 2 == 0 ? 0x2C : 0x3B)
    }
  }

  @Test func aDelimiterThatIsAlsoAQuoteOrLineBreakBehavesAsBefore() {
    for delimiter in [CSVReader.quote, CSVReader.cr, CSVReader.lf, 0x20] {
      for k in [0, 15, 16, 17] {
        let x = String(repeating: "x", count: k)
        Self.expectSame(Array("\(x)\"a\"\"b\r\n\(x) c\"\rd\n".utf8), delimiter: delimiter)
      }
    }
  }

  @Test func everyFuzzSeedGivesTheSameRecordsAsTheByteByByteReader() throws {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    let folder = parts.joined(separator: "/") + "/Tests/Fuzz/Corpus/csv"
    let names = try FileSystem.list(folder).get().filter { $0.hasSuffix(".csv") }
    #expect(names.count > 50)
    for name in names {
      let bytes = try FileSystem.readFile(folder + "/" + name).get()
      // Detected delimiter, and the first byte as an explicit one (as fuzz-csv does).
      Self.expectSame(bytes, delimiter: CSVReader.detectDelimiter(bytes))
      if let first = bytes.first { Self.expectSame(bytes, delimiter: first) }
    }
  }

  // MARK: - Unescaping doubled quotes

  @Test func doubledQuotesAreUnescapedPieceByPiece() {
    func pieces(_ s: String) -> [String] {
      var out: [String] = []
      Array(s.utf8).withUnsafeBufferPointer { b in
        CSVRecord.forEachUnescapedRun(b) { out.append(String(decoding: $0, as: UTF8.self)) }
      }
      return out
    }
    #expect(pieces("a\"\"b") == ["a\"", "b"])
    #expect(pieces("\"\"\"") == ["\"", "\""])
    #expect(pieces("\"\"\"\"") == ["\"", "\""])
    #expect(pieces("x\"\"") == ["x\""])
    #expect(pieces("plain") == ["plain"])
    let long = String(repeating: "a", count: 15) + "\"\"" + String(repeating: "b", count: 30) + "\"\"end"
    #expect(
      pieces(long).joined() == String(repeating: "a", count: 15) + "\"" + String(repeating: "b", count: 30) + "\"end")
    // Against the first `unescape`, byte by byte (the new one is built on the runs, so it cannot be the
    // reference): every doubled quote loses its second quote, a lone quote stays.
    func byteByByte(_ s: String) -> String {
      let b = Array(s.utf8)
      var out: [UInt8] = []
      var i = 0
      while i < b.count {
        out.append(b[i])
        if b[i] == 0x22, i + 1 < b.count, b[i + 1] == 0x22 { i += 1 }
        i += 1
      }
      return String(decoding: out, as: UTF8.self)
    }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15  // xorshift, fixed: the same samples every run
    func next() -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state >> 33)
    }
    var samples = ["a\"\"b", "\"\"\"", "x\"\"", long, "\"a\"b\"\"\"\"c", "", "\"", "ä\"\"ö\"ü"]
    for _ in 0..<500 {
      let length = next() % 70
      samples.append(String((0..<length).map { _ in next() % 3 == 0 ? "\"" : next() % 2 == 0 ? "a" : "ß" }))
    }
    for s in samples {
      let unescaped = Array(s.utf8).withUnsafeBufferPointer { CSVRecord.unescape($0) }
      #expect(String(decoding: unescaped, as: UTF8.self) == byteByByte(s), "\(s)")
      #expect(pieces(s).joined() == byteByByte(s), "\(s)")
    }
  }
}

@Suite struct ByteKeyMapTests {
  @Test func insertsFindsAndKeepsIndicesThroughGrowth() {
    var map = ByteKeyMap(capacity: 4)
    // Keys of 0…30 bytes; those of 8 bytes or more share their last eight bytes (the hash reads them
    // in one load) and differ only before.
    let keys =
      (0..<5_000).map { i -> String in
        let prefix = String(i, radix: 36)
        return i % 3 == 0 ? prefix : prefix + "-common-tail"
      } + ["", "a", "abcdefgh", "abcdefghi", "Xbcdefghi"]
    for (i, k) in keys.enumerated() {
      let (index, inserted) = map.insert(k)
      #expect(inserted && index == i, "\(k)")
    }
    #expect(map.count == keys.count)
    for (i, k) in keys.enumerated() {
      #expect(map.index(of: k) == i)
      let again = map.insert(k)
      #expect(again.index == i && !again.inserted)
    }
    #expect(map.index(of: "not-there-common-tail") == nil)
    #expect(map.index(of: "zbcdefghi") == nil)
  }

  @Test func keysThatDifferInOneByteAnywhereAreDifferentKeys() {
    // Every length up to 20 (below, at and across the eight-byte compare steps), one byte changed at
    // each position: found under its own index, never under the original's.
    for length in 1...20 {
      var map = ByteKeyMap()
      let original = (0..<length).map { UInt8(0x41 + $0) }
      original.withUnsafeBufferPointer { _ = map.insert($0) }
      for p in 0..<length {
        var changed = original
        changed[p] ^= 0x20
        let (index, inserted) = changed.withUnsafeBufferPointer { map.insert($0) }
        #expect(inserted && index == p + 1, "length \(length), byte \(p)")
        #expect(changed.withUnsafeBufferPointer { map.index(of: $0) } == p + 1)
      }
      #expect(original.withUnsafeBufferPointer { map.index(of: $0) } == 0)
    }
  }

  @Test func aKeyRepeatedFromTheRowBeforeIsFoundAgainAndADifferentOneIsNot() {
    var map = ByteKeyMap()
    let sequence = ["99503624371422", "99503624371422", "99503624371423", "99503624371422", "9950362437142", "", ""]
    let want = [(0, true), (0, false), (1, true), (0, false), (2, true), (3, true), (3, false)]
    for (key, (index, inserted)) in zip(sequence, want) {
      let got = map.insert(key)
      #expect(got.index == index && got.inserted == inserted, "\(key)")
    }
    #expect(map.count == 4)
  }

  @Test func theInlineCompareSeesADifferenceAtEveryPosition() {
    for length in 0...24 {
      let a = (0..<length).map { UInt8(0x30 + $0) }
      #expect(ByteKeyMap.same(a, a, length))
      for p in 0..<length {
        var b = a
        b[p] ^= 0x01
        #expect(!ByteKeyMap.same(a, b, length), "length \(length), byte \(p)")
      }
    }
  }
}
