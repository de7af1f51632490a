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
    /// The reason in English, after "the file" (`does not exist`).
    public var description: String
    /// The reason in German, after „die Datei“ (`existiert nicht`).
    public var german: String
    /// The `errno` when the cause is the system (too many open files, no memory, an I/O error), not
    /// the file: such a failure is a ``SystemError``, never a feed problem.
    public var systemCode: Int32? = nil

    public init(description: String, german: String? = nil, systemCode: Int32? = nil) {
      self.description = description
      self.german = german ?? description
      self.systemCode = systemCode
    }

    init(code: Int32) {
      description = FileSystem.reason(code)
      german = FileSystem.germanReason(code)
      systemCode = FileSystem.isSystemFailure(code) ? code : nil
    }

    /// The reason in both languages.
    public var texts: Bilingual { Bilingual(description, de: german) }

    /// The system error this failure is, if it is one (`path` relative to the data root, for the message).
    public func systemError(path: String) -> SystemError? {
      systemCode.map { SystemError(code: $0, path: path) }
    }
  }

  /// Whether an `errno` says the system failed (descriptors, memory, the device), rather than that the
  /// file is missing, unreadable or of the wrong kind.
  public static func isSystemFailure(_ code: Int32) -> Bool {
    switch code {
    case EMFILE, ENFILE, ENOMEM, EIO, ENOBUFS, ENOSPC, EAGAIN, ESTALE, ENOLCK, ETIMEDOUT: true
    default: false
    }
  }

  /// How many more descriptors the process can open at once (counted by opening `/dev/null` up to
  /// `wanted` times and closing them again), at most `wanted`.
  public static func freeDescriptors(upTo wanted: Int) -> Int {
    var fds: [Int32] = []
    fds.reserveCapacity(wanted)
    while fds.count < wanted {
      let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
      if fd < 0 { break }
      fds.append(fd)
    }
    for fd in fds { close(fd) }
    return fds.count
  }

  /// The descriptors a command needs free before it reads a data root: one per reading thread, those
  /// of Dispatch's own event loop, and some for writing (the export) and the terminal.
  public static let descriptorsNeeded = 24

  /// Throws a ``SystemError`` when fewer than ``descriptorsNeeded`` descriptors are free (`ulimit -n`
  /// set very low): better a plain message before any work than files failing at random while reading,
  /// or Dispatch stopping the process when it cannot open its own descriptors.
  public static func checkDescriptors(needed: Int = descriptorsNeeded) throws(SystemError) {
    let free = freeDescriptors(upTo: needed)
    guard free < needed else { return }
    var limit = rlimit()
    let soft = getrlimit(rlimitResource(RLIMIT_NOFILE), &limit) == 0 ? " (ulimit -n is \(limit.rlim_cur))" : ""
    throw SystemError(
      code: EMFILE, path: nil,
      description:
        "too few file descriptors: only \(free) more files can be opened\(soft), at least \(needed) are needed; raise the limit (e.g. ulimit -n 1024)"
    )
  }

  /// The largest file the loader reads: field positions are kept as 32-bit offsets.
  public static let maximumFileSize = Int(Int32.max) - 1

  /// The whole contents of a regular file. With `root` (a resolved data root), the file actually opened
  /// must lie inside it: the loader checks every path before reading it (links out of the root are
  /// refused), and this closes the moment between that check and the opening, in which a file or a
  /// folder on its path could be replaced by a link out of the root.
  public static func readFile(_ path: String, inside root: String? = nil) -> Result<[UInt8], ReadError> {
    // Check the kind before opening: opening a named pipe would block.
    switch kind(path) {
    case .missing: return .failure(ReadError(code: errno))
    case .directory:
      return .failure(ReadError(description: "is a folder, not a file", german: "ist ein Ordner, keine Datei"))
    case .other: return .failure(ReadError(description: "is not a regular file", german: "ist keine gewöhnliche Datei"))
    case .file: break
    }
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return .failure(ReadError(code: errno)) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return .failure(ReadError(code: errno)) }
    guard st.st_mode & S_IFMT == S_IFREG else {
      return .failure(ReadError(description: "is not a regular file", german: "ist keine gewöhnliche Datei"))
    }
    if let root, let opened = openedPath(fd), !isInside(opened, folder: root) {
      return .failure(
        ReadError(
          description: "leads outside the data root (it was replaced while the root was being read); it is not read",
          german:
            "führt aus dem Datenordner hinaus (sie wurde ersetzt, während der Ordner gelesen wurde); sie wird nicht gelesen"
        ))
    }
    guard Int(st.st_size) <= maximumFileSize else {
      return .failure(
        ReadError(
          description: "is too large (\(Int(st.st_size) / 1_048_576) MiB; at most 2 GiB are read)",
          german: "ist zu groß (\(Int(st.st_size) / 1_048_576) MiB; höchstens 2 GiB werden gelesen)"))
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
      if failure != 0 { return .failure(ReadError(code: failure)) }
      swap(&bytes, &grown)
      if bytes.count < capacity { break }
      if bytes.count > maximumFileSize {
        return .failure(
          ReadError(
            description: "is too large (at most 2 GiB are read)", german: "ist zu groß (höchstens 2 GiB werden gelesen)"
          ))
      }
      capacity *= 2
    }
    return .success(bytes)
  }

  /// The path of the file `fd` is open on, as the system names it (Linux: `/proc/self/fd`, macOS:
  /// `F_GETPATH`); `nil` when the system does not say (then the loader's check of the path stands alone).
  static func openedPath(_ fd: Int32) -> String? {
    #if canImport(Glibc)
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink("/proc/self/fd/\(fd)", &buffer, buffer.count - 1)
      guard n > 0, buffer[0] == CChar(UInt8(ascii: "/")) else { return nil }
      var path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      // A file deleted since it was opened (it is still the file that was checked).
      if path.hasSuffix(" (deleted)") { path.removeLast(" (deleted)".count) }
      return path
    #elseif canImport(Darwin)
      var buffer = [CChar](repeating: 0, count: Int(MAXPATHLEN) + 1)
      guard fcntl(fd, F_GETPATH, &buffer) != -1 else { return nil }
      return String(cString: buffer)
    #else
      return nil
    #endif
  }

  /// The absolute path with every symbolic link, `.` and `..` resolved, or `nil` when it cannot be
  /// resolved (missing, a dangling link, a loop).
  public static func resolve(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }

  /// Whether the resolved path `path` lies inside the resolved folder `folder` (or is it).
  public static func isInside(_ path: String, folder: String) -> Bool {
    path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
  }

  /// Whether `path` itself is a symbolic link (not followed).
  public static func isLink(_ path: String) -> Bool {
    var st = stat()
    return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK
  }

  /// The device and inode of what `path` leads to: the same pair means the same file, whatever the path.
  public static func identity(_ path: String) -> FileIdentity? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
  }

  /// The names in a folder, sorted, without `.` and `..`.
  public static func list(_ path: String) -> Result<[String], ReadError> {
    guard let dir = opendir(path) else { return .failure(ReadError(code: errno)) }
    defer { closedir(dir) }
    var names: [String] = []
    while true {
      errno = 0
      guard let entry = readdir(dir) else {
        if errno != 0 { return .failure(ReadError(code: errno)) }
        break
      }
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
    case EMFILE: "cannot be opened: the process has too many open files (EMFILE)"
    case ENFILE: "cannot be opened: the system has too many open files (ENFILE)"
    case ENOMEM: "cannot be read: out of memory (ENOMEM)"
    case EIO: "cannot be read: input/output error of the device (EIO)"
    default: String(cString: strerror(code))
    }
  }

  /// ``reason(_:)`` in German, after „die Datei“ or „der Ordner“.
  static func germanReason(_ code: Int32) -> String {
    switch code {
    case ENOENT: "existiert nicht"
    case EACCES, EPERM: "kann nicht gelesen werden (keine Berechtigung)"
    case EISDIR: "ist ein Ordner, keine Datei"
    case ENOTDIR: "ist kein Ordner"
    case ELOOP: "ist eine Schleife symbolischer Links"
    case EMFILE: "kann nicht geöffnet werden: der Prozess hat zu viele Dateien offen (EMFILE)"
    case ENFILE: "kann nicht geöffnet werden: das System hat zu viele Dateien offen (ENFILE)"
    case ENOMEM: "kann nicht gelesen werden: kein Speicher frei (ENOMEM)"
    case EIO: "kann nicht gelesen werden: Ein-/Ausgabefehler des Geräts (EIO)"
    default: "kann nicht gelesen werden (\(String(cString: strerror(code))))"
    }
  }
}

#if canImport(Glibc)
  /// Glibc imports RLIMIT_NOFILE as an enum case where getrlimit wants an Int32.
  @inline(__always) func rlimitResource(_ r: __rlimit_resource) -> __rlimit_resource_t {
    __rlimit_resource_t(r.rawValue)
  }
#else
  @inline(__always) func rlimitResource(_ r: Int32) -> Int32 { r }
#endif

/// A file's device and inode number.
public struct FileIdentity: Hashable, Sendable {
  public var device: UInt64
  public var inode: UInt64
}

/// A failure of the system while reading a data root — too many open files, no memory, an I/O error —
/// as opposed to a problem of a feed file. It stops the command (nothing is written), because the data
/// read so far would be incomplete without being wrong in any visible way.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The `errno`.
  public var code: Int32
  /// The file or folder (relative to the data root) being read, if any.
  public var path: String?
  public var description: String

  /// The symbolic name of the `errno`: `EMFILE`, `ENOMEM`, … (`errno 123` for others).
  public var codeName: String {
    switch code {
    case EMFILE: "EMFILE"
    case ENFILE: "ENFILE"
    case ENOMEM: "ENOMEM"
    case EIO: "EIO"
    case ENOBUFS: "ENOBUFS"
    case ENOSPC: "ENOSPC"
    case EAGAIN: "EAGAIN"
    case ESTALE: "ESTALE"
    case ENOLCK: "ENOLCK"
    case ETIMEDOUT: "ETIMEDOUT"
    default: "errno \(code)"
    }
  }

  public init(code: Int32, path: String?, description: String? = nil) {
    self.code = code
    self.path = path
    self.description =
      description ?? ((path.map { "\(Inert.message($0, limit: 120)) " } ?? "") + FileSystem.reason(code))
  }
}

/// Joins path components with `/`.
@inline(__always) func join(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }
