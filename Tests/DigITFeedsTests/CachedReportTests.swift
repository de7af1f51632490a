import DigITCore
import DigITMetrics
import Foundation
import Testing

@testable import DigITFeeds

private let sampleData: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/") + "/Sample-Data"
}()

/// Every fact of two reports and of their weeks before, compared (a report read back must equal the one
/// computed, bit for bit: `ScopeFacts` compares its numbers exactly).
private func expectSame(_ a: Report, _ b: Report, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(a.asOf == b.asOf, sourceLocation: sourceLocation)
  #expect(a.detail == b.detail, sourceLocation: sourceLocation)
  #expect(a.city == b.city, sourceLocation: sourceLocation)
  #expect(a.offices == b.offices, sourceLocation: sourceLocation)
  #expect((a.previous == nil) == (b.previous == nil), sourceLocation: sourceLocation)
  if let p = a.previous, let q = b.previous {
    #expect(p.asOf == q.asOf, sourceLocation: sourceLocation)
    #expect(p.detail == q.detail, sourceLocation: sourceLocation)
    #expect(p.city == q.city, sourceLocation: sourceLocation)
    #expect(p.offices == q.offices, sourceLocation: sourceLocation)
  }
}

/// A result cache in `temp` that stores whatever it is given (the test roots were just written).
func testResults(_ temp: TempCacheFolder) -> ResultCache {
  var results = ResultCache(folder: temp.folder, build: "test-build")
  results.settleSeconds = 0
  return results
}

/// The data set as the dashboard loads it after the walk of `key`: with checksums and the walk's listing.
func loadListed(_ root: TestRoot, asOf day: Day, key: ResultCache.Key) throws -> DataSet {
  var loader = FeedLoader(root: root.path, asOf: day, checksums: true)
  loader.listing = key.listing
  return try loader.load().dataSet
}

private func generatedRoot(seed: UInt64) throws -> (TestRoot, Day) {
  try TestRoot.generated(seed: seed, offices: 5, projects: 4, items: 60, services: 3, weeks: 30)
}

@Suite struct CachedReportTests {
  @Test func theFactsOfSampleDataComeBackExactly() throws {
    let data = try FeedLoader(root: sampleData, asOf: TestRoot.asOf).load().dataSet
    for day in [TestRoot.asOf, TestRoot.asOf.adding(days: 3), TestRoot.asOf.adding(days: -30)] {
      let report = Aggregator(data).report(asOf: day)
      let back = try #require(CachedReport.decode(CachedReport.encode(report), data: data, asOf: day))
      expectSame(back, report)
      // Read the same way everywhere: the figures shown from it are the computed ones.
      for metric in report.catalog.metrics {
        #expect(back.value(metric, at: .city) == report.value(metric, at: .city))
        #expect(back.change(metric, at: .city) == report.change(metric, at: .city))
      }
    }
  }

  @Test func theFactsOfGeneratedRootsComeBackExactlyWithAndWithoutTheWeekBefore() throws {
    for seed: UInt64 in [3, 17] {
      let (root, day) = try generatedRoot(seed: seed)
      let data = try FeedLoader(root: root.path, asOf: day).load().dataSet
      var aggregator = Aggregator(data)
      let full = aggregator.report(asOf: day)
      expectSame(try #require(CachedReport.decode(CachedReport.encode(full), data: data, asOf: day)), full)
      let alone = aggregator.report(asOf: day, previousWeek: false)
      expectSame(try #require(CachedReport.decode(CachedReport.encode(alone), data: data, asOf: day)), alone)
      aggregator.previousDetail = false
      let lean = aggregator.report(asOf: day)
      expectSame(try #require(CachedReport.decode(CachedReport.encode(lean), data: data, asOf: day)), lean)
    }
  }

  /// Every kind of reason, index areas, missing KPI values, large and negative weekly numbers and a
  /// stale office: what the generated roots may not have.
  @Test func everyKindOfFactComesBackExactly() throws {
    let data = try FeedLoader(root: sampleData, asOf: TestRoot.asOf).load().dataSet
    let computed = Aggregator(data).report(asOf: TestRoot.asOf)
    let day = TestRoot.asOf
    var offices = computed.offices
    var p = ScopeFacts()
    var project = ProjectFacts()
    project.rag = .red
    project.reasons = [
      .blocked, .overdue(due: day), .budgetOverrun(spent: 1.5e6, planned: 1e6, factor: 1.2),
      .forecastLate(p85: day.adding(days: 70), due: day), .milestoneOverdue(name: "Abnahme „Bürgeramt“ 🚀", due: day),
      .stale(updated: day.adding(days: -90), days: 90), .overBudget(spent: 0.1 + 0.2, planned: -0.0), .highRisk,
      .recorded(code: "x", level: .amber, german: "Grün\u{202E}", english: ""),
    ]
    project.progress = -0.0
    project.forecastP50 = day
    project.budgetUsed = .infinity
    project.overdueMilestones = Int.max
    p.project = project
    var backlog = BacklogFacts()
    backlog.open = -1
    backlog.ageP50 = 12.5
    backlog.createdWeekly = [0, 1, 127, -128]
    backlog.closedWeekly = [128, -129, Int(Int32.max), Int(Int32.min)]
    backlog.openWeekly = [Int(Int32.max) + 1, Int.min, Int.max]
    p.backlog = backlog
    p.kpis = [nil, 1.25, nil]
    p.kpiTargets = []
    var index = IndexFacts()
    index.year = 2025
    index.score = 68.5
    index.rank = 51
    index.areas = [.verwaltung: 70.1, .itUndKommunikation: 0, .gesellschaft: -1]
    p.index = index
    var ozg = OZGFacts()
    ozg.pending = 0
    ozg.maturity = nil
    ozg.processingDaysWeighted = 1e300
    ozg.onlineWeekly = [Int](repeating: 300, count: 26)
    p.ozg = ozg
    var counts = ProjectCounts()
    counts.byStatus = counts.byStatus.indices.map { $0 * 1000 }
    p.projects = counts
    let o = try #require(offices.firstIndex { !$0.projects.isEmpty })
    offices[o].projects[0] = p
    offices[o].data = DataState(asOf: day.adding(days: -40), missing: [.ozg, .kpis], reportWeek: day.reportWeek)
    let report = Report(
      keeping: data, asOf: day, city: p, offices: offices, previous: computed.previous, detail: true)
    let back = try #require(CachedReport.decode(CachedReport.encode(report), data: data, asOf: day))
    expectSame(back, report)
    // Numbers by their bits: minus zero stays minus zero.
    #expect(back.offices[o].projects[0].project?.progress?.sign == .minus)
    #expect(back.city.project?.reasons == project.reasons)
    #expect(back.offices[o].data.stale)
  }

  @Test func factsOfAnotherDayOrThatDoNotFitTheDataAreNotUsed() throws {
    let data = try FeedLoader(root: sampleData, asOf: TestRoot.asOf).load().dataSet
    let report = Aggregator(data).report(asOf: TestRoot.asOf)
    let bytes = CachedReport.encode(report)
    #expect(CachedReport.decode(bytes, data: data, asOf: TestRoot.asOf.adding(days: 1)) == nil)
    var fewer = data
    fewer.offices.removeLast()
    #expect(CachedReport.decode(bytes, data: fewer, asOf: TestRoot.asOf) == nil)
    var otherProjects = data
    let o = try #require(otherProjects.offices.firstIndex { !$0.projects.isEmpty })
    otherProjects.offices[o].projects.removeLast()
    #expect(CachedReport.decode(bytes, data: otherProjects, asOf: TestRoot.asOf) == nil)
    var otherServices = data
    otherServices.offices[o].services.append(otherServices.offices.flatMap(\.services).first!)
    #expect(CachedReport.decode(bytes, data: otherServices, asOf: TestRoot.asOf) == nil)
  }

  /// Bytes cut anywhere, one changed byte of the header, or extra bytes: never a report, never a crash.
  @Test func damagedBytesAreNotUsed() throws {
    let (root, day) = try generatedRoot(seed: 5)
    let data = try FeedLoader(root: root.path, asOf: day).load().dataSet
    let bytes = CachedReport.encode(Aggregator(data).report(asOf: day))
    for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 400)) {
      #expect(CachedReport.decode(Array(bytes[0..<cut]), data: data, asOf: day) == nil)
    }
    #expect(CachedReport.decode(bytes + [0], data: data, asOf: day) == nil)
    var version = bytes
    version[0] &+= 1
    #expect(CachedReport.decode(version, data: data, asOf: day) == nil)
    // Every byte of a short stretch in the middle set to each of a few values: a report or nothing,
    // and never one of another shape.
    for i in (bytes.count / 2)..<(bytes.count / 2 + 64) {
      for v: UInt8 in [0, 1, 0x7f, 0xff] {
        var damaged = bytes
        damaged[i] = v
        if let r = CachedReport.decode(damaged, data: data, asOf: day) { #expect(r.fits(data)) }
      }
    }
  }

  /// The result cache keeps a report for a key, gives it back while nothing changed, and not after a
  /// change or for a report of another day.
  @Test func theResultCacheKeepsAReportUntilAFeedChanges() throws {
    let (root, day) = try generatedRoot(seed: 9)
    let temp = try TempCacheFolder(prefix: "digit-report-test")
    let results = testResults(temp)
    let words = ["dash", "as-of=\(day)"]
    let key = try #require(results.key(root: root.path, words: words))
    let data = try loadListed(root, asOf: day, key: key)
    #expect(results.report(key, data: data, asOf: day) == nil)
    let report = Aggregator(data).report(asOf: day)
    results.store(report, for: key)
    #expect(temp.entries(endingWith: ".result").count == 1)
    let again = try #require(results.key(root: root.path, words: words))
    expectSame(try #require(results.report(again, data: data, asOf: day)), report)
    #expect(results.report(again, data: data, asOf: day.adding(days: -7)) == nil)
    // Another build's entry is not read.
    #expect(ResultCache(folder: temp.folder, build: "other").report(again, data: data, asOf: day) == nil)
    // A feed rewritten: another key, and no report for it.
    usleep(30_000)
    let office = try #require(
      try FileManager.default.contentsOfDirectory(atPath: root.path + "/offices").sorted().first)
    let file = root.path + "/offices/\(office)/backlog.csv"
    try (try String(contentsOfFile: file, encoding: .utf8)).appending("").write(
      toFile: file, atomically: false, encoding: .utf8)
    let changed = try #require(results.key(root: root.path, words: words))
    #expect(changed.bytes != key.bytes)
    #expect(results.report(changed, data: data, asOf: day) == nil)
  }
}
