import DigITCore

/// One backlog item (feature, bug, task …) of a project.
///
/// Ids and titles live in the office's ``TextPool`` (see ``Office/text(_:)``), the type and priority
/// words in its ``LabelPool`` (see ``Office/type(of:)``), so that loading two million items does not
/// allocate two million strings. An item is 36 bytes: a missing closing day or estimate is a reserved
/// value of its field, read back as `nil` by ``closed`` and ``points``.
public struct BacklogItem: Sendable, Equatable {
  /// Index of the project in its office's `projects`.
  public var project: Int32
  /// The item id (unique in the office).
  public var id: TextRef
  /// The item's title (empty when the feed gave none); read it with ``Office/text(_:)``.
  public var title: TextRef
  /// The item's type (a free word such as `feature`, `bug`, `task`) and priority (a free word such as
  /// `hoch`, `mittel`, `niedrig`); read them with ``Office/type(of:)`` and ``Office/priority(of:)``.
  public var labels: LabelRef
  /// The day the item was created. An item counts from this day on, and only if it is on or before the
  /// as-of day.
  public var created: Day
  /// ``closed`` as its raw day, `Int32.min` (days before any supported year) while open.
  @usableFromInline var closedRaw: Int32
  /// ``points`` as the bits of a `Float`, `UInt32.max` (a NaN no parsed number gives) when not estimated.
  @usableFromInline var pointsBits: UInt32

  /// The raw value that stands for "no closing day" (`Int32.min`, days before any supported year).
  @inlinable static var noDay: Int32 { Int32.min }
  /// The bits that stand for "no estimate": a NaN that no parsed number gives.
  @inlinable static var noPoints: UInt32 { UInt32.max }

  /// The day it was closed; `nil` while open.
  @inlinable public var closed: Day? {
    get { closedRaw == Self.noDay ? nil : Day(rawValue: closedRaw) }
    set { closedRaw = newValue?.rawValue ?? Self.noDay }
  }

  /// Story points, if estimated.
  @inlinable public var points: Float? {
    get { pointsBits == Self.noPoints ? nil : Float(bitPattern: pointsBits) }
    set { pointsBits = newValue?.bitPattern ?? Self.noPoints }
  }

  /// Makes an item; `id` and `title` come from the office's ``Office/texts`` (``TextPool/append(_:)``),
  /// `labels` from its ``Office/labels`` (``LabelPool/intern(type:priority:)``).
  public init(
    project: Int32, id: TextRef, title: TextRef, labels: LabelRef, created: Day, closed: Day?, points: Float?
  ) {
    self.project = project
    self.id = id
    self.title = title
    self.labels = labels
    self.created = created
    self.closedRaw = closed?.rawValue ?? Self.noDay
    self.pointsBits = points?.bitPattern ?? Self.noPoints
  }

  /// Equal when every field is, ``closed`` and ``points`` compared as the optionals they are.
  public static func == (a: BacklogItem, b: BacklogItem) -> Bool {
    a.project == b.project && a.id == b.id && a.title == b.title && a.labels == b.labels && a.created == b.created
      && a.closedRaw == b.closedRaw && a.points == b.points
  }
}

/// The type and priority of backlog items, each distinct pair stored once per office (``Office/labels``).
///
///     var labels = LabelPool()
///     let ref = labels.intern(type: "bug", priority: "hoch")
///     labels[ref].type  // "bug"
public struct LabelPool: Sendable, Equatable {
  /// The distinct pairs, in order of first use; a ``LabelRef`` is an index into it.
  public private(set) var all: [Labels] = []
  /// The index of each pair in ``all``, by the UTF-8 of type, 0xFF (never in UTF-8), priority: by bytes, so
  /// that two spellings of a word (precomposed or not), equal as `String`s, stay as they were given.
  private var index: [[UInt8]: UInt32] = [:]

  /// A backlog item's type and priority (either may be empty).
  public struct Labels: Sendable, Hashable {
    /// A free word such as `feature`, `bug`, `task`.
    public var type: String
    /// A free word such as `hoch`, `mittel`, `niedrig`.
    public var priority: String

    /// A pair of words.
    public init(type: String, priority: String) {
      self.type = type
      self.priority = priority
    }
  }

  /// An empty pool.
  public init() {}

  /// The reference of a pair, adding it when it is new.
  public mutating func intern(type: String, priority: String) -> LabelRef {
    let key = Array(type.utf8) + [0xFF] + Array(priority.utf8)
    if let i = index[key] { return LabelRef(index: i) }
    let i = UInt32(truncatingIfNeeded: all.count)
    all.append(Labels(type: type, priority: priority))
    index[key] = i
    return LabelRef(index: i)
  }

  /// The pair a reference points to.
  public subscript(ref: LabelRef) -> Labels { all[Int(ref.index)] }

  /// The number of distinct pairs.
  public var count: Int { all.count }

  /// Equal when they hold the same pairs in the same order.
  public static func == (a: LabelPool, b: LabelPool) -> Bool { a.all == b.all }
}

/// A reference to a type and priority pair in a ``LabelPool``; only meaningful with the pool that made it
/// (each office has its own, ``Office/labels``).
public struct LabelRef: Sendable, Hashable {
  /// The index of the pair in ``LabelPool/all``.
  public var index: UInt32
  /// A reference to the pair at `index`; ``LabelPool/intern(type:priority:)`` makes them, and one outside
  /// its pool traps when read.
  @inlinable public init(index: UInt32) { self.index = index }
}
