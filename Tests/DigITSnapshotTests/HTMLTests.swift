import DigITCore
import DigITMetrics
import DigITTestSupport
import Foundation
import Testing

@testable import DigITSnapshot

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct HTMLTests {
  // MARK: - Escaping

  static let hostile = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='",
    "&amp;",
    "\u{1B}[31mrot\u{1B}[0m",
    "Glocke\u{07}",
    "abc\u{202E}fed",
    "Zeile 1\nZeile 2\r\nTab\tEnde",
    "Bürgeramt Größe",
  ]
  static let hostileText = hostile.joined(separator: " | ")

  /// Hostile text in every place a document can carry text.
  static func hostileDocument() -> ReportDocument {
    let h = hostileText
    return ReportDocument(
      title: h,
      subtitle: [Inline(h), .code(h), .strong(h)],
      sections: [
        Section(
          id: "x\"><script>alert(1)</script>",
          title: h,
          blocks: [
            .subheading(h),
            .paragraph([Inline(h, rag: .red), Inline(h, tone: -1)]),
            .bullets(hostile.map { [Inline($0)] }),
            .table(
              ReportTable(
                header: [h, h], align: [.left, .right], rows: hostile.map { [[Inline($0)], [Inline($0, .code)]] },
                emptyText: h, note: h)),
            .table(ReportTable(header: [h], align: [.left], rows: [], emptyText: h, note: nil)),
            .chart(
              .lines(
                title: h, x: hostile,
                series: [ChartSeries(name: h, values: hostile.indices.map { Double($0) }, colour: 0)],
                unit: h, target: ChartTarget(value: 2, label: h))),
            .chart(
              .bars(
                title: h, items: hostile.map { ChartBar(label: $0, value: 1, shown: $0) }, maximum: 2, unit: h,
                target: ChartTarget(value: 1.5, label: h))),
            .chart(
              .groupedBars(
                title: h, groups: hostile, series: [ChartSeries(name: h, values: hostile.map { _ in 3 }, colour: 1)],
                maximum: 5, unit: h, target: ChartTarget(value: 4, label: h))),
          ])
      ],
      language: .de)
  }

  @Test func hostileTextIsEscapedEverywhere() throws {
    let bytes = SnapshotHTML.render(Self.hostileDocument())
    let html = try #require(String(validating: bytes, as: UTF8.self))
    #expect(!html.contains("<script"))
    #expect(!html.contains("<img"))
    #expect(!html.contains(" onerror="))
    #expect(!html.contains(" onmouseover="))
    #expect(!html.contains("\u{202E}"))
    #expect(!bytes.contains(0x1B))
    #expect(!bytes.contains(0x07))
    // No control bytes at all except the newlines between elements.
    #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A })
    #expect(html.contains("Bürgeramt Größe"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;"))
    #expect(html.contains("&#39; onmouseover&#61;&#39;"))
    #expect(html.contains("&amp;amp;"))
    #expect(html.contains("␛[31mrot"))
    #expect(html.contains("Zeile 1 Zeile 2  Tab Ende"))
    // In the SVG too (chart labels, series names, bar values).
    let svg = Self.svgParts(html).joined()
    #expect(svg.contains("&lt;script&gt;"))
    #expect(svg.contains("Bürgeramt Größe"))
    // No tag anywhere carries an event handler, and every `<` starts a tag we write.
    let tags = Self.tags(html)
    for tag in tags {
      for name in tag.attributes {
        #expect(!name.hasPrefix("on"), "attribute \(name) on <\(tag.name)>")
      }
    }
    let allowed: Set<String> = [
      "!doctype", "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "p", "section",
      "span", "strong", "code", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "svg",
      "g", "path", "line", "rect", "circle", "text", "wbr",
    ]
    #expect(Set(tags.map(\.name)).subtracting(allowed).isEmpty, "\(Set(tags.map(\.name)).subtracting(allowed))")
    #expect(html.contains("<section id=\"x---script-alert-1---script-\""))
  }

  @Test func escapeReplacesControlsBidiAndInvisibleCharacters() {
    #expect(SnapshotHTML.escape("a&b<c>d\"e'f=g`h") == "a&amp;b&lt;c&gt;d&quot;e&#39;f&#61;g&#96;h")
    #expect(SnapshotHTML.escape("a\tb\nc\rd\u{85}e\u{2028}f") == "a b c d e f")
    #expect(SnapshotHTML.escape("\u{0}\u{1B}\u{7F}\u{9B}") == "\u{FFFD}␛\u{FFFD}\u{FFFD}")
    #expect(SnapshotHTML.escape("\u{202A}\u{202E}\u{2066}\u{2069}") == "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}")
    #expect(SnapshotHTML.escape("a\u{200B}b\u{200F}c\u{FEFF}d\u{2060}e") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e")
    // Noncharacters cannot be written as literals.
    let nonCharacters = String(
      String.UnicodeScalarView([0x78, 0xFFFE, 0x79, 0xFDD0, 0x1FFFF].compactMap(Unicode.Scalar.init)))
    #expect(SnapshotHTML.escape(nonCharacters) == "x\u{FFFD}y\u{FFFD}\u{FFFD}")
    #expect(SnapshotHTML.escape("Bürgeramt Größe ● ◐ ○ – € 😀") == "Bürgeramt Größe ● ◐ ○ – € 😀")
  }

  @Test func longWordsInTableCellsGetBreakOpportunities() throws {
    #expect(SnapshotHTML.escapeBreakingLongWords("kurz und gut", limit: 4) == "kurz und gut")
    #expect(SnapshotHTML.escapeBreakingLongWords("abcdefghij k", limit: 4) == "abcd<wbr>efgh<wbr>ij k")
    #expect(SnapshotHTML.escapeBreakingLongWords("ab/cdefgh k", limit: 4) == "ab/<wbr>cdef<wbr>gh k")
    #expect(SnapshotHTML.escapeBreakingLongWords("<<<<<", limit: 4) == "&lt;&lt;&lt;&lt;<wbr>&lt;")
    #expect(SnapshotHTML.escapeBreakingLongWords("a=b=c=", limit: 4) == "a&#61;<wbr>b&#61;<wbr>c&#61;")
    let path = "/srv/digit/daten/offices/amt-33-buergeramt/backlog-2026-11.csv"
    let document = ReportDocument(
      title: "T", subtitle: [],
      sections: [
        Section(
          id: "s", title: "S",
          blocks: [
            .paragraph([.code(path)]), .table(ReportTable(header: ["Datei"], align: [.left], rows: [[[.code(path)]]])),
          ])
      ], language: .de)
    let html = try #require(String(validating: SnapshotHTML.render(document), as: UTF8.self))
    #expect(html.contains("<p><code>\(path)</code></p>"))
    #expect(
      html.contains(
        "<td><code>/<wbr>srv/<wbr>digit/<wbr>daten/<wbr>offices/<wbr>amt-<wbr>33-<wbr>buergeramt/<wbr>backlog-<wbr>2026-<wbr>11.<wbr>csv</code></td>"
      ))
  }

  @Test func truncatesLongLabels() {
    #expect(SnapshotHTML.truncate("kurz", 40) == "kurz")
    let long = String(repeating: "Größe ", count: 20)
    let cut = SnapshotHTML.truncate(long, 40)
    #expect(cut.count <= 40)
    #expect(cut == String(repeating: "Größe ", count: 6) + "Grö…")
  }

  // MARK: - Self-contained

  @Test(arguments: [false, true]) func noScriptsAndNoExternalResources(hostile: Bool) throws {
    let document = hostile ? Self.hostileDocument() : Self.sampleDocument()
    let html = try #require(String(validating: SnapshotHTML.render(document), as: UTF8.self))
    let lower = html.lowercased()
    #expect(!lower.contains("<script"))
    #expect(!lower.contains("javascript:"))
    #expect(!lower.contains("<link"))
    #expect(!lower.contains("<img"))
    #expect(!lower.contains("@import"))
    #expect(!lower.contains("url("))
    let namespace = "http://www.w3.org/2000/svg"
    let withoutNamespace = lower.replacingOccurrences(of: namespace, with: "")
    #expect(!withoutNamespace.contains("http://"))
    #expect(!withoutNamespace.contains("https://"))
    #expect(lower.contains("content-security-policy"))
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"))
  }

  // MARK: - Structure

  @Test func rendersTheDocumentStructure() throws {
    let html = try #require(String(validating: SnapshotHTML.render(Self.sampleDocument()), as: UTF8.self))
    #expect(html.contains("<title>DigIT-Lagebild Mainz – KW 48/2026</title>"))
    #expect(html.contains("<h1>DigIT-Lagebild Mainz – KW 48/2026</h1>"))
    #expect(html.contains("<p class=\"subtitle\">"))
    #expect(html.contains("<section id=\"projects\" class=\"keep\">\n<h2>Projekte mit Handlungsbedarf</h2>"))
    #expect(html.contains("<h3>"))
    #expect(html.contains("<ul>\n<li>"))
    #expect(html.contains("<thead>\n<tr><th scope=\"col\">Projekt</th>"))
    #expect(html.contains("<th scope=\"col\" class=\"num\">Fortschritt</th>"))
    #expect(html.contains("<td class=\"num\">"))
    #expect(html.contains("<span class=\"rag rag-red\">●\u{A0}rot</span>"))
    #expect(html.contains("<span class=\"rag rag-amber\">◐\u{A0}gelb</span>"))
    #expect(html.contains("<span class=\"good\">"))
    #expect(html.contains("<span class=\"bad\">"))
    #expect(html.contains("<strong>"))
    #expect(html.contains("<code>"))
    #expect(html.contains("<p class=\"empty\">Keine offenen Fehler in den Feeds.</p>"))
    #expect(html.contains("<p class=\"note\">… und 12 weitere</p>"))
    #expect(html.contains("@page { size: A4; margin: 15mm; }"))
    #expect(html.contains("@media print"))
    #expect(html.contains("thead { display: table-header-group; }"))
    #expect(html.contains("break-inside: avoid"))
    #expect(html.hasSuffix("</html>\n"))

    let english = try #require(
      String(
        validating: SnapshotHTML.render(ReportDocument(title: "T", subtitle: [], sections: [], language: .en)),
        as: UTF8.self))
    #expect(english.contains("<html lang=\"en\">"))
  }

  @Test func ragSymbolIsAddedOnlyWhenMissing() throws {
    let document = ReportDocument(
      title: "T", subtitle: [],
      sections: [
        Section(
          id: "s", title: "S",
          blocks: [.paragraph([Inline("● rot", rag: .red), Inline("grün", rag: .green), Inline("", rag: .amber)])])
      ], language: .de)
    let html = try #require(String(validating: SnapshotHTML.render(document), as: UTF8.self))
    #expect(html.contains("<span class=\"rag rag-red\">● rot</span>"))
    #expect(html.contains("<span class=\"rag rag-green\">○\u{A0}grün</span>"))
    #expect(html.contains("<span class=\"rag rag-amber\">◐</span>"))
  }

  // MARK: - Target lines

  @Test func aTargetIsADashedLineWithItsLabelInEveryChartKind() throws {
    let label = "Ziel 2027: 72,0 <&>"
    let target = ChartTarget(value: 150, label: label)
    let series = [ChartSeries(name: "s", values: [10, 40, 90], colour: 0)]
    let charts: [Chart] = [
      .lines(title: "l", x: ["A", "B", "C"], series: series, unit: "", target: target),
      .bars(title: "b", items: [ChartBar(label: "a", value: 40, shown: "40")], maximum: 100, unit: "%", target: target),
      .groupedBars(title: "g", groups: ["A", "B", "C"], series: series, maximum: 100, unit: "", target: target),
    ]
    let document = ReportDocument(
      title: "t", subtitle: [], sections: [Section(id: "c", title: "c", blocks: charts.map { .chart($0) })],
      language: .de)
    let html = try #require(String(validating: SnapshotHTML.render(document), as: UTF8.self))
    let svgs = Self.svgParts(html)
    #expect(svgs.count == 3)
    for svg in svgs {
      #expect(svg.components(separatedBy: "<line class=\"target\"").count == 2)
      #expect(svg.contains("<text class=\"target\""))
      #expect(svg.contains(">Ziel 2027: 72,0 &lt;&amp;&gt;</text>"))
      // A target above every value widens the scale: its line lies inside the plot (no negative y).
      let line = try #require(svg.components(separatedBy: "<line class=\"target\"").last)
      #expect(!line.prefix(80).contains("=\"-"))
      #expect(svg.contains(">160</text>") || svg.contains(">150</text>") || svg.contains(">200</text>"))
    }
    #expect(html.contains("stroke-dasharray"))
    // Without a target, no target line.
    let plain = try #require(String(validating: SnapshotHTML.render(Self.sampleDocument()), as: UTF8.self))
    #expect(!plain.contains("class=\"target\""))
  }

  @Test func everyChartKindIsAnAccessibleSVG() throws {
    let html = try #require(String(validating: SnapshotHTML.render(Self.sampleDocument()), as: UTF8.self))
    let svgs = Self.svgParts(html)
    #expect(svgs.count == 4)
    for svg in svgs {
      #expect(svg.hasPrefix("<svg class=\"plot\" viewBox=\"0 0 720.0 "))
      #expect(svg.contains("width=\"100%\""))
      #expect(svg.contains("role=\"img\" aria-label=\""))
      #expect(svg.contains("<title>"))
    }
    #expect(html.components(separatedBy: "<figure class=\"chart\">").count == 5)
    #expect(html.contains("<figcaption>Rückstand: neu vs. erledigt (26 Wochen)</figcaption>"))
    #expect(svgs[0].contains("<path d=\"M"))
    #expect(svgs[2].contains("<rect "))
    #expect(svgs[2].contains(">Amt 33 – Bürgeramt</text>"))
    #expect(svgs[2].contains(">–</text>"))
    #expect(svgs[3].contains(">2023</text>"))
    // Legends for lines and grouped bars.
    #expect(html.components(separatedBy: "<ul class=\"legend\">").count == 4)
  }

  // MARK: - Determinism and degenerate input

  @Test func renderingIsDeterministic() {
    let a = SnapshotHTML.render(Self.sampleDocument())
    let b = SnapshotHTML.render(Self.sampleDocument())
    #expect(a == b)
    #expect(a.last == 0x0A)
    #expect(SnapshotHTML.render(Self.degenerateDocument()) == SnapshotHTML.render(Self.degenerateDocument()))
  }

  static func degenerateDocument() -> ReportDocument {
    let many = (0..<500).map { ChartBar(label: "Posten \($0)", value: Double($0 % 17) - 3, shown: "\($0)") }
    let charts: [Chart] = [
      .lines(title: "", x: [], series: [], unit: ""),
      .lines(title: "leer", x: ["A", "B"], series: [], unit: "x"),
      .lines(
        title: "alle nil", x: ["A", "B", "C"], series: [ChartSeries(name: "s", values: [nil, nil, nil], colour: 0)],
        unit: ""),
      .lines(
        title: "null", x: ["A", "B", "C"], series: [ChartSeries(name: "s", values: [0, 0, 0], colour: 1)], unit: ""),
      .lines(title: "ein Punkt", x: ["A"], series: [ChartSeries(name: "s", values: [5], colour: 2)], unit: ""),
      .lines(
        title: "negativ", x: ["A", "B", "C", "D"],
        series: [ChartSeries(name: "s", values: [-5, nil, 3, -0.2], colour: -7)], unit: ""),
      .lines(
        title: "kaputt", x: ["A", "B", "C"],
        series: [ChartSeries(name: "s", values: [.nan, .infinity, -.infinity, 1e300, -1e300], colour: 99)], unit: ""),
      .lines(
        title: "winzig", x: ["A", "B"], series: [ChartSeries(name: "s", values: [1e-300, 2e-300], colour: 3)], unit: ""),
      .lines(
        title: "viele", x: (0..<400).map { "W\($0)" },
        series: [ChartSeries(name: "s", values: (0..<400).map { $0 % 7 == 0 ? nil : Double($0) }, colour: 0)], unit: ""),
      .bars(title: "", items: [], maximum: 0, unit: ""),
      .bars(title: "max 0", items: [ChartBar(label: "a", value: 0, shown: "0")], maximum: 0, unit: "%"),
      .bars(
        title: "negativ",
        items: [ChartBar(label: "a", value: -5, shown: "-5"), ChartBar(label: "b", value: nil, shown: "")],
        maximum: 10, unit: ""),
      .bars(
        title: "kaputt",
        items: [ChartBar(label: "a", value: .nan, shown: "?"), ChartBar(label: "b", value: .infinity, shown: "?")],
        maximum: .nan, unit: ""),
      .bars(title: "zu groß", items: [ChartBar(label: "a", value: 150, shown: "150")], maximum: 100, unit: ""),
      .bars(title: "viele", items: many, maximum: 20, unit: ""),
      .groupedBars(title: "", groups: [], series: [], maximum: 0, unit: ""),
      .groupedBars(
        title: "nil", groups: ["2023"], series: [ChartSeries(name: "a", values: [nil], colour: 0)], maximum: 0, unit: ""
      ),
      .groupedBars(
        title: "negativ", groups: ["2023", "2024"], series: [ChartSeries(name: "a", values: [-3, 0], colour: 0)],
        maximum: -1,
        unit: ""),
      .groupedBars(
        title: "ungleich", groups: ["2023"], series: [ChartSeries(name: "a", values: [1, 2, 3, .nan], colour: 2)],
        maximum: .infinity, unit: ""),
      .groupedBars(
        title: "viele", groups: (0..<60).map { "\(2000 + $0)" },
        series: (0..<12).map { s in ChartSeries(name: "s\(s)", values: (0..<60).map { Double($0 * s % 90) }, colour: s)
        },
        maximum: 100, unit: "Punkte"),
    ]
    return ReportDocument(
      title: "Grenzfälle", subtitle: [],
      sections: [
        Section(id: "", title: "", blocks: charts.map(Block.chart)), Section(id: "", title: "Zwei", blocks: []),
      ],
      language: .en)
  }

  @Test func degenerateChartsStayFinite() throws {
    let bytes = SnapshotHTML.render(Self.degenerateDocument())
    let html = try #require(String(validating: bytes, as: UTF8.self))
    if let keep = ProcessInfo.processInfo.environment["DIGIT_HTML_ARTIFACTS"], !keep.isEmpty {
      try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: keep).appendingPathComponent("degenerate.html"))
      try Data(SnapshotHTML.render(Self.hostileDocument())).write(
        to: URL(fileURLWithPath: keep).appendingPathComponent("hostile.html"))
    }
    let svgs = Self.svgParts(html)
    #expect(svgs.count == 20)
    for svg in svgs {
      let lower = svg.lowercased()
      #expect(!lower.contains("nan"))
      #expect(!lower.contains("inf"))
      #expect(!lower.contains("∞"))
    }
    // Every numeric attribute is a finite number; sizes are not negative.
    let numeric: Set<String> = [
      "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "stroke-width", "rx",
    ]
    var checked = 0
    for tag in Self.tags(svgs.joined()) where tag.name != "svg" {
      for (name, value) in zip(tag.attributes, tag.values) where numeric.contains(name) {
        let number = try #require(Double(value), "\(name)=\"\(value)\" in <\(tag.name)>")
        #expect(number.isFinite)
        if ["width", "height", "r"].contains(name) { #expect(number >= 0) }
        checked += 1
      }
      if tag.name == "path", let i = tag.attributes.firstIndex(of: "d") {
        let numbers = tag.values[i].split { $0 == "M" || $0 == "L" || $0 == " " }
        for n in numbers { #expect(Double(n)?.isFinite == true, "path \(n)") }
      }
    }
    #expect(checked > 1000)
    #expect(html.contains("No data"))
    // Too tall to keep together: the first section may break; the empty second one is kept.
    #expect(html.contains("<section id=\"section-1\">"))
    #expect(html.contains("<section id=\"section-2\" class=\"keep\">"))
  }

  // MARK: - Numbers

  @Test func fixedDecimals() {
    #expect(SnapshotHTML.fixed(12.345, 1) == "12.3")
    #expect(SnapshotHTML.fixed(12.35, 1) == "12.4")
    #expect(SnapshotHTML.fixed(-1.25, 1) == "-1.3")
    #expect(SnapshotHTML.fixed(-0.04, 1) == "0.0")
    #expect(SnapshotHTML.fixed(-0.0, 1) == "0.0")
    #expect(SnapshotHTML.fixed(0.05, 2) == "0.05")
    #expect(SnapshotHTML.fixed(0.5, 0) == "1")
    #expect(SnapshotHTML.fixed(720, 1) == "720.0")
    #expect(SnapshotHTML.fixed(1234567.891, 3) == "1234567.891")
    #expect(SnapshotHTML.fixed(.nan, 1) == "0.0")
    #expect(SnapshotHTML.fixed(.infinity, 0) == "0")
    #expect(SnapshotHTML.fixed(1e300, 0) == "1000000000000000")
    #expect(SnapshotHTML.fixed(-1e300, 1) == "-1000000000000000.0")
  }

  @Test func niceScales() {
    func ticks(_ lo: Double, _ hi: Double) -> [Double] { SnapshotHTML.niceScale(minimum: lo, maximum: hi).ticks }
    #expect(ticks(0, 100) == [0, 20, 40, 60, 80, 100])
    #expect(ticks(3, 37) == [0, 10, 20, 30, 40])
    #expect(ticks(-12, 40) == [-20, 0, 20, 40])
    #expect(ticks(0, 0) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    #expect(ticks(-5, -1) == [-5, -4, -3, -2, -1, 0])
    #expect(ticks(0, 0.37) == [0, 0.1, 0.2, 0.30000000000000004, 0.4])
    #expect(SnapshotHTML.niceScale(minimum: 0, maximum: 0.37).decimals == 1)
    #expect(SnapshotHTML.niceScale(minimum: 0, maximum: 370).decimals == 0)
    #expect(SnapshotHTML.niceScale(minimum: .nan, maximum: .infinity).hi.isFinite)
    var x = 0.7
    for _ in 0..<300 {
      x = x * 1.37 + 0.11
      let scale = SnapshotHTML.niceScale(minimum: -x / 3, maximum: x)
      #expect((3...6).contains(scale.ticks.count), "\(x): \(scale.ticks)")
      #expect(scale.lo <= -x / 3 && scale.hi >= x && scale.ticks.contains(0))
      if x > 1e14 { break }
    }
  }

  // MARK: - Chromium (optional)

  @Test(
    .enabled(if: HTMLTests.chromium != nil, "chromium is not installed"), .timeLimit(.minutes(5)),
    .tags(.chromium, .slow))
  func chromiumRendersScreenshotAndPDF() async throws {
    let chromium = try #require(Self.chromium)
    let keep = ProcessInfo.processInfo.environment["DIGIT_HTML_ARTIFACTS"]
    let folder: URL
    if let keep, !keep.isEmpty {
      folder = URL(fileURLWithPath: keep, isDirectory: true)
    } else {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "digit-html-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { if keep == nil || keep?.isEmpty == true { try? FileManager.default.removeItem(at: folder) } }
    let page = folder.appendingPathComponent("report.html")
    let png = folder.appendingPathComponent("report.png")
    let pdf = folder.appendingPathComponent("report.pdf")
    try? FileManager.default.removeItem(at: png)
    try? FileManager.default.removeItem(at: pdf)
    // The report exactly as `digit export` writes it for the sample city.
    try Data(SnapshotHTML.render(SummaryReport.build(Fixture.sample, language: .de, charts: true))).write(to: page)

    let common = [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
      "--no-default-browser-check", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
    ]
    let shot = try await Self.run(
      chromium, common + ["--screenshot=\(png.path)", "--window-size=1200,1800", page.absoluteString],
      log: folder.appendingPathComponent("screenshot.log").path, timeout: 60)
    #expect(shot == 0)
    let image = try Data(contentsOf: png)
    #expect(image.count > 8 * 1024)
    #expect(Array(image.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])

    let print = try await Self.run(
      chromium, common + ["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer", page.absoluteString],
      log: folder.appendingPathComponent("pdf.log").path, timeout: 60)
    #expect(print == 0)
    let document = try Data(contentsOf: pdf)
    #expect(Array(document.prefix(4)) == Array("%PDF".utf8))
    // A4 pages (595 × 842 points), a sensible number of them.
    let text = String(decoding: document, as: UTF8.self)
    let pages =
      text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
    #expect((2...20).contains(pages), "\(pages) pages")
    #expect(text.contains("/MediaBox [0 0 595") || text.contains("/MediaBox [0 0 594"), "not A4")
  }

  /// The first `chromium` or `chromium-browser` on `PATH`.
  static let chromium: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      for name in ["chromium", "chromium-browser"] {
        let candidate = "\(directory)/\(name)"
        if access(candidate, X_OK) == 0 { return candidate }
      }
    }
    return nil
  }()

  enum RunError: Error {
    case spawn(Int32)
    case timeout
  }

  /// Runs `executable` in its own process group with output to `log`; kills the group after `timeout`
  /// seconds (and always once it has exited, for stray helpers). Returns the exit status.
  static func run(_ executable: String, _ arguments: [String], log: String, timeout: Double) async throws -> Int32 {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = (log as NSString).deletingLastPathComponent
    let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in envp { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard spawned == 0 else { throw RunError.spawn(spawned) }
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(timeout)
    var status: Int32 = 0
    while true {
      let done = waitpid(pid, &status, WNOHANG)
      if done == pid { break }
      if done < 0 { break }
      if clock.now >= deadline {
        kill(-pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        throw RunError.timeout
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    kill(-pid, SIGKILL)
    // WIFEXITED / WEXITSTATUS by hand (macros are not imported).
    return status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
  }

  // MARK: - A realistic report

  static func sampleDocument() -> ReportDocument {
    // A small deterministic generator, so the sample looks lively but never changes.
    var seed: UInt64 = 0x5EED_D161
    func noise() -> Double {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double((seed >> 33) % 1000) / 1000
    }
    let weeks = (23...48).map { "W\($0)" }
    let created = weeks.indices.map { i -> Double? in i == 17 ? nil : (38 + 10 * noise() + Double(i) * 0.4).rounded() }
    let closed = weeks.indices.map { i -> Double? in i == 17 ? nil : (30 + 12 * noise() + Double(i) * 0.7).rounded() }
    let online = weeks.indices.map { i -> Double? in (118 + Double(i) * 5.5 + 14 * noise()).rounded() }
    let paper = weeks.indices.map { i -> Double? in (212 - Double(i) * 3.6 + 12 * noise()).rounded() }
    let offices = [
      "Amt 10 – Hauptamt", "Amt 11 – Personal- und Organisationsamt", "Amt 12 – Amt für Digitalisierung und IT",
      "Amt 20 – Finanzverwaltung", "Amt 30 – Rechtsamt", "Amt 32 – Ordnungsamt", "Amt 33 – Bürgeramt",
      "Amt 37 – Feuerwehr", "Amt 40 – Schulamt", "Amt 50 – Amt für soziale Leistungen", "Amt 51 – Jugendamt",
      "Amt 53 – Gesundheitsamt", "Amt 61 – Stadtplanungsamt", "Amt 66 – Tiefbauamt",
    ]
    let shares: [Double?] = [71.4, 48.2, 92.6, 63.0, 35.8, 57.3, 81.9, 22.4, 44.7, 39.1, 52.6, nil, 66.2, 28.5]
    let de = MetricFormatter(language: .de)
    let bars = zip(offices, shares).map { office, share in
      ChartBar(label: office, value: share, shown: share.map { de.number($0, decimals: 1) + " %" } ?? "keine Daten")
    }
    let areas = ["Verwaltungsleistungen", "Infrastruktur", "Daten und Transparenz", "Kompetenzen", "Organisation"]
    let scores: [[Double?]] = [[41, 52, 63], [55, 58, 66], [28, 37, 49], [46, 50, 57], [38, 47, 55]]
    var series = zip(areas, scores).enumerated().map { i, pair in ChartSeries(name: pair.0, values: pair.1, colour: i) }
    series[4].colour = 6
    series.append(ChartSeries(name: "Gesamt", values: [41.6, 48.8, 58.0], colour: 4))

    func cell(_ text: String, _ style: Inline.Style = .plain, rag: RAG? = nil, tone: Int = 0) -> [Inline] {
      [Inline(text, style, rag: rag, tone: tone)]
    }
    let projects = ReportTable(
      header: ["Projekt", "Amt", "Status", "Fortschritt", "Budget", "Grund"],
      align: [.left, .left, .left, .right, .right, .left],
      rows: [
        [
          cell("E-Akte Einführung Phase 2"), cell("12"), cell("rot", rag: .red), cell("38 %"), cell("1.240.000 €"),
          cell("blockiert: Schnittstelle DMS"),
        ],
        [
          cell("Online-Terminvergabe Bürgeramt"), cell("33"), cell("rot", rag: .red), cell("71 %"), cell("186.500 €"),
          cell("überfällig seit 15.11.2026"),
        ],
        [
          cell("Digitale Bauakte"), cell("61"), cell("gelb", rag: .amber), cell("54 %"), cell("420.000 €"),
          cell("Prognose P85 nach Fälligkeit"),
        ],
        [
          cell("WLAN an Schulen – Los 3"), cell("40"), cell("gelb", rag: .amber), cell("62 %"), cell("2.150.000 €"),
          cell("Meilenstein „Ausschreibung“ überfällig"),
        ],
        [
          cell("Fachverfahren Jugendhilfe"), cell("51"), cell("gelb", rag: .amber), cell("47 %"), cell("310.000 €"),
          cell("seit 34 Tagen nicht aktualisiert"),
        ],
      ],
      emptyText: "Keine roten oder gelben Projekte.", note: "… und 12 weitere")
    let kpis = ReportTable(
      header: ["Kennzahl", "Wert", "Vorwoche", "Änderung"],
      align: [.left, .right, .right, .right],
      rows: [
        [cell("Offene Vorgänge (Rückstand)"), cell("1.284"), cell("1.301"), cell("−17", tone: 1)],
        [cell("Durchlaufzeit P85"), cell("23 Tage"), cell("21 Tage"), cell("+2 Tage", tone: -1)],
        [cell("OZG-Anteil online"), cell("58,3 %"), cell("56,9 %"), cell("+1,4 Pkt.", tone: 1)],
        [cell("Projekte rot"), cell("2"), cell("2"), cell("±0")],
      ])
    return ReportDocument(
      title: "DigIT-Lagebild Mainz – KW 48/2026",
      subtitle: [
        Inline("Stand 27.11.2026 · Datenquelle "), .code("/srv/digit/daten"),
        Inline(" · erstellt am 27.11.2026, 06:00 Uhr"),
      ],
      sections: [
        Section(
          id: "summary", title: "Auf einen Blick",
          blocks: [
            .paragraph([
              Inline("Der Rückstand sank um "), .strong("17 Vorgänge"), Inline(" auf 1.284. "),
              Inline("2 Projekte", rag: .red), Inline(" sind rot, "), Inline("3 Projekte", rag: .amber),
              Inline(" gelb."),
            ]),
            .table(kpis),
            .bullets([
              [Inline("Amt 33 – Bürgeramt: Online-Terminvergabe "), Inline("überfällig", rag: .red)],
              [Inline("OZG-Anteil online erstmals über 58 % ("), Inline("+1,4 Pkt.", tone: 1), Inline(")")],
              [Inline("Feed "), .code("amt-53/backlog.csv"), Inline(" fehlt seit zwei Wochen")],
            ]),
          ]),
        Section(id: "projects", title: "Projekte mit Handlungsbedarf", blocks: [.table(projects)]),
        Section(
          id: "backlog", title: "Rückstand und OZG-Leistungen",
          blocks: [
            .chart(
              .lines(
                title: "Rückstand: neu vs. erledigt (26 Wochen)", x: weeks,
                series: [
                  ChartSeries(name: "neu", values: created, colour: 0),
                  ChartSeries(name: "erledigt", values: closed, colour: 1),
                ],
                unit: "Vorgänge je Woche")),
            .subheading("OZG-Leistungen"),
            .chart(
              .lines(
                title: "OZG-Anträge: online vs. Papier (26 Wochen)", x: weeks,
                series: [
                  ChartSeries(name: "online", values: online, colour: 2),
                  ChartSeries(name: "Papier", values: paper, colour: 4),
                ],
                unit: "Anträge je Woche")),
          ]),
        Section(
          id: "offices", title: "Ämter",
          blocks: [
            .chart(.bars(title: "Digitaler Anteil der Anträge je Amt", items: bars, maximum: 100, unit: "%")),
            .paragraph([Inline("Amt 53 – Gesundheitsamt hat in diesem Zeitraum keine Daten geliefert.")]),
          ]),
        Section(
          id: "index", title: "Digitalisierungsindex",
          blocks: [
            .chart(
              .groupedBars(
                title: "Indexwert nach Jahr und Handlungsfeld", groups: ["2023", "2024", "2025"], series: series,
                maximum: 100,
                unit: "Punkte")),
            .paragraph([Inline("Der Gesamtindex stieg 2025 um "), Inline("9,2 Punkte", .strong, tone: 1), Inline(".")]),
          ]),
        Section(
          id: "quality", title: "Datenqualität",
          blocks: [
            .table(
              ReportTable(
                header: ["Schwere", "Datei", "Meldung"], align: [.left, .left, .left], rows: [],
                emptyText: "Keine offenen Fehler in den Feeds.")),
            .subheading("Hinweise"),
            .bullets([[Inline("14 von 14 Ämtern haben geliefert; 1 Datei übersprungen.")]]),
          ]),
      ],
      language: .de)
  }

  // MARK: - Helpers

  /// Every `<svg class="plot" …>…</svg>` in `html`.
  static func svgParts(_ html: String) -> [String] {
    html.components(separatedBy: "<svg class=\"plot\"").dropFirst().map { part in
      let end = part.range(of: "</svg>")?.upperBound ?? part.endIndex
      return "<svg class=\"plot\"" + String(part[..<end])
    }
  }

  struct Tag {
    var name: String
    var attributes: [String]
    var values: [String]
  }

  /// The start tags in `html` with their attribute names and values (a small parser for our own
  /// output: quoted values, no `<` in text).
  static func tags(_ html: String) -> [Tag] {
    var tags: [Tag] = []
    let characters = Array(html.unicodeScalars)
    var i = 0
    var inStyle = false
    while i < characters.count {
      guard characters[i] == "<" else {
        i += 1
        continue
      }
      i += 1
      if i < characters.count && characters[i] == "/" {
        if String(String.UnicodeScalarView(characters[i..<min(i + 6, characters.count)])) == "/style" {
          inStyle = false
        }
        i += 1
        continue
      }
      if inStyle { continue }
      var name = ""
      while i < characters.count, !" \n>/".unicodeScalars.contains(characters[i]) {
        name.unicodeScalars.append(characters[i])
        i += 1
      }
      var tag = Tag(name: name.lowercased(), attributes: [], values: [])
      while i < characters.count, characters[i] != ">" {
        if characters[i] == " " || characters[i] == "\n" || characters[i] == "/" {
          i += 1
          continue
        }
        var attribute = ""
        while i < characters.count, !" \n>=/".unicodeScalars.contains(characters[i]) {
          attribute.unicodeScalars.append(characters[i])
          i += 1
        }
        var value = ""
        if i < characters.count, characters[i] == "=" {
          i += 1
          if i < characters.count, characters[i] == "\"" {
            i += 1
            while i < characters.count, characters[i] != "\"" {
              value.unicodeScalars.append(characters[i])
              i += 1
            }
            i += 1
          } else {
            while i < characters.count, !" \n>".unicodeScalars.contains(characters[i]) {
              value.unicodeScalars.append(characters[i])
              i += 1
            }
          }
        }
        if !attribute.isEmpty {
          tag.attributes.append(attribute.lowercased())
          tag.values.append(value)
        }
      }
      if tag.name == "style" { inStyle = true }
      tags.append(tag)
    }
    return tags
  }
}
