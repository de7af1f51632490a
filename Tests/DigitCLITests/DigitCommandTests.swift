import DigITTestSupport
import Foundation
import Testing

/// End-to-end tests: run the built `digit` binary and check its output and exit status.
@Suite struct DigitCommandTests {
  @Test func validateSampleDataHasNoErrors() throws {
    let r = try CLI.digit("validate", "--data", CLI.sample, "--as-of", "2026-11-23", "--lang", "en")
    #expect(r.status == 0)
    #expect(r.out.contains("offices/standesamt/projects.csv: warning: the file is not valid UTF-8"))
    #expect(r.out.contains("15 offices,"))
    #expect(r.out.contains(" 0 skipped, 0 errors, 1 warning,"))
  }

  @Test func errorsGiveExitStatusOneAndPreciseLines() throws {
    let root = try CLI.tempRoot([
      "city.yaml": "name: Teststadt\n",
      "offices/amt-1/office.yaml": "id: amt-1\nname: Bürgeramt\n",
      "offices/amt-1/projects.csv": "id,title,status\nP-1,Online-Antrag,active\n",
      "offices/amt-1/backlog.csv": "id,project_id,created\nB-1,P-1,2026-01-05\nB-2,P-1,31.02.2026\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let r = try CLI.digit("validate", "--data", root, "--as-of", "2026-11-23", "--lang", "en")
    #expect(r.status == 1)
    #expect(
      r.out.contains(
        #"offices/amt-1/backlog.csv:3: error: created: "31.02.2026" is not a date (February 2026 has 28 days, not 31)"#)
    )
    #expect(r.out.contains("1 office, 2 rows read, 1 skipped, 1 error,"))
  }

  @Test func unusableRootGivesExitStatusTwo() throws {
    let r = try CLI.digit("validate", "--data", "/nonexistent/digit-root")
    #expect(r.status == 2)
    #expect(r.err.contains("does not exist"))
  }

  @Test func jsonFormatIsAnArrayWithTheSummaryOnStderr() throws {
    let r = try CLI.digit(
      "validate", "--data", CLI.sample, "--as-of", "2026-11-23", "--format", "json", "--lang", "en")
    #expect(r.status == 0)
    let items = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]]
    #expect(items?.count == 1)
    #expect(items?.first?["severity"] as? String == "warning")
    #expect(items?.first?["file"] as? String == "offices/standesamt/projects.csv")
    #expect(r.err.contains("15 offices"))
  }

  @Test func generatedGermanRootValidatesClean() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("digit-gen-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let g = try CLI.digit(
      "generate", "--out", dir, "--offices", "3", "--projects", "4", "--items", "20", "--services", "3", "--weeks",
      "30", "--seed", "7", "--german")
    #expect(g.status == 0)
    #expect(g.out.contains("3 offices, 12 projects, 240 backlog items, 270 OZG rows"))
    let v = try CLI.digit("validate", "--data", dir, "--as-of", "2026-11-22", "--lang", "en")
    #expect(v.status == 0)
    #expect(v.out.contains("0 errors, 0 warnings"))
  }

  @Test func helpVersionAndUsageErrors() throws {
    let help = try CLI.digit("--help")
    #expect(help.status == 0)
    #expect(help.out.contains("validate"))
    #expect(help.out.contains("generate"))
    let version = try CLI.digit("--version")
    #expect(version.status == 0)
    #expect(version.out.contains("0.1.0"))
    let bad = try CLI.digit("validate", "--data", CLI.sample, "--format", "xml")
    #expect(bad.status == 64)
    #expect(bad.err.contains("xml"))
    let badDate = try CLI.digit("validate", "--data", CLI.sample, "--as-of", "2026-02-30")
    #expect(badDate.status == 64)
    #expect(badDate.err.contains("February 2026 has 28 days"))
  }
}

/// `--help` names each default once (issue 14): a help text that says its default in words leaves
/// swift-argument-parser's own "(default: …)" out, and the other way round.
@Suite struct HelpTextTests {
  @Test(arguments: ["", "dash", "summary", "export", "diff", "history", "validate", "metrics", "generate"])
  func eachOptionNamesItsDefaultOnce(_ command: String) throws {
    let r = try CLI.digit((command.isEmpty ? [] : [command]) + ["--help"])
    #expect(r.status == 0)
    // One option's help: from its flag to the next flag.
    let text = r.out.split(separator: "\n").joined(separator: " ").replacingOccurrences(of: "  ", with: " ")
    let options = text.components(separatedBy: " --").dropFirst()
    for option in options {
      let defaults = option.components(separatedBy: "default").count - 1
      #expect(defaults <= 1, "digit \(command) --\(option)")
    }
  }
}
