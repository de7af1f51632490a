import DigITCore
import DigITFeeds
import DigITMetrics
import DigITTestSupport
import Foundation
import Testing

@testable import DigITDashboard
@testable import DigITSnapshot

/// `e` (export the week, asking before replacing a stored one), `w` (the stored weeks) and the Snapshots
/// screen: reducer cases, the background jobs on a temporary folder, and golden screens of fixed data.
@Suite struct SnapshotScreenTests {
  /// The sample's report week as of Monday 2026-11-23: the last complete week, 2026-W47.
  static let week = ISOWeek(year: 2026, week: 47)!

  /// A fresh, empty temporary folder, removed by `body`'s end.
  static func withFolder(_ body: (String) throws -> Void) rethrows {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("digit-snapshots-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try body(dir.path)
  }

  /// Two stored weeks, built by hand so that the goldens do not depend on any file system.
  static let stored = [
    SnapshotStore.StoredWeek(
      week: ISOWeek(year: 2026, week: 48)!, path: "Snapshots/2026-W48",
      files: ["offices.csv", "projects.csv", "report.html", "services.csv", "snapshot.json", "summary.md"],
      bytes: 380_928),
    SnapshotStore.StoredWeek(
      week: ISOWeek(year: 2026, week: 47)!, path: "Snapshots/2026-W47",
      files: ["offices.csv", "projects.csv", "services.csv", "summary.md"], bytes: 1_572_864),
  ]

  static let result = Exporter.Result(
    week: ISOWeek(year: 2026, week: 48)!, folder: "Snapshots/2026-W48",
    paths: ["snapshot.json", "summary.md", "offices.csv", "projects.csv", "services.csv", "report.html"].map {
      "Snapshots/2026-W48/" + $0
    },
    replaced: false, against: .snapshot, againstWeek: "2026-W47", againstAsOf: "2026-11-22")

  func state(folder: String = "Snapshots", language: Language = .de) -> AppState {
    var s = Sample.state(language: language)
    s.snapshotFolder = folder
    return s
  }

  // MARK: - e

  /// The sample city in the runtime, with its snapshots in `folder`.
  func harness(folder: String, language: Language = .de) throws -> DashboardHarness {
    try DashboardHarness(
      root: Sample.root, asOf: Sample.asOf, dashboards: Sample.dashboards, snapshots: folder, language: language,
      width: 120, height: 40)
  }

  @Test func eExportsAWeekThatIsNotStoredYet() throws {
    try Self.withFolder { folder in
      let h = try harness(folder: folder)
      h.press(.char("e"))
      #expect(h.state.exporting)
      h.background.runAll()  // is the week stored? no
      h.turn()
      #expect(h.state.confirmingReplace == nil)
      #expect(h.screen.lines[2].contains("Exportiere KW 47/2026 …"))
      // A second `e` while it runs starts nothing.
      h.press(.char("e"))
      h.settle()
      #expect(!h.state.exporting)
      #expect(h.state.notice == "Snapshot KW 47/2026 geschrieben (6 Dateien)")
      #expect(FileManager.default.fileExists(atPath: folder + "/2026-W47/snapshot.json"))
      #expect(h.state.lastExport.map { if case .written(let r) = $0 { !r.replaced } else { false } } == true)
    }
  }

  @Test func eAsksBeforeReplacingAStoredWeekAndJReplaces() throws {
    try Self.withFolder { folder in
      try FileManager.default.createDirectory(atPath: folder + "/2026-W47", withIntermediateDirectories: false)
      let h = try harness(folder: folder)
      h.press(.char("e"))
      h.settle()
      #expect(h.state.confirmingReplace == Self.week)
      #expect(h.screen.lines.last!.contains("Snapshot KW 47/2026 gibt es schon – ersetzen? j/n"))
      let selection = h.state.top.selection
      h.press(.char("j"))
      #expect(h.state.confirmingReplace == nil)
      #expect(h.state.stack.count == 1)  // `j` answered; it did not move the selection
      #expect(h.state.top.selection == selection)
      h.settle()
      #expect(h.state.notice == "Snapshot KW 47/2026 ersetzt (6 Dateien)")
      #expect(FileManager.default.fileExists(atPath: folder + "/2026-W47/snapshot.json"))
    }
  }

  @Test func nOrEscapeKeepsTheStoredWeek() throws {
    try Self.withFolder { folder in
      try FileManager.default.createDirectory(atPath: folder + "/2026-W47", withIntermediateDirectories: false)
      for key in [Key.char("n"), .escape] {
        let h = try harness(folder: folder)
        h.press(.char("e"))
        h.settle()
        h.press(key)
        h.settle()
        #expect(h.state.confirmingReplace == nil)
        #expect(!h.state.exporting)
        #expect(h.state.notice == "Snapshot KW 47/2026 nicht exportiert")
        #expect(h.state.stack.count == 1)  // Esc answered the question; it did not go back
        #expect(!h.screen.lines.last!.contains("ersetzen?"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/2026-W47").isEmpty)
      }
    }
  }

  @Test func inEnglishTheQuestionTakesY() throws {
    try Self.withFolder { folder in
      try FileManager.default.createDirectory(atPath: folder + "/2026-W47", withIntermediateDirectories: false)
      let h = try harness(folder: folder, language: .en)
      h.press(.char("e"))
      h.settle()
      #expect(h.screen.lines.last!.contains("Snapshot W47 2026 exists – replace? y/n"))
      h.press(.char("y"))
      #expect(h.state.notice == "Exporting W47 2026 …")
    }
  }

  // MARK: - Results

  @Test func anExportOpensTheSnapshotsScreenWithTheWrittenPaths() {
    var s = state()
    Sample.press([.down, .enter], &s)  // on an office
    let office = s.top.screen
    reduce(&s, .key(.char("e")))
    #expect(reduce(&s, .exported(Self.result)) == .listSnapshots)
    #expect(!s.exporting)
    #expect(s.top.screen == .snapshots)
    #expect(s.stack.count == 3)
    #expect(s.notice == "Snapshot KW 48/2026 geschrieben (6 Dateien)")
    let text = Renderer.render(s).description
    for path in Self.result.paths { #expect(text.contains(path)) }
    #expect(text.contains("Änderungen gegenüber dem Snapshot KW 47/2026"))
    // Esc goes back to where the export was started.
    Sample.press([.escape], &s)
    #expect(s.top.screen == office)
  }

  @Test func aFailedExportIsShownInTheHeaderAndOnTheScreen() {
    var s = state()
    reduce(&s, .key(.char("e")))
    let message = "Snapshots/.2026-W48.tmp-1-1/report.html: cannot write: no space left on the device"
    #expect(reduce(&s, .exportFailed(message)) == .listSnapshots)
    #expect(!s.exporting)
    #expect(s.noticeIsError)
    #expect(s.top.screen == .snapshots)
    let screen = Renderer.render(s)
    #expect(screen.lines[2].contains("Export fehlgeschlagen: Snapshots/.2026-W48.tmp-1-1/report.html"))
    let header = screen.lines[2]
    let x = header.distance(from: header.startIndex, to: header.range(of: "Export fehlgeschlagen")!.lowerBound)
    #expect(screen[x, 2].style.role == .error)
    #expect(screen.lines[3].contains("Export fehlgeschlagen"))
    #expect(screen.description.contains("no space left on the device"))
  }

  @Test func wOpensTheSnapshotsAndEscapeGoesBack() {
    var s = state()
    Sample.press([.down, .down, .down, .enter], &s)
    let office = s.top.screen
    #expect(reduce(&s, .key(.char("w"))) == .listSnapshots)
    #expect(s.top.screen == .snapshots)
    #expect(Renderer.render(s).description.contains("wird gelesen …"))
    // `w` again only reads the folder again.
    #expect(reduce(&s, .key(.char("w"))) == .listSnapshots)
    #expect(s.stack.count == 3)
    reduce(&s, .snapshotsListed(.success(Self.stored)))
    #expect(Focus.of(s.top, in: s).rows == [.storedWeek(0), .storedWeek(1)])
    Sample.press([.escape], &s)
    #expect(s.top.screen == office)
  }

  @Test func theSelectedWeekStaysSelectedWhenTheListChanges() {
    var s = state()
    reduce(&s, .key(.char("w")))
    reduce(&s, .snapshotsListed(.success(Self.stored)))
    Sample.press([.down], &s)
    #expect(s.top.selection == 1)
    var newer = Self.stored[0]
    newer.week = ISOWeek(year: 2026, week: 49)!
    reduce(&s, .snapshotsListed(.success([newer] + Self.stored)))
    #expect(s.top.selection == 2)
    #expect(Rows.name(Focus.of(s.top, in: s).rows[s.top.selection], state: s) == "KW 47/2026")
  }

  @Test func theKeysAreInTheHelpAndTheFooter() {
    var s = state()
    #expect(KeyMap.footer(for: s).contains("e exportieren · w Snapshots"))
    Sample.press([.char("?")], &s)
    let lines = Focus.of(s.top, in: s).rows.map { Rows.name($0, state: s) }
    #expect(lines.contains { $0.hasPrefix("e ") && $0.contains("als Snapshot exportieren") })
    #expect(lines.contains { $0.hasPrefix("w ") && $0.contains("Wochen-Snapshots") })
  }

  // MARK: - Jobs

  /// `e` records the week in history.sqlite too; when that fails, the week is written all the same and
  /// the notice says the history was not updated (in the UI language), not an error.
  @Test func theExportJobSaysWhenTheHistoryCouldNotBeWritten() throws {
    try Self.withFolder { folder in
      try FileManager.default.createDirectory(atPath: folder + "/history.sqlite", withIntermediateDirectories: true)
      let (load, report) = Sample.loaded
      guard
        case .exported(let result) = SnapshotJobs.export(
          load: load, report: report, root: Sample.root, folder: folder, language: .de, generatedAt: nil, replace: false
        )
      else {
        Issue.record("expected .exported")
        return
      }
      #expect(FileManager.default.fileExists(atPath: folder + "/2026-W47/snapshot.json"))
      guard case .failure(let error)? = result.history else {
        Issue.record("expected a failed history write")
        return
      }
      var s = state(folder: folder)
      _ = reduce(&s, .exported(result))
      #expect(
        s.notice?.hasSuffix("; history.sqlite nicht aktualisiert: \(error.description)") == true, "\(s.notice ?? "")")
      #expect(!s.noticeIsError)
    }
  }

  @Test func theExportJobWritesTheWeekAndRefusesToOverwriteIt() {
    Self.withFolder { folder in
      let (load, report) = Sample.loaded
      guard
        case .exported(let result) = SnapshotJobs.export(
          load: load, report: report, root: Sample.root, folder: folder, language: .de, generatedAt: nil, replace: false
        )
      else {
        Issue.record("expected .exported")
        return
      }
      #expect(result.week == Self.week)
      #expect(result.folder == folder + "/2026-W47")
      #expect(result.paths.contains(folder + "/2026-W47/snapshot.json"))
      #expect(result.paths.allSatisfy { FileManager.default.fileExists(atPath: $0) })
      #expect(!result.replaced)
      guard
        case .exportFailed(let message) = SnapshotJobs.export(
          load: load, report: report, root: Sample.root, folder: folder, language: .de, generatedAt: nil, replace: false
        )
      else {
        Issue.record("expected .exportFailed")
        return
      }
      #expect(message.contains("exists already"))
      guard
        case .exported(let again) = SnapshotJobs.export(
          load: load, report: report, root: Sample.root, folder: folder, language: .de, generatedAt: nil, replace: true)
      else {
        Issue.record("expected .exported")
        return
      }
      #expect(again.replaced)
      guard case .snapshotsListed(.success(let weeks)) = SnapshotJobs.list(folder: folder) else {
        Issue.record("expected a listing")
        return
      }
      #expect(weeks.map(\.week) == [Self.week])
      #expect(weeks[0].hasJSON)
      #expect(weeks[0].files.count == result.paths.count)
    }
  }

  @Test func aWeekWhoseSnapshotJSONIsBrokenIsListedAsUnreadable() throws {
    try Self.withFolder { folder in
      try TimeTravelTests.exportWeeks(root: Sample.root, snapshots: folder, weeksBack: [1, 2])
      // Both readable; checked once, a file not changed since is not read again, a changed one is.
      guard case .snapshotsListed(.success(let before)) = SnapshotJobs.list(folder: folder) else {
        Issue.record("expected a listing")
        return
      }
      #expect(before.map(\.problem) == [nil, nil])
      let broken = folder + "/2026-W45/snapshot.json"
      let text = try String(contentsOfFile: broken, encoding: .utf8)
      try text.prefix(text.count / 2).write(toFile: broken, atomically: false, encoding: .utf8)
      guard case .snapshotsListed(.success(let weeks)) = SnapshotJobs.list(folder: folder) else {
        Issue.record("expected a listing")
        return
      }
      #expect(weeks.map(\.week.week) == [46, 45])
      #expect(weeks[0].problem == nil)
      #expect(weeks[1].problem?.contains("2026-W45/snapshot.json") == true)
      var s = state()
      reduce(&s, .key(.char("w")))
      reduce(&s, .snapshotsListed(.success(weeks)))
      let lines = Renderer.render(s).description.split(separator: "\n")
      let w45 = try #require(lines.first { $0.contains("KW 45/2026") })
      #expect(w45.contains("⚠ unlesbar"))
      #expect(!w45.contains("✓"))
      #expect(w45.contains("snapshot.json:"))
      #expect(lines.first { $0.contains("KW 46/2026") }?.contains("✓") == true)
      // What was found about a file that has not changed since is taken as it was (not read again).
      let w46 = folder + "/2026-W46/snapshot.json"
      let key = try #require(FileKey(path: w46))
      SnapshotStore.checks.withLock { $0[w46] = (key, "found before") }
      guard case .snapshotsListed(.success(let again)) = SnapshotJobs.list(folder: folder) else {
        Issue.record("expected a listing")
        return
      }
      #expect(again.map(\.problem) == ["found before", weeks[1].problem])
    }
  }

  @Test func aFolderThatIsAFileFailsToListAndToExport() throws {
    try Self.withFolder { dir in
      let file = dir + "/not-a-folder"
      try Data("x".utf8).write(to: URL(fileURLWithPath: file))
      guard case .snapshotsListed(.failure(let error)) = SnapshotJobs.list(folder: file) else {
        Issue.record("expected a failure")
        return
      }
      #expect(error.description == "\(file) is not a folder")
      let (load, report) = Sample.loaded
      guard
        case .exportFailed(let message) = SnapshotJobs.export(
          load: load, report: report, root: Sample.root, folder: file, language: .de, generatedAt: nil, replace: false)
      else {
        Issue.record("expected .exportFailed")
        return
      }
      #expect(message.contains("not a folder"))
      // A folder that does not exist yet has no weeks (it is made by the first export).
      guard case .snapshotsListed(.success(let none)) = SnapshotJobs.list(folder: dir + "/missing") else {
        Issue.record("expected an empty listing")
        return
      }
      #expect(none.isEmpty)
    }
  }

  @Test func sizesAreForPeople() {
    #expect(Words.fileSize(812, .de) == "812 B")
    #expect(Words.fileSize(380_928, .de) == "372 KB")
    #expect(Words.fileSize(1_572_864, .de) == "1,5 MB")
    #expect(Words.fileSize(1_572_864, .en) == "1.5 MB")
  }

  // MARK: - Golden screens

  @Test func goldenListOfTwoWeeks() throws {
    var s = state()
    reduce(&s, .key(.char("w")))
    reduce(&s, .snapshotsListed(.success(Self.stored)))
    try Sample.expectGolden(Renderer.render(s), "snapshots-120x40")
    var en = state(language: .en)
    reduce(&en, .key(.char("w")))
    reduce(&en, .snapshotsListed(.success(Self.stored)))
    try Sample.expectGolden(Renderer.render(en), "snapshots-en-120x40")
  }

  @Test func goldenEmptyList() throws {
    var s = state()
    reduce(&s, .key(.char("w")))
    reduce(&s, .snapshotsListed(.success([])))
    let screen = Renderer.render(s)
    #expect(screen.description.contains("Noch keine Snapshots in Snapshots. `e` exportiert die aktuelle Woche."))
    try Sample.expectGolden(screen, "snapshots-empty-120x40")
  }

  @Test func goldenAfterAnExport() throws {
    var s = state()
    reduce(&s, .key(.char("e")))
    reduce(&s, .exported(Self.result))
    reduce(&s, .snapshotsListed(.success(Self.stored)))
    try Sample.expectGolden(Renderer.render(s), "snapshots-exported-120x40")
  }

  @Test func goldenErrors() throws {
    var s = state()
    reduce(&s, .key(.char("e")))
    reduce(&s, .exportFailed("cannot create the folder Snapshots: permission denied"))
    reduce(&s, .snapshotsListed(.failure(StoreError(.io, "Snapshots cannot be read (permission denied)"))))
    let screen = Renderer.render(s)
    #expect(screen.description.contains("Snapshot-Ordner nicht lesbar: Snapshots cannot be read (permission denied)"))
    try Sample.expectGolden(screen, "snapshots-error-120x40")
  }

  /// Paths are shown inert, like feed text.
  @Test func pathsAreInertOnScreen() {
    var s = state(folder: "Snap\u{1B}[2Jshots")
    reduce(&s, .key(.char("w")))
    reduce(&s, .snapshotsListed(.success([])))
    let screen = Renderer.render(s)
    #expect(screen.description.contains("Snap␛[2Jshots"))
    #expect(!screen.cells.contains { $0.character == "\u{1B}" })
  }
}
