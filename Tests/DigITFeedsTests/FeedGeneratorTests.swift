import DigITCore
import DigITMetrics
import Testing

@testable import DigITFeeds

/// Small generator options: 3 offices, 2 projects of 5 items each, 2 services, 10 weeks.
private func smallOptions(seed: UInt64 = 7, german: Bool = false) -> FeedGenerator.Options {
  var o = FeedGenerator.Options()
  o.offices = 3
  o.projects = 2
  o.items = 5
  o.services = 2
  o.weeks = 10
  o.seed = seed
  o.german = german
  return o
}

/// Generates into a fresh folder and returns the folder (removed when the value goes away).
private func generate(_ options: FeedGenerator.Options) throws -> TestRoot {
  let root = try TestRoot([:])
  try FeedGenerator(options: options).write(to: root.path)
  return root
}

@Suite struct FeedGeneratorTests {
  @Test func aPlainGeneratedRootLoadsWithoutErrorsOrWarnings() throws {
    let options = smallOptions()
    let r = try generate(options).load(asOf: options.until)
    #expect(r.problems == [])
  }

  @Test func aGermanGeneratedRootLoadsWithoutErrorsOrWarnings() throws {
    let options = smallOptions(german: true)
    let r = try generate(options).load(asOf: options.until)
    #expect(r.problems == [])
  }

  @Test func aLargerGermanRootWithThousandsLoadsWithoutErrorsOrWarnings() throws {
    var options = smallOptions(seed: 99, german: true)
    options.offices = 16
    options.projects = 6
    options.weeks = 60
    let r = try generate(options).load(asOf: options.until)
    #expect(r.problems == [])
    #expect(r.rowsSkipped == 0)
  }

  @Test func theDefaultUntilDayIs2026November22() {
    #expect(FeedGenerator.Options().until == day(2026, 11, 22))
  }

  @Test func generatingTwiceGivesByteIdenticalFiles() throws {
    let a = try generate(smallOptions(german: true)).contents()
    let b = try generate(smallOptions(german: true)).contents()
    #expect(a.count == 20)
    #expect(a == b)
  }

  @Test func differentSeedsGiveDifferentData() throws {
    let a = try generate(smallOptions(seed: 1)).contents()
    let b = try generate(smallOptions(seed: 2)).contents()
    #expect(a.keys.sorted() == b.keys.sorted())
    #expect(a["offices/amt-001/backlog.csv"] != b["offices/amt-001/backlog.csv"])
    #expect(a["offices/amt-001/ozg.csv"] != b["offices/amt-001/ozg.csv"])
  }

  @Test func theFilesOfTheRootAreWritten() throws {
    let files = try generate(smallOptions()).contents()
    #expect(
      files.keys.sorted() == [
        "city.yaml", "index/smart-city-index.csv",
        "offices/amt-001/backlog.csv", "offices/amt-001/kpis.csv", "offices/amt-001/milestones.csv",
        "offices/amt-001/office.yaml",
        "offices/amt-001/ozg.csv", "offices/amt-001/projects.csv",
        "offices/amt-002/backlog.csv", "offices/amt-002/kpis.csv", "offices/amt-002/milestones.csv",
        "offices/amt-002/office.yaml",
        "offices/amt-002/ozg.csv", "offices/amt-002/projects.csv",
        "offices/amt-003/backlog.csv", "offices/amt-003/kpis.csv", "offices/amt-003/milestones.csv",
        "offices/amt-003/office.yaml",
        "offices/amt-003/ozg.csv", "offices/amt-003/projects.csv",
      ])
  }

  @Test func theNumberOfOfficesMatchesTheOptions() throws {
    let r = try generate(smallOptions()).load(asOf: FeedGenerator.Options().until)
    #expect(r.dataSet.offices.map(\.id) == ["amt-001", "amt-002", "amt-003"])
  }

  @Test func theNumberOfProjectsMilestonesAndItemsMatchesTheOptions() throws {
    let r = try generate(smallOptions()).load(asOf: FeedGenerator.Options().until)
    #expect(r.dataSet.offices.map(\.projects.count) == [2, 2, 2])
    #expect(r.dataSet.offices.map(\.milestones.count) == [6, 6, 6])
    #expect(r.dataSet.offices.map(\.backlog.count) == [10, 10, 10])
  }

  @Test func theNumberOfServicesWeeksAndKPIValuesMatchesTheOptions() throws {
    let r = try generate(smallOptions()).load(asOf: FeedGenerator.Options().until)
    #expect(r.dataSet.offices.map(\.services.count) == [2, 2, 2])
    #expect(r.dataSet.offices.map(\.ozg.count) == [20, 20, 20])
    #expect(r.dataSet.offices.map(\.kpis.count) == [30, 30, 30])
  }

  @Test func theHistoryEndsInTheWeekOfUntil() throws {
    let r = try generate(smallOptions()).load(asOf: FeedGenerator.Options().until)
    let weeks = r.dataSet.offices[0].ozg.map(\.week)
    #expect(weeks.max() == ISOWeek(year: 2026, week: 47)!)
    #expect(weeks.min() == ISOWeek(year: 2026, week: 38)!)
  }

  @Test func theIndexFileHasThreeYearsOfSixAreas() throws {
    let r = try generate(smallOptions()).load(asOf: FeedGenerator.Options().until)
    #expect(r.dataSet.indexScores.count == 18)
    #expect(Set(r.dataSet.indexScores.map(\.year)) == [2023, 2024, 2025])
  }

  @Test func germanFilesHaveBOMSemicolonsAndCRLF() throws {
    let files = try generate(smallOptions(german: true)).contents()
    let projects = try #require(files["offices/amt-001/projects.csv"])
    #expect(Array(projects.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(String(decoding: projects.dropFirst(3).prefix(14), as: UTF8.self) == "id;title;categ")
    #expect(String(decoding: projects.dropFirst(3), as: UTF8.self).split(separator: "\r\n").count == 3)
  }

  @Test func germanAndPlainRootsOfTheSameSeedHoldTheSameData() throws {
    let r = try generate(smallOptions(german: true)).load(asOf: FeedGenerator.Options().until)
    let plain = try generate(smallOptions(german: false)).load(asOf: FeedGenerator.Options().until)
    #expect(r.dataSet.offices == plain.dataSet.offices)
  }

  @Test func plainFilesHaveNoBOMAndLF() throws {
    let files = try generate(smallOptions()).contents()
    let projects = try #require(files["offices/amt-001/projects.csv"])
    #expect(String(decoding: projects.prefix(15), as: UTF8.self) == "id,title,catego")
    #expect(!projects.contains(0x0D))
  }

  @Test func zeroOfficesWriteARootWithoutOffices() throws {
    var options = smallOptions()
    options.offices = 0
    let r = try generate(options).load(asOf: options.until)
    #expect(r.dataSet.offices == [])
    #expect(r.problems == [Diagnostic(.error, file: "offices", "there are no office folders")])
  }
}
