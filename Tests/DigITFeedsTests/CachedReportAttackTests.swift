import DigITCore
import DigITMetrics
import Foundation
import Testing

@testable import DigITFeeds

/// Attacks on the dashboard's kept report (issue 17): a race between the walk of the key and the load,
/// offices that are stale or lack files, contents that differ in the same shape, and damaged or crafted
/// bytes. The rule: a report read back is the one the aggregator computes from the data loaded, or none.
@Suite struct CachedReportAttackTests {
  /// A small generated root (German dialect) and its last day.
  static func root(seed: UInt64) throws -> (TestRoot, Day) {
    try TestRoot.generated(seed: seed, offices: 4, projects: 3, items: 40, services: 3, weeks: 30)
  }

  static func officeFolders(_ root: TestRoot) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: root.path + "/offices").sorted().map {
      root.path + "/offices/" + $0
    }
  }

  /// Replaces text in a file (which must contain it).
  static func edit(_ path: String, _ old: String, _ new: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains(old), "\(path) has no \(old)")
    try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: false, encoding: .utf8)
  }

  /// Every figure the dashboard can show from two reports: each metric's value, change and series at
  /// every scope, and the facts themselves.
  static func expectSameFigures(_ a: Report, _ b: Report, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.asOf == b.asOf && a.detail == b.detail, sourceLocation: sourceLocation)
    #expect(a.city == b.city && a.offices == b.offices, sourceLocation: sourceLocation)
    #expect((a.previous == nil) == (b.previous == nil), sourceLocation: sourceLocation)
    if let p = a.previous, let q = b.previous {
      #expect(p.asOf == q.asOf && p.detail == q.detail, sourceLocation: sourceLocation)
      #expect(p.city == q.city && p.offices == q.offices, sourceLocation: sourceLocation)
    }
    var scopes: [ScopeRef] = [.city]
    for (o, office) in a.data.offices.enumerated() {
      scopes.append(.office(o))
      scopes += office.projects.indices.map { .project(o, $0) }
      scopes += office.services.indices.map { .service(o, $0) }
    }
    var differing: [String] = []
    for metric in a.catalog.metrics {
      for scope in scopes {
        if a.value(metric, at: scope) != b.value(metric, at: scope)
          || a.change(metric, at: scope) != b.change(metric, at: scope)
          || a.series(metric, at: scope) != b.series(metric, at: scope)
        {
          differing.append("\(metric.id) at \(scope)")
        }
      }
    }
    #expect(differing.isEmpty, "\(differing.prefix(10))", sourceLocation: sourceLocation)
    #expect(a.incompleteOffices == b.incompleteOffices, sourceLocation: sourceLocation)
  }

  /// A file changed after the walk of the key and before the load: the loader reads a YAML file (and a
  /// feed without a parsed-feed entry) as it is then, so the data loaded is the new one while the key
  /// names the old files. The facts kept for the old files must not be paired with the new data.
  @Test func aFileChangedBetweenTheWalkAndTheLoadIsNotPairedWithTheFactsOfTheOldFiles() throws {
    let (root, day) = try Self.root(seed: 11)
    let temp = try TempCacheFolder(prefix: "digit-report-attack")
    let results = testResults(temp)
    let words = ["dash", "as-of=\(day)"]
    // The first start: walk, load with the walk's listing, compute, keep.
    let first = try #require(results.key(root: root.path, words: words))
    results.store(Aggregator(try loadListed(root, asOf: day, key: first)).report(asOf: day), for: first)
    // The next start walks the unchanged root (the same key) …
    let key = try #require(results.key(root: root.path, words: words))
    #expect(key.bytes == first.bytes)
    // … then an office's Datenstand moves back five weeks, before the load.
    usleep(20_000)
    let office = try #require(try Self.officeFolders(root).first)
    try Self.edit(office + "/office.yaml", "data_as_of: \(day)", "data_as_of: \(day.adding(days: -35))")
    let data = try loadListed(root, asOf: day, key: key)
    let computed = Aggregator(data).report(asOf: day)
    #expect(computed.offices.contains { $0.data.stale })
    let kept = results.report(key, data: data, asOf: day)
    let used = kept != nil
    #expect(!used, "the facts of the old files were used with the new data")
    if let kept { #expect(kept.offices == computed.offices) }
    // With nothing changed after the walk, the kept report is read back (and is the computed one).
    results.store(computed, for: try #require(results.key(root: root.path, words: words)))
    let now = try #require(results.key(root: root.path, words: words))
    Self.expectSameFigures(try #require(results.report(now, data: data, asOf: day)), computed)
  }

  /// Stale offices, an office without projects.csv (so without its backlog and milestones) and one
  /// without ozg.csv: every figure read back is the computed one, also with a lean week before and
  /// without one.
  @Test func staleOfficesAndMissingFilesComeBackWithEveryFigure() throws {
    let (root, day) = try Self.root(seed: 23)
    let offices = try Self.officeFolders(root)
    try FileManager.default.removeItem(atPath: offices[0] + "/projects.csv")
    try Self.edit(offices[1] + "/office.yaml", "data_as_of: \(day)", "data_as_of: \(day.adding(days: -40))")
    try Self.edit(offices[2] + "/office.yaml", "data_as_of: \(day)", "data_as_of: \(day.adding(days: -3))")
    try FileManager.default.removeItem(atPath: offices[3] + "/ozg.csv")
    let data = try FeedLoader(root: root.path, asOf: day).load().dataSet
    for asOf in [day, day.adding(days: 1), day.adding(days: 9)] {
      var aggregator = Aggregator(data)
      let full = aggregator.report(asOf: asOf)
      if asOf == day {
        // What the changes above made of the offices (in the order of their folders).
        #expect(full.offices[0].data.lacks(.backlog))
        #expect(full.offices[1].data.stale && full.offices[1].data.undeliveredWeeks > 1)
        #expect(full.offices[2].data.stale && full.previous?.offices[2].data.stale == false)
      }
      Self.expectSameFigures(try #require(CachedReport.decode(CachedReport.encode(full), data: data, asOf: asOf)), full)
      let alone = aggregator.report(asOf: asOf, previousWeek: false)
      Self.expectSameFigures(
        try #require(CachedReport.decode(CachedReport.encode(alone), data: data, asOf: asOf)), alone)
      aggregator.previousDetail = false
      let lean = aggregator.report(asOf: asOf)
      Self.expectSameFigures(try #require(CachedReport.decode(CachedReport.encode(lean), data: data, asOf: asOf)), lean)
    }
  }

  /// The fields the encoding keeps, type by type: a field added to one of the facts and not to
  /// ``CachedReport`` would be lost on the way back (a figure of the kept report would differ from the
  /// computed one), so a new field fails here until the encoding has it. (A new ``RAGReason`` case does
  /// not compile without it: the encoder's switch is exhaustive.)
  @Test func everyStoredFieldOfTheFactsIsOneTheEncodingKeeps() {
    func fields(_ value: Any) -> [String] { Mirror(reflecting: value).children.map { $0.label ?? "?" } }
    let state = DataState(asOf: nil, missing: [], reportWeek: TestRoot.asOf.reportWeek)
    var kept: [(String, [String], [String])] = [
      (
        "ScopeFacts", fields(ScopeFacts()),
        ["projects", "backlog", "ozg", "kpis", "kpiTargets", "project", "index"]
      ),
      ("ProjectCounts", fields(ProjectCounts()), ["total", "byStatus", "red", "amber", "green"]),
      (
        "BacklogFacts", fields(BacklogFacts()),
        [
          "open", "created4w", "closed4w", "ageP50", "ageP85", "cycleP50", "cycleP85", "createdWeekly",
          "closedWeekly", "openWeekly",
        ]
      ),
      (
        "OZGFacts", fields(OZGFacts()),
        [
          "online12w", "paper12w", "completed12w", "pending", "processingDaysWeighted", "processingWeight",
          "services", "servicesOnline", "servicesCompliant", "maturity", "onlineWeekly", "paperWeekly",
        ]
      ),
      (
        "ProjectFacts", fields(ProjectFacts()),
        [
          "rag", "reasons", "progress", "forecastP50", "forecastP85", "budgetUsed", "due", "budgetPlanned",
          "budgetSpent", "overdueMilestones",
        ]
      ),
      ("IndexFacts", fields(IndexFacts()), ["year", "score", "rank", "previousScore", "previousRank", "areas"]),
      (
        "OfficeReport",
        fields(OfficeReport(restoring: ScopeFacts(), projects: [], services: [], data: state)),
        ["facts", "projects", "services", "data"]
      ),
      // The Datenstand and the missing files are kept; the rest follows from them and the week.
      ("DataState", fields(state), ["asOf", "missing", "stale", "undeliveredWeeks", "missingMask"]),
    ]
    // A report: its data and catalog are the data set's, the rest is kept.
    let data = DataSet(city: City(name: "Teststadt"), offices: [])
    kept.append(
      (
        "Report", fields(Aggregator(data).report(asOf: TestRoot.asOf)),
        ["data", "catalog", "asOf", "city", "offices", "previousReport", "detail"]
      ))
    for (type, found, encoded) in kept {
      #expect(found == encoded, "\(type) has fields the kept report does not encode: add them to CachedReport")
    }
  }

  /// A report kept as of one day is not read as of another, not even the week before's own day.
  @Test func aReportKeptForOneDayIsNotReadForAnother() throws {
    let (root, day) = try Self.root(seed: 31)
    let data = try FeedLoader(root: root.path, asOf: day).load().dataSet
    let bytes = CachedReport.encode(Aggregator(data).report(asOf: day))
    for other in [day.adding(days: -7), day.adding(days: -1), day.adding(days: 1), day.adding(days: 7)] {
      #expect(CachedReport.decode(bytes, data: data, asOf: other) == nil)
    }
  }

  /// Facts the aggregator never makes are refused: a week without project and service facts, a week
  /// before of another day than 7 days earlier.
  @Test func factsTheAggregatorNeverMakesAreRefused() throws {
    let (root, day) = try Self.root(seed: 37)
    let data = try FeedLoader(root: root.path, asOf: day).load().dataSet
    let computed = Aggregator(data).report(asOf: day)
    let previous = try #require(computed.previous)
    let lean = Report(
      keeping: data, asOf: day, city: computed.city, offices: computed.offices, previous: previous, detail: false)
    let leanRefused = CachedReport.decode(CachedReport.encode(lean), data: data, asOf: day) == nil
    #expect(leanRefused, "a week without project and service facts")
    for other in [day.adding(days: -1), day, day.adding(days: -14)] {
      let before = Aggregator(data).report(asOf: other, previousWeek: false)
      let report = Report(
        keeping: data, asOf: day, city: computed.city, offices: computed.offices, previous: before, detail: true)
      let refused = CachedReport.decode(CachedReport.encode(report), data: data, asOf: day) == nil
      #expect(refused, "a week before as of \(other)")
    }
    // The computed one, and its bytes again from what was read back (the same bytes: deterministic).
    let bytes = CachedReport.encode(computed)
    let back = try #require(CachedReport.decode(bytes, data: data, asOf: day))
    #expect(CachedReport.encode(back) == bytes)
  }

  /// The decoder checks the shape only: facts of other contents in the same shape are taken as they
  /// are (the key of the result cache answers for the contents, ``ResultCache/report(_:data:asOf:)``
  /// walks the root again). Documented in ``Report/init(keeping:asOf:city:offices:previous:detail:)``.
  @Test func factsOfOtherContentsInTheSameShapeAreTakenAsTheyAre() throws {
    let (root, day) = try Self.root(seed: 41)
    let data = try FeedLoader(root: root.path, asOf: day).load().dataSet
    let (other, _) = try Self.root(seed: 42)
    let otherData = try FeedLoader(root: other.path, asOf: day).load().dataSet
    #expect(Aggregator(data).report(asOf: day).fits(otherData))
    let back = try #require(
      CachedReport.decode(CachedReport.encode(Aggregator(data).report(asOf: day)), data: otherData, asOf: day))
    #expect(back.city == Aggregator(data).report(asOf: day).city)
    #expect(back.city != Aggregator(otherData).report(asOf: day).city)
  }

  /// Random bytes, and random changes, cuts and insertions in a valid encoding: a report that fits, or
  /// none; never a crash or a hang.
  @Test func randomBytesAndMutationsGiveAFittingReportOrNone() throws {
    let (root, day) = try Self.root(seed: 53)
    let data = try FeedLoader(root: root.path, asOf: day).load().dataSet
    let valid = CachedReport.encode(Aggregator(data).report(asOf: day))
    var rng = SplitMix64(seed: 0xD161_7A77_ACC5)
    func check(_ bytes: [UInt8]) {
      if let r = CachedReport.decode(bytes, data: data, asOf: day) {
        #expect(r.fits(data) && r.asOf == day)
        if let p = r.previous { #expect(p.fits(data)) }
      }
    }
    for _ in 0..<300 {
      let n = Int(rng.next() % 512)
      var bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      check(bytes)
      // With the right version, so that the rest is read.
      if bytes.count >= 4 { (bytes[0], bytes[1], bytes[2], bytes[3]) = (1, 0, 0, 0) }
      check(bytes)
    }
    for _ in 0..<1500 {
      var bytes = valid
      switch rng.next() % 4 {
      case 0:
        for _ in 0...(rng.next() % 4) {
          bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
        }
      case 1:
        // A whole little-endian count or width overwritten with a large or negative value.
        let at = Int(rng.next() % UInt64(bytes.count - 8))
        let value: UInt64 = [UInt64.max, 1 << 62, UInt64(bytes.count), 0x7fff_ffff, rng.next()][Int(rng.next() % 5)]
        withUnsafeBytes(of: value) { for i in 0..<8 { bytes[at + i] = $0[i] } }
      case 2: bytes.removeSubrange(Int(rng.next() % UInt64(bytes.count))..<bytes.count)
      default:
        let at = Int(rng.next() % UInt64(bytes.count))
        bytes.insert(contentsOf: (0..<(1 + rng.next() % 9)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
      }
      check(bytes)
    }
  }

  /// Crafted bytes whose counts claim all the bytes that follow: offices, projects and services in
  /// numbers the data set does not have are refused before anything is made of them (each would cost
  /// the memory of a `ScopeFacts` per byte of the entry).
  @Test func countsThatDoNotFitTheDataAreRefused() throws {
    let (root, day) = try Self.root(seed: 61)
    let data = try FeedLoader(root: root.path, asOf: day).load().dataSet
    let many = 1 << 16
    func header(offices: Int) -> ByteWriter {
      var w = ByteWriter()
      w.u32(CachedReport.version)
      w.u8(0)  // no week before
      w.i32(day.rawValue)
      w.u8(1)  // detail
      w.u8(0)  // the city: no facts
      w.i64(Int64(offices))
      return w
    }
    // As many offices as there are bytes (each block empty).
    var offices = header(offices: many)
    for _ in 0..<many { offices.i64(0) }
    #expect(CachedReport.decode(offices.bytes, data: data, asOf: day) == nil)
    // One office block with as many empty project facts as it has bytes.
    for listIndex in 0..<2 {
      var w = header(offices: data.offices.count)
      var block = ByteWriter()
      block.u8(0)  // the office: no facts
      if listIndex == 1 { block.i64(Int64(data.offices[0].projects.count)) }
      for _ in 0..<(listIndex == 1 ? data.offices[0].projects.count : 0) { block.u8(0) }
      block.i64(Int64(many))
      block.raw([UInt8](repeating: 0, count: many))
      block.optDay(nil)
      block.u8(0)
      w.pod(block.bytes)
      for _ in 1..<data.offices.count { w.pod([UInt8]()) }
      #expect(CachedReport.decode(w.bytes, data: data, asOf: day) == nil)
    }
  }
}
