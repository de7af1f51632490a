/// Result slots written from `concurrentPerform` workers, one slot per index (so no two threads touch
/// the same memory), read back once all workers are done.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<T?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  deinit {
    buffer.deinitialize()
    buffer.deallocate()
  }

  func store(_ value: T, at i: Int) { buffer[i] = value }

  func collect() -> [T] { buffer.map { $0! } }
}
