import DigITCore
import DigITMetrics
import Testing

/// Backlog items and OZG rows keep a missing value as a reserved value of a narrow field; read back, every
/// optional is what was stored, and two million items stay small.
@Suite struct CompactRowsTests {
  let day = Day(year: 2026, month: 3, day: 5)!

  @Test func rowsAreNarrow() {
    #expect(MemoryLayout<BacklogItem>.stride == 36)
    #expect(MemoryLayout<OZGWeek>.stride == 36)
  }

  private func item(closed: Day?, points: Float?, labels: LabelRef = LabelRef(index: 0)) -> BacklogItem {
    BacklogItem(
      project: 2, id: TextRef(start: 0, count: 3), title: TextRef(start: 3, count: 5), labels: labels,
      created: Day(year: 2026, month: 1, day: 5)!, closed: closed, points: points)
  }

  @Test func aBacklogItemGivesBackItsClosingDayAndPoints() {
    for closed in [nil, day, Day(rawValue: 0), Day(year: 1900, month: 1, day: 1)] {
      for points: Float? in [nil, 0, -0.0, 2.5, 1e9, .greatestFiniteMagnitude] {
        let i = item(closed: closed, points: points)
        #expect(i.closed == closed)
        #expect(i.points == points)
        #expect(i.points?.sign == points?.sign)
      }
    }
    var i = item(closed: nil, points: nil)
    i.closed = day
    i.points = 3
    #expect(i == item(closed: day, points: 3))
    i.closed = nil
    i.points = nil
    #expect(i == item(closed: nil, points: nil))
  }

  @Test func backlogItemsCompareLikeTheirOptionals() {
    #expect(item(closed: nil, points: 0) == item(closed: nil, points: -0.0))  // as Float? compares
    #expect(item(closed: nil, points: nil) != item(closed: nil, points: 0))
    #expect(item(closed: nil, points: 1) != item(closed: day, points: 1))
    #expect(item(closed: day, points: 1) != item(closed: day, points: 1, labels: LabelRef(index: 1)))
  }

  private func row(pending: Int32?, median: Double?, model: OZGMaturityModel?) -> OZGWeek {
    OZGWeek(
      service: 1, week: ISOWeek(year: 2026, week: 10)!, maturity: 3, online: 4, paper: 5, completed: 6,
      pending: pending, medianDays: median, model: model)
  }

  @Test func anOZGRowGivesBackPendingMedianAndModel() {
    for pending: Int32? in [nil, 0, 7, Int32.max] {
      for median: Double? in [nil, 0, -0.0, 4.5, 30.9, 1e15, .leastNonzeroMagnitude] {
        for model: OZGMaturityModel? in [nil, .v1, .v2] {
          let r = row(pending: pending, median: median, model: model)
          #expect(r.pending == pending)
          #expect(r.medianDays == median)
          #expect(r.medianDays?.sign == median?.sign)
          #expect(r.model == model)
          #expect(
            (r.service, r.week, r.maturity, r.online, r.paper, r.completed) == (
              1, ISOWeek(year: 2026, week: 10)!, 3, 4, 5, 6
            ))
        }
      }
    }
    var r = row(pending: nil, median: nil, model: nil)
    r.pending = 9
    r.medianDays = 2.25
    r.model = .v2
    #expect(r == row(pending: 9, median: 2.25, model: .v2))
    #expect(row(pending: nil, median: 0, model: nil) == row(pending: nil, median: -0.0, model: nil))
    #expect(row(pending: nil, median: nil, model: nil) != row(pending: 0, median: nil, model: nil))
    #expect(row(pending: nil, median: nil, model: nil) != row(pending: nil, median: 0, model: nil))
    #expect(row(pending: nil, median: nil, model: nil) != row(pending: nil, median: nil, model: .v1))
  }

  @Test func theLabelPoolKeepsEachPairOnceInOrderOfFirstUse() {
    var office = Office(id: "a", name: "A")
    let bug = office.labels.intern(type: "bug", priority: "hoch")
    let task = office.labels.intern(type: "task", priority: "")
    #expect(office.labels.intern(type: "bug", priority: "hoch") == bug)
    #expect(office.labels.intern(type: "bug", priority: "mittel") != bug)
    #expect(office.labels.count == 3)
    #expect(office.labels.all.map(\.type) == ["bug", "task", "bug"])
    office.backlog = [item(closed: nil, points: nil, labels: bug), item(closed: nil, points: nil, labels: task)]
    #expect(office.type(of: office.backlog[0]) == "bug")
    #expect(office.priority(of: office.backlog[0]) == "hoch")
    #expect(office.type(of: office.backlog[1]) == "task")
    #expect(office.priority(of: office.backlog[1]) == "")
    var other = LabelPool()
    _ = other.intern(type: "task", priority: "")
    _ = other.intern(type: "bug", priority: "hoch")
    _ = other.intern(type: "bug", priority: "mittel")
    #expect(other != office.labels)  // the same pairs in another order: the references differ
    // Two spellings of one word (equal as Strings) stay apart, each as given.
    let composed = office.labels.intern(type: "Qualit\u{E4}t", priority: "")
    let decomposed = office.labels.intern(type: "Qualita\u{308}t", priority: "")
    #expect(composed != decomposed)
    #expect(Array(office.labels[decomposed].type.utf8) == Array("Qualita\u{308}t".utf8))
    var same = LabelPool()
    for pair in office.labels.all { _ = same.intern(type: pair.type, priority: pair.priority) }
    #expect(same == office.labels)
  }
}
