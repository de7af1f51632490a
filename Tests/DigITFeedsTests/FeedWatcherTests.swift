import DigITCore
import DigITMetrics
import Foundation
import Testing

@testable import DigITFeeds

/// Change detection and the incremental reload of the dashboard.
@Suite struct FeedWatcherTests {
  func twoOffices() throws -> TestRoot {
    try TestRoot([
      "city.yaml": .text(TestRoot.cityYAML),
      "offices/amt-1/office.yaml": "id: amt-1\nname: Bürgeramt\n",
      "offices/amt-1/projects.csv": "id,title,status\nP-1,Eins,active\n",
      "offices/amt-2/office.yaml": "id: amt-2\nname: Ordnungsamt\n",
      "offices/amt-2/projects.csv": "id,title,status\nP-2,Zwei,active\n",
    ])
  }

  @Test func nothingChangedMeansNoChanges() throws {
    let root = try twoOffices()
    let a = FeedFingerprint.scan(root.path)
    #expect(FeedFingerprint.scan(root.path).changes(since: a).isEmpty)
  }

  @Test func aChangedOfficeFileNamesTheOffice() throws {
    let root = try twoOffices()
    let before = FeedFingerprint.scan(root.path)
    try "id,title,status\nP-2,Zwei,active\nP-3,Drei,planned\n".write(
      toFile: root.path + "/offices/amt-2/projects.csv", atomically: true, encoding: .utf8)
    let c = FeedFingerprint.scan(root.path).changes(since: before)
    #expect(c.files == ["offices/amt-2/projects.csv"])
    #expect(c.offices == ["amt-2"])
    #expect(!c.city)
  }

  @Test func addedRemovedAndCityFiles() throws {
    let root = try twoOffices()
    let before = FeedFingerprint.scan(root.path)
    try "week,kpi,value\n".write(toFile: root.path + "/offices/amt-1/kpis.csv", atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(atPath: root.path + "/offices/amt-2/office.yaml")
    try (TestRoot.cityYAML + "\n").write(toFile: root.path + "/city.yaml", atomically: true, encoding: .utf8)
    let c = FeedFingerprint.scan(root.path).changes(since: before)
    #expect(c.files == ["city.yaml", "offices/amt-1/kpis.csv", "offices/amt-2/office.yaml"])
    #expect(c.offices == ["amt-1", "amt-2"])
    #expect(c.city)
  }

  @Test func anIncrementalReloadReadsOnlyChangedOfficesAndEqualsAFullLoad() throws {
    let root = try twoOffices()
    let first = try root.load()
    try "id,title,status\nP-2,Zwei,done\nP-3,Drei,planned\n".write(
      toFile: root.path + "/offices/amt-2/projects.csv", atomically: true, encoding: .utf8)
    // amt-1 is taken from the previous result: prove it by changing its file without telling the loader.
    try "id,title,status\nP-1,Geändert,active\n".write(
      toFile: root.path + "/offices/amt-1/projects.csv", atomically: true, encoding: .utf8)
    let loader = FeedLoader(root: root.path, asOf: TestRoot.asOf)
    let incremental = try loader.load(reusing: first, unchanged: ["amt-1"])
    #expect(incremental.dataSet.offices.map(\.id) == ["amt-1", "amt-2"])
    #expect(incremental.dataSet.offices[0].projects[0].title == "Eins")  // reused
    #expect(incremental.dataSet.offices[1].projects.map(\.id) == ["P-2", "P-3"])  // re-read
    #expect(incremental.dataSet.offices[1].projects[0].status == .done)
    // Re-reading everything gives amt-1's new title, and otherwise the same.
    let full = try loader.load()
    #expect(full.dataSet.offices[0].projects[0].title == "Geändert")
    #expect(full.dataSet.offices[1] == incremental.dataSet.offices[1])
    #expect(full.files.count == incremental.files.count)
  }

  @Test func reusedOfficesDoNotRepeatCrossOfficeWarnings() throws {
    let root = try TestRoot([
      "city.yaml": .text(TestRoot.cityYAML),
      "offices/amt-1/office.yaml": "id: amt-1\nname: A\n",
      "offices/amt-1/projects.csv": "id,title,status\nP-1,Eins,active\n",
      "offices/amt-2/office.yaml": "id: amt-2\nname: B\n",
      "offices/amt-2/projects.csv": "id,title,status\nP-1,Doppelt,active\n",
    ])
    let first = try root.load()
    let again = try FeedLoader(root: root.path, asOf: TestRoot.asOf).load(
      reusing: first, unchanged: ["amt-1", "amt-2"])
    #expect(again.diagnostics == first.diagnostics)
    #expect(again.warningCount == 1)
  }
}
