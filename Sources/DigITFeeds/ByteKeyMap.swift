import DigITCore
import DigITMetrics

/// A hash set of byte strings that hands out dense indices: `insert` returns the index of the key and
/// whether it was new, `index(of:)` finds one.
///
/// The loader looks up every row's project id and checks every item id for duplicates; doing that on the
/// raw field bytes avoids making a `String` per row (measured: the largest single cost of loading
/// two million backlog rows).
struct ByteKeyMap {
  private var arena: [UInt8] = []
  /// Per key: its offset in `arena` (high 32 bits) and its length (low 32 bits).
  private var keys: [UInt64] = []
  /// Per slot: the upper 32 bits of the key's hash (high half) and its index + 1 (low half); 0 = empty.
  /// With part of the hash beside the index, a probe compares bytes only when the hashes agree: a new
  /// key (every backlog id) costs no byte compare at all.
  private var slots: [UInt64]
  private var mask: Int
  /// The index of the key that the last `insert` found or added, or -1: consecutive rows often name the
  /// same key (ozg.csv lists a service's weeks one after the other), and then one compare finds it.
  private var last = -1

  init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [UInt64](repeating: 0, count: size)
    mask = size - 1
  }

  /// The number of keys.
  var count: Int { keys.count }

  /// A multiply-xorshift hash over eight bytes at a time (keys are short ids).
  @inline(__always)
  private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
    guard let p = key.baseAddress else { return h }
    let raw = UnsafeRawPointer(p)
    var i = 0
    while i + 8 <= key.count {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 31
      i += 8
    }
    var tail: UInt64 = 0
    if i < key.count && key.count >= 8 {
      // The last eight bytes in one load (overlapping the ones hashed already) rather than byte by byte.
      tail = raw.loadUnaligned(fromByteOffset: key.count - 8, as: UInt64.self)
    } else {
      var shift: UInt64 = 0
      while i < key.count {
        tail |= UInt64(p[i]) << shift
        shift += 8
        i += 1
      }
    }
    // A full finalizer (splitmix64's): every input bit reaches the low bits that pick the slot. With
    // only a multiply, the last byte of a key (the top byte of `tail`) reached none of them, so ids
    // that differ in their last character (`…-P001-1`, `…-P001-2`) started at the same slot and
    // probed long chains (measured: the map's share of loading the large root halved).
    h ^= tail
    h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
    h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
    return h ^ (h >> 31)
  }

  /// The slot to start probing at and the tag (hash bits in the high half of a slot) of a hash.
  @inline(__always)
  private func start(_ h: UInt64) -> (slot: Int, tag: UInt64) {
    (Int(truncatingIfNeeded: h) & mask, h & 0xFFFF_FFFF_0000_0000)
  }

  @inline(__always)
  private func equals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let k = keys[entry]
    guard Int(k & 0xFFFF_FFFF) == key.count else { return false }
    if key.count == 0 { return true }
    return arena.withUnsafeBufferPointer { a in Self.same(a.baseAddress! + Int(k >> 32), key.baseAddress!, key.count) }
  }

  /// Whether `n` bytes at `a` and `b` are equal: eight at a time inline, as keys are short (a call to
  /// `memcmp` per looked-up id, type and priority cost more than the compare).
  @inline(__always)
  static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    if n < 8 {
      for i in 0..<n where a[i] != b[i] { return false }
      return true
    }
    let ra = UnsafeRawPointer(a)
    let rb = UnsafeRawPointer(b)
    var i = 0
    while i + 8 < n {
      if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
        return false
      }
      i += 8
    }
    // The last eight bytes (overlapping the ones compared already).
    return ra.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
      == rb.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
  }

  /// The index of `key`, or `nil`.
  func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
    var (slot, tag) = start(Self.hash(key))
    while true {
      let s = slots[slot]
      if s == 0 { return nil }
      if s & 0xFFFF_FFFF_0000_0000 == tag, equals(Int(s & 0xFFFF_FFFF) - 1, key) { return Int(s & 0xFFFF_FFFF) - 1 }
      slot = (slot + 1) & mask
    }
  }

  /// Inserts `key` if new; returns its index and whether it was inserted.
  @discardableResult
  mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
    if last >= 0 && equals(last, key) { return (last, false) }
    var (slot, tag) = start(Self.hash(key))
    while true {
      let s = slots[slot]
      if s == 0 { break }
      if s & 0xFFFF_FFFF_0000_0000 == tag, equals(Int(s & 0xFFFF_FFFF) - 1, key) {
        last = Int(s & 0xFFFF_FFFF) - 1
        return (last, false)
      }
      slot = (slot + 1) & mask
    }
    let index = keys.count
    last = index
    keys.append(UInt64(UInt32(truncatingIfNeeded: arena.count)) << 32 | UInt64(UInt32(truncatingIfNeeded: key.count)))
    arena.append(contentsOf: key)
    slots[slot] = tag | UInt64(UInt32(truncatingIfNeeded: index + 1))
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
    slots = [UInt64](repeating: 0, count: size)
    mask = size - 1
    arena.withUnsafeBufferPointer { a in
      for e in 0..<keys.count {
        let k = keys[e]
        let key = UnsafeBufferPointer(start: a.baseAddress! + Int(k >> 32), count: Int(k & 0xFFFF_FFFF))
        var (slot, tag) = start(Self.hash(key))
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = tag | UInt64(UInt32(truncatingIfNeeded: e + 1))
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
