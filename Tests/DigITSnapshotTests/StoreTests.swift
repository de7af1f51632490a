import DigITCore
import DigITMetrics
import Foundation
import Synchronization
import Testing

@testable import DigITSnapshot

/// The week folder appears complete or not at all; an existing one is replaced only when asked, and
/// atomically; failures leave the previous snapshot and no temporary files.
@Suite struct StoreTests {
  let week = ISOWeek(year: 2026, week: 47)!

  func items(_ tag: String, failAt: Int? = nil) -> [SnapshotStore.Item] {
    (0..<4).map { i in
      SnapshotStore.Item(name: "file\(i).txt") {
        if i == failAt { throw StoreError(.content, "the writer failed") }
        return Array("\(tag) \(i)\n".utf8)
      }
    }
  }

  @Test func writesAllFilesAndNoTemporaryOnes() throws {
    let out = Fixture.temporaryFolder()
    let paths = try SnapshotStore(folder: out).write(week, items: items("a"), replace: false)
    #expect(paths == (0..<4).map { "\(out)/2026-W47/file\($0).txt" })
    #expect(Fixture.tree(out) == ["2026-W47"] + (0..<4).map { "2026-W47/file\($0).txt" })
    #expect(Fixture.bytes(out + "/2026-W47/file2.txt") == Array("a 2\n".utf8))
  }

  @Test func anItemThatUsesAllCoresIsMadeFirstAndAlone() throws {
    let out = Fixture.temporaryFolder()
    let log = Mutex<[String]>([])
    func item(_ name: String, allCores: Bool) -> SnapshotStore.Item {
      SnapshotStore.Item(name: name, usesAllCores: allCores) {
        log.withLock { $0.append("\(name) start") }
        usleep(30_000)  // long enough that another item started meanwhile would show in the log
        log.withLock { $0.append("\(name) end") }
        return Array(name.utf8)
      }
    }
    // The item that uses all cores is not the first in the list; it is made first all the same.
    let items = [item("a.csv", allCores: false), item("snapshot.json", allCores: true), item("b.csv", allCores: false)]
    let paths = try SnapshotStore(folder: out).write(week, items: items, replace: false)
    let events = log.withLock { $0 }
    #expect(Array(events.prefix(2)) == ["snapshot.json start", "snapshot.json end"])
    #expect(Set(events.dropFirst(2)) == ["a.csv start", "a.csv end", "b.csv start", "b.csv end"])
    // The files keep the order of the items.
    #expect(paths == ["a.csv", "snapshot.json", "b.csv"].map { "\(out)/2026-W47/\($0)" })
    #expect(Fixture.bytes(out + "/2026-W47/snapshot.json") == Array("snapshot.json".utf8))
  }

  @Test func createsTheOutFolderAndItsParents() throws {
    let out = Fixture.temporaryFolder() + "/deep/er/Snapshots"
    try SnapshotStore(folder: out).write(week, items: items("a"), replace: false)
    #expect(Fixture.tree(out).count == 5)
  }

  @Test func anExistingWeekIsNotOverwrittenWithoutReplace() throws {
    let out = Fixture.temporaryFolder()
    let store = SnapshotStore(folder: out)
    try store.write(week, items: items("old"), replace: false)
    #expect { try store.write(week, items: items("new"), replace: false) } throws: {
      ($0 as? StoreError)?.kind == .exists
    }
    #expect(Fixture.bytes(out + "/2026-W47/file0.txt") == Array("old 0\n".utf8))
    #expect(Fixture.tree(out).filter { $0.hasPrefix(".") }.isEmpty)
  }

  @Test func replaceSwapsTheWholeFolder() throws {
    let out = Fixture.temporaryFolder()
    let store = SnapshotStore(folder: out)
    try store.write(week, items: items("old") + [SnapshotStore.Item(name: "extra.txt") { [1] }], replace: false)
    try store.write(week, items: items("new"), replace: true)
    #expect(Fixture.tree(out) == ["2026-W47"] + (0..<4).map { "2026-W47/file\($0).txt" })
    #expect(Fixture.bytes(out + "/2026-W47/file3.txt") == Array("new 3\n".utf8))
  }

  @Test(arguments: [0, 2, 3]) func aFailureMidwayKeepsThePreviousSnapshotAndLeavesNothing(failAt: Int) throws {
    let out = Fixture.temporaryFolder()
    let store = SnapshotStore(folder: out)
    try store.write(week, items: items("old"), replace: false)
    let before = Fixture.tree(out).map { ($0, Fixture.bytes("\(out)/\($0)")) }
    #expect { try store.write(week, items: items("new", failAt: failAt), replace: true) } throws: {
      ($0 as? StoreError)?.description == "file\(failAt).txt: the writer failed"
    }
    let after = Fixture.tree(out).map { ($0, Fixture.bytes("\(out)/\($0)")) }
    #expect(before.map(\.0) == after.map(\.0))
    #expect(before.map(\.1) == after.map(\.1))
  }

  @Test func aFailedFirstExportLeavesNoWeekFolder() throws {
    let out = Fixture.temporaryFolder()
    #expect(throws: StoreError.self) {
      try SnapshotStore(folder: out).write(week, items: items("new", failAt: 1), replace: false)
    }
    #expect(Fixture.tree(out).isEmpty)
  }

  @Test func stagingFoldersOfAKilledExportAreCleanedUp() throws {
    let out = Fixture.temporaryFolder()
    // A process id that is not running (above the kernel's pid_max default).
    let stale = out + "/.2026-W47.tmp-99999999-1"
    try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
    try Data("half".utf8).write(to: URL(fileURLWithPath: stale + "/snapshot.json"))
    try SnapshotStore(folder: out).write(week, items: items("a"), replace: false)
    #expect(!FileManager.default.fileExists(atPath: stale))
  }

  @Test func anUnwritableOutFolderIsAClearError() throws {
    let file = Fixture.temporaryFolder() + "/a-file"
    try Data().write(to: URL(fileURLWithPath: file))
    #expect { try SnapshotStore(folder: file).write(week, items: items("a"), replace: false) } throws: {
      ($0 as? StoreError)?.description == "\(file) is not a folder"
    }
  }

  @Test(.enabled(if: geteuid() != 0, "root may write into read-only folders"))
  func aReadOnlyOutFolderKeepsThePreviousSnapshot() throws {
    let out = Fixture.temporaryFolder()
    let store = SnapshotStore(folder: out)
    try store.write(week, items: items("old"), replace: false)
    chmod(out, 0o555)
    defer { chmod(out, 0o755) }
    #expect { try store.write(week, items: items("new"), replace: true) } throws: { ($0 as? StoreError)?.kind == .io }
    #expect(Fixture.bytes(out + "/2026-W47/file0.txt") == Array("old 0\n".utf8))
  }

  @Test func listsStoredWeeksNewestFirst() throws {
    let out = Fixture.temporaryFolder()
    let store = SnapshotStore(folder: out)
    try store.write(ISOWeek(year: 2026, week: 46)!, items: items("a"), replace: false)
    try store.write(week, items: items("b"), replace: false)
    try FileManager.default.createDirectory(atPath: out + "/not-a-week", withIntermediateDirectories: true)
    let weeks = store.weeks()
    #expect(weeks.map(\.week.description) == ["2026-W47", "2026-W46"])
    #expect(weeks[0].files == ["file0.txt", "file1.txt", "file2.txt", "file3.txt"])
    #expect(weeks[0].bytes == 4 * 4)
    #expect(SnapshotStore(folder: out + "/missing").weeks().isEmpty)
  }

  @Test func weekNames() {
    #expect(SnapshotStore.week("2026-W47") == ISOWeek(year: 2026, week: 47))
    #expect(SnapshotStore.week("2026-W54") == nil)
    #expect(SnapshotStore.week("2026-47") == nil)
    #expect(SnapshotStore.week(".2026-W47.tmp-1-1") == nil)
  }
}

@Suite struct StoreEdgeTests {
  let week = ISOWeek(year: 2026, week: 47)!
  let items = [SnapshotStore.Item(name: "snapshot.json") { Array("{}\n".utf8) }]

  @Test func aFileAtTheWeeksPathIsNeverReplaced() throws {
    let out = Fixture.temporaryFolder()
    try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/2026-W47"))
    for replace in [false, true] {
      #expect { try SnapshotStore(folder: out).write(week, items: items, replace: replace) } throws: {
        ($0 as? StoreError)?.description == "\(out)/2026-W47 exists and is not a folder; move it away first"
      }
    }
    #expect(Fixture.bytes(out + "/2026-W47") == Array("mine".utf8))
    #expect(Fixture.tree(out) == ["2026-W47"])
  }

  @Test func anOldWeekMovedAsideByAKilledReplaceIsPutBack() throws {
    let out = Fixture.temporaryFolder()
    let aside = out + "/.2026-W47.tmp-99999999-1.old"
    try FileManager.default.createDirectory(atPath: aside, withIntermediateDirectories: true)
    try Data("old".utf8).write(to: URL(fileURLWithPath: aside + "/snapshot.json"))
    // The next export of the week finds it, puts it back, and (without --force) refuses to replace it.
    #expect { try SnapshotStore(folder: out).write(week, items: items, replace: false) } throws: {
      ($0 as? StoreError)?.kind == .exists
    }
    #expect(Fixture.bytes(out + "/2026-W47/snapshot.json") == Array("old".utf8))
    #expect(Fixture.tree(out) == ["2026-W47", "2026-W47/snapshot.json"])
  }

  @Test func theExistsMessageNamesTheStoredDay() throws {
    let out = Fixture.temporaryFolder()
    let store = SnapshotStore(folder: out)
    try store.write(
      week, items: [SnapshotStore.Item(name: "snapshot.json") { Array("{\n  \"as_of\": \"2026-11-19\",\n".utf8) }],
      replace: false)
    #expect { try store.write(week, items: items, replace: false) } throws: {
      ($0 as? StoreError)?.description == "\(out)/2026-W47 exists already (as of 2026-11-19); use --force to replace it"
    }
  }
}
