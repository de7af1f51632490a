import DigITCore
import DigITMetrics

/// A report's computed facts as bytes, kept in the ``ResultCache`` for the dashboard's first frame
/// (issue 17): the facts of the city, of every office, project and service, and of the week before,
/// exactly as ``Aggregator`` computed them (numbers by their bits). The data set itself is not in the
/// entry: the dashboard loads it as before (through the parsed-feed cache), and the facts are joined
/// with it only when they fit it (the same as-of day, an office for every office, a fact for every
/// project and service).
///
/// Measured on the large benchmark root: the two weeks' aggregation took 0.15 s of the 0.36 s to the
/// first frame; reading these facts back takes a few hundredths.
public enum CachedReport {
  /// The version of the encoding; another version is not read.
  static let version: UInt32 = 1

  /// The bytes of a report's facts and of its week before.
  public static func encode(_ report: Report) -> [UInt8] {
    var w = ByteWriter()
    w.u32(version)
    w.u8(report.previous == nil ? 0 : 1)
    w.week(report)
    if let previous = report.previous { w.week(previous) }
    return w.bytes
  }

  /// The report of `data` as of `asOf` from bytes of ``encode(_:)``; `nil` when the bytes are damaged,
  /// of another version, of another day, or do not fit the data set, or are no report ``Aggregator``
  /// makes (a week without project and service facts, a week before that is not 7 days earlier).
  public static func decode(_ bytes: UnsafeRawBufferPointer, data: DataSet, asOf: Day) -> Report? {
    var r = ByteReader(bytes, end: bytes.count)
    guard r.u32() == version, let hasPrevious = r.u8(), hasPrevious <= 1, let week = r.week(data), week.detail
    else { return nil }
    var previous: Report? = nil
    if hasPrevious == 1 {
      guard let p = r.week(data), p.asOf == week.asOf.adding(days: -7) else { return nil }
      previous = Report(keeping: data, asOf: p.asOf, city: p.city, offices: p.offices, previous: nil, detail: p.detail)
    }
    guard r.atEnd, week.asOf == asOf else { return nil }
    let report = Report(
      keeping: data, asOf: week.asOf, city: week.city, offices: week.offices, previous: previous, detail: week.detail)
    guard report.fits(data), previous.map({ $0.fits(data) }) ?? true else { return nil }
    return report
  }

  /// ``decode(_:data:asOf:)`` of bytes in an array.
  public static func decode(_ bytes: [UInt8], data: DataSet, asOf: Day) -> Report? {
    bytes.withUnsafeBytes { decode($0, data: data, asOf: asOf) }
  }
}

/// The bytes of an entry, shared by the threads that decode its offices (read only while they run).
private struct Bytes: @unchecked Sendable {
  let base: UnsafeRawBufferPointer
}

/// One week's facts as read back.
private struct WeekFacts {
  var asOf: Day
  var detail: Bool
  var city: ScopeFacts
  var offices: [OfficeReport]
}

extension ByteWriter {
  /// A week: its day, whether it has project and service facts, the city's facts, then each office as a
  /// block after its length, so that the offices are encoded and decoded on all cores.
  fileprivate mutating func week(_ report: Report) {
    i32(report.asOf.rawValue)
    u8(report.detail ? 1 : 0)
    facts(report.city)
    let offices = report.offices
    let blocks = parallelMap(offices.count) { o in
      var w = ByteWriter()
      w.office(offices[o])
      return w.bytes
    }
    i64(Int64(blocks.count))
    bytes.reserveCapacity(bytes.count + blocks.reduce(0) { $0 + 8 + $1.count })
    for block in blocks { pod(block) }
  }

  fileprivate mutating func office(_ office: OfficeReport) {
    var size = 64
    for p in office.projects { size += p.project == nil ? 32 : 96 + (p.backlog == nil ? 0 : 96) }
    size += office.services.count * 160
    bytes.reserveCapacity(size)
    facts(office.facts)
    i64(Int64(office.projects.count))
    for p in office.projects { facts(p) }
    i64(Int64(office.services.count))
    for s in office.services { facts(s) }
    optDay(office.data.asOf)
    u8(office.data.missing.reduce(0) { $0 | 1 << UInt8(FeedFileKind.allCases.firstIndex(of: $1)!) })
  }

  /// Whole numbers in the narrowest width that holds them all (weekly counts fit in a byte): the entry
  /// of the large benchmark root was 42 MB with eight bytes each.
  fileprivate mutating func ints(_ values: [Int]) {
    i64(Int64(values.count))
    let low = values.min() ?? 0
    let high = values.max() ?? 0
    if low >= Int(Int8.min) && high <= Int(Int8.max) {
      u8(1)
      for v in values { bytes.append(UInt8(bitPattern: Int8(v))) }
    } else if low >= Int(Int32.min) && high <= Int(Int32.max) {
      u8(4)
      for v in values { i32(Int32(v)) }
    } else {
      u8(8)
      for v in values { i64(Int64(v)) }
    }
  }

  fileprivate mutating func optInt(_ v: Int?) {
    u8(v == nil ? 0 : 1)
    i64(Int64(v ?? 0))
  }

  fileprivate mutating func doubles(_ values: [Double?]) {
    i64(Int64(values.count))
    for v in values { optDouble(v) }
  }

  fileprivate mutating func facts(_ f: ScopeFacts) {
    var present: UInt8 = 0
    if f.projects != nil { present |= 1 }
    if f.backlog != nil { present |= 2 }
    if f.ozg != nil { present |= 4 }
    if f.kpis != nil { present |= 8 }
    if f.kpiTargets != nil { present |= 16 }
    if f.project != nil { present |= 32 }
    if f.index != nil { present |= 64 }
    u8(present)
    if let c = f.projects {
      i64(Int64(c.total))
      ints(c.byStatus)
      i64(Int64(c.red))
      i64(Int64(c.amber))
      i64(Int64(c.green))
    }
    if let b = f.backlog {
      i64(Int64(b.open))
      i64(Int64(b.created4w))
      i64(Int64(b.closed4w))
      optDouble(b.ageP50)
      optDouble(b.ageP85)
      optDouble(b.cycleP50)
      optDouble(b.cycleP85)
      ints(b.createdWeekly)
      ints(b.closedWeekly)
      ints(b.openWeekly)
    }
    if let o = f.ozg {
      i64(Int64(o.online12w))
      i64(Int64(o.paper12w))
      i64(Int64(o.completed12w))
      optInt(o.pending)
      u64(o.processingDaysWeighted.bitPattern)
      u64(o.processingWeight.bitPattern)
      i64(Int64(o.services))
      i64(Int64(o.servicesOnline))
      i64(Int64(o.servicesCompliant))
      optInt(o.maturity)
      ints(o.onlineWeekly)
      ints(o.paperWeekly)
    }
    if let k = f.kpis { doubles(k) }
    if let t = f.kpiTargets { doubles(t) }
    if let p = f.project {
      u8(p.rag.map { UInt8(RAG.allCases.firstIndex(of: $0)!) } ?? 255)
      i64(Int64(p.reasons.count))
      for reason in p.reasons { self.reason(reason) }
      optDouble(p.progress)
      optDay(p.forecastP50)
      optDay(p.forecastP85)
      optDouble(p.budgetUsed)
      optDay(p.due)
      optDouble(p.budgetPlanned)
      optDouble(p.budgetSpent)
      i64(Int64(p.overdueMilestones))
    }
    if let x = f.index {
      optInt(x.year)
      optDouble(x.score)
      optInt(x.rank)
      optDouble(x.previousScore)
      optInt(x.previousRank)
      // In the order of the areas (a dictionary's own order differs from run to run).
      let areas = IndexArea.allCases.filter { x.areas[$0] != nil }
      i64(Int64(areas.count))
      for a in areas {
        u8(UInt8(IndexArea.allCases.firstIndex(of: a)!))
        u64(x.areas[a]!.bitPattern)
      }
    }
  }

  fileprivate mutating func reason(_ reason: RAGReason) {
    switch reason {
    case .blocked: u8(0)
    case .overdue(let due):
      u8(1)
      i32(due.rawValue)
    case .budgetOverrun(let spent, let planned, let factor):
      u8(2)
      u64(spent.bitPattern)
      u64(planned.bitPattern)
      u64(factor.bitPattern)
    case .forecastLate(let p85, let due):
      u8(3)
      i32(p85.rawValue)
      i32(due.rawValue)
    case .milestoneOverdue(let name, let due):
      u8(4)
      string(name)
      i32(due.rawValue)
    case .stale(let updated, let days):
      u8(5)
      i32(updated.rawValue)
      i64(Int64(days))
    case .overBudget(let spent, let planned):
      u8(6)
      u64(spent.bitPattern)
      u64(planned.bitPattern)
    case .highRisk: u8(7)
    case .recorded(let code, let level, let german, let english):
      u8(8)
      string(code)
      u8(UInt8(RAG.allCases.firstIndex(of: level)!))
      string(german)
      string(english)
    }
  }
}

extension ByteReader {
  /// A week, refused as soon as a count differs from the data set's: its offices, and where the week has
  /// project and service facts, theirs (a week without keeps none, as ``Aggregator`` leaves it). So no
  /// count in the bytes makes more than the data set has (an empty fact is one byte, its value hundreds).
  fileprivate mutating func week(_ data: DataSet) -> WeekFacts? {
    guard let day = i32(), let detail = u8(), detail <= 1, let city = facts(), let n = count(),
      n == data.offices.count
    else { return nil }
    let asOf = Day(rawValue: day)
    var blocks: [Range<Int>] = []
    blocks.reserveCapacity(n)
    for _ in 0..<n {
      guard let size = count() else { return nil }
      blocks.append(at..<at + size)
      at += size
    }
    let whole = Bytes(base: base)
    let ranges = blocks
    let shapes = data.offices.map { detail == 1 ? ($0.projects.count, $0.services.count) : (0, 0) }
    let offices = parallelMap(n) { o -> OfficeReport? in
      var r = ByteReader(whole.base, end: ranges[o].upperBound)
      r.at = ranges[o].lowerBound
      return r.office(reportWeek: asOf.reportWeek, projects: shapes[o].0, services: shapes[o].1)
    }
    guard offices.allSatisfy({ $0 != nil }) else { return nil }
    return WeekFacts(asOf: asOf, detail: detail == 1, city: city, offices: offices.map { $0! })
  }

  fileprivate mutating func office(reportWeek: ISOWeek, projects p: Int, services s: Int) -> OfficeReport? {
    guard let facts = facts(), let projects = list(count: p, { $0.facts() }),
      let services = list(count: s, { $0.facts() }),
      let dataAsOf = optDay(), let mask = u8(), mask >> FeedFileKind.allCases.count == 0, atEnd
    else { return nil }
    let missing = FeedFileKind.allCases.enumerated().filter { mask & 1 << UInt8($0.offset) != 0 }.map(\.element)
    return OfficeReport(
      restoring: facts, projects: projects, services: services,
      data: DataState(asOf: dataAsOf, missing: missing, reportWeek: reportWeek))
  }

  fileprivate mutating func ints() -> [Int]? {
    guard let n = count(), let width = u8(), [1, 4, 8].contains(width), n <= (end - at) / Int(width) else {
      return nil
    }
    let start = base.baseAddress! + at
    at += n * Int(width)
    return [Int](unsafeUninitializedCapacity: n) { buffer, filled in
      for i in 0..<n {
        switch width {
        case 1: buffer[i] = Int(Int8(bitPattern: start.load(fromByteOffset: i, as: UInt8.self)))
        case 4: buffer[i] = Int(start.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self))
        default: buffer[i] = Int(start.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
        }
      }
      filled = n
    }
  }

  /// A list, of `expected` items when given (another count is refused before an item is read).
  fileprivate mutating func list<T>(count expected: Int? = nil, _ item: (inout ByteReader) -> T?) -> [T]? {
    guard let n = count(), expected == nil || n == expected else { return nil }
    var items: [T] = []
    items.reserveCapacity(n)
    for _ in 0..<n {
      guard let x = item(&self) else { return nil }
      items.append(x)
    }
    return items
  }

  fileprivate mutating func int() -> Int? { i64().map(Int.init) }

  fileprivate mutating func optInt() -> Int?? {
    guard let f = u8(), f <= 1, let v = i64() else { return nil }
    return .some(f == 1 ? Int(v) : nil)
  }

  fileprivate mutating func double() -> Double? { u64().map(Double.init(bitPattern:)) }

  fileprivate mutating func doubles() -> [Double?]? {
    list { r -> Double?? in r.optDouble() }
  }

  fileprivate mutating func day() -> Day? { i32().map(Day.init(rawValue:)) }

  fileprivate mutating func facts() -> ScopeFacts? {
    guard let present = u8(), present < 128 else { return nil }
    var f = ScopeFacts()
    if present & 1 != 0 {
      var c = ProjectCounts()
      guard let total = int(), let byStatus = ints(), byStatus.count == c.byStatus.count, let red = int(),
        let amber = int(), let green = int()
      else { return nil }
      (c.total, c.byStatus, c.red, c.amber, c.green) = (total, byStatus, red, amber, green)
      f.projects = c
    }
    if present & 2 != 0 {
      var b = BacklogFacts()
      guard let open = int(), let created = int(), let closed = int(), let a50 = optDouble(), let a85 = optDouble(),
        let c50 = optDouble(), let c85 = optDouble(), let cw = ints(), let xw = ints(), let ow = ints()
      else { return nil }
      (b.open, b.created4w, b.closed4w) = (open, created, closed)
      (b.ageP50, b.ageP85, b.cycleP50, b.cycleP85) = (a50, a85, c50, c85)
      (b.createdWeekly, b.closedWeekly, b.openWeekly) = (cw, xw, ow)
      f.backlog = b
    }
    if present & 4 != 0 {
      var o = OZGFacts()
      guard let online = int(), let paper = int(), let completed = int(), let pending = optInt(),
        let weighted = double(), let weight = double(), let services = int(), let servicesOnline = int(),
        let compliant = int(), let maturity = optInt(), let ow = ints(), let pw = ints()
      else { return nil }
      (o.online12w, o.paper12w, o.completed12w, o.pending) = (online, paper, completed, pending)
      (o.processingDaysWeighted, o.processingWeight) = (weighted, weight)
      (o.services, o.servicesOnline, o.servicesCompliant, o.maturity) = (services, servicesOnline, compliant, maturity)
      (o.onlineWeekly, o.paperWeekly) = (ow, pw)
      f.ozg = o
    }
    if present & 8 != 0 {
      guard let k = doubles() else { return nil }
      f.kpis = k
    }
    if present & 16 != 0 {
      guard let t = doubles() else { return nil }
      f.kpiTargets = t
    }
    if present & 32 != 0 {
      var p = ProjectFacts()
      guard let rag = optEnumCase(RAG.self), let reasons = list({ $0.reason() }), let progress = optDouble(),
        let p50 = optDay(), let p85 = optDay(), let used = optDouble(), let due = optDay(),
        let planned = optDouble(), let spent = optDouble(), let overdue = int()
      else { return nil }
      (p.rag, p.reasons, p.progress, p.forecastP50, p.forecastP85) = (rag, reasons, progress, p50, p85)
      (p.budgetUsed, p.due, p.budgetPlanned, p.budgetSpent, p.overdueMilestones) = (used, due, planned, spent, overdue)
      f.project = p
    }
    if present & 64 != 0 {
      var x = IndexFacts()
      guard let year = optInt(), let score = optDouble(), let rank = optInt(), let previousScore = optDouble(),
        let previousRank = optInt(), let n = count()
      else { return nil }
      (x.year, x.score, x.rank, x.previousScore, x.previousRank) = (year, score, rank, previousScore, previousRank)
      for _ in 0..<n {
        guard let area = enumCase(IndexArea.self), let value = double() else { return nil }
        x.areas[area] = value
      }
      f.index = x
    }
    return f
  }

  fileprivate mutating func reason() -> RAGReason? {
    guard let tag = u8() else { return nil }
    switch tag {
    case 0: return .blocked
    case 1: return day().map { .overdue(due: $0) }
    case 2:
      guard let spent = double(), let planned = double(), let factor = double() else { return nil }
      return .budgetOverrun(spent: spent, planned: planned, factor: factor)
    case 3:
      guard let p85 = day(), let due = day() else { return nil }
      return .forecastLate(p85: p85, due: due)
    case 4:
      guard let name = string(), let due = day() else { return nil }
      return .milestoneOverdue(name: name, due: due)
    case 5:
      guard let updated = day(), let days = int() else { return nil }
      return .stale(updated: updated, days: days)
    case 6:
      guard let spent = double(), let planned = double() else { return nil }
      return .overBudget(spent: spent, planned: planned)
    case 7: return .highRisk
    case 8:
      guard let code = string(), let level = enumCase(RAG.self), let german = string(), let english = string()
      else { return nil }
      return .recorded(code: code, level: level, german: german, english: english)
    default: return nil
    }
  }
}

extension ResultCache {
  /// The report kept for `key` (see ``CachedReport``), when there is an intact entry made from exactly
  /// this key, its facts fit `data` as of `asOf`, and the root is still as the key's walk found it;
  /// `nil` otherwise. `data` was loaded after that walk: a file changed in between (a YAML file, or a
  /// feed without a parsed-feed entry, is read as it is now) would pair the facts of the old files
  /// with the new data, so the root is walked again and must be unchanged.
  public func report(_ key: Key, data: DataSet, asOf: Day) -> Report? {
    var report: Report? = nil
    _ = withOutput(key) { report = CachedReport.decode($0, data: data, asOf: asOf) }
    guard report != nil, unchanged(key) else { return nil }
    return report
  }

  /// Keeps a report's facts for `key` (unless something in the root changed too recently to be trusted).
  public func store(_ report: Report, for key: Key) {
    guard key.newest <= key.started - Int64(settleSeconds) else { return }
    store(CachedReport.encode(report), for: key)
  }
}
