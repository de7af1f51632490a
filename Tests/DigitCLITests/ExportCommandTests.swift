import Foundation
import Testing

/// `digit export` and `digit diff` as a user runs them: files, messages, exit statuses.
@Suite struct ExportCommandTests {
  typealias Run = DigitCommandTests.Run

  static func digit(_ args: [String], env: [String: String] = [:], cwd: String? = nil) throws -> Run {
    try DigitCommandTests.run(DigitCommandTests.binary.path, args, env: env, cwd: cwd)
  }

  static func folder() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("digit-export-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func files(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

  let sample = DigitCommandTests.sample

  @Test func exportsTheWeekIntoTheOutFolder() throws {
    let out = Self.folder() + "/Snapshots"
    let r = try Self.digit(["export", "--data", sample, "--week", "2026-W47", "--out", out])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.hasPrefix("Wrote the snapshot of 2026-W47 (as of 2026-11-22):\n"))
    #expect(r.out.contains("  \(out)/2026-W47/report.html\n"))
    #expect(r.out.contains("Changes are against the same data as of 2026-11-15 (no snapshot of 2026-W46 in \(out))."))
    #expect(r.err.isEmpty)
    #expect(Self.files(out + "/2026-W47") == ["offices.csv", "projects.csv", "report.html", "services.csv", "snapshot.json", "summary.md"])
  }

  @Test func defaultsToTheCurrentFolderSnapshotsAndTheLastCompletedWeek() throws {
    let cwd = Self.folder()
    let r = try Self.digit(["export", "--data", sample, "--format", "json"], cwd: cwd)
    #expect(r.status == 0, "\(r.err)")
    let weeks = Self.files(cwd + "/Snapshots")
    #expect(weeks.count == 1)
    #expect(Self.files(cwd + "/Snapshots/" + weeks[0]) == ["snapshot.json"])
  }

  @Test func anExistingWeekNeedsForce() throws {
    let out = Self.folder()
    _ = try Self.digit(["export", "--data", sample, "--week", "2026-W47", "--out", out, "--format", "md"])
    let before = try Data(contentsOf: URL(fileURLWithPath: out + "/2026-W47/summary.md"))
    let again = try Self.digit(["export", "--data", sample, "--week", "2026-W47", "--out", out, "--lang", "en", "--format", "md"])
    #expect(again.status == 1)
    #expect(again.err == "error: \(out)/2026-W47 exists already; use --force to replace it\n")
    #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/2026-W47/summary.md")) == before)
    let forced = try Self.digit(["export", "--data", sample, "--week", "2026-W47", "--out", out, "--lang", "en", "--format", "md", "--force"])
    #expect(forced.status == 0)
    #expect(forced.out.hasPrefix("Replaced the snapshot of 2026-W47"))
    #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/2026-W47/summary.md")), as: UTF8.self).hasPrefix("# DigIT status Mainz"))
    #expect(Self.files(out) == ["2026-W47"])
    // With a stored snapshot.json the message says which day the stored week is as of.
    _ = try Self.digit(["export", "--data", sample, "--as-of", "2026-11-18", "--out", out, "--format", "json", "--force"])
    let partial = try Self.digit(["export", "--data", sample, "--week", "2026-W47", "--out", out])
    #expect(partial.status == 1)
    #expect(partial.err == "error: \(out)/2026-W47 exists already (as of 2026-11-18); use --force to replace it\n")
  }

  @Test func weekArgumentsAreStrict() throws {
    for bad in ["2026--W48", "2026WW48", "2026-W+4", "2026-W-4", "+026-W48", "KW48", "2026-W483", "2026-W"] {
      let r = try Self.digit(["export", "--data", sample, "--week", bad, "--out", Self.folder()])
      #expect(r.status == 64, "\(bad)")
      #expect(r.err.contains("is not an ISO week like 2026-W48"), "\(bad): \(r.err)")
    }
    let zero = try Self.digit(["export", "--data", sample, "--week", "0000-W01"])
    #expect(zero.err.contains("--week: 0 is not a plausible year (expected 1900–2199, as for --as-of)"))
    let diff = try Self.digit(["diff", "2026-W46", "x"])
    #expect(diff.status == 64)
    #expect(diff.err.contains("week-b: \"x\" is not an ISO week"))
  }

  @Test func feedErrorsWarnButWriteAndStrictWritesNothing() throws {
    let root = try DigitCommandTests.tempRoot([
      "city.yaml": "name: Teststadt\n",
      "offices/amt-1/office.yaml": "id: amt-1\nname: Amt Eins\n",
      "offices/amt-1/projects.csv": "id,title,status,due\nP-1,Gut,active,2026-12-31\nP-2,Schlecht,active,31.02.2026\n",
    ])
    let out = Self.folder()
    let strict = try Self.digit(["export", "--data", root, "--week", "2026-W47", "--out", out, "--strict"])
    #expect(strict.status == 1)
    #expect(strict.err.contains("nothing was written (--strict)"))
    #expect(Self.files(out).isEmpty)
    let lenient = try Self.digit(["export", "--data", root, "--week", "2026-W47", "--out", out])
    #expect(lenient.status == 0)
    #expect(lenient.err.hasPrefix("warning: the feeds have 1 error; the snapshot lists them"))
    let json = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/2026-W47/snapshot.json")), as: UTF8.self)
    #expect(json.contains("\"file\": \"offices/amt-1/projects.csv\""))
  }

  @Test func usageAndRootErrors() throws {
    let both = try Self.digit(["export", "--data", sample, "--week", "2026-W47", "--as-of", "2026-11-22"])
    #expect(both.status == 64)
    #expect(both.err.contains("Give either --week or --as-of, not both."))
    let badWeek = try Self.digit(["export", "--data", sample, "--week", "2025-W53"])
    #expect(badWeek.status == 64)
    #expect(badWeek.err.contains("--week: 2025 has no week 53 (it has 52)"))
    let badFormat = try Self.digit(["export", "--data", sample, "--format", "json,pdf"])
    #expect(badFormat.status == 64)
    #expect(badFormat.err.contains("\"pdf\" is not a format"))
    let noRoot = try Self.digit(["export", "--data", "/nonexistent/root", "--out", Self.folder()])
    #expect(noRoot.status == 2)
    #expect(noRoot.err == "error: the data folder /nonexistent/root does not exist\n")
  }

  @Test func sourceDateEpochIsTheOnlyClockInside() throws {
    let a = Self.folder(), b = Self.folder()
    _ = try Self.digit(["export", "--data", sample, "--week", "2026-W47", "--out", a, "--format", "json,md"], env: ["SOURCE_DATE_EPOCH": "1795368600"])
    _ = try Self.digit(["export", "--data", sample, "--week", "2026-W47", "--out", b, "--format", "json,md"])
    let stamped = String(decoding: try Data(contentsOf: URL(fileURLWithPath: a + "/2026-W47/snapshot.json")), as: UTF8.self)
    let plain = String(decoding: try Data(contentsOf: URL(fileURLWithPath: b + "/2026-W47/snapshot.json")), as: UTF8.self)
    #expect(stamped.contains("\"generated_at\": \"2026-11-22T17:30:00Z\""))
    #expect(!plain.contains("generated_at"))
    #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: a + "/2026-W47/summary.md")), as: UTF8.self).contains("erstellt 2026-11-22T17:30:00Z"))
  }

  @Test func diffPrintsWhatChangedBetweenTwoStoredWeeks() throws {
    let out = Self.folder()
    for week in ["2026-W46", "2026-W47"] {
      let r = try Self.digit(["export", "--data", sample, "--week", week, "--out", out, "--format", "json"])
      #expect(r.status == 0)
    }
    let text = try Self.digit(["diff", "2026-W46", "2026-W47", "--out", out, "--lang", "en"])
    #expect(text.status == 0)
    #expect(text.out.hasPrefix("Changes from 2026-W46 (as of 2026-11-15) to 2026-W47 (as of 2026-11-22)\n"))
    #expect(text.out.contains("RAG transitions (6)\n"))
    #expect(text.out.contains("  Open backlog (backlog.open): 276 → 277  +1\n"))
    #expect(!text.out.contains("±0"))
    let json = try Self.digit(["diff", "2026-W46", "2026-W47", "--out", out, "--format", "json"])
    #expect(json.status == 0)
    #expect(json.out.contains("\"kind\": \"snapshot\""))
    let missing = try Self.digit(["diff", "2026-W40", "2026-W47", "--out", out])
    #expect(missing.status == 1)
    #expect(missing.err == "error: there is no snapshot 2026-W40 in \(out) (stored: 2026-W47, 2026-W46)\n")
  }
}

/// Writing fails part way: the previous snapshot stays as it was and nothing temporary is left.
@Suite struct ExportFailureTests {
  typealias T = ExportCommandTests

  /// Runs `digit export` with a file size limit (as if the disk were full after `kilobytes`): the
  /// shell ignores SIGXFSZ, so an oversized write fails with EFBIG instead of killing the process.
  static func exportLimited(_ kilobytes: Int, _ args: [String]) throws -> DigitCommandTests.Run {
    let quoted = ([DigitCommandTests.binary.path, "export"] + args).map { "'" + $0 + "'" }.joined(separator: " ")
    return try DigitCommandTests.run("/bin/sh", ["-c", "trap '' XFSZ; ulimit -f \(kilobytes * 2); exec \(quoted)"])
  }

  static func snapshotFiles(_ out: String) -> [String: Data] {
    var files: [String: Data] = [:]
    let e = FileManager.default.enumerator(atPath: out)
    while let p = e?.nextObject() as? String {
      var isDir: ObjCBool = false
      if FileManager.default.fileExists(atPath: out + "/" + p, isDirectory: &isDir), !isDir.boolValue {
        files[p] = FileManager.default.contents(atPath: out + "/" + p)
      }
    }
    return files
  }

  @Test func aFullDiskKeepsThePreviousSnapshotAndLeavesNoTemporaryFiles() throws {
    let out = T.folder()
    let sample = DigitCommandTests.sample
    let first = try T.digit(["export", "--data", sample, "--week", "2026-W47", "--out", out, "--lang", "en"])
    #expect(first.status == 0)
    let before = Self.snapshotFiles(out)
    #expect(before.count == 6)
    // snapshot.json is about 340 KB: a limit of 100 KB stops it part way.
    let r = try Self.exportLimited(100, ["--data", sample, "--week", "2026-W47", "--out", out, "--force"])
    #expect(r.status == 1)
    #expect(r.err.hasPrefix("error: cannot write "), "\(r.err)")
    #expect(r.err.contains("the file is larger than allowed"))
    let after = Self.snapshotFiles(out)
    #expect(after.keys.sorted() == before.keys.sorted(), "files left: \(after.keys.sorted())")
    #expect(after == before)
    #expect(T.files(out) == ["2026-W47"])
  }

  @Test func aFullDiskOnTheFirstExportLeavesNoWeekFolder() throws {
    let out = T.folder()
    let r = try Self.exportLimited(100, ["--data", DigitCommandTests.sample, "--week", "2026-W47", "--out", out])
    #expect(r.status == 1)
    #expect(T.files(out).isEmpty)
  }

  /// A real full file system: a 1 MB tmpfs (only where this process may mount one, e.g. as root).
  @Test(.enabled(if: geteuid() == 0 && mountWorks)) func aFullTmpfsKeepsThePreviousSnapshot() throws {
    let mnt = T.folder()
    #expect(Self.shell("mount -t tmpfs -o size=256k digit-test \(mnt)") == 0)
    defer { _ = Self.shell("umount \(mnt)") }
    let out = mnt + "/Snapshots"
    let first = try T.digit(["export", "--data", DigitCommandTests.sample, "--week", "2026-W47", "--out", out, "--format", "md,csv"])
    #expect(first.status == 0)
    let before = Self.snapshotFiles(out)
    let r = try T.digit(["export", "--data", DigitCommandTests.sample, "--week", "2026-W47", "--out", out, "--force"])
    #expect(r.status == 1)
    #expect(r.err.contains("no space left on the device"), "\(r.err)")
    #expect(Self.snapshotFiles(out) == before)
    #expect(T.files(out) == ["2026-W47"])
  }

  static let mountWorks: Bool = {
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent("digit-mount-probe-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: probe) }
    guard shell("mount -t tmpfs -o size=64k digit-probe \(probe) 2>/dev/null") == 0 else { return false }
    _ = shell("umount \(probe)")
    return true
  }()

  @discardableResult
  static func shell(_ command: String) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    try? p.run()
    p.waitUntilExit()
    return p.terminationStatus
  }
}
