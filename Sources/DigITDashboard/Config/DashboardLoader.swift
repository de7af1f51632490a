import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot

/// Reads the dashboard definitions of a folder (`Dashboards/*.yaml`, in file-name order). A file that
/// cannot be used becomes a broken tab with its diagnostics; the others are unaffected.
public enum DashboardLoader {
  /// Every `.yaml`/`.yml` file of the folder; an empty list when the folder does not exist.
  public static func load(folder: String, catalog: MetricCatalog, offices: [String]) -> [DashboardTab] {
    guard case .success(let names) = FileSystem.list(folder) else { return [] }
    let tabs = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { name in
      switch FileSystem.readFile(folder + "/" + name) {
      case .failure(let e):
        return DashboardTab(
          file: name, spec: nil,
          diagnostics: [
            Diagnostic(
              .error, office: nil, file: name, Bilingual("the file \(e.description)", de: "die Datei \(e.german)"))
          ])
      case .success(let bytes):
        return parse(String(decoding: bytes, as: UTF8.self), file: name, catalog: catalog, offices: offices)
      }
    }
    // By `order:` (broken files by their number if it could be read, else last), then file name.
    return tabs.enumerated().sorted { a, b in
      (a.element.order ?? Int.max, a.offset) < (b.element.order ?? Int.max, b.offset)
    }.map(\.element)
  }

  static let topKeys = ["title", "title_en", "order", "scope", "rows"]
  static let rowKeys = ["height", "weight", "panels"]
  static let panelKeys = [
    "kind", "title", "title_en", "text_en", "width", "metrics", "rows", "columns", "sort", "descending", "filter",
    "metric", "style", "text", "sections", "changes", "measure",
  ]
  static let filterKeys = ["rag", "category", "overdue"]

  /// Parses one definition. Unknown metric ids name the nearest valid id.
  public static func parse(_ text: String, file: String, catalog: MetricCatalog, offices: [String]) -> DashboardTab {
    var sink = DiagnosticSink(office: nil, file: file)
    guard let top = YAMLMap.parse(text, sink: &sink) else {
      return DashboardTab(file: file, spec: nil, diagnostics: sink.finish())
    }
    top.checkKeys(topKeys, sink: &sink)
    let title = top.string("title", required: true, sink: &sink) ?? file
    let order = top.int("order", range: 1...99, sink: &sink)
    var scope = DashboardSpec.Scope.city
    if top.isMapping("scope"), let s = top.map("scope", sink: &sink) {
      s.checkKeys(["office", "category"], sink: &sink)
      if let office = s.string("office", sink: &sink) {
        if offices.contains(office) {
          scope = .office(office)
        } else {
          let m =
            Bilingual(
              "there is no office \"\(Inert.message(office))\"", de: "es gibt kein Amt „\(Inert.message(office))“")
            + Nearest.hintTexts(office, in: offices)
          sink.error(line: s.line(of: "office"), column: "scope.office", m)
        }
      } else if let category = s.string("category", sink: &sink) {
        scope = .category(category)
      }
    } else if let s = top.string("scope", sink: &sink), s != "city" {
      sink.error(
        line: top.line(of: "scope"), column: "scope",
        Bilingual(
          "expected city, office: <id> or category: <word>, found \"\(Inert.message(s))\"",
          de: "erwartet city, office: <Kennung> oder category: <Wort>, gefunden: „\(Inert.message(s))“"))
    }
    var rows: [DashboardSpec.Row] = []
    let rowMaps = top.list("rows", sink: &sink)
    if rowMaps.isEmpty {
      sink.error(
        line: top.line(of: "rows"), column: "rows",
        Bilingual(
          "a dashboard needs at least one row of panels",
          de: "ein Dashboard braucht mindestens eine Zeile mit Bereichen"))
    }
    for r in rowMaps {
      r.checkKeys(rowKeys, sink: &sink)
      var height = Extent.weight(1)
      if let h = r.int("height", range: 1...200, sink: &sink) { height = .fixed(h) }
      if let w = r.int("weight", range: 1...100, sink: &sink) { height = .weight(w) }
      var panels: [DashboardSpec.Panel] = []
      for p in r.list("panels", sink: &sink) {
        if let panel = parsePanel(p, catalog: catalog, sink: &sink) { panels.append(panel) }
      }
      if !panels.isEmpty { rows.append(DashboardSpec.Row(height: height, panels: panels)) }
    }
    let titleEnglish = top.string("title_en", sink: &sink)
    let diagnostics = sink.finish()
    guard !diagnostics.contains(where: { $0.severity == .error }) else {
      return DashboardTab(file: file, spec: nil, diagnostics: diagnostics, order: order)
    }
    let spec = DashboardSpec(file: file, title: title, titleEnglish: titleEnglish, scope: scope, rows: rows)
    return DashboardTab(file: file, spec: spec, diagnostics: diagnostics, order: order)
  }

  /// A word that must be one of an enumeration's words (a chart style, a heatmap measure, a RAG, a
  /// briefing section, the rows of a table): the value, or an error that lists the words (`"pie" is not
  /// sparkline, bars or line`; with more than three `is not one of …`) and names the nearest one.
  static func oneOf<E: RawRepresentable & CaseIterable>(
    _ text: String, line: Int?, column: String, sink: inout DiagnosticSink
  ) -> E? where E.RawValue == String {
    if let value = E(rawValue: text) { return value }
    let all = E.allCases.map(\.rawValue)
    let word = Inert.message(text)
    let message: Bilingual
    if all.count <= 3, let last = all.last {
      let english = all.dropLast().joined(separator: ", ") + " or " + last
      let german = all.joined(separator: " noch ")
      message = Bilingual("\"\(word)\" is not \(english)", de: "„\(word)“ ist weder \(german)")
    } else {
      let list = all.joined(separator: ", ")
      message = Bilingual("\"\(word)\" is not one of \(list)", de: "„\(word)“ ist keins von \(list)")
    }
    sink.error(line: line, column: column, message + Nearest.hintTexts(text, in: all))
    return nil
  }

  static func parsePanel(_ p: YAMLMap, catalog: MetricCatalog, sink: inout DiagnosticSink) -> DashboardSpec.Panel? {
    p.checkKeys(panelKeys, sink: &sink)
    let kinds = ["tiles", "table", "chart", "list", "text", "briefing", "heatmap"]
    guard let kind = p.string("kind", required: true, sink: &sink) else { return nil }
    var width = Extent.weight(1)
    if let w = p.int("width", range: 1...100, sink: &sink) { width = .weight(w) }
    let title = p.string("title", sink: &sink)
    let titleEnglish = p.string("title_en", sink: &sink)
    func metric(_ id: String, line: Int?, column: String, series: Bool?) -> String? {
      guard let m = catalog[id] else {
        let message =
          Bilingual(
            "unknown metric id \"\(Inert.message(id))\"", de: "unbekannte Kennzahl-Kennung „\(Inert.message(id))“")
          + Nearest.hintTexts(id, in: catalog.metrics.map(\.id))
          + Bilingual("; `digit metrics` lists them all", de: "; `digit metrics` führt alle auf")
        sink.error(line: line, column: column, message)
        return nil
      }
      if let series, series != m.isSeries {
        sink.error(
          line: line, column: column,
          series
            ? Bilingual(
              "\(id) is not a weekly series (the *_weekly metrics are)",
              de: "\(id) ist keine Wochenreihe (das sind die Kennzahlen *_weekly)")
            : Bilingual("\(id) is a series, not a single value", de: "\(id) ist eine Reihe, kein Einzelwert"))
        return nil
      }
      return id
    }
    func rows() -> DashboardSpec.Rows? {
      guard let text = p.string("rows", required: true, sink: &sink) else { return nil }
      return oneOf(text, line: p.line(of: "rows"), column: p.prefix + "rows", sink: &sink)
    }
    func filter() -> DashboardSpec.Filter {
      var f = DashboardSpec.Filter()
      guard let m = p.map("filter", sink: &sink) else { return f }
      m.checkKeys(filterKeys, sink: &sink)
      for (word, line) in m.strings("rag", sink: &sink) {
        if let r: RAG = oneOf(word, line: line, column: m.prefix + "rag", sink: &sink) { f.rag.append(r) }
      }
      f.category = m.string("category", sink: &sink)
      f.overdue = m.bool("overdue", sink: &sink) ?? false
      return f
    }
    switch kind {
    case "tiles":
      let ids = p.strings("metrics", sink: &sink).compactMap {
        metric($0.text, line: $0.line, column: p.prefix + "metrics", series: false)
      }
      return DashboardSpec.Panel(title: title, titleEnglish: titleEnglish, width: width, kind: .tiles(ids))
    case "table":
      guard let r = rows() else { return nil }
      let columns = p.strings("columns", sink: &sink).compactMap {
        metric($0.text, line: $0.line, column: p.prefix + "columns", series: nil)
      }
      var sort: String? = nil
      if let s = p.string("sort", sink: &sink) {
        if s == "name" || columns.contains(s) {
          sort = s
        } else {
          sink.error(
            line: p.line(of: "sort"), column: p.prefix + "sort",
            Bilingual(
              "sort must be name or one of the columns, found \"\(Inert.message(s))\"",
              de: "sort muss name oder eine der Spalten sein, gefunden: „\(Inert.message(s))“"))
        }
      }
      var spec = DashboardSpec.TableSpec(
        rows: r, columns: columns, sort: sort, descending: p.bool("descending", sink: &sink) ?? false, filter: filter())
      spec.changes = p.strings("changes", sink: &sink).compactMap {
        metric($0.text, line: $0.line, column: p.prefix + "changes", series: false)
      }
      return DashboardSpec.Panel(title: title, titleEnglish: titleEnglish, width: width, kind: .table(spec))
    case "chart":
      guard let id = p.string("metric", required: true, sink: &sink),
        let m = metric(id, line: p.line(of: "metric"), column: p.prefix + "metric", series: true)
      else { return nil }
      var style = DashboardSpec.ChartSpec.Style.bars
      if let s = p.string("style", sink: &sink),
        let st: DashboardSpec.ChartSpec.Style = oneOf(
          s, line: p.line(of: "style"), column: p.prefix + "style", sink: &sink)
      {
        style = st
      }
      return DashboardSpec.Panel(
        title: title, titleEnglish: titleEnglish, width: width,
        kind: .chart(DashboardSpec.ChartSpec(metric: m, style: style)))
    case "list":
      guard let r = rows() else { return nil }
      return DashboardSpec.Panel(
        title: title, titleEnglish: titleEnglish, width: width,
        kind: .list(DashboardSpec.ListSpec(rows: r, filter: filter())))
    case "text":
      return DashboardSpec.Panel(
        title: title, titleEnglish: titleEnglish, width: width,
        kind: .text(p.string("text", required: true, sink: &sink) ?? ""),
        textEnglish: p.string("text_en", sink: &sink))
    case "briefing":
      var sections: [Briefing.SectionKind] = []
      for (word, line) in p.strings("sections", sink: &sink) {
        if let s: Briefing.SectionKind = oneOf(word, line: line, column: p.prefix + "sections", sink: &sink) {
          sections.append(s)
        }
      }
      return DashboardSpec.Panel(
        title: title, titleEnglish: titleEnglish, width: width,
        kind: .briefing(DashboardSpec.BriefingSpec(sections: sections)))
    case "heatmap":
      var measure = DashboardSpec.HeatmapSpec.Measure.rag
      if let text = p.string("measure", sink: &sink),
        let m: DashboardSpec.HeatmapSpec.Measure = oneOf(
          text, line: p.line(of: "measure"), column: p.prefix + "measure", sink: &sink)
      {
        measure = m
      }
      return DashboardSpec.Panel(
        title: title, titleEnglish: titleEnglish, width: width,
        kind: .heatmap(DashboardSpec.HeatmapSpec(measure: measure)))
    default:
      let list = kinds.joined(separator: ", ")
      let m =
        Bilingual(
          "\"\(Inert.message(kind))\" is not a panel kind (\(list))",
          de: "„\(Inert.message(kind))“ ist keine Bereichsart (\(list))")
        + Nearest.hintTexts(kind, in: kinds)
      sink.error(line: p.line(of: "kind"), column: p.prefix + "kind", m)
      return nil
    }
  }
}
