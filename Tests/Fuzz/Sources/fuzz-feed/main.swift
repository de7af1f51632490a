import DigITCore
import DigITFeeds
import DigITMetrics

// libFuzzer target: the feed loader and the aggregation on a data root in which one file is the input.
//
// The first input byte picks the file (modulo 8, see `files`), the rest are its bytes. Every file has a
// root of its own (a small valid fixture: one city, the index, one office with all six feed files),
// made once per process under $TMPDIR (default /tmp) and removed at exit; an input only overwrites its
// own file, so the other files of that root always stay the fixture. Then `FeedLoader(root:asOf:)
// .load()` must not throw (the root is always usable), `Aggregator(dataSet).report(asOf:)` computes
// every metric, and every metric is read at every scope and formatted in both languages.
//
// Built with `-parse-as-library`: libFuzzer provides `main`. See run.sh.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The files an input can be, by the first byte modulo 8 (paths relative to the root).
let files = [
  "city.yaml", "offices/amt-1/office.yaml", "offices/amt-1/projects.csv", "offices/amt-1/milestones.csv",
  "offices/amt-1/backlog.csv", "offices/amt-1/ozg.csv", "offices/amt-1/kpis.csv", "index/smart-city-index.csv",
]

/// The fixture: small, valid and connected (milestones and items of the projects, values of the KPIs).
let fixture: [String: String] = [
  "city.yaml": """
  name: Teststadt
  ags: "07315000"
  ozg_maturity_model: "1"
  thresholds:
    budget_overrun_factor: 1.10
    stale_days: 14
    ozg_online_level: 2
    ozg_compliant_level: 3
  index_target:
    year: 2027
    score: 72.0
    rank: 40
  kpis:
    - id: online_quote
      label: Anteil Online-Anträge
      unit: "%"
      index_area: Verwaltung
      aggregate: mean
      target: 60
    - id: digital_services
      label: Digitale Leistungen
      aggregate: sum
    - id: m365_users
      label: Microsoft-365-Konten
      aggregate: max
      direction: down

  """,
  "offices/amt-1/office.yaml": """
  id: amt-1
  name: Bürgeramt
  number: "33"
  department: Dezernat IV
  coordinator: C. Hoffmann
  digit_since: 2024-01-01

  """,
  "offices/amt-1/projects.csv": """
  id,title,category,status,owner,start,due,budget_planned,budget_spent,index_area,updated,risk
  P-1,Elektronische Wohnsitzanmeldung,ozg,active,C. Hoffmann,2025-06-02,2026-12-31,95000,120000,Verwaltung,2026-11-11,high
  P-2,Personalausweis online,ozg,planned,V. Schmitt,2026-12-01,2027-03-01,,,Verwaltung,,low
  P-3,E-Akte,infrastruktur,blocked,A. Weber,2025-01-06,2026-06-30,50000.5,20000,IT und Kommunikation,2026-10-01,medium
  P-4,WLAN,infrastruktur,done,B. Braun,2024-01-08,2024-12-20,10000,9000,Gesellschaft,2024-12-20,low

  """,
  "offices/amt-1/milestones.csv": """
  project_id,name,due,done
  P-1,Soll-Prozess abgestimmt,2025-08-13,2025-08-07
  P-1,Go-live,2026-10-02,
  P-3,Scanstraße,2026-03-01,
  P-4,Abnahme,2024-12-20,2024-12-19

  """,
  "offices/amt-1/backlog.csv": """
  id,project_id,title,type,priority,created,closed,points
  B-1,P-1,Formular prüfen,feature,hoch,2026-06-01,2026-07-15,5
  B-2,P-1,"Lasttest ""vor"" Go-live",task,mittel,2026-08-03,2026-11-20,3
  B-3,P-1,Barrierefreiheit,bug,niedrig,2026-09-14,,8
  B-4,P-1,Schnittstelle,feature,hoch,2026-10-05,2026-11-02,2
  B-5,P-3,Scanner,task,,2025-02-03,,
  B-6,P-3,Migration,task,hoch,2026-11-16,2026-11-18,1,5
  B-7,P-4,Ausleuchtung,task,mittel,2024-03-04,2024-11-29,13

  """,
  "offices/amt-1/ozg.csv": """
  week,service_id,service,maturity,online,paper,completed,pending,median_days
  2026-W45,99115005070000,Wohnsitz anmelden,1,89,426,538,409,3.8
  2026-W46,99115005070000,Wohnsitz anmelden,2,95,400,510,380,3.5
  2026-W47,99115005070000,Wohnsitz anmelden,2,120,380,520,,
  2026-W47,99088001000000,Personalausweis beantragen,3,0,266,223,1135,23.0
  2025-W01,99088001000000,Personalausweis beantragen,1,0,300,250,1000,30

  """,
  "offices/amt-1/kpis.csv": """
  week,kpi,value
  2026-W46,online_quote,18.9
  2026-W47,online_quote,21.5
  2026-W47,digital_services,9
  2026-W40,m365_users,1200

  """,
  "index/smart-city-index.csv": """
  year,area,score,rank
  2024,Gesamt,62.2,55
  2024,Verwaltung,63.5,
  2025,Gesamt,64.0,48
  2025,IT und Kommunikation,66.0,

  """,
]

/// The as-of day (a Monday, 2026-W48), as in the tests.
let asOf = Day(year: 2026, month: 11, day: 23)!

/// The folder of all roots; `roots[k]` is the root whose `files[k]` is the input.
nonisolated(unsafe) var folder = ""
nonisolated(unsafe) var roots: [String] = []

func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer) {
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
  guard fd >= 0 else { fatalError("cannot write \(path): errno \(errno)") }
  var done = 0
  while done < bytes.count {
    let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
    if n < 0 && errno == EINTR { continue }
    guard n > 0 else { fatalError("cannot write \(path): errno \(errno)") }
    done += n
  }
  close(fd)
}

func makeDirectory(_ path: String) {
  guard mkdir(path, 0o755) == 0 || errno == EEXIST else { fatalError("cannot make \(path): errno \(errno)") }
}

/// Makes the roots on the first input.
func setUp() {
  // Under $TMPDIR (run.sh sets one of its own and empties it: a crash ends the process without atexit).
  let tmp = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
  var template = Array("\(tmp)/digit-fuzz-feed-XXXXXX".utf8CString)
  guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
    fatalError("mkdtemp failed")
  }
  folder = String(cString: made)
  for k in files.indices {
    let root = "\(folder)/r\(k)"
    for dir in ["", "/index", "/offices", "/offices/amt-1"] { makeDirectory(root + dir) }
    for (path, text) in fixture {
      var t = text
      t.withUTF8 { writeFile("\(root)/\(path)", UnsafeRawBufferPointer($0)) }
    }
    roots.append(root)
  }
  // Remove the roots when libFuzzer exits (it calls exit() at the end of a run and after a crash report).
  atexit {
    guard !folder.isEmpty else { return }
    for root in roots {
      for path in files { unlink("\(root)/\(path)") }
      for dir in ["/offices/amt-1", "/offices", "/index", ""] { rmdir(root + dir) }
    }
    rmdir(folder)
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeed(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data, size > 0 else { return 0 }
  if roots.isEmpty { setUp() }
  let k = Int(data[0]) % files.count
  let root = roots[k]
  writeFile("\(root)/\(files[k])", UnsafeRawBufferPointer(start: data + 1, count: size - 1))

  let result: LoadResult
  do {
    result = try FeedLoader(root: root, asOf: asOf, parallel: false).load()
  } catch {
    fatalError("the root is usable, but load() threw: \(error)")
  }
  for d in result.diagnostics where d.message.isEmpty { fatalError("a diagnostic without a message: \(d)") }
  _ = (result.errorCount, result.warningCount, result.rowsRead, result.rowsSkipped)

  var aggregator = Aggregator(result.dataSet)
  aggregator.parallel = false
  let report = aggregator.report(asOf: asOf)
  readEveryMetric(report)
  return 0
}

/// Reads every metric of the catalog at every scope (value, series, week-over-week change) and formats
/// the values in both languages, as the dashboard and the snapshot writers do.
func readEveryMetric(_ report: Report) {
  var scopes: [ScopeRef] = [.city]
  for (o, office) in report.data.offices.enumerated() {
    scopes.append(.office(o))
    scopes += office.projects.indices.map { .project(o, $0) }
    scopes += office.services.indices.map { .service(o, $0) }
  }
  let formatters = Language.allCases.map(MetricFormatter.init(language:))
  for metric in report.catalog.metrics {
    for scope in scopes where metric.scopes.contains(scope.kind) {
      if metric.isSeries {
        _ = report.series(metric, at: scope)
        continue
      }
      let value = report.value(metric, at: scope)
      let change = report.change(metric, at: scope)
      for f in formatters {
        // No output shows ∞, NaN or an exponent (issue 18).
        // A KPI's own unit (from city.yaml, fuzzed too) is text, not a number: it is left out of the check.
        var unitText = ""
        if case .custom(let u) = metric.unit { unitText = u }
        for text in [f.format(value, unit: metric.unit)] + (change.map { [f.delta($0, unit: metric.unit)] } ?? [])
        where showsOverflow(unitText.isEmpty ? text : text.replacing(unitText, with: " ")) {
          fatalError("\(metric.id) formatted as \(text)")
        }
      }
    }
  }
  _ = report.seriesWeeks
}

/// Whether a formatted value shows ∞, NaN or a number with an exponent (`1e+23`, `2.5E-7`); units and
/// words around it (`Tage`, a KPI's unit) do not count.
func showsOverflow(_ text: String) -> Bool {
  if text.contains("∞") { return true }
  for prefix in ["nan", "-nan", "+nan", "±nan", "NaN", "-NaN"] where text.hasPrefix(prefix) { return true }
  let u = Array(text.utf8)
  func digit(_ k: Int) -> Bool { k >= 0 && k < u.count && u[k] >= 0x30 && u[k] <= 0x39 }
  for i in u.indices where (u[i] == 0x65 || u[i] == 0x45) && digit(i - 1) {
    let j = i + 1 < u.count && (u[i + 1] == 0x2B || u[i + 1] == 0x2D) ? i + 2 : i + 1
    if digit(j) { return true }
  }
  return false
}
