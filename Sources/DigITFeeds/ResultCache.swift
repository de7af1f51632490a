import Crypto
import DigITCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The result cache: the whole output of a command that reads a data root (`digit summary`), kept with
/// everything that output depends on and written again, byte for byte, while none of it has changed
/// (see <doc:ParsedFeedCache>, "The result cache").
///
/// The key of a run is its words (the command and every option that changes its output, today's date
/// where the default as-of day depends on it), the tool's build, the data root as given and resolved,
/// and a walk of the root: every name the loader finds or could find (the root's entries, `index/`,
/// `offices/` and each office folder), each with its device, inode, size, modification and change time
/// in nanoseconds, mode, and for a link where it leads. A new, removed, renamed, rewritten or touched
/// file, a changed link or permission gives another key. An entry is used only when its header (magic,
/// version, build), its whole key and a hash of all its bytes agree; anything in doubt is ignored and
/// the output computed as without the cache, so the cache can never change a figure. Failures of the
/// cache folder (read-only, full) are never errors.
///
///     let results = ResultCache.fromEnvironment()   // nil with DIGIT_CACHE=off or =feeds
///     if let key = results?.key(root: root, words: ["summary", "format=json"]),
///       results!.write(key, to: 1) { exit(0) }      // a hit
///     // … compute `output`, write it, then: results?.store(output, for: key)
public struct ResultCache: Sendable {
  /// The folder the entries are in: the parsed-feed cache's (``FeedCache/defaultFolder(environment:)``).
  public let folder: String
  /// The build that writes and reads the entries: an entry of another build is ignored.
  public let build: String
  /// An output is not stored when any file or folder of the root changed less than this many seconds
  /// before the walk: a change within the same tick of the file system's clock could go unnoticed.
  public var settleSeconds: Int = 2

  /// The version of the entry format; entries of another version are ignored.
  static let formatVersion: UInt32 = 1
  /// How entry files end (`digit cache clear` removes them with the parsed-feed entries).
  static let suffix = ".result"
  private static let magic: [UInt8] = Array("DIGITRC\u{1}".utf8)

  public init(folder: String, build: String = FeedCache.currentBuild) {
    self.folder = folder
    self.build = build
  }

  /// The user's result cache, or `nil` when it is turned off: `disabled` (`--no-cache`), `DIGIT_CACHE=off`
  /// (both caches), `DIGIT_CACHE=feeds` (the parsed-feed cache only), or no cache folder.
  public static func fromEnvironment(
    disabled: Bool = false, environment: (String) -> String? = FeedCache.environment
  ) -> ResultCache? {
    if disabled { return nil }
    if let v = environment("DIGIT_CACHE")?.lowercased(), ["off", "0", "no", "false", "feeds"].contains(v) {
      return nil
    }
    return FeedCache.defaultFolder(environment: environment).map { ResultCache(folder: $0) }
  }

  /// What a run's output depends on.
  public struct Key: Sendable {
    /// Names the entry file: the words and the root, not the state of its files (so that a new state
    /// replaces the entry of the old one instead of adding one).
    let slot: String
    /// The command (the first word), which begins the entry's name.
    let command: String
    /// The whole key, compared byte for byte with an entry's.
    let bytes: [UInt8]
    /// The latest modification or change time among everything walked, in seconds.
    let newest: Int64
    /// When the walk began, in seconds.
    let started: Int64
    /// What the walk found (the folders' names, the files' stat keys), for the loader of the same run
    /// (``FeedLoader/listing``).
    public let listing: RootListing
    /// The root and the words the key was made for (to walk again: ``unchanged(_:)``).
    let root: String
    let words: [String]
  }

  /// The key of a run of `words` on `root` (the command first; a word `today=…` is left out of the
  /// entry's name, so that a new day replaces the entry of the day before); `nil` when the root cannot
  /// be walked completely (a folder that cannot be listed, a name that vanished): such a run is not
  /// cached, and the loader says what is wrong.
  public func key(root: String, words: [String]) -> Key? {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    var walk = RootWalk(root: root)
    guard walk.run() else { return nil }
    var w = ByteWriter()
    w.u32(Self.formatVersion)
    w.string(build)
    w.i64(Int64(words.count))
    for word in words { w.string(word) }
    w.string(root)
    w.optString(FileSystem.resolve(root))
    w.raw(walk.bytes.bytes)
    var slot = ByteWriter()
    for word in words where !word.hasPrefix("today=") { slot.string(word) }
    slot.string(root)
    slot.optString(FileSystem.resolve(root))
    return Key(
      slot: Self.hex(SHA256.hash(data: slot.bytes).prefix(16)), command: words.first ?? "run", bytes: w.bytes,
      newest: walk.newest,
      started: Int64(now.tv_sec), listing: RootListing(keys: walk.files, names: walk.listed), root: root, words: words)
  }

  /// Whether a walk of the root now finds it exactly as the walk of `key` did: nothing was added, removed,
  /// rewritten or touched since (what the loader read after that walk is what the key names).
  public func unchanged(_ key: Key) -> Bool { self.key(root: key.root, words: key.words)?.bytes == key.bytes }

  static func hex<S: Sequence<UInt8>>(_ bytes: S) -> String {
    var out: [UInt8] = []
    for b in bytes {
      out.append(Checksum.hex[Int(b >> 4)])
      out.append(Checksum.hex[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Where the entry of `key` lives: `summary-<slot>.result`.
  func entryPath(_ key: Key) -> String { join(folder, key.command + "-" + key.slot + Self.suffix) }

  /// Writes the stored output of `key` to the descriptor `fd` when there is an intact entry made from
  /// exactly this key; `false` (nothing written) otherwise.
  public func write(_ key: Key, to fd: Int32) -> Bool {
    withOutput(key) { writeFully(fd, $0) }
  }

  /// The stored output of `key`, if there is an intact entry made from exactly this key.
  public func output(_ key: Key) -> [UInt8]? {
    var result: [UInt8]? = nil
    _ = withOutput(key) { result = Array($0) }
    return result
  }

  /// Calls `body` with the stored output of `key` (mapped, not copied) when there is an intact entry
  /// made from exactly this key; whether it did.
  func withOutput(_ key: Key, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
    FeedCache.withMappedEntry(entryPath(key)) { raw -> Bool? in
      guard let payload = Self.decode(raw, key: key, build: build) else { return nil }
      body(payload)
      return true
    } ?? false
  }

  /// Stores the output of a run (unless something in the root changed too recently to be trusted).
  public func store(_ output: [UInt8], for key: Key) {
    guard key.newest <= key.started - Int64(settleSeconds) else { return }
    FeedCache.writeAtomically(Self.encode(output, key: key, build: build), to: entryPath(key), folder: folder)
  }

  /// An entry's bytes: magic, version, build, the whole key, the output, and a hash of all before it.
  static func encode(_ output: [UInt8], key: Key, build: String) -> [UInt8] {
    var w = ByteWriter()
    w.bytes.reserveCapacity(output.count + key.bytes.count + 256)
    w.raw(magic)
    w.u32(formatVersion)
    w.string(build)
    w.pod(key.bytes)
    w.pod(output)
    w.u64(w.bytes.withUnsafeBytes { FastHash.hash($0) })
    return w.bytes
  }

  /// The output in an entry's bytes, if the entry is intact and was made from exactly `key` by `build`.
  static func decode(_ raw: UnsafeRawBufferPointer, key: Key, build: String) -> UnsafeRawBufferPointer? {
    guard raw.count >= magic.count + 8 else { return nil }
    let body = raw.count - 8
    guard
      FastHash.hash(UnsafeRawBufferPointer(rebasing: raw[0..<body]))
        == raw.loadUnaligned(
          fromByteOffset: body, as: UInt64.self)
    else { return nil }
    var r = ByteReader(raw, end: body)
    guard r.raw(magic.count) == magic, r.u32() == formatVersion, r.string() == build,
      let n = r.count(), n == key.bytes.count, memcmp(raw.baseAddress! + r.at, key.bytes, n) == 0
    else { return nil }
    r.at += n
    guard let m = r.count(), m == body - r.at else { return nil }
    return UnsafeRawBufferPointer(rebasing: raw[r.at..<body])
  }
}

/// What a walk of the data root found, for the loader of the same run: each folder's names and each
/// file's stat key, by path as the loader joins it. The loader takes them from here instead of asking
/// the file system a second time (a path the walk did not see is asked as before).
public struct RootListing: Sendable {
  var keys: [String: FileKey]
  var names: [String: [String]]

  public init() { self.init(keys: [:], names: [:]) }
  init(keys: [String: FileKey], names: [String: [String]]) {
    self.keys = keys
    self.names = names
  }

  /// The key of `path` as the walk found it, else the file's key now.
  func key(_ path: String) -> FileKey? { keys[path] ?? FileKey(path: path) }

  /// The sorted names in the folder `path` as the walk found them, else as it lists now.
  func list(_ path: String) -> Result<[String], FileSystem.ReadError> {
    if let found = names[path] { return .success(found) }
    return FileSystem.list(path)
  }
}

/// A walk of everything ``FeedLoader`` lists or reads in a data root: the root, its entries, `index/`,
/// `offices/` and every office folder in it (links followed as the loader follows them), each name with
/// what `lstat` says (and for a link, its text, where it resolves to and what `stat` says).
struct RootWalk {
  let root: String
  var bytes = ByteWriter()
  var newest: Int64 = 0
  var files: [String: FileKey] = [:]
  var listed: [String: [String]] = [:]

  init(root: String) { self.root = root }

  /// Walks the root; `false` when something could not be listed or stat'ed.
  mutating func run() -> Bool {
    guard entry(root, name: ".") == .directory, let top = names(root) else { return false }
    for name in top {
      let path = join(root, name)
      guard let kind = entry(path, name: name) else { return false }
      guard kind == .directory, name == "offices" || name == "index" else { continue }
      guard let inner = names(path) else { return false }
      for office in inner {
        let folder = join(path, office)
        guard let k = entry(folder, name: office) else { return false }
        // The loader reads the folders of offices/ (hidden ones are only named); nothing deeper.
        guard name == "offices", k == .directory, !office.hasPrefix(".") else { continue }
        guard let feeds = names(folder) else { return false }
        for feed in feeds {
          guard entry(join(folder, feed), name: feed) != nil else { return false }
        }
      }
    }
    return true
  }

  /// The sorted names in a folder (the marker of a listing goes into the key with their count).
  mutating func names(_ path: String) -> [String]? {
    guard case .success(let list) = FileSystem.list(path) else { return nil }
    listed[path] = list
    bytes.u8(0x4C)  // "L"
    bytes.i64(Int64(list.count))
    return list
  }

  /// Adds one name; what it leads to (`nil` when it cannot be stat'ed at all).
  mutating func entry(_ path: String, name: String) -> FileSystem.Kind? {
    var st = stat()
    guard lstat(path, &st) == 0 else { return nil }
    bytes.u8(0x45)  // "E"
    bytes.string(name)
    add(st)
    if st.st_mode & S_IFMT == S_IFLNK {
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink(path, &buffer, buffer.count - 1)
      bytes.string(n >= 0 ? String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?")
      bytes.optString(FileSystem.resolve(path))
      guard stat(path, &st) == 0 else {
        bytes.u8(0)  // a dangling link
        return .missing
      }
      bytes.u8(1)
      add(st)
    }
    switch st.st_mode & S_IFMT {
    case S_IFREG:
      files[path] = FileKey(st)
      return .file
    case S_IFDIR: return .directory
    default: return .other
    }
  }

  private mutating func add(_ st: stat) {
    let key = FileKey(st)
    bytes.i64(Int64(st.st_mode))
    bytes.i64(Int64(bitPattern: key.device))
    bytes.i64(Int64(bitPattern: key.inode))
    bytes.i64(key.size)
    bytes.i64(key.modified)
    bytes.i64(key.changed)
    newest = max(newest, key.changedSeconds)
  }
}
