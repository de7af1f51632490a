import DigITCore
import Testing

@testable import DigITMetrics

/// Percentiles follow numpy's default (`linear`) method: rank h = p × (n − 1), value = x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋+1] − x[⌊h⌋]).
@Suite struct PercentileTests {
  /// Floating-point results such as 0.85 × 3 are not exact; hand-worked values are compared within this tolerance.
  static let tolerance = 1e-9

  static func close(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) < tolerance
  }

  /// Pseudo-random values in `range`, reproducible (SplitMix64 with a fixed seed).
  static func randomValues(count: Int, in range: ClosedRange<Int32>, seed: UInt64) -> [Int32] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in Int32.random(in: range, using: &rng) }
  }

  static let ps: [Double] = [0, 0.1, 0.25, 0.5, 0.75, 0.85, 0.9, 0.99, 1]

  // MARK: Percentile.of(sorted:_:)

  @Test func emptyValuesHaveNoPercentile() {
    #expect(Percentile.of(sorted: [Int](), 0.5) == nil)
    #expect(Percentile.of(sorted: [Int32](), 0) == nil)
    #expect(Percentile.of(sorted: [Int32](), 1) == nil)
  }

  @Test func oneValueIsEveryPercentile() {
    for p in Self.ps { #expect(Percentile.of(sorted: [7], p) == 7, "p = \(p)") }
  }

  @Test func medianOfOddCountIsTheMiddleValue() {
    // h = 0.5 × 4 = 2 → x[2] = 30.
    #expect(Percentile.of(sorted: [10, 20, 30, 40, 50], 0.5) == 30)
  }

  @Test func medianOfEvenCountIsMeanOfTheTwoMiddleValues() {
    // h = 0.5 × 3 = 1.5 → 2 + 0.5 × (3 − 2) = 2.5.
    #expect(Percentile.of(sorted: [1, 2, 3, 4], 0.5) == 2.5)
    // h = 0.5 × 5 = 2.5 → 4 + 0.5 × (10 − 4) = 7.
    #expect(Percentile.of(sorted: [1, 2, 4, 10, 11, 12], 0.5) == 7)
    // Two values: their mean, 5 + 0.5 × (8 − 5) = 6.5.
    #expect(Percentile.of(sorted: [5, 8], 0.5) == 6.5)
  }

  @Test func p85InterpolatesLikeNumpyLinear() {
    // [1, 2, 3, 4]: h = 0.85 × 3 = 2.55 → 3 + 0.55 × (4 − 3) = 3.55 (numpy.percentile: 3.55).
    #expect(Self.close(Percentile.of(sorted: [1, 2, 3, 4], 0.85), 3.55))
    // [1, 2, 3]: h = 0.85 × 2 = 1.7 → 2 + 0.7 × (3 − 2) = 2.7.
    #expect(Self.close(Percentile.of(sorted: [1, 2, 3], 0.85), 2.7))
    // [10, 20, 30, 40, 50]: h = 0.85 × 4 = 3.4 → 40 + 0.4 × 10 = 44.
    #expect(Self.close(Percentile.of(sorted: [10, 20, 30, 40, 50], 0.85), 44))
    // [3, 3, 3, 8]: h = 2.55 → 3 + 0.55 × (8 − 3) = 5.75.
    #expect(Self.close(Percentile.of(sorted: [3, 3, 3, 8], 0.85), 5.75))
  }

  @Test func p85OfNegativeValues() {
    // [-5, -2, 0, 4, 9, 9, 30]: h = 0.85 × 6 = 5.1 → 9 + 0.1 × (30 − 9) = 11.1; median h = 3 → 4.
    let values = [-5, -2, 0, 4, 9, 9, 30]
    #expect(Self.close(Percentile.of(sorted: values, 0.85), 11.1))
    #expect(Percentile.of(sorted: values, 0.5) == 4)
  }

  @Test func p0IsTheMinimumAndP1TheMaximum() {
    let values = [-5, -2, 0, 4, 9, 9, 30]
    #expect(Percentile.of(sorted: values, 0) == -5)
    #expect(Percentile.of(sorted: values, 1) == 30)
    #expect(Percentile.of(sorted: [1, 2, 3, 4], 0) == 1)
    #expect(Percentile.of(sorted: [1, 2, 3, 4], 1) == 4)
  }

  @Test func pOutsideZeroToOneIsClamped() {
    #expect(Percentile.of(sorted: [1, 2, 3, 4], -0.5) == 1)
    #expect(Percentile.of(sorted: [1, 2, 3, 4], 1.5) == 4)
  }

  @Test func sliceWithNonZeroStartIndex() {
    // The slice [1, 2, 3, 4] starts at index 1 of its array; the result must be that of [1, 2, 3, 4].
    let slice = [100, 1, 2, 3, 4][1...]
    #expect(Percentile.of(sorted: slice, 0.5) == 2.5)
    #expect(Self.close(Percentile.of(sorted: slice, 0.85), 3.55))
    #expect(Percentile.of(sorted: slice, 0) == 1)
  }

  // MARK: DayHistogram

  @Test func emptyHistogramHasNoPercentile() {
    let h = DayHistogram()
    #expect(h.total == 0)
    #expect(h.percentile(0.5) == nil)
    #expect(DayHistogram([]).percentile(0.85) == nil)
  }

  @Test func histogramMatchesHandWorkedValues() {
    let h = DayHistogram([4, 1, 3, 2])
    #expect(h.total == 4)
    #expect(h.percentile(0.5) == 2.5)
    #expect(Self.close(h.percentile(0.85), 3.55))
    #expect(h.percentile(0) == 1)
    #expect(h.percentile(1) == 4)
  }

  @Test func histogramMatchesPercentileOfSortedValues() {
    let values: [Int32] = [12, 3, 3, 40, 7, 0, 21, 7, 7, 15]
    let h = DayHistogram(values)
    let sorted = values.sorted()
    for p in Self.ps { #expect(h.percentile(p) == Percentile.of(sorted: sorted, p), "p = \(p)") }
  }

  @Test func histogramWithNegativeValuesMatchesPercentile() {
    let values: [Int32] = [-3, 5, -10, 0, 2, -1, -10, 8]
    let h = DayHistogram(values)
    #expect(h.offset == -10)
    let sorted = values.sorted()
    for p in Self.ps { #expect(h.percentile(p) == Percentile.of(sorted: sorted, p), "p = \(p)") }
  }

  @Test func histogramGrowsDownwardsAndUpwards() {
    // First 50, then smaller (grows downwards), then larger (grows upwards), then in between.
    let values: [Int32] = [50, 40, 10, -5, 60, 100, 45, 45, 30, 99, -6]
    let h = DayHistogram(values)
    #expect(h.offset == -6)
    #expect(h.counts.count == 107)  // -6 … 100
    #expect(h.total == values.count)
    let sorted = values.sorted()
    for p in Self.ps { #expect(h.percentile(p) == Percentile.of(sorted: sorted, p), "p = \(p)") }
  }

  @Test func histogramWithRepeatedValues() {
    let values: [Int32] = [5, 5, 5, 5, 9, 9, 1, 5, 1]
    var h = DayHistogram()
    for v in values { h.add(v) }
    #expect(h.counts == [2, 0, 0, 0, 5, 0, 0, 0, 2])
    let sorted = values.sorted()
    for p in Self.ps { #expect(h.percentile(p) == Percentile.of(sorted: sorted, p), "p = \(p)") }
  }

  @Test func addWithCountEqualsRepeatedAdd() {
    var counted = DayHistogram()
    counted.add(3, count: 4)
    counted.add(-2, count: 2)
    let repeated = DayHistogram([3, 3, 3, 3, -2, -2])
    #expect(counted == repeated)
    #expect(counted.total == 6)
  }

  @Test func histogramOfRandomValuesMatchesPercentile() {
    for seed: UInt64 in 1...20 {
      let values = Self.randomValues(count: Int(seed) * 7, in: -30...400, seed: seed)
      let h = DayHistogram(values)
      let sorted = values.sorted()
      for p in Self.ps { #expect(h.percentile(p) == Percentile.of(sorted: sorted, p), "seed \(seed), p = \(p)") }
    }
  }

  @Test func mergeEqualsHistogramOfConcatenation() {
    let a: [Int32] = [10, 3, 7, 7]
    let b: [Int32] = [-4, 25, 7, 12, 0]
    var merged = DayHistogram(a)
    merged.merge(DayHistogram(b))
    let whole = DayHistogram(a + b)
    #expect(merged == whole)
    #expect(merged.total == 9)
    let sorted = (a + b).sorted()
    for p in Self.ps { #expect(merged.percentile(p) == Percentile.of(sorted: sorted, p), "p = \(p)") }
  }

  @Test func mergeOfDisjointRangesInBothDirections() {
    let low: [Int32] = [1, 2, 2]
    let high: [Int32] = [100, 120]
    var lowFirst = DayHistogram(low)
    lowFirst.merge(DayHistogram(high))
    var highFirst = DayHistogram(high)
    highFirst.merge(DayHistogram(low))
    #expect(lowFirst == DayHistogram(low + high))
    #expect(highFirst == DayHistogram(low + high))
  }

  @Test func mergeOfRandomHistogramsEqualsConcatenation() {
    for seed: UInt64 in 1...10 {
      let a = Self.randomValues(count: 20, in: -50...200, seed: seed)
      let b = Self.randomValues(count: 13, in: 0...500, seed: seed + 100)
      var merged = DayHistogram(a)
      merged.merge(DayHistogram(b))
      #expect(merged == DayHistogram(a + b), "seed \(seed)")
    }
  }

  @Test func mergeIntoEmptyHistogram() {
    let other = DayHistogram([5, -1, 8])
    var h = DayHistogram()
    h.merge(other)
    #expect(h == other)
    #expect(h.total == 3)
    #expect(h.percentile(0.5) == 5)
  }

  @Test func mergeOfEmptyHistogramChangesNothing() {
    var h = DayHistogram([5, -1, 8])
    h.merge(DayHistogram())
    #expect(h == DayHistogram([5, -1, 8]))
    var empty = DayHistogram()
    empty.merge(DayHistogram())
    #expect(empty.total == 0)
    #expect(empty.percentile(0.5) == nil)
  }
}
