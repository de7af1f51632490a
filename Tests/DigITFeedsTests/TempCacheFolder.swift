import Foundation

/// A fresh cache folder (`…/feeds`) under /tmp, never the user's, removed with its parent when the value
/// goes away: the parsed-feed cache's and the result cache's tests make their caches in it.
final class TempCacheFolder {
  let folder: String

  init(prefix: String) throws {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      throw CocoaError(.fileWriteUnknown)
    }
    folder = String(cString: made) + "/feeds"
  }

  deinit {
    _ = chmod(folder, 0o700)
    try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent)
  }

  /// The names of the files in the folder that end with `suffix`, sorted.
  func entries(endingWith suffix: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
  }
}
