import DigITCore
import DigITMetrics
import Foundation
import Testing

@testable import DigITFeeds

private let projectsPath = "offices/amt-1/projects.csv"
private let milestonesPath = "offices/amt-1/milestones.csv"
private let backlogPath = "offices/amt-1/backlog.csv"
private let ozgPath = "offices/amt-1/ozg.csv"
private let kpisPath = "offices/amt-1/kpis.csv"
private let officeYAMLPath = "offices/amt-1/office.yaml"

private func error(_ file: String, _ line: Int?, _ column: String?, _ message: String, office: String? = "amt-1")
  -> Diagnostic
{
  Diagnostic(.error, office: office, file: file, line: line, column: column, message)
}

private func warning(_ file: String, _ line: Int?, _ column: String?, _ message: String, office: String? = "amt-1")
  -> Diagnostic
{
  Diagnostic(.warning, office: office, file: file, line: line, column: column, message)
}

private func note(_ file: String, _ line: Int?, _ column: String?, _ message: String, office: String? = "amt-1")
  -> Diagnostic
{
  Diagnostic(.note, office: office, file: file, line: line, column: column, message)
}

/// Bytes of a text in Windows-1252 (only Latin-1 characters are used).
private func latin1(_ s: String) -> [UInt8] { s.unicodeScalars.map { UInt8($0.value) } }

/// A root whose city.yaml names OZG maturity model 2.
private let cityModel2 = """
  name: Teststadt
  ozg_maturity_model: "2"

  """

private let ozgHeader = "week,service_id,service,maturity,online,paper,completed,pending,median_days\n"

// MARK: - A clean root

@Suite struct FeedLoaderCleanRootTests {
  @Test func aCleanRootLoadsWithoutErrorsOrWarnings() throws {
    let r = try TestRoot().load()
    #expect(r.problems == [])
  }

  @Test func aCleanRootHasItsCityOfficeAndProjects() throws {
    let r = try TestRoot().load()
    #expect(r.dataSet.city.name == "Teststadt")
    #expect(r.dataSet.city.kpis.map(\.id) == ["online_quote"])
    #expect(r.dataSet.offices.map(\.id) == ["amt-1"])
    #expect(r.office("amt-1")?.name == "Bürgeramt")
    #expect(r.office("amt-1")?.projects.map(\.id) == ["P-1", "P-2"])
    #expect(r.office("amt-1")?.projects.first?.start == day(2026, 1, 5))
  }

  @Test func aMissingIndexFileIsANote() throws {
    let r = try TestRoot().load()
    #expect(
      r.diagnostics(file: "index/smart-city-index.csv") == [
        note(
          "index/smart-city-index.csv", nil, nil, "there is no Smart City Index file; index metrics stay empty",
          office: nil)
      ])
  }

  @Test func rowCountsArePartOfTheResult() throws {
    let r = try TestRoot().load()
    #expect(
      r.stats(projectsPath)
        == FileStats(path: projectsPath, office: "amt-1", bytes: 83, rowsRead: 2, rowsSkipped: 0, skipped: false))
    #expect(r.rowsRead == 2)
    #expect(r.rowsSkipped == 0)
  }

  @Test func allFeedFilesOfAnOfficeAreRead() throws {
    let r = try TestRoot(office: [
      "milestones.csv": "project_id,name,due,done\nP-1,Konzept abgenommen,2026-03-31,2026-03-27\n",
      "backlog.csv":
        "id,project_id,title,type,priority,created,closed,points\nB-1,P-1,Formular anpassen,feature,hoch,2026-02-02,2026-02-20,5\n",
      "ozg.csv": .text(ozgHeader + "2026-W47,99115005070000,Wohnsitz anmelden,2,120,30,140,12,4.5\n"),
      "kpis.csv": "week,kpi,value\n2026-W47,online_quote,61.5\n",
    ]).load()
    let office = try #require(r.office("amt-1"))
    #expect(r.problems == [])
    #expect(
      office.milestones == [
        Milestone(project: 0, name: "Konzept abgenommen", due: day(2026, 3, 31), done: day(2026, 3, 27))
      ])
    #expect(office.backlog.count == 1)
    #expect(office.text(office.backlog[0].id) == "B-1")
    #expect(office.text(office.backlog[0].title) == "Formular anpassen")
    #expect(office.backlog[0].points == 5)
    #expect(office.backlog[0].closed == day(2026, 2, 20))
    #expect(office.type(of: office.backlog[0]) == "feature")
    #expect(office.priority(of: office.backlog[0]) == "hoch")
    #expect(office.services == [OZGService(id: "99115005070000", name: "Wohnsitz anmelden")])
    #expect(
      office.ozg == [
        OZGWeek(
          service: 0, week: ISOWeek(year: 2026, week: 47)!, maturity: 2, online: 120, paper: 30, completed: 140,
          pending: 12, medianDays: 4.5)
      ])
    #expect(office.kpis == [KPIValue(kpi: 0, week: ISOWeek(year: 2026, week: 47)!, value: 61.5)])
  }
}

// MARK: - The root itself

@Suite struct FeedRootErrorTests {
  @Test func aRootThatDoesNotExistThrows() throws {
    let root = try TestRoot([:])
    let e = #expect(throws: FeedRootError.self) {
      try FeedLoader(root: root.path + "/nirgends", asOf: TestRoot.asOf).load()
    }
    #expect(e?.description == "the data folder \(root.path)/nirgends does not exist")
  }

  @Test func aRootThatIsAFileThrows() throws {
    let root = try TestRoot(["datei.csv": "id\n"])
    let e = #expect(throws: FeedRootError.self) {
      try FeedLoader(root: root.path + "/datei.csv", asOf: TestRoot.asOf).load()
    }
    #expect(e?.description == "\(root.path)/datei.csv is a file, not a data folder")
  }

  @Test func aFolderWithNeitherCityYAMLNorOfficesThrows() throws {
    let root = try TestRoot(["notizen.txt": "nichts\n"])
    let e = #expect(throws: FeedRootError.self) { try root.load() }
    #expect(e?.description == "\(root.path) is not a data folder: it has neither city.yaml nor offices/")
  }

  @Test func theDigitalShareTargetIsReadInPercentAndCheckedForItsRange() throws {
    let yaml = TestRoot.cityYAML + "targets:\n  ozg_digital_share: 62.5\n"
    let r = try TestRoot(extra: ["city.yaml": .text(yaml)]).load()
    #expect(r.dataSet.city.digitalShareTarget == 0.625)
    #expect(r.problems.isEmpty)
    let none = try TestRoot().load()
    #expect(none.dataSet.city.digitalShareTarget == nil)
    let wrong = try TestRoot(extra: ["city.yaml": .text(TestRoot.cityYAML + "targets:\n  ozg_digital_share: 150\n")])
      .load()
    #expect(wrong.dataSet.city.digitalShareTarget == nil)
    #expect(wrong.problems.count == 1)
  }

  @Test func aRootWithOnlyCityYAMLLoadsWithAnError() throws {
    let r = try TestRoot(["city.yaml": .text(TestRoot.cityYAML)]).load()
    #expect(
      r.problems == [error("offices", nil, nil, "the folder offices/ is missing: there are no offices", office: nil)])
  }
}

// MARK: - Missing files and columns

@Suite struct FeedLoaderMissingTests {
  @Test func aMissingProjectsFileIsAnErrorOfTheOffice() throws {
    let r = try TestRoot(office: ["projects.csv": nil]).load()
    #expect(
      r.problems == [
        error("offices/amt-1", nil, nil, "projects.csv is missing: the office has no projects")
      ])
  }

  @Test func anOfficeWithoutProjectsFileIsStillInTheDataSet() throws {
    let r = try TestRoot(office: ["projects.csv": nil]).load()
    #expect(r.office("amt-1")?.name == "Bürgeramt")
  }

  @Test func aMissingOfficeYAMLIsAnErrorAndTheFolderNameIsShown() throws {
    let r = try TestRoot(office: ["office.yaml": nil]).load()
    #expect(
      r.problems == [
        error("offices/amt-1", nil, nil, "office.yaml is missing: the office is shown under its folder name")
      ])
    #expect(r.office("amt-1")?.name == "amt-1")
  }

  @Test func officeYAMLKeysAreFoundByTheirTextQuotedOrNot() throws {
    let yaml = "\"name\": \"Amt Zwei\"\n'number': \"31\"\ndepartment: Dezernat II\ncoordinator: 'Z. Zweig'\n"
    let r = try TestRoot(office: ["office.yaml": .text(yaml)]).load()
    let office = try #require(r.office("amt-1"))
    #expect(office.name == "Amt Zwei")
    #expect(office.number == "31")
    #expect(office.department == "Dezernat II")
    #expect(office.coordinator == "Z. Zweig")
    #expect(r.diagnostics(file: "offices/amt-1/office.yaml").isEmpty)
  }

  @Test func aKeyWrittenTwiceIsAnErrorAlsoWhenATagSetsItsCopiesApart() throws {
    // Yams finds keys written twice only when their tags are the same; keys are looked up by their text,
    // so `name` and `!x name` are the same key (which of them counted would depend on their order).
    for yaml in [
      "name: Amt A\nname: Amt B\n", "!x name: Amt B\nname: Amt A\n", "name: Amt A\n!x name: Amt B\n",
      "name: Amt A\ntargets:\n  online_quote: 80\n  !x online_quote: 20\n",
    ] {
      let r = try TestRoot(office: ["office.yaml": .text(yaml)]).load()
      #expect(r.office("amt-1")?.name == "amt-1", "\(yaml)")
      #expect(r.office("amt-1")?.kpiTargets.isEmpty == true, "\(yaml)")
      let messages = r.diagnostics(file: "offices/amt-1/office.yaml").map(\.message)
      #expect(messages.contains { $0.hasPrefix("YAML has the key ") && $0.hasSuffix(" twice") }, "\(yaml): \(messages)")
    }
  }

  @Test func aMissingCityYAMLIsAnError() throws {
    let r = try TestRoot(extra: ["city.yaml": nil]).load()
    #expect(
      r.problems == [
        error(
          "city.yaml", nil, nil,
          "city.yaml is missing: defaults are used (no KPI definitions, so kpis.csv files cannot be read)", office: nil)
      ])
  }

  @Test func aMissingRequiredColumnIsAnErrorOnTheHeaderLine() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,start\nP-1,Eins,2026-01-05\n"]).load()
    #expect(
      r.diagnostics(file: projectsPath) == [
        error(projectsPath, 1, nil, "the header has no column status (found: id,title,start)")
      ])
  }

  @Test func aFileWithoutARequiredColumnIsSkipped() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,start\nP-1,Eins,2026-01-05\n"]).load()
    #expect(r.stats(projectsPath)?.skipped == true)
    #expect(r.office("amt-1")?.projects == [])
  }

  @Test func aMisspeltRequiredColumnIsNamed() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,stauts\nP-1,Eins,active\n"]).load()
    #expect(
      r.diagnostics(file: projectsPath) == [
        note(projectsPath, 1, nil, "unknown columns are ignored: stauts"),
        error(
          projectsPath, 1, nil, "the header has no column status (found: id,title,stauts); is \"stauts\" a misspelling?"
        ),
      ])
  }

  @Test func anEmptyFileIsAnError() throws {
    let r = try TestRoot(office: ["backlog.csv": "\n\n"]).load()
    #expect(
      r.diagnostics(file: backlogPath) == [
        error(backlogPath, nil, nil, "the file is empty: expected a header line with id, project_id, created")
      ])
  }

  @Test func anEmptyOfficeFolderIsAnError() throws {
    let r = try TestRoot(extra: ["offices/amt-2": .folder]).load()
    #expect(
      r.problems == [
        error(
          "offices/amt-2", nil, nil, "the office folder is empty: expected office.yaml and projects.csv",
          office: "amt-2")
      ])
  }

  @Test func anEmptyOfficeFolderIsStillInTheDataSet() throws {
    let r = try TestRoot(extra: ["offices/amt-2": .folder]).load()
    #expect(r.dataSet.offices.map(\.id) == ["amt-1", "amt-2"])
  }

  @Test func anOfficesFolderWithoutOfficesIsAnError() throws {
    let r = try TestRoot(["city.yaml": .text(TestRoot.cityYAML), "offices": .folder]).load()
    #expect(r.problems == [error("offices", nil, nil, "there are no office folders", office: nil)])
  }

  @Test func anUnknownFileInAnOfficeFolderIsAWarningNamingTheNearestFeedFile() throws {
    let r = try TestRoot(office: ["backlogs.csv": "id\n"]).load()
    #expect(
      r.diagnostics(file: "offices/amt-1") == [
        warning(
          "offices/amt-1", nil, nil,
          "\"backlogs.csv\" is not a feed file and is ignored (did you mean \"backlog.csv\"?)")
      ])
  }
}

// MARK: - Files that cannot be read

@Suite struct FeedLoaderUnreadableTests {
  @Test func aFeedFileThatIsAFolderIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": .folder]).load()
    #expect(r.problems == [error(projectsPath, nil, nil, "the file is a folder, not a file")])
    #expect(r.stats(projectsPath)?.skipped == true)
  }

  @Test func aFeedFileThatIsAFolderLeavesTheOfficeInTheDataSet() throws {
    let r = try TestRoot(office: ["projects.csv": .folder]).load()
    #expect(r.office("amt-1")?.name == "Bürgeramt")
  }

  @Test func anOfficeYAMLThatIsAFolderIsAnError() throws {
    let r = try TestRoot(office: ["office.yaml": .folder]).load()
    #expect(r.problems == [error(officeYAMLPath, nil, nil, "the file is a folder, not a file")])
  }

  @Test func anUnreadableFileIsAnError() throws {
    // Tests run as root, where permissions do not stop reading: a symbolic link to itself cannot be opened.
    let r = try TestRoot(office: ["projects.csv": .symlink("projects.csv")]).load()
    #expect(r.problems == [error(projectsPath, nil, nil, "the file is a loop of symbolic links")])
    #expect(r.stats(projectsPath)?.skipped == true)
  }

  @Test func aNamedPipeIsAnErrorAndDoesNotBlock() throws {
    let root = try TestRoot()
    let path = root.path + "/" + projectsPath
    unlink(path)
    #expect(mkfifo(path, 0o644) == 0)
    let r = try root.load()
    #expect(r.problems == [error(projectsPath, nil, nil, "the file is not a regular file")])
  }

  @Test(.enabled(if: geteuid() != 0, "root can read any file"))
  func aFileWithoutReadPermissionIsAnError() throws {
    let root = try TestRoot()
    chmod(root.path + "/" + projectsPath, 0)
    let r = try root.load()
    #expect(r.problems == [error(projectsPath, nil, nil, "the file cannot be read (permission denied)")])
  }

  @Test func aUTF16FileIsRejectedWithAClearError() throws {
    let bytes: [UInt8] =
      [0xFF, 0xFE] + "id,title,status\nP-1,Eins,active\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let r = try TestRoot(office: ["projects.csv": .bytes(bytes)]).load()
    #expect(
      r.problems == [
        error(
          projectsPath, nil, nil,
          "the file is UTF-16, which is not supported: save it as UTF-8 (in Excel: \"CSV UTF-8\")")
      ])
    #expect(r.stats(projectsPath)?.skipped == true)
  }
}

// MARK: - Dialects and encodings, read through the loader

@Suite struct FeedLoaderDialectTests {
  @Test func theGermanExcelDialectIsRead() throws {
    let csv =
      "\u{FEFF}id;title;status;start;due;budget_planned;budget_spent\r\nP-1;Eins;aktiv;1.3.2026;24.11.2026 00:00;540.000,00 €;1.234,5\r\n"
    let r = try TestRoot(office: ["projects.csv": .text(csv)]).load()
    #expect(r.problems == [])
    let p = try #require(r.office("amt-1")?.projects.first)
    #expect(p.status == .active)
    #expect(p.start == day(2026, 3, 1))
    #expect(p.due == day(2026, 11, 24))
    #expect(p.budgetPlanned == 540_000)
    #expect(p.budgetSpent == 1234.5)
  }

  @Test func germanDatesWorkInAPlainFile() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,start\nP-1,Eins,active,24.11.2025\n"]).load()
    #expect(r.office("amt-1")?.projects.first?.start == day(2025, 11, 24))
  }

  @Test func badThousandsGroupingInAGermanFileIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": "id;title;status;budget_planned\nP-1;Eins;aktiv;1.5\n"]).load()
    #expect(
      r.problems == [
        error(
          projectsPath, 2, "budget_planned",
          "\"1.5\" is not a German number: '.' separates thousands in groups of three, ',' the decimals (e.g. 1.234,5)")
      ])
  }

  @Test func aDecimalCommaInAPlainFileIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,budget_planned\nP-1,Eins,active,\"12,5\"\n"]).load()
    #expect(
      r.problems == [
        error(
          projectsPath, 2, "budget_planned",
          "\"12,5\" has a decimal comma, but this file is comma-separated: write 1234.5 (or save the file with ';')")
      ])
  }

  @Test func anUnquotedDecimalCommaInAPlainFileGivesTooManyFields() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,budget_planned\nP-1,Eins,active,12,5\n"]).load()
    #expect(
      r.problems == [
        error(projectsPath, 2, nil, "the row has 5 fields, the header 4 (is there an unquoted ',' in a value?)")
      ])
  }

  @Test func tooFewFieldsIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,start\nP-1,Eins\n"]).load()
    #expect(r.problems == [error(projectsPath, 2, nil, "the row has 2 fields, the header 4")])
  }

  @Test func trailingEmptyFieldsBeyondTheHeaderAreAccepted() throws {
    let r = try TestRoot(office: ["projects.csv": "id;title;status\r\nP-1;Eins;aktiv;;\r\n"]).load()
    #expect(r.problems == [])
    #expect(r.office("amt-1")?.projects.map(\.id) == ["P-1"])
  }

  @Test func theUTF8BOMIsStrippedBeforeTheHeader() throws {
    let r = try TestRoot(office: ["projects.csv": "\u{FEFF}id,title,status\nP-1,Eins,active\n"]).load()
    #expect(r.problems == [])
    #expect(r.office("amt-1")?.projects.map(\.id) == ["P-1"])
  }

  @Test func aWindows1252FileIsReadWithAWarning() throws {
    let bytes = latin1("id;title;status;owner\r\nP-1;Eheschließung online;aktiv;L. Krämer\r\n")
    let r = try TestRoot(office: ["projects.csv": .bytes(bytes)]).load()
    #expect(
      r.problems == [
        warning(
          projectsPath, nil, nil,
          "the file is not valid UTF-8; it was read as Windows-1252 (save it as \"CSV UTF-8\" to avoid this)")
      ])
  }

  @Test func aWindows1252FileKeepsItsUmlauts() throws {
    let bytes = latin1("id;title;status;owner\r\nP-1;Eheschließung online;aktiv;L. Krämer\r\n")
    let r = try TestRoot(office: ["projects.csv": .bytes(bytes)]).load()
    let p = try #require(r.office("amt-1")?.projects.first)
    #expect(p.title == "Eheschließung online")
    #expect(p.owner == "L. Krämer")
  }

  @Test func aWindows1252OfficeYAMLIsReadWithAWarning() throws {
    let r = try TestRoot(office: ["office.yaml": .bytes(latin1("id: amt-1\nname: Ausländerbehörde\n"))]).load()
    #expect(
      r.problems == [
        warning(
          officeYAMLPath, nil, nil,
          "the file is not valid UTF-8; it was read as Windows-1252 (save it as UTF-8 to avoid this)")
      ])
    #expect(r.office("amt-1")?.name == "Ausländerbehörde")
  }

  @Test func anExcelSepLineIsSkippedAndLinesStillCount() throws {
    let r = try TestRoot(office: [
      "projects.csv": "sep=;\r\nid;title;status;budget_planned\r\nP-1;Eins;aktiv;1.234,5\r\nP-2;Zwei;fertig;\r\n"
    ]).load()
    #expect(r.office("amt-1")?.projects.first?.budgetPlanned == 1234.5)
    #expect(r.problems.map(\.line) == [4])
  }

  @Test func crlfLineEndsAreRead() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status\r\nP-1,Eins,active\r\nP-2,Zwei,done\r\n"]).load()
    #expect(r.office("amt-1")?.projects.map(\.title) == ["Eins", "Zwei"])
  }

  @Test func loneCRLineEndsAreRead() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status\rP-1,Eins,active\rP-2,Zwei,done\r"]).load()
    #expect(r.problems == [])
    #expect(r.office("amt-1")?.projects.map(\.title) == ["Eins", "Zwei"])
  }

  @Test func theLastRowIsReadWithoutTrailingNewline() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status\nP-1,Eins,active\nP-2,Zwei,done"]).load()
    #expect(r.office("amt-1")?.projects.map(\.id) == ["P-1", "P-2"])
  }

  @Test func quotedValuesHoldDelimitersQuotesAndLineBreaks() throws {
    let csv =
      "id;title;status\nP-1;\"E-Akte; Scan-Straße\";aktiv\nP-2;\"KI-Assistent \"\"Frag Mainz\"\"\";aktiv\nP-3;\"zwei\nZeilen\";aktiv\n"
    let r = try TestRoot(office: ["projects.csv": .text(csv)]).load()
    #expect(
      r.office("amt-1")?.projects.map(\.title) == [
        "E-Akte; Scan-Straße", "KI-Assistent \"Frag Mainz\"", "zwei\nZeilen",
      ])
  }

  @Test func lineNumbersCountPhysicalLinesAfterAMultiLineField() throws {
    let csv = "id,title,status\nP-1,\"zwei\nZeilen\",active\nP-2,Drei,fertig\n"
    let r = try TestRoot(office: ["projects.csv": .text(csv)]).load()
    #expect(r.problems.map(\.line) == [4])
  }

  @Test func blankLinesAndDelimiterOnlyLinesAreSkippedAndNotCounted() throws {
    let csv = "id;title;status\r\n\r\nP-1;Eins;aktiv\r\n;;\r\n;;;;\r\nP-2;Zwei;geplant\r\n\r\n"
    let r = try TestRoot(office: ["projects.csv": .text(csv)]).load()
    #expect(r.problems == [])
    #expect(r.stats(projectsPath)?.rowsRead == 2)
    #expect(r.stats(projectsPath)?.rowsSkipped == 0)
  }

  @Test func lineNumbersCountSkippedBlankLines() throws {
    let csv = "id;title;status\n\n;;;;\nP-1;Eins;fertig\n"
    let r = try TestRoot(office: ["projects.csv": .text(csv)]).load()
    #expect(r.problems.map(\.line) == [4])
  }

  @Test func columnsAreFoundInAnyOrderAndCase() throws {
    let r = try TestRoot(office: ["projects.csv": " Status ,TITLE, Id \naktiv,Eins,P-1\n"]).load()
    #expect(r.problems == [])
    let p = try #require(r.office("amt-1")?.projects.first)
    #expect(p.id == "P-1")
    #expect(p.title == "Eins")
    #expect(p.status == .active)
  }

  @Test func unknownExtraColumnsAreListedOnceAsANote() throws {
    let csv = "id,title,farbe,status,Kommentar\nP-1,Eins,rot,active,x\nP-2,Zwei,blau,done,y\n"
    let r = try TestRoot(office: ["projects.csv": .text(csv)]).load()
    #expect(
      r.diagnostics(file: projectsPath) == [note(projectsPath, 1, nil, "unknown columns are ignored: farbe, Kommentar")]
    )
    #expect(r.office("amt-1")?.projects.map(\.status) == [.active, .done])
  }

  @Test func aColumnThatAppearsTwiceIsAWarning() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,status\nP-1,Eins,active,done\n"]).load()
    #expect(r.problems == [warning(projectsPath, 1, "status", "the column appears twice; the first one is used")])
    #expect(r.office("amt-1")?.projects.first?.status == .active)
  }

  @Test func surroundingSpacesOfValuesAreIgnored() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,start\n P-1 , Eins ,  active , 2026-01-05 \n"])
      .load()
    #expect(r.problems == [])
    #expect(r.office("amt-1")?.projects.first?.id == "P-1")
    #expect(r.office("amt-1")?.projects.first?.start == day(2026, 1, 5))
  }

  @Test func anUnterminatedQuoteIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status\nP-1,\"Eins,active\n"]).load()
    #expect(r.problems == [error(projectsPath, 2, "title", "a quoted value is not closed before the end of the file")])
  }

  @Test func anUnterminatedQuoteNamesTheLinesItSwallows() throws {
    let r = try TestRoot(office: [
      "projects.csv": "id,title,status\nP-1,\"Eins,active\nP-2,Zwei,active\nP-3,Drei,active\n"
    ]).load()
    #expect(
      r.problems == [
        error(
          projectsPath, 2, "title",
          "a quoted value is not closed before the end of the file (lines 2–4 are read as one value and skipped)")
      ])
    #expect(r.files.first { $0.path == projectsPath }?.rowsSkipped == 1)
  }
}

// MARK: - Values

@Suite struct FeedLoaderValueTests {
  @Test func anUnparsableDateIsAnError() throws {
    let r = try TestRoot(office: ["backlog.csv": "id,project_id,created\nB-1,P-1,2026-03-02\nB-2,P-1,31.02.2026\n"])
      .load()
    #expect(
      r.problems == [
        error(backlogPath, 3, "created", "\"31.02.2026\" is not a date (February 2026 has 28 days, not 31)")
      ])
  }

  @Test func anImpossibleMonthIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,due\nP-1,Eins,active,2026-13-01\n"]).load()
    #expect(r.problems == [error(projectsPath, 2, "due", "\"2026-13-01\" is not a date (there is no month 13)")])
  }

  @Test func yearZeroIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,start\nP-1,Eins,active,0000-01-01\n"]).load()
    #expect(
      r.problems == [
        error(projectsPath, 2, "start", "\"0000-01-01\" is not a date in a plausible year (0; expected 1900–2199)")
      ])
  }

  @Test func anUnparsableNumberIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,budget_spent\nP-1,Eins,active,viel\n"]).load()
    #expect(r.problems == [error(projectsPath, 2, "budget_spent", "\"viel\" is not a number (expected e.g. 1234.5)")])
  }

  @Test func anUnparsableWeekIsAnError() throws {
    let r = try TestRoot(office: [
      "ozg.csv": .text(ozgHeader + "2025-W53,99115005070000,Wohnsitz anmelden,2,10,5,12,,\n")
    ]).load()
    #expect(r.problems == [error(ozgPath, 2, "week", "\"2025-W53\" is not an ISO week (2025 has 52 weeks, not 53)")])
  }

  @Test func week53Of2026IsRead() throws {
    let r = try TestRoot(office: [
      "ozg.csv": .text(ozgHeader + "2026-W53,99115005070000,Wohnsitz anmelden,2,10,5,12,,\n")
    ]).load(asOf: day(2027, 1, 4))
    #expect(r.problems == [])
    #expect(r.office("amt-1")?.ozg.map(\.week) == [ISOWeek(year: 2026, week: 53)!])
  }

  @Test func aWeekInAnotherFormIsAnError() throws {
    let r = try TestRoot(office: ["kpis.csv": "week,kpi,value\n23.11.2026,online_quote,50\n"]).load()
    #expect(r.problems == [error(kpisPath, 2, "week", "\"23.11.2026\" is not an ISO week (expected e.g. 2026-W48)")])
  }

  @Test func anUnknownStatusIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status\nP-1,Eins,fertig\n"]).load()
    #expect(
      r.problems == [
        error(
          projectsPath, 2, "status",
          "\"fertig\" is not a status (expected planned, active, blocked, done, cancelled, geplant, aktiv, blockiert, erledigt, abgeschlossen, abgebrochen)"
        )
      ])
  }

  @Test func germanStatusAndRiskWordsAreRead() throws {
    let csv =
      "id;title;status;risk\nP-1;Eins;abgeschlossen;hoch\nP-2;Zwei;blockiert;niedrig\nP-3;Drei;abgebrochen;mittel\n"
    let r = try TestRoot(office: ["projects.csv": .text(csv)]).load()
    #expect(r.office("amt-1")?.projects.map(\.status) == [.done, .blocked, .cancelled])
    #expect(r.office("amt-1")?.projects.map(\.risk) == [.high, .low, .medium])
  }

  @Test func anUnknownRiskIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,risk\nP-1,Eins,active,extrem\n"]).load()
    #expect(
      r.problems == [
        error(
          projectsPath, 2, "risk", "\"extrem\" is not a risk level (expected low, medium, high, niedrig, mittel, hoch)")
      ])
  }

  @Test func anUnknownIndexAreaIsAnErrorNamingTheNearestArea() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,index_area\nP-1,Eins,active,Verwaltungg\n"]).load()
    #expect(
      r.problems == [
        error(
          projectsPath, 2, "index_area",
          "\"Verwaltungg\" is not an index area (expected Verwaltung, IT und Kommunikation, Energie und Umwelt, Mobilität, Gesellschaft, Gesamt, Gesellschaft und Bildung); did you mean \"Verwaltung\"?"
        )
      ])
  }

  @Test func anUnknownAreaInTheIndexFileIsAnError() throws {
    let r = try TestRoot(extra: [
      "index/smart-city-index.csv": "year,area,score,rank\n2025,Gesamt,68.5,51\n2025,Kultur,50.0,\n"
    ]).load()
    #expect(
      r.diagnostics(file: "index/smart-city-index.csv") == [
        error(
          "index/smart-city-index.csv", 3, "area",
          "\"Kultur\" is not an index area (expected Verwaltung, IT und Kommunikation, Energie und Umwelt, Mobilität, Gesellschaft, Gesamt, Gesellschaft und Bildung)",
          office: nil)
      ])
    #expect(r.dataSet.indexScores == [IndexScore(year: 2025, area: .gesamt, score: 68.5, rank: 51)])
  }

  @Test func anIndexYearWithAThousandsSeparatorIsAnError() throws {
    let r = try TestRoot(extra: [
      "index/smart-city-index.csv": "year;area;score;rank\n2.025;Gesamt;68,5;51\n2024;Gesamt;67,6;45\n"
    ]).load()
    #expect(
      r.diagnostics(file: "index/smart-city-index.csv") == [
        error(
          "index/smart-city-index.csv", 2, "year", "\"2.025\" is not a year (expected four digits, e.g. 2025)",
          office: nil)
      ])
    #expect(r.dataSet.indexScores == [IndexScore(year: 2024, area: .gesamt, score: 67.6, rank: 45)])
  }

  @Test func theIndexFileAcceptsGesellschaftUndBildungAndAnEmptyRank() throws {
    let r = try TestRoot(extra: [
      "index/smart-city-index.csv": "year,area,score,rank\n2025,Gesellschaft und Bildung,66.9,\n"
    ]).load()
    #expect(r.problems == [])
    #expect(r.dataSet.indexScores == [IndexScore(year: 2025, area: .gesellschaft, score: 66.9, rank: nil)])
  }

  @Test func aRequiredValueThatIsEmptyIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status\nP-1,,active\n"]).load()
    #expect(r.problems == [error(projectsPath, 2, "title", "is empty, but required")])
  }
}

// MARK: - Ids and references

@Suite struct FeedLoaderReferenceTests {
  @Test func aDuplicateProjectIdIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status\nP-1,Eins,active\nP-1,Nochmal,active\n"]).load()
    #expect(
      r.problems == [error(projectsPath, 3, "id", "\"P-1\" is used by an earlier row (line 2); ids must be unique")])
    #expect(r.office("amt-1")?.projects.map(\.title) == ["Eins"])
  }

  @Test func aProjectIdUsedByTwoOfficesIsAWarning() throws {
    let r = try TestRoot(extra: [
      "offices/amt-2/office.yaml": "id: amt-2\nname: Standesamt\n",
      "offices/amt-2/projects.csv": "id,title,status\nP-1,Fremd,active\n",
    ]).load()
    #expect(
      r.problems == [
        warning(
          "offices/amt-2/projects.csv", 2, "id",
          "\"P-1\" is also a project of office amt-1 (line 2 of its projects.csv); project ids should be unique in the city",
          office: "amt-2")
      ])
  }

  @Test func aDuplicateBacklogIdIsAnError() throws {
    let r = try TestRoot(office: ["backlog.csv": "id,project_id,created\nB-1,P-1,2026-03-02\nB-1,P-2,2026-03-03\n"])
      .load()
    #expect(
      r.problems == [error(backlogPath, 3, "id", "\"B-1\" is used by an earlier row (line 2); ids must be unique")])
  }

  @Test func aMilestoneOfAnUnknownProjectIsAnError() throws {
    let r = try TestRoot(office: ["milestones.csv": "project_id,name,due\nQ-77,Abnahme,2026-06-30\n"]).load()
    #expect(
      r.problems == [
        error(milestonesPath, 2, "project_id", "\"Q-77\" is not a project of this office (see projects.csv)")
      ])
  }

  @Test func aBacklogItemOfAnUnknownProjectIsAnErrorNamingTheNearestProject() throws {
    let r = try TestRoot(office: ["backlog.csv": "id,project_id,created\nB-1,P-11,2026-03-02\n"]).load()
    #expect(
      r.problems == [
        error(
          backlogPath, 2, "project_id",
          "\"P-11\" is not a project of this office (see projects.csv); did you mean \"P-1\"?")
      ])
  }

  @Test func aProjectOfAnotherOfficeIsAnUnknownProject() throws {
    let r = try TestRoot(
      office: ["backlog.csv": "id,project_id,created\nB-1,XY-99,2026-03-02\n"],
      extra: [
        "offices/amt-2/office.yaml": "id: amt-2\nname: Standesamt\n",
        "offices/amt-2/projects.csv": "id,title,status\nXY-99,Fremd,active\n",
      ]
    ).load()
    #expect(
      r.problems == [
        error(backlogPath, 2, "project_id", "\"XY-99\" is not a project of this office (see projects.csv)")
      ])
  }

  @Test func milestonesAndItemsPointToTheirProject() throws {
    let r = try TestRoot(office: [
      "milestones.csv": "project_id,name,due\nP-2,Rollout,2026-12-01\n",
      "backlog.csv": "id,project_id,created\nB-1,P-2,2026-03-02\n",
    ]).load()
    #expect(r.office("amt-1")?.milestones.map(\.project) == [1])
    #expect(r.office("amt-1")?.backlog.map(\.project) == [1])
  }

  @Test func anUnknownKPIIsAnErrorNamingTheNearestKPI() throws {
    let r = try TestRoot(office: ["kpis.csv": "week,kpi,value\n2026-W47,online_qoute,55.5\n"]).load()
    #expect(
      r.problems == [
        error(kpisPath, 2, "kpi", "\"online_qoute\" is not a KPI defined in city.yaml; did you mean \"online_quote\"?")
      ])
  }

  @Test func aSecondValueOfAKPIInTheSameWeekIsAnError() throws {
    let r = try TestRoot(office: ["kpis.csv": "week,kpi,value\n2026-W47,online_quote,55.5\n2026-W47,online_quote,56\n"])
      .load()
    #expect(r.problems == [error(kpisPath, 3, "week", "KPI online_quote already has a value for 2026-W47")])
  }

  @Test func aSecondRowOfAServiceInTheSameWeekIsAnError() throws {
    let csv =
      ozgHeader
      + "2026-W47,99115005070000,Wohnsitz anmelden,2,10,5,12,,\n2026-W47,99115005070000,Wohnsitz anmelden,2,11,5,12,,\n"
    let r = try TestRoot(office: ["ozg.csv": .text(csv)]).load()
    #expect(r.problems == [error(ozgPath, 3, "week", "service 99115005070000 already has a row for 2026-W47")])
  }
}

// MARK: - Rules on values

@Suite struct FeedLoaderRuleTests {
  @Test func aNegativeCountIsAnError() throws {
    let r = try TestRoot(office: [
      "ozg.csv": .text(ozgHeader + "2026-W47,99115005070000,Wohnsitz anmelden,2,-3,5,12,,\n")
    ]).load()
    #expect(r.problems == [error(ozgPath, 2, "online", "\"-3\" is negative (expected 0 or more)")])
  }

  @Test func aFractionalCountIsAnError() throws {
    let r = try TestRoot(office: [
      "ozg.csv": .text(ozgHeader + "2026-W47,99115005070000,Wohnsitz anmelden,2,10,5.5,12,,\n")
    ]).load()
    #expect(r.problems == [error(ozgPath, 2, "paper", "\"5.5\" is not a whole number")])
  }

  @Test func aNegativeBudgetIsAnError() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,budget_planned\nP-1,Eins,active,-100\n"]).load()
    #expect(r.problems == [error(projectsPath, 2, "budget_planned", "\"-100\" is negative (expected 0 or more)")])
  }

  @Test func negativePointsAreAnError() throws {
    let r = try TestRoot(office: ["backlog.csv": "id,project_id,created,points\nB-1,P-1,2026-03-02,-2\n"]).load()
    #expect(r.problems == [error(backlogPath, 2, "points", "\"-2\" is negative (expected 0 or more)")])
  }

  @Test func maturityFiveIsAnErrorInModelOne() throws {
    let csv =
      ozgHeader
      + "2026-W46,99115005070000,Wohnsitz anmelden,4,10,5,12,,\n2026-W47,99115005070000,Wohnsitz anmelden,5,10,5,12,,\n"
    let r = try TestRoot(office: ["ozg.csv": .text(csv)]).load()
    #expect(r.problems == [error(ozgPath, 3, "maturity", "5 is not an OZG maturity level (model 1: 0–4)")])
    #expect(r.office("amt-1")?.ozg.map(\.maturity) == [4])
  }

  @Test func maturitySevenIsReadInModelTwo() throws {
    let r = try TestRoot(
      office: ["ozg.csv": .text(ozgHeader + "2026-W47,99115005070000,Wohnsitz anmelden,7,10,5,12,,\n")],
      extra: ["city.yaml": .text(cityModel2)]
    ).load()
    #expect(r.problems == [])
    #expect(r.dataSet.city.maturityModel == .v2)
    #expect(r.office("amt-1")?.ozg.map(\.maturity) == [7])
  }

  @Test func maturityEightIsAnErrorInModelTwo() throws {
    let r = try TestRoot(
      office: ["ozg.csv": .text(ozgHeader + "2026-W47,99115005070000,Wohnsitz anmelden,8,10,5,12,,\n")],
      extra: ["city.yaml": .text(cityModel2)]
    ).load()
    #expect(r.problems == [error(ozgPath, 2, "maturity", "8 is not an OZG maturity level (model 2: 0–7)")])
  }

  @Test func anUnknownMaturityModelIsAnError() throws {
    let r = try TestRoot(extra: ["city.yaml": "name: Teststadt\nozg_maturity_model: \"3\"\n"]).load()
    #expect(
      r.problems == [
        error(
          "city.yaml", 2, "ozg_maturity_model",
          "\"3\" is not a maturity model (expected \"1\" for levels 0–4 or \"2\" for levels 0–7)", office: nil)
      ])
  }

  @Test func closedBeforeCreatedIsAnError() throws {
    let r = try TestRoot(office: ["backlog.csv": "id,project_id,created,closed\nB-1,P-1,2026-03-10,2026-03-01\n"])
      .load()
    #expect(r.problems == [error(backlogPath, 2, "closed", "2026-03-01 lies before created 2026-03-10")])
    #expect(r.office("amt-1")?.backlog == [])
  }

  @Test func aMilestoneDoneBeforeTheProjectStartIsAWarning() throws {
    let r = try TestRoot(office: ["milestones.csv": "project_id,name,due,done\nP-1,Konzept,2026-02-01,2025-12-20\n"])
      .load()
    #expect(
      r.problems == [warning(milestonesPath, 2, "done", "2025-12-20 lies before the start of project P-1 (2026-01-05)")]
    )
    #expect(r.office("amt-1")?.milestones.count == 1)
  }

  @Test func aServiceIdThatIsNot14DigitsIsAWarning() throws {
    let r = try TestRoot(office: ["ozg.csv": .text(ozgHeader + "2026-W47,99123,Wohnsitz anmelden,2,10,5,12,,\n")])
      .load()
    #expect(r.problems == [warning(ozgPath, 2, "service_id", "\"99123\" is not a 14-digit LeiKa/FIM key")])
    #expect(r.office("amt-1")?.ozg.count == 1)
  }

  @Test func aDueDateBeforeTheStartIsAWarning() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,start,due\nP-1,Eins,active,2026-05-01,2026-04-01\n"])
      .load()
    #expect(r.problems == [warning(projectsPath, 2, "due", "2026-04-01 lies before the start 2026-05-01")])
  }

  @Test func anUpdateAfterTheAsOfDateIsAWarning() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status,updated\nP-1,Eins,active,2026-12-01\n"]).load()
    #expect(r.problems == [warning(projectsPath, 2, "updated", "2026-12-01 lies after the as-of date 2026-11-23")])
    #expect(r.office("amt-1")?.projects.count == 1)
  }

  @Test func anItemCreatedAfterTheAsOfDateIsAWarning() throws {
    let r = try TestRoot(office: ["backlog.csv": "id,project_id,created\nB-1,P-1,2026-11-24\n"]).load()
    #expect(r.problems == [warning(backlogPath, 2, "created", "2026-11-24 lies after the as-of date 2026-11-23")])
  }

  @Test func anItemClosedAfterTheAsOfDateIsAWarning() throws {
    let r = try TestRoot(office: ["backlog.csv": "id,project_id,created,closed\nB-1,P-1,2026-11-02,2026-11-30\n"])
      .load()
    #expect(r.problems == [warning(backlogPath, 2, "closed", "2026-11-30 lies after the as-of date 2026-11-23")])
  }

  @Test func aMilestoneDoneAfterTheAsOfDateIsAWarning() throws {
    let r = try TestRoot(office: ["milestones.csv": "project_id,name,due,done\nP-1,Abnahme,2026-12-01,2026-12-01\n"])
      .load()
    #expect(r.problems == [warning(milestonesPath, 2, "done", "2026-12-01 lies after the as-of date 2026-11-23")])
  }

  @Test func anOZGWeekAfterTheAsOfWeekIsAWarning() throws {
    let r = try TestRoot(office: [
      "ozg.csv": .text(ozgHeader + "2026-W50,99115005070000,Wohnsitz anmelden,2,10,5,12,,\n")
    ]).load()
    #expect(r.problems == [warning(ozgPath, 2, "week", "2026-W50 lies after the as-of week 2026-W48")])
  }

  @Test func aKPIWeekAfterTheAsOfWeekIsAWarning() throws {
    let r = try TestRoot(office: ["kpis.csv": "week,kpi,value\n2026-W49,online_quote,50\n"]).load()
    #expect(r.problems == [warning(kpisPath, 2, "week", "2026-W49 lies after the as-of week 2026-W48")])
  }

  @Test func theAsOfDayItselfIsNotInTheFuture() throws {
    let r = try TestRoot(office: ["backlog.csv": "id,project_id,created\nB-1,P-1,23.11.2026\n"]).load()
    #expect(r.problems == [])
  }
}

// MARK: - YAML

@Suite struct FeedLoaderYAMLTests {
  @Test func aYAMLSyntaxErrorInCityYAMLHasItsLine() throws {
    let yaml = "name: Teststadt\nthresholds:\n  stale_days: 14\n budget_overrun_factor: 1.1\n"
    let r = try TestRoot(extra: ["city.yaml": .text(yaml)]).load()
    #expect(
      r.diagnostics(file: "city.yaml") == [
        error("city.yaml", 4, nil, "YAML syntax error: did not find expected key (column 2)", office: nil)
      ])
  }

  @Test func anUnclosedYAMLQuoteNamesTheLineWhereItOpens() throws {
    let yaml = "id: amt-1\nname: \"Bürgeramt\ncoordinator: M. Becker\n"
    let r = try TestRoot(office: ["office.yaml": .text(yaml)]).load()
    let d = r.diagnostics(file: officeYAMLPath)
    #expect(d.count == 1)
    #expect(d.first?.message.hasSuffix("a quoted value opened in line 2 is not closed") == true)
  }

  @Test func aYAMLSyntaxErrorInOfficeYAMLHasItsLine() throws {
    let yaml = "id: amt-1\nname: Bürgeramt\ncoordinator: M. Becker: Hauptamt\ndigit_since: 2026-03-01\n"
    let r = try TestRoot(office: ["office.yaml": .text(yaml)]).load()
    #expect(
      r.diagnostics(file: officeYAMLPath) == [
        error(officeYAMLPath, 3, nil, "YAML syntax error: mapping values are not allowed in this context (column 23)")
      ])
  }

  @Test func anOfficeWithBrokenYAMLKeepsItsProjects() throws {
    let r = try TestRoot(office: ["office.yaml": "id: amt-1\nname: [Bürgeramt\n"]).load()
    #expect(r.office("amt-1")?.name == "amt-1")
    #expect(r.office("amt-1")?.projects.count == 2)
  }

  @Test func aDuplicateYAMLKeyIsAnError() throws {
    let r = try TestRoot(office: ["office.yaml": "id: amt-1\nname: Bürgeramt\nname: Standesamt\n"]).load()
    #expect(r.diagnostics(file: officeYAMLPath).map(\.severity) == [.error])
  }

  @Test func anUnknownKeyInOfficeYAMLIsAWarningNamingTheNearestKey() throws {
    let r = try TestRoot(office: ["office.yaml": "id: amt-1\nname: Bürgeramt\ncoordinater: M. Becker\n"]).load()
    #expect(
      r.problems == [
        warning(
          officeYAMLPath, 3, "coordinater", "unknown key \"coordinater\" is ignored (did you mean \"coordinator\"?)")
      ])
  }

  @Test func anUnknownNestedKeyInCityYAMLIsAWarningNamingTheNearestKey() throws {
    let r = try TestRoot(extra: ["city.yaml": "name: Teststadt\nthresholds:\n  stale_day: 10\n"]).load()
    #expect(
      r.problems == [
        warning(
          "city.yaml", 3, "thresholds.stale_day", "unknown key \"stale_day\" is ignored (did you mean \"stale_days\"?)",
          office: nil)
      ])
  }

  @Test func aCityWithoutNameIsAnError() throws {
    let r = try TestRoot(extra: ["city.yaml": "ags: \"07315000\"\n"]).load()
    #expect(r.problems == [error("city.yaml", 1, "name", "is missing", office: nil)])
  }

  @Test func aThresholdOutOfRangeIsAnError() throws {
    let r = try TestRoot(extra: ["city.yaml": "name: Teststadt\nthresholds:\n  stale_days: 0\n"]).load()
    #expect(
      r.problems == [error("city.yaml", 3, "thresholds.stale_days", "0 is out of range (expected 1–365)", office: nil)])
    #expect(r.dataSet.city.thresholds.staleDays == 14)
  }

  @Test func aBadDateInOfficeYAMLIsAnError() throws {
    let r = try TestRoot(office: ["office.yaml": "id: amt-1\nname: Bürgeramt\ndigit_since: 31.02.2026\n"]).load()
    #expect(
      r.problems == [
        error(officeYAMLPath, 3, "digit_since", "\"31.02.2026\" is not a date (February 2026 has 28 days, not 31)")
      ])
  }

  @Test func aGermanDateInOfficeYAMLIsRead() throws {
    let r = try TestRoot(office: ["office.yaml": "id: amt-1\nname: Bürgeramt\ndigit_since: 13.04.2026\n"]).load()
    #expect(r.office("amt-1")?.digitSince == day(2026, 4, 13))
  }

  @Test func anOfficeIdThatDiffersFromTheFolderIsAWarning() throws {
    let r = try TestRoot(office: ["office.yaml": "id: amt-33\nname: Bürgeramt\n"]).load()
    #expect(
      r.problems == [
        warning(officeYAMLPath, 1, "id", "\"amt-33\" differs from the folder name \"amt-1\"; the folder name is used")
      ])
    #expect(r.office("amt-1") != nil)
  }

  @Test func kpiDefinitionsAreRead() throws {
    let yaml = """
      name: Teststadt
      kpis:
        - id: processing_days
          label: Bearbeitungsdauer
          label_en: Processing time
          unit: Tage
          index_area: Verwaltung
          aggregate: mean
          target: 14
          direction: down

      """
    let r = try TestRoot(extra: ["city.yaml": .text(yaml)]).load()
    #expect(
      r.dataSet.city.kpis == [
        KPIDefinition(
          id: "processing_days", label: "Bearbeitungsdauer", labelEnglish: "Processing time", unit: "Tage",
          indexArea: .verwaltung,
          aggregate: .mean, target: 14, direction: .down)
      ])
  }

  /// A KPI's short labels (for tiles and table headers) are read; without them the catalog uses the label.
  @Test func kpiShortLabelsAreRead() throws {
    let yaml = """
      name: Teststadt
      kpis:
        - id: schools_wlan
          label: Schulen mit flächendeckendem WLAN
          short_label: Schul-WLAN
          short_label_en: School WLAN

      """
    let r = try TestRoot(extra: ["city.yaml": .text(yaml)]).load()
    #expect(r.dataSet.city.kpis.first?.shortLabel == "Schul-WLAN")
    #expect(r.dataSet.city.kpis.first?.shortLabelEnglish == "School WLAN")
    #expect(r.diagnostics.allSatisfy { $0.severity != .error })
  }

  @Test func aBadKPIIdIsAnError() throws {
    let r = try TestRoot(extra: ["city.yaml": "name: Teststadt\nkpis:\n  - id: Online-Quote\n    label: Quote\n"])
      .load()
    #expect(
      r.problems == [
        error(
          "city.yaml", 3, "kpis[1].id",
          "\"Online-Quote\" is not a KPI id: it contains U+004F LATIN CAPITAL LETTER O at character 1 (use a-z, 0-9 and _)",
          office: nil)
      ])
  }
}

// MARK: - Never silent loss

@Suite struct FeedLoaderNoSilentLossTests {
  @Test func aBadRowIsSkippedAndCounted() throws {
    let r = try TestRoot(office: ["projects.csv": "id,title,status\nP-1,Eins,active\nP-2,Zwei,fertig\nP-3,Drei,done\n"])
      .load()
    #expect(r.stats(projectsPath)?.rowsRead == 2)
    #expect(r.stats(projectsPath)?.rowsSkipped == 1)
    #expect(r.rowsSkipped == 1)
    #expect(r.office("amt-1")?.projects.map(\.id) == ["P-1", "P-3"])
  }

  @Test func aBadFileIsSkippedAndItsOfficeStillShown() throws {
    let r = try TestRoot(office: ["backlog.csv": "id,created\nB-1,2026-03-02\n"]).load()
    #expect(r.problems == [error(backlogPath, 1, nil, "the header has no column project_id (found: id,created)")])
    #expect(r.stats(backlogPath)?.skipped == true)
    #expect(r.office("amt-1")?.projects.count == 2)
    #expect(r.office("amt-1")?.backlog == [])
  }

  @Test func oneOfficesBrokenFileDoesNotAffectAnotherOffice() throws {
    let amt2: [String: FileContent] = [
      "offices/amt-2/office.yaml": "id: amt-2\nname: Standesamt\n",
      "offices/amt-2/projects.csv": "id;title;status;budget_planned\r\nS-1;Eheschließung online;aktiv;52.000,00\r\n",
      "offices/amt-2/backlog.csv": "id,project_id,created\nI-1,S-1,2026-02-02\n",
    ]
    let broken = try TestRoot(
      office: [
        "projects.csv": .bytes([0xFF, 0xFE, 0x69, 0x00]), "backlog.csv": "id,project_id,created\nB-1,P-1,kaputt\n",
      ],
      extra: amt2.mapValues { $0 }
    ).load()
    var alone = amt2
    alone["city.yaml"] = .text(TestRoot.cityYAML)
    let clean = try TestRoot(alone).load()
    #expect(broken.diagnostics(office: "amt-2") == [])
    #expect(broken.office("amt-2") == clean.office("amt-2"))
    #expect(broken.office("amt-2")?.projects.first?.budgetPlanned == 52_000)
  }

  @Test func errorsLeftOutByTheCapStillCount() throws {
    let rows = (1...30).map { "B-\($0),P-1,kein Datum\n" }.joined()
    let r = try TestRoot(office: ["backlog.csv": .text("id,project_id,created\n" + rows)]).load()
    #expect(r.errorCount == 30)
  }

  @Test func aDiagnosticReadsLikeACompilerMessage() {
    let d = Diagnostic(
      .error, office: "amt-33", file: "offices/amt-33/backlog.csv", line: 118, column: "created",
      "\"31.02.2026\" is not a date (February 2026 has 28 days, not 31)")
    #expect(
      d.description
        == "offices/amt-33/backlog.csv:118: error: created: \"31.02.2026\" is not a date (February 2026 has 28 days, not 31)"
    )
  }

  @Test func theDiagnosticCapIs25PerKind() {
    #expect(DiagnosticSink.perKindLimit == 25)
  }

  @Test func manyBadRowsAreCappedWithASummaryOfTheTotal() throws {
    let rows = (1...30).map { "B-\($0),P-1,kein Datum\n" }.joined()
    let r = try TestRoot(office: ["backlog.csv": .text("id,project_id,created\n" + rows)]).load()
    let diagnostics = r.diagnostics(file: backlogPath)
    #expect(diagnostics.count == 26)
    #expect(diagnostics.filter { $0.line != nil }.map(\.line) == (2...26).map { Optional($0) })
    let summary = try #require(diagnostics.last)
    #expect(summary.severity == .error)
    #expect(summary.line == nil)
    #expect(summary.column == "created")
    #expect(summary.message.hasPrefix("5 more errors like "))
    #expect(summary.message.hasSuffix(" (30 in all)"))
    #expect(r.stats(backlogPath)?.rowsSkipped == 30)
  }

  @Test func theCapCountsEachColumnSeparately() throws {
    let rows = (1...26).map { "B-\($0),P-9,kein Datum\n" }.joined()
    let r = try TestRoot(office: ["backlog.csv": .text("id,project_id,created\n" + rows)]).load()
    let summaries = r.diagnostics(file: backlogPath).filter { $0.line == nil }
    #expect(summaries.map(\.column) == ["created", "project_id"])
    #expect(summaries.map { $0.message.hasPrefix("1 more error like ") } == [true, true])
    #expect(summaries.map { $0.message.hasSuffix(" (26 in all)") } == [true, true])
  }
}

// MARK: - Parallel and sequential loading

@Suite struct FeedLoaderParallelTests {
  @Test func parallelAndSequentialLoadingGiveTheSameResult() throws {
    var files: [String: FileContent] = ["city.yaml": .text(TestRoot.cityYAML)]
    for o in 1...5 {
      files["offices/amt-\(o)/office.yaml"] = .text("id: amt-\(o)\nname: Amt \(o)\n")
      files["offices/amt-\(o)/projects.csv"] = .text("id,title,status\nP-\(o),Projekt,active\nP-\(o)x,Kaputt,fertig\n")
      files["offices/amt-\(o)/backlog.csv"] = .text(
        "id,project_id,created\nB-1,P-\(o),2026-0\(o)-02\nB-2,P-1,2026-01-01\n")
    }
    let root = try TestRoot(files)
    let parallel = try root.load(parallel: true)
    let sequential = try root.load(parallel: false)
    #expect(parallel.dataSet == sequential.dataSet)
    #expect(parallel.diagnostics == sequential.diagnostics)
    #expect(parallel.files == sequential.files)
    #expect(parallel.dataSet.offices.map(\.id) == ["amt-1", "amt-2", "amt-3", "amt-4", "amt-5"])
    #expect(parallel.errorCount == 9)
  }

  @Test func officeYAMLGivesTheDatenstandAndKPITargetsAndKPIsCSVATargetColumn() throws {
    let r = try TestRoot(office: [
      "office.yaml": .text(TestRoot.officeYAML + "data_as_of: 22.11.2026\ntargets:\n  online_quote: 70\n"),
      "kpis.csv": "week,kpi,value,target\n2026-W46,online_quote,50,55\n2026-W47,online_quote,52,\n",
    ]).load()
    #expect(r.problems == [])
    let office = try #require(r.dataSet.offices.first)
    #expect(office.declaredDataAsOf == Day(year: 2026, month: 11, day: 22))
    #expect(office.kpiTargets == ["online_quote": 70])  // office.yaml wins over the column
    let column = try TestRoot(office: [
      "kpis.csv": "week,kpi,value,target\n2026-W46,online_quote,50,55\n2026-W47,online_quote,52,\n"
    ]).load()
    #expect(column.dataSet.offices.first?.kpiTargets == ["online_quote": 55])
    let unknown = try TestRoot(office: ["office.yaml": .text(TestRoot.officeYAML + "targets:\n  nope: 1\n")]).load()
    #expect(unknown.problems.contains { $0.description.contains("nope") })
  }

  @Test func aMissingOrUnusableFeedFileIsRecordedAsMissing() throws {
    let r = try TestRoot(office: ["projects.csv": nil, "backlog.csv": "id,project_id,created\nB-1,P-1,2026-01-05\n"])
      .load()
    #expect(r.dataSet.offices.first?.missingFeeds == [.projects, .backlog])
    let broken = try TestRoot(office: ["kpis.csv": "week,value\n2026-W46,5\n"]).load()  // no kpi column
    #expect(broken.dataSet.offices.first?.missingFeeds == [.kpis])
    #expect(try TestRoot(office: [:]).load().dataSet.offices.first?.missingFeeds == [])
  }
}
