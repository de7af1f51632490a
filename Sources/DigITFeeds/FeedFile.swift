import DigITCore
import DigITMetrics

/// One CSV feed file being read: its diagnostics, counts, dialect and the position of each expected
/// column. The value accessors report bad values with line and column and mark the row as failed.
struct FeedFile {
  let path: String
  var sink: DiagnosticSink
  var stats: FileStats
  var style: NumberStyle = .plain
  var encoding: SourceEncoding = .utf8
  /// The expected column names, lowercase.
  let names: [String]
  /// For each expected column, its field index in the file, or -1.
  var field: [Int]
  /// Whether to record the SHA-256 of the file's bytes in `stats`.
  var checksum = false
  /// The resolved data root the opened file must lie in (see ``FileSystem/readFile(_:inside:)``).
  var root: String? = nil
  /// The latest day and week checked against the as-of day (for the parsed-feed cache).
  var checks = AsOfChecks()

  init(path: String, office: String?, columns: [String]) {
    self.path = path
    sink = DiagnosticSink(office: office, file: path)
    stats = FileStats(path: path, office: office)
    names = columns
    field = Array(repeating: -1, count: columns.count)
  }

  /// Reads and decodes the file and maps its header. Returns `nil` (with a diagnostic) when the file
  /// cannot be used at all; throws when the system fails (see ``SystemError``).
  mutating func open(absolute: String, required: [Int]) throws(SystemError) -> CSVReader? {
    var raw: [UInt8]
    switch FileSystem.readFile(absolute, inside: root) {
    case .failure(let e):
      if let system = e.systemError(path: path) { throw system }
      sink.error(Bilingual("the file \(e.description)", de: "die Datei \(e.german)"))
      stats.skipped = true
      return nil
    case .success(let b): raw = b
    }
    stats.bytes = raw.count
    if checksum { stats.sha256 = Checksum.sha256(raw) }
    switch TextDecoding.decodeLines(&raw) {
    case .failure(let p):
      sink.error(p.texts)
      stats.skipped = true
      return nil
    case .success(let decoded):
      encoding = decoded.encoding
      decoded.report(
        to: &sink,
        advice: Bilingual(
          "save it as \"CSV UTF-8\" to avoid this", de: "als „CSV UTF-8“ speichern, um das zu vermeiden"))
    }
    let reader = CSVReader(bytes: raw)
    style = reader.delimiter == 0x3B ? .german : .plain
    var headerSeen = false
    var ok = true
    reader.forEachRecord(while: { r in
      if r.isBlank { return true }
      headerSeen = true
      var unknown: [String] = []
      for i in 0..<r.count {
        let name = r.string(i).lowercased()
        if let k = names.firstIndex(of: name) {
          if field[k] >= 0 {
            sink.warning(
              line: r.line, column: name,
              Bilingual(
                "the column appears twice; the first one is used",
                de: "die Spalte kommt zweimal vor; die erste wird verwendet"))
          } else {
            field[k] = i
          }
        } else if !name.isEmpty {
          unknown.append(Inert.message(r.string(i), limit: 40))
        }
      }
      if !unknown.isEmpty {
        let list = unknown.joined(separator: ", ")
        sink.note(
          line: r.line,
          Bilingual("unknown columns are ignored: \(list)", de: "unbekannte Spalten werden übergangen: \(list)"))
      }
      let missing = required.filter { field[$0] < 0 }.map { names[$0] }
      if !missing.isEmpty {
        let names = missing.joined(separator: ", ")
        let found = Inert.message(
          (0..<r.count).map { r.string($0) }.joined(separator: reader.delimiter == 0x3B ? ";" : ","), limit: 120)
        var message = Bilingual(
          "the header has no column \(names) (found: \(found))",
          de: "der Kopfzeile fehlt die Spalte \(names) (gefunden: \(found))")
        if let guess = missing.lazy.compactMap({ m in Nearest.match(m, in: unknown) }).first {
          message += Bilingual("; is \"\(guess)\" a misspelling?", de: "; ist „\(guess)“ ein Tippfehler?")
        } else if r.count == 1,
          let other = [UInt8(ascii: "|"), 0x09, UInt8(ascii: ":")].first(where: { d in r.bytes(0).contains(d) })
        {
          // One column holding the names: the file uses another separator.
          let c = Character(Unicode.Scalar(other))
          message += Bilingual(
            "; the columns seem to be separated by \(other == 0x09 ? "tabs" : "\"\(c)\"") – save the file with ; or ,",
            de:
              "; die Spalten scheinen durch \(other == 0x09 ? "Tabulatoren" : "„\(c)“") getrennt zu sein – die Datei mit ; oder , speichern"
          )
        } else if r.count == 1 {
          message += Bilingual("; is the header line missing?", de: "; fehlt die Kopfzeile?")
        }
        sink.error(line: r.line, message)
        ok = false
      }
      return false
    })
    if !headerSeen {
      let columns = required.map { names[$0] }.joined(separator: ", ")
      sink.error(
        Bilingual(
          "the file is empty: expected a header line with \(columns)",
          de: "die Datei ist leer: erwartet wird eine Kopfzeile mit \(columns)"))
      ok = false
    }
    if !ok {
      stats.skipped = true
      return nil
    }
    return reader
  }

  /// Checks a data record before its values are read: quoting and the number of fields. Returns false
  /// (the row is skipped) when the record cannot be trusted.
  mutating func acceptRecord(_ r: CSVRecord, headerCount: Int) -> Bool {
    if let p = r.problem {
      switch p {
      case .unterminatedQuote(let f):
        let span =
          r.lastLine > r.line
          ? Bilingual(
            " (lines \(r.line)–\(r.lastLine) are read as one value and skipped)",
            de: " (die Zeilen \(r.line)–\(r.lastLine) werden als ein Wert gelesen und übersprungen)") : .empty
        sink.error(
          line: r.line, column: columnName(field: f),
          Bilingual(
            "a quoted value is not closed before the end of the file",
            de: "ein Wert in Anführungszeichen wird bis zum Ende der Datei nicht geschlossen") + span)
        return false
      case .textAfterQuote(let f):
        sink.error(
          line: r.line, column: columnName(field: f),
          Bilingual(
            "text after the closing quote of a value (a quote inside a value must be doubled: \"\")",
            de: "Text nach dem schließenden Anführungszeichen eines Werts (ein \" im Wert muss verdoppelt werden: \"\")"
          ))
        return false
      case .strayQuote(let f):
        sink.warning(
          line: r.line, column: columnName(field: f),
          Bilingual(
            "a quote inside an unquoted value is read as a literal \" character",
            de: "ein Anführungszeichen in einem Wert ohne Anführungszeichen wird als Zeichen \" gelesen"))
      }
    }
    if r.count < headerCount {
      sink.error(
        line: r.line,
        Bilingual(
          "the row has \(r.count) fields, the header \(headerCount)",
          de: "die Zeile hat \(r.count) Felder, die Kopfzeile \(headerCount)"))
      return false
    }
    if r.count > headerCount {
      for i in headerCount..<r.count where r.bytes(i).count > 0 {
        let separator = style == .german ? ";" : ","
        sink.error(
          line: r.line,
          Bilingual(
            "the row has \(r.count) fields, the header \(headerCount) (is there an unquoted '\(separator)' in a value?)",
            de:
              "die Zeile hat \(r.count) Felder, die Kopfzeile \(headerCount) (steht ein „\(separator)“ ohne Anführungszeichen in einem Wert?)"
          ))
        return false
      }
    }
    return true
  }

  func columnName(field f: Int) -> String? {
    field.firstIndex(of: f).map { names[$0] }
  }

  // MARK: - Values

  @inline(__always)
  func bytes(_ r: CSVRecord, _ c: Int) -> UnsafeBufferPointer<UInt8> {
    r.bytes(field[c])
  }

  @inline(__always)
  func isEmpty(_ r: CSVRecord, _ c: Int) -> Bool { field[c] < 0 || r.bytes(field[c]).count == 0 }

  mutating func missing(_ r: CSVRecord, _ c: Int, _ ok: inout Bool) {
    sink.error(
      line: r.line, column: names[c], Bilingual("is empty, but required", de: "ist leer, muss aber ausgefüllt sein"))
    ok = false
  }

  /// A text value, `""` when empty.
  func text(_ r: CSVRecord, _ c: Int) -> String {
    field[c] < 0 ? "" : r.string(field[c])
  }

  /// A required text value.
  mutating func requiredText(_ r: CSVRecord, _ c: Int, _ ok: inout Bool) -> String {
    if isEmpty(r, c) {
      missing(r, c, &ok)
      return ""
    }
    return r.string(field[c])
  }

  mutating func report(_ r: CSVRecord, _ c: Int, _ e: ValueError, _ ok: inout Bool) {
    sink.error(line: r.line, column: names[c], ValueParser.texts(e, value: r.string(field[c]), style: style))
    ok = false
  }

  /// A word from a closed list (status, risk, index area …), `nil` when empty or not in the list; an
  /// unknown word is an error naming what is expected and the nearest candidate.
  mutating func word<T>(
    _ r: CSVRecord, _ c: Int, _ ok: inout Bool, required: Bool = false, expected: Bilingual, candidates: [String],
    _ parse: (String) -> T?
  ) -> T? {
    if isEmpty(r, c) {
      if required { missing(r, c, &ok) }
      return nil
    }
    let text = r.string(field[c])
    if let value = parse(text) { return value }
    let list = candidates.joined(separator: ", ")
    var message = Bilingual(
      "\"\(Inert.message(text))\" is not \(expected.english) (expected \(list))",
      de: "„\(Inert.message(text))“ ist \(expected.german) (erwartet: \(list))")
    if let near = Nearest.match(text, in: candidates) { message += Nearest.didYouMeanAfterSemicolon(near) }
    sink.error(line: r.line, column: names[c], message)
    ok = false
    return nil
  }

  /// Checks that the id in column `c` is present, holds only the characters of ``Identifier`` (an
  /// error, or with `strict: false` a warning that keeps the row), and is not used by an earlier row
  /// (`lines` holds the line of each id in `ids`).
  mutating func uniqueID(
    _ r: CSVRecord, _ c: Int, in ids: inout ByteKeyMap, lines: inout [Int32], strict: Bool, _ ok: inout Bool
  ) {
    let b = bytes(r, c)
    if b.count == 0 {
      missing(r, c, &ok)
      return
    }
    if !Identifier.isPlain(b), let problem = Identifier.problemTexts(r.string(field[c])) {
      let message =
        Bilingual("\"\(Inert.message(r.string(field[c])))\" ", de: "„\(Inert.message(r.string(field[c])))“ ") + problem
      if strict {
        sink.error(line: r.line, column: names[c], message)
        ok = false
        return
      }
      sink.warning(line: r.line, column: names[c], message)
    }
    let (index, inserted) = ids.insert(b)
    if inserted {
      lines.append(Int32(truncatingIfNeeded: r.line))
    } else {
      sink.error(
        line: r.line, column: names[c],
        Bilingual(
          "\"\(Inert.message(r.string(field[c])))\" is used by an earlier row (line \(lines[index])); ids must be unique",
          de:
            "„\(Inert.message(r.string(field[c])))“ steht schon in einer früheren Zeile (Zeile \(lines[index])); Kennungen müssen eindeutig sein"
        ))
      ok = false
    }
  }

  /// The index of the project named in column `c`; an unknown id is an error that says whether the
  /// project's own row was skipped or offers the nearest id.
  mutating func projectReference(
    _ r: CSVRecord, _ c: Int, in projects: OfficeLoader.ProjectIndex, ids: @autoclosure () -> [String], _ ok: inout Bool
  ) -> Int {
    if isEmpty(r, c) {
      missing(r, c, &ok)
      return -1
    }
    if let p = projects.ids.index(of: bytes(r, c)) { return p }
    let value = r.string(field[c])
    ok = false
    if !projects.rejected.isEmpty, let line = projects.rejected[value] ?? projects.rejected[Identifier.visible(value)] {
      sink.error(
        line: r.line, column: names[c],
        Bilingual(
          "project \"\(Inert.message(value))\" was skipped because of errors in projects.csv (line \(line))",
          de: "das Projekt „\(Inert.message(value))“ wurde wegen Fehlern in projects.csv übersprungen (Zeile \(line))"))
      return -1
    }
    // The message and its hint are made only for the messages that are listed: a search through all
    // ids per row would make a file of unknown references quadratic, and the rows beyond the cap cost
    // only a count.
    sink.add(
      .error, line: r.line, column: names[c], kind: "unknown project",
      texts: {
        var message = Bilingual(
          "\"\(Inert.message(value))\" is not a project of this office (see projects.csv)",
          de: "„\(Inert.message(value))“ ist kein Projekt dieses Amts (siehe projects.csv)")
        if let problem = Identifier.problemTexts(value) {
          message += Bilingual("; the reference ", de: "; der Verweis ") + problem
        } else if let near = Nearest.match(value, in: ids()) {
          message += Nearest.didYouMeanAfterSemicolon(near)
        }
        return message
      })
    return -1
  }

  /// A date, `nil` when empty or bad (bad sets `ok` to false).
  mutating func date(_ r: CSVRecord, _ c: Int, _ ok: inout Bool, required: Bool = false) -> Day? {
    let b = bytes(r, c)  // trimmed once (an unmapped column gives no bytes, like `isEmpty`)
    if b.count == 0 {
      if required { missing(r, c, &ok) }
      return nil
    }
    switch ValueParser.date(b) {
    case .success(let d): return d
    case .failure(let e):
      report(r, c, e, &ok)
      return nil
    }
  }

  mutating func week(_ r: CSVRecord, _ c: Int, _ ok: inout Bool) -> ISOWeek? {
    let b = bytes(r, c)
    if b.count == 0 {
      missing(r, c, &ok)
      return nil
    }
    switch ValueParser.week(b) {
    case .success(let w): return w
    case .failure(let e):
      report(r, c, e, &ok)
      return nil
    }
  }

  /// A decimal number ≥ `minimum` (if given), `nil` when empty or bad.
  mutating func decimal(_ r: CSVRecord, _ c: Int, _ ok: inout Bool, required: Bool = false, minimum: Double? = nil)
    -> Double?
  {
    let b = bytes(r, c)
    if b.count == 0 {
      if required { missing(r, c, &ok) }
      return nil
    }
    switch ValueParser.decimal(b, style: style) {
    case .success(let v):
      if let minimum, v < minimum {
        report(r, c, .negative, &ok)
        return nil
      }
      return v
    case .failure(let e):
      report(r, c, e, &ok)
      return nil
    }
  }

  /// A count: a whole number 0…Int32.max, `nil` when empty or bad.
  mutating func count(_ r: CSVRecord, _ c: Int, _ ok: inout Bool, required: Bool) -> Int32? {
    let b = bytes(r, c)
    if b.count == 0 {
      if required { missing(r, c, &ok) }
      return nil
    }
    switch ValueParser.integer(b, style: style) {
    case .success(let v):
      if v < 0 {
        report(r, c, .negative, &ok)
        return nil
      }
      if v > Int64(Int32.max) {
        report(r, c, .tooLarge(maximum: Int64(Int32.max)), &ok)
        return nil
      }
      return Int32(v)
    case .failure(let e):
      report(r, c, e, &ok)
      return nil
    }
  }

  /// Reads all data rows: skips blank rows and the header, checks each record, and counts rows read and
  /// skipped. `row` returns whether it accepted the row.
  mutating func forEachRow(_ reader: CSVReader, _ row: (inout FeedFile, CSVRecord) -> Bool) {
    var headerCount = -1
    reader.forEachRecord { r in
      if r.isBlank { return }
      if headerCount < 0 {
        headerCount = r.count
        return
      }
      if acceptRecord(r, headerCount: headerCount) && row(&self, r) {
        stats.rowsRead += 1
      } else {
        stats.rowsSkipped += 1
      }
    }
  }

  /// Whether a day of a row lies after the as-of day (and so earns a warning); noted for the cache.
  mutating func isAfter(_ day: Day, _ asOf: Day) -> Bool {
    checks.saw(day)
    return day > asOf
  }

  /// Whether a week of a row lies after the as-of week; noted for the cache.
  mutating func isAfter(_ week: ISOWeek, _ asOfWeek: ISOWeek) -> Bool {
    checks.saw(week)
    return week > asOfWeek
  }

  /// ``finish()`` with what the parsed-feed cache needs besides.
  mutating func outcome() -> OfficeLoader.FileOutcome {
    let (stats, diagnostics) = finish()
    return OfficeLoader.FileOutcome(stats: stats, diagnostics: diagnostics, checks: checks)
  }

  mutating func finish() -> (FileStats, [Diagnostic]) {
    // A header without rows is legal (an office without milestones yet) but worth a word: nothing was
    // read from the file.
    if !stats.skipped && stats.rowsRead == 0 && stats.rowsSkipped == 0 && stats.bytes > 0 {
      sink.note(
        Bilingual("the file has a header but no data rows", de: "die Datei hat eine Kopfzeile, aber keine Datenzeilen"))
    }
    return (stats, sink.finish())
  }
}
