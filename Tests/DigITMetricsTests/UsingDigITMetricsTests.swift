import DigITCore
import DigITMetrics  // not @testable: the example uses only what another package can see
import Foundation
import Testing

/// The example of `UsingDigITMetrics.md` (DigITMetrics.docc) is this test's code, and its output is the
/// page's: change one and this test fails until the other follows.
@Suite struct UsingDigITMetricsTests {
  static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sources/DigITMetrics/DigITMetrics.docc/UsingDigITMetrics.md")

  /// The example's lines, printed into an array instead of stdout.
  static func runExample() -> [String] {
    var lines: [String] = []
    func print(_ line: String) { lines.append(line) }
    // BEGIN example (main.swift of UsingDigITMetrics.md, after the imports)
    // One office with one project, ten backlog items and one OZG service, as of Sunday 22.11.2026.
    let asOf = Day(year: 2026, month: 11, day: 22)!

    var office = Office(id: "buergeramt", name: "Bürgeramt", number: "33", coordinator: "C. Hoffmann")
    office.projects = [
      Project(
        id: "P-33-001", officeID: "buergeramt", title: "Wohnsitzanmeldung online", status: .active,
        due: Day(year: 2026, month: 12, day: 31), budgetPlanned: 100_000, budgetSpent: 60_000)
    ]
    // Ten items created on 1 September; six closed: three on 5 October, one each on 2, 9 and 16 November.
    let closings = [(2026, 10, 5), (2026, 10, 5), (2026, 10, 5), (2026, 11, 2), (2026, 11, 9), (2026, 11, 16)]
    for i in 0..<10 {
      let closed = i < closings.count ? Day(year: closings[i].0, month: closings[i].1, day: closings[i].2) : nil
      office.backlog.append(
        BacklogItem(
          project: 0, id: office.texts.append("B-\(i + 1)"), title: office.texts.append("Schritt \(i + 1)"),
          labels: office.labels.intern(type: "task", priority: "mittel"),
          created: Day(year: 2026, month: 9, day: 1)!, closed: closed, points: nil))
    }
    // One service: 60 applications online and 40 on paper in each of the last 12 weeks.
    office.services = [OZGService(id: "99115005070000", name: "Wohnsitz anmelden")]
    for w in 0..<12 {
      office.ozg.append(
        OZGWeek(
          service: 0, week: asOf.isoWeek.adding(weeks: -w), maturity: 3, online: 60, paper: 40, completed: 95,
          pending: 120, medianDays: 9))
    }

    let data = DataSet(city: City(name: "Musterstadt"), offices: [office])
    let report = Aggregator(data).report(asOf: asOf)

    let english = MetricFormatter(language: .en)
    for id in ["projects.open", "backlog.open", "backlog.closed_4w", "ozg.digital_share_12w", "ozg.services_online"] {
      let metric = report.catalog[id]!
      print("\(metric.label(.en)): \(english.format(report.value(id, at: .city), unit: metric.unit))")
    }
    let project = ScopeRef.project(0, 0)
    for id in ["project.rag", "project.progress", "project.forecast_p85"] {
      let metric = report.catalog[id]!
      print("\(metric.label(.en)): \(english.format(report.value(id, at: project), unit: metric.unit))")
    }
    for reason in report.facts(at: project).project?.reasons ?? [] {
      print("  because: \(reason.text(.en))")
    }
    // Week over week: the same data as of 7 days earlier.
    print("Open backlog, change on the week before: \(english.number(report.change("backlog.open", at: .city) ?? 0))")
    // END example
    return lines
  }

  /// The fenced blocks of the page, in order.
  static func blocks() throws -> [String] {
    let text = try String(contentsOf: page, encoding: .utf8)
    var blocks: [String] = []
    var current: [String]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") {
        if let c = current {
          blocks.append(c.joined(separator: "\n"))
          current = nil
        } else {
          current = []
        }
      } else {
        current?.append(String(line))
      }
    }
    return blocks
  }

  @Test func pageShowsThisTestsCode() throws {
    let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    let begin = try #require(source.range(of: "// BEGIN example"))
    let end = try #require(source.range(of: "    // END example"))
    let lines = source[begin.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
      .dropFirst().dropLast()
      .map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : String($0) }
    let code = "import DigITCore\nimport DigITMetrics\n\n" + lines.joined(separator: "\n")
    #expect(try Self.blocks().contains(code), "UsingDigITMetrics.md's main.swift differs from UsingDigITMetricsTests")
  }

  @Test func pageShowsTheOutput() throws {
    let output = Self.runExample().joined(separator: "\n")
    #expect(
      try Self.blocks().contains(output), "UsingDigITMetrics.md's output is not what the example prints:\n\(output)")
    #expect(output.contains("RAG status: amber"))
  }
}
