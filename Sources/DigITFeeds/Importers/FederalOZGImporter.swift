import DigITCore
import DigITMetrics

/// Reads the federal "Dashboard Digitale Verwaltung" data (one row per service and region) and sets the
/// online status of the office's OZG services for the city's ARS (``City/ars``), matched by LeiKa key.
///
/// Rows of other regions are read and passed over (one note says how many). A LeiKa key of the city that
/// is not a service of the office's `ozg.csv` gets a note (it may be another office's service). A service
/// named in several rows (several OZG ids) is online when one of them is.
struct FederalOZGImport {
  let ars: String?
  var sink: DiagnosticSink
  var stats: FileStats
  private var otherRegions = 0
  private var applied: Set<Int> = []
  /// Services of the office by LeiKa key (the `leika` column, else the service id).
  private var services: [String: Int] = [:]

  init(ars: String?, file: String, office: String, services list: [OZGService]) {
    self.ars = ars
    sink = DiagnosticSink(office: office, file: file)
    stats = FileStats(path: file, office: office)
    for (k, s) in list.enumerated() {
      services[s.leika ?? s.id] = k
    }
  }

  /// The digits of an ARS without leading zeros, so that `073150000000` and a spreadsheet's
  /// `73150000000` match.
  static func normalized(_ ars: String) -> Substring {
    let t = Substring(ars.trimmingSpaces)
    return t.drop { $0 == "0" }
  }

  /// Checks that the city has an ARS; without it nothing can be matched.
  mutating func checkCity() -> Bool {
    guard ars == nil else { return true }
    sink.error(
      "city.yaml has no ars: (the 12-digit Amtlicher Regionalschlüssel, Mainz 073150000000), so the federal rows cannot be matched to the city",
      de:
        "city.yaml hat kein ars: (den 12-stelligen Amtlichen Regionalschlüssel, Mainz 073150000000), daher lassen sich die Bundesdaten der Stadt nicht zuordnen"
    )
    stats.skipped = true
    return false
  }

  /// One federal row; returns whether it was usable.
  mutating func apply(
    leika: String, name: String, ars rowARS: String, status: String, active: String, line: Int?, column: String?,
    office: inout Office
  ) -> Bool {
    guard let ars, Self.normalized(rowARS) == Self.normalized(ars) else {
      if rowARS.isEmpty {
        sink.error(line: line, column: "ars", "is empty, but required", de: "ist leer, wird aber gebraucht")
        return false
      }
      otherRegions += 1
      return true
    }
    let online: Bool
    switch status.lowercased() {
    case "ok": online = true
    case "nicht ok", "not ok": online = false
    default:
      sink.error(
        line: line, column: "online_status",
        "\"\(Inert.message(status))\" is not an online status (expected ok or nicht ok)",
        de: "„\(Inert.message(status))“ ist kein Online-Status (erwartet: ok oder nicht ok)")
      return false
    }
    let isActive: Bool
    switch active.lowercased() {
    case "", "ja", "yes", "true", "1": isActive = true
    case "nein", "no", "false", "0": isActive = false
    default:
      sink.error(
        line: line, column: "aktiv", "\"\(Inert.message(active))\" is not ja or nein",
        de: "„\(Inert.message(active))“ ist weder ja noch nein")
      return false
    }
    if leika.isEmpty {
      sink.error(line: line, column: "leika_key", "is empty, but required", de: "ist leer, wird aber gebraucht")
      return false
    }
    guard let s = services[leika] else {
      sink.note(
        line: line, column: "leika_key",
        "LeiKa key \"\(Inert.message(leika))\" (\(Inert.message(name, limit: 60))) of the city is not a service of this office's ozg.csv",
        de:
          "LeiKa-Schlüssel „\(Inert.message(leika))“ (\(Inert.message(name, limit: 60))) der Stadt ist keine Leistung in der ozg.csv dieses Amts"
      )
      return true
    }
    let value = online && isActive
    // Several rows for one service (several OZG ids): online when one of them is.
    office.services[s].federalOnline = applied.insert(s).inserted ? value : (office.services[s].federalOnline! || value)
    return true
  }

  /// Reads a federal CSV (separator `,`, `;` or tab, detected from the header).
  mutating func readCSV(_ reader: CSVReader, office: inout Office) {
    guard checkCity() else { return }
    var field: [String: Int] = [:]
    var headerSeen = false
    reader.forEachRecord { (r: CSVRecord) -> Void in
      if r.isBlank { return }
      if !headerSeen {
        headerSeen = true
        for i in 0..<r.count where field[r.string(i).lowercased()] == nil { field[r.string(i).lowercased()] = i }
        let missing = ["leika_key", "ars", "online_status"].filter { field[$0] == nil }
        if !missing.isEmpty {
          let list = missing.joined(separator: ", ")
          sink.error(
            line: r.line, "the federal data has no column \(list)", de: "den Bundesdaten fehlt die Spalte \(list)")
          stats.skipped = true
        }
        return
      }
      if stats.skipped { return }
      func text(_ name: String) -> String { field[name].map { r.string($0) } ?? "" }
      let ok = apply(
        leika: text("leika_key"),
        name: text("leika_bezeichnung").isEmpty ? text("leika_name") : text("leika_bezeichnung"),
        ars: text("ars"), status: text("online_status"), active: text("aktiv"), line: r.line, column: nil,
        office: &office)
      if ok { stats.rowsRead += 1 } else { stats.rowsSkipped += 1 }
    }
  }

  /// Reads a Spring page (`content`, `totalPages`, `totalElements`) or a plain array of rows.
  mutating func readJSON(_ json: JSON, office: inout Office) {
    guard checkCity() else { return }
    let rows = json["content"]?.arrayValue ?? json.arrayValue ?? []
    for (k, e) in rows.enumerated() {
      func text(_ key: String) -> String {
        guard let v = e[key] else { return "" }
        if let s = v.stringValue { return s }
        if let b = v.boolValue { return b ? "ja" : "nein" }
        if let n = v.intValue { return String(n) }
        return ""
      }
      let ok = apply(
        leika: text("leika_key"),
        name: text("leika_bezeichnung").isEmpty ? text("leika_name") : text("leika_bezeichnung"),
        ars: text("ars"), status: text("online_status"), active: text("aktiv"), line: nil,
        column: "content[\(k + 1)]", office: &office)
      if ok { stats.rowsRead += 1 } else { stats.rowsSkipped += 1 }
    }
  }

  mutating func finish() -> (FileStats, [Diagnostic]) {
    if otherRegions > 0 {
      sink.note(
        otherRegions == 1
          ? "1 row for another region than the city's ARS \(ars ?? "") is passed over"
          : "\(otherRegions) rows for other regions than the city's ARS \(ars ?? "") are passed over",
        de:
          "\(otherRegions) Zeile\(otherRegions == 1 ? "" : "n") anderer Regionen als des ARS der Stadt \(ars ?? "") bleiben unberücksichtigt"
      )
    }
    return (stats, sink.finish())
  }
}
