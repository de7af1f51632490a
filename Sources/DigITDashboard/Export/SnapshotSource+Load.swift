import DigITFeeds
import DigITSnapshot

extension SnapshotSource {
  /// The source record of a snapshot from what the feed loader read (load with
  /// `FeedLoader(checksums: true)` so that every file has its SHA-256).
  public init(load: LoadResult, root: String) {
    self.init(
      root: root,
      files: load.files.map { f in
        File(path: f.path, office: f.office, bytes: f.bytes, sha256: f.sha256, rowsRead: f.rowsRead, rowsSkipped: f.rowsSkipped, skipped: f.skipped)
      },
      problems: load.diagnostics.map { d in
        Problem(severity: d.severity.rawValue, office: d.office, file: d.file, line: d.line, column: d.column, message: d.message, occurrences: d.occurrences)
      })
  }
}
