import DigITCore

/// One backlog item (feature, bug, task …) of a project.
///
/// Ids and titles live in the office's ``TextPool`` (see ``Office/text(_:)``), so that loading two
/// million items does not allocate two million strings.
public struct BacklogItem: Sendable, Equatable {
  /// Index of the project in its office's `projects`.
  public var project: Int32
  /// The item id (unique in the office).
  public var id: TextRef
  /// The item's title (empty when the feed gave none); read it with ``Office/text(_:)``.
  public var title: TextRef
  /// A free word such as `feature`, `bug`, `task` (interned: equal words share storage).
  public var type: String
  /// A free word such as `hoch`, `mittel`, `niedrig`.
  public var priority: String
  /// The day the item was created. An item counts from this day on, and only if it is on or before the
  /// as-of day.
  public var created: Day
  /// The day it was closed; `nil` while open.
  public var closed: Day?
  /// Story points, if estimated.
  public var points: Float?

  /// Makes an item; `id` and `title` come from the office's ``Office/texts`` (``TextPool/append(_:)``).
  public init(
    project: Int32, id: TextRef, title: TextRef, type: String, priority: String, created: Day,
    closed: Day?, points: Float?
  ) {
    self.project = project
    self.id = id
    self.title = title
    self.type = type
    self.priority = priority
    self.created = created
    self.closed = closed
    self.points = points
  }
}
