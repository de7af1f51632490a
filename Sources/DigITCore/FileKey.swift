#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What identifies a file's contents without reading them: device, inode, size, and modification and
/// change time in nanoseconds. Replacing a file (a new inode), writing to it or touching it changes it.
/// The parsed-feed cache, the result cache and the list of stored weeks key on it.
public struct FileKey: Sendable, Equatable, Hashable, CustomStringConvertible {
  public var device: UInt64
  public var inode: UInt64
  public var size: Int64
  public var modified: Int64
  public var changed: Int64
  public var changedSeconds: Int64

  /// The key of what `path` leads to, `nil` when it cannot be stat'ed.
  public init?(path: String) {
    var st = stat()
    guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
    self.init(st)
  }

  /// The key of what `st` describes (any kind of file).
  public init(_ st: stat) {
    #if canImport(Darwin)
      let m = st.st_mtimespec
      let c = st.st_ctimespec
    #else
      let m = st.st_mtim
      let c = st.st_ctim
    #endif
    device = UInt64(st.st_dev)
    inode = UInt64(st.st_ino)
    size = Int64(st.st_size)
    modified = Int64(m.tv_sec) &* 1_000_000_000 &+ Int64(m.tv_nsec)
    changed = Int64(c.tv_sec) &* 1_000_000_000 &+ Int64(c.tv_nsec)
    changedSeconds = max(Int64(m.tv_sec), Int64(c.tv_sec))
  }

  public var description: String { "\(device):\(inode):\(size):\(modified):\(changed)" }
}
