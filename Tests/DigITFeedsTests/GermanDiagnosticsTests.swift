import DigITCore
import DigITMetrics
import Foundation
import Testing

@testable import DigITFeeds

/// Every diagnostic of the feed loader has a German text of its own (`Diagnostic.german`, not the
/// English one again), over the seed corpus of the fuzzers and a set of hand-made broken roots that
/// reach every kind of message; and the German texts read as a coordinator in Mainz would write them.
@Suite struct GermanDiagnosticsTests {
  /// Records an issue for each diagnostic without a German text, or with the English one as German.
  static func expectGerman(
    _ diagnostics: [Diagnostic], _ what: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for d in diagnostics {
      let german = d.german ?? ""
      #expect(
        !german.isEmpty && german != d.message, "\(what): no German text of its own: \(d.description)",
        sourceLocation: sourceLocation)
    }
  }

  // MARK: - The fuzzers' seed corpus

  /// The package root, three levels up from this file (Tests/DigITFeedsTests/…).
  static let packageRoot: String = {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
  }()

  /// The files fuzz-feed writes (its first input byte picks one), in its order.
  static let fuzzFiles = [
    "city.yaml", "offices/amt-1/office.yaml", "offices/amt-1/projects.csv", "offices/amt-1/milestones.csv",
    "offices/amt-1/backlog.csv", "offices/amt-1/ozg.csv", "offices/amt-1/kpis.csv", "index/smart-city-index.csv",
  ]

  /// A small valid root with every feed file (as fuzz-feed's fixture, shortened).
  static let fixture: [String: FileContent] = [
    "city.yaml": """
    name: Teststadt
    ags: "07315000"
    ozg_maturity_model: "1"
    kpis:
      - id: online_quote
        label: Anteil Online-Anträge
        aggregate: mean
        target: 60
      - id: digital_services
        label: Digitale Leistungen

    """,
    "offices/amt-1/office.yaml": "id: amt-1\nname: Bürgeramt\ndigit_since: 2024-01-01\n",
    "offices/amt-1/projects.csv": """
    id,title,category,status,owner,start,due,budget_planned,budget_spent,index_area,updated,risk
    P-1,Elektronische Wohnsitzanmeldung,ozg,active,C. Hoffmann,2025-06-02,2026-12-31,95000,120000,Verwaltung,2026-11-11,high
    P-2,Personalausweis online,ozg,planned,V. Schmitt,2026-12-01,2027-03-01,,,Verwaltung,,low

    """,
    "offices/amt-1/milestones.csv": "project_id,name,due,done\nP-1,Go-live,2026-10-02,\n",
    "offices/amt-1/backlog.csv": "id,project_id,title,created,closed\nB-1,P-1,Formular,2026-06-01,2026-07-15\n",
    "offices/amt-1/ozg.csv": """
    week,service_id,service,maturity,online,paper,completed,pending,median_days
    2026-W45,99115005070000,Wohnsitz anmelden,1,89,426,538,409,3.8

    """,
    "offices/amt-1/kpis.csv": "week,kpi,value\n2026-W46,online_quote,18.9\n",
    "index/smart-city-index.csv": "year,area,score,rank\n2025,Gesamt,64.0,48\n",
  ]

  @Test(.tags(.slow)) func everyDiagnosticOfTheFuzzCorpusHasGerman() throws {
    let folder = Self.packageRoot + "/Tests/Fuzz/Corpus/feed"
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(names.count > 50)
    var seen = 0
    for name in names {
      let data = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
      guard let first = data.first else { continue }
      var files = Self.fixture
      files[Self.fuzzFiles[Int(first) % Self.fuzzFiles.count]] = .bytes(Array(data.dropFirst()))
      let root = try TestRoot(files)
      let result = try root.load(parallel: false)
      seen += result.diagnostics.count
      Self.expectGerman(result.diagnostics, name)
    }
    #expect(seen > 100)
  }

  // MARK: - Hand-made broken roots

  /// Roots that reach the messages the corpus may miss: every value error, the header and quoting
  /// problems, YAML, files and folders, links, the limits per kind and per file.
  static let brokenRoots: [(String, [String: FileContent?])] = [
    (
      "values",
      [
        "offices/amt-1/projects.csv": """
        id,title,status,start,due,budget_planned,budget_spent,index_area,updated,risk,status
        P-1,Eins,aktiff,31.02.2026,2026-13-01,"1,5",abc,Verwaltng,00.01.2026,hochh,active
        P-2,Zwei,active,1.1.1800,2026-01-01,-5,1e99999,,2027-01-01,low,
        P-2,Zwei nochmal,active,,,,,,,,
        P-\u{200B}3,Drei,active,,,,,,,,
        P-4,,active,2026-05-01,2026-01-01,,,,,,
        P-5,"Fünf "x" ,active,,,,,,,,
        P-6,Se"chs,active,,,,,,,,
        P-10,Zehn,active,2026-01-01,,,,,2027-01-01,,
        P-7,Sieben,active,,,,,,,,,,,extra
        P-8,Acht
        P-9,"Neun

        """,
        "offices/amt-1/milestones.csv": """
        project_id,name,due,done,owner
        P-1,Go-live,2026-10-02,
        P-3,Abnahme,2026-10-02,2027-01-01
        P-11,Abnahme,2026-10-02,
        P-\u{200B}x,Abnahme,2026-10-02,
        P-9,Abnahme,xx,2020-01-01

        """,
        "offices/amt-1/backlog.csv": """
        id,project_id,created,closed,points
        B-1,P-2,2026-06-01,2026-05-01,-1
        B-2,P-2,2027-06-01,,
        B-3,P-2,2026-06-01,2027-01-01,
        B-\u{200B}4,P-2,2026-06-01,,
        B-5,P-2,,,

        """,
      ]
    ),
    (
      "German numbers and weeks",
      [
        "offices/amt-1/ozg.csv": """
        week;service_id;service;maturity;online;paper;completed;pending;median_days
        2026-W45;99115005070000;Wohnsitz;1;1.23,4;426;538;409;3,8
        2026-W45;99115005070000;Wohnsitz;1;89;426;538;409;3,8
        2026-W45;99115005070000;Wohnsitz;1;89;426;538;409;3,8
        2026-W60;123;Pass;9;99999999999;1,5;-3;;1.000.000.000.000.000.000
        2026-W0;99115005070001;Ausweis;1;1;1;1;;
        xx;99115005070001;Ausweis;1;1;1;1;;
        2026-W50;99115005070001;Ausweis;1;1;1;1;;
        2026-W46;P\u{200B}1;Ausweis;1;1;1;1;;

        """,
        "offices/amt-1/kpis.csv": """
        week,kpi,value,target
        2026-W46,online_qoute,18.9,
        2026-W46,online\u{200B}quote,18.9,
        2026-W46,online_quote,18.9,x
        2026-W46,online_quote,18.9,
        2026-W46,online_quote,18.9,
        2026-W52,online_quote,18.9,

        """,
      ]
    ),
    (
      "headers",
      [
        "offices/amt-1/projects.csv": "id|title|status\nP-1|Eins|active\n",
        "offices/amt-1/milestones.csv": "projekt_id,name,due,done\nP-1,Go-live,2026-10-02,\n",
        "offices/amt-1/backlog.csv": "",
        "offices/amt-1/ozg.csv": "week,service_id,service,maturity,online,paper,completed\n",
        "offices/amt-1/kpis.csv": "a\n1\n",
      ]
    ),
    (
      "city.yaml",
      [
        "city.yaml": """
        name: Teststadt
        ags: "0731"
        ars: "x"
        ozg_maturity_model: "3"
        colour: blue
        thresholds:
          budget_overrun_factor: 20
          stale_days: abc
          ozg_online_level: 99999999999999999999999
          ozg_compliant_level: 2.5
          unknown: 1
        index_target:
          year: 1800
          score: 1e99
          rank: [1, 2]
        targets:
          ozg_digital_share: x
        kpis:
          - id: Online Quote
            label: A
          - id: k1
            label: B
            index_area: Verwaltng
            aggregate: median
            direction: sideways
          - id: k1
            label: C
          - label: D
          - just a text

        """
      ]
    ),
    (
      "office.yaml",
      [
        "offices/amt-1/office.yaml": """
        id: amt-2
        number: [1]
        digit_since: 31.02.2026
        data_as_of: 2026-W48
        targets:
          online_qote: 5
        colour: red

        """
      ]
    ),
    ("YAML syntax", ["city.yaml": "name: [Teststadt\nags: 1\n", "offices/amt-1/office.yaml": "a: &x 1\nb: *x\n"]),
    ("YAML quote", ["city.yaml": "name: \"Teststadt\nags: 1\n", "offices/amt-1/office.yaml": "name: A\nname: B\n"]),
    ("YAML shapes", ["city.yaml": "- a\n- b\n", "offices/amt-1/office.yaml": ""]),
    ("YAML depth", ["city.yaml": .text(String(repeating: "[", count: 1100))]),
    (
      "encodings",
      [
        "offices/amt-1/projects.csv": .bytes([0xFF, 0xFE, 0x69, 0x00]),
        "offices/amt-1/milestones.csv": .bytes(Array("project_id,name\nP-1,A\u{0}\n".utf8)),
        "offices/amt-1/backlog.csv": .bytes(
          Array("id,project_id,created\n".utf8) + [0x42, 0x2D, 0xE4, 0x2C] + Array("P-1,2026-01-01\n".utf8)),
        "offices/amt-1/office.yaml": .bytes(Array("id: amt-1\nname: B".utf8) + [0xFC] + Array("rgeramt\n".utf8)),
        "offices/amt-1/kpis.csv": .bytes(Array("week,kpi,value\n2026-W01,online_quote,1,5 ä\n".utf8) + [0xE4, 0x0A]),
      ]
    ),
    (
      "folders",
      [
        "offices/amt-1/Backlog.CSV": "id,project_id,created\n",
        "offices/amt-1/BACKLOG.csv": "id,project_id,created\n",
        "offices/amt-1/projekts.csv": "x\n",
        "offices/amt-1/ozg.csv": .folder,
        "offices/Amt 2/office.yaml": "name: A\n",
        "offices/leer": .folder,
        "offices/.versteckt": .folder,
        "offices/liesmich.txt": "x\n",
        "offices/amt-3/projects.csv": "id,title,status\nP-1,Eins,active\n",
        "offices/amt-3/kpis.csv": .symlink("../../../outside-kpis.csv"),
        "offices/amt-3/milestones.csv": .symlink("projects.csv"),
        "offices/amt-4": .symlink("amt-3"),
        "index/smart-city-index.csv": """
        year,area,score,rank
        25,Gesamt,64.0,48
        1800,Gesamt,64.0,48
        2025,Gesamtt,64.0,48
        2025,Gesamt,101,0
        2025,Verwaltung,50,
        2025,Verwaltung,50,

        """,
      ]
    ),
    ("no city.yaml", ["city.yaml": nil, "index/smart-city-index.csv": nil]),
    ("city.yaml only", ["offices": nil]),
    ("offices is a file", ["offices": "x"]),
    ("no office folders", ["offices": nil, "offices/readme": "x"]),
    (
      "missing files",
      [
        "offices/amt-1/office.yaml": nil, "offices/amt-1/projects.csv": nil,
        "offices/amt-1/kpis.csv": "week,kpi,value\n",
      ]
    ),
    (
      "limits",
      [
        "offices/amt-1/backlog.csv": .text(
          "id,project_id,created,closed,points\n"
            + (1...30).map { "A-\($0),P-1,x\($0),," }.joined(separator: "\n") + "\n"
            + (1...25).map { "C-\($0),P-1,2026-01-01,y\($0)," }.joined(separator: "\n") + "\n"
            + (1...25).map { "D-\($0),P-1,2026-01-01,,z\($0)" }.joined(separator: "\n") + "\n"
            + (1...30).map { "E-\($0),Q-\($0),2026-01-01,," }.joined(separator: "\n") + "\n"
            + (1...5).map { "F-\($0),P-1,2026-01-01,,,,,\($0)" }.joined(separator: "\n") + "\n")
      ]
    ),
  ]

  @Test func everyDiagnosticOfTheBrokenRootsHasGerman() throws {
    let outside = "/tmp/outside-kpis.csv"
    try Data("week,kpi,value\n".utf8).write(to: URL(fileURLWithPath: outside))
    defer { try? FileManager.default.removeItem(atPath: outside) }
    var all: [Diagnostic] = []
    for (name, files) in Self.brokenRoots {
      var merged: [String: FileContent?] = [:]
      for (k, v) in Self.fixture { merged[k] = v }
      // An entry for "offices" (nil or a file) replaces the whole folder of the fixture.
      if files.keys.contains("offices") { merged = merged.filter { !$0.key.hasPrefix("offices/") } }
      for (k, v) in files { merged[k] = v }
      let root = try TestRoot(merged.compactMapValues { $0 })
      let result = try root.load()
      Self.expectGerman(result.diagnostics, name)
      all += result.diagnostics
    }
    // The roots reach the messages they were made for (a test of the test).
    let english = all.map(\.message)
    for part in [
      "is not a date", "is not a number", "is negative", "is too large", "is not a status", "is used by an earlier row",
      "contains U+200B", "is empty, but required", "is not closed before the end of the file",
      "text after the closing quote", "read as a literal", "the row has", "is not a project of this office",
      "lies before created", "lies after the as-of date", "is not a German number", "decimal comma",
      "is not a whole number", "is not an ISO week", "is not an OZG maturity level", "14-digit LeiKa/FIM",
      "already has a row for", "is not a KPI defined in city.yaml", "already has a value for",
      "the header has no column", "seem to be separated by", "the file is empty", "has a header but no data rows",
      "is not an 8-digit", "is not a 12-digit", "is not a maturity model", "is out of range", "unknown key",
      "is not a KPI id", "is defined twice", "is not an index area", "is not an aggregate", "is not a direction",
      "expected a text", "expected a mapping", "differs from the folder name", "YAML syntax error",
      "YAML aliases", "YAML has the key", "nested too deeply", "is not closed", "UTF-16", "NUL byte",
      "read as Windows-1252", "same file name in different case", "is read as backlog.csv", "is not a feed file",
      "did you mean", "is a folder, not a file", "should be named with a-z", "the office folder is empty",
      "the hidden folder", "is not an office folder", "leads outside the data root", "is the same",
      "city.yaml is missing", "there are no office folders", "offices is not a folder", "office.yaml is missing",
      "projects.csv is missing", "not read, because", "is not a year", "is not a plausible year", "is above 100",
      "is not a rank", "already has a score", "more errors like", "other kind", "is also a project of office",
      "Smart City Index",
    ] {
      #expect(english.contains { $0.contains(part) }, "no diagnostic says \"\(part)\"")
    }
  }

  @Test func theIssuesExampleInGerman() throws {
    let r = try TestRoot(office: ["backlog.csv": "id,project_id,created\nB-1,P-1,2026-01-05\nB-2,P-1,31.02.2026\n"])
      .load()
    let d = try #require(r.diagnostics(file: "offices/amt-1/backlog.csv").first)
    #expect(d.message == "\"31.02.2026\" is not a date (February 2026 has 28 days, not 31)")
    #expect(d.german == "„31.02.2026“ ist kein Datum (der Februar 2026 hat 28 Tage, nicht 31)")
    #expect(
      d.description(.de)
        == "offices/amt-1/backlog.csv:3: Fehler: created: „31.02.2026“ ist kein Datum (der Februar 2026 hat 28 Tage, nicht 31)"
    )
    #expect(d.description(.en) == d.description)
  }

  @Test func datesAndWeeksAreWrittenTheGermanWay() throws {
    let r = try TestRoot(
      office: [
        "backlog.csv": "id,project_id,created,closed\nB-1,P-1,2026-06-01,2026-05-01\nB-2,P-1,2026-12-24,\n",
        "kpis.csv": "week,kpi,value\n2026-W50,online_quote,1\n",
      ]
    ).load()
    let german = r.diagnostics.compactMap(\.german)
    #expect(german.contains("01.05.2026 liegt vor dem Anlagedatum 01.06.2026"))
    #expect(german.contains("24.12.2026 liegt nach dem Stichtag 23.11.2026"))
    #expect(german.contains("KW 50/2026 liegt nach der Stichtagswoche KW 48/2026"))
  }

  @Test func theSummariesOfTheLimitsAreBilingual() {
    var sink = DiagnosticSink(office: "amt-1", file: "offices/amt-1/backlog.csv")
    for i in 1...30 {
      sink.error(
        line: i, column: "created", Bilingual("\"x\(i)\" is not a date", de: "„x\(i)“ ist kein Datum"))
    }
    for i in 1...27 {
      sink.add(
        .warning, line: i, column: "project_id", kind: "unknown project",
        texts: {
          Bilingual("\"Q-\(i)\" is not a project", de: "„Q-\(i)“ ist kein Projekt")
        })
    }
    let out = sink.finish()
    let summaries = out.filter { $0.occurrences > 1 }
    #expect(
      summaries.map(\.message).sorted() == [
        "2 more warnings like \"\"Q-25\" is not a project\" (27 in all)",
        "5 more errors like \"\"x25\" is not a date\" (30 in all)",
      ])
    #expect(
      summaries.compactMap(\.german).sorted() == [
        "noch 2 Warnungen wie „„Q-25“ ist kein Projekt“ (insgesamt 27)",
        "noch 5 Fehler wie „„x25“ ist kein Datum“ (insgesamt 30)",
      ])
  }

  @Test func theEnglishOnlyFormsStillWorkAndFallBack() {
    var sink = DiagnosticSink(office: nil, file: "x.csv")
    sink.error(line: 1, "plain English")
    sink.warning(line: 2, "with German", de: "mit Deutsch")
    sink.add(.note, line: 3, kind: "k") { "made lazily" }
    let out = sink.finish()
    #expect(out.map { $0.message(.de) } == ["plain English", "mit Deutsch", "made lazily"])
    #expect(out.map { $0.message(.en) } == ["plain English", "with German", "made lazily"])
  }

  @Test func valueParserMessagesInBothLanguages() {
    #expect(
      ValueParser.texts(.badThousandsGrouping, value: "1.23,4", style: .german).german
        == "„1.23,4“ ist keine deutsche Zahl: „.“ trennt Tausender in Dreiergruppen, „,“ die Nachkommastellen (z. B. 1.234,5)"
    )
    #expect(
      ValueParser.texts(.tooLarge(maximum: 2_147_483_647), value: "9", style: .plain).german
        == "„9“ ist zu groß (höchstens 2.147.483.647)")
    #expect(
      ValueParser.texts(.noSuchWeek(year: 2026, week: 54), value: "2026-W54", style: .plain).german
        == "„2026-W54“ ist keine ISO-Kalenderwoche (2026 hat 53 Wochen, nicht 54)")
    for e in [
      ValueError.notANumber, .decimalCommaInPlainFile, .badThousandsGrouping, .notWhole, .tooLarge(maximum: 10),
      .negative, .notADate, .noSuchDay(year: 2026, month: 13, day: 1), .noSuchDay(year: 2026, month: 1, day: 0),
      .noSuchDay(year: 2026, month: 2, day: 30), .yearOutOfRange(1800), .notAWeek, .noSuchWeek(year: 2026, week: 0),
    ] {
      let t = ValueParser.texts(e, value: "v", style: .german)
      #expect(t.english == ValueParser.message(e, value: "v", style: .german))
      #expect(!t.german.isEmpty && t.german != t.english, "\(e)")
    }
  }
}
