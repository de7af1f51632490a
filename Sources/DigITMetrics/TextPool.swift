import DigITCore

/// A compact store for many short texts (backlog ids and titles): one byte buffer plus offsets.
///
/// Two million backlog titles as separate `String`s would cost two million allocations on every load;
/// the pool costs one growing buffer. Texts are materialised as `String` only when shown.
///
///     var pool = TextPool()
///     let ref = pool.append("Formular anpassen")
///     pool[ref]  // "Formular anpassen"
public struct TextPool: Sendable, Equatable {
  @usableFromInline var storage: [UInt8] = []

  /// The UTF-8 bytes of all texts, back to back.
  public var bytes: [UInt8] { storage }

  /// An empty pool.
  public init() {}

  /// A pool holding `bytes` (texts referred to by ``TextRef``s made before, e.g. by a cache of parsed feeds).
  public init(bytes: [UInt8]) { storage = bytes }

  /// Appends a text and returns its reference.
  @discardableResult
  public mutating func append(_ text: String) -> TextRef {
    var text = text
    return text.withUTF8 { append(bytes: UnsafeRawBufferPointer($0)) }
  }

  /// Appends UTF-8 bytes (which must be valid UTF-8) and returns their reference.
  @inlinable @discardableResult
  public mutating func append(bytes source: UnsafeRawBufferPointer) -> TextRef {
    let start = UInt32(truncatingIfNeeded: storage.count)
    storage.append(contentsOf: source)
    return TextRef(start: start, count: UInt32(truncatingIfNeeded: source.count))
  }

  /// Reserves room for `n` more bytes.
  public mutating func reserveCapacity(_ n: Int) { storage.reserveCapacity(storage.count + n) }

  /// The text a reference points to.
  public subscript(ref: TextRef) -> String {
    storage.withUnsafeBufferPointer { buf in
      String(decoding: UnsafeBufferPointer(rebasing: buf[Int(ref.start)..<Int(ref.start + ref.count)]), as: UTF8.self)
    }
  }
}

/// A reference to a text in a ``TextPool``.
///
/// Only meaningful with the pool that made it (each office has its own, ``Office/texts``). Two refs are
/// equal when they point at the same bytes of the pool, not when their texts are equal.
public struct TextRef: Sendable, Hashable {
  /// The offset of the text's first byte in ``TextPool/bytes``.
  public var start: UInt32
  /// The text's length in UTF-8 bytes (0 for an empty text).
  public var count: UInt32
  /// A reference to `count` bytes from `start`; ``TextPool/append(_:)`` makes them, and a reference
  /// that does not lie inside its pool's bytes traps when read.
  @inlinable public init(start: UInt32, count: UInt32) {
    self.start = start
    self.count = count
  }
}
