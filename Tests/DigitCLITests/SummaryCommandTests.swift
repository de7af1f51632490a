import DigITTestSupport
import Foundation
import Testing

/// End-to-end tests of `digit summary`.
@Suite struct SummaryCommandTests {

  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  /// Compares with a golden file (see ``Golden``).
  static func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try Golden.expect(text, name, in: golden, sourceLocation: sourceLocation)
  }

  @Test func germanTextMatchesTheGoldenFile() throws {
    let r = try CLI.digit("summary", "--data", CLI.sample, "--as-of", "2026-11-23")
    #expect(r.status == 0)
    try Self.expectGolden(r.out.replacingOccurrences(of: CLI.sample, with: "Sample-Data"), "summary-de.txt")
  }

  @Test func englishTextMatchesTheGoldenFile() throws {
    let r = try CLI.digit("summary", "--data", CLI.sample, "--as-of", "2026-11-23", "--lang", "en")
    #expect(r.status == 0)
    try Self.expectGolden(r.out.replacingOccurrences(of: CLI.sample, with: "Sample-Data"), "summary-en.txt")
  }

  @Test func jsonMatchesTheGoldenFile() throws {
    let r = try CLI.digit("summary", "--data", CLI.sample, "--as-of", "2026-11-23", "--format", "json")
    #expect(r.status == 0)
    try Self.expectGolden(r.out, "summary.json")
  }

  @Test func textFitsOneHundredColumns() throws {
    for lang in ["de", "en"] {
      let r = try CLI.digit("summary", "--data", CLI.sample, "--as-of", "2026-11-23", "--lang", lang)
      for line in r.out.split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
    }
  }

  @Test func digitWithoutSubcommandPrintsTheSummary() throws {
    let r = try CLI.digit("--data", CLI.sample, "--as-of", "23.11.2026")
    #expect(r.status == 0)
    #expect(r.out.hasPrefix("DigIT-Lagebild Mainz – KW 47/2026, Stand 23.11.2026\n"))
    #expect(r.out.contains("Amt 33 – Bürgeramt"))
  }

  @Test func twoRunsGiveIdenticalBytes() throws {
    let a = try CLI.digit("summary", "--data", CLI.sample, "--as-of", "2026-11-23", "--format", "json")
    let b = try CLI.digit("summary", "--data", CLI.sample, "--as-of", "2026-11-23", "--format", "json")
    #expect(a.out == b.out)
  }

  /// The JSON shape SnapshotFiles.md (DigITSnapshot's DocC catalog) documents: sorted keys, every scalar of a scope present (null if missing).
  @Test func jsonHasTheDocumentedShape() throws {
    let r = try CLI.digit("summary", "--data", CLI.sample, "--as-of", "2026-11-23", "--format", "json")
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    #expect(
      Set(doc.keys) == [
        "as_of", "week", "city", "city_changes", "data_as_of", "offices", "projects", "services", "diagnostics",
      ])
    let services = try #require(doc["services"] as? [[String: Any]])
    #expect(services.count == 36)
    for s in services {
      let m = try #require(s["metrics"] as? [String: Any])
      // ozg.online_12w, paper_12w, completed_12w, digital_share_12w, pending, processing_days, maturity
      #expect(m.keys.count == 7)
      #expect(Set(["id", "office", "name"]).isSubset(of: Set(s.keys)))
    }
    #expect(doc["as_of"] as? String == "2026-11-23")
    #expect(doc["week"] as? String == "2026-W47")  // the report week as of Monday 23.11.
    let city = try #require(doc["city"] as? [String: Any])
    #expect(city["index.score"] as? Double == 68.5)
    #expect(city["index.rank"] as? Int == 51)
    #expect(city["index.rank_delta"] as? Int == -6)
    #expect(city["kpi.online_quote"] != nil)
    let offices = try #require(doc["offices"] as? [[String: Any]])
    #expect(offices.count == 15)
    let hauptamt = try #require(offices.first { $0["id"] as? String == "hauptamt-it" })
    let metrics = try #require(hauptamt["metrics"] as? [String: Any])
    #expect(metrics["ozg.digital_share_12w"] is NSNull)  // no OZG services
    #expect(metrics["backlog.open"] as? Int != nil)
    let projects = try #require(doc["projects"] as? [[String: Any]])
    #expect(projects.count == 77)
    for p in projects {
      let m = try #require(p["metrics"] as? [String: Any])
      #expect(m.keys.count == 18)  // 9 project.* and 9 backlog.* metrics
      #expect(Set(["id", "office", "title", "status", "metrics", "rag_reasons"]).isSubset(of: Set(p.keys)))
      let rag = m["project.rag"] as? String
      let reasons = try #require(p["rag_reasons"] as? [[String: String]])
      if rag == "red" { #expect(reasons.first?["level"] == "red") }
      if rag == "green" { #expect(reasons.isEmpty) }
      if rag == nil { #expect(["done", "cancelled"].contains(p["status"] as? String)) }
    }
    let diagnostics = try #require(doc["diagnostics"] as? [String: Int])
    #expect(diagnostics == ["errors": 0, "warnings": 1, "rows_skipped": 0])
    // Keys are sorted in the text itself.
    #expect(r.out.range(of: "\"as_of\"")!.lowerBound < r.out.range(of: "\"city\"")!.lowerBound)
  }

  /// A German Excel root (semicolons, decimal commas, German dates) gives the values worked out by hand.
  @Test func germanExcelInputGivesHandWorkedValues() throws {
    let root = try CLI.tempRoot([
      "city.yaml": "name: Teststadt\nthresholds:\n  budget_overrun_factor: 1.25\n",
      "offices/amt-1/office.yaml": "id: amt-1\nname: Bürgeramt\nnumber: \"33\"\n",
      "offices/amt-1/projects.csv": """
      id;title;status;due;budget_planned;budget_spent
      P-1;Online-Antrag;aktiv;31.12.2027;1.000,00 €;1.200,50 €
      P-2;E-Akte;aktiv;31.12.2027;1.000,00;1.300,00

      """,
      "offices/amt-1/backlog.csv": """
      id;project_id;created;closed
      B-1;P-1;01.10.2026;
      B-2;P-1;10.11.2026;23.11.2026
      B-3;P-1;01.11.2026;

      """,
      "offices/amt-1/ozg.csv": """
      week;service_id;service;maturity;online;paper;completed;pending;median_days
      2026-W47;99115005070000;Wohnsitz anmelden;3;8;8;10;9;2,5
      2026-W48;99115005070000;Wohnsitz anmelden;3;10;5;30;7;4,5

      """,
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let r = try CLI.digit("summary", "--data", root, "--as-of", "23.11.2026", "--format", "json")
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("\"errors\": 0"))
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    let city = try #require(doc["city"] as? [String: Any])
    #expect(city["backlog.open"] as? Int == 2)
    #expect(city["backlog.age_p50"] as? Double == 37.5)  // ages 53 and 22
    // As of Monday 23.11. the report week is W47: the running W48's row is in no figure — not its
    // applications, not its pending (the end of a week not over). B-2 closed on the Monday is no throughput yet.
    #expect(city["ozg.online_12w"] as? Int == 8)
    #expect(city["ozg.digital_share_12w"] as? Double == 0.5)  // 8 / 16
    #expect(city["backlog.closed_4w"] as? Int == 0)
    #expect(city["ozg.processing_days"] as? Double == 2.5)  // W47 only
    #expect(city["ozg.pending"] as? Int == 9)
    // As of Sunday 29.11. W48 is complete and counts.
    let sunday = try CLI.digit("summary", "--data", root, "--as-of", "29.11.2026", "--format", "json")
    let later = try #require(try JSONSerialization.jsonObject(with: Data(sunday.out.utf8)) as? [String: Any])
    let laterCity = try #require(later["city"] as? [String: Any])
    #expect(laterCity["ozg.online_12w"] as? Int == 18)
    // Foundation parses to ±1 ulp.
    #expect(abs((laterCity["ozg.digital_share_12w"] as? Double ?? 0) - 18.0 / 31.0) < 1e-15)
    // The shortest round-trip text.
    #expect(sunday.out.contains("\"ozg.digital_share_12w\": 0.5806451612903226,"))
    #expect(laterCity["ozg.processing_days"] as? Double == 4)  // (2.5 × 10 + 4.5 × 30) / 40
    #expect(laterCity["ozg.pending"] as? Int == 7)  // W48's row, now the report week's
    #expect(city["projects.red"] as? Int == 1)  // P-2: 130 % > 125 %
    #expect(city["projects.amber"] as? Int == 1)  // P-1: 120.05 %, over plan but under the factor
    let projects = try #require(doc["projects"] as? [[String: Any]])
    let p1 = try #require(projects.first { $0["id"] as? String == "P-1" }?["metrics"] as? [String: Any])
    #expect(p1["project.budget_used"] as? Double == 1.2005)
  }

  @Test func unusableRootGivesExitStatusTwo() throws {
    let r = try CLI.digit("summary", "--data", "/nonexistent/root", "--as-of", "2026-11-23")
    #expect(r.status == 2)
    #expect(r.err.contains("does not exist"))
  }

  /// Names, labels and units from the feeds never reach the terminal as escape sequences, and a long data
  /// root does not push a line over 100 columns.
  @Test func feedTextIsInertAndLinesStayWithinOneHundredColumns() throws {
    let esc = "\u{1B}"
    let root = try CLI.tempRoot([
      "a-very-long-folder-name-for-a-data-root-that-goes-on/and-on-and-on/city.yaml": """
      name: "Stadt\\e[31mROT"
      kpis:
        - id: days
          label: "Dauer\\e]0;title\\u0007"
          unit: "Tage\\e[31m"
          target: 14

      """,
      "a-very-long-folder-name-for-a-data-root-that-goes-on/and-on-and-on/offices/amt-1/office.yaml":
        "id: amt-1\nname: \"Amt\\e[2J\\rX\"\n",
      "a-very-long-folder-name-for-a-data-root-that-goes-on/and-on-and-on/offices/amt-1/projects.csv":
        "id,title,status\nP-1,Titel,active\nP-1,Doppelt,active\n",
      "a-very-long-folder-name-for-a-data-root-that-goes-on/and-on-and-on/offices/amt-1/kpis.csv":
        "week,kpi,value\n2026-W48,days,12\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let dataRoot = root + "/a-very-long-folder-name-for-a-data-root-that-goes-on/and-on-and-on"
    for lang in ["de", "en"] {
      let r = try CLI.digit("summary", "--data", dataRoot, "--as-of", "2026-11-23", "--lang", lang)
      #expect(r.status == 0, "\(r.err)")
      #expect(!r.out.contains(esc))
      #expect(!r.out.contains("\r"))
      #expect(!r.out.contains("\u{07}"))
      #expect(r.out.contains("␛[31mROT"))
      for line in r.out.split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
      #expect(r.out.contains(lang == "de" ? "1 Zeile übersprungen" : "1 row skipped"))
    }
    let json = try CLI.digit("summary", "--data", dataRoot, "--as-of", "2026-11-23", "--format", "json")
    #expect(!json.out.contains(esc))
    #expect(json.out.contains("\"name\": \"Amt\\u001b[2J\\rX\""))
  }
}

/// The metric catalog page of DigITMetrics' DocC catalog shows what `digit metrics --format markdown` prints
/// for the sample city.
@Suite struct CatalogPageTests {
  static let page = "Sources/DigITMetrics/DigITMetrics.docc/Metrics.md"

  @Test func catalogPageMatchesTheCode() throws {
    let r = try CLI.digit("metrics", "--data", CLI.sample, "--format", "markdown")
    #expect(r.status == 0)
    let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(Self.page), encoding: .utf8)
    #expect(
      text.contains(r.out),
      "\(Self.page)'s catalog table is out of date: paste `digit metrics --format markdown` into it")
    #expect(r.out.contains("| `kpi.online_quote` |"))
  }
}

/// The README is the user's page: at most 20 KB, `swift test` is its test command (CI runs it), and every
/// relative link in it (to the DocC pages, the schema, the licence) leads to a file of the repository.
@Suite struct ReadmeTests {
  static let readme = CLI.packageRoot.appendingPathComponent("README.md")

  @Test func staysSmallAndNamesTheTestCommand() throws {
    let data = try Data(contentsOf: Self.readme)
    #expect(data.count <= 20_000, "README.md has \(data.count) bytes; the reference belongs in the DocC catalogs")
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\nswift test "))
  }

  @Test func relativeLinksLeadToFiles() throws {
    let text = try String(contentsOf: Self.readme, encoding: .utf8)
    var targets: [String] = []
    var rest = text[...]
    while let open = rest.range(of: "](") {
      rest = rest[open.upperBound...]
      guard let close = rest.firstIndex(of: ")") else { break }
      let target = String(rest[..<close])
      rest = rest[close...]
      if target.hasPrefix("http") || target.hasPrefix("#") { continue }
      targets.append(String(target.split(separator: "#", maxSplits: 1)[0]))
    }
    #expect(targets.count >= 6)
    for target in targets {
      let path = CLI.packageRoot.appendingPathComponent(target).path
      #expect(FileManager.default.fileExists(atPath: path), "README.md links to \(target), which does not exist")
    }
  }
}

/// `digit metrics` reads the KPIs of the data root it is given (and only its city.yaml).
@Suite struct MetricsCommandTests {

  @Test func listsTheKPIsOfTheGivenRoot() throws {
    let root = try CLI.tempRoot([
      "city.yaml": "name: Teststadt\nkpis:\n  - id: apps_online\n    label: Apps online\n    target: 5\n",
      "offices/amt-1/projects.csv": "this office is never read",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let r = try CLI.digit("metrics", "--data", root)
    #expect(r.status == 0)
    #expect(r.out.contains("kpi.apps_online\n"))
    #expect(r.out.contains("kpi.apps_online.status\n"))
    #expect(!r.out.contains("kpi.online_quote"))  // not the sample city's
  }

  @Test func aMissingRootIsAnError() throws {
    let r = try CLI.digit("metrics", "--data", "/nonexistent/root")
    #expect(r.status == 2)
    #expect(r.err.contains("/nonexistent/root"))
  }
}
