import DigITCore
import DigITMetrics

/// An export file read into memory: its UTF-8 text, the kind it was recognised as, and the CSV reader
/// or JSON value to read it with. Shared by the office loader and `digit import`.
struct ExportFile {
  var kind: ImportKind
  var csv: CSVReader?
  var json: JSON?
}

extension ImportSettings {
  /// Decodes an export's bytes in place: the declared encoding, or UTF-8 (a BOM is dropped) with a
  /// Windows-1252 fallback. Returns the decoded text's description, or a problem.
  func decode(_ raw: inout [UInt8]) -> Result<DecodedText, DecodingProblem> {
    if encoding == .iso88591 || encoding == .windows1252 {
      let bom = raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF
      if bom || TextDecoding.isValidUTF8(raw) {
        return TextDecoding.decodeLines(&raw)
      }
      if encoding == .iso88591 {
        if raw.contains(0) { return TextDecoding.decodeLines(&raw) }
        raw = Self.latin1ToUTF8(raw)
        return .success(DecodedText(encoding: .windows1252, windows1252Lines: []))
      }
    }
    return TextDecoding.decodeLines(&raw)
  }
}

extension ImportSettings {
  /// ISO-8859-1 is Unicode's first 256 code points: every byte is its own scalar.
  static func latin1ToUTF8(_ raw: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count + raw.count / 8)
    for b in raw {
      if b < 0x80 {
        out.append(b)
      } else {
        out.append(0xC0 | (b >> 6))
        out.append(0x80 | (b & 0x3F))
      }
    }
    return out
  }
}

extension OfficeLoader {
  /// Whether a file name may be an export: a `.csv` or `.json` file that is not a feed file.
  static func mayBeExport(_ name: String) -> Bool {
    let l = name.lowercased()
    return (l.hasSuffix(".csv") || l.hasSuffix(".json")) && !knownFiles.contains(l) && !name.hasPrefix(".")
  }

  /// Recognises an export by its header or shape (`settings.kind` wins). `nil` when it is none of the
  /// kinds; `sink` gets the decoding problems.
  static func recognise(
    _ raw: inout [UInt8], name: String, settings: ImportSettings, sink: inout DiagnosticSink
  ) -> ExportFile? {
    // A file that is not UTF-8 may be Redmine's German export, which is ISO-8859-1 by default: read in
    // one pass as ISO-8859-1 when its header says Redmine (the line-by-line Windows-1252 fallback took
    // a tenth of a 100,000-row load), else as every other file.
    if settings.encoding == nil && settings.kind.map({ $0 == .redmine }) != false && !TextDecoding.isValidUTF8(raw)
      && !raw.contains(0)
    {
      let latin = ImportSettings.latin1ToUTF8(raw)
      let reader = CSVReader(bytes: latin)
      if settings.kind == .redmine || ImportKind.detect(header: Self.header(reader)) == .redmine {
        raw = latin
        return ExportFile(kind: .redmine, csv: reader)
      }
    }
    let decoded: DecodedText
    switch settings.decode(&raw) {
    case .failure(let p):
      sink.error(p.texts)
      return nil
    case .success(let d): decoded = d
    }
    let first = raw.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    var file: ExportFile
    if name.lowercased().hasSuffix(".json") || first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
      let json: JSON
      do {
        json = try JSON.parse(raw)
      } catch {
        sink.error("\(error.description)", de: "kein gültiges JSON (Byte \(error.offset)): \(error.reason)")
        return nil
      }
      guard let kind = settings.kind ?? ImportKind.detect(json: json) else { return nil }
      file = ExportFile(kind: kind, json: json)
    } else {
      let reader = CSVReader(bytes: raw)
      guard let kind = settings.kind ?? ImportKind.detect(header: Self.header(reader)) else { return nil }
      file = ExportFile(kind: kind, csv: reader)
    }
    // Redmine's German export is ISO-8859-1 by default: reading it so is no problem worth a warning.
    if file.kind != .redmine && settings.encoding == nil {
      decoded.report(
        to: &sink,
        advice: Bilingual("export it as UTF-8 to avoid this", de: "als UTF-8 exportieren, um das zu vermeiden"))
    }
    return file
  }

  /// The warning for a file of the office folder that is neither a feed file nor an export (worded as
  /// for every other such file).
  static func ignore(_ name: String, in sink: inout DiagnosticSink) {
    sink.add(
      .warning,
      Bilingual(
        "\"\(Inert.message(name, limit: 60))\" is not a feed file and is ignored",
        de: "„\(Inert.message(name, limit: 60))“ ist keine Lieferdatei und wird übergangen"),
      hint: { Nearest.hintTexts(name, in: knownFiles) })
  }

  /// The captions of the first non-blank record.
  static func header(_ reader: CSVReader) -> [String] {
    var header: [String] = []
    reader.forEachRecord(while: { r in
      if r.isBlank { return true }
      for i in 0..<r.count { header.append(r.string(i)) }
      return false
    })
    return header
  }

  /// Reads the office's exports after its feed files: every `.csv`/`.json` file in `names` that is
  /// recognised, and every file `settings` lists. Backlog items join `office.backlog` (ids must stay
  /// unique), federal rows set the services' online status. Each export is a file of its own in
  /// `files`, with its own diagnostics.
  func loadImports(
    _ names: [String], settings: [ImportSettings], into office: inout Office, projectsProblem: Bilingual?,
    folderSink: inout DiagnosticSink, diagnostics: inout [Diagnostic], files: inout [FileStats]
  ) throws(SystemError) {
    for s in settings where !names.contains(s.file) {
      folderSink.error(
        line: s.line, column: "imports",
        "\"\(Inert.message(s.file, limit: 60))\" is listed under imports: of office.yaml, but the office folder has no such export file",
        de:
          "„\(Inert.message(s.file, limit: 60))“ steht unter imports: in office.yaml, aber im Ordner des Amts gibt es keine solche Exportdatei"
      )
    }
    var ids: BacklogIDs? = nil
    for name in names.sorted() {
      let listed = settings.first { $0.file == name }
      if let why = refused[name] {
        folderSink.error(why)
        continue
      }
      let path = "\(relative)/\(name)"
      var raw: [UInt8]
      switch FileSystem.readFile(join(folder, name), inside: resolvedRoot) {
      case .failure(let e):
        if let system = e.systemError(path: path) { throw system }
        if listed != nil {
          folderSink.error(
            Bilingual(
              "\"\(Inert.message(name, limit: 60))\" \(e.description)",
              de: "„\(Inert.message(name, limit: 60))“ \(e.german)"))
        } else {
          Self.ignore(name, in: &folderSink)
        }
        continue
      case .success(let b): raw = b
      }
      let size = raw.count
      let sha = checksums ? Checksum.sha256(raw) : nil
      var sink = DiagnosticSink(office: id, file: path)
      guard let export = Self.recognise(&raw, name: name, settings: listed ?? ImportSettings(file: name), sink: &sink)
      else {
        if listed != nil {
          var stats = FileStats(path: path, office: id)
          stats.bytes = size
          stats.sha256 = sha
          stats.skipped = true
          if sink.diagnostics.isEmpty {
            sink.error(
              "the file is not an export this tool can read (OpenProject, Redmine, Jira or federal OZG data); name its kind: in imports:",
              de:
                "die Datei ist kein lesbarer Export (OpenProject, Redmine, Jira oder OZG-Bundesdaten); kind: unter imports: angeben"
            )
          }
          files.append(stats)
          diagnostics += sink.finish()
        } else {
          Self.ignore(name, in: &folderSink)
        }
        continue
      }
      var settings = listed ?? ImportSettings(file: name)
      settings.kind = export.kind
      var stats: FileStats
      var found: [Diagnostic]
      if export.kind.isBacklog {
        var importer = BacklogImport(
          kind: export.kind, settings: settings, file: path, office: id, asOf: asOf,
          matcher: ProjectMatcher(projects: office.projects, mapping: settings.projects))
        importer.sink = sink
        if let projectsProblem {
          importer.sink.error(
            "not read, because \(projectsProblem.english): its items cannot be matched to projects",
            de: "nicht gelesen, weil \(projectsProblem.german): die Einträge lassen sich keinen Projekten zuordnen")
          importer.stats.skipped = true
        } else {
          if ids == nil {
            var known = BacklogIDs()
            known.map = ByteKeyMap(capacity: office.backlog.count + size / 64)
            let native = files.first { $0.path.lowercased().hasSuffix("/backlog.csv") }?.path ?? "backlog.csv"
            for item in office.backlog { _ = known.insert(office.text(item.id), file: native, line: nil) }
            ids = known
          }
          if let reader = export.csv {
            importer.readCSV(reader, office: &office, ids: &ids!)
          } else if let json = export.json {
            importer.readOpenProjectJSON(json, office: &office, ids: &ids!)
          }
        }
        (stats, found) = importer.finish()
        if stats.skipped && !office.missingFeeds.contains(.backlog) { office.missingFeeds.append(.backlog) }
      } else {
        var importer = FederalOZGImport(ars: city.ars, file: path, office: id, services: office.services)
        importer.sink = sink
        if let reader = export.csv {
          importer.readCSV(reader, office: &office)
        } else if let json = export.json {
          importer.readJSON(json, office: &office)
        }
        (stats, found) = importer.finish()
      }
      stats.bytes = size
      stats.sha256 = sha
      stats.feed = export.kind.isBacklog ? FeedFileKind.backlog.rawValue : FeedFileKind.ozg.rawValue
      files.append(stats)
      diagnostics += found
    }
  }
}
