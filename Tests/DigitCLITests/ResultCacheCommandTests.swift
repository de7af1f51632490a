import DigITTestSupport
import Foundation
import Testing

/// The result cache of `digit summary` as the command uses it: a hit gives exactly the bytes of a cold
/// run, and every change the output could depend on — a file rewritten, added or removed, another
/// option, another day — is a miss. Every run here has its own cache folder (XDG_CACHE_HOME in a
/// temporary folder), never the user's.
@Suite struct ResultCacheCommandTests {
  static func folder() -> String { CacheCommandTests.folder() }
  static func cached(_ home: String) -> [String: String] { CacheCommandTests.cached(home) }

  /// The result entries in the cache folder of `home`.
  static func results(_ home: String) -> [String] {
    CacheCommandTests.entries(home).filter { $0.hasSuffix(".result") }
  }

  /// The inode of the one result entry: a hit leaves the entry alone, a stored run renames a new one
  /// over it.
  static func entryInode(_ home: String) throws -> UInt64 {
    let names = results(home)
    try #require(names.count == 1, "\(names)")
    var st = stat()
    try #require(stat(home + "/digit/feeds/" + names[0], &st) == 0)
    return UInt64(st.st_ino)
  }

  /// A copy of Sample-Data whose files are older than the cache's settle time (2 s): a run may store.
  static func settledCopy() throws -> String {
    let copy = folder() + "/root"
    try FileManager.default.copyItem(atPath: CLI.sample, toPath: copy)
    usleep(2_200_000)
    return copy
  }

  static func summary(_ root: String, _ more: [String] = []) -> [String] {
    ["summary", "--data", root, "--as-of", "2026-11-23"] + more
  }

  @Test func aHitGivesTheBytesOfAColdRunOnSampleData() throws {
    let home = Self.folder()
    for format in ["json", "text"] {
      let args = Self.summary(CLI.sample, ["--format", format])
      let cold = try CLI.digit(args + ["--no-cache"], env: Self.cached(home))
      #expect(cold.status == 0, "\(cold.err)")
      let first = try CLI.digit(args, env: Self.cached(home))
      #expect(first.out == cold.out)
      #expect(!Self.results(home).isEmpty)
      for _ in 0..<2 {
        let before = try Self.results(home).map { name -> UInt64 in
          var st = stat()
          try #require(stat(home + "/digit/feeds/" + name, &st) == 0)
          return UInt64(st.st_ino)
        }
        let warm = try CLI.digit(args, env: Self.cached(home))
        #expect(warm.out == cold.out)
        #expect(warm.err == cold.err)
        #expect(warm.status == 0)
        // A hit: the entries were read, not written again.
        let after = Self.results(home).map { name -> UInt64 in
          var st = stat()
          stat(home + "/digit/feeds/" + name, &st)
          return UInt64(st.st_ino)
        }
        #expect(after == before)
      }
    }
    #expect(Self.results(home).count == 2)  // one per format
  }

  @Test(.tags(.slow)) func aHitGivesTheBytesOfAColdRunOnAGeneratedRoot() throws {
    let home = Self.folder()
    let root = Self.folder() + "/generated"
    let gen = try CLI.digit([
      "generate", "--out", root, "--offices", "5", "--projects", "4", "--items", "30", "--services", "3", "--weeks",
      "30", "--german", "--seed", "7",
    ])
    #expect(gen.status == 0, "\(gen.err)")
    usleep(2_200_000)
    let args = Self.summary(root, ["--format", "json", "--as-of", "2026-11-22"])
    let cold = try CLI.digit(args + ["--no-cache"], env: Self.cached(home))
    #expect(cold.status == 0, "\(cold.err)")
    #expect(try CLI.digit(args, env: Self.cached(home)).out == cold.out)
    let inode = try Self.entryInode(home)
    let warm = try CLI.digit(args, env: Self.cached(home))
    #expect(warm.out == cold.out)
    #expect(try Self.entryInode(home) == inode)
  }

  @Test(.tags(.slow)) func changedAddedAndRemovedFilesMiss() throws {
    let home = Self.folder()
    let root = try Self.settledCopy()
    let args = Self.summary(root, ["--format", "json"])
    func run() throws -> String {
      let r = try CLI.digit(args, env: Self.cached(home))
      #expect(r.status == 0, "\(r.err)")
      return r.out
    }
    func cold() throws -> String { try CLI.digit(args + ["--no-cache"]).out }
    let original = try run()
    #expect(original == (try cold()))
    #expect(try run() == original)  // stored, then a hit
    let inode = try Self.entryInode(home)

    // Rewritten in place: the same size and modification time, another change time.
    let projects = root + "/offices/auslaenderbehoerde/projects.csv"
    var st = stat()
    stat(projects, &st)
    let mtime = st.st_mtim
    var bytes = try Data(contentsOf: URL(fileURLWithPath: projects))
    let at = try #require(bytes.range(of: Data("E-Akte Ausl".utf8)))
    bytes[at.lowerBound] = UInt8(ascii: "F")
    let fd = open(projects, O_WRONLY)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
    close(fd)
    var times = [mtime, mtime]
    #expect(utimensat(AT_FDCWD, projects, &times, 0) == 0)
    var now = stat()
    stat(projects, &now)
    #expect(now.st_size == st.st_size && now.st_mtim.tv_sec == mtime.tv_sec && now.st_mtim.tv_nsec == mtime.tv_nsec)
    let rewritten = try run()
    #expect(rewritten != original)
    #expect(rewritten.contains("F-Akte Ausl"))
    #expect(rewritten == (try cold()))
    // Just changed: not stored (a change within the file system's clock tick could go unnoticed).
    #expect(try Self.entryInode(home) == inode)

    // An added file (not a feed file: a warning more).
    try "notiz".write(toFile: root + "/offices/umwelt/notes.txt", atomically: false, encoding: .utf8)
    let added = try run()
    #expect(added != rewritten)
    #expect(added == (try cold()))

    // A removed file.
    #expect(unlink(root + "/offices/umwelt/notes.txt") == 0)
    #expect(unlink(root + "/offices/umwelt/kpis.csv") == 0 || unlink(root + "/offices/umwelt/ozg.csv") == 0)
    let removed = try run()
    #expect(removed != added)
    #expect(removed == (try cold()))
  }

  @Test func anotherLanguageFormatAsOfOrTodayMisses() throws {
    let home = Self.folder()
    let base = ["summary", "--data", CLI.sample]
    let runs: [(args: [String], env: [String: String])] = [
      (base + ["--as-of", "2026-11-23", "--format", "json"], [:]),
      (base + ["--as-of", "2026-11-23", "--format", "json", "--lang", "en"], [:]),
      (base + ["--as-of", "2026-11-23", "--format", "text"], [:]),
      (base + ["--as-of", "2026-11-23", "--format", "text", "--lang", "en"], [:]),
      (base + ["--as-of", "2026-11-16", "--format", "text"], [:]),
      (base + ["--format", "text"], ["DIGIT_TODAY": "2026-12-07"]),
      (base + ["--format", "text"], ["DIGIT_TODAY": "2026-12-08"]),
      (base + ["--format", "text"], ["DIGIT_TODAY": "2026-11-20"]),
    ]
    var outputs: [String] = []
    // Twice round: the second time every run is a hit, and gives its own output.
    for _ in 0..<2 {
      for (i, r) in runs.enumerated() {
        let cold = try CLI.digit(r.args + ["--no-cache"], env: r.env)
        let cachedRun = try CLI.digit(r.args, env: Self.cached(home).merging(r.env) { $1 })
        #expect(cachedRun.status == 0, "\(cachedRun.err)")
        #expect(cachedRun.out == cold.out, "\(r.args) \(r.env)")
        if outputs.count <= i { outputs.append(cold.out) }
      }
    }
    #expect(Set(outputs).count == outputs.count)
    // One entry per format, language and --as-of; without --as-of one for every day (the newest).
    #expect(Self.results(home).count == 6)
  }

  @Test func digitCacheFeedsAndNoCacheStoreNoResult() throws {
    let home = Self.folder()
    let args = Self.summary(CLI.sample, ["--format", "json"])
    let cold = try CLI.digit(args)
    var r = try CLI.digit(args, env: ["XDG_CACHE_HOME": home, "DIGIT_CACHE": "feeds"])
    #expect(r.out == cold.out)
    r = try CLI.digit(args, env: ["XDG_CACHE_HOME": home, "DIGIT_CACHE": "feeds"])
    #expect(r.out == cold.out)
    #expect(!CacheCommandTests.entries(home).isEmpty)  // the parsed feeds
    r = try CLI.digit(args + ["--no-cache"], env: Self.cached(home))
    #expect(r.out == cold.out)
    #expect(Self.results(home).isEmpty)
    _ = try CLI.digit(args, env: Self.cached(home))
    #expect(Self.results(home).count == 1)
    let clear = try CLI.digit(["cache", "clear"], env: Self.cached(home))
    #expect(clear.status == 0)
    #expect(CacheCommandTests.entries(home).isEmpty)
  }

  @Test func aSystemFailureStillStopsTheCommandWhenAnEntryIsThere() throws {
    let home = Self.folder()
    let args = Self.summary(CLI.sample, ["--format", "json"])
    _ = try CLI.digit(args, env: Self.cached(home))
    #expect(Self.results(home).count == 1)
    // Too few descriptors: as without the cache, the command stops before reading and writes nothing.
    let r = try CLI.run(
      "/bin/sh", ["-c", "ulimit -n 12 && exec \"$0\" \"$@\"", CLI.binary.path] + args, env: Self.cached(home))
    #expect(r.status == 2)
    #expect(r.err.contains("too few file descriptors"), "\(r.err)")
    #expect(r.out.isEmpty)
  }

  @Test func aDamagedEntryIsIgnoredAndReplaced() throws {
    let home = Self.folder()
    let args = Self.summary(CLI.sample, ["--format", "json"])
    let cold = try CLI.digit(args)
    _ = try CLI.digit(args, env: Self.cached(home))
    let path = home + "/digit/feeds/" + (Self.results(home).first ?? "?")
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    // A figure in the stored output changed: the hash no longer agrees.
    let at = try #require(bytes.lastRange(of: Data("\"week\"".utf8)))
    bytes[at.lowerBound + 1] = UInt8(ascii: "W")
    try bytes.write(to: URL(fileURLWithPath: path))
    let inode = try Self.entryInode(home)
    let r = try CLI.digit(args, env: Self.cached(home))
    #expect(r.out == cold.out)
    #expect(try Self.entryInode(home) != inode)  // recomputed and stored again
    #expect(try CLI.digit(args, env: Self.cached(home)).out == cold.out)
  }
}
