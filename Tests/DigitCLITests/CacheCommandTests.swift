import DigITTestSupport
import Foundation
import Testing

/// The parsed-feed cache as the commands use it: the same output with and without it, `--no-cache`,
/// `DIGIT_CACHE=off`, `digit cache clear`, two processes at once, and a cache folder that fills up.
/// Every run here has its own cache folder (XDG_CACHE_HOME in a temporary folder), never the user's.
@Suite struct CacheCommandTests {
  typealias Run = CLI.Run

  static func folder() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("digit-cache-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// The environment of a run with the cache on, in `home` (XDG_CACHE_HOME).
  static func cached(_ home: String) -> [String: String] { ["XDG_CACHE_HOME": home, "DIGIT_CACHE": "on"] }

  static func entries(_ home: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: home + "/digit/feeds")) ?? []).sorted()
  }

  let sample = CLI.sample
  let summary = ["summary", "--data", CLI.sample, "--as-of", "2026-11-23", "--format", "json"]

  @Test func summaryJSONIsByteIdenticalColdFirstAndWarm() throws {
    let home = Self.folder()
    let cold = try CLI.digit(summary)
    #expect(cold.status == 0, "\(cold.err)")
    let first = try CLI.digit(summary, env: Self.cached(home))
    #expect(!Self.entries(home).isEmpty)
    let warm = try CLI.digit(summary, env: Self.cached(home))
    #expect(first.out == cold.out)
    #expect(warm.out == cold.out)
    #expect(warm.err == cold.err)
    #expect(warm.status == 0)
  }

  @Test func theSnapshotIsByteIdenticalWithAndWithoutTheCache() throws {
    let home = Self.folder()
    let out = Self.folder()
    func export(_ folder: String, _ env: [String: String]) throws -> [String: Data] {
      let r = try CLI.digit(
        ["export", "--data", sample, "--week", "2026-W47", "--out", out + "/" + folder, "--force"], env: env)
      #expect(r.status == 0, "\(r.err)")
      var files: [String: Data] = [:]
      let week = out + "/" + folder + "/2026-W47"
      for name in try FileManager.default.contentsOfDirectory(atPath: week) {
        files[name] = try Data(contentsOf: URL(fileURLWithPath: week + "/" + name))
      }
      return files
    }
    let cold = try export("cold", [:])
    _ = try export("first", Self.cached(home))
    let warm = try export("warm", Self.cached(home))
    #expect(cold.keys.sorted() == warm.keys.sorted())
    #expect(cold["snapshot.json"] != nil)
    for (name, bytes) in cold { #expect(warm[name] == bytes, "\(name)") }
  }

  @Test func noCacheAndDigitCacheOffWriteNothing() throws {
    let home = Self.folder()
    var r = try CLI.digit(summary + ["--no-cache"], env: Self.cached(home))
    #expect(r.status == 0)
    r = try CLI.digit(summary, env: ["XDG_CACHE_HOME": home, "DIGIT_CACHE": "off"])
    #expect(r.status == 0)
    #expect(Self.entries(home).isEmpty)
  }

  @Test func cacheClearRemovesTheEntriesAndPathNamesTheFolder() throws {
    let home = Self.folder()
    _ = try CLI.digit(summary, env: Self.cached(home))
    let count = Self.entries(home).count
    #expect(count > 0)
    let path = try CLI.digit(["cache", "path"], env: Self.cached(home))
    #expect(path.out == home + "/digit/feeds\n")
    let clear = try CLI.digit(["cache", "clear"], env: Self.cached(home))
    #expect(clear.status == 0)
    #expect(clear.out == "\(count) entries removed from \(home)/digit/feeds\n")
    #expect(Self.entries(home).isEmpty)
  }

  /// `digit summary` of Sample-Data with the cache in `home`: its exit status and output.
  static func summaryRun(_ home: String) throws -> (status: Int32, out: String) {
    let r = try CLI.digit(
      ["summary", "--data", CLI.sample, "--as-of", "2026-11-23", "--format", "json"], env: cached(home))
    return (r.status, r.out)
  }

  @Test func twoProcessesStartingAtOnceBothGiveTheRightFigures() async throws {
    let home = Self.folder()
    let cold = try CLI.digit(summary)
    async let a = Self.summaryRun(home)
    async let b = Self.summaryRun(home)
    for r in try await [a, b] {
      #expect(r.status == 0)
      #expect(r.out == cold.out)
    }
    #expect(!Self.entries(home).contains { $0.hasPrefix(".tmp-") })
    #expect(try Self.summaryRun(home).out == cold.out)
  }

  @Test func aCacheFolderThatFillsUpChangesNothingAndLeavesNoTemporaryFiles() throws {
    let home = Self.folder()
    let cold = try CLI.digit(summary)
    // `ulimit -f 1`: every write beyond 512 bytes fails (EFBIG), as on a full disk.
    let script = "ulimit -f 1; exec \"$0\" \"$@\""
    let r = try CLI.run("/bin/sh", ["-c", script, CLI.binary.path] + summary, env: Self.cached(home))
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out == cold.out)
    #expect(r.err == cold.err)
    #expect(Self.entries(home).allSatisfy { !$0.hasPrefix(".tmp-") })
    #expect(try CLI.digit(summary, env: Self.cached(home)).out == cold.out)
  }
}
