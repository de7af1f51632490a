import Crypto
import DigITCore
import DigITMetrics
import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The parsed-feed cache: per feed file, a compact binary image of what reading it gave — its rows, its
/// counts and its diagnostics — so that a start on unchanged feeds skips parsing (see <doc:ParsedFeedCache>).
///
/// An entry is used only when everything it was made from is unchanged: the file (device, inode, size,
/// modification and change time in nanoseconds), the tool's build, the path, what the file is read
/// against (the projects file a backlog refers to, the city's maturity model or KPI ids), and the as-of
/// day where the file has dates after it. Anything in doubt — a corrupt or truncated entry, another
/// build, another format — is ignored and the file read again, so the cache can never change a figure.
/// Failures of the cache folder (read-only, full) are never errors: the file is read as without a cache.
///
///     let cache = FeedCache.fromEnvironment()   // nil with DIGIT_CACHE=off
///     var loader = FeedLoader(root: "Sample-Data", asOf: day)
///     loader.cache = cache
public struct FeedCache: Sendable {
  /// The folder the entries are in (created on the first write).
  public let folder: String
  /// What identifies the build that writes and reads the entries: an entry of another build is ignored.
  public let build: String
  /// A file changed less than this many seconds before it is read is not cached: a change within the
  /// same tick of the file system's clock could otherwise go unnoticed (the "racily clean" file).
  public var settleSeconds: Int = 2
  /// Where entries are written: in the reading thread (one-shot commands), or on a background queue
  /// (the dashboard, which lives on).
  public var writesInBackground = false
  private let writer = Writer()

  /// The version of the entry format; entries of another version are ignored.
  static let formatVersion: UInt32 = 2

  public init(folder: String, build: String = FeedCache.currentBuild) {
    self.folder = folder
    self.build = build
  }

  /// The cache folder of this user: `$XDG_CACHE_HOME/digit/feeds`, else `~/.cache/digit/feeds`; `nil`
  /// when neither is known.
  public static func defaultFolder(environment: (String) -> String? = FeedCache.environment) -> String? {
    if let xdg = environment("XDG_CACHE_HOME"), xdg.hasPrefix("/") { return join(join(xdg, "digit"), "feeds") }
    if let home = environment("HOME"), home.hasPrefix("/") { return join(join(join(home, ".cache"), "digit"), "feeds") }
    return nil
  }

  /// The user's cache, or `nil` when it is turned off (`DIGIT_CACHE=off`, or `disabled` from `--no-cache`)
  /// or there is no cache folder.
  public static func fromEnvironment(
    disabled: Bool = false, environment: (String) -> String? = FeedCache.environment
  ) -> FeedCache? {
    if disabled { return nil }
    if let v = environment("DIGIT_CACHE")?.lowercased(), ["off", "0", "no", "false"].contains(v) { return nil }
    return defaultFolder(environment: environment).map { FeedCache(folder: $0) }
  }

  @Sendable public static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

  /// This build: the running executable's device, inode, size and modification time (a rebuilt binary
  /// is another build), with the entry format's version and the sizes of the rows stored as memory images
  /// (so that even two builds that cannot be told apart never share an entry of another row layout).
  public static let currentBuild: String =
    build(ofExecutable: "/proc/self/exe") ?? build(ofExecutable: CommandLine.arguments.first ?? "")
    ?? "\(layout)-unknown"

  /// The build of the executable at `path` as ``currentBuild`` names the running one (a test names the
  /// `digit` it starts so); `nil` when it cannot be stat'ed.
  public static func build(ofExecutable path: String) -> String? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    #if canImport(Darwin)
      let m = st.st_mtimespec
    #else
      let m = st.st_mtim
    #endif
    return "\(layout)-\(st.st_dev)-\(st.st_ino)-\(st.st_size)-\(m.tv_sec).\(m.tv_nsec)"
  }

  private static let layout =
    "v\(formatVersion)-rows\(MemoryLayout<BacklogItem>.stride).\(MemoryLayout<BacklogItem>.alignment)"
    + ".\(MemoryLayout<OZGWeek>.stride).\(MemoryLayout<OZGWeek>.alignment)"

  /// Waits until the entries handed to the background are written (tests; the end of a process).
  public func waitForWrites() { writer.group.wait() }

  /// Removes every entry, those of the ``ResultCache`` in the same folder too (and left-over temporary
  /// files); returns how many files were removed.
  @discardableResult
  public func clear() -> Int {
    guard case .success(let names) = FileSystem.list(folder) else { return 0 }
    var removed = 0
    for name in names where name.hasSuffix(".entry") || name.hasSuffix(ResultCache.suffix) || name.hasPrefix(".tmp-") {
      if unlink(join(folder, name)) == 0 { removed += 1 }
    }
    return removed
  }

  // MARK: - Entries

  /// Where the entry of the file `absolute` (a resolved path) lives.
  func entryPath(_ absolute: String) -> String {
    let digest = SHA256.hash(data: Array(absolute.utf8))
    var name: [UInt8] = []
    for b in digest.prefix(16) {
      name.append(Checksum.hex[Int(b >> 4)])
      name.append(Checksum.hex[Int(b & 15)])
    }
    return join(folder, String(decoding: name, as: UTF8.self) + ".entry")
  }

  /// The entry of a file, if there is a usable one for this read.
  ///
  /// The entry is read whole into a buffer that lives for the decoding (measured on the large benchmark
  /// root's first frame: 0.05 s faster than mapping every entry with `MAP_POPULATE` and unmapping it,
  /// which costs page-table work and cross-core TLB flushes; the bytes are copied out either way).
  func read(_ want: Want) -> CachedFile? {
    FeedCache.withReadEntry(entryPath(want.absolute)) { CachedFile.decode($0, want: want, build: build) }
  }

  /// The descriptor and size of the entry file at `path`, opened for reading, if it is a non-empty regular
  /// file under 2 GB (never a FIFO or device: opened without blocking, checked after opening); the caller
  /// closes it.
  static func openEntry(_ path: String) -> (fd: Int32, size: Int)? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size > 0, st.st_size < Int32.max else {
      close(fd)
      return nil
    }
    return (fd, Int(st.st_size))
  }

  /// Calls `body` with the bytes of the entry file at `path`, read whole, if it is a non-empty regular
  /// file that can be read; `nil` otherwise (also when it shrinks while being read).
  static func withReadEntry<T>(_ path: String, _ body: (UnsafeRawBufferPointer) -> T?) -> T? {
    guard let (fd, size) = openEntry(path) else { return nil }
    defer { close(fd) }
    return EntryBuffer.with(size) { buffer -> T? in
      var done = 0
      while done < size {
        #if canImport(Glibc)
          let n = Glibc.read(fd, buffer.baseAddress! + done, size - done)
        #else
          let n = Darwin.read(fd, buffer.baseAddress! + done, size - done)
        #endif
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return nil }
        done += n
      }
      return body(UnsafeRawBufferPointer(buffer))
    }
  }

  /// Calls `body` with the bytes of the entry file at `path`, mapped (its pages come from the page cache),
  /// if it is a non-empty regular file that can be mapped; `nil` otherwise. The result cache reads its
  /// entries so (a stored output is written out from the mapping, never copied whole). Entries are only
  /// ever replaced by renaming a new file over them, never changed in place, so a mapped entry cannot
  /// shrink under it.
  static func withMappedEntry<T>(_ path: String, _ body: (UnsafeRawBufferPointer) -> T?) -> T? {
    guard let (fd, size) = openEntry(path) else { return nil }
    defer { close(fd) }
    guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else { return nil }
    defer { munmap(map, size) }
    return body(UnsafeRawBufferPointer(start: map, count: size))
  }

  /// Stores an entry (unless its file changed too recently to be trusted), in this thread or the background.
  func store(_ entry: CachedFile, for want: Want) {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    guard want.key.changedSeconds <= Int64(now.tv_sec) - Int64(settleSeconds) else { return }
    let path = entryPath(want.absolute)
    let folder = self.folder
    let build = self.build
    let work: @Sendable () -> Void = {
      let bytes = entry.encode(want: want, build: build)
      FeedCache.writeAtomically(bytes, to: path, folder: folder)
    }
    if writesInBackground {
      DispatchQueue.global(qos: .utility).async(group: writer.group, execute: work)
    } else {
      work()
    }
  }

  /// Writes to a temporary file beside `path` and renames it over `path`; every failure (a read-only or
  /// full folder) leaves the cache as it was and is otherwise ignored.
  static func writeAtomically(_ bytes: [UInt8], to path: String, folder: String) {
    if FileSystem.kind(folder) != .directory {
      // `…/digit/feeds`: its parents too, private to the user.
      var partial = ""
      for part in folder.split(separator: "/", omittingEmptySubsequences: true) {
        partial += "/" + part
        if FileSystem.kind(partial) != .directory { _ = mkdir(partial, 0o700) }
      }
    }
    // Unique per process and write (O_EXCL refuses a name that exists anyway).
    let unique = String(UInt64.random(in: 0...UInt64.max), radix: 16)
    let temp = join(folder, ".tmp-\(getpid())-\(unique)-\(path.split(separator: "/").last ?? "")")
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return }
    var done = 0
    var failed = false
    bytes.withUnsafeBytes { buf in
      while done < buf.count {
        let n = write(fd, buf.baseAddress! + done, buf.count - done)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 {
          failed = true
          break
        }
        done += n
      }
    }
    if close(fd) != 0 { failed = true }
    if failed || rename(temp, path) != 0 { unlink(temp) }
  }

  /// What a read needs from an entry: which file, as it is now, read in which context.
  struct Want: Sendable {
    /// The resolved absolute path of the feed file.
    var absolute: String
    var key: FileKey
    /// Everything outside the file that the reading depends on, in words (compared exactly).
    var context: String
    var asOf: Day
    var checksums: Bool
  }

  /// The background writes (a class, so that copies of the cache share them).
  final class Writer: Sendable {
    let group = DispatchGroup()
  }
}

/// The latest day and week a file's rows were checked against the as-of day (a row after it gets a
/// warning): an entry made as of one day serves another only when neither day has any row after it.
struct AsOfChecks: Sendable, Equatable {
  var latestDay = Int32.min
  var latestWeek = Int32.min

  @inline(__always) mutating func saw(_ d: Day) { if d.rawValue > latestDay { latestDay = d.rawValue } }
  @inline(__always) mutating func saw(_ w: ISOWeek) { if w.rawValue > latestWeek { latestWeek = w.rawValue } }

  /// Whether no checked row lies after `day` (so that reading as of `day` gave no as-of warnings).
  func covers(_ day: Day) -> Bool { day.rawValue >= latestDay && day.isoWeek.rawValue >= latestWeek }
}

/// One feed file as read: counts, diagnostics, and its rows.
struct CachedFile: Sendable {
  var stats: FileStats
  var diagnostics: [Diagnostic]
  var checks: AsOfChecks
  var rows: Rows

  enum Rows: Sendable {
    /// projects.csv: the projects, the ids of rejected rows (by line), and whether the file was usable.
    case projects([Project], rejected: [String: Int], usable: Bool)
    case milestones([Milestone])
    case backlog([BacklogItem], texts: TextPool, labels: LabelPool)
    case ozg(services: [OZGService], rows: [OZGWeek])
    /// kpis.csv: the values and the targets given in the file, by KPI id.
    case kpis([KPIValue], targets: [String: Double])
  }

  private static let magic: [UInt8] = Array("DIGITFC\u{1}".utf8)

  /// The entry's bytes: a header that says what it was made from, the body, and a hash of all before it.
  func encode(want: FeedCache.Want, build: String) -> [UInt8] {
    var w = ByteWriter()
    w.raw(Self.magic)
    w.u32(FeedCache.formatVersion)
    w.string(build)
    w.string(want.absolute)
    w.i64(Int64(bitPattern: want.key.device))
    w.i64(Int64(bitPattern: want.key.inode))
    w.i64(want.key.size)
    w.i64(want.key.modified)
    w.i64(want.key.changed)
    w.string(want.context)
    w.i32(want.asOf.rawValue)
    w.i32(checks.latestDay)
    w.i32(checks.latestWeek)
    w.u8(want.checksums ? 1 : 0)
    // Counts and diagnostics.
    w.string(stats.path)
    w.optString(stats.office)
    w.i64(Int64(stats.bytes))
    w.i64(Int64(stats.rowsRead))
    w.i64(Int64(stats.rowsSkipped))
    w.u8(stats.skipped ? 1 : 0)
    w.optString(stats.sha256)
    w.i64(Int64(diagnostics.count))
    for d in diagnostics {
      w.u8(UInt8(Diagnostic.Severity.allCases.firstIndex(of: d.severity)!))
      w.optString(d.office)
      w.string(d.file)
      w.i64(d.line.map(Int64.init) ?? Int64.min)
      w.optString(d.column)
      w.string(d.message)
      w.optString(d.german)
      w.i64(Int64(d.occurrences))
    }
    switch rows {
    case .projects(let projects, let rejected, let usable):
      w.u8(0)
      w.u8(usable ? 1 : 0)
      w.i64(Int64(projects.count))
      for p in projects {
        w.string(p.id)
        w.string(p.officeID)
        w.string(p.title)
        w.string(p.category)
        w.u8(UInt8(ProjectStatus.allCases.firstIndex(of: p.status)!))
        w.string(p.owner)
        w.optDay(p.start)
        w.optDay(p.due)
        w.optDouble(p.budgetPlanned)
        w.optDouble(p.budgetSpent)
        w.u8(p.indexArea.map { UInt8(IndexArea.allCases.firstIndex(of: $0)!) } ?? 255)
        w.optDay(p.updated)
        w.u8(p.risk.map { UInt8(RiskLevel.allCases.firstIndex(of: $0)!) } ?? 255)
        w.i64(Int64(p.line))
      }
      let sorted = rejected.sorted { $0.key < $1.key }
      w.i64(Int64(sorted.count))
      for (k, v) in sorted {
        w.string(k)
        w.i64(Int64(v))
      }
    case .milestones(let milestones):
      w.u8(1)
      w.i64(Int64(milestones.count))
      for m in milestones {
        w.i32(m.project)
        w.string(m.name)
        w.optDay(m.due)
        w.optDay(m.done)
      }
    case .backlog(let items, let texts, let labels):
      w.u8(2)
      // The items as their memory image; types and priorities as the pool's pairs.
      w.i64(Int64(labels.count))
      for pair in labels.all {
        w.string(pair.type)
        w.string(pair.priority)
      }
      w.pod(items)
      w.pod(texts.bytes)
    case .ozg(let services, let rows):
      w.u8(3)
      w.i64(Int64(services.count))
      for s in services {
        w.string(s.id)
        w.string(s.name)
        w.optString(s.leika)
      }
      w.pod(rows)
    case .kpis(let values, let targets):
      w.u8(4)
      w.pod(values)
      let sorted = targets.sorted { $0.key < $1.key }
      w.i64(Int64(sorted.count))
      for (k, v) in sorted {
        w.string(k)
        w.optDouble(v)
      }
    }
    w.u64(w.bytes.withUnsafeBytes { FastHash.hash($0) })
    return w.bytes
  }

  /// The entry in `bytes` if it is intact and was made from exactly what `want` describes, else `nil`.
  static func decode(_ raw: UnsafeRawBufferPointer, want: FeedCache.Want, build: String) -> CachedFile? {
    guard raw.count >= magic.count + 8 else { return nil }
    let body = raw.count - 8
    let stored = raw.loadUnaligned(fromByteOffset: body, as: UInt64.self)
    guard FastHash.hash(UnsafeRawBufferPointer(rebasing: raw[0..<body])) == stored else { return nil }
    do {
      var r = ByteReader(raw, end: body)
      guard r.raw(magic.count) == magic, r.u32() == FeedCache.formatVersion, r.string() == build,
        r.string() == want.absolute, r.i64().map({ UInt64(bitPattern: $0) }) == want.key.device,
        r.i64().map({ UInt64(bitPattern: $0) }) == want.key.inode, r.i64() == want.key.size,
        r.i64() == want.key.modified, r.i64() == want.key.changed, r.string() == want.context,
        let asOf = r.i32(), let latestDay = r.i32(), let latestWeek = r.i32(), let checksummed = r.u8()
      else { return nil }
      let checks = AsOfChecks(latestDay: latestDay, latestWeek: latestWeek)
      // Made as of another day: usable only when neither day has a row after it.
      guard asOf == want.asOf.rawValue || (checks.covers(Day(rawValue: asOf)) && checks.covers(want.asOf)) else {
        return nil
      }
      guard !want.checksums || checksummed == 1 else { return nil }
      guard let path = r.string(), let office = r.optString(), let size = r.i64(), let read = r.i64(),
        let skippedRows = r.i64(), let skipped = r.u8(), let sha = r.optString(), let n = r.count()
      else { return nil }
      var stats = FileStats(
        path: path, office: office, bytes: Int(size), rowsRead: Int(read), rowsSkipped: Int(skippedRows),
        skipped: skipped == 1)
      stats.sha256 = want.checksums ? sha : nil
      var diagnostics: [Diagnostic] = []
      diagnostics.reserveCapacity(n)
      for _ in 0..<n {
        guard let s = r.u8(), Int(s) < Diagnostic.Severity.allCases.count, let office = r.optString(),
          let file = r.string(), let line = r.i64(), let column = r.optString(), let message = r.string(),
          let german = r.optString(), let occurrences = r.i64()
        else { return nil }
        diagnostics.append(
          Diagnostic(
            Diagnostic.Severity.allCases[Int(s)], office: office, file: file, line: line == Int64.min ? nil : Int(line),
            column: column, message, german: german, occurrences: Int(occurrences)))
      }
      guard let kind = r.u8() else { return nil }
      let rows: Rows
      switch kind {
      case 0:
        guard let usable = r.u8(), let n = r.count() else { return nil }
        var projects: [Project] = []
        projects.reserveCapacity(n)
        for _ in 0..<n {
          guard let id = r.string(), let officeID = r.string(), let title = r.string(), let category = r.string(),
            let status = r.enumCase(ProjectStatus.self), let owner = r.string(), let start = r.optDay(),
            let due = r.optDay(), let planned = r.optDouble(), let spent = r.optDouble(),
            let area = r.optEnumCase(IndexArea.self), let updated = r.optDay(),
            let risk = r.optEnumCase(RiskLevel.self),
            let line = r.i64()
          else { return nil }
          projects.append(
            Project(
              id: id, officeID: officeID, title: title, category: category, status: status, owner: owner, start: start,
              due: due, budgetPlanned: planned, budgetSpent: spent, indexArea: area, updated: updated, risk: risk,
              line: Int(line)))
        }
        guard let m = r.count() else { return nil }
        var rejected: [String: Int] = [:]
        for _ in 0..<m {
          guard let k = r.string(), let v = r.i64() else { return nil }
          rejected[k] = Int(v)
        }
        rows = .projects(projects, rejected: rejected, usable: usable == 1)
      case 1:
        guard let n = r.count() else { return nil }
        var milestones: [Milestone] = []
        milestones.reserveCapacity(n)
        for _ in 0..<n {
          guard let p = r.i32(), let name = r.string(), let due = r.optDay(), let done = r.optDay() else { return nil }
          milestones.append(Milestone(project: p, name: name, due: due, done: done))
        }
        rows = .milestones(milestones)
      case 2:
        guard let nl = r.count() else { return nil }
        var labels = LabelPool()
        for _ in 0..<nl {
          guard let type = r.string(), let priority = r.string() else { return nil }
          _ = labels.intern(type: type, priority: priority)
        }
        guard let items: [BacklogItem] = r.pod(), let texts: [UInt8] = r.pod(), labels.count == nl,
          items.allSatisfy({
            Int($0.labels.index) < nl && UInt64($0.id.start) + UInt64($0.id.count) <= UInt64(texts.count)
              && UInt64($0.title.start) + UInt64($0.title.count) <= UInt64(texts.count)
          })
        else { return nil }
        rows = .backlog(items, texts: TextPool(bytes: texts), labels: labels)
      case 3:
        guard let n = r.count() else { return nil }
        var services: [OZGService] = []
        services.reserveCapacity(n)
        for _ in 0..<n {
          guard let id = r.string(), let name = r.string(), let leika = r.optString() else { return nil }
          services.append(OZGService(id: id, name: name, leika: leika))
        }
        guard let weeks: [OZGWeek] = r.pod(), weeks.allSatisfy({ $0.service >= 0 && Int($0.service) < n }) else {
          return nil
        }
        rows = .ozg(services: services, rows: weeks)
      case 4:
        guard let values: [KPIValue] = r.pod(), let n = r.count() else { return nil }
        var targets: [String: Double] = [:]
        for _ in 0..<n {
          guard let k = r.string(), case .some(.some(let v)) = r.optDouble() else { return nil }
          targets[k] = v
        }
        rows = .kpis(values, targets: targets)
      default: return nil
      }
      guard r.atEnd else { return nil }
      return CachedFile(stats: stats, diagnostics: diagnostics, checks: checks, rows: rows)
    }
  }

  /// ``decode(_:want:build:)`` of bytes in an array.
  static func decode(_ bytes: [UInt8], want: FeedCache.Want, build: String) -> CachedFile? {
    bytes.withUnsafeBytes { decode($0, want: want, build: build) }
  }
}

/// Appends values in the machine's own byte order (an entry is read only by the build that wrote it).
struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func raw(_ b: [UInt8]) { bytes += b }
  mutating func u8(_ v: UInt8) { bytes.append(v) }
  mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v) { bytes.append(contentsOf: $0) } }
  mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v) { bytes.append(contentsOf: $0) } }
  mutating func i32(_ v: Int32) { withUnsafeBytes(of: v) { bytes.append(contentsOf: $0) } }
  mutating func i64(_ v: Int64) { withUnsafeBytes(of: v) { bytes.append(contentsOf: $0) } }
  mutating func string(_ s: String) {
    var s = s
    s.withUTF8 { u in
      u32(UInt32(u.count))
      bytes.append(contentsOf: u)
    }
  }
  mutating func optString(_ s: String?) {
    if let s { string(s) } else { u32(UInt32.max) }
  }
  mutating func optDay(_ d: Day?) {
    u8(d == nil ? 0 : 1)
    i32(d?.rawValue ?? 0)
  }
  mutating func optDouble(_ v: Double?) {
    u8(v == nil ? 0 : 1)
    u64(v?.bitPattern ?? 0)
  }
  /// An array of plain values (no references) as its memory image, after its count.
  mutating func pod<T>(_ a: [T]) {
    precondition(_isPOD(T.self))
    i64(Int64(a.count))
    a.withUnsafeBytes { bytes.append(contentsOf: $0) }
  }
}

/// Reads what ``ByteWriter`` wrote; every read checks the bounds and gives `nil` past the end.
struct ByteReader {
  let base: UnsafeRawBufferPointer
  let end: Int
  var at = 0

  init(_ base: UnsafeRawBufferPointer, end: Int) {
    self.base = base
    self.end = end
  }

  var atEnd: Bool { at == end }

  mutating func raw(_ n: Int) -> [UInt8]? {
    guard n >= 0, end - at >= n else { return nil }
    defer { at += n }
    return Array(UnsafeRawBufferPointer(rebasing: base[at..<at + n]))
  }
  mutating func load<T>(_: T.Type) -> T? {
    let n = MemoryLayout<T>.size
    guard end - at >= n else { return nil }
    defer { at += n }
    return base.loadUnaligned(fromByteOffset: at, as: T.self)
  }
  mutating func u8() -> UInt8? { load(UInt8.self) }
  mutating func u32() -> UInt32? { load(UInt32.self) }
  mutating func u64() -> UInt64? { load(UInt64.self) }
  mutating func i32() -> Int32? { load(Int32.self) }
  mutating func i64() -> Int64? { load(Int64.self) }
  /// A count of items, each at least one byte: never more than the bytes left.
  mutating func count() -> Int? {
    guard let n = i64(), n >= 0, n <= end - at else { return nil }
    return Int(n)
  }
  mutating func string() -> String? {
    guard let n = u32(), n != UInt32.max, end - at >= Int(n) else { return nil }
    defer { at += Int(n) }
    return String(decoding: UnsafeRawBufferPointer(rebasing: base[at..<at + Int(n)]), as: UTF8.self)
  }
  /// `.some(nil)` for a missing string, `nil` when the bytes are bad.
  mutating func optString() -> String?? {
    guard let n = u32() else { return nil }
    if n == UInt32.max { return .some(nil) }
    guard end - at >= Int(n) else { return nil }
    defer { at += Int(n) }
    return .some(String(decoding: UnsafeRawBufferPointer(rebasing: base[at..<at + Int(n)]), as: UTF8.self))
  }
  mutating func optDay() -> Day?? {
    guard let f = u8(), f <= 1, let v = i32() else { return nil }
    return .some(f == 1 ? Day(rawValue: v) : nil)
  }
  mutating func optDouble() -> Double?? {
    guard let f = u8(), f <= 1, let v = u64() else { return nil }
    return .some(f == 1 ? Double(bitPattern: v) : nil)
  }
  mutating func enumCase<T: CaseIterable>(_: T.Type) -> T? where T.AllCases == [T] {
    guard let i = u8(), Int(i) < T.allCases.count else { return nil }
    return T.allCases[Int(i)]
  }
  mutating func optEnumCase<T: CaseIterable>(_: T.Type) -> T?? where T.AllCases == [T] {
    guard let i = u8() else { return nil }
    if i == 255 { return .some(nil) }
    guard Int(i) < T.allCases.count else { return nil }
    return .some(T.allCases[Int(i)])
  }
  mutating func pod<T>() -> [T]? {
    precondition(_isPOD(T.self))
    guard let n = i64(), n >= 0 else { return nil }
    let stride = MemoryLayout<T>.stride
    guard n <= (end - at) / max(stride, 1) else { return nil }
    let count = Int(n)
    let bytes = count * stride
    defer { at += bytes }
    return [T](unsafeUninitializedCapacity: count) { buf, filled in
      if bytes > 0 {
        UnsafeMutableRawPointer(buf.baseAddress!).copyMemory(from: base.baseAddress! + at, byteCount: bytes)
      }
      filled = count
    }
  }
}

/// A fast 64-bit hash of an entry's bytes (four independent lanes of multiply and rotate), to tell an
/// intact entry from a damaged one; not a defence against deliberate forgery (the folder is the user's).
enum FastHash {
  static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
  static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F

  @inline(__always) static func round(_ acc: UInt64, _ w: UInt64) -> UInt64 {
    let x = acc &+ w &* p2
    return ((x << 31) | (x >> 33)) &* p1
  }

  static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
    let n = raw.count
    do {
      var a: UInt64 = p1 &+ p2
      var b: UInt64 = p2
      var c: UInt64 = 0
      var d: UInt64 = 0 &- p1
      var i = 0
      while i + 32 <= n {
        a = round(a, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        b = round(b, raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
        c = round(c, raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
        d = round(d, raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
        i += 32
      }
      var h = ((a << 1) | (a >> 63)) &+ ((b << 7) | (b >> 57)) &+ ((c << 12) | (c >> 52)) &+ ((d << 18) | (d >> 46))
      h = round(h, UInt64(n))
      while i < n {
        h = round(h, UInt64(raw[i]))
        i += 1
      }
      h ^= h >> 33
      h = h &* p2
      h ^= h >> 29
      return h
    }
  }
}

/// The buffer a thread reads parsed-feed entries into, kept for its next entry: a fresh buffer for each of
/// the large root's 2,000 entries meant fresh pages and a page fault for each 4 KB (measured on the first
/// frame from the cache: 0.56 → 0.51 s of CPU). Entries larger than ``kept`` get a buffer of their own, so a
/// thread never holds more than that between loads (the dashboard lives on).
final class EntryBuffer {
  /// The largest buffer a thread keeps (a backlog entry of 5,000 items is about 0.4 MB).
  static let kept = 4 << 20
  private var pointer: UnsafeMutableRawPointer
  private var capacity: Int
  /// Whether `body` is running with it (a nested read gets a buffer of its own).
  private var inUse = false

  private init(_ size: Int) {
    capacity = size
    pointer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
  }

  deinit { pointer.deallocate() }

  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    // The destructor's argument is optional on Linux and not on Darwin: the cast reads both.
    pthread_key_create(&key) { p in
      if let p = p as UnsafeMutableRawPointer? { Unmanaged<EntryBuffer>.fromOpaque(p).release() }
    }
    return key
  }()

  /// Calls `body` with a buffer of `size` bytes: this thread's kept one, or one of its own above ``kept``.
  static func with<T>(_ size: Int, _ body: (UnsafeMutableRawBufferPointer) -> T) -> T {
    func own() -> T {
      let fresh = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
      defer { fresh.deallocate() }
      return body(fresh)
    }
    guard size <= kept else { return own() }
    let buffer: EntryBuffer
    if let p = pthread_getspecific(key) {
      buffer = Unmanaged<EntryBuffer>.fromOpaque(p).takeUnretainedValue()
    } else {
      buffer = EntryBuffer(max(size, 256 << 10))
      pthread_setspecific(key, Unmanaged.passRetained(buffer).toOpaque())
    }
    guard !buffer.inUse else { return own() }
    buffer.inUse = true
    defer { buffer.inUse = false }
    if buffer.capacity < size {
      buffer.pointer.deallocate()
      buffer.capacity = min(kept, max(size, 2 * buffer.capacity))
      buffer.pointer = UnsafeMutableRawPointer.allocate(byteCount: buffer.capacity, alignment: 64)
    }
    return body(UnsafeMutableRawBufferPointer(start: buffer.pointer, count: size))
  }
}
