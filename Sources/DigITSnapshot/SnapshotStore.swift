import CDigITSystem
import DigITCore
import DigITMetrics
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a snapshot could not be written or read, in plain words.
public struct StoreError: Error, Sendable, CustomStringConvertible, Equatable {
  public enum Kind: Sendable, Equatable {
    /// The week folder exists and replacing was not asked for.
    case exists
    /// A file system call failed.
    case io
    /// A file producer failed (e.g. a writer), or a stored snapshot is unreadable.
    case content
  }
  public var kind: Kind
  public var description: String

  public init(_ kind: Kind, _ description: String) {
    self.kind = kind
    self.description = description
  }
}

/// The folder of weekly snapshots (`--out`, default `./Snapshots`): one folder per ISO week,
/// `2026-W48/`, holding `snapshot.json` and the other formats.
///
/// Writing is atomic at two levels: each file is written to a temporary name, fsynced and renamed; the
/// files are put together in a hidden staging folder (`.2026-W48.tmp-<pid>-<n>`) that is fsynced and then
/// renamed to the week's name in one step. Replacing an existing week swaps the two folders in one step
/// (`renameat2(RENAME_EXCHANGE)`), so there is no moment without a complete snapshot; the old one is
/// removed afterwards. A failure removes the staging folder: no stray temporary files.
public struct SnapshotStore: Sendable {
  public let folder: String

  public init(folder: String) { self.folder = folder }

  /// A file of a snapshot: its name in the week folder and the function that makes its bytes (called
  /// only while writing, so a writer's failure is a failure of the export).
  public struct Item: Sendable {
    public var name: String
    /// Whether making the bytes spreads over all cores itself (`snapshot.json`): such items are made
    /// first, one at a time, and the others then side by side.
    public var usesAllCores: Bool
    public var bytes: @Sendable () throws -> [UInt8]

    public init(name: String, usesAllCores: Bool = false, bytes: @escaping @Sendable () throws -> [UInt8]) {
      self.name = name
      self.usesAllCores = usesAllCores
      self.bytes = bytes
    }
  }

  /// The folder of a week.
  public func path(of week: ISOWeek) -> String { join(folder, week.description) }

  /// Whether a week folder exists.
  public func contains(_ week: ISOWeek) -> Bool { kind(path(of: week)) == .directory }

  /// A stored week: its folder and files.
  public struct StoredWeek: Sendable, Equatable {
    public var week: ISOWeek
    public var path: String
    /// File names in the folder, sorted.
    public var files: [String]
    /// Total size in bytes.
    public var bytes: Int
    /// Whether `snapshot.json` is there.
    public var hasJSON: Bool { files.contains("snapshot.json") }
    /// Why its `snapshot.json` cannot be read, where ``SnapshotStore/checked(_:)`` found out (`nil`: readable
    /// or not checked).
    public var problem: String?
  }

  /// `weeks` with each `snapshot.json` read as the briefing and `digit diff` read it (``state(_:)``): a
  /// broken, truncated or foreign one gets its ``StoredWeek/problem``. A file read before and not changed
  /// since (same device, inode, size, modification and change time) is not read again.
  public func checked(_ weeks: [StoredWeek]) -> [StoredWeek] {
    weeks.map { stored in
      guard stored.hasJSON else { return stored }
      var out = stored
      let file = join(stored.path, "snapshot.json")
      let key = FileKey(path: file)
      if let key, let known = Self.checks.withLock({ $0[file] }), known.key == key {
        out.problem = known.problem
        return out
      }
      do throws(StoreError) { _ = try state(stored.week) } catch { out.problem = error.description }
      if let key { Self.checks.withLock { $0[file] = (key, out.problem) } }
      return out
    }
  }

  /// What ``checked(_:)`` found per `snapshot.json` path.
  static let checks = Mutex<[String: (key: FileKey, problem: String?)]>([:])

  /// Every stored week, newest first (folders named like `2026-W48`; anything else is ignored).
  public func weeks() -> [StoredWeek] {
    guard let names = try? list(folder) else { return [] }
    var out: [StoredWeek] = []
    for name in names {
      guard let week = Self.week(name), kind(join(folder, name)) == .directory else { continue }
      let dir = join(folder, name)
      let files = ((try? list(dir)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
      let bytes = files.reduce(0) { $0 + size(join(dir, $1)) }
      out.append(StoredWeek(week: week, path: dir, files: files, bytes: bytes))
    }
    return out.sorted { $0.week > $1.week }
  }

  /// `2026-W48` → the week; `nil` for any other name.
  public static func week(_ name: String) -> ISOWeek? {
    let u = Array(name.utf8)
    guard u.count == 8, u[4] == UInt8(ascii: "-"), u[5] == UInt8(ascii: "W"),
      let year = Int(String(decoding: u[0..<4], as: UTF8.self)), let w = Int(String(decoding: u[6..<8], as: UTF8.self))
    else { return nil }
    return ISOWeek(year: year, week: w)
  }

  /// The largest stored file that is read: 1 GiB (the large benchmark root's `snapshot.json` has 52 MB).
  /// A larger one is an error, checked before anything is read.
  public static let maximumFileSize = 1 << 30

  /// The parsed `snapshot.json` of a week.
  /// - Parameters:
  ///   - week: the stored week, the name of its folder.
  ///   - skipping: members not needed, read as `null` (see `JSON.parse(_:skipping:)`).
  public func load(_ week: ISOWeek, skipping: Set<String> = []) throws(StoreError) -> JSON {
    let file = join(path(of: week), "snapshot.json")
    var st = stat()
    if lstat(file, &st) != 0 && errno == ENOENT {
      throw StoreError(
        .io,
        "\(path(of: week)) has no snapshot.json (the week was exported without the json format, or the file was removed)"
      )
    }
    let bytes = try readStored(file)
    do { return try JSON.parse(bytes, skipping: skipping) } catch {
      throw StoreError(.content, "\(file): \(error.description)")
    }
  }

  /// The members of a stored snapshot that ``SnapshotState`` does not read (most of its bytes).
  public static let notForChanges: Set<String> = [
    "services", "series", "source", "changes", "series_weeks", "index",
  ]

  /// The figures of the stored week before `week`, if there is a usable one: `nil` when that week is not
  /// stored, or stored without `snapshot.json` (exported without the json format). Anything else that
  /// is not a readable snapshot of that week — a file, FIFO or device where the folder or its
  /// `snapshot.json` belongs, a file larger than ``maximumFileSize``, broken JSON, implausible figures —
  /// is an error, so that a broken record is noticed, not silently replaced by data.
  public func previousState(before week: ISOWeek) throws(StoreError) -> SnapshotState? {
    let previous = week.adding(weeks: -1)
    let folder = path(of: previous)
    switch kind(folder) {
    case .missing: return nil
    case .directory: break
    case .file, .other:
      throw StoreError(.io, "\(folder) is not a folder, so the week before cannot be read; move it away")
    }
    var st = stat()
    if lstat(join(folder, "snapshot.json"), &st) != 0 && errno == ENOENT { return nil }
    return try state(previous)
  }

  /// The figures of a stored week for `changes`; a file that is not that week's snapshot is an error.
  public func state(_ week: ISOWeek) throws(StoreError) -> SnapshotState {
    try state(week, from: load(week, skipping: Self.notForChanges))
  }

  /// The figures of a stored week's parsed `snapshot.json` (see ``state(_:)``).
  public func state(_ week: ISOWeek, from json: JSON) throws(StoreError) -> SnapshotState {
    let file = join(path(of: week), "snapshot.json")
    let state: SnapshotState
    do { state = try SnapshotState(snapshot: json) } catch {
      throw StoreError(.content, "\(file): \(error.description)")
    }
    guard state.week == week.description else {
      throw StoreError(.content, "\(Inert.text(file)) is the snapshot of \(Inert.message(state.week)), not of \(week)")
    }
    return state
  }

  /// Writes a week's files as one complete folder and returns the paths written.
  /// - Parameters:
  ///   - week: the week, the name of its folder.
  ///   - items: the files to write, by name; their bytes are made on all cores, then written.
  ///   - replace: replace an existing week folder (`--force`); otherwise an existing one is an
  ///     error of kind `.exists` and nothing is written.
  @discardableResult
  public func write(_ week: ISOWeek, items: [Item], replace: Bool) throws(StoreError) -> [String] {
    let target = path(of: week)
    try makeFolders(folder)
    switch kind(target) {
    case .missing: break
    case .directory:
      if !replace {
        let stored = storedAsOf(week).map { " (as of \($0))" } ?? ""
        throw StoreError(.exists, "\(target) exists already\(stored); use --force to replace it")
      }
    case .file, .other:
      // Never replace (or delete) something that is not a snapshot folder.
      throw StoreError(.io, "\(target) exists and is not a folder; move it away first")
    }
    removeStaleStaging(week)
    let staging = join(folder, ".\(week).tmp-\(getpid())-\(Self.counter.next())")
    guard mkdir(staging, 0o755) == 0 else { throw StoreError(.io, "cannot create \(staging): \(reason(errno))") }
    do throws(StoreError) {
      // The files are made on all cores, then written one by one: an item that spreads over the cores
      // itself first and alone (measured on the large benchmark root: snapshot.json takes 0.41 s so and
      // 0.66 s beside the CSV files, which then take 0.14 s together), then the others side by side.
      let alone = items.indices.filter { items[$0].usesAllCores }
      let others = items.indices.filter { !items[$0].usesAllCores }
      var made = [Result<[UInt8], any Error>?](repeating: nil, count: items.count)
      for k in alone { made[k] = Result { try items[k].bytes() } }
      for (k, result) in zip(others, parallelMap(others.count) { i in Result { try items[others[i]].bytes() } }) {
        made[k] = result
      }
      for (item, result) in zip(items, made.map { $0! }) {
        let bytes: [UInt8]
        switch result {
        case .success(let b): bytes = b
        case .failure(let error): throw StoreError(.content, "\(item.name): \(error)")
        }
        try Self.writeFile(join(staging, item.name), bytes)
      }
      try syncFolder(staging)
      var placed = false
      if kind(target) == .missing {
        if digit_rename_noreplace(staging, target) == 0 {
          placed = true
        } else {
          let e = errno
          if e == EEXIST || e == ENOTEMPTY {
            // Another export put the week there meanwhile: replace it only if asked to.
            guard replace else {
              throw StoreError(.exists, "\(target) appeared while writing; use --force to replace it")
            }
          } else {
            // A file system without RENAME_NOREPLACE: check, then rename.
            guard e == EINVAL || e == ENOSYS else {
              throw StoreError(.io, "cannot rename \(staging) to \(target): \(reason(e))")
            }
            guard kind(target) == .missing else {
              throw StoreError(.exists, "\(target) appeared while writing; use --force to replace it")
            }
            guard rename(staging, target) == 0 else {
              throw StoreError(.io, "cannot rename \(staging) to \(target): \(reason(errno))")
            }
            placed = true
          }
        }
      }
      if !placed {
        guard replace else { throw StoreError(.exists, "\(target) appeared while writing; use --force to replace it") }
        guard kind(target) == .directory else {
          throw StoreError(.io, "\(target) exists and is not a folder; move it away first")
        }
        if digit_rename_exchange(staging, target) != 0 {
          let e = errno
          guard e == EINVAL || e == ENOSYS else { throw StoreError(.io, "cannot replace \(target): \(reason(e))") }
          // A file system without RENAME_EXCHANGE: keep the old folder under a hidden name until the new
          // one is in place (a short moment without the week's name, never without its files).
          let old = staging + ".old"
          guard rename(target, old) == 0 else { throw StoreError(.io, "cannot move \(target) aside: \(reason(errno))") }
          guard rename(staging, target) == 0 else {
            let e2 = errno
            _ = rename(old, target)
            throw StoreError(.io, "cannot rename \(staging) to \(target): \(reason(e2))")
          }
          removeTree(old)
        }
      }
      // After the exchange, `staging` holds the old week (if any).
      removeTree(staging)
      try syncFolder(folder)
    } catch {
      removeTree(staging)
      throw error
    }
    return items.map { join(target, $0.name) }
  }

  /// Writes one file atomically: a temporary name in the same folder, fsync, rename.
  public static func writeFile(_ path: String, _ bytes: [UInt8]) throws(StoreError) {
    let (dir, name) = split(path)
    let temp = join(dir, ".\(name).tmp-\(getpid())-\(counter.next())")
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw StoreError(.io, "cannot create \(temp): \(reason(errno))") }
    var failure: String?
    bytes.withUnsafeBytes { buf in
      var done = 0
      while done < buf.count {
        #if canImport(Glibc)
          let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
        #else
          let n = Darwin.write(fd, buf.baseAddress! + done, buf.count - done)
        #endif
        if n < 0 && errno == EINTR { continue }
        if n < 0 {
          failure = "cannot write \(temp): \(reason(errno))"
          return
        }
        done += n
      }
    }
    if failure == nil, fsync(fd) != 0 { failure = "cannot sync \(temp): \(reason(errno))" }
    if close(fd) != 0, failure == nil { failure = "cannot close \(temp): \(reason(errno))" }
    if failure == nil, rename(temp, path) != 0 { failure = "cannot rename \(temp) to \(path): \(reason(errno))" }
    if let failure {
      unlink(temp)
      throw StoreError(.io, failure)
    }
  }

  // MARK: - File system helpers

  enum Kind { case missing, file, directory, other }

  func kind(_ path: String) -> Kind {
    var st = stat()
    guard lstat(path, &st) == 0 else { return .missing }
    switch st.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    case S_IFLNK:
      var target = stat()
      guard stat(path, &target) == 0 else { return .other }
      return target.st_mode & S_IFMT == S_IFDIR ? .directory : target.st_mode & S_IFMT == S_IFREG ? .file : .other
    default: return .other
    }
  }

  func size(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : 0
  }

  /// Creates a folder and its parents.
  func makeFolders(_ path: String) throws(StoreError) {
    switch kind(path) {
    case .directory: return
    case .file, .other: throw StoreError(.io, "\(path) is not a folder")
    case .missing: break
    }
    let (parent, _) = split(path)
    if parent != path && !parent.isEmpty && parent != "." && parent != "/" { try makeFolders(parent) }
    if mkdir(path, 0o755) != 0 && errno != EEXIST {
      throw StoreError(.io, "cannot create the folder \(path): \(reason(errno))")
    }
  }

  /// Staging folders of this week left by an export that was killed (its process is gone). An old week
  /// moved aside by the fallback replace (`….old`) is put back if the week folder is missing, never
  /// deleted then.
  func removeStaleStaging(_ week: ISOWeek) {
    let prefix = ".\(week).tmp-"
    let target = path(of: week)
    for name in (try? list(folder)) ?? [] where name.hasPrefix(prefix) {
      let pid = name.dropFirst(prefix.count).prefix { $0 != "-" }
      guard let pid = Int32(pid), pid != getpid(), kill(pid, 0) != 0 && errno == ESRCH else { continue }
      let path = join(folder, name)
      if name.hasSuffix(".old") && kind(target) == .missing && rename(path, target) == 0 { continue }
      removeTree(path)
    }
  }

  /// The `as_of` of a stored week, from the start of its `snapshot.json` (keys are sorted, so `as_of`
  /// comes first); `nil` when it cannot be read.
  func storedAsOf(_ week: ISOWeek) -> String? {
    let fd = open(join(path(of: week), "snapshot.json"), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
    var head = [UInt8](repeating: 0, count: 256)
    let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
    guard n > 0 else { return nil }
    let text = String(decoding: head[0..<n], as: UTF8.self)
    guard let start = text.range(of: "\"as_of\": \"") else { return nil }
    let day = text[start.upperBound...].prefix(10)
    return day.count == 10 && day.allSatisfy({ $0.isNumber || $0 == "-" }) ? String(day) : nil
  }

  func syncFolder(_ path: String) throws(StoreError) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw StoreError(.io, "cannot open \(path): \(reason(errno))") }
    defer { close(fd) }
    if fsync(fd) != 0 && errno != EINVAL { throw StoreError(.io, "cannot sync \(path): \(reason(errno))") }
  }

  func list(_ path: String) throws(StoreError) -> [String] {
    guard let dir = opendir(path) else { throw StoreError(.io, "cannot read the folder \(path): \(reason(errno))") }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// Removes a file or a folder with everything in it (never following symbolic links out of it).
  func removeTree(_ path: String) {
    var st = stat()
    guard lstat(path, &st) == 0 else { return }
    if st.st_mode & S_IFMT == S_IFDIR {
      for name in (try? list(path)) ?? [] { removeTree(join(path, name)) }
      rmdir(path)
    } else {
      unlink(path)
    }
  }

  /// The bytes of a stored file, read without ever blocking or reading without end: opened with
  /// `O_NONBLOCK` (a FIFO does not wait for a writer), then it must be a regular file (a FIFO, a device
  /// such as `/dev/zero` behind a symbolic link, a folder are errors) of at most ``maximumFileSize``
  /// bytes, checked before reading. Every failure is a ``StoreError`` naming the file.
  func readStored(_ path: String, limit: Int = SnapshotStore.maximumFileSize) throws(StoreError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
    guard fd >= 0 else { throw StoreError(.io, "cannot open \(path): \(reason(errno))") }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw StoreError(.io, "cannot read \(path): \(reason(errno))") }
    switch st.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw StoreError(.io, "\(path) is a folder, not a file")
    case S_IFIFO: throw StoreError(.io, "\(path) is a named pipe (FIFO), not a file")
    case S_IFCHR, S_IFBLK: throw StoreError(.io, "\(path) is a device, not a file")
    case S_IFSOCK: throw StoreError(.io, "\(path) is a socket, not a file")
    default: throw StoreError(.io, "\(path) is not a regular file")
    }
    let size = Int(st.st_size)
    func tooLarge(_ bytes: Int) -> StoreError {
      StoreError(
        .content, "\(path) has \(bytes) bytes, more than the \(limit) bytes (\(limit >> 20) MiB) a stored file may have"
      )
    }
    guard size <= limit else { throw tooLarge(size) }
    var out = [UInt8](repeating: 0, count: min(size, limit) + 1)
    var done = 0
    while true {
      // One byte more than the size: a file that grows while it is read still stops at the limit.
      if done == out.count {
        guard out.count <= limit else { throw tooLarge(done) }
        out += [UInt8](repeating: 0, count: min(max(out.count, 1 << 16), limit + 1 - out.count))
      }
      let n = out.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, $0.count - done) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 { throw StoreError(.io, "cannot read \(path): \(reason(errno))") }
      if n == 0 { break }
      done += n
    }
    guard done <= limit else { throw tooLarge(done) }
    out.removeSubrange(done...)
    return out
  }

  static let counter = Counter()
}

extension Snapshot {
  /// ``generationTime(sourceDateEpoch:)`` of this process's `SOURCE_DATE_EPOCH`.
  public static func generationTimeFromEnvironment() -> String? {
    generationTime(sourceDateEpoch: getenv("SOURCE_DATE_EPOCH").map { String(cString: $0) })
  }
}

/// A process-wide counter for unique temporary names.
final class Counter: Sendable {
  private let value = Atomic<Int>(0)
  func next() -> Int { value.add(1, ordering: .relaxed).newValue }
}

func join(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }

/// `a/b/c.json` → (`a/b`, `c.json`); `c.json` → (`.`, `c.json`).
func split(_ path: String) -> (String, String) {
  guard let slash = path.lastIndex(of: "/") else { return (".", path) }
  let dir = String(path[..<slash])
  return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
}

func reason(_ code: Int32) -> String {
  switch code {
  case ENOENT: return "no such file or folder"
  case EACCES, EPERM: return "permission denied"
  case ENOSPC: return "no space left on the device"
  case EROFS: return "the file system is read-only"
  case EDQUOT: return "the disk quota is exceeded"
  case EFBIG: return "the file is larger than allowed (the file size limit, ulimit -f, or the file system)"
  case ENOTDIR: return "a part of the path is not a folder"
  case EEXIST: return "exists already"
  default: return String(cString: strerror(code))
  }
}
