import DigITCore
import DigITMetrics
import Dispatch
import Synchronization

/// The formats of a snapshot (`--format json,md,csv,html`).
public enum SnapshotFormat: String, Sendable, CaseIterable, Comparable {
  case json, md, csv, html

  public static func < (a: SnapshotFormat, b: SnapshotFormat) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// The files a format writes.
  public var files: [String] {
    switch self {
    case .json: ["snapshot.json"]
    case .md: ["summary.md"]
    case .csv: ["offices.csv", "projects.csv", "services.csv"]
    case .html: ["report.html"]
    }
  }
}

/// Exports one week: builds the snapshot (with `changes` against the stored week before, or else the
/// data as of 7 days earlier) and writes the chosen formats into `<out>/<week>/` at once.
/// Used by `digit export` and the dashboard's `e` key.
public struct Exporter: Sendable {
  public var store: SnapshotStore
  public var formats: [SnapshotFormat] = SnapshotFormat.allCases
  public var dialect: CSVDialect = .excel
  /// The CSV header row: labels in ``language`` with units and values as on screen (default), or ids.
  public var csvHeaders: CSVHeaders = .labels
  /// The language of `summary.md` and `report.html` (`snapshot.json` and the CSV files carry both or none).
  public var language: Language = .de
  /// `SOURCE_DATE_EPOCH` as a time, written into the JSON and the reports; `nil`: no time anywhere.
  public var generatedAt: String?
  /// Whether the week is also recorded in `history.sqlite` (see ``History``).
  public var recordsHistory = true

  public init(store: SnapshotStore) { self.store = store }

  /// What an export did.
  public struct Result: Sendable {
    public var week: ISOWeek
    public var folder: String
    /// Every file written, in format order.
    public var paths: [String]
    /// Whether an existing week folder was replaced.
    public var replaced: Bool
    /// What `changes` compares against: a stored snapshot or the data as of 7 days earlier.
    public var against: SnapshotState.Origin
    /// The week and as-of day compared against.
    public var againstWeek: String
    public var againstAsOf: String
    /// What recording the week in `history.sqlite` did (`nil`: not asked for). A failure there never
    /// fails the export: the week folder is written and is the record; the caller says so.
    public var history: Swift.Result<History.Outcome, HistoryError>?
  }

  /// The stored week before `week`, the basis of `changes` (`nil`: none is stored). Reading it is
  /// independent of the feeds, so `digit export` does it while the feeds load.
  /// A stored week before that cannot be used is an error naming it (nothing is written).
  public func previous(before week: ISOWeek) -> Swift.Result<SnapshotState?, StoreError> {
    Swift.Result { () throws(StoreError) in
      do throws(StoreError) { return try store.previousState(before: week) } catch {
        throw StoreError(
          error.kind, "the stored week before (\(week.adding(weeks: -1))) cannot be used: \(error.description)")
      }
    }
  }

  /// The snapshot of a report, with the stored week before (if any) as the basis of `changes`.
  public func snapshot(
    _ report: Report, source: SnapshotSource, previous: Swift.Result<SnapshotState?, StoreError>? = nil
  ) throws(StoreError) -> Snapshot {
    let state = try (previous ?? self.previous(before: report.week)).get()
    if let state, state.cityName != report.data.city.name {
      throw StoreError(
        .content,
        "\(Inert.text(store.path(of: report.week.adding(weeks: -1))))/snapshot.json is a snapshot of "
          + "\(Inert.message(state.cityName)), not of \(Inert.message(report.data.city.name))"
      )
    }
    // Four weeks before, where stored and readable (the briefing's second comparison; never an error).
    let four = report.week.adding(weeks: -4)
    let fourState = store.contains(four) ? try? store.state(four) : nil
    return Snapshot(
      report: report, source: source, previous: state,
      fourWeeksBefore: fourState?.cityName == report.data.city.name ? fourState : nil, generatedAt: generatedAt)
  }

  /// The files of a snapshot, not yet written (each renders when the store asks for its bytes).
  public func items(_ snapshot: Snapshot) -> [SnapshotStore.Item] { items(snapshot, history: nil) }

  /// The items; the bytes of `snapshot.json` are also handed to `history` (which prepares the week's
  /// rows on another thread while the other files are made and written).
  func items(_ snapshot: Snapshot, history: HistoryPreparation?) -> [SnapshotStore.Item] {
    let dialect = dialect
    let language = language
    let csv = CSVOptions(dialect: dialect, headers: csvHeaders, language: language)
    var items: [SnapshotStore.Item] = []
    for format in formats.sorted() {
      switch format {
      case .json:
        items.append(
          .init(name: "snapshot.json", usesAllCores: true) {
            let bytes = SnapshotJSON.render(snapshot)
            history?.start(bytes)
            return bytes
          })
      case .md:
        items.append(
          .init(name: "summary.md") { SnapshotMarkdown.render(SummaryReport.build(snapshot, language: language)) })
      case .csv:
        items.append(.init(name: "offices.csv") { SnapshotCSV.offices(snapshot, csv) })
        items.append(.init(name: "projects.csv") { SnapshotCSV.projects(snapshot, csv) })
        items.append(.init(name: "services.csv") { SnapshotCSV.services(snapshot, csv) })
      case .html:
        items.append(
          .init(name: "report.html") {
            SnapshotHTML.render(SummaryReport.build(snapshot, language: language, charts: true))
          })
      }
    }
    return items
  }

  /// Builds and writes the week of `report`. Throws ``StoreError`` with kind `.exists` when the week is
  /// stored already and `replace` is false; nothing is written then.
  /// - Parameters:
  ///   - report: the metrics as of the week's as-of day (and 7 days earlier, for `changes`).
  ///   - source: what the report was read from: the data root, every file with its SHA-256, every problem.
  ///   - replace: replace a stored week in one step (`--force`).
  ///   - previous: ``previous(before:)`` if already read.
  public func export(
    _ report: Report, source: SnapshotSource, replace: Bool, previous: Swift.Result<SnapshotState?, StoreError>? = nil
  ) throws(StoreError) -> Result {
    let snapshot = try snapshot(report, source: source, previous: previous)
    let existed = store.contains(report.week)
    let history = recordsHistory ? HistoryPreparation() : nil
    let paths = try store.write(report.week, items: items(snapshot, history: history), replace: replace)
    var result = Result(
      week: report.week, folder: store.path(of: report.week), paths: paths, replaced: existed,
      against: snapshot.changes.from.origin,
      againstWeek: snapshot.changes.from.week, againstAsOf: snapshot.changes.from.asOf)
    if recordsHistory {
      // The history is made from snapshot.json alone (as `digit history rebuild` makes it), so a week
      // exported without the json format is rendered for it all the same.
      // (Rendered again only when `--format` left snapshot.json out.)
      let prepared =
        history?.prepared
        ?? Swift.Result { () throws(HistoryError) in try History.prepare(SnapshotJSON.render(snapshot)) }
      result.history = Swift.Result { () throws(HistoryError) in try History(store: store).record(prepared.get()) }
    }
    return result
  }
}

/// The history's rows of a week, prepared from `snapshot.json` on another thread as soon as its bytes are
/// rendered, while the week's other files are made and written.
///
/// The export never waits for a thread of Dispatch to become free: rows that no thread has begun to
/// prepare yet when they are asked for are prepared by the thread that asks (the dashboard exports on one
/// of Dispatch's threads, which may all be busy).
final class HistoryPreparation: Sendable {
  private enum State {
    /// `snapshot.json` was not rendered (yet).
    case waiting
    /// Rendered; no thread has begun to prepare the rows.
    case rendered([UInt8])
    /// A thread prepares the rows (`group` is entered meanwhile).
    case preparing
    case prepared(Result<History.Prepared, HistoryError>)
  }

  private let state = Mutex<State>(.waiting)
  private let group = DispatchGroup()

  /// Starts preparing the rows of `bytes` (once; rendering happens on one of the store's threads).
  func start(_ bytes: [UInt8]) {
    state.withLock { $0 = .rendered(bytes) }
    DispatchQueue.global().async { self.prepareUnlessBegun() }
  }

  /// Prepares the rows unless a thread has begun to already.
  private func prepareUnlessBegun() {
    let bytes = state.withLock { state -> [UInt8]? in
      guard case .rendered(let bytes) = state else { return nil }
      state = .preparing
      group.enter()
      return bytes
    }
    guard let bytes else { return }
    let prepared = Result { () throws(HistoryError) in try History.prepare(bytes) }
    state.withLock { $0 = .prepared(prepared) }
    group.leave()
  }

  /// The prepared rows once ready; `nil` when `snapshot.json` was never rendered (`--format` left it out).
  var prepared: Result<History.Prepared, HistoryError>? {
    prepareUnlessBegun()
    group.wait()
    return state.withLock { state in
      guard case .prepared(let result) = state else { return nil }
      return result
    }
  }
}
