import DigITCore
import DigITMetrics
import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a seeded, deterministic synthetic data root in feed format v1, for tests and benchmarks.
///
/// The same options give byte-identical files. Every file validates without errors or warnings for any
/// as-of day on or after `until`.
///
///     var options = FeedGenerator.Options()
///     options.offices = 3
///     try FeedGenerator(options: options).write(to: "/tmp/root")
public struct FeedGenerator: Sendable {
  public struct Options: Sendable, Equatable {
    public var offices = 12
    /// Projects per office.
    public var projects = 8
    /// Backlog items per project.
    public var items = 60
    /// OZG services per office.
    public var services = 6
    /// Weeks of history.
    public var weeks = 104
    public var seed: UInt64 = 1
    /// Write the German Excel dialect (`;`, decimal comma, dd.MM.yyyy, BOM, CRLF).
    public var german = false
    /// The last day of the history (a fixed default keeps the output independent of today).
    public var until = Day(year: 2026, month: 11, day: 22)!
    public init() {}
  }

  public var options: Options
  public init(options: Options) { self.options = options }

  /// Why the generator could not write.
  public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// Writes the root into `folder` (created if needed; existing feed files are replaced).
  /// - Returns: The number of bytes written.
  @discardableResult
  public func write(to folder: String) throws -> Int {
    try makeFolder(folder)
    try makeFolder(join(folder, "offices"))
    try makeFolder(join(folder, "index"))
    var total = 0
    total += try writeFile(join(folder, "city.yaml"), Array(cityYAML().utf8))
    total += try writeFile(join(folder, "index/smart-city-index.csv"), indexCSV())
    let offices = options.offices
    let sizes = ResultSlots<Result<Int, WriteError>>(count: max(offices, 0))
    let generator = self
    DispatchQueue.concurrentPerform(iterations: offices) { o in
      do {
        sizes.store(.success(try generator.writeOffice(o, into: folder)), at: o)
      } catch let e as WriteError {
        sizes.store(.failure(e), at: o)
      } catch {
        sizes.store(.failure(WriteError(description: "\(error)")), at: o)
      }
    }
    for r in sizes.collect() {
      switch r {
      case .success(let n): total += n
      case .failure(let e): throw e
      }
    }
    return total
  }

  // MARK: - Files

  func officeID(_ o: Int) -> String { "amt-" + pad3(o + 1) }

  func writeOffice(_ o: Int, into folder: String) throws -> Int {
    var rng = SplitMix64(seed: options.seed &* 0x9E37_79B9 &+ UInt64(o) &* 0x632B_E59B_D9B4_E019)
    let dir = join(join(folder, "offices"), officeID(o))
    try makeFolder(dir)
    var total = 0
    total += try writeFile(join(dir, "office.yaml"), Array(officeYAML(o, &rng).utf8))
    let start = options.until.adding(days: -7 * options.weeks + 1)
    var projects = CSVBuilder(german: options.german)
    projects.header([
      "id", "title", "category", "status", "owner", "start", "due", "budget_planned", "budget_spent", "index_area",
      "updated", "risk",
    ])
    var milestones = CSVBuilder(german: options.german)
    milestones.header(["project_id", "name", "due", "done"])
    var backlog = CSVBuilder(german: options.german)
    backlog.header(["id", "project_id", "title", "type", "priority", "created", "closed", "points"])
    let statuses = ["active", "active", "active", "planned", "blocked", "done", "active", "cancelled"]
    var itemNo = 0
    for p in 0..<options.projects {
      let pid = "P-\(pad3(o + 1))-\(pad3(p + 1))"
      let pStart = start.adding(days: rng.int(0..<max(1, 7 * options.weeks / 3)))
      let due = max(pStart.adding(days: 60), options.until.adding(days: rng.int(-60..<400)))
      let planned = Double(rng.int(20..<800)) * 1000
      let status = statuses[rng.int(0..<statuses.count)]
      projects.text(pid)
      projects.text(GeneratedWords.projectTitle(&rng))
      projects.text(GeneratedWords.categories[rng.int(0..<GeneratedWords.categories.count)])
      projects.text(status)
      projects.text(GeneratedWords.people[rng.int(0..<GeneratedWords.people.count)])
      projects.date(pStart)
      projects.date(due)
      projects.decimal(planned, fraction: 2)
      projects.decimal(planned * Double(rng.int(10..<125)) / 100, fraction: 2)
      projects.text(IndexArea.allCases[rng.int(0..<5)].rawValue)
      projects.date(options.until.adding(days: -rng.int(0..<30)))
      projects.text(["low", "medium", "high"][rng.int(0..<3)])
      projects.endRow()
      for m in 0..<3 {
        let mDue = pStart.adding(days: (m + 1) * max(7, pStart.days(to: due) / 3))
        milestones.text(pid)
        milestones.text(
          "Meilenstein \(m + 1): \(GeneratedWords.milestones[rng.int(0..<GeneratedWords.milestones.count)])")
        milestones.date(mDue)
        if mDue <= options.until && rng.int(0..<4) > 0 {
          milestones.date(max(pStart, min(options.until, mDue.adding(days: rng.int(-10..<20)))))
        } else {
          milestones.empty()
        }
        milestones.endRow()
      }
      for _ in 0..<options.items {
        itemNo += 1
        let span = max(1, pStart.days(to: options.until) + 1)
        let created = pStart.adding(days: rng.int(0..<span))
        backlog.text("I\(pad3(o + 1))-\(itemNo)")
        backlog.text(pid)
        backlog.text(GeneratedWords.itemTitle(&rng))
        backlog.text(GeneratedWords.types[rng.int(0..<GeneratedWords.types.count)])
        backlog.text(GeneratedWords.priorities[rng.int(0..<GeneratedWords.priorities.count)])
        backlog.date(created)
        let closed = created.adding(days: rng.int(0..<90))
        if closed <= options.until && rng.int(0..<10) < 7 { backlog.date(closed) } else { backlog.empty() }
        backlog.integer(rng.int(1..<14))
        backlog.endRow()
      }
    }
    total += try writeFile(join(dir, "projects.csv"), projects.bytes)
    total += try writeFile(join(dir, "milestones.csv"), milestones.bytes)
    total += try writeFile(join(dir, "backlog.csv"), backlog.bytes)

    var ozg = CSVBuilder(german: options.german)
    ozg.header(["week", "service_id", "service", "maturity", "online", "paper", "completed", "pending", "median_days"])
    let firstWeek = start.isoWeek
    for s in 0..<options.services {
      let key = "99" + String(1_000_000_000_000 + (o * 7919 + s * 104_729) % 900_000_000_000).suffix(12)
      let name =
        GeneratedWords.services[s % GeneratedWords.services.count]
        + (s >= GeneratedWords.services.count ? " \(s / GeneratedWords.services.count + 1)" : "")
      let base = rng.int(5..<400)
      var maturity = rng.int(0..<3)
      var pending = rng.int(0..<200)
      for w in 0..<options.weeks {
        if rng.int(0..<26) == 0 { maturity = min(4, maturity + 1) }
        let share = min(0.95, 0.2 + Double(w) / Double(max(1, options.weeks)) * 0.5 + Double(maturity) * 0.05)
        let total = base + rng.int(0..<max(1, base / 4))
        let online = Int(Double(total) * share)
        let completed = max(0, total + rng.int(-20..<20))
        pending = max(0, pending + total - completed)
        ozg.text(firstWeek.adding(weeks: w).description)
        ozg.text(key)
        ozg.text(name)
        ozg.integer(maturity)
        ozg.integer(online)
        ozg.integer(total - online)
        ozg.integer(completed)
        ozg.integer(pending)
        ozg.decimal(Double(rng.int(10..<400)) / 10, fraction: 1)
        ozg.endRow()
      }
    }
    total += try writeFile(join(dir, "ozg.csv"), ozg.bytes)

    var kpis = CSVBuilder(german: options.german)
    kpis.header(["week", "kpi", "value"])
    for w in 0..<options.weeks {
      let week = firstWeek.adding(weeks: w).description
      for (k, id) in ["online_quote", "processing_days", "eakte_share"].enumerated() {
        kpis.text(week)
        kpis.text(id)
        kpis.decimal(Double(rng.int(100..<900)) / 10 + Double(k), fraction: 1)
        kpis.endRow()
      }
    }
    total += try writeFile(join(dir, "kpis.csv"), kpis.bytes)
    return total
  }

  func cityYAML() -> String {
    """
    # Generated by `digit generate` (seed \(options.seed)).
    name: Generierte Stadt
    ags: "07315000"
    ozg_maturity_model: "1"
    thresholds:
      budget_overrun_factor: 1.10
      stale_days: 14
    index_target:
      year: \(options.until.year + 1)
      score: 72.0
    kpis:
      - id: online_quote
        label: Anteil Online-Anträge
        label_en: Share of online applications
        unit: "%"
        index_area: Verwaltung
        aggregate: mean
        target: 60
        direction: up
      - id: processing_days
        label: Bearbeitungsdauer
        label_en: Processing time
        unit: Tage
        aggregate: mean
        target: 10
        direction: down
      - id: eakte_share
        label: Anteil E-Akte
        label_en: Share of e-files
        unit: "%"
        aggregate: mean
        target: 80

    """
  }

  func officeYAML(_ o: Int, _ rng: inout SplitMix64) -> String {
    """
    id: \(officeID(o))
    name: \(GeneratedWords.offices[o % GeneratedWords.offices.count])\(o >= GeneratedWords.offices.count ? " \(o / GeneratedWords.offices.count + 1)" : "")
    number: "\(10 + o)"
    department: Dezernat \(["I", "II", "III", "IV", "V", "VI"][o % 6])
    coordinator: \(GeneratedWords.people[rng.int(0..<GeneratedWords.people.count)])
    digit_since: \(Day(year: options.until.year, month: 1 + o % 10, day: 1)!.description)
    data_as_of: \(options.until.description)

    """
  }

  func indexCSV() -> [UInt8] {
    var b = CSVBuilder(german: options.german)
    b.header(["year", "area", "score", "rank"])
    let last = options.until.year - 1
    for year in (last - 2)...last {
      for area in IndexArea.allCases {
        b.integer(year)
        b.text(area.rawValue)
        b.decimal(55 + Double(year - last + 2) * 3 + Double(area.rawValue.count % 7), fraction: 1)
        if area == .gesamt { b.integer(60 - (year - last + 2) * 4) } else { b.empty() }
        b.endRow()
      }
    }
    return b.bytes
  }
}

// MARK: - Building CSV bytes

/// Appends CSV fields in the plain or German dialect straight into a byte buffer.
struct CSVBuilder {
  let german: Bool
  private(set) var bytes: [UInt8] = []
  private var first = true

  init(german: Bool) {
    self.german = german
    bytes.reserveCapacity(1 << 16)
    if german { bytes += [0xEF, 0xBB, 0xBF] }
  }

  var delimiter: UInt8 { german ? 0x3B : 0x2C }

  mutating func header(_ names: [String]) {
    for n in names { text(n) }
    endRow()
  }

  private mutating func separate() {
    if !first { bytes.append(delimiter) }
    first = false
  }

  mutating func empty() { separate() }

  mutating func text(_ s: String) {
    separate()
    var s = s
    s.withUTF8 { u in
      if u.contains(where: { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
        bytes.append(0x22)
        for c in u {
          bytes.append(c)
          if c == 0x22 { bytes.append(0x22) }
        }
        bytes.append(0x22)
      } else {
        bytes.append(contentsOf: u)
      }
    }
  }

  mutating func integer(_ n: Int) {
    separate()
    appendDigits(n)
  }

  private mutating func appendDigits(_ n: Int) {
    if n < 0 {
      bytes.append(0x2D)
      appendDigits(-n)
      return
    }
    if n >= 10 { appendDigits(n / 10) }
    bytes.append(UInt8(0x30 + n % 10))
  }

  /// A decimal with `fraction` digits: `1234.50` or `1.234,50` (German with thousands separators).
  mutating func decimal(_ v: Double, fraction: Int) {
    separate()
    var scale = 1
    for _ in 0..<fraction { scale *= 10 }
    let scaled = Int((v * Double(scale)).rounded())
    let whole = scaled / scale
    if german && whole >= 1000 {
      appendGrouped(whole)
    } else {
      appendDigits(whole)
    }
    if fraction > 0 {
      bytes.append(german ? 0x2C : 0x2E)
      var f = String(scaled % scale)
      while f.count < fraction { f = "0" + f }
      bytes.append(contentsOf: f.utf8)
    }
  }

  private mutating func appendGrouped(_ n: Int) {
    if n >= 1000 {
      appendGrouped(n / 1000)
      bytes.append(0x2E)
      let r = n % 1000
      bytes.append(UInt8(0x30 + r / 100))
      bytes.append(UInt8(0x30 + r / 10 % 10))
      bytes.append(UInt8(0x30 + r % 10))
    } else {
      appendDigits(n)
    }
  }

  mutating func date(_ d: Day) {
    text(german ? d.germanDescription : d.description)
  }

  mutating func endRow() {
    if german { bytes.append(0x0D) }
    bytes.append(0x0A)
    first = true
  }
}

// MARK: - Randomness and words

extension SplitMix64 {
  /// A number in `range` (which must not be empty).
  mutating func int(_ range: Range<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }
}

enum GeneratedWords {
  static let offices = [
    "Bürgeramt", "Ausländerbehörde", "Standesamt", "Amt für Jugend und Familie", "Stadtplanungsamt", "Hauptamt",
    "Ordnungsamt", "Kfz-Zulassungsstelle", "Schulamt", "Sozialamt", "Bauaufsicht", "Presse- und Öffentlichkeitsarbeit",
    "Grün- und Umweltamt", "Straßenverkehrsamt", "Amt für Wirtschaft",
  ]
  static let people = [
    "M. Becker", "S. Yılmaz", "K. Schäfer", "J. Müller", "A. Weiß", "T. Groß", "L. Hoffmann", "N. Özdemir",
    "P. Köhler", "R. Jäger", "E. Schröder", "D. Krüger",
  ]
  static let categories = ["ozg", "e-akte", "infrastruktur", "fachverfahren", "website", "open-data", "prozesse"]
  static let types = ["feature", "bug", "task", "anforderung"]
  static let priorities = ["hoch", "mittel", "niedrig"]
  static let verbs = [
    "überarbeiten", "digitalisieren", "prüfen", "anbinden", "einführen", "abstimmen", "testen", "migrieren",
  ]
  static let objects = [
    "Antragsformular", "Schnittstelle zum Fachverfahren", "Bezahlfunktion", "Barrierefreiheit", "Datenschutzkonzept",
    "Postfach-Anbindung", "Aktenplan", "Schulungsunterlagen", "Berechtigungskonzept", "Bescheidvorlage",
    "Terminbuchung", "Statusabfrage", "Nutzerkonto-Login", "Druckstraße", "Übergabe an das Archiv",
  ]
  static let projectNouns = [
    "Online-Antrag", "E-Akte", "Terminvergabe", "Bürgerportal", "Fachverfahren", "Dokumentenmanagement",
    "Schnittstellen", "Digitaler Posteingang", "Open-Data-Portal", "Geodateninfrastruktur",
  ]
  static let milestones = ["Konzept abgenommen", "Pilotbetrieb", "Rollout", "Schulung abgeschlossen", "Abnahme"]
  static let services = [
    "Wohnsitz anmelden", "Personalausweis beantragen", "Fahrzeug zulassen", "Gewerbe anmelden", "Wohngeld beantragen",
    "Elterngeld beantragen", "Baugenehmigung beantragen", "Führungszeugnis beantragen", "Geburtsurkunde ausstellen",
    "Eheschließung anmelden", "Hund anmelden", "Bewohnerparkausweis beantragen",
  ]

  static func projectTitle(_ rng: inout SplitMix64) -> String {
    "\(projectNouns[rng.int(0..<projectNouns.count)]) \(["einführen", "ausbauen", "modernisieren", "ablösen"][rng.int(0..<4)])"
  }

  static func itemTitle(_ rng: inout SplitMix64) -> String {
    "\(objects[rng.int(0..<objects.count)]) \(verbs[rng.int(0..<verbs.count)])"
  }
}

func pad3(_ n: Int) -> String {
  n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : String(n)
}

// MARK: - Files

func makeFolder(_ path: String) throws {
  if mkdir(path, 0o755) != 0 && errno != EEXIST {
    throw FeedGenerator.WriteError(description: "cannot create \(path): \(FileSystem.reason(errno))")
  }
}

/// Writes a file in one go (to a temporary name, then renamed into place) and returns its size.
func writeFile(_ path: String, _ bytes: [UInt8]) throws -> Int {
  let tmp = path + ".tmp-\(getpid())"
  let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
  guard fd >= 0 else {
    throw FeedGenerator.WriteError(description: "cannot write \(path): \(FileSystem.reason(errno))")
  }
  var written = 0
  let ok = bytes.withUnsafeBytes { buf -> Bool in
    while written < buf.count {
      let n = write(fd, buf.baseAddress! + written, buf.count - written)
      if n < 0 {
        if errno == EINTR { continue }
        return false
      }
      written += n
    }
    return true
  }
  close(fd)
  guard ok, rename(tmp, path) == 0 else {
    unlink(tmp)
    throw FeedGenerator.WriteError(description: "cannot write \(path): \(FileSystem.reason(errno))")
  }
  return bytes.count
}
