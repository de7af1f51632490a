import DigITCore
import DigITMetrics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A hash set of byte strings that hands out dense indices: `insert` returns the index of the key and
/// whether it was new, `index(of:)` finds one.
///
/// The loader looks up every row's project id and checks every item id for duplicates; doing that on the
/// raw field bytes avoids making a `String` per row (measured: the largest single cost of loading
/// two million backlog rows).
struct ByteKeyMap {
  private var arena: [UInt8] = []
  private var keyStart: [Int32] = []
  private var keyCount: [Int32] = []
  private var slots: [Int32]  // entry index + 1; 0 = empty
  private var mask: Int

  init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
  }

  /// The number of keys.
  var count: Int { keyStart.count }

  /// A multiply-xorshift hash over eight bytes at a time (keys are short ids).
  @inline(__always)
  private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
    guard let p = key.baseAddress else { return Int(truncatingIfNeeded: h) }
    let raw = UnsafeRawPointer(p)
    var i = 0
    while i + 8 <= key.count {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 31
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < key.count {
      tail |= UInt64(p[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    return Int(truncatingIfNeeded: h ^ (h >> 29))
  }

  @inline(__always)
  private func equals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    guard Int(keyCount[entry]) == key.count else { return false }
    if key.count == 0 { return true }
    return arena.withUnsafeBufferPointer { a in
      memcmp(a.baseAddress! + Int(keyStart[entry]), key.baseAddress!, key.count) == 0
    }
  }

  /// The index of `key`, or `nil`.
  func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
    var slot = Self.hash(key) & mask
    while true {
      let e = Int(slots[slot])
      if e == 0 { return nil }
      if equals(e - 1, key) { return e - 1 }
      slot = (slot + 1) & mask
    }
  }

  /// Inserts `key` if new; returns its index and whether it was inserted.
  @discardableResult
  mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
    var slot = Self.hash(key) & mask
    while true {
      let e = Int(slots[slot])
      if e == 0 { break }
      if equals(e - 1, key) { return (e - 1, false) }
      slot = (slot + 1) & mask
    }
    let index = keyStart.count
    keyStart.append(Int32(truncatingIfNeeded: arena.count))
    keyCount.append(Int32(truncatingIfNeeded: key.count))
    arena.append(contentsOf: key)
    slots[slot] = Int32(truncatingIfNeeded: index + 1)
    if count * 2 > slots.count { grow() }
    return (index, true)
  }

  func index(of key: String) -> Int? {
    var key = key
    return key.withUTF8 { index(of: $0) }
  }

  @discardableResult
  mutating func insert(_ key: String) -> (index: Int, inserted: Bool) {
    var key = key
    return key.withUTF8 { insert($0) }
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
    arena.withUnsafeBufferPointer { a in
      for e in 0..<keyStart.count {
        let key = UnsafeBufferPointer(start: a.baseAddress! + Int(keyStart[e]), count: Int(keyCount[e]))
        var slot = Self.hash(key) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(truncatingIfNeeded: e + 1)
      }
    }
  }
}

/// Interns the type and priority of backlog rows: equal pairs of bytes give the same ``LabelRef``, and
/// the pair's strings are made only once.
struct LabelInterner {
  private var map = ByteKeyMap()
  private var refs: [LabelRef] = []
  private var key: [UInt8] = []
  /// The pool the references point into.
  private(set) var pool: LabelPool

  /// An interner that adds to `pool` (the office's labels so far).
  init(_ pool: LabelPool) { self.pool = pool }

  mutating func intern(type: UnsafeBufferPointer<UInt8>, priority: UnsafeBufferPointer<UInt8>) -> LabelRef {
    // The key: the type's length, the type, the priority (unambiguous for any bytes).
    key.removeAll(keepingCapacity: true)
    withUnsafeBytes(of: UInt32(truncatingIfNeeded: type.count)) { key.append(contentsOf: $0) }
    key.append(contentsOf: type)
    key.append(contentsOf: priority)
    let (i, inserted) = key.withUnsafeBufferPointer { map.insert($0) }
    if inserted {
      refs.append(
        pool.intern(
          type: String(decoding: type, as: UTF8.self), priority: String(decoding: priority, as: UTF8.self)))
    }
    return refs[i]
  }
}
