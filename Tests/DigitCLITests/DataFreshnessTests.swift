import DigITTestSupport
import Foundation
import Testing

/// Weekly figures that tell the truth, as a user runs the commands: complete weeks, the Datenstand as the
/// default day, exports after the Datenstand refused, missing files shown as missing.
@Suite struct DataFreshnessTests {
  let sample = CLI.sample

  static func digit(_ args: [String], today: String = "2026-12-07", cwd: String? = nil) throws -> CLI.Run {
    try CLI.digit(args, env: ["COLUMNS": "100", "DIGIT_TODAY": today], cwd: cwd)
  }

  static func json(_ r: CLI.Run) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
  }

  /// The weekly flows of the summary JSON.
  static let flows = [
    "backlog.created_4w", "backlog.closed_4w", "backlog.net_flow_4w", "backlog.cycle_p50", "backlog.cycle_p85",
    "backlog.weeks_to_clear", "ozg.online_12w", "ozg.paper_12w", "ozg.completed_12w", "ozg.digital_share_12w",
    "ozg.processing_days",
  ]

  @Test func flowsAsOfAMondayEqualThoseAsOfTheSundayBefore() throws {
    let monday = try Self.json(Self.digit(["summary", "--data", sample, "--as-of", "2026-11-23", "--format", "json"]))
    let sunday = try Self.json(Self.digit(["summary", "--data", sample, "--as-of", "2026-11-22", "--format", "json"]))
    #expect(monday["week"] as? String == "2026-W47")
    #expect(sunday["week"] as? String == "2026-W47")
    func scopes(_ doc: [String: Any]) -> [[String: Any]] {
      [doc["city"] as! [String: Any], doc["city_changes"] as! [String: Any]]
        + (doc["offices"] as! [[String: Any]]).flatMap {
          [$0["metrics"] as! [String: Any], $0["changes"] as! [String: Any]]
        }
    }
    let (m, s) = (scopes(monday), scopes(sunday))
    #expect(m.count == s.count && m.count == 32)
    for (a, b) in zip(m, s) {
      for id in Self.flows + a.keys.filter({ $0.hasPrefix("kpi.") }) {
        #expect("\(a[id] ?? "absent")" == "\(b[id] ?? "absent")", "\(id)")
      }
    }
  }

  @Test func withoutAsOfTheSampleReadsAsOfItsDatenstandAndSaysSo() throws {
    let text = try Self.digit(["summary", "--data", sample])
    #expect(text.status == 0, "\(text.err)")
    #expect(text.out.hasPrefix("DigIT-Lagebild Mainz – KW 47/2026, Stand 22.11.2026 · Datenstand · heute 07.12.2026\n"))
    let en = try Self.digit(["summary", "--data", sample, "--lang", "en"])
    #expect(en.out.hasPrefix("DigIT status Mainz – W47 2026, as of 2026-11-22 · latest data · today 2026-12-07\n"))
    let doc = try Self.json(Self.digit(["summary", "--data", sample, "--format", "json"]))
    #expect(doc["as_of"] as? String == "2026-11-22")
    #expect(doc["data_as_of"] as? String == "2026-11-22")
    let offices = try #require(doc["offices"] as? [[String: Any]])
    for o in offices {
      let data = try #require(o["data"] as? [String: Any])
      #expect(data["stale"] as? Bool == false, "\(o["id"]!)")
      #expect((data["missing"] as? [String]) == [])
    }
    // Before the Datenstand, today is the day.
    let early = try Self.digit(["summary", "--data", sample], today: "2026-11-20")
    #expect(early.out.hasPrefix("DigIT-Lagebild Mainz – KW 46/2026, Stand 20.11.2026 · heute\n"))
  }

  @Test func exportRefusesAWeekAfterTheDatenstandUnlessAskedTo() throws {
    let out = ExportCommandTests.folder()
    let r = try Self.digit(["export", "--data", sample, "--out", out, "--format", "json"])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.hasPrefix("Wrote the snapshot of 2026-W47 (as of 2026-11-22 · latest data · today 2026-12-07):\n"))
    let refused = try Self.digit(["export", "--data", sample, "--out", out, "--week", "2026-W49", "--format", "json"])
    #expect(refused.status == 1)
    #expect(refused.err.contains("2026-W49 ends on 2026-12-06, after the Datenstand 2026-11-22"))
    #expect(refused.err.contains("--beyond-data"))
    let asOfToday = try Self.digit([
      "export", "--data", sample, "--out", out, "--as-of", "2026-12-07", "--format", "json",
    ])
    #expect(asOfToday.status == 1)
    #expect(ExportCommandTests.files(out) == ["2026-W47"])
    let beyond = try Self.digit([
      "export", "--data", sample, "--out", out, "--week", "2026-W49", "--format", "json", "--beyond-data",
    ])
    #expect(beyond.status == 0, "\(beyond.err)")
    #expect(ExportCommandTests.files(out) == ["2026-W47", "2026-W49"])
  }

  @Test func aMissingProjectsFileIsMissingNotZero() throws {
    let root = ExportCommandTests.folder() + "/root"
    try FileManager.default.copyItem(atPath: sample, toPath: root)
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.removeItem(atPath: root + "/offices/buergeramt/projects.csv")
    let doc = try Self.json(Self.digit(["summary", "--data", root, "--format", "json"]))
    let offices = try #require(doc["offices"] as? [[String: Any]])
    let office = try #require(offices.first { $0["id"] as? String == "buergeramt" })
    let metrics = try #require(office["metrics"] as? [String: Any])
    for id in ["projects.red", "projects.total", "backlog.open", "backlog.closed_4w"] {
      #expect(metrics[id] is NSNull, "\(id)")
    }
    #expect(metrics["ozg.online_12w"] is NSNumber)  // ozg.csv is there
    let data = try #require(office["data"] as? [String: Any])
    #expect(data["missing"] as? [String] == ["projects.csv", "milestones.csv", "backlog.csv"])
    let changes = try #require(doc["city_changes"] as? [String: Any])
    #expect(changes["projects.red"] as? Int == 0)  // the same office is missing in both weeks: comparable
    let text = try Self.digit(["summary", "--data", root])
    #expect(
      text.out.contains(
        "Projekte rot                                                11                11  ⚠ 1 Amt fehlt\n"))
    #expect(text.out.contains("  Amt 33 – Bürgeramt: projects.csv fehlt, milestones.csv fehlt, backlog.csv fehlt\n"))
    #expect(text.out.contains("⚠ Amt 33 – Bürgeramt                  –      –      –        –             –"))
  }
}

/// Office KPIs are judged against office targets only; the sample's offices have none.
@Suite struct OfficeTargetTests {
  @Test func sampleOfficeKPIsCarryNoStatusUnlessTheOfficeHasATarget() throws {
    let root = ExportCommandTests.folder() + "/root"
    try FileManager.default.copyItem(atPath: CLI.sample, toPath: root)
    defer { try? FileManager.default.removeItem(atPath: root) }
    func offices() throws -> [String: [String: Any]] {
      let doc = try DataFreshnessTests.json(DataFreshnessTests.digit(["summary", "--data", root, "--format", "json"]))
      let list = try #require(doc["offices"] as? [[String: Any]])
      return Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as! String, $0["metrics"] as! [String: Any]) })
    }
    for (id, metrics) in try offices() {
      for (key, value) in metrics
      where key.hasPrefix("kpi.") && (key.hasSuffix(".status") || key.hasSuffix(".attainment")) {
        #expect(value is NSNull, "\(id) \(key)")
      }
    }
    let yaml = root + "/offices/buergeramt/office.yaml"
    try (String(contentsOfFile: yaml, encoding: .utf8) + "targets:\n  online_quote: 50\n").write(
      toFile: yaml, atomically: true, encoding: .utf8)
    let buerger = try #require(try offices()["buergeramt"])
    #expect(buerger["kpi.online_quote.status"] as? String != nil)
    #expect(buerger["kpi.processing_days.status"] is NSNull)
  }
}
