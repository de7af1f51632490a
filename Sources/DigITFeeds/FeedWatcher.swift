import DigITCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The modification times and sizes of every file of a data root (or any folder), to tell cheaply whether
/// and where something changed: the dashboard polls it every few seconds and re-reads only the offices
/// whose files changed.
///
///     let before = FeedFingerprint.scan("Sample-Data")
///     …
///     let changes = FeedFingerprint.scan("Sample-Data").changes(since: before)
///     changes.offices   // ["buergeramt"]
public struct FeedFingerprint: Equatable, Sendable {
  struct Stamp: Equatable, Sendable {
    var seconds: Int
    var nanoseconds: Int
    var size: Int
  }

  /// Relative path → stamp.
  var stamps: [String: Stamp] = [:]

  /// Stats every file two folder levels deep under `root` (city.yaml, index/…, offices/<id>/…).
  public static func scan(_ root: String, depth: Int = 3) -> FeedFingerprint {
    var f = FeedFingerprint()
    f.walk(root, relative: "", depth: depth)
    return f
  }

  private mutating func walk(_ path: String, relative: String, depth: Int) {
    guard depth > 0, case .success(let names) = FileSystem.list(path) else { return }
    for name in names where !name.hasPrefix(".") {
      let full = path + "/" + name
      let rel = relative.isEmpty ? name : relative + "/" + name
      var st = stat()
      guard stat(full, &st) == 0 else { continue }
      if (st.st_mode & S_IFMT) == S_IFDIR {
        walk(full, relative: rel, depth: depth - 1)
      } else {
        #if canImport(Darwin)
          let t = st.st_mtimespec
        #else
          let t = st.st_mtim
        #endif
        stamps[rel] = Stamp(seconds: Int(t.tv_sec), nanoseconds: Int(t.tv_nsec), size: Int(st.st_size))
      }
    }
  }

  /// Every file's modification time in whole seconds since 1970, by relative path.
  public var modificationTimes: [String: Int] { stamps.mapValues(\.seconds) }

  /// What changed between two scans of a data root.
  public struct Changes: Equatable, Sendable {
    /// Files added, removed or modified (relative paths, sorted).
    public var files: [String]
    /// Offices with a changed file.
    public var offices: Set<String>
    /// Whether a city-wide file (city.yaml, index/) changed, which means everything is re-read.
    public var city: Bool
    public var isEmpty: Bool { files.isEmpty }
  }

  public func changes(since old: FeedFingerprint) -> Changes {
    var files: [String] = []
    for (path, stamp) in stamps where old.stamps[path] != stamp { files.append(path) }
    for path in old.stamps.keys where stamps[path] == nil { files.append(path) }
    files.sort()
    var offices = Set<String>()
    var city = false
    for f in files {
      let parts = f.split(separator: "/")
      if parts.count >= 2 && parts[0] == "offices" { offices.insert(String(parts[1])) } else { city = true }
    }
    return Changes(files: files, offices: offices, city: city)
  }
}
