import DigITCore
import DigITFeeds
import DigITMetrics
import Testing

@testable import DigITDashboard

/// Every mistake in a dashboard definition is reported in German too (the dashboard's default language).
@Suite struct DashboardLoaderGermanTests {
  static let (load, report) = Sample.loaded

  static func parse(_ yaml: String) -> [Diagnostic] {
    DashboardLoader.parse(
      yaml, file: "test.yaml", catalog: report.catalog, offices: report.data.offices.map(\.id)
    ).diagnostics
  }

  static let broken = [
    "title: T\nscope: {office: buergeramtt}\nrows:\n  - panels:\n      - kind: text\n        text: x\n",
    "title: T\nscope: land\nrows: []\n",
    "title: T\norder: 500\ncolour: red\nrows:\n  - height: x\n    panels:\n      - kind: tiles\n        metrics: [backlog.opne, ozg.digital_share_weekly]\n",
    "title: T\nrows:\n  - panels:\n      - kind: chart\n        metric: ozg.digital_share_weekly\n        style: pie\n",
    "title: T\nrows:\n  - panels:\n      - kind: table\n        rows: projectz\n",
    "title: T\nrows:\n  - panels:\n      - kind: table\n        rows: projects\n        sort: budget\n        filter:\n          rag: [purple]\n          overdue: vielleicht\n",
    "title: T\nrows:\n  - panels:\n      - kind: graph\n",
    "title: T\nrows:\n  - panels:\n      - kind: text\n",
    "title: T\nrows:\n  - panels:\n      - kind: briefing\n        sections: [movers, gossip]\n",
    "title: T\nrows:\n  - panels:\n      - kind: heatmap\n        measure: weather\n",
    "rows: [\n",
    "- a\n",
  ]

  @Test func everyMistakeHasAGermanMessageOfItsOwn() {
    var all: [Diagnostic] = []
    for yaml in Self.broken {
      let diagnostics = Self.parse(yaml)
      #expect(!diagnostics.isEmpty, "\(yaml)")
      for d in diagnostics {
        let german = d.german ?? ""
        #expect(!german.isEmpty && german != d.message, "no German text of its own: \(d.description)")
      }
      all += diagnostics
    }
    let german = all.compactMap(\.german)
    #expect(german.contains { $0.hasPrefix("es gibt kein Amt „buergeramtt“ (meinten Sie „buergeramt“?)") })
    #expect(
      german.contains(
        "unbekannte Kennzahl-Kennung „backlog.opne“ (meinten Sie „backlog.open“?); `digit metrics` führt alle auf"))
    #expect(german.contains("ozg.digital_share_weekly ist eine Reihe, kein Einzelwert"))
    #expect(german.contains("„pie“ ist weder sparkline noch bars noch line (meinten Sie „line“?)"))
  }

  @Test func aBrokenTabShowsItsProblemsInTheUILanguage() {
    var s = Sample.state(width: 200, height: 40)
    s.tabs[s.tabIndex] = DashboardTab(file: "kaputt.yaml", spec: nil, diagnostics: Self.parse(Self.broken[0]))
    let german = Renderer.render(s).description
    #expect(german.contains("test.yaml:2: Fehler: scope.office: es gibt kein Amt „buergeramtt“"))
    s.language = .en
    let english = Renderer.render(s).description
    #expect(english.contains("test.yaml:2: error: scope.office: there is no office \"buergeramtt\""))
  }
}
