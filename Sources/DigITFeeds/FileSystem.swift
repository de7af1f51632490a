import DigITCore

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

  /// Why a file could not be read, in plain words.
  public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
  }

  /// The largest file the loader reads: field positions are kept as 32-bit offsets.
  public static let maximumFileSize = Int(Int32.max) - 1

  /// The whole contents of a regular file.
  public static func readFile(_ path: String) -> Result<[UInt8], ReadError> {
    // Check the kind before opening: opening a named pipe would block.
    switch kind(path) {
    case .missing: return .failure(ReadError(description: reason(errno)))
    case .directory: return .failure(ReadError(description: "is a folder, not a file"))
    case .other: return .failure(ReadError(description: "is not a regular file"))
    case .file: break
    }
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return .failure(ReadError(description: reason(errno))) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return .failure(ReadError(description: reason(errno))) }
    guard st.st_mode & S_IFMT == S_IFREG else { return .failure(ReadError(description: "is not a regular file")) }
    guard Int(st.st_size) <= maximumFileSize else {
      return .failure(ReadError(description: "is too large (\(Int(st.st_size) / 1_048_576) MiB; at most 2 GiB are read)"))
    }
    // Read until EOF into a buffer one byte larger than the size (so the read that sees EOF needs no
    // growth); the file may grow or shrink while we read it.
    var failure: Int32 = 0
    var capacity = Int(st.st_size) + 1
    var bytes: [UInt8] = []
    while true {
      var filled = bytes.count
      var grown = [UInt8](unsafeUninitializedCapacity: capacity) { buf, count in
        if filled > 0 { bytes.withUnsafeBufferPointer { _ = buf.initialize(from: $0) } }
        while filled < capacity {
          let n = read(fd, buf.baseAddress! + filled, capacity - filled)
          if n < 0 && errno == EINTR { continue }
          if n < 0 { failure = errno }
          if n <= 0 { break }
          filled += n
        }
        count = filled
      }
      if failure != 0 { return .failure(ReadError(description: reason(failure))) }
      swap(&bytes, &grown)
      if bytes.count < capacity { break }
      if bytes.count > maximumFileSize { return .failure(ReadError(description: "is too large (at most 2 GiB are read)")) }
      capacity *= 2
    }
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
