import DigITCore
import Foundation
import Testing

@testable import DigITFeeds

/// A result cache in a fresh folder under /tmp (never the user's), removed when the value goes away.
private final class TempResults {
  let temp: TempCacheFolder
  var folder: String { temp.folder }
  var cache: ResultCache

  init(build: String = "test-build") throws {
    temp = try TempCacheFolder(prefix: "digit-results-test")
    cache = ResultCache(folder: temp.folder, build: build)
    // The test roots are written just before they are walked: no waiting for the file system's clock.
    cache.settleSeconds = 0
  }

  var entries: [String] { temp.entries(endingWith: ".result") }
}

private let words = ["summary", "format=json", "lang=de", "as-of=2026-11-23"]

/// A root with one office and every file the key must notice.
private func root() throws -> TestRoot {
  try TestRoot(office: [
    "office.yaml": .text(TestRoot.officeYAML), "projects.csv": .text(TestRoot.projectsCSV),
    "backlog.csv": "id,project_id,title,created\nB-1,P-1,Eins,2026-03-01\n",
  ])
}

/// Waits out the coarse clock of the file system, so that a change gets a change time of its own
/// (a change within the same tick is what the settle time is for, tested separately).
private func nextTick() { usleep(30_000) }

/// The modification time of `path` in nanoseconds, and setting it back.
private func mtime(_ path: String) -> timespec {
  var st = stat()
  stat(path, &st)
  return st.st_mtim
}
private func setMtime(_ path: String, _ t: timespec) {
  var times = [t, t]
  _ = utimensat(AT_FDCWD, path, &times, 0)
}

@Suite(.serialized) struct ResultCacheTests {
  @Test func anUnchangedRootGivesTheSameKeyAndItsStoredOutputBack() throws {
    let r = try root()
    let temp = try TempResults()
    let key = try #require(temp.cache.key(root: r.path, words: words))
    #expect(temp.cache.output(key) == nil)
    let output = Array("{\"figures\": 1}\n".utf8)
    temp.cache.store(output, for: key)
    #expect(temp.entries.count == 1)
    let again = try #require(temp.cache.key(root: r.path, words: words))
    #expect(again.bytes == key.bytes)
    #expect(temp.cache.output(again) == output)
  }

  /// Each change gives another key, and the stored output is not given for it.
  private func expectMiss(after change: (TestRoot) throws -> Void, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let r = try root()
    let temp = try TempResults()
    let key = try #require(temp.cache.key(root: r.path, words: words), sourceLocation: sourceLocation)
    temp.cache.store(Array("before\n".utf8), for: key)
    nextTick()
    try change(r)
    let after = try #require(temp.cache.key(root: r.path, words: words), sourceLocation: sourceLocation)
    #expect(after.bytes != key.bytes, sourceLocation: sourceLocation)
    #expect(temp.cache.output(after) == nil, sourceLocation: sourceLocation)
    // The new state replaces the old one's entry (one entry per command, options and root).
    temp.cache.store(Array("after\n".utf8), for: after)
    #expect(temp.entries.count == 1, sourceLocation: sourceLocation)
    #expect(temp.cache.output(key) == nil, sourceLocation: sourceLocation)
    #expect(temp.cache.output(after) == Array("after\n".utf8), sourceLocation: sourceLocation)
  }

  @Test func aFileRewrittenInPlaceWithTheSameSizeAndModificationTimeMisses() throws {
    try expectMiss { r in
      let path = r.path + "/offices/amt-1/projects.csv"
      let t = mtime(path)
      let text = TestRoot.projectsCSV.replacingOccurrences(
        of: "P-2,Projekt zwei,planned", with: "P-2,Projekt zwei,stopped")
      #expect(text.utf8.count == TestRoot.projectsCSV.utf8.count)
      let fd = open(path, O_WRONLY)
      _ = text.withCString { write(fd, $0, strlen($0)) }
      close(fd)
      setMtime(path, t)
      #expect(mtime(path).tv_nsec == t.tv_nsec && mtime(path).tv_sec == t.tv_sec)
    }
  }

  @Test func aFileReplacedByAnotherWithTheSameSizeAndModificationTimeMisses() throws {
    try expectMiss { r in
      let path = r.path + "/offices/amt-1/backlog.csv"
      let t = mtime(path)
      let temp = r.path + "/offices/amt-1/.new"
      try "id,project_id,title,created\nB-1,P-1,Zwei,2026-03-01\n".write(
        toFile: temp, atomically: false, encoding: .utf8)
      setMtime(temp, t)
      #expect(rename(temp, path) == 0)
    }
  }

  @Test func aTouchedFileMisses() throws {
    try expectMiss { r in #expect(utimensat(AT_FDCWD, r.path + "/city.yaml", nil, 0) == 0) }
  }

  @Test func anAddedFileMisses() throws {
    try expectMiss { r in
      try "week,kpi,value\n".write(toFile: r.path + "/offices/amt-1/kpis.csv", atomically: false, encoding: .utf8)
    }
  }

  @Test func anAddedOfficeMisses() throws {
    try expectMiss { r in
      try FileManager.default.createDirectory(atPath: r.path + "/offices/amt-2", withIntermediateDirectories: false)
    }
  }

  @Test func aRemovedFileMisses() throws {
    try expectMiss { r in #expect(unlink(r.path + "/offices/amt-1/backlog.csv") == 0) }
  }

  @Test func aChangedPermissionMisses() throws {
    try expectMiss { r in #expect(chmod(r.path + "/offices/amt-1/backlog.csv", 0o000) == 0) }
  }

  @Test func aLinkLeadingElsewhereMisses() throws {
    let other = try root()
    try expectMiss { r in
      let path = r.path + "/offices/amt-1/backlog.csv"
      #expect(unlink(path) == 0)
      #expect(symlink(other.path + "/offices/amt-1/backlog.csv", path) == 0)
    }
  }

  @Test func otherWordsAndAnotherBuildMiss() throws {
    let r = try root()
    let temp = try TempResults()
    let key = try #require(temp.cache.key(root: r.path, words: words))
    temp.cache.store(Array("de\n".utf8), for: key)
    for other in [
      ["summary", "format=text", "lang=de", "as-of=2026-11-23"],
      ["summary", "format=json", "lang=en", "as-of=2026-11-23"],
      ["summary", "format=json", "lang=de", "as-of=2026-11-24"],
      ["summary", "format=json", "lang=de", "as-of=default today=2026-12-07"],
    ] {
      let k = try #require(temp.cache.key(root: r.path, words: other))
      #expect(k.bytes != key.bytes)
      #expect(temp.cache.output(k) == nil)
    }
    // Today is in the key, not in the entry's name: a new day replaces yesterday's entry.
    let monday = try #require(temp.cache.key(root: r.path, words: Array(words.dropLast()) + ["today=2026-12-07"]))
    let tuesday = try #require(temp.cache.key(root: r.path, words: Array(words.dropLast()) + ["today=2026-12-08"]))
    #expect(monday.slot == tuesday.slot)
    #expect(monday.bytes != tuesday.bytes)
    let rebuilt = ResultCache(folder: temp.folder, build: "another-build")
    let k = try #require(rebuilt.key(root: r.path, words: words))
    #expect(rebuilt.output(k) == nil)
    #expect(temp.cache.output(key) == Array("de\n".utf8))
  }

  @Test func theRootAsGivenIsInTheKey() throws {
    let r = try root()
    let temp = try TempResults()
    let a = try #require(temp.cache.key(root: r.path, words: words))
    let b = try #require(temp.cache.key(root: r.path + "/", words: words))
    #expect(a.bytes != b.bytes)
  }

  @Test func aDamagedOrTruncatedEntryIsIgnored() throws {
    let r = try root()
    let temp = try TempResults()
    let key = try #require(temp.cache.key(root: r.path, words: words))
    let output = Array(repeating: UInt8(ascii: "x"), count: 1000)
    temp.cache.store(output, for: key)
    let path = temp.cache.entryPath(key)
    let good = try #require(FileManager.default.contents(atPath: path))
    #expect(temp.cache.output(key) == output)
    for damage in [
      { (d: inout Data) in d[d.count - 100] ^= 1 }, { (d: inout Data) in d.removeLast(9) },
      { (d: inout Data) in d[3] ^= 1 }, { (d: inout Data) in d = Data() },
    ] {
      var bad = good
      damage(&bad)
      try bad.write(to: URL(fileURLWithPath: path))
      #expect(temp.cache.output(key) == nil)
    }
  }

  @Test func aRecentlyChangedRootIsNotStored() throws {
    let r = try root()
    let temp = try TempResults()
    temp.cache.settleSeconds = 2
    let key = try #require(temp.cache.key(root: r.path, words: words))
    temp.cache.store(Array("racy\n".utf8), for: key)
    #expect(temp.entries.isEmpty)
  }

  @Test func aReadOnlyCacheFolderIsNoError() throws {
    let r = try root()
    let temp = try TempResults()
    try FileManager.default.createDirectory(atPath: temp.folder, withIntermediateDirectories: true)
    #expect(chmod(temp.folder, 0o500) == 0)
    let key = try #require(temp.cache.key(root: r.path, words: words))
    temp.cache.store(Array("x\n".utf8), for: key)
    if getuid() != 0 { #expect(temp.entries.isEmpty) }  // root writes anyway
  }

  @Test func theWalkGivesTheLoaderTheFilesStatKeys() throws {
    let r = try root()
    let temp = try TempResults()
    let key = try #require(temp.cache.key(root: r.path, words: words))
    let path = r.path + "/offices/amt-1/projects.csv"
    #expect(key.listing.keys[path] == FileKey(path: path))
    #expect(key.listing.keys[r.path + "/city.yaml"] != nil)
    // A load given the walk's keys equals one without (with and without the parsed-feed cache).
    let feeds = FeedCache(folder: temp.folder, build: "test-build")
    var loader = FeedLoader(root: r.path, asOf: TestRoot.asOf, cache: feeds)
    loader.listing = key.listing
    let with = try loader.load()
    let plain = try FeedLoader(root: r.path, asOf: TestRoot.asOf).load()
    #expect(with.dataSet == plain.dataSet)
    #expect(with.diagnostics == plain.diagnostics)
  }

  @Test func theLoaderReadsTheFoldersAsTheWalkListedThem() throws {
    let r = try root()
    let temp = try TempResults()
    let key = try #require(temp.cache.key(root: r.path, words: words))
    try "week,kpi,value\n2026-W10,online_quote,55\n".write(
      toFile: r.path + "/offices/amt-1/kpis.csv", atomically: false, encoding: .utf8)
    var loader = FeedLoader(root: r.path, asOf: TestRoot.asOf)
    loader.listing = key.listing
    // Not listed again: the file added after the walk is not read (the key does not have it either, so
    // the next run's key differs and the output is not reused).
    #expect(!(try loader.load()).files.contains { $0.path.hasSuffix("kpis.csv") })
    #expect(try FeedLoader(root: r.path, asOf: TestRoot.asOf).load().files.contains { $0.path.hasSuffix("kpis.csv") })
  }

  @Test func anUnlistableOfficeFolderIsNotCached() throws {
    let r = try root()
    let temp = try TempResults()
    #expect(chmod(r.path + "/offices/amt-1", 0o000) == 0)
    defer { _ = chmod(r.path + "/offices/amt-1", 0o755) }
    if getuid() != 0 { #expect(temp.cache.key(root: r.path, words: words) == nil) }
    #expect(temp.cache.key(root: r.path + "/missing", words: words) == nil)
  }

  @Test func theEnvironmentTurnsItOffAndDigitCacheFeedsKeepsTheParsedFeedsOnly() {
    func env(_ values: [String: String]) -> (String) -> String? { { values[$0] } }
    let home = ["XDG_CACHE_HOME": "/tmp/x"]
    #expect(ResultCache.fromEnvironment(environment: env(home))?.folder == "/tmp/x/digit/feeds")
    #expect(ResultCache.fromEnvironment(disabled: true, environment: env(home)) == nil)
    for off in ["off", "OFF", "0", "feeds"] {
      #expect(ResultCache.fromEnvironment(environment: env(home.merging(["DIGIT_CACHE": off]) { $1 })) == nil)
    }
    #expect(FeedCache.fromEnvironment(environment: env(home.merging(["DIGIT_CACHE": "feeds"]) { $1 })) != nil)
  }

  @Test func clearingTheFeedCacheRemovesTheResultsToo() throws {
    let r = try root()
    let temp = try TempResults()
    let key = try #require(temp.cache.key(root: r.path, words: words))
    temp.cache.store(Array("x\n".utf8), for: key)
    #expect(temp.entries.count == 1)
    #expect(FeedCache(folder: temp.folder).clear() == 1)
    #expect(temp.entries.isEmpty)
  }
}
