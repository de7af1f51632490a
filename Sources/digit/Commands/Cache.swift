import ArgumentParser
import DigITCore
import DigITFeeds

extension Digit {
  /// `digit cache`: the parsed-feed cache (where it is, clearing it).
  struct Cache: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The parsed-feed and result cache: where it is, and clearing it.",
      discussion: """
        Every command that reads a data root keeps, per feed file, what reading it gave in \
        $XDG_CACHE_HOME/digit/feeds (else ~/.cache/digit/feeds), and reads an unchanged file from there \
        instead of parsing it again. An entry is used only for the same file (device, inode, size, \
        modification and change time), the same build of digit and the same context; the cache never \
        changes a figure. `digit summary` also keeps its whole output there, and the dashboard the facts \
        of its first report, used again only while the build, the options (today's date without --as-of) \
        and every name and file of the data root (device, inode, size, modification and change time) are \
        unchanged. --no-cache or DIGIT_CACHE=off \
        turn both off; DIGIT_CACHE=feeds keeps the parsed feeds only.
        """,
      subcommands: [Clear.self, Path.self]
    )

    /// `digit cache clear`.
    struct Clear: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Remove every entry of the parsed-feed and result cache.")

      mutating func run() throws {
        guard let folder = FeedCache.defaultFolder() else {
          printError("error: no cache folder: neither XDG_CACHE_HOME nor HOME is set to an absolute path")
          throw ExitCode(1)
        }
        let removed = FeedCache(folder: folder).clear()
        print("\(removed) \(removed == 1 ? "entry" : "entries") removed from \(Inert.text(folder))")
      }
    }

    /// `digit cache path`.
    struct Path: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Print the folder of the parsed-feed cache.")

      mutating func run() throws {
        guard let folder = FeedCache.defaultFolder() else {
          printError("error: no cache folder: neither XDG_CACHE_HOME nor HOME is set to an absolute path")
          throw ExitCode(1)
        }
        print(Inert.text(folder))
      }
    }
  }
}
