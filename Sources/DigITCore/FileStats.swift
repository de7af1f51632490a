/// How much of a file was read.
public struct FileStats: Sendable, Hashable {
  /// Path relative to the data root.
  public var path: String
  /// Office id, `nil` for city-wide files.
  public var office: String?
  /// Size in bytes.
  public var bytes: Int
  /// Data rows accepted into the data set.
  public var rowsRead: Int
  /// Data rows skipped because of errors.
  public var rowsSkipped: Int
  /// Whether the whole file was skipped (unreadable, missing required column, …).
  public var skipped: Bool
  /// The SHA-256 of the bytes read, as 64 lowercase hex digits; only when the loader was asked for
  /// checksums (`FeedLoader.checksums`) and the file could be read.
  public var sha256: String?
  /// For an export of another tool (see DigITFeeds' "Exports of other tools"): the feed file it stands
  /// in for, `backlog.csv` (a project tool's export) or `ozg.csv` (federal OZG data); `nil` for the feed
  /// files themselves.
  public var feed: String?

  public init(
    path: String, office: String?, bytes: Int = 0, rowsRead: Int = 0, rowsSkipped: Int = 0, skipped: Bool = false
  ) {
    self.path = path
    self.office = office
    self.bytes = bytes
    self.rowsRead = rowsRead
    self.rowsSkipped = rowsSkipped
    self.skipped = skipped
  }
}
