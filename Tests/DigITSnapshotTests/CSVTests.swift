import DigITCore
import DigITFeeds
import DigITMetrics
import Foundation
import Testing

@testable import DigITSnapshot

/// The CSV files read back with the project's own feed reader give the numbers of the report.
@Suite struct CSVReadBackTests {
  /// Header names and rows as strings, read by DigITFeeds' CSVReader (which also takes the BOM off).
  func read(_ bytes: [UInt8]) throws -> (header: [String], rows: [[String]], delimiter: UInt8) {
    var raw = bytes
    guard case .success = TextDecoding.decode(&raw) else { throw StoreError(.content, "not UTF-8") }
    let reader = CSVReader(bytes: raw)
    var header: [String] = []
    var rows: [[String]] = []
    reader.forEachRecord(while: { r in
      let fields = (0..<r.count).map { r.string($0) }
      if header.isEmpty { header = fields } else { rows.append(fields) }
      return true
    })
    return (header, rows, reader.delimiter)
  }

  func number(_ text: String, _ style: NumberStyle) -> Double? {
    var t = text
    return t.withUTF8 { b in if case .success(let x) = ValueParser.decimal(b, style: style) { x } else { nil } }
  }

  @Test(arguments: [CSVDialect.excel, .plain]) func officesReadBackGiveTheReportsNumbers(dialect: CSVDialect) throws {
    let s = Fixture.sample
    let (header, rows, delimiter) = try read(SnapshotCSV.offices(s, dialect: dialect))
    #expect(delimiter == (dialect == .excel ? UInt8(ascii: ";") : UInt8(ascii: ",")))
    let style: NumberStyle = dialect == .excel ? .german : .plain
    #expect(rows.count == s.report.data.offices.count)
    var compared = 0
    for (o, row) in rows.enumerated() {
      #expect(row.count == header.count)
      #expect(row[0] == s.report.data.offices[o].id)
      for (c, id) in header.enumerated() {
        guard let m = s.report.catalog[id], SnapshotState.isNumeric(m.unit) else { continue }
        let expected = s.report.value(m, at: .office(o))?.numeric
        if let expected {
          let got = try #require(number(row[c], style), "\(id) of \(row[0]): \"\(row[c])\"")
          #expect(abs(got - expected) <= 1e-9 * max(1, abs(expected)), "\(id) of \(row[0])")
          compared += 1
        } else {
          #expect(row[c].isEmpty, "\(id) of \(row[0]) should be empty")
        }
      }
    }
    #expect(compared > 300)
  }

  @Test func projectsAndServicesReadBack() throws {
    let s = Fixture.sample
    let projects = try read(SnapshotCSV.projects(s, dialect: .excel))
    #expect(projects.rows.count == s.report.data.offices.reduce(0) { $0 + $1.projects.count })
    let rag = try #require(projects.header.firstIndex(of: "project.rag"))
    let budget = try #require(projects.header.firstIndex(of: "project.budget_used"))
    var i = 0
    for (o, office) in s.report.data.offices.enumerated() {
      for p in office.projects.indices {
        let row = projects.rows[i]
        #expect(row[0] == office.projects[p].id)
        #expect(row[rag] == (s.report.offices[o].projects[p].project?.rag?.rawValue ?? ""))
        let used = s.report.value("project.budget_used", at: .project(o, p))?.numeric
        #expect(
          number(row[budget], .german) == used.map { $0 } ?? nil
            || (used != nil && abs((number(row[budget], .german) ?? -1) - used!) < 1e-9))
        i += 1
      }
    }
    let services = try read(SnapshotCSV.services(s, dialect: .plain))
    #expect(services.rows.count == s.report.data.offices.reduce(0) { $0 + $1.services.count })
    #expect(services.header.prefix(3) == ["id", "office", "name"])
  }

  @Test func excelDialectHasBOMSemicolonsAndCRLF() {
    let bytes = SnapshotCSV.offices(Fixture.sample, dialect: .excel)
    #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
    let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
    #expect(text.hasPrefix("id;number;name;"))
    #expect(text.hasSuffix("\r\n"))
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    let plain = SnapshotCSV.offices(Fixture.sample, dialect: .plain)
    #expect(plain.first == UInt8(ascii: "i"))
    #expect(!plain.contains(0x0D))
  }

  @Test func numbersHaveNoExponentAndTheDialectsSeparator() {
    #expect(SnapshotCSV.number(12, dialect: .excel) == "12")
    #expect(SnapshotCSV.number(-3.5, dialect: .excel) == "-3,5")
    #expect(SnapshotCSV.number(0.375, dialect: .plain) == "0.375")
    #expect(SnapshotCSV.number(1e-7, dialect: .plain) == "0.0000001")
    #expect(SnapshotCSV.number(-2.5e-8, dialect: .excel) == "-0,000000025")
    #expect(SnapshotCSV.number(1234567.25, dialect: .excel) == "1234567,25")
    #expect(SnapshotCSV.number(.nan, dialect: .excel) == "")
    // Issue 18: huge values are written out too (they were `1e+23`).
    #expect(SnapshotCSV.number(1e23, dialect: .plain) == "100000000000000000000000")
    #expect(SnapshotCSV.number(1.2345678901234568e+29, dialect: .excel) == "123456789012345680000000000000")
    #expect(SnapshotCSV.number(1e19 + 0.5e4, dialect: .plain) == "10000000000000004000")
  }

  @Test func formulaCellsAreNeutralised() {
    #expect(SnapshotCSV.neutralised("=HYPERLINK(\"http://x\",\"klick\")") == "'=HYPERLINK(\"http://x\",\"klick\")")
    for lead in ["+", "-", "@"] { #expect(SnapshotCSV.neutralised(lead + "1+1").hasPrefix("'" + lead)) }
    // A leading tab or carriage return becomes a space (one policy for untrusted text): no formula.
    for lead in ["\t", "\r"] { #expect(SnapshotCSV.neutralised(lead + "1+1") == " 1+1") }
    #expect(SnapshotCSV.neutralised("Bürgeramt = gut") == "Bürgeramt = gut")
    #expect(SnapshotCSV.neutralised("a\u{1B}[31mb") == "a␛[31mb")
    #expect(SnapshotCSV.neutralised("a\u{202E}b\nc") == "a\u{FFFD}b c")
  }

  @Test func labelHeadersAreForSpreadsheetUsers() throws {
    let (header, rows, _) = try read(SnapshotCSV.offices(Fixture.sample, CSVOptions(headers: .labels, language: .de)))
    #expect(header.contains("Alter offen P50 (Tage)"))
    #expect(header.contains("Digitalquote OZG (12 Wochen) (%)"))
    #expect(header.contains("Datenstand"))
    #expect(!header.contains { $0.contains("backlog.") })
    let share = try #require(header.firstIndex(of: "Digitalquote OZG (12 Wochen) (%)"))
    let weeks = try #require(header.firstIndex(of: "Wochen bis leer (Wochen)"))
    let report = Fixture.sample.report
    guard case .number(let value)? = report.value("ozg.digital_share_12w", at: .office(0)) else {
      Issue.record("no share")
      return
    }
    // In percent.
    #expect(
      rows[0][share] == SnapshotCSV.number((value * 100 * 10).rounded(.toNearestOrAwayFromZero) / 10, dialect: .excel))
    for row in rows {
      for cell in row where cell.first?.isNumber == true {
        let decimals = cell.split(separator: ",").dropFirst().first?.count ?? 0
        #expect(decimals <= 1, "\(cell)")  // rounded as on screen, never 38,666666666666664
      }
      #expect(!row[weeks].contains(",") || row[weeks].split(separator: ",")[1].count == 1)
    }
    let ids = try read(SnapshotCSV.offices(Fixture.sample, CSVOptions(headers: .ids)))
    #expect(ids.header.contains("backlog.age_p50"))
  }
}
