import DigITCore
import DigITDashboard
import DigITFeeds
import DigITMetrics
import DigITTestSupport
import Foundation
import Synchronization
import Testing

/// The dashboard's loop through the recording terminal and a fake clock: polling and reload, data kept
/// when files change while they are read, resize, suspend and continue, signals and quitting — each in
/// milliseconds (the tmux tests keep a few of these as the end-to-end proof).
@Suite struct RuntimeTests {
  /// A copy of Sample-Data in a temporary folder, removed by `body`'s end.
  static func withSampleCopy(_ body: (String) throws -> Void) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("digit-runtime-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = dir.appendingPathComponent("data").path
    try FileManager.default.copyItem(atPath: Sample.root, toPath: root)
    try body(root)
  }

  static func harness(_ root: String, load: (@Sendable (LoadResult, Set<String>) throws -> LoadResult)? = nil) throws
    -> DashboardHarness
  {
    try DashboardHarness(
      root: root, asOf: Sample.asOf, dashboards: Sample.dashboards, snapshots: root + "/../Snapshots", width: 120,
      height: 40, load: load)
  }

  /// Renames the sample's Bürgeramt in its office.yaml (a change a poll must see).
  static func renameBuergeramt(_ root: String, to name: String) throws {
    let path = root + "/offices/buergeramt/office.yaml"
    let text = try String(contentsOfFile: path, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map { $0.hasPrefix("name:") ? "name: \(name)" : String($0) }.joined(separator: "\n")
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    // A new modification time even on file systems with coarse timestamps.
    try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: path)
  }

  @Test func theFirstFrameIsDrawnAndQIsTheEnd() throws {
    try Self.withSampleCopy { root in
      let h = try Self.harness(root)
      #expect(h.press(.char("q")) == .quit)
      #expect(h.terminal.frames.count == 1)
      #expect(h.terminal.frames[0].description.contains("DigIT-Koordination"))
    }
  }

  /// `run()` draws the first frame before it hands any work to the background (on two cores, sorting
  /// the tabs and preparing the week before would compete with the first frame).
  @Test func theFirstFrameComesBeforeAnyBackgroundWork() throws {
    try Self.withSampleCopy { root in
      let h = try Self.harness(root)
      var framesAtHandOver: [Int] = []
      let terminal = h.terminal
      h.background.onHandOver = { framesAtHandOver.append(terminal.frames.count) }
      h.terminal.script = [.key(.char("q"))]
      #expect(h.runtime.run() == .quit)
      #expect(!framesAtHandOver.isEmpty)
      #expect(framesAtHandOver.allSatisfy { $0 >= 1 }, "frames drawn when work was handed over: \(framesAtHandOver)")
    }
  }

  @Test func aChangedFileIsReadAtTheNextPollAndNotBefore() throws {
    try Self.withSampleCopy { root in
      let h = try Self.harness(root)
      h.turn()
      h.settle()  // the briefing's stored weeks, read at the first turn
      h.press(.char("2"))  // the overview, where every office is listed
      try Self.renameBuergeramt(root, to: "Bürgerbüro Mitte")
      h.wait(1.0)  // before the poll interval: no scan
      #expect(!h.background.hasWork)
      h.wait(1.5)  // now the poll starts in the background
      #expect(h.state.jobRunning)
      #expect(h.background.hasWork)
      h.settle()
      #expect(!h.state.jobRunning)
      #expect(h.state.report.data.offices.contains { $0.name == "Bürgerbüro Mitte" })
      #expect(h.state.notice?.hasPrefix("geändert: offices/buergeramt/office.yaml") == true)
      #expect(h.terminal.frames.last!.description.contains("Bürgerbüro Mitte"))
    }
  }

  @Test func theFilesModificationTimesComeFromTheScan() throws {
    try Self.withSampleCopy { root in
      let h = try Self.harness(root)
      let path = "offices/buergeramt/office.yaml"
      #expect(h.state.fileTimes[path] != nil)
      #expect(h.state.fileTimes.count > 50)
      try Self.renameBuergeramt(root, to: "Bürgerbüro Ost")
      // 20.11.2026 14:03 UTC (the harness shows UTC).
      let stamp = Date(timeIntervalSince1970: 1_795_183_380)
      try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: root + "/" + path)
      h.wait(2.5)
      h.settle()
      #expect(h.state.fileTimes[path] == FileTime(day: Day(year: 2026, month: 11, day: 20)!, hour: 14, minute: 3))
    }
  }

  @Test func aPollWithoutChangesRereadsNothing() throws {
    try Self.withSampleCopy { root in
      let loads = Mutex(0)
      let h = try Self.harness(root) { previous, unchanged in
        loads.withLock { $0 += 1 }
        return try FeedLoader(root: root, asOf: Sample.asOf, checksums: true).load(
          reusing: previous, unchanged: unchanged)
      }
      let generation = h.state.generation
      h.wait(2.5)
      h.settle()
      #expect(loads.withLock { $0 } == 0)
      #expect(h.state.generation == generation)
      #expect(!h.state.jobRunning)
    }
  }

  @Test func filesChangingWhileTheyAreReadKeepTheLastDataAndAreReadAgain() throws {
    try Self.withSampleCopy { root in
      let calls = Mutex(0)
      let h = try Self.harness(root) { previous, unchanged in
        let n = calls.withLock {
          $0 += 1
          return $0
        }
        let load = try FeedLoader(root: root, asOf: Sample.asOf, checksums: true).load(
          reusing: previous, unchanged: unchanged)
        // The first read sees a file that an office's export is still writing.
        if n == 1 { try Self.renameBuergeramt(root, to: "Bürgerbüro Süd") }
        return load
      }
      try Self.renameBuergeramt(root, to: "Bürgerbüro Nord")
      h.wait(2.5)
      h.settle()
      #expect(h.state.noticeIsError)
      #expect(h.state.notice == Words.changedWhileReading(.de))
      #expect(h.state.report.data.offices.contains { $0.name == "Bürgeramt" })  // the last data stays
      h.wait(2.5)  // the next poll sees the change again and reads it
      h.settle()
      #expect(calls.withLock { $0 } == 2)
      #expect(
        h.state.report.data.offices.contains { $0.name == "Bürgerbüro Süd" },
        "\(h.state.report.data.offices.map(\.name)) \(h.state.notice ?? "")")
      #expect(!h.state.noticeIsError)
    }
  }

  @Test func rWhileAJobRunsReloadsWhenItEnds() throws {
    try Self.withSampleCopy { root in
      let loads = Mutex(0)
      let h = try Self.harness(root) { previous, unchanged in
        loads.withLock { $0 += 1 }
        return try FeedLoader(root: root, asOf: Sample.asOf, checksums: true).load(
          reusing: previous, unchanged: unchanged)
      }
      h.press(.char("r"))
      #expect(h.state.jobRunning)
      h.press(.char("r"))  // while the first runs
      #expect(h.state.reloadRequested)
      h.settle()
      #expect(loads.withLock { $0 } == 2)
      #expect(!h.state.jobRunning && !h.state.reloadRequested)
      #expect(h.state.notice == "neu geladen")
    }
  }

  @Test func aFailedReloadIsShownInTheUILanguage() throws {
    try Self.withSampleCopy { root in
      let h = try Self.harness(root) { _, _ in throw FeedRootError(root: root, reason: .missing) }
      h.press(.char("r"))
      h.settle()
      #expect(h.state.noticeIsError)
      #expect(h.state.notice?.hasPrefix(Words.reloadFailed(.de)) == true)
    }
  }

  @Test func aResizeRedrawsWholeAtTheNewSize() throws {
    try Self.withSampleCopy { root in
      let h = try Self.harness(root)
      h.turn()
      let invalidated = h.terminal.invalidated
      h.terminal.resize(width: 80, height: 24)
      h.turn()
      h.turn()
      #expect(h.terminal.invalidated == invalidated + 1)
      #expect(h.state.width == 80 && h.state.height == 24)
      #expect(h.terminal.frames.last!.width == 80 && h.terminal.frames.last!.height == 24)
    }
  }

  @Test func suspendHandsTheTerminalBackAndContinueRedrawsEverything() throws {
    try Self.withSampleCopy { root in
      let h = try Self.harness(root)
      h.turn()
      let frames = h.terminal.frames.count
      h.turn([.suspend])
      #expect(h.terminal.suspended == 1)
      h.terminal.width = 100  // the window changed while stopped
      h.turn([.continued])
      #expect(h.terminal.resumed == 1)
      h.turn()
      #expect(h.terminal.frames.count > frames)
      #expect(h.terminal.frames.last!.width == 100)
    }
  }

  @Test func signalsAndHangupEndTheLoop() throws {
    try Self.withSampleCopy { root in
      let h = try Self.harness(root)
      #expect(h.turn([.key(.down), .stop(15), .key(.down)]) == .signal(15))
      // Keys before the signal were applied, none after: the Lage's first item (below its heading), one down.
      #expect(h.state.top.selection == 2)
      #expect(h.turn([.hangup]) == .hangup)
      #expect(h.press(.interrupt) == .quit)
    }
  }

  @Test func keysFasterThanFramesAreAppliedTogether() throws {
    try Self.withSampleCopy { root in
      let h = try Self.harness(root)
      h.turn()
      let frames = h.terminal.frames.count
      var expected = h.state
      for _ in 0..<5 { reduce(&expected, .key(.down)) }
      #expect(expected.top.selection >= 5)
      h.terminal.type(Array(repeating: .down, count: 5))
      h.turn()
      h.turn()
      #expect(h.state.top.selection == expected.top.selection)
      #expect(h.terminal.frames.count == frames + 1)
    }
  }

  @Test func sendDeliversAnActionFromAnotherThread() throws {
    try Self.withSampleCopy { root in
      let h = try Self.harness(root)
      let send = h.runtime.sender
      let t = Thread { send(.reloadFailed("von außen")) }
      t.start()
      while !t.isFinished { usleep(1000) }
      h.turn()
      #expect(h.state.notice == "von außen")
    }
  }
}
