import DigITCore
import DigITMetrics
import Testing

@testable import DigITFeeds

/// The package's Sample-Data folder, three levels up from this file (Tests/DigITFeedsTests/…).
private let sampleData: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/") + "/Sample-Data"
}()

private let asOf = Day(year: 2026, month: 11, day: 23)!

/// The Sample-Data loaded once (it does not change while the tests run).
private let sample: Result<LoadResult, FeedRootError> = Result { try FeedLoader(root: sampleData, asOf: asOf).load() }
  .mapError { $0 as! FeedRootError }

private func loaded() throws -> LoadResult { try sample.get() }

@Suite struct SampleDataTests {
  @Test func sampleDataLoadsWithoutErrors() throws {
    #expect(try loaded().diagnostics.filter { $0.severity == .error } == [])
  }

  @Test func sampleDataHasExactlyTheWindows1252Warning() throws {
    #expect(
      try loaded().diagnostics.filter { $0.severity == .warning } == [
        Diagnostic(
          .warning, office: "standesamt", file: "offices/standesamt/projects.csv",
          "the file is not valid UTF-8; it was read as Windows-1252 (save it as \"CSV UTF-8\" to avoid this)")
      ])
  }

  @Test func sampleDataSkipsNoRows() throws {
    #expect(try loaded().rowsSkipped == 0)
    #expect(try loaded().files.filter(\.skipped) == [])
  }

  @Test func sampleDataHas15Offices() throws {
    #expect(
      try loaded().dataSet.offices.map(\.id) == [
        "auslaenderbehoerde", "bauaufsicht", "buergeramt", "hauptamt-it", "jugendamt", "kfz-zulassung", "ordnungsamt",
        "presse-online", "schulamt", "sozialamt", "stadtplanung", "standesamt", "statistik-wahlen", "steueramt",
        "umwelt",
      ])
  }

  @Test func theCityIsMainzWithSevenKPIs() throws {
    let city = try loaded().dataSet.city
    #expect(city.name == "Mainz")
    #expect(city.ags == "07315000")
    #expect(city.kpis.count == 7)
    #expect(city.indexTarget == IndexTarget(year: 2027, score: 72.0, rank: 40))
    #expect(city.digitalShareTarget == 0.6)
  }

  @Test func thePublishedIndexFiguresAreRead() throws {
    let scores = try loaded().dataSet.indexScores
    #expect(scores.count == 18)
    #expect(scores.contains(IndexScore(year: 2025, area: .gesamt, score: 68.5, rank: 51)))
    #expect(scores.contains(IndexScore(year: 2025, area: .verwaltung, score: 70.2, rank: nil)))
    #expect(scores.contains(IndexScore(year: 2023, area: .gesamt, score: 62.2, rank: nil)))
  }

  @Test func theBuergeramtHasSevenProjects() throws {
    let office = try #require(try loaded().office("buergeramt"))
    #expect(office.projects.count == 7)
    #expect(office.projects[0].id == "P-33-001")
    #expect(office.projects[0].budgetPlanned == 95_000)
    #expect(office.projects[0].status == .done)
  }

  @Test func officeNamesKeepTheirUmlauts() throws {
    let office = try #require(try loaded().office("auslaenderbehoerde"))
    #expect(office.name == "Ausländerbehörde")
    #expect(office.coordinator == "D. Öztürk")
    #expect(office.digitSince == day(2026, 4, 13))
  }

  @Test func aGermanDialectBudgetWithEuroSignIsRead() throws {
    let p = try #require(try loaded().office("auslaenderbehoerde")?.projects.first)
    #expect(p.id == "P-31-001")
    #expect(p.title == "E-Akte Ausländerbehörde: Scan-Straße; Posteingang digital")
    #expect(p.budgetPlanned == 540_000)
    #expect(p.budgetSpent == 616_000)
    #expect(p.start == day(2024, 9, 2))
    #expect(p.risk == .high)
  }

  @Test func aGermanDialectDateWithTimeIsRead() throws {
    let office = try #require(try loaded().office("auslaenderbehoerde"))
    let item = try #require(office.backlog.first)
    #expect(office.text(item.id) == "ABH-101")
    #expect(item.created == day(2024, 11, 29))
    #expect(item.closed == day(2024, 12, 6))
  }

  @Test func aGermanDialectOZGRowIsRead() throws {
    let office = try #require(try loaded().office("sozialamt"))
    #expect(office.services.first == OZGService(id: "99107003000000", name: "Wohngeld beantragen"))
    #expect(
      office.ozg.first
        == OZGWeek(
          service: 0, week: ISOWeek(year: 2024, week: 48)!, maturity: 2, online: 14, paper: 123, completed: 126,
          pending: 726, medianDays: 47))
  }

  @Test func theWindows1252FileKeepsItsUmlauts() throws {
    let projects = try #require(try loaded().office("standesamt")?.projects)
    #expect(projects[0].owner == "L. Krämer")
    #expect(projects[0].budgetPlanned == 45_000)
    #expect(projects[1].title == "Eheschließung: Anmeldung online vorbereiten")
  }

  @Test func aQuotedTitleWithDoubledQuotesIsRead() throws {
    let projects = try #require(try loaded().office("presse-online")?.projects)
    #expect(projects[1].title == "KI-Assistent \"Frag Mainz\" im Bürgerservice")
  }

  @Test func parallelAndSequentialLoadingOfSampleDataAgree() throws {
    let sequential = try FeedLoader(root: sampleData, asOf: asOf, parallel: false).load()
    let parallel = try loaded()
    #expect(sequential.dataSet == parallel.dataSet)
    #expect(sequential.diagnostics == parallel.diagnostics)
    #expect(sequential.files == parallel.files)
  }
}
