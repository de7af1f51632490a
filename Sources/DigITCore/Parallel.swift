import Dispatch

/// Result slots written from `concurrentPerform` workers, one slot per index (so no two threads touch
/// the same memory), read back once all workers are done.
public final class ResultSlots<T: Sendable>: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<T?>

  /// `count` empty slots.
  public init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  deinit {
    buffer.deinitialize()
    buffer.deallocate()
  }

  /// Stores the result of index `i` (each index from one worker only).
  public func store(_ value: T, at i: Int) { buffer[i] = value }

  /// All results in index order, once every slot is filled.
  public func collect() -> [T] { buffer.map { $0! } }
}

/// `body(0) … body(count − 1)`, on all cores when `parallel`, with the results in index order.
public func parallelMap<T: Sendable>(_ count: Int, parallel: Bool = true, _ body: @Sendable (Int) -> T) -> [T] {
  guard parallel, count > 1 else { return (0..<count).map(body) }
  let slots = ResultSlots<T>(count: count)
  DispatchQueue.concurrentPerform(iterations: count) { i in slots.store(body(i), at: i) }
  return slots.collect()
}
