import DigITCore
import DigITFeeds
import DigITMetrics
import DigITSnapshot

/// The work behind the ``Effect/export(replace:)`` and ``Effect/listSnapshots`` effects: file I/O that
/// the main loop runs on a background thread and whose outcome comes back as an action. Neither the
/// reducer nor the screens call these.
public enum SnapshotJobs {
  /// Exports the week of `report` into `folder` (all formats, like `digit export`) and returns
  /// ``Action/exported(_:)`` or, with the reason in plain words, ``Action/exportFailed(_:)``.
  /// - Parameters:
  ///   - load: what `report` was computed from, loaded with checksums (the snapshot's source record).
  ///   - report: the metrics of the week on screen.
  ///   - root: the data root as the user gave it (recorded in the snapshot).
  ///   - folder: the snapshot folder (`--snapshots`).
  ///   - language: the language of `summary.md` and `report.html`.
  ///   - generatedAt: `SOURCE_DATE_EPOCH` as a time (see `Snapshot.generationTime(sourceDateEpoch:)`).
  ///   - replace: replace a stored week of the same name in one step (the user answered `j`).
  public static func export(
    load: LoadResult, report: Report, root: String, folder: String, language: Language, generatedAt: String?,
    replace: Bool
  ) -> Action {
    var exporter = Exporter(store: SnapshotStore(folder: folder))
    exporter.language = language
    exporter.generatedAt = generatedAt
    do {
      return .exported(
        try exporter.export(
          report, source: SnapshotSource(root: root, files: load.files, problems: load.diagnostics), replace: replace))
    } catch {
      return .exportFailed(error.description)
    }
  }

  /// Lists the stored weeks of `folder`, newest first, as ``Action/snapshotsListed(_:)``, each
  /// `snapshot.json` read to find out whether it is usable. A folder that does not exist yet has no weeks;
  /// one that cannot be read (or is a file) is a failure, so the screen can say so instead of showing an
  /// empty list.
  public static func list(folder: String) -> Action {
    .snapshotsListed(listing(folder))
  }

  /// Reads the stored week before `week` and the one four weeks before from `folder`, for the briefing,
  /// as ``Action/storedWeeksRead(_:)``. A week that is not stored or cannot be read is `nil`: the briefing
  /// then compares with the feeds and says so.
  public static func storedWeeks(folder: String, week: ISOWeek) -> Action {
    let store = SnapshotStore(folder: folder)
    let before = try? store.previousState(before: week)
    let four = week.adding(weeks: -4)
    let fourWeeks = store.contains(four) ? try? store.state(four) : nil
    let runs = try? History(store: store).ragRuns(before: week)
    return .storedWeeksRead(StoredWeeks(week: week, before: before ?? nil, fourWeeks: fourWeeks, ragRuns: runs))
  }

  /// Two stored weeks compared: the later one's `snapshot.json` against the earlier one's, in the
  /// briefing's order (the same model as the Lage tab).
  public static func comparison(folder: String, _ a: ISOWeek, _ b: ISOWeek) -> Action {
    let store = SnapshotStore(folder: folder)
    let (from, to) = a < b ? (a, b) : (b, a)
    do {
      let before = try store.state(from)
      let now = try store.state(to)
      return .weeksCompared(.success(WeekComparison(from: from, to: to, briefing: Briefing(now: now, before: before))))
    } catch {
      return .weeksCompared(.failure(error))
    }
  }

  static func listing(_ folder: String) -> Result<[SnapshotStore.StoredWeek], StoreError> {
    switch FileSystem.kind(folder) {
    case .missing: return .success([])
    case .file, .other: return .failure(StoreError(.io, "\(folder) is not a folder"))
    case .directory: break
    }
    // `weeks()` takes an unreadable folder for an empty one: ask first.
    if case .failure(let e) = FileSystem.list(folder) { return .failure(StoreError(.io, "\(folder) \(e.description)")) }
    let store = SnapshotStore(folder: folder)
    return .success(store.checked(store.weeks()))
  }
}
