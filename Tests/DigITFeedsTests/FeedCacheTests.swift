import DigITCore
import DigITMetrics
import Foundation
import Synchronization
import Testing

@testable import DigITFeeds

/// A cache in a fresh folder under /tmp (never the user's), removed when the value goes away.
private final class TempCache {
  let temp: TempCacheFolder
  var folder: String { temp.folder }
  var cache: FeedCache

  init(build: String = "test-build") throws {
    temp = try TempCacheFolder(prefix: "digit-cache-test")
    cache = FeedCache(folder: temp.folder, build: build)
    // The test files are written just before they are read: no waiting for the file system's clock.
    cache.settleSeconds = 0
  }

  /// The entry files in the folder.
  var entries: [String] { temp.entries(endingWith: ".entry") }
}

private let sampleData: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/") + "/Sample-Data"
}()

private func load(
  _ root: String, cache: FeedCache?, asOf: Day = TestRoot.asOf, checksums: Bool = false, parallel: Bool = true
) throws -> LoadResult {
  try FeedLoader(root: root, asOf: asOf, parallel: parallel, checksums: checksums, cache: cache).load()
}

/// Everything a load gives, compared field by field (a cached load must equal a cold one exactly).
private func expectSame(_ a: LoadResult, _ b: LoadResult, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(a.dataSet == b.dataSet, sourceLocation: sourceLocation)
  #expect(a.diagnostics == b.diagnostics, sourceLocation: sourceLocation)
  #expect(a.files == b.files, sourceLocation: sourceLocation)
  #expect(a.asOf == b.asOf, sourceLocation: sourceLocation)
}

/// A root with every CSV feed, a bad row in each, a quoted title with doubled quotes and a KPI target.
private func fullRoot() throws -> TestRoot {
  try TestRoot(
    office: [
      "office.yaml": "id: amt-1\nname: Bürgeramt\ntargets:\n  online_quote: 80\n",
      "projects.csv":
        "id,title,status,start,due,budget_planned,risk\nP-1,Eins,active,2026-01-05,2026-12-31,1000,high\nP-2,Zwei,planned,,,,\nP-3,Drei,unknown,,,,\n",
      "milestones.csv": "project_id,name,due,done\nP-1,Start,2026-02-01,2026-02-03\nP-9,Fehlt,,\nP-3,Abgelehnt,,\n",
      "backlog.csv":
        "id,project_id,title,type,priority,created,closed,points\nB-1,P-1,\"Ein \"\"Titel\"\"\",Story,hoch,2026-03-01,2026-03-05,3\nB-2,P-2,Zwei,Bug,niedrig,2026-03-02,,\nB-3,P-1,Drei,Story,hoch,31.02.2026,,\nB-4,P-7,Vier,Story,hoch,2026-03-02,,\n",
      "ozg.csv":
        "week,service_id,service,maturity,online,paper,completed\n2026-W10,99001001001001,Meldebescheinigung,3,10,5,14\n2026-W11,99001001001001,Meldebescheinigung,3,12,4,15\n2026-W11,99001001001001,Meldebescheinigung,3,1,1,1\n",
      "kpis.csv": "week,kpi,value,target\n2026-W10,online_quote,55,70\n2026-W11,unbekannt,1,\n",
    ])
}

@Suite(.serialized) struct FeedCacheTests {
  // MARK: - A cached load is a cold load

  @Test func aCachedLoadOfSampleDataEqualsAColdLoad() throws {
    let temp = try TempCache()
    let cold = try load(sampleData, cache: nil)
    let first = try load(sampleData, cache: temp.cache)
    #expect(first.filesFromCache == 0)
    #expect(!temp.entries.isEmpty)
    let warm = try load(sampleData, cache: temp.cache)
    // Every CSV feed file of an office (imported exports are read again each time).
    let feeds = ["projects.csv", "milestones.csv", "backlog.csv", "ozg.csv", "kpis.csv"]
    let cachable = cold.files.filter { f in
      f.office != nil && feeds.contains { f.path.lowercased().hasSuffix("/" + $0) }
    }
    #expect(warm.filesFromCache == cachable.count)
    expectSame(first, cold)
    expectSame(warm, cold)
  }

  @Test func aCachedLoadWithChecksumsEqualsAColdOneAndAnEntryWithoutChecksumsIsNotUsedForThem() throws {
    let temp = try TempCache()
    _ = try load(sampleData, cache: temp.cache)  // entries without checksums
    let cold = try load(sampleData, cache: nil, checksums: true)
    let rewritten = try load(sampleData, cache: temp.cache, checksums: true)
    #expect(rewritten.filesFromCache == 0)
    expectSame(rewritten, cold)
    let warm = try load(sampleData, cache: temp.cache, checksums: true)
    #expect(warm.filesFromCache > 0)
    expectSame(warm, cold)
    #expect(warm.files.filter { $0.bytes > 0 }.allSatisfy { $0.sha256 != nil })
    // An entry with checksums serves a load without them, without its checksums.
    let plain = try load(sampleData, cache: temp.cache)
    #expect(plain.filesFromCache > 0)
    expectSame(plain, try load(sampleData, cache: nil))
  }

  @Test func aCachedLoadOfAGeneratedRootEqualsAColdLoad() throws {
    let (root, until) = try TestRoot.generated(seed: 11, offices: 4, projects: 3, items: 40, services: 3, weeks: 20)
    let temp = try TempCache()
    let cold = try load(root.path, cache: nil, asOf: until)
    _ = try load(root.path, cache: temp.cache, asOf: until)
    let warm = try load(root.path, cache: temp.cache, asOf: until, parallel: false)
    #expect(warm.filesFromCache == 4 * 5)
    expectSame(warm, cold)
  }

  /// Without backlog texts (`digit summary` with no cache) items have empty ids and titles and nothing
  /// else changes: the same rows, figures and problems (duplicate ids too). With a cache they are kept,
  /// so that no entry lacks them.
  @Test func withoutBacklogTextsOnlyIdsAndTitlesAreEmptyAndACacheKeepsThem() throws {
    var plain = FeedLoader(root: sampleData, asOf: TestRoot.asOf)
    let full = try plain.load()
    plain.backlogTexts = false
    let lean = try plain.load()
    #expect(lean.diagnostics == full.diagnostics)
    #expect(lean.files == full.files)
    var items = 0
    var withImports = 0
    for (a, b) in zip(lean.dataSet.offices, full.dataSet.offices) {
      #expect(a.backlog.count == b.backlog.count)
      // An office with imports keeps its ids (the imports are checked against them).
      if lean.files.contains(where: {
        $0.office == a.id && $0.path.hasSuffix("/backlog.csv") == false
          && !["office.yaml", "projects.csv", "milestones.csv", "ozg.csv", "kpis.csv"].contains(
            String($0.path.split(separator: "/").last ?? ""))
      }) {
        #expect(a == b)
        withImports += 1
        continue
      }
      #expect(a.texts.bytes.isEmpty)
      for (x, y) in zip(a.backlog, b.backlog) {
        #expect(a.text(x.id).isEmpty && a.text(x.title).isEmpty)
        #expect(x.created == y.created && x.closed == y.closed && x.points == y.points && x.project == y.project)
        #expect(a.type(of: x) == b.type(of: y) && a.priority(of: x) == b.priority(of: y))
        items += 1
      }
      #expect(a.projects == b.projects && a.ozg == b.ozg && a.services == b.services && a.kpis == b.kpis)
    }
    #expect(items > 100)
    #expect(withImports > 0)
    #expect(full.dataSet.offices.contains { !$0.texts.bytes.isEmpty })
    // With a cache the texts stay (the entries are made from this load).
    let c = try TempCache()
    var cached = FeedLoader(root: sampleData, asOf: TestRoot.asOf, cache: c.cache)
    cached.backlogTexts = false
    expectSame(try cached.load(), full)
  }

  @Test func diagnosticsOfEveryKindOfFileComeBackFromTheCache() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    let cold = try load(root.path, cache: nil)
    #expect(cold.errorCount >= 5)
    _ = try load(root.path, cache: temp.cache)
    let warm = try load(root.path, cache: temp.cache)
    #expect(warm.filesFromCache == 5)
    expectSame(warm, cold)
    #expect(warm.office("amt-1")?.kpiTargets["online_quote"] == 80)
  }

  @Test func optionalFiguresLabelsAndLeikaKeysComeBackFromTheCache() throws {
    let root = try TestRoot(
      office: [
        "office.yaml": "id: amt-1\nname: Bürgeramt\n",
        "projects.csv": "id,title,status\nP-1,Eins,active\n",
        "backlog.csv":
          "id,project_id,title,type,priority,created,closed,points\nB-1,P-1,Eins,Story,hoch,2026-03-01,2026-03-05,3\nB-2,P-1,Zwei,,,2026-03-02,,\nB-3,P-1,Drei,Story,niedrig,2026-03-02,,0\nB-4,P-1,Vier,Story,hoch,2026-03-03,,2.5\n",
        "ozg.csv":
          "week,service_id,service,maturity,online,paper,completed,pending,median_days,maturity_model,leika\n2026-W10,99001001001001,Meldebescheinigung,3,10,5,14,,,,\n2026-W11,99001001001001,Meldebescheinigung,6,12,4,15,0,0,2,\n2026-W11,X-7,Wohngeld,2,1,1,1,9,30.9,1,99002002002002\n",
      ])
    let temp = try TempCache()
    let cold = try load(root.path, cache: nil)
    _ = try load(root.path, cache: temp.cache)
    let warm = try load(root.path, cache: temp.cache)
    #expect(warm.filesFromCache == 3)
    expectSame(warm, cold)
    let office = try #require(warm.office("amt-1"))
    #expect(office.backlog.map { office.type(of: $0) } == ["Story", "", "Story", "Story"])
    #expect(office.backlog.map { office.priority(of: $0) } == ["hoch", "", "niedrig", "hoch"])
    #expect(office.labels.count == 3)
    #expect(office.backlog.map(\.points) == [3, nil, 0, 2.5])
    #expect(office.backlog.map(\.closed) == [Day(year: 2026, month: 3, day: 5), nil, nil, nil])
    #expect(office.ozg.map(\.pending) == [nil, 0, 9])
    #expect(office.ozg.map(\.medianDays) == [nil, 0, 30.9])
    #expect(office.ozg.map(\.model) == [nil, .v2, .v1])
    #expect(office.services.map(\.leika) == [nil, "99002002002002"])
  }

  // MARK: - Invalidation

  /// Loads `root` through the cache after `change`, and checks that it equals a cold load and that
  /// `file` (of amt-1) was read again.
  private func expectReread(
    _ file: String, root: TestRoot, temp: TempCache, sourceLocation: SourceLocation = #_sourceLocation,
    _ change: (String) throws -> Void
  ) throws {
    _ = try load(root.path, cache: temp.cache)
    let before = try load(root.path, cache: temp.cache)
    try change(root.path + "/offices/amt-1/" + file)
    let cold = try load(root.path, cache: nil)
    let after = try load(root.path, cache: temp.cache)
    expectSame(after, cold, sourceLocation: sourceLocation)
    #expect(after.filesFromCache < before.filesFromCache, sourceLocation: sourceLocation)
  }

  private func setModified(_ path: String, seconds: Int) {
    var times = [
      timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0),
    ]
    _ = utimensat(AT_FDCWD, path, &times, 0)
  }

  @Test func changingAFileInvalidatesItsEntry() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    try expectReread("backlog.csv", root: root, temp: temp) { path in
      // Same size, another content and another modification time.
      var text = try String(contentsOfFile: path, encoding: .utf8)
      text = text.replacingOccurrences(of: "B-2,P-2", with: "B-2,P-1")
      try text.write(toFile: path, atomically: false, encoding: .utf8)
      setModified(path, seconds: 1_700_000_000)
    }
  }

  @Test func touchingAFileInvalidatesItsEntry() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    try expectReread("ozg.csv", root: root, temp: temp) { path in setModified(path, seconds: 1_600_000_000) }
  }

  @Test func truncatingAFileInvalidatesItsEntry() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    try expectReread("kpis.csv", root: root, temp: temp) { path in _ = truncate(path, 40) }
  }

  @Test func replacingAFileWithOneOfTheSameSizeAndTimeInvalidatesItsEntry() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    try expectReread("milestones.csv", root: root, temp: temp) { path in
      var st = stat()
      _ = stat(path, &st)
      let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "Start", with: "Begin")
      let other = path + ".new"
      try text.write(toFile: other, atomically: false, encoding: .utf8)
      var times = [st.st_atim, st.st_mtim]
      _ = utimensat(AT_FDCWD, other, &times, 0)
      _ = rename(other, path)
      var now = stat()
      _ = stat(path, &now)
      #expect(now.st_size == st.st_size)
      #expect(now.st_mtim.tv_sec == st.st_mtim.tv_sec && now.st_mtim.tv_nsec == st.st_mtim.tv_nsec)
      #expect(now.st_ino != st.st_ino)
    }
  }

  @Test func deletingAFileDropsItsRowsAndItsEntryIsNotUsed() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    try expectReread("ozg.csv", root: root, temp: temp) { path in _ = unlink(path) }
    #expect(try load(root.path, cache: temp.cache).office("amt-1")?.ozg.isEmpty == true)
  }

  @Test func changingProjectsInvalidatesTheFilesThatReferToThem() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    _ = try load(root.path, cache: temp.cache)
    let path = root.path + "/offices/amt-1/projects.csv"
    // P-2 is gone: the backlog row that refers to it becomes an error.
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: "P-2,Zwei,planned,,,,\n", with: "")
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    let cold = try load(root.path, cache: nil)
    let after = try load(root.path, cache: temp.cache)
    expectSame(after, cold)
    #expect(after.diagnostics(file: "offices/amt-1/backlog.csv").contains { $0.message.contains("\"P-2\"") })
  }

  @Test func changingTheCityMaturityModelInvalidatesOZGEntries() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    _ = try load(root.path, cache: temp.cache)
    try "name: Teststadt\nozg_maturity_model: \"2\"\nkpis:\n  - id: online_quote\n    label: Anteil\n".write(
      toFile: root.path + "/city.yaml", atomically: false, encoding: .utf8)
    let after = try load(root.path, cache: temp.cache)
    expectSame(after, try load(root.path, cache: nil))
  }

  @Test func changingOfficeYAMLTargetsKeepsTheKPIFileTargetsRight() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    _ = try load(root.path, cache: temp.cache)
    try "id: amt-1\nname: Bürgeramt\n".write(
      toFile: root.path + "/offices/amt-1/office.yaml", atomically: false, encoding: .utf8)
    let after = try load(root.path, cache: temp.cache)
    #expect(after.filesFromCache == 5)
    expectSame(after, try load(root.path, cache: nil))
    #expect(after.office("amt-1")?.kpiTargets["online_quote"] == 70)
  }

  // MARK: - The as-of day

  @Test func anEntryServesAnotherAsOfDayWhenNoRowLiesAfterEither() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    _ = try load(root.path, cache: temp.cache)
    let later = TestRoot.asOf.adding(days: 30)
    let warm = try load(root.path, cache: temp.cache, asOf: later)
    // projects.csv has a due date after the as-of day, but due dates are not checked against it.
    #expect(warm.filesFromCache == 5)
    expectSame(warm, try load(root.path, cache: nil, asOf: later))
  }

  @Test func anEntryWithRowsAfterTheAsOfDayServesOnlyThatDay() throws {
    let root = try TestRoot(office: [
      "backlog.csv": "id,project_id,created\nB-1,P-1,2026-03-01\nB-2,P-1,2026-12-20\n"
    ])
    let temp = try TempCache()
    _ = try load(root.path, cache: temp.cache)
    let same = try load(root.path, cache: temp.cache)
    #expect(same.filesFromCache == 2)
    for asOf in [TestRoot.asOf.adding(days: 1), TestRoot.asOf.adding(days: 60)] {
      let other = try load(root.path, cache: temp.cache, asOf: asOf)
      #expect(other.filesFromCache == 1)  // projects.csv only
      expectSame(other, try load(root.path, cache: nil, asOf: asOf))
    }
  }

  // MARK: - A cache in doubt is not used

  @Test func aCorruptEntryIsIgnoredAndRebuilt() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    _ = try load(root.path, cache: temp.cache)
    for name in temp.entries {
      let path = temp.folder + "/" + name
      var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
      bytes[bytes.count / 2] ^= 0x5A
      try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
    let after = try load(root.path, cache: temp.cache)
    #expect(after.filesFromCache == 0)
    expectSame(after, try load(root.path, cache: nil))
    #expect(try load(root.path, cache: temp.cache).filesFromCache == 5)
  }

  @Test func aTruncatedEntryIsIgnored() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    _ = try load(root.path, cache: temp.cache)
    for name in temp.entries {
      var st = stat()
      _ = stat(temp.folder + "/" + name, &st)
      _ = truncate(temp.folder + "/" + name, st.st_size / 3)
    }
    let after = try load(root.path, cache: temp.cache)
    #expect(after.filesFromCache == 0)
    expectSame(after, try load(root.path, cache: nil))
  }

  @Test func anEntryIsReadWholeAndOnlyWhenItIsANonEmptyRegularFile() throws {
    let temp = try TempCacheFolder(prefix: "digit-cache-read")
    #expect(mkdir(temp.folder, 0o700) == 0)
    let file = temp.folder + "/a.entry"
    // Larger than one read() of a pipe or a short read could give: every byte, in order.
    let bytes = (0..<3_000_017).map { (i: Int) -> UInt8 in UInt8(truncatingIfNeeded: i &* 7 &+ i >> 11) }
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    #expect(FeedCache.withReadEntry(file) { Array($0) } == bytes)
    // Whatever else stands at an entry's path is no entry (and a FIFO without a writer does not block).
    let empty = temp.folder + "/empty.entry"
    #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
    let folder = temp.folder + "/folder.entry"
    #expect(mkdir(folder, 0o700) == 0)
    let fifo = temp.folder + "/fifo.entry"
    #expect(mkfifo(fifo, 0o600) == 0)
    let device = temp.folder + "/device.entry"
    #expect(symlink("/dev/zero", device) == 0)
    for path in [empty, folder, fifo, device, temp.folder + "/missing.entry"] {
      #expect(FeedCache.withReadEntry(path) { Array($0) } == nil, "\(path)")
    }
  }

  @Test func anEntryReplacedByAFolderAFIFOADeviceOrAGrownFileIsNotUsed() throws {
    let root = try fullRoot()
    let cold = try load(root.path, cache: nil)
    for replacement in ["folder", "fifo", "device", "grown"] {
      let temp = try TempCache()
      _ = try load(root.path, cache: temp.cache)
      #expect(temp.entries.count == 5)
      for name in temp.entries {
        let path = temp.folder + "/" + name
        switch replacement {
        case "grown":
          let handle = try #require(FileHandle(forWritingAtPath: path))
          try handle.seekToEnd()
          try handle.write(contentsOf: Data([0]))
          try handle.close()
        default:
          #expect(unlink(path) == 0)
          switch replacement {
          case "folder": #expect(mkdir(path, 0o700) == 0)
          case "fifo": #expect(mkfifo(path, 0o600) == 0)
          default: #expect(symlink("/dev/zero", path) == 0)
          }
        }
      }
      let after = try load(root.path, cache: temp.cache)
      #expect(after.filesFromCache == 0, "\(replacement)")
      expectSame(after, cold)
    }
  }

  @Test func anEntryOfAnotherBuildIsIgnored() throws {
    let root = try fullRoot()
    let temp = try TempCache(build: "build-a")
    _ = try load(root.path, cache: temp.cache)
    var other = FeedCache(folder: temp.folder, build: "build-b")
    other.settleSeconds = 0
    let after = try load(root.path, cache: other)
    #expect(after.filesFromCache == 0)
    expectSame(after, try load(root.path, cache: nil))
  }

  @Test func aFileChangedJustNowIsNotCached() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    temp.cache.settleSeconds = 3600
    _ = try load(root.path, cache: temp.cache)
    #expect(temp.entries.isEmpty)
    #expect(try load(root.path, cache: temp.cache).filesFromCache == 0)
  }

  @Test func aCacheFolderThatCannotBeWrittenIsNoError() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    // A folder under a regular file can never be made (whoever runs the tests, root included).
    let file = (temp.folder as NSString).deletingLastPathComponent + "/a-file"
    try "x".write(toFile: file, atomically: false, encoding: .utf8)
    var blocked = FeedCache(folder: file + "/feeds")
    blocked.settleSeconds = 0
    let r = try load(root.path, cache: blocked)
    expectSame(r, try load(root.path, cache: nil))
    // A read-only folder (without effect for root, who may write anyway: the load is right either way).
    _ = mkdir(temp.folder, 0o500)
    _ = chmod(temp.folder, 0o500)
    expectSame(try load(root.path, cache: temp.cache), try load(root.path, cache: nil))
    expectSame(try load(root.path, cache: temp.cache), try load(root.path, cache: nil))
  }

  @Test func entriesWrittenInTheBackgroundAreUsedOnceWritten() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    temp.cache.writesInBackground = true
    _ = try load(root.path, cache: temp.cache)
    temp.cache.waitForWrites()
    #expect(temp.entries.count == 5)
    #expect(try load(root.path, cache: temp.cache).filesFromCache == 5)
  }

  @Test func clearRemovesEveryEntry() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    _ = try load(root.path, cache: temp.cache)
    #expect(temp.cache.clear() == 5)
    #expect(temp.entries.isEmpty)
    #expect(try load(root.path, cache: temp.cache).filesFromCache == 0)
  }

  @Test func theReloadOfChangedOfficesReadsOnlyTheirChangedFiles() throws {
    let root = try fullRoot()
    let temp = try TempCache()
    let first = try load(root.path, cache: temp.cache)
    let path = root.path + "/offices/amt-1/kpis.csv"
    try "week,kpi,value\n2026-W10,online_quote,60\n".write(toFile: path, atomically: false, encoding: .utf8)
    let reload = try FeedLoader(root: root.path, asOf: TestRoot.asOf, cache: temp.cache).load(
      reusing: first, unchanged: [])
    #expect(reload.filesFromCache == 4)
    expectSame(reload, try load(root.path, cache: nil))
  }

  // MARK: - Where the cache lives

  @Test func theCacheFolderFollowsXDGThenHome() {
    let xdg: [String: String] = ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"]
    #expect(FeedCache.defaultFolder { xdg[$0] } == "/x/cache/digit/feeds")
    let home: [String: String] = ["HOME": "/home/u", "XDG_CACHE_HOME": "relative"]
    #expect(FeedCache.defaultFolder { home[$0] } == "/home/u/.cache/digit/feeds")
    #expect(FeedCache.defaultFolder { _ in nil } == nil)
    let off: [String: String] = ["HOME": "/home/u", "DIGIT_CACHE": "off"]
    #expect(FeedCache.fromEnvironment { off[$0] } == nil)
    #expect(FeedCache.fromEnvironment(disabled: true) { home[$0] } == nil)
    #expect(FeedCache.fromEnvironment { home[$0] }?.folder == "/home/u/.cache/digit/feeds")
  }
}

private final class WrongReads: Sendable {
  let count = Mutex(0)
}

/// The buffer a thread reads entries into: kept for the thread's next entry, never shared by a nested
/// read, never kept above its limit.
@Suite struct EntryBufferTests {
  @Test func aThreadReusesItsBufferAndANestedReadGetsItsOwn() {
    let first = EntryBuffer.with(1000) { UInt(bitPattern: $0.baseAddress) }
    let again = EntryBuffer.with(2000) { UInt(bitPattern: $0.baseAddress) }
    #expect(first == again)
    let (outer, inner) = EntryBuffer.with(100) { outer in
      (UInt(bitPattern: outer.baseAddress), EntryBuffer.with(100) { UInt(bitPattern: $0.baseAddress) })
    }
    #expect(outer != inner)
    #expect(outer == first)
    // Larger than what a thread keeps: a buffer of its own, and the kept one stays as it was.
    let large = EntryBuffer.with(EntryBuffer.kept + 1) { buffer -> Int in
      buffer.initializeMemory(as: UInt8.self, repeating: 7)
      return buffer.count
    }
    #expect(large == EntryBuffer.kept + 1)
    #expect(EntryBuffer.with(10) { UInt(bitPattern: $0.baseAddress) } == first)
    // Grown in place of the old one, up to the limit.
    let grown = EntryBuffer.with(EntryBuffer.kept) { $0.count }
    #expect(grown == EntryBuffer.kept)
  }

  /// Threads reading at the same time each read into their own buffer: every read gets its own file's
  /// bytes (entries of different sizes, so buffers grow while other threads read), also on threads that
  /// have ended and given their buffer back since.
  @Test func threadsReadingAtOnceEachGetTheirOwnEntry() throws {
    let temp = try TempCacheFolder(prefix: "digit-entry-buffer")
    #expect(mkdir(temp.folder, 0o700) == 0)
    let contents = (0..<8).map { k in
      (0..<(1_000 + k * 70_001)).map { (i: Int) -> UInt8 in UInt8(truncatingIfNeeded: i &* (k + 3) &+ k) }
    }
    for (k, bytes) in contents.enumerated() {
      try Data(bytes).write(to: URL(fileURLWithPath: temp.folder + "/\(k).entry"))
    }
    let folder = temp.folder
    // Three rounds of eight fresh threads: the threads of a round end (and give their buffers back) while
    // the next round reads.
    for _ in 0..<3 {
      let wrong = WrongReads()
      let ended = DispatchSemaphore(value: 0)
      for t in 0..<8 {
        Thread {
          for i in 0..<32 {
            let k = (i * 5 + t) % contents.count
            let same = FeedCache.withReadEntry(folder + "/\(k).entry") { raw in
              contents[k].withUnsafeBytes {
                $0.count == raw.count && memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0
              }
            }
            if same != true { wrong.count.withLock { $0 += 1 } }
          }
          ended.signal()
        }.start()
      }
      for _ in 0..<8 { ended.wait() }
      #expect(wrong.count.withLock { $0 } == 0)
    }
  }
}
