#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes all of `buffer` to `fd`, again after an interrupted or short write, as far as the descriptor
/// takes it (a closed pipe ends it). For output where the writer has nothing better to do on failure:
/// `digit`'s standard output and error, a stored result written back.
public func writeFully(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) {
  guard let base = buffer.baseAddress else { return }
  var done = 0
  while done < buffer.count {
    let n = write(fd, base + done, buffer.count - done)
    if n < 0 && errno == EINTR { continue }
    if n <= 0 { break }
    done += n
  }
}
