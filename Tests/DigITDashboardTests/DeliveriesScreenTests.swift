import DigITCore
import DigITFeeds
import DigITMetrics
import Testing

@testable import DigITDashboard

/// The delivery screen (`D`): office × feed file, what each covers, rows, problems; missing and stale
/// files stand out; Enter opens the file's problems. And the running week apart in the header.
@Suite struct DeliveriesScreenTests {
  /// The sample with the Bürgeramt's projects.csv gone (no data, no file statistics: the loader never
  /// read it) and the Steueramt's office.yaml declaring data up to 01.11.2026 (stale for KW 47).
  static func state(language: Language = .de, height: Int = 40) -> AppState {
    var load = Sample.loaded.0
    var data = load.dataSet
    let b = data.offices.firstIndex { $0.id == "buergeramt" }!
    data.offices[b].missingFeeds = [.projects]
    (data.offices[b].projects, data.offices[b].milestones, data.offices[b].backlog) = ([], [], [])
    load.files.removeAll { $0.path == "offices/buergeramt/projects.csv" }
    let s = data.offices.firstIndex { $0.id == "steueramt" }!
    data.offices[s].declaredDataAsOf = Day(year: 2026, month: 11, day: 1)!
    let report = Aggregator(data).report(asOf: Sample.asOf)
    var state = AppState(
      load: load, report: report, root: "Sample-Data", language: language,
      tabs: Sample.state(language: language).tabs, width: 120, height: height, loadedAt: "09:14")
    update(&state, .resized(width: 120, height: height))
    return state
  }

  /// The screen line of an office's file row (the office's name stands on its first row only).
  static func line(_ lines: [String], office: String, file: String) -> (Int, String)? {
    guard let start = lines.firstIndex(where: { $0.contains(office) }) else { return nil }
    for y in start..<lines.count where lines[y].contains(" \(file) ") { return (y, lines[y]) }
    return nil
  }

  /// The cell column where a text starts on a screen line (wide characters take two cells).
  static func x(of text: String, y: Int, in b: ScreenBuffer) -> Int? {
    let xs = (0..<b.width).filter { !b[$0, y].isContinuation }
    let chars = xs.map { b[$0, y].character }
    let needle = Array(text)
    guard needle.count <= chars.count else { return nil }
    for i in 0...(chars.count - needle.count) where Array(chars[i..<(i + needle.count)]) == needle { return xs[i] }
    return nil
  }

  @Test func capitalDOpensTheScreenFromEverywhereAndEscGoesBack() {
    var s = Sample.state()
    Sample.press([.char("D")], &s)
    #expect(s.top.screen == .deliveries)
    Sample.press([.char("D")], &s)
    #expect(s.stack.count == 2)  // not stacked twice
    Sample.press([.escape], &s)
    #expect(s.top.screen == .dashboard(1))
    // From an office screen and from the help screen as well.
    Sample.press([.enter], &s)
    #expect(s.top.screen != .dashboard(0))
    Sample.press([.char("D")], &s)
    #expect(s.top.screen == .deliveries)
    Sample.press([.char("?"), .char("D")], &s)
    #expect(s.top.screen == .deliveries)
  }

  @Test func listsEveryOfficeTimesFeedFileInGermanAndEnglish() {
    var s = Sample.state()
    Sample.press([.char("D")], &s)
    #expect(Focus.of(s.top, in: s).rows.count == s.report.data.offices.count * 6)
    let de = Renderer.render(s).description
    for word in [
      "Datenlieferung · Berichtswoche KW 47/2026", "Daten bis", "Zeilen", "übersprungen", "projects.csv",
      "milestones.csv", "backlog.csv", "ozg.csv", "kpis.csv", "office.yaml", "Amt 33 – Bürgeramt", "✓ ok",
    ] {
      #expect(de.contains(word), "\(word)")
    }
    s.language = .en
    let en = Renderer.render(s).description
    for word in ["Deliveries · report week W47 2026", "Data up to", "Rows", "Skipped", "Errors", "Warnings"] {
      #expect(en.contains(word), "\(word)")
    }
    #expect(!en.contains("Zeilen"))
  }

  @Test func theBreadcrumbNamesTheScreen() {
    var s = Sample.state()
    Sample.press([.char("D")], &s)
    #expect(Renderer.render(s).lines[2].contains("› Datenlieferung"))
  }

  @Test func aMissingAndAStaleFileStandOut() throws {
    var s = Self.state()
    Sample.press([.char("D")], &s)
    // Bürgeramt (by its id): projects.csv missing, in red; the office marked. (The selection, which
    // restyles its row, on the last row.)
    s.top.filter = "buergeramt"
    s.top.selection = 5
    var screen = Renderer.render(s)
    let (y, missing) = try #require(Self.line(screen.lines, office: "Bürgeramt", file: "projects.csv"))
    #expect(missing.contains("⚠ Amt 33 – Bürgeramt"))
    #expect(missing.contains("✗ fehlt"))
    #expect(try screen[#require(Self.x(of: "✗ fehlt", y: y, in: screen)), y].style.role == .error)
    #expect(try screen[#require(Self.x(of: "projects.csv", y: y, in: screen)), y].style.role == .error)
    // Steueramt: office.yaml says its data end on 01.11.2026, before the report week's Sunday.
    s.top.filter = "steueramt"
    s.top.selection = 0
    screen = Renderer.render(s)
    let (sy, stale) = try #require(Self.line(screen.lines, office: "Steueramt", file: "office.yaml"))
    #expect(stale.contains("01.11.2026"))
    #expect(stale.contains("⚠ veraltet"))
    #expect(try screen[#require(Self.x(of: "01.11.2026", y: sy, in: screen)), sy].style.role == .warning)
    // A file delivered up to the report week reads ok, in no warning colour.
    let (oy, fine) = try #require(Self.line(screen.lines, office: "Steueramt", file: "ozg.csv"))
    #expect(fine.contains("✓ ok"))
    #expect(try screen[#require(Self.x(of: "KW 47/2026", y: oy, in: screen)), oy].style.role == .normal)
  }

  @Test func enterOpensTheFilesProblems() throws {
    var s = Sample.state()
    let diagnostic = try #require(s.load.diagnostics.first { $0.office != nil })
    Sample.press([.char("D")], &s)
    let rows = Focus.of(s.top, in: s).rows
    let target = try #require(
      rows.firstIndex { row in
        guard case .feed(let o, let f) = row else { return false }
        return DeliveryFiles.path(office: o, file: f, state: s) == diagnostic.file
      })
    s.top.selection = target
    Sample.press([.enter], &s)
    #expect(s.top.screen == .diagnostics)
    #expect(s.top.filter == diagnostic.file)
    let shown = Focus.of(s.top, in: s).rows.compactMap { row -> Diagnostic? in
      guard case .diagnostic(let i) = row else { return nil }
      return s.load.diagnostics[i]
    }
    #expect(!shown.isEmpty)
    #expect(shown.allSatisfy { $0.file == diagnostic.file })
    #expect(shown.count == s.load.diagnostics.filter { $0.file == diagnostic.file }.count)
    // The row counts its errors and warnings.
    Sample.press([.escape], &s)
    let (e, w) = DeliveryFiles.problems(diagnostic.file, state: s)
    #expect(e + w == s.load.diagnostics.filter { $0.file == diagnostic.file && $0.severity != .note }.count)
  }

  /// When each file was last changed comes from the runtime's file scan (local time); a file the scan
  /// did not see shows "–".
  @Test func theLastModificationOfEachFileIsShown() {
    var s = Self.state(height: 60)
    let time = FileTime(day: Day(year: 2026, month: 11, day: 20)!, hour: 14, minute: 3)
    update(&s, .filesScanned(["offices/auslaenderbehoerde/projects.csv": time]))
    update(&s, .key(.char("D")))
    let lines = Renderer.render(s).lines
    #expect(lines[4].contains("geändert"))
    #expect(Self.line(lines, office: "Amt 31", file: "projects.csv")?.1.contains("20.11. 14:03") == true)
    #expect(Self.line(lines, office: "Amt 31", file: "ozg.csv")?.1.hasSuffix("–           │") == true)
  }

  @Test func theHelpListsTheKey() {
    for language in Language.allCases {
      var s = Sample.state(language: language)
      Sample.press([.char("?")], &s)
      let help = Renderer.render(s).description
      #expect(
        help.contains(language == .de ? "D                       Datenlieferung" : "D                       deliveries")
      )
    }
  }

  @Test func theHeaderShowsTheRunningWeekApartWhenThereIsRoom() {
    // As of Monday 23.11.2026: one day of KW 48 is not in any weekly figure.
    #expect(Renderer.render(Sample.state()).lines[2].hasSuffix("laufende KW 48: 1 Tag "))
    #expect(Renderer.render(Sample.state(language: .en)).lines[2].hasSuffix("running W48 2026: 1 day "))
    // Never at the cost of the breadcrumb: a narrow window leaves it out.
    var narrow = Sample.state(width: 40)
    Sample.press([.enter], &narrow)
    #expect(!Renderer.render(narrow).lines[2].contains("laufende"))
    // A Sunday has no running week; other days count theirs.
    #expect(Words.runningWeek(Day(year: 2026, month: 11, day: 22)!, .de) == nil)
    #expect(Words.runningWeek(Day(year: 2026, month: 11, day: 25)!, .de) == "laufende KW 48: 3 Tage")
  }

  @Test func golden120x36() throws {
    for language in Language.allCases {
      var s = Self.state(language: language, height: 36)
      Sample.press([.char("D")], &s)
      try Sample.expectGolden(Renderer.render(s), "deliveries-\(language == .de ? "de" : "en")-120x36")
    }
  }
}
