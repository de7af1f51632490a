import DigITTestSupport
import Foundation
import Testing

/// Issue 18 as a user meets it: too few file descriptors, snapshot folders inside the data root, the
/// range of weeks, the size in `digit validate`'s summary.
@Suite(.serialized) struct SecondHardeningCommandTests {
  typealias Run = CLI.Run

  /// A generated root of 40 offices, made once for the suite.
  static let fortyOffices: String = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("digit-forty-\(UUID().uuidString)").path
    let g = try! CLI.digit(
      "generate", "--out", dir, "--offices", "40", "--projects", "4", "--items", "20", "--services", "4", "--weeks",
      "20")
    precondition(g.status == 0, g.err)
    return dir
  }()

  /// `digit args…` with the descriptor limit set to `limit` (by the shell, for the child only).
  static func digit(limit: Int, _ args: [String]) throws -> Run {
    let command = "ulimit -n \(limit) && exec \"$0\" \"$@\""
    return try CLI.run("/bin/sh", ["-c", command, CLI.binary.path] + args)
  }

  @Test(arguments: [5, 6, 7, 12])
  func tooFewFileDescriptorsStopEveryCommandWithAPlainMessage(limit: Int) throws {
    let root = Self.fortyOffices
    let out = ExportCommandTests.folder() + "/Snapshots"
    defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
    for args in [
      ["export", "--data", root, "--as-of", "2026-11-22", "--out", out],
      ["summary", "--data", root, "--as-of", "2026-11-22"],
      ["validate", "--data", root, "--as-of", "2026-11-22"],
      ["summary", "--data", root, "--as-of", "2026-11-22", "--format", "json"],
    ] {
      let r = try Self.digit(limit: limit, args)
      #expect(r.status == 2, "ulimit -n \(limit), \(args[0]): exit \(r.status), \(r.err)")
      #expect(r.err.contains("too few file descriptors"), "\(r.err)")
      #expect(r.err.contains("This is a problem of the system, not of the feeds; nothing was written."))
      #expect(!r.err.contains("Fatal error") && !r.err.contains("crashed"))
      #expect(r.out.isEmpty, "\(args[0]) wrote \(r.out.prefix(200))")
      #expect(!FileManager.default.fileExists(atPath: out), "an export with ulimit -n \(limit) wrote \(out)")
    }
  }

  @Test func withDescriptorsEnoughTheSameRootIsExported() throws {
    let out = ExportCommandTests.folder() + "/Snapshots"
    defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
    let r = try Self.digit(limit: 64, ["export", "--data", Self.fortyOffices, "--as-of", "2026-11-22", "--out", out])
    #expect(r.status == 0, "\(r.err)")
    let v = try Self.digit(
      limit: 64, ["validate", "--data", Self.fortyOffices, "--as-of", "2026-11-22", "--lang", "en"])
    #expect(v.status == 0, "\(v.out)")
    #expect(v.out.contains("40 offices"))
  }

  @Test func aSnapshotFolderInsideTheDataRootIsRefused() throws {
    let root = try CLI.tempRoot([
      "city.yaml": "name: T\n", "offices/amt/office.yaml": "name: A\n",
      "offices/amt/projects.csv": "id,title,status\nP-1,Eins,active\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    for out in [root + "/offices", root + "/offices/new/Snapshots", root] {
      let r = try ExportCommandTests.digit(["export", "--data", root, "--as-of", "2026-11-22", "--out", out])
      #expect(r.status == 1, "\(out): \(r.err)")
      #expect(r.err.contains("lies inside the data root"), "\(r.err)")
      #expect(r.err.contains("Choose a folder outside the data root."))
    }
    #expect(ExportCommandTests.files(root + "/offices") == ["amt"])
    #expect(!FileManager.default.fileExists(atPath: root + "/2026-W47"))
    // Beside the root is fine.
    let beside = root + "-snapshots"
    defer { try? FileManager.default.removeItem(atPath: beside) }
    #expect(
      try ExportCommandTests.digit(["export", "--data", root, "--as-of", "2026-11-22", "--out", beside]).status == 0)
  }

  @Test(arguments: ["1899-W52", "2200-W01"])
  func weeksOutsideTheYearsOfAsOfAreRefused(week: String) throws {
    let r = try ExportCommandTests.digit([
      "export", "--data", CLI.sample, "--week", week, "--out", "/nonexistent/never",
    ])
    #expect(r.status == 64, "\(r.err)")
    #expect(r.err.contains("is not a plausible year (expected 1900–2199, as for --as-of)"), "\(r.err)")
    let asOf = try CLI.digit("summary", "--data", CLI.sample, "--as-of", "2200-01-05")
    #expect(asOf.status == 64)
    #expect(asOf.err.contains("expected 1900–2199"), "\(asOf.err)")
  }

  @Test func theSizeReadIsInPlainWords() throws {
    let root = try CLI.tempRoot(["offices/amt/.keep": ""])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let r = try CLI.digit("validate", "--data", root, "--as-of", "2026-11-23", "--lang", "en")
    #expect(r.out.contains(", 0 bytes)"), "\(r.out)")
    #expect(!r.out.contains("Zero"))
  }
}
