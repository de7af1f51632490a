import DigITCore
import DigITMetrics

/// The CSV flavour of `offices.csv`, `projects.csv` and `services.csv`.
public enum CSVDialect: String, Sendable, CaseIterable {
  /// German Excel: `;` between fields, decimal comma, UTF-8 with BOM (so Excel reads umlauts right),
  /// CRLF line ends. A double-click in a German Excel opens the file in columns.
  case excel
  /// `,` and `.`, UTF-8 without BOM, LF: for scripts and non-German spreadsheets.
  case plain
}

/// What the CSV header row says, and how values are written.
public enum CSVHeaders: String, Sendable, CaseIterable {
  /// For spreadsheet users (the export's default): headers in the export's language with their unit
  /// (`Alter offen P50 (Tage)`), shares as percent, values rounded as on screen.
  case labels
  /// For programs: the metric ids as headers (`backlog.age_p50`) and the values as `snapshot.json` has
  /// them (shares 0–1, full precision).
  case ids
}

/// How the CSV files are written: dialect, headers, language of the headers.
public struct CSVOptions: Sendable {
  public var dialect: CSVDialect
  public var headers: CSVHeaders
  public var language: Language

  public init(dialect: CSVDialect = .excel, headers: CSVHeaders = .ids, language: Language = .de) {
    self.dialect = dialect
    self.headers = headers
    self.language = language
  }
}

/// One row per entity, one column per metric (after a few identifying columns). Cells written from
/// feed text are made inert (`Inert`: controls and bidi characters visible, tabs and line breaks as
/// spaces) and neutralised against spreadsheet formulas (OWASP "CSV injection"): a cell that begins with
/// `=`, `+`, `-` or `@` gets a leading `'`. Numbers we computed are never prefixed (a negative change
/// stays a number).
public enum SnapshotCSV {
  public static func offices(_ s: Snapshot, dialect: CSVDialect) -> [UInt8] { offices(s, CSVOptions(dialect: dialect)) }

  public static func offices(_ s: Snapshot, _ options: CSVOptions) -> [UInt8] {
    let report = s.report
    let metrics = report.catalog.sortedScalars(for: .office)
    var w = Writer(dialect: options.dialect)
    w.row(
      headers(
        [
          "id", "number", "name", "department", "coordinator", "errors", "warnings", "rows_skipped", "data_as_of",
          "stale", "missing",
        ], options)
        + metrics.map { metricHeader($0, options) })
    for (o, office) in report.data.offices.enumerated() {
      var cells: [Cell] = [
        .text(office.id), .text(office.number), .text(office.name), .text(office.department), .text(office.coordinator),
      ]
      cells += [
        .number(Double(s.source.count(.error, office: .some(office.id)))),
        .number(Double(s.source.count(.warning, office: .some(office.id)))),
        .number(Double(s.source.rowsSkipped(office: .some(office.id)))),
      ]
      let data = report.offices[o].data
      cells += [
        .value(data.asOf.map(MetricValue.day)), .header(data.stale ? "true" : "false"),
        .header(data.missing.map(\.rawValue).joined(separator: " ")),
      ]
      cells += metrics.map { value(report.value($0, at: .office(o)), $0, options) }
      w.row(cells)
    }
    return w.bytes
  }

  public static func projects(_ s: Snapshot, dialect: CSVDialect) -> [UInt8] {
    projects(s, CSVOptions(dialect: dialect))
  }

  public static func projects(_ s: Snapshot, _ options: CSVOptions) -> [UInt8] {
    let report = s.report
    let metrics = report.catalog.sortedScalars(for: .project)
    var w = Writer(dialect: options.dialect)
    w.row(
      headers(["id", "office", "title", "status", "category", "owner", "start", "updated", "rag_reasons"], options)
        + metrics.map { metricHeader($0, options) })
    for (o, office) in report.data.offices.enumerated() {
      for (p, project) in office.projects.enumerated() {
        let reasons = (report.offices[o].projects[p].project?.reasons ?? []).map(\.code).joined(separator: " ")
        var cells: [Cell] = [
          .text(project.id), .text(office.id), .text(project.title), .text(project.status.rawValue),
          .text(project.category),
          .text(project.owner), .value(project.start.map(MetricValue.day)),
          .value(project.updated.map(MetricValue.day)), .text(reasons),
        ]
        cells += metrics.map { value(report.value($0, at: .project(o, p)), $0, options) }
        w.row(cells)
      }
    }
    return w.bytes
  }

  public static func services(_ s: Snapshot, dialect: CSVDialect) -> [UInt8] {
    services(s, CSVOptions(dialect: dialect))
  }

  public static func services(_ s: Snapshot, _ options: CSVOptions) -> [UInt8] {
    let report = s.report
    let metrics = report.catalog.sortedScalars(for: .service)
    var w = Writer(dialect: options.dialect)
    w.row(headers(["id", "office", "name"], options) + metrics.map { metricHeader($0, options) })
    for (o, office) in report.data.offices.enumerated() {
      for (v, service) in office.services.enumerated() {
        w.row(
          [.text(service.id), .text(office.id), .text(service.name)]
            + metrics.map { value(report.value($0, at: .service(o, v)), $0, options) })
      }
    }
    return w.bytes
  }

  /// The words of the identifying columns, by id.
  static let columnWords: [String: Words] = [
    "id": .colId, "number": .colNumber, "name": .name, "department": .colDepartment, "coordinator": .coordinator,
    "errors": .colErrors, "warnings": .colWarnings, "rows_skipped": .colRowsSkipped, "data_as_of": .colDataAsOf,
    "stale": .colStale, "missing": .colMissingFiles, "office": .office, "title": .title, "status": .status,
    "category": .fieldCategory, "owner": .fieldOwner, "start": .fieldStart, "updated": .colUpdated,
    "rag_reasons": .colRAGReasons,
  ]

  static func headers(_ ids: [String], _ o: CSVOptions) -> [Cell] {
    ids.map { id in
      guard o.headers == .labels, let w = columnWords[id] else { return .header(id) }
      return .header(w(o.language))
    }
  }

  /// The unit as a header shows it: `Tage`, `%`, `€` …; `nil` for counts, ranks, days and statuses.
  static func unitName(_ unit: MetricUnit, _ l: Language) -> String? {
    switch unit {
    case .share: return "%"
    case .days: return Words.unitDays(l)
    case .weeks: return Words.unitWeeks(l)
    case .score, .points: return Words.unitPoints(l)
    case .euros: return "€"
    case .custom(let u): return u.isEmpty ? nil : u
    case .count, .rank, .date, .status: return nil
    }
  }

  /// A metric's column header: its id, or its label with the unit (`Alter offen P50 (Tage)`); labels
  /// come from city.yaml too, so they are written like feed text.
  static func metricHeader(_ m: MetricDefinition, _ o: CSVOptions) -> Cell {
    guard o.headers == .labels else { return .header(m.id) }
    return .text(m.label(o.language) + (unitName(m.unit, o.language).map { " (\($0))" } ?? ""))
  }

  /// A metric value: as it is (ids), or as on screen (labels): shares in percent, one decimal for days,
  /// weeks, scores, points and percent, whole counts and euros.
  static func value(_ v: MetricValue?, _ m: MetricDefinition, _ o: CSVOptions) -> Cell {
    guard o.headers == .labels, case .number(let x)? = v else { return .value(v) }
    func rounded(_ x: Double, _ d: Int) -> Double {
      let scale = d == 0 ? 1.0 : 10.0
      return (x * scale).rounded(.toNearestOrAwayFromZero) / scale
    }
    switch m.unit {
    case .share: return .number(rounded(x * 100, 1))
    case .days, .weeks, .score, .points: return .number(rounded(x, 1))
    case .count, .rank, .euros: return .number(rounded(x, 0))
    case .custom(let u): return .number(rounded(x, MetricFormatter.customDecimals(x, unit: u)))
    case .date, .status: return .value(v)
    }
  }

  enum Cell {
    /// A column name (ours).
    case header(String)
    /// Text from the feeds: neutralised and quoted as needed.
    case text(String)
    case number(Double)
    case value(MetricValue?)
  }

  struct Writer {
    let dialect: CSVDialect
    var bytes: [UInt8]

    init(dialect: CSVDialect) {
      self.dialect = dialect
      bytes = dialect == .excel ? [0xEF, 0xBB, 0xBF] : []
      bytes.reserveCapacity(1 << 16)
    }

    var separator: UInt8 { dialect == .excel ? UInt8(ascii: ";") : UInt8(ascii: ",") }

    mutating func row(_ cells: [Cell]) {
      for (i, cell) in cells.enumerated() {
        if i > 0 { bytes.append(separator) }
        switch cell {
        case .header(let s): field(s)
        case .text(let s): field(SnapshotCSV.neutralised(s))
        case .number(let x): bytes.append(contentsOf: SnapshotCSV.number(x, dialect: dialect).utf8)
        case .value(let v):
          switch v {
          case nil: break
          case .number(let x): bytes.append(contentsOf: SnapshotCSV.number(x, dialect: dialect).utf8)
          case .day(let d): bytes.append(contentsOf: d.description.utf8)
          case .rag(let r): bytes.append(contentsOf: r.rawValue.utf8)
          case .target(let t): bytes.append(contentsOf: t.rawValue.utf8)
          }
        }
      }
      bytes.append(contentsOf: dialect == .excel ? [0x0D, 0x0A] : [0x0A])
    }

    /// A text field, in quotes when it holds the separator, a quote, a line break or leading/trailing space.
    mutating func field(_ s: String) {
      let u = s.utf8
      let needsQuotes =
        u.contains { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        || u.first == 0x20 || u.last == 0x20
      guard needsQuotes else {
        bytes.append(contentsOf: u)
        return
      }
      bytes.append(UInt8(ascii: "\""))
      for b in u {
        if b == UInt8(ascii: "\"") { bytes.append(b) }
        bytes.append(b)
      }
      bytes.append(UInt8(ascii: "\""))
    }
  }

  /// Feed text made safe for a spreadsheet: the one inert-text policy (`Inert`'s, which also turns
  /// tabs and line breaks into spaces), then a leading `=`, `+`, `-` or `@` gets a `'` before it.
  static func neutralised(_ s: String) -> String {
    // The one policy for untrusted text first (controls, bidi and invisible characters visible, line
    // breaks and tabs as spaces), then the spreadsheet's own rule: no cell starts a formula.
    var text = Inert.text(s)
    if let first = text.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { text = "'" + text }
    return text
  }

  /// A number without exponent or grouping: `12`, `0.375` (`0,375` in the Excel dialect), `-3.5`.
  static func number(_ x: Double, dialect: CSVDialect) -> String {
    guard x.isFinite else { return "" }
    var text: String
    if x == x.rounded(), abs(x) < 9.2e18 {
      text = String(Int64(x))
    } else {
      text = x.description
      if abs(x) >= 1 {
        // Huge: all digits, no exponent.
        text = PlainNumber.text(x)
      } else if text.contains("e") || text.contains("E") {
        // Tiny: nine decimals, trailing zeros removed.
        let scaled = (abs(x) * 1e9).rounded()
        let n = Int64(scaled)
        var frac = String(n % 1_000_000_000)
        frac = String(repeating: "0", count: 9 - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        text = (x < 0 ? "-" : "") + String(n / 1_000_000_000) + (frac.isEmpty ? "" : "." + frac)
      }
    }
    if dialect == .excel { text = String(text.map { $0 == "." ? "," : $0 }) }
    return text
  }
}
