#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few file operations the loader needs, on POSIX calls: exact error reasons (a directory where a file
/// should be, no permission) and one `read` into a buffer of the file's size.
public enum FileSystem {
  public enum Kind: Sendable, Equatable { case missing, file, directory, other }

  /// What is at `path` (following symbolic links).
  public static func kind(_ path: String) -> Kind {
    var st = stat()
    guard stat(path, &st) == 0 else { return .missing }
    switch st.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    default: return .other
    }
  }

  /// The modification time of `path` in nanoseconds since 1970, or `nil`.
  public static func modificationTime(_ path: String) -> Int64? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    #if canImport(Darwin)
      return Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
    #else
      return Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    #endif
  }

  /// Why a file could not be read, in plain words.
  public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
  }

  /// The whole contents of a regular file.
  public static func readFile(_ path: String) -> Result<[UInt8], ReadError> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .failure(ReadError(description: reason(errno))) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return .failure(ReadError(description: reason(errno))) }
    if st.st_mode & S_IFMT == S_IFDIR { return .failure(ReadError(description: "is a folder, not a file")) }
    guard st.st_mode & S_IFMT == S_IFREG else { return .failure(ReadError(description: "is not a regular file")) }
    // One byte more than the size, so that the read that sees EOF needs no growth; read until EOF, as
    // the file may grow or shrink while we read it.
    var bytes = [UInt8](unsafeUninitializedCapacity: Int(st.st_size) + 1) { _, count in count = Int(st.st_size) + 1 }
    var filled = 0
    while true {
      if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
      let n = bytes.withUnsafeMutableBytes { buf in
        read(fd, buf.baseAddress! + filled, buf.count - filled)
      }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(ReadError(description: reason(errno)))
      }
      if n == 0 { break }
      filled += n
    }
    bytes.removeSubrange(filled...)
    return .success(bytes)
  }

  /// The names in a folder, sorted, without `.` and `..`.
  public static func list(_ path: String) -> Result<[String], ReadError> {
    guard let dir = opendir(path) else { return .failure(ReadError(description: reason(errno))) }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return .success(names.sorted())
  }

  static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT: "does not exist"
    case EACCES, EPERM: "cannot be read (permission denied)"
    case EISDIR: "is a folder, not a file"
    case ENOTDIR: "is not a folder"
    case ELOOP: "is a loop of symbolic links"
    default: String(cString: strerror(code))
    }
  }
}

/// Joins path components with `/`.
@inline(__always) func join(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }
