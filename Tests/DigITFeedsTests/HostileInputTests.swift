import DigITCore
import DigITMetrics
import Foundation
import Testing

@testable import DigITFeeds

/// The reliability issue's list of broken and hostile input, each in a data root beside a healthy office:
/// the loader must not crash or hang, must report the problem with file, line (and column where there is
/// one) in plain words, and must still load everything else.
@Suite struct HostileCSVTests {
  /// One broken `projects.csv` of office `amt-1`, with a healthy office `amt-2` beside it.
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]
    /// Expected: a diagnostic of this severity, at this line (nil: the file as a whole), whose message
    /// contains this text.
    var severity: Diagnostic.Severity
    var line: Int?
    var message: String
    /// Projects of amt-1 that still load.
    var projects: Int
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ severity: Diagnostic.Severity, line: Int?, _ message: String, projects: Int)
    {
      self.init(name, Array(text.utf8), severity, line: line, message, projects: projects)
    }

    init(
      _ name: String, _ bytes: [UInt8], _ severity: Diagnostic.Severity, line: Int?, _ message: String, projects: Int
    ) {
      self.name = name
      self.bytes = bytes
      self.severity = severity
      self.line = line
      self.message = message
      self.projects = projects
    }
  }

  static let header = "id,title,status,due\n"

  static let cases: [Case] = [
    Case("empty file", "", .error, line: nil, "empty", projects: 0),
    Case("header only", header, .note, line: nil, "the file has a header but no data rows", projects: 0),
    Case(
      "no header", "P-1,Eins,active,2026-12-31\n", .error, line: 1,
      "the header has no column id, title, status (found: P-1,Eins,active,2026-12-31)", projects: 0),
    Case(
      "wrong delimiter", "id|title|status|due\nP-1|Eins|active|2026-12-31\n", .error, line: 1,
      "the columns seem to be separated by \"|\" – save the file with ; or ,", projects: 0),
    Case("too few fields", header + "P-1,Eins\nP-2,Zwei,active,2026-12-31\n", .error, line: 2, "fields", projects: 1),
    Case(
      "too many fields", header + "P-1,Eins,active,2026-12-31,x,y\nP-2,Zwei,active,2026-12-31\n", .error, line: 2,
      "fields", projects: 1),
    Case(
      "unterminated quote at the end", header + "P-1,Eins,active,2026-12-31\nP-2,\"Zwei,active,2026-12-31\n", .error,
      line: 3, "quote", projects: 1),
    Case(
      "quote inside an unquoted field", header + "P-1,Ei\"ns,active,2026-12-31\n", .warning, line: 2, "quote",
      projects: 1),
    Case(
      "NUL bytes",
      Array(header.utf8) + Array("P-1,Ei".utf8) + [0] + Array("ns,active,2026-12-31\nP-2,Zwei,active,\n".utf8), .error,
      line: nil, "the file contains a NUL byte in line 2", projects: 0),
    Case(
      "invalid UTF-8 is read as Windows-1252",
      Array(header.utf8) + Array("P-1,B".utf8) + [0xFC] + Array("ro,active,2026-12-31\n".utf8), .warning, line: nil,
      "Windows-1252", projects: 1),
    Case(
      "UTF-16 with BOM", [0xFF, 0xFE] + Array(header.utf8).flatMap { [$0, 0] }, .error, line: nil,
      "the file is UTF-16, which is not supported: save it as UTF-8", projects: 0),
    Case(
      "mixed line endings",
      "id,title,status,due\r\nP-1,Eins,active,2026-12-31\nP-2,Zwei,active,2026-12-31\rP-3,Drei,active,\r\n", .note,
      line: nil, "", projects: 3),
    Case("no newline at the end", header + "P-1,Eins,active,2026-12-31", .note, line: nil, "", projects: 1),
    Case("trailing empty lines", header + "P-1,Eins,active,2026-12-31\n\n\n\n", .note, line: nil, "", projects: 1),
    Case(
      "31.02.2026", header + "P-1,Eins,active,31.02.2026\nP-2,Zwei,active,\n", .error, line: 2, "February", projects: 1),
    Case(
      "2026-13-01", header + "P-1,Eins,active,2026-13-01\nP-2,Zwei,active,\n", .error, line: 2, "month", projects: 1),
    Case("0000-01-01", header + "P-1,Eins,active,0000-01-01\nP-2,Zwei,active,\n", .error, line: 2, "year", projects: 1),
  ]

  @Test(arguments: cases) func isReportedAndTheRestLoads(_ c: Case) throws {
    let root = try TestRoot(
      office: ["projects.csv": .bytes(c.bytes)],
      extra: [
        "offices/amt-2/office.yaml": "id: amt-2\nname: Gesund\n",
        "offices/amt-2/projects.csv": "id,title,status\nQ-1,Eins,active\n",
      ])
    let r = try root.load()
    let file = "offices/amt-1/projects.csv"
    if c.severity != .note || !c.message.isEmpty {
      let found = r.diagnostics(file: file).filter {
        $0.severity == c.severity && $0.line == c.line && $0.message.contains(c.message)
      }
      #expect(!found.isEmpty, "\(c.name): \(r.diagnostics(file: file).map(\.description))")
    } else {
      #expect(r.diagnostics(file: file).isEmpty, "\(c.name): \(r.diagnostics(file: file).map(\.description))")
    }
    #expect(r.office("amt-1")?.projects.count == c.projects, "\(c.name)")
    #expect(r.office("amt-2")?.projects.count == 1)
    // Skipped rows are counted, never silently dropped.
    let stats = try #require(r.stats(file))
    #expect(stats.rowsRead == c.projects)
  }

  @Test func aTenMegabyteFieldIsReadWithoutTrouble() throws {
    let big = String(repeating: "x", count: 10_000_000)
    let root = try TestRoot(office: [
      "projects.csv": .text(Self.header + "P-1,\(big),active,2026-12-31\nP-2,Zwei,active,\n")
    ])
    let r = try root.load()
    #expect(r.office("amt-1")?.projects.count == 2)
    #expect(r.office("amt-1")?.projects[0].title.utf8.count == 10_000_000)
  }

  @Test func aHundredThousandColumnsAreReported() throws {
    let extra = (0..<100_000).map { "c\($0)" }.joined(separator: ",")
    let root = try TestRoot(office: [
      "projects.csv": .text(
        "id,title,status," + extra + "\nP-1,Eins,active" + String(repeating: ",", count: 100_000) + "\n")
    ])
    let r = try root.load()
    #expect(r.office("amt-1")?.projects.count == 1)
    // The unknown columns are one note, not 100,000.
    #expect(r.diagnostics(file: "offices/amt-1/projects.csv").count <= 3)
  }

  @Test func numbersInTheWrongDialectAreErrors() throws {
    let root = try TestRoot(office: [
      "projects.csv":
        "id,title,status,budget_planned\nP-1,Eins,active,1.000.000\nP-2,Zwei,active,\"1 000\"\nP-3,Drei,active,12000\n"
    ])
    let r = try root.load()
    let problems = r.diagnostics(file: "offices/amt-1/projects.csv").filter { $0.severity == .error }
    #expect(problems.contains { $0.line == 2 && $0.column == "budget_planned" })
    #expect(problems.contains { $0.line == 3 && $0.column == "budget_planned" })
    #expect(r.office("amt-1")?.projects.count == 1)
  }

  static let ozgHeader = "week,service_id,service,maturity,online,paper,completed,pending,median_days\n"

  @Test(arguments: [
    ("2025-W53", "week"),  // 2025 has 52 weeks
    ("2026-W01", "online"),
  ])
  func weeksAndCountsOutOfRange(_ week: String, _ column: String) throws {
    let row =
      week == "2026-W01"
      ? "2026-W01,99123456789012,Dienst,3,99999999999999999999,1,1,0,1\n"  // a count beyond 64 bits
      : "2025-W53,99123456789012,Dienst,3,1,1,1,0,1\n"
    let root = try TestRoot(office: [
      "ozg.csv": .text(Self.ozgHeader + row + "2026-W02,99123456789012,Dienst,3,5,5,5,0,1\n")
    ])
    let r = try root.load()
    let problems = r.diagnostics(file: "offices/amt-1/ozg.csv").filter { $0.severity == .error }
    #expect(problems.contains { $0.line == 2 && $0.column == column }, "\(problems.map(\.description))")
    #expect(r.office("amt-1")?.ozg.count == 1)
  }

  @Test(arguments: ["-5", "NaN", "inf", "-inf", "1e400", "Infinity"])
  func negativeAndNonFiniteValuesAreErrors(_ value: String) throws {
    let root = try TestRoot(office: [
      "ozg.csv": .text(
        Self.ozgHeader
          + "2026-W01,99123456789012,Dienst,3,1,1,1,0,\(value)\n2026-W02,99123456789012,Dienst,3,1,1,1,0,2\n")
    ])
    let r = try root.load()
    let problems = r.diagnostics(file: "offices/amt-1/ozg.csv").filter { $0.severity == .error }
    #expect(
      problems.contains { $0.line == 2 && $0.column == "median_days" }, "\(value): \(problems.map(\.description))")
    #expect(r.office("amt-1")?.ozg.count == 1)
  }
}

@Suite struct HostileYAMLTests {
  @Test func aBillionLaughsAliasBombIsBounded() throws {
    var yaml = "name: Teststadt\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
      previous = name
    }
    let root = try TestRoot(extra: ["city.yaml": .text(yaml)])
    let start = ContinuousClock.now
    let r = try root.load()
    #expect(ContinuousClock.now - start < .seconds(10))
    #expect(r.dataSet.offices.count == 1)
    #expect(r.diagnostics(file: "city.yaml").contains { $0.severity == .error || $0.severity == .warning })
  }

  @Test func veryDeepNestingIsAnErrorNotACrash() throws {
    let deep =
      "name: Teststadt\nx: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
    let root = try TestRoot(extra: ["city.yaml": .text(deep)])
    let r = try root.load()
    #expect(r.dataSet.offices.count == 1)
    #expect(!r.diagnostics(file: "city.yaml").isEmpty)
  }

  @Test func wrongTypesAreErrorsWithTheirLine() throws {
    let root = try TestRoot(extra: [
      "city.yaml": .text("name: Teststadt\nthresholds:\n  stale_days: [1, 2]\nkpis: nein\n")
    ])
    let r = try root.load()
    let d = r.diagnostics(file: "city.yaml")
    #expect(d.contains { $0.line == 3 && $0.severity == .error }, "\(d.map(\.description))")
    #expect(d.contains { $0.line == 4 && $0.severity == .error }, "\(d.map(\.description))")
  }
}

@Suite struct HostileFileSystemTests {
  @Test func aSymlinkLoopIsAnErrorNotAHang() throws {
    let root = try TestRoot(office: ["backlog.csv": .symlink("backlog.csv")], extra: ["offices/loop": .symlink("loop")])
    let r = try root.load()
    #expect(r.office("amt-1")?.projects.count == 2)
    #expect(r.diagnostics(file: "offices/amt-1/backlog.csv").contains { $0.severity == .error })
  }

  @Test(arguments: ["Amt 33", "Bürgeramt", "a..b"])
  func oddOfficeFolderNamesAreWarnedAndStillRead(_ name: String) throws {
    let root = try TestRoot(extra: [
      "offices/\(name)/office.yaml": "name: Seltsam\n",
      "offices/\(name)/projects.csv": "id,title,status\nX-1,Eins,active\n",
    ])
    let r = try root.load()
    #expect(r.office(name)?.projects.count == 1)
    #expect(
      r.diagnostics.contains { $0.severity == .warning && $0.message.contains("should be named with a-z, 0-9 and -") })
  }

  @Test func hiddenOfficeFoldersAreNamedNotSilentlySkipped() throws {
    let root = try TestRoot(extra: [
      "offices/..x/projects.csv": "id,title,status\nX-1,Eins,active\n", "offices/.git": .folder,
    ])
    let r = try root.load()
    #expect(r.office("..x") == nil)
    #expect(
      r.diagnostics.contains {
        $0.severity == .note && $0.file == "offices" && $0.message == "the hidden folder \"..x\" is ignored"
      })
    #expect(r.office("amt-1")?.projects.count == 2)
  }

  @Test func aFileTruncatedAfterTheListingIsReadAsItIs() throws {
    // The loader reads each file once, into memory, to its end as it is then: a file that shrinks or
    // vanishes between the folder listing and the read gives a clear error or the shorter content.
    let root = try TestRoot(office: ["backlog.csv": .symlink("/nonexistent/backlog.csv")])
    let r = try root.load()
    #expect(
      r.diagnostics(file: "offices/amt-1/backlog.csv").contains {
        $0.severity == .error && $0.message.contains("no such") || $0.message.contains("does not exist")
      })
    #expect(r.office("amt-1")?.projects.count == 2)
  }
}
