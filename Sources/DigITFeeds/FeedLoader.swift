import DigITCore
import DigITMetrics
import Dispatch

/// What loading a data root produced: the data, every problem found, and how much was read.
public struct LoadResult: Sendable {
  public var dataSet: DataSet
  /// City-wide files first, then the offices by id; within a file in line order.
  public var diagnostics: [Diagnostic]
  /// One entry per file read (or tried), in the same order.
  public var files: [FileStats]
  /// The as-of day the data was checked against.
  public var asOf: Day
  /// How many feed files came from the parsed-feed cache (``FeedLoader/cache``) instead of being parsed.
  public var filesFromCache = 0

  /// Errors found, including those left out of `diagnostics` by the per-file limit.
  public var errorCount: Int { count(.error) }
  /// Warnings found, including those left out by the limit.
  public var warningCount: Int { count(.warning) }
  public var noteCount: Int { count(.note) }

  private func count(_ severity: Diagnostic.Severity) -> Int {
    diagnostics.reduce(0) { $0 + ($1.severity == severity ? $1.occurrences : 0) }
  }
  public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
  public var rowsSkipped: Int { files.reduce(0) { $0 + $1.rowsSkipped } }
  public var bytesRead: Int { files.reduce(0) { $0 + $1.bytes } }

  /// The diagnostics of one office (`nil`: the city-wide files).
  public func diagnostics(office: String?) -> [Diagnostic] { diagnostics.filter { $0.office == office } }
}

/// Why a data root cannot be used at all (the only errors the loader throws).
public struct FeedRootError: Error, Sendable, CustomStringConvertible {
  /// What is wrong with the root (the dashboard says it in its language).
  public enum Reason: Sendable, Equatable {
    /// The folder does not exist.
    case missing
    /// A file (or something else) where the data folder belongs.
    case notAFolder
    /// The folder cannot be listed; the system's reason in words.
    case unreadable(String)
    /// Neither `city.yaml` nor `offices/`.
    case notADataFolder
  }

  /// The data root as given.
  public var root: String
  public var reason: Reason

  public init(root: String, reason: Reason) {
    self.root = root
    self.reason = reason
  }

  public var description: String {
    switch reason {
    case .missing: "the data folder \(root) does not exist"
    case .notAFolder: "\(root) is a file, not a data folder"
    case .unreadable(let why): "the data folder \(root) \(why)"
    case .notADataFolder: "\(root) is not a data folder: it has neither city.yaml nor offices/"
    }
  }
}

/// Reads a data root (see <doc:FeedFormat>) into a `DataSet` plus `Diagnostic`s.
///
/// It never stops at a bad row, file or office: bad rows are skipped and counted, bad files are skipped
/// with an error, and every office is read independently (in parallel, one per core).
///
///     let result = try FeedLoader(root: "Sample-Data", asOf: Day(year: 2026, month: 11, day: 23)!).load()
///     result.dataSet.offices.count   // 14
///     result.errorCount              // 0
public struct FeedLoader: Sendable {
  public var root: String
  public var asOf: Day
  /// Read offices on all cores (default) or one after the other.
  public var parallel: Bool
  /// Record the SHA-256 of every file read in its `FileStats` (for snapshots; about 0.1 s per
  /// 350 MB on this machine's SHA extensions).
  public var checksums: Bool
  /// The parsed-feed cache (see ``FeedCache``); `nil` (the default) reads every file.
  public var cache: FeedCache?
  /// What a walk of the root just found (``ResultCache/Key/listing``): the folders' names and the files'
  /// stat keys (for the parsed-feed cache) are taken from it instead of asking the file system again.
  public var listing: RootListing? = nil
  /// Whether backlog items keep their ids and titles (`Office.texts`; default). The dashboard shows and
  /// searches them and the parsed-feed cache stores them (with a cache they are always kept); `digit
  /// summary` without a cache reads neither, which saves about 90 MB on the large benchmark root. Without
  /// them every item's id and title is empty; duplicate ids are still found, and an office with imports
  /// (whose ids are checked against backlog.csv's) keeps them.
  public var backlogTexts = true

  public init(root: String, asOf: Day, parallel: Bool = true, checksums: Bool = false, cache: FeedCache? = nil) {
    self.root = root
    self.asOf = asOf
    self.parallel = parallel
    self.checksums = checksums
    self.cache = cache
  }

  /// Loads the root. Throws ``FeedRootError`` only when the root itself is unusable (missing, not a
  /// folder, or with neither `city.yaml` nor `offices/`).
  public func load() throws -> LoadResult { try load(reusing: nil, unchanged: []) }

  /// Loads the root again, taking the offices in `unchanged` from `previous` instead of re-reading their
  /// files (the dashboard's live reload: only changed offices are read). City-wide files are always read.
  public func load(reusing previous: LoadResult?, unchanged: Set<String>) throws -> LoadResult {
    switch FileSystem.kind(root) {
    case .missing: throw FeedRootError(root: root, reason: .missing)
    case .file, .other: throw FeedRootError(root: root, reason: .notAFolder)
    case .directory: break
    }
    let top: [String]
    switch list(root) {
    case .failure(let e):
      if let system = e.systemError(path: root) { throw system }
      throw FeedRootError(root: root, reason: .unreadable(e.description))
    case .success(let n): top = n
    }
    guard top.contains("city.yaml") || top.contains("offices") else {
      throw FeedRootError(root: root, reason: .notADataFolder)
    }

    var diagnostics: [Diagnostic] = []
    var files: [FileStats] = []
    var guardian = RootGuard(root: root)
    let city = try loadCity(
      present: top.contains("city.yaml"), refusal: guardian.refusal("city.yaml", shown: "city.yaml"),
      inside: guardian.resolvedRoot, &diagnostics, &files)
    let index = try loadIndex(present: top.contains("index"), guardian: &guardian, &diagnostics, &files)

    var officeIDs: [String] = []
    var rootSink = DiagnosticSink(office: nil, file: "offices")
    switch FileSystem.kind(join(root, "offices")) {
    case .directory:
      switch list(join(root, "offices")) {
      case .failure(let e):
        if let system = e.systemError(path: "offices") { throw system }
        rootSink.error(Bilingual("the folder \(e.description)", de: "der Ordner \(e.german)"))
      case .success(let names):
        for name in names where name.hasPrefix(".") && FileSystem.kind(join(join(root, "offices"), name)) == .directory
        {
          rootSink.note(
            Bilingual(
              "the hidden folder \"\(Inert.message(name))\" is ignored",
              de: "der versteckte Ordner „\(Inert.message(name))“ wird übergangen"))
        }
        // Real folders claim their identity before links to them, so that a link is the one refused.
        let folders = names.filter {
          !$0.hasPrefix(".") && FileSystem.kind(join(join(root, "offices"), $0)) == .directory
        }
        var refusedFolders: Set<String> = []
        for link in [false, true] {
          for name in folders where FileSystem.isLink(join(join(root, "offices"), name)) == link {
            if let why = guardian.refusal("offices/\(name)", shown: name, folder: true) {
              rootSink.error(why)
              refusedFolders.insert(name)
            }
          }
        }
        for name in names where !name.hasPrefix(".") {
          if FileSystem.kind(join(join(root, "offices"), name)) == .directory {
            if refusedFolders.contains(name) { continue }
            officeIDs.append(name)
            if !Self.isValidOfficeID(name) {
              var message = Bilingual(
                "the office folder \"\(Inert.message(name))\" should be named with a-z, 0-9 and - only",
                de: "der Name des Amtsordners „\(Inert.message(name))“ sollte nur a-z, 0-9 und - enthalten")
              if let c = Identifier.firstOutsideTexts(name, allowed: { $0.value >= 0x21 && $0.value < 0x7F }) {
                message += Bilingual(" (it contains \(c.english))", de: " (er enthält \(c.german))")
              }
              rootSink.warning(message)
            }
          } else {
            rootSink.note(
              Bilingual(
                "\"\(Inert.message(name))\" is not an office folder and is ignored",
                de: "„\(Inert.message(name))“ ist kein Amtsordner und wird übergangen"))
          }
        }
        if officeIDs.isEmpty {
          rootSink.error(Bilingual("there are no office folders", de: "es gibt keine Amtsordner"))
        }
      }
    case .missing:
      rootSink.error(
        Bilingual(
          "the folder offices/ is missing: there are no offices", de: "der Ordner offices/ fehlt: es gibt keine Ämter"))
    default: rootSink.error(Bilingual("offices is not a folder", de: "offices ist kein Ordner"))
    }
    diagnostics += rootSink.finish()

    var reused: [String: OfficeLoader.Result] = [:]
    if let previous, previous.asOf == asOf, previous.dataSet.city == city {
      // An office read without checksums is read again when checksums are asked for now.
      let hashed = Set(previous.files.filter { $0.sha256 == nil && $0.bytes > 0 }.compactMap(\.office))
      for office in previous.dataSet.offices
      where unchanged.contains(office.id) && !(checksums && hashed.contains(office.id)) {
        reused[office.id] = OfficeLoader.Result(
          // The cross-office duplicate-id warnings are made again below.
          office: office,
          diagnostics: previous.diagnostics.filter {
            $0.office == office.id && !$0.message.contains(Self.duplicateAcrossOffices)
          },
          files: previous.files.filter { $0.office == office.id })
      }
    }
    // Which feed files of each office must not be read (links out of the root, a second path to a file).
    // Real files claim their identity before links, so that of a file and a link to it, the link is refused.
    var refused: [String: [String: Bilingual]] = [:]
    // (Listed on all cores where there are descriptors enough, as the offices are read: 400 folders and
    // 2,000 files take 8 ms so on the large benchmark root, 15 ms one after the other.)
    let loader = self
    let ids = officeIDs
    let listInParallel =
      parallel && ids.count > 1
      && FileSystem.freeDescriptors(upTo: FileSystem.descriptorsNeeded) == FileSystem.descriptorsNeeded
    let feedFiles = parallelMap(ids.count, parallel: listInParallel) { k -> [(id: String, name: String, link: Bool)] in
      let folder = join(loader.root, "offices/\(ids[k])")
      guard case .success(let names) = loader.list(folder) else { return [] }
      return names.filter {
        !$0.hasPrefix(".") && (OfficeLoader.knownFiles.contains($0.lowercased()) || OfficeLoader.mayBeExport($0))
      }.map { (ids[k], $0, FileSystem.isLink(join(folder, $0))) }
    }.flatMap { $0 }
    for link in [false, true] {
      for file in feedFiles where file.link == link {
        if let why = guardian.refusal("offices/\(file.id)/\(file.name)", shown: file.name, link: file.link) {
          refused[file.id, default: [:]][file.name] = why
        }
      }
    }
    let fresh = try loadOffices(
      officeIDs.filter { reused[$0] == nil }, city: city, refused: refused, resolvedRoot: guardian.resolvedRoot)
    var freshByID: [String: OfficeLoader.Result] = [:]
    for r in fresh { freshByID[r.office.id] = r }
    let results = officeIDs.compactMap { reused[$0] ?? freshByID[$0] }
    var offices: [Office] = []
    offices.reserveCapacity(results.count)
    var owner: [String: (office: String, line: Int)] = [:]
    var filesFromCache = 0
    for var r in results {
      filesFromCache += r.cachedFiles
      for p in r.office.projects {
        if let first = owner[p.id] {
          r.diagnostics.append(
            Diagnostic(
              .warning, office: r.office.id, file: "offices/\(r.office.id)/projects.csv", line: p.line, column: "id",
              Bilingual(
                "\"\(Inert.message(p.id))\" \(Self.duplicateAcrossOffices) \(first.office) (line \(first.line) of its projects.csv); project ids should be unique in the city",
                de:
                  "„\(Inert.message(p.id))“ ist auch ein Projekt des Amts \(first.office) (Zeile \(first.line) seiner projects.csv); Projektkennungen sollten in der Stadt eindeutig sein"
              )))
        } else {
          owner[p.id] = (r.office.id, p.line)
        }
      }
      offices.append(r.office)
      diagnostics += r.diagnostics
      files += r.files
    }
    return LoadResult(
      dataSet: DataSet(city: city, indexScores: index, offices: offices), diagnostics: diagnostics, files: files,
      asOf: asOf, filesFromCache: filesFromCache)
  }

  /// The names in a folder: as the walk of ``listing`` found them, else as the folder lists now.
  private func list(_ path: String) -> Result<[String], FileSystem.ReadError> {
    listing?.list(path) ?? FileSystem.list(path)
  }

  static let duplicateAcrossOffices = "is also a project of office"

  static func isValidOfficeID(_ s: String) -> Bool {
    !s.isEmpty && s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
  }

  /// Reads the offices, in parallel when there are descriptors enough. Each reading thread has at
  /// most one file open at a time, so at most one descriptor per core is used by reading; when fewer
  /// than ``FileSystem/descriptorsNeeded`` are free, the offices are read one after the other (and
  /// Dispatch, which needs descriptors of its own, is not started).
  private func loadOffices(
    _ ids: [String], city: City, refused: [String: [String: Bilingual]], resolvedRoot: String?
  ) throws -> [OfficeLoader.Result] {
    let loaders = ids.map { id in
      var l = OfficeLoader(root: root, id: id, city: city, asOf: asOf, checksums: checksums)
      l.refused = refused[id] ?? [:]
      l.cache = cache
      l.backlogTexts = backlogTexts || cache != nil
      l.listing = listing
      l.resolvedRoot = resolvedRoot
      return l
    }
    let results: [OfficeLoader.Result]
    if parallel, ids.count > 1,
      FileSystem.freeDescriptors(upTo: FileSystem.descriptorsNeeded) == FileSystem.descriptorsNeeded
    {
      let slots = ResultSlots<OfficeLoader.Result>(count: ids.count)
      DispatchQueue.concurrentPerform(iterations: ids.count) { i in
        slots.store(loaders[i].load(), at: i)
      }
      results = slots.collect()
    } else {
      var list: [OfficeLoader.Result] = []
      for l in loaders {
        let r = l.load()
        if let e = r.systemError { throw e }
        list.append(r)
      }
      results = list
    }
    // A system failure in any office makes the whole load incomplete.
    if let e = results.lazy.compactMap(\.systemError).first { throw e }
    return results
  }

  // MARK: - city.yaml

  /// The city from `city.yaml` alone (defaults when it is missing or broken), without reading the offices.
  public func city() -> City {
    var diagnostics: [Diagnostic] = []
    var files: [FileStats] = []
    var guardian = RootGuard(root: root)
    let refusal = guardian.refusal("city.yaml", shown: "city.yaml")
    return
      (try? loadCity(
        present: FileSystem.kind(join(root, "city.yaml")) == .file, refusal: refusal,
        inside: guardian.resolvedRoot, &diagnostics, &files))
      ?? City(name: "?")
  }

  private func loadCity(
    present: Bool, refusal: Bilingual?, inside resolvedRoot: String?, _ diagnostics: inout [Diagnostic],
    _ files: inout [FileStats]
  )
    throws(SystemError) -> City
  {
    var sink = DiagnosticSink(office: nil, file: "city.yaml")
    var stats = FileStats(path: "city.yaml", office: nil)
    var city = City(name: "?")
    defer {
      diagnostics += sink.finish()
      files.append(stats)
    }
    guard present else {
      sink.error(
        Bilingual(
          "city.yaml is missing: defaults are used (no KPI definitions, so kpis.csv files cannot be read)",
          de:
            "city.yaml fehlt: es gelten die Voreinstellungen (ohne Kennzahl-Definitionen können keine kpis.csv gelesen werden)"
        ))
      stats.skipped = true
      return city
    }
    if let refusal {
      sink.error(refusal + Bilingual("; defaults are used", de: "; es gelten die Voreinstellungen"))
      stats.skipped = true
      return city
    }
    guard
      let text = try readText(
        join(root, "city.yaml"), stats: &stats, sink: &sink, checksum: checksums, inside: resolvedRoot),
      let map = YAMLMap.parse(text, sink: &sink)
    else {
      stats.skipped = true
      return city
    }
    map.checkKeys(
      ["name", "ags", "ars", "ozg_maturity_model", "thresholds", "index_target", "targets", "kpis"], sink: &sink)
    city.name = map.string("name", required: true, sink: &sink) ?? "?"
    city.ags = map.string("ags", sink: &sink)
    if let ags = city.ags, ags.utf8.count != 8 || !ags.allSatisfy(\.isASCIIDigit) {
      sink.warning(
        line: map.value("ags")?.mark?.line, column: "ags",
        Bilingual(
          "\"\(Inert.message(ags))\" is not an 8-digit Gemeindeschlüssel",
          de: "„\(Inert.message(ags))“ ist kein 8-stelliger Gemeindeschlüssel"))
    }
    city.ars = map.string("ars", sink: &sink)
    if let ars = city.ars, ars.utf8.count != 12 || !ars.allSatisfy(\.isASCIIDigit) {
      sink.warning(
        line: map.value("ars")?.mark?.line, column: "ars",
        Bilingual(
          "\"\(Inert.message(ars))\" is not a 12-digit Regionalschlüssel",
          de: "„\(Inert.message(ars))“ ist kein 12-stelliger Regionalschlüssel"))
    }
    if let model = map.string("ozg_maturity_model", sink: &sink) {
      if let m = OZGMaturityModel(rawValue: model.trimmingSpaces) {
        city.maturityModel = m
      } else {
        sink.error(
          line: map.value("ozg_maturity_model")?.mark?.line, column: "ozg_maturity_model",
          Bilingual(
            "\"\(Inert.message(model))\" is not a maturity model (expected \"1\" for levels 0–4 or \"2\" for levels 0–7)",
            de:
              "„\(Inert.message(model))“ ist kein Reifegradmodell (erwartet „1“ für die Stufen 0–4 oder „2“ für die Stufen 0–7)"
          ))
      }
    }
    var thresholds = Thresholds(model: city.maturityModel)
    if let t = map.map("thresholds", sink: &sink) {
      t.checkKeys(["budget_overrun_factor", "stale_days", "ozg_online_level", "ozg_compliant_level"], sink: &sink)
      let levels = 0...city.maturityModel.maxLevel
      if let v = t.double("budget_overrun_factor", range: 1...10, sink: &sink) { thresholds.budgetOverrunFactor = v }
      if let v = t.int("stale_days", range: 1...365, sink: &sink) { thresholds.staleDays = v }
      if let v = t.int("ozg_online_level", range: levels, sink: &sink) { thresholds.ozgOnlineLevel = v }
      if let v = t.int("ozg_compliant_level", range: levels, sink: &sink) { thresholds.ozgCompliantLevel = v }
    }
    city.thresholds = thresholds
    if let t = map.map("index_target", sink: &sink) {
      t.checkKeys(["year", "score", "rank"], sink: &sink)
      city.indexTarget = IndexTarget(
        year: t.int("year", range: ValueParser.years, sink: &sink),
        score: t.double("score", range: 0...100, sink: &sink),
        rank: t.int("rank", range: 1...10_000, sink: &sink))
    }
    if let t = map.map("targets", sink: &sink) {
      t.checkKeys(["ozg_digital_share"], sink: &sink)
      city.digitalShareTarget = t.double("ozg_digital_share", range: 0...100, sink: &sink).map { $0 / 100 }
    }
    var ids: [String: Int] = [:]
    for k in map.list("kpis", sink: &sink) {
      k.checkKeys(
        [
          "id", "label", "label_en", "short_label", "short_label_en", "unit", "index_area", "aggregate", "target",
          "direction",
        ], sink: &sink)
      guard let id = k.string("id", required: true, sink: &sink) else { continue }
      let isKPIChar: (Unicode.Scalar) -> Bool = {
        ($0.value >= 0x61 && $0.value <= 0x7A) || ($0.value >= 0x30 && $0.value <= 0x39) || $0 == "_"
      }
      guard !id.isEmpty, id.unicodeScalars.allSatisfy(isKPIChar) else {
        let which =
          Identifier.firstOutsideTexts(id, allowed: isKPIChar).map {
            Bilingual(": it contains \($0.english)", de: ": sie enthält \($0.german)")
          } ?? .empty
        sink.error(
          line: k.line(of: "id"), column: k.prefix + "id",
          Bilingual("\"\(Inert.message(id))\" is not a KPI id", de: "„\(Inert.message(id))“ ist keine Kennzahl-Kennung")
            + which + Bilingual(" (use a-z, 0-9 and _)", de: " (a-z, 0-9 und _ verwenden)"))
        continue
      }
      let line = k.line(of: "id") ?? 0
      if let first = ids[id] {
        sink.error(
          line: k.line(of: "id"), column: k.prefix + "id",
          Bilingual(
            "the KPI \(id) is defined twice (first in line \(first)); the first definition is used",
            de:
              "die Kennzahl \(id) ist zweimal festgelegt (zuerst in Zeile \(first)); die erste Festlegung wird verwendet"
          ))
        continue
      }
      ids[id] = line
      var def = KPIDefinition(id: id, label: k.string("label", required: true, sink: &sink) ?? id)
      def.labelEnglish = k.string("label_en", sink: &sink)
      def.shortLabel = k.string("short_label", sink: &sink)
      def.shortLabelEnglish = k.string("short_label_en", sink: &sink)
      def.unit = k.string("unit", sink: &sink) ?? ""
      if let a = k.string("index_area", sink: &sink) {
        def.indexArea = IndexArea(name: a)
        if def.indexArea == nil {
          sink.error(
            line: k.line, column: k.prefix + "index_area",
            Bilingual(
              "\"\(Inert.message(a))\" is not an index area", de: "„\(Inert.message(a))“ ist kein Indexbereich"))
        }
      }
      if let a = k.string("aggregate", sink: &sink) {
        if let agg = KPIDefinition.Aggregate(rawValue: a) {
          def.aggregate = agg
        } else {
          sink.error(
            line: k.line, column: k.prefix + "aggregate",
            Bilingual(
              "\"\(Inert.message(a))\" is not an aggregate (expected sum, mean or max); sum is used",
              de:
                "„\(Inert.message(a))“ ist keine Zusammenfassung (erwartet sum, mean oder max); sum wird verwendet"
            ))
        }
      }
      def.target = k.double("target", sink: &sink)
      if let d = k.string("direction", sink: &sink) {
        if let dir = KPIDefinition.Direction(rawValue: d) {
          def.direction = dir
        } else {
          sink.error(
            line: k.line, column: k.prefix + "direction",
            Bilingual(
              "\"\(Inert.message(d))\" is not a direction (expected up or down); up is used",
              de: "„\(Inert.message(d))“ ist keine Richtung (erwartet up oder down); up wird verwendet"))
        }
      }
      city.kpis.append(def)
    }
    return city
  }

  // MARK: - index/smart-city-index.csv

  private enum I {
    static let columns = ["year", "area", "score", "rank"]
    static let year = 0, area = 1, score = 2, rank = 3
  }

  private func loadIndex(
    present: Bool, guardian: inout RootGuard, _ diagnostics: inout [Diagnostic], _ files: inout [FileStats]
  ) throws(SystemError) -> [IndexScore] {
    let path = "index/smart-city-index.csv"
    guard present, FileSystem.kind(join(root, path)) != .missing else {
      diagnostics.append(
        Diagnostic(
          .note, file: path,
          Bilingual(
            "there is no Smart City Index file; index metrics stay empty",
            de: "es gibt keine Datei zum Smart City Index; die Index-Kennzahlen bleiben leer")))
      return []
    }
    var f = FeedFile(path: path, office: nil, columns: I.columns)
    f.checksum = checksums
    f.root = guardian.resolvedRoot
    var scores: [IndexScore] = []
    if let why = guardian.refusal(path, shown: path) {
      f.sink.error(why)
      f.stats.skipped = true
    } else if let reader = try f.open(absolute: join(root, path), required: [I.year, I.area, I.score]) {
      var seen = Set<String>()
      f.forEachRow(reader) { f, r in
        var ok = true
        var year = f.count(r, I.year, &ok, required: true)
        if year != nil && f.bytes(r, I.year).count != 4 {
          f.sink.error(
            line: r.line, column: "year",
            Bilingual(
              "\"\(Inert.message(f.text(r, I.year)))\" is not a year (expected four digits, e.g. 2025)",
              de: "„\(Inert.message(f.text(r, I.year)))“ ist keine Jahreszahl (erwartet vier Ziffern, z. B. 2025)"))
          ok = false
          year = nil
        } else if let y = year, !ValueParser.years.contains(Int(y)) {
          f.sink.error(
            line: r.line, column: "year", Bilingual("\(y) is not a plausible year", de: "\(y) ist kein plausibles Jahr")
          )
          ok = false
        }
        let area = f.word(
          r, I.area, &ok, required: true, expected: Bilingual("an index area", de: "kein Indexbereich"),
          candidates: IndexArea.names, IndexArea.init(name:))
        let score = f.decimal(r, I.score, &ok, required: true, minimum: 0)
        if let s = score, s > 100 {
          let score = Inert.message(f.text(r, I.score))
          f.sink.error(
            line: r.line, column: "score", Bilingual("\"\(score)\" is above 100", de: "„\(score)“ ist größer als 100"))
          ok = false
        }
        let rank = f.count(r, I.rank, &ok, required: false)
        if rank == 0 {
          f.sink.error(
            line: r.line, column: "rank",
            Bilingual("0 is not a rank (ranks start at 1)", de: "0 ist kein Rang (die Ränge beginnen bei 1)"))
          ok = false
        }
        guard ok, let year, let area, let score else { return false }
        guard seen.insert("\(year)|\(area.rawValue)").inserted else {
          f.sink.error(
            line: r.line, column: "area",
            Bilingual(
              "\(year) \(area.rawValue) already has a score",
              de: "für \(year) \(area.rawValue) gibt es schon einen Wert"))
          return false
        }
        scores.append(IndexScore(year: Int(year), area: area, score: score, rank: rank.map(Int.init)))
        return true
      }
    }
    let (stats, diags) = f.finish()
    files.append(stats)
    diagnostics += diags
    return scores.sorted { ($0.year, $0.area.rawValue) < ($1.year, $1.area.rawValue) }
  }
}

/// Keeps every read inside the data root: a feed file or office folder whose resolved path lies outside
/// the resolved root is not read, and neither is a second path to a file (or folder) already read.
struct RootGuard {
  let root: String
  /// The resolved root.
  let resolvedRoot: String?
  /// What was accepted so far, by identity: the path relative to the root that reads it.
  var seen: [FileIdentity: String] = [:]
  /// The resolved paths of the folders accepted so far, by their path relative to the root. A name in
  /// such a folder that is no link resolves to that path and the name, without resolving every step
  /// again (measured on the large benchmark root: 2,000 `realpath` calls took 27 ms before any file
  /// was read).
  var resolvedFolders: [String: String] = [:]

  init(root: String) {
    self.root = root
    resolvedRoot = FileSystem.resolve(root)
  }

  /// Why `relative` must not be read (an error message naming it, never what it leads to), or `nil`
  /// when it may be read. A path that cannot be resolved (missing, a dangling link) is left to the
  /// reader, which says that it does not exist.
  /// `link` says whether `relative` is a symbolic link, where the caller knows it already.
  mutating func refusal(_ relative: String, shown: String, folder: Bool = false, link: Bool? = nil) -> Bilingual? {
    let absolute = join(root, relative)
    guard let resolvedRoot, let resolved = resolve(relative, absolute: absolute, link: link) else { return nil }
    let what = folder ? "the office folder" : "the file"
    let was = folder ? "der Amtsordner" : "die Datei"
    let name = Inert.message(shown, limit: 60)
    guard FileSystem.isInside(resolved, folder: resolvedRoot) else {
      return Bilingual(
        "\(what) \"\(name)\" is a link that leads outside the data root; it is not read",
        de:
          "\(was) „\(name)“ ist ein Link, der aus dem Datenordner hinausführt; \(folder ? "er" : "sie") wird nicht gelesen"
      )
    }
    guard let identity = FileSystem.identity(resolved) else { return nil }
    if let first = seen[identity] {
      let other = Inert.message(first, limit: 80)
      return Bilingual(
        "\(what) \"\(name)\" is the same \(folder ? "folder" : "file") as \"\(other)\" (a link or a second name); it is not read twice",
        de:
          "\(was) „\(name)“ ist \(folder ? "derselbe Ordner" : "dieselbe Datei") wie „\(other)“ (ein Link oder ein zweiter Name); \(folder ? "er" : "sie") wird nicht zweimal gelesen"
      )
    }
    seen[identity] = relative
    if folder { resolvedFolders[relative] = resolved }
    return nil
  }

  /// The resolved path of `relative` (see ``resolvedFolders``); `nil` when it cannot be resolved.
  func resolve(_ relative: String, absolute: String, link: Bool?) -> String? {
    if let slash = relative.lastIndex(of: "/"), let folder = resolvedFolders[String(relative[..<slash])] {
      let name = relative[relative.index(after: slash)...]
      if !name.isEmpty && name != "." && name != ".." && !(link ?? FileSystem.isLink(absolute)) {
        // (A name that is missing meanwhile has no identity below, as `realpath` would have said.)
        return join(folder, String(name))
      }
    }
    return FileSystem.resolve(absolute)
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}

extension LoadResult {
  /// A load result as given (a stored week read back: its data set, the problems and files it recorded).
  public init(restoring dataSet: DataSet, diagnostics: [Diagnostic], files: [FileStats], asOf: Day) {
    self.dataSet = dataSet
    self.diagnostics = diagnostics
    self.files = files
    self.asOf = asOf
  }
}
