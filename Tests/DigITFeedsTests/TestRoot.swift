import DigITCore
import DigITMetrics
import Foundation
import Testing

@testable import DigITFeeds

/// What to put at one path of a ``TestRoot``.
enum FileContent: ExpressibleByStringLiteral {
  /// A text file, written as UTF-8 (no BOM).
  case text(String)
  /// A file with exactly these bytes.
  case bytes([UInt8])
  /// An empty folder.
  case folder
  /// A symbolic link to the given target (relative to the link's folder).
  case symlink(String)

  init(stringLiteral value: String) { self = .text(value) }
}

/// A small data root written to a fresh folder under /tmp, removed again when the value goes away.
///
///     let root = try TestRoot(office: ["projects.csv": "id,title,status\nP-1,Eins,active\n"])
///     let result = try root.load()
final class TestRoot {
  /// The absolute path of the root folder.
  let path: String

  /// The as-of day the tests check against (a Monday, 2026-W48).
  static let asOf = Day(year: 2026, month: 11, day: 23)!

  /// A minimal valid city.yaml with one KPI.
  static let cityYAML = """
    name: Teststadt
    kpis:
      - id: online_quote
        label: Anteil Online-Anträge

    """

  /// A minimal valid office.yaml for `amt-1`.
  static let officeYAML = """
    id: amt-1
    name: Bürgeramt

    """

  /// A valid projects.csv with two projects.
  static let projectsCSV = """
    id,title,status,start
    P-1,Projekt eins,active,2026-01-05
    P-2,Projekt zwei,planned,

    """

  /// Writes `files` (paths relative to the root) into a new unique folder.
  init(_ files: [String: FileContent]) throws {
    var template = Array("/tmp/digit-feeds-test-XXXXXX".utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      throw CocoaError(.fileWriteUnknown)
    }
    path = String(cString: made)
    let fm = FileManager.default
    for (relative, content) in files.sorted(by: { $0.key < $1.key }) {
      let full = path + "/" + relative
      let parent = (full as NSString).deletingLastPathComponent
      try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
      switch content {
      case .text(let s): try Data(s.utf8).write(to: URL(fileURLWithPath: full))
      case .bytes(let b): try Data(b).write(to: URL(fileURLWithPath: full))
      case .folder: try fm.createDirectory(atPath: full, withIntermediateDirectories: true)
      case .symlink(let target): try fm.createSymbolicLink(atPath: full, withDestinationPath: target)
      }
    }
  }

  /// A root with the standard city.yaml and one office `amt-1` (standard office.yaml and projects.csv),
  /// where `office` adds or replaces files of the office folder and `extra` adds or replaces files
  /// anywhere under the root. A `nil` value removes a standard file.
  convenience init(office: [String: FileContent?] = [:], extra: [String: FileContent?] = [:]) throws {
    var files: [String: FileContent] = [
      "city.yaml": .text(TestRoot.cityYAML),
      "offices/amt-1/office.yaml": .text(TestRoot.officeYAML),
      "offices/amt-1/projects.csv": .text(TestRoot.projectsCSV),
    ]
    for (name, content) in office { files["offices/amt-1/" + name] = content }
    for (name, content) in extra { files[name] = content }
    try self.init(files.compactMapValues { $0 })
  }

  /// A root written by ``FeedGenerator`` (in the German dialect) and its last day.
  static func generated(seed: UInt64, offices: Int, projects: Int, items: Int, services: Int, weeks: Int) throws
    -> (TestRoot, Day)
  {
    var o = FeedGenerator.Options()
    (o.offices, o.projects, o.items, o.services, o.weeks) = (offices, projects, items, services, weeks)
    o.german = true
    o.seed = seed
    let root = try TestRoot([:])
    try FeedGenerator(options: o).write(to: root.path)
    return (root, o.until)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Loads the root as of ``asOf``; every diagnostic must have a German text of its own (so every feed
  /// test checks that its problems are reported in German too, see GermanDiagnosticsTests).
  func load(
    asOf: Day = TestRoot.asOf, parallel: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> LoadResult {
    let result = try FeedLoader(root: path, asOf: asOf, parallel: parallel).load()
    for d in result.diagnostics {
      let german = d.german ?? ""
      #expect(
        !german.isEmpty && german != d.message, "no German text of its own: \(d.description)",
        sourceLocation: sourceLocation)
    }
    return result
  }

  /// All regular files under the root, by path relative to it, with their bytes.
  func contents() throws -> [String: [UInt8]] {
    let folder = path
    var out: [String: [UInt8]] = [:]
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: folder) else { return out }
    while let relative = walker.nextObject() as? String {
      var isDirectory: ObjCBool = false
      if fm.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
        out[relative] = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + relative)))
      }
    }
    return out
  }
}

extension LoadResult {
  /// The diagnostics of one file (path relative to the root).
  func diagnostics(file: String) -> [Diagnostic] { diagnostics.filter { $0.file == file } }

  /// The statistics of one file (path relative to the root).
  func stats(_ path: String) -> FileStats? { files.first { $0.path == path } }

  /// The office with this id.
  func office(_ id: String) -> Office? { dataSet.offices.first { $0.id == id } }

  /// Errors and warnings (notes left out).
  var problems: [Diagnostic] { diagnostics.filter { $0.severity != .note } }
}

/// The UTF-8 bytes of a string, for parser calls.
func withBytes<T>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
  var s = s
  return s.withUTF8(body)
}

/// A day from a literal, for expectations.
func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
