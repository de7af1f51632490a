import Dispatch
import DigITCore
import DigITMetrics

/// What loading a data root produced: the data, every problem found, and how much was read.
public struct LoadResult: Sendable {
  public var dataSet: DataSet
  /// City-wide files first, then the offices by id; within a file in line order.
  public var diagnostics: [Diagnostic]
  /// One entry per file read (or tried), in the same order.
  public var files: [FileStats]
  /// The as-of day the data was checked against.
  public var asOf: Day

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

  public init(root: String, asOf: Day, parallel: Bool = true, checksums: Bool = false) {
    self.root = root
    self.asOf = asOf
    self.parallel = parallel
    self.checksums = checksums
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
    switch FileSystem.list(root) {
    case .failure(let e): throw FeedRootError(root: root, reason: .unreadable(e.description))
    case .success(let n): top = n
    }
    guard top.contains("city.yaml") || top.contains("offices") else {
      throw FeedRootError(root: root, reason: .notADataFolder)
    }

    var diagnostics: [Diagnostic] = []
    var files: [FileStats] = []
    let city = loadCity(present: top.contains("city.yaml"), &diagnostics, &files)
    let index = loadIndex(present: top.contains("index"), &diagnostics, &files)

    var officeIDs: [String] = []
    var rootSink = DiagnosticSink(office: nil, file: "offices")
    switch FileSystem.kind(join(root, "offices")) {
    case .directory:
      switch FileSystem.list(join(root, "offices")) {
      case .failure(let e): rootSink.error("the folder \(e.description)")
      case .success(let names):
        for name in names where name.hasPrefix(".") && FileSystem.kind(join(join(root, "offices"), name)) == .directory {
          rootSink.note("the hidden folder \"\(Inert.message(name))\" is ignored")
        }
        for name in names where !name.hasPrefix(".") {
          if FileSystem.kind(join(join(root, "offices"), name)) == .directory {
            officeIDs.append(name)
            if !Self.isValidOfficeID(name) {
              rootSink.warning("the office folder \"\(Inert.message(name))\" should be named with a-z, 0-9 and - only")
            }
          } else {
            rootSink.note("\"\(Inert.message(name))\" is not an office folder and is ignored")
          }
        }
        if officeIDs.isEmpty { rootSink.error("there are no office folders") }
      }
    case .missing: rootSink.error("the folder offices/ is missing: there are no offices")
    default: rootSink.error("offices is not a folder")
    }
    diagnostics += rootSink.finish()

    var reused: [String: OfficeLoader.Result] = [:]
    if let previous, previous.asOf == asOf, previous.dataSet.city == city {
      // An office read without checksums is read again when checksums are asked for now.
      let hashed = Set(previous.files.filter { $0.sha256 == nil && $0.bytes > 0 }.compactMap(\.office))
      for office in previous.dataSet.offices where unchanged.contains(office.id) && !(checksums && hashed.contains(office.id)) {
        reused[office.id] = OfficeLoader.Result(
          // The cross-office duplicate-id warnings are made again below.
          office: office, diagnostics: previous.diagnostics.filter { $0.office == office.id && !$0.message.contains(Self.duplicateAcrossOffices) },
          files: previous.files.filter { $0.office == office.id })
      }
    }
    let fresh = loadOffices(officeIDs.filter { reused[$0] == nil }, city: city)
    var freshByID: [String: OfficeLoader.Result] = [:]
    for r in fresh { freshByID[r.office.id] = r }
    let results = officeIDs.compactMap { reused[$0] ?? freshByID[$0] }
    var offices: [Office] = []
    offices.reserveCapacity(results.count)
    var owner: [String: String] = [:]
    for var r in results {
      for p in r.office.projects {
        if let first = owner[p.id] {
          r.diagnostics.append(
            Diagnostic(.warning, office: r.office.id, file: "offices/\(r.office.id)/projects.csv", line: p.line, column: "id",
                       "\"\(Inert.message(p.id))\" \(Self.duplicateAcrossOffices) \(first); project ids should be unique in the city"))
        } else {
          owner[p.id] = r.office.id
        }
      }
      offices.append(r.office)
      diagnostics += r.diagnostics
      files += r.files
    }
    return LoadResult(dataSet: DataSet(city: city, indexScores: index, offices: offices), diagnostics: diagnostics, files: files, asOf: asOf)
  }

  static let duplicateAcrossOffices = "is also a project of office"

  static func isValidOfficeID(_ s: String) -> Bool {
    !s.isEmpty && s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
  }

  private func loadOffices(_ ids: [String], city: City) -> [OfficeLoader.Result] {
    let loaders = ids.map { OfficeLoader(root: root, id: $0, city: city, asOf: asOf, checksums: checksums) }
    guard parallel, ids.count > 1 else { return loaders.map { $0.load() } }
    let slots = ResultSlots<OfficeLoader.Result>(count: ids.count)
    DispatchQueue.concurrentPerform(iterations: ids.count) { i in
      slots.store(loaders[i].load(), at: i)
    }
    return slots.collect()
  }

  // MARK: - city.yaml

  /// The city from `city.yaml` alone (defaults when it is missing or broken), without reading the offices.
  public func city() -> City {
    var diagnostics: [Diagnostic] = []
    var files: [FileStats] = []
    return loadCity(present: FileSystem.kind(join(root, "city.yaml")) == .file, &diagnostics, &files)
  }

  private func loadCity(present: Bool, _ diagnostics: inout [Diagnostic], _ files: inout [FileStats]) -> City {
    var sink = DiagnosticSink(office: nil, file: "city.yaml")
    var stats = FileStats(path: "city.yaml", office: nil)
    var city = City(name: "?")
    defer {
      diagnostics += sink.finish()
      files.append(stats)
    }
    guard present else {
      sink.error("city.yaml is missing: defaults are used (no KPI definitions, so kpis.csv files cannot be read)")
      stats.skipped = true
      return city
    }
    guard let text = readText(join(root, "city.yaml"), stats: &stats, sink: &sink, checksum: checksums), let map = YAMLMap.parse(text, sink: &sink) else {
      stats.skipped = true
      return city
    }
    map.checkKeys(["name", "ags", "ars", "ozg_maturity_model", "thresholds", "index_target", "kpis"], sink: &sink)
    city.name = map.string("name", required: true, sink: &sink) ?? "?"
    city.ags = map.string("ags", sink: &sink)
    if let ags = city.ags, ags.utf8.count != 8 || !ags.allSatisfy(\.isASCIIDigit) {
      sink.warning(line: map.mapping["ags"]?.mark?.line, column: "ags", "\"\(Inert.message(ags))\" is not an 8-digit Gemeindeschlüssel")
    }
    city.ars = map.string("ars", sink: &sink)
    if let ars = city.ars, ars.utf8.count != 12 || !ars.allSatisfy(\.isASCIIDigit) {
      sink.warning(line: map.mapping["ars"]?.mark?.line, column: "ars", "\"\(Inert.message(ars))\" is not a 12-digit Regionalschlüssel")
    }
    if let model = map.string("ozg_maturity_model", sink: &sink) {
      if let m = OZGMaturityModel(rawValue: model.trimmingSpaces) {
        city.maturityModel = m
      } else {
        sink.error(line: map.mapping["ozg_maturity_model"]?.mark?.line, column: "ozg_maturity_model", "\"\(Inert.message(model))\" is not a maturity model (expected \"1\" for levels 0–4 or \"2\" for levels 0–7)")
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
        year: t.int("year", range: ValueParser.years, sink: &sink), score: t.double("score", range: 0...100, sink: &sink),
        rank: t.int("rank", range: 1...10_000, sink: &sink))
    }
    var ids = Set<String>()
    for k in map.list("kpis", sink: &sink) {
      k.checkKeys(["id", "label", "label_en", "unit", "index_area", "aggregate", "target", "direction"], sink: &sink)
      guard let id = k.string("id", required: true, sink: &sink) else { continue }
      guard !id.isEmpty, id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else {
        sink.error(line: k.line, column: k.prefix + "id", "\"\(Inert.message(id))\" is not a KPI id (use a-z, 0-9 and _)")
        continue
      }
      guard ids.insert(id).inserted else {
        sink.error(line: k.line, column: k.prefix + "id", "the KPI \(id) is defined twice; the first definition is used")
        continue
      }
      var def = KPIDefinition(id: id, label: k.string("label", required: true, sink: &sink) ?? id)
      def.labelEnglish = k.string("label_en", sink: &sink)
      def.unit = k.string("unit", sink: &sink) ?? ""
      if let a = k.string("index_area", sink: &sink) {
        def.indexArea = IndexArea(name: a)
        if def.indexArea == nil {
          sink.error(line: k.line, column: k.prefix + "index_area", "\"\(Inert.message(a))\" is not an index area")
        }
      }
      if let a = k.string("aggregate", sink: &sink) {
        if let agg = KPIDefinition.Aggregate(rawValue: a) { def.aggregate = agg } else {
          sink.error(line: k.line, column: k.prefix + "aggregate", "\"\(Inert.message(a))\" is not an aggregate (expected sum, mean or max); sum is used")
        }
      }
      def.target = k.double("target", sink: &sink)
      if let d = k.string("direction", sink: &sink) {
        if let dir = KPIDefinition.Direction(rawValue: d) { def.direction = dir } else {
          sink.error(line: k.line, column: k.prefix + "direction", "\"\(Inert.message(d))\" is not a direction (expected up or down); up is used")
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

  private func loadIndex(present: Bool, _ diagnostics: inout [Diagnostic], _ files: inout [FileStats]) -> [IndexScore] {
    let path = "index/smart-city-index.csv"
    guard present, FileSystem.kind(join(root, path)) != .missing else {
      diagnostics.append(Diagnostic(.note, file: path, "there is no Smart City Index file; index metrics stay empty"))
      return []
    }
    var f = FeedFile(path: path, office: nil, columns: I.columns)
    f.checksum = checksums
    var scores: [IndexScore] = []
    if let reader = f.open(absolute: join(root, path), required: [I.year, I.area, I.score]) {
      var seen = Set<String>()
      f.forEachRow(reader) { f, r in
        var ok = true
        var year = f.count(r, I.year, &ok, required: true)
        if year != nil && f.bytes(r, I.year).count != 4 {
          f.sink.error(line: r.line, column: "year", "\"\(Inert.message(f.text(r, I.year)))\" is not a year (expected four digits, e.g. 2025)")
          ok = false
          year = nil
        } else if let y = year, !ValueParser.years.contains(Int(y)) {
          f.sink.error(line: r.line, column: "year", "\(y) is not a plausible year")
          ok = false
        }
        let area = f.word(r, I.area, &ok, required: true, expected: "an index area", candidates: IndexArea.names, IndexArea.init(name:))
        let score = f.decimal(r, I.score, &ok, required: true, minimum: 0)
        if let s = score, s > 100 {
          f.sink.error(line: r.line, column: "score", "\(s) is above 100")
          ok = false
        }
        let rank = f.count(r, I.rank, &ok, required: false)
        if rank == 0 {
          f.sink.error(line: r.line, column: "rank", "0 is not a rank (ranks start at 1)")
          ok = false
        }
        guard ok, let year, let area, let score else { return false }
        guard seen.insert("\(year)|\(area.rawValue)").inserted else {
          f.sink.error(line: r.line, column: "area", "\(year) \(area.rawValue) already has a score")
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

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
