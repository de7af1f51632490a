import DigITTestSupport
import Foundation
import Testing

/// `digit diff` tells the truth about what it compares: offices missing in one week, weeks given the
/// wrong way round or twice, and hostile text in stored files.
@Suite struct DiffCommandTests {
  typealias T = ExportCommandTests

  /// A copy of the sample data (to take files away from).
  static func copyOfSample() throws -> String {
    let root = T.folder() + "/data"
    try FileManager.default.copyItem(atPath: CLI.sample, toPath: root)
    return root
  }

  static func hasTerminalControls(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }
  }

  @Test func cityFiguresOverDifferentOfficesAreFlagged() throws {
    let data = try Self.copyOfSample()
    let out = T.folder()
    let first = try T.digit(["export", "--data", data, "--out", out, "--as-of", "2026-11-15", "--format", "json"])
    #expect(first.status == 0, "\(first.err)")
    try FileManager.default.removeItem(atPath: data + "/offices/standesamt/projects.csv")
    let second = try T.digit(["export", "--data", data, "--out", out, "--as-of", "2026-11-22", "--format", "json"])
    #expect(second.status == 0, "\(second.err)")
    let text = try T.digit(["diff", "--out", out])
    #expect(text.status == 0, "\(text.err)")
    // projects.csv takes milestones.csv and backlog.csv with it (they belong to its projects).
    let line =
      "⚠ Amt 34 – Standesamt: projects.csv, milestones.csv, backlog.csv fehlen in KW 47/2026; "
      + "die Stadtwerte vergleichen nicht dieselben Ämter"
    let warning = try #require(text.out.range(of: line), "\(text.out)")
    let city = try #require(text.out.range(of: "Backlog offen:"))
    #expect(warning.upperBound < city.lowerBound)
    let json = try T.digit(["diff", "--out", out, "--format", "json"])
    #expect(json.out.contains("\"office_data_changes\": [\n"))
    #expect(json.out.contains("\"id\": \"standesamt\""))
  }

  @Test func theSameWeekTwiceIsAUsageErrorAndReversedWeeksAreComparedEarlierFirst() throws {
    let same = try T.digit(["diff", "2026-W47", "2026-W47", "--out", DiffBriefingTests.stored])
    #expect(same.status == 64)
    #expect(same.err.contains("week-a and week-b are the same week (2026-W47)"), "\(same.err)")
    let forward = try T.digit(["diff", "2026-W46", "2026-W47", "--out", DiffBriefingTests.stored])
    let reversed = try T.digit(["diff", "2026-W47", "2026-W46", "--out", DiffBriefingTests.stored])
    #expect(reversed.status == 0)
    #expect(reversed.out == forward.out)
    #expect(
      reversed.err == "note: 2026-W47 is later than 2026-W46; comparing 2026-W46 (earlier) with 2026-W47 (later)\n")
    #expect(forward.err.isEmpty)
  }

  @Test func aHostileCityNameOfTheWeekBeforeIsInertInTheExportError() throws {
    let hostile = try CLI.tempRoot([
      "city.yaml": "name: \"Ma\\e]0;pwn\\ainz\\u202E\"\n",
      "offices/amt-1/office.yaml": "id: amt-1\nname: Amt Eins\n",
    ])
    let normal = try CLI.tempRoot([
      "city.yaml": "name: Teststadt\n", "offices/amt-1/office.yaml": "id: amt-1\nname: Amt Eins\n",
    ])
    let out = T.folder()
    let first = try T.digit(["export", "--data", hostile, "--week", "2026-W46", "--out", out, "--format", "json"])
    #expect(first.status == 0, "\(first.err)")
    let second = try T.digit(["export", "--data", normal, "--week", "2026-W47", "--out", out, "--format", "json"])
    #expect(second.status != 0)
    #expect(second.err.contains("is a snapshot of Ma"), "\(second.err)")
    #expect(!Self.hasTerminalControls(second.err), "\(second.err)")
  }

  @Test func aHostileWeekInASnapshotIsInertInTheDiffError() throws {
    let out = T.folder()
    for week in ["2026-W46", "2026-W47"] {
      _ = try T.digit(["export", "--data", CLI.sample, "--week", week, "--out", out, "--format", "json"])
    }
    let file = out + "/2026-W47/snapshot.json"
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try text.replacingOccurrences(
      of: "\"week\": \"2026-W47\"", with: "\"week\": \"2026-W47\\u001b]0;pwn\\u0007\\u202e\""
    )
    .write(toFile: file, atomically: true, encoding: .utf8)
    let r = try T.digit(["diff", "2026-W46", "2026-W47", "--out", out])
    #expect(r.status == 1)
    #expect(r.err.contains("is the snapshot of 2026-W47"), "\(r.err)")
    #expect(!Self.hasTerminalControls(r.err), "\(r.err)")
  }
}
