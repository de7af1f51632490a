import DigITCore
import DigITMetrics

/// What a snapshot was made from: the data root, every file read (with its checksum and row counts) and
/// every problem found. Filled by the caller from the feed loader's result; this module reads no feeds.
public struct SnapshotSource: Sendable, Equatable {
  /// The data root as it was given, without a leading `./` and trailing `/` (so that `Sample-Data/` and
  /// `./Sample-Data` record the same).
  public var root: String
  /// Every file read, with its checksum and row counts.
  public var files: [FileStats] { didSet { tally = Tally(files: files, problems: problems) } }
  /// Every problem found in the feeds.
  public var problems: [Diagnostic] { didSet { tally = Tally(files: files, problems: problems) } }
  /// The counts per office, made once: the writers ask for them per office, and counting by walking every
  /// problem each time cost 20 s of a large root's export (20,000 problems × 400 offices × 10 questions).
  private var tally: Tally

  /// Problems per severity (occurrences counted) and skipped rows, per office (`nil`: city-wide files).
  struct Tally: Sendable, Equatable {
    /// errors, warnings, notes, rows skipped.
    var byOffice: [String?: [Int]] = [:]
    var total = [0, 0, 0, 0]

    init(files: [FileStats], problems: [Diagnostic]) {
      for p in problems {
        let k = Tally.index(p.severity)
        byOffice[p.office, default: [0, 0, 0, 0]][k] += p.occurrences
        total[k] += p.occurrences
      }
      for f in files {
        byOffice[f.office, default: [0, 0, 0, 0]][3] += f.rowsSkipped
        total[3] += f.rowsSkipped
      }
    }

    static func index(_ s: Diagnostic.Severity) -> Int {
      switch s {
      case .error: 0
      case .warning: 1
      case .note: 2
      }
    }

    func value(_ k: Int, _ office: String??) -> Int {
      guard let office else { return total[k] }
      return byOffice[office]?[k] ?? 0
    }
  }

  public init(root: String, files: [FileStats], problems: [Diagnostic]) {
    var root = Substring(root)
    while root.hasPrefix("./") && root.count > 2 { root = root.dropFirst(2) }
    while root.hasSuffix("/") && root.count > 1 { root = root.dropLast() }
    self.root = String(root)
    self.files = files
    self.problems = problems
    tally = Tally(files: files, problems: problems)
  }

  /// Problems of a severity, counting occurrences; `office: .some(nil)` for the city-wide files only,
  /// `nil` for all.
  public func count(_ severity: Diagnostic.Severity, office: String?? = nil) -> Int {
    tally.value(Tally.index(severity), office)
  }

  /// Rows skipped in the files of an office (`.some(nil)`: city-wide files; `nil`: all files).
  public func rowsSkipped(office: String?? = nil) -> Int { tally.value(3, office) }

  public var errorCount: Int { count(.error) }
}

/// One week's snapshot: the report (every metric of every scope), where it came from, and what changed
/// since the week before. The writers (``SnapshotJSON``, ``SnapshotMarkdown``, ``SnapshotCSV``,
/// ``SnapshotHTML``) only format it; nothing here computes a metric.
public struct Snapshot: Sendable {
  /// The version of `snapshot.json`'s layout (see `snapshot.schema.json`).
  /// Version 2 added `data_as_of` and each office's `data` (Datenstand, missing feed files, stale).
  public static let schemaVersion = 2
  /// The versions a stored week may have to be compared with (what changes need is in both).
  public static let readableSchemaVersions = 1...2

  public let report: Report
  public let source: SnapshotSource
  public let changes: SnapshotChanges
  /// The briefing of the week against the same week before as ``changes`` (and four weeks before where stored).
  public let briefing: Briefing
  /// An ISO 8601 UTC time from `SOURCE_DATE_EPOCH`, or `nil` (then no time is written anywhere, so the
  /// same feeds and as-of day give the same bytes).
  public let generatedAt: String?

  /// - Parameters:
  ///   - report: the metrics of the week, as of its as-of day.
  ///   - source: the data root, the files read (with SHA-256) and the feed problems.
  ///   - previous: the stored snapshot of the week before, if there is one; otherwise changes
  ///     are computed against the data as of 7 days earlier (`report.previous`).
  ///   - fourWeeksBefore: the stored snapshot of four weeks before, if there is one (the briefing's
  ///     second comparison).
  ///   - generatedAt: ``generatedAt``: an ISO 8601 UTC time from `SOURCE_DATE_EPOCH`, or `nil` for none.
  public init(
    report: Report, source: SnapshotSource, previous: SnapshotState? = nil, fourWeeksBefore: SnapshotState? = nil,
    generatedAt: String? = nil
  ) {
    self.report = report
    self.source = source
    self.generatedAt = generatedAt
    let now = SnapshotState(report: report)
    let before = previous ?? report.previous.map { SnapshotState(earlier: $0, than: report) }
    // `changes` records a report without a week before against nothing; the briefing invents no changes.
    changes = SnapshotChanges.between(before ?? SnapshotState(empty: report.asOf.adding(days: -7)), now)
    briefing = Briefing(now: now, before: before, fourWeeks: fourWeeksBefore)
  }

  public var week: ISOWeek { report.week }
  public var asOf: Day { report.asOf }

  /// `SOURCE_DATE_EPOCH` (seconds since 1970) as `2026-11-29T18:00:00Z`; `nil` when unset or not a number.
  public static func generationTime(sourceDateEpoch: String?) -> String? {
    guard let text = sourceDateEpoch, let seconds = Int64(text), seconds >= 0, seconds < 253_402_300_800 else {
      return nil
    }
    let day = Day(year: 1970, month: 1, day: 1)!.adding(days: Int(seconds / 86_400))
    let s = Int(seconds % 86_400)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(day)T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))Z"
  }
}
