import DigITCore
import Testing

@testable import DigITMetrics

@Suite struct ForecastTests {
  static let seed = stableHash("P-33-001")

  // MARK: No forecast

  @Test func nothingOpenHasNoForecast() {
    #expect(CompletionForecast.exact(open: 0, throughput: [2, 3, 1]) == nil)
    #expect(CompletionForecast.monteCarlo(open: 0, throughput: [2, 3, 1], seed: Self.seed) == nil)
    #expect(CompletionForecast.exact(open: -1, throughput: [2]) == nil)
  }

  @Test func zeroThroughputHasNoForecast() {
    let zeros = [Int](repeating: 0, count: 12)
    #expect(CompletionForecast.exact(open: 10, throughput: zeros) == nil)
    #expect(CompletionForecast.monteCarlo(open: 10, throughput: zeros, seed: Self.seed) == nil)
  }

  @Test func emptyThroughputHasNoForecast() {
    #expect(CompletionForecast.exact(open: 10, throughput: []) == nil)
    #expect(CompletionForecast.monteCarlo(open: 10, throughput: [], seed: Self.seed) == nil)
  }

  // MARK: Hand-worked cases

  @Test func constantThroughputExact() {
    // 10 open, 2 closed every week: done after exactly 10 / 2 = 5 weeks, with certainty.
    let f = CompletionForecast.exact(open: 10, throughput: [Int](repeating: 2, count: 12))
    #expect(f == CompletionForecast(p50Weeks: 5, p85Weeks: 5))
  }

  @Test func constantThroughputMonteCarlo() {
    // Every run takes 5 weeks (10 − 3 × 2 = 4 after the first three weeks, then two more weeks).
    let f = CompletionForecast.monteCarlo(open: 10, throughput: [Int](repeating: 2, count: 12), seed: Self.seed)
    #expect(f == CompletionForecast(p50Weeks: 5, p85Weeks: 5))
  }

  @Test func constantThroughputThatDoesNotDivideEvenly() {
    // 10 open, 3 a week: 3, 6, 9, 12 → done in week 4 (ceil(10 / 3)).
    let throughput = [Int](repeating: 3, count: 12)
    #expect(CompletionForecast.exact(open: 10, throughput: throughput) == CompletionForecast(p50Weeks: 4, p85Weeks: 4))
    let mc = CompletionForecast.monteCarlo(open: 10, throughput: throughput, seed: Self.seed)
    #expect(mc == CompletionForecast(p50Weeks: 4, p85Weeks: 4))
  }

  @Test func exactHalfZeroHalfOneWithOneOpen() {
    // Each week closes the one item with probability 1/2, so P(done after k weeks) = 1 − 0.5^k:
    // k = 1: 0.5 ≥ 0.5 → P50 = 1; k = 2: 0.75 < 0.85; k = 3: 0.875 ≥ 0.85 → P85 = 3.
    let f = CompletionForecast.exact(open: 1, throughput: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1])
    #expect(f == CompletionForecast(p50Weeks: 1, p85Weeks: 3))
  }

  @Test func exactOneOrTwoWithTwoOpen() {
    // Throughput 1 or 2, each with probability 1/2; 2 open.
    // Week 1: a 2 finishes (1/2); a 1 leaves 1 open. Week 2: anything finishes the rest → P(done by 2) = 1.
    // So P50 = 1 (0.5 ≥ 0.5) and P85 = 2.
    let f = CompletionForecast.exact(open: 2, throughput: [1, 2, 2, 1])
    #expect(f == CompletionForecast(p50Weeks: 1, p85Weeks: 2))
  }

  @Test func exactP85ReachedExactly() {
    // 17 of 20 weeks closed one item, 3 closed none; 1 open: P(done after week 1) = 17 / 20 = 0.85 ≥ 0.85,
    // so P85 = 1 week (not 2, where it would be 0.85 + 0.15 × 0.85 = 0.9775).
    let throughput = [Int](repeating: 1, count: 17) + [0, 0, 0]
    #expect(CompletionForecast.exact(open: 1, throughput: throughput) == CompletionForecast(p50Weeks: 1, p85Weeks: 1))
  }

  @Test func exactHandlesNegativeThroughputAsZero() {
    // A negative weekly count (a correction) counts as 0: same as the half 0s, half 1s case.
    let f = CompletionForecast.exact(open: 1, throughput: [-2, 1])
    #expect(f == CompletionForecast(p50Weeks: 1, p85Weeks: 3))
  }

  // MARK: Horizon

  @Test func forecastStopsAtTheHorizon() {
    // 10,000 open and one item in 12 weeks: about 120,000 weeks, far beyond the 520-week horizon.
    let throughput = [1] + [Int](repeating: 0, count: 11)
    let cap = Double(CompletionForecast.horizonWeeks)
    #expect(CompletionForecast.horizonWeeks == 520)
    #expect(
      CompletionForecast.exact(open: 10_000, throughput: throughput) == CompletionForecast(p50Weeks: cap, p85Weeks: cap)
    )
    let mc = CompletionForecast.monteCarlo(open: 10_000, throughput: throughput, seed: Self.seed)
    #expect(mc == CompletionForecast(p50Weeks: cap, p85Weeks: cap))
  }

  @Test func exactP85CanBeCappedWhileP50IsNot() {
    // 250 open, each week closes one item with probability 1/2: the weeks until done are negative binomial.
    // P(done by k) = P(Binomial(k, 1/2) ≥ 250): first ≥ 0.5 at k = 499, first ≥ 0.85 at k = 523 > 520
    // (worked out with Python's math.comb).
    let f = CompletionForecast.exact(open: 250, throughput: [0, 1])
    #expect(f == CompletionForecast(p50Weeks: 499, p85Weeks: 520))
  }

  // MARK: Exact vs Monte Carlo

  @Test func exactAndMonteCarloAgreeOnRandomCases() throws {
    var rng = SplitMix64(seed: 20_261_123)
    for n in 0..<12 {
      let open = Int.random(in: 5...120, using: &rng)
      var throughput = (0..<12).map { _ in Int.random(in: 0...6, using: &rng) }
      if !throughput.contains(where: { $0 > 0 }) { throughput[0] = 1 }
      let exact = try #require(CompletionForecast.exact(open: open, throughput: throughput))
      let mc = try #require(
        CompletionForecast.monteCarlo(open: open, throughput: throughput, seed: stableHash("P-\(n)")))
      let context: Comment = "open \(open), throughput \(throughput): exact \(exact), Monte Carlo \(mc)"
      #expect(abs(exact.p50Weeks - mc.p50Weeks) <= 1, context)
      #expect(abs(exact.p85Weeks - mc.p85Weeks) <= 1, context)
    }
  }

  @Test func exactAndMonteCarloAgreeOnSparseThroughput() throws {
    // Mostly idle weeks give a wide distribution (tens of weeks) where sampling error matters more.
    let throughput = [0, 0, 3, 0, 1, 0, 0, 5, 0, 0, 2, 0]
    let exact = try #require(CompletionForecast.exact(open: 60, throughput: throughput))
    let mc = try #require(CompletionForecast.monteCarlo(open: 60, throughput: throughput, seed: Self.seed))
    #expect(exact.p50Weeks > 40)  // 60 / (11 / 12) ≈ 65 weeks on average
    #expect(abs(exact.p50Weeks - mc.p50Weeks) <= 1, "exact \(exact), Monte Carlo \(mc)")
    #expect(abs(exact.p85Weeks - mc.p85Weeks) <= 1, "exact \(exact), Monte Carlo \(mc)")
  }

  // MARK: Determinism

  @Test func monteCarloIsDeterministicForASeed() throws {
    let throughput = [0, 2, 5, 1, 0, 3, 4, 0, 1, 2, 6, 0]
    let a = try #require(MonteCarloForecast(open: 47, throughput: throughput, seed: Self.seed))
    let b = try #require(MonteCarloForecast(open: 47, throughput: throughput, seed: Self.seed))
    #expect(a.weekCounts == b.weekCounts)
    let fa = CompletionForecast.monteCarlo(open: 47, throughput: throughput, seed: Self.seed)
    let fb = CompletionForecast.monteCarlo(open: 47, throughput: throughput, seed: Self.seed)
    #expect(fa == fb)
  }

  @Test func differentSeedsGiveDifferentSimulations() throws {
    let throughput = [0, 2, 5, 1, 0, 3, 4, 0, 1, 2, 6, 0]
    let base = try #require(MonteCarloForecast(open: 47, throughput: throughput, seed: 1))
    var differing = 0
    for seed: UInt64 in 2...6 {
      let other = try #require(MonteCarloForecast(open: 47, throughput: throughput, seed: seed))
      if other.weekCounts != base.weekCounts { differing += 1 }
    }
    // The histograms of 10,000 runs over a spread of weeks practically never coincide.
    #expect(differing == 5)
  }

  @Test func monteCarloCountsEveryTrial() throws {
    let mc = try #require(MonteCarloForecast(open: 30, throughput: [1, 2, 3], seed: 7, trials: 500))
    #expect(mc.trials == 500)
    #expect(mc.weekCounts.reduce(0, +) == 500)
    // At most 3 a week, at least 1: between 10 and 30 weeks.
    #expect(mc.weekCounts[..<10].allSatisfy { $0 == 0 })
    #expect(mc.weekCounts[31...].allSatisfy { $0 == 0 })
  }

  @Test func monteCarloWeeksInterpolateLikePercentile() throws {
    // 3 open, 1 or 2 a week: a run takes 2 weeks (3/4) or 3 weeks (1 + 1 + 1, 1/4). With 10 runs, weeks(p) must be
    // the linear percentile of the 10 runs' weeks, e.g. p85: rank 0.85 × 9 = 7.65 → w[7] + 0.65 × (w[8] − w[7]).
    var interpolated = 0
    for seed: UInt64 in 1...20 {
      let mc = try #require(MonteCarloForecast(open: 3, throughput: [1, 2], seed: seed, trials: 10))
      let runs = mc.weekCounts.enumerated().flatMap { week, count in [Int](repeating: week, count: Int(count)) }
      #expect(runs.count == 10)
      for p in [0, 0.25, 0.5, 0.85, 1] {
        let expected = try #require(Percentile.of(sorted: runs, p))
        #expect(mc.weeks(p) == expected, "seed \(seed), p = \(p), runs \(runs)")
        if expected != expected.rounded() { interpolated += 1 }
      }
    }
    #expect(interpolated > 0)  // some seeds must exercise the interpolation
  }

  // MARK: stableHash and SplitMix64

  @Test func stableHashIsFNV1a64() {
    // Computed independently with Python: FNV-1a 64 over the UTF-8 bytes.
    #expect(stableHash("P-33-001") == 0x36c5_2439_583d_93e6)
    #expect(stableHash("") == 0xcbf2_9ce4_8422_2325)  // the offset basis
    #expect(stableHash("a") == 0xaf63_dc4c_8601_ec8c)  // the published FNV-1a 64 test vector
  }

  @Test func splitMix64MatchesReferenceOutput() {
    // The reference SplitMix64 with seed 0 (as in Vigna's splitmix64.c), computed with Python.
    var rng = SplitMix64(seed: 0)
    #expect(rng.next() == 0xe220_a839_7b1d_cdaf)
    #expect(rng.next() == 0x6e78_9e6a_a1b9_65f4)
    #expect(rng.next() == 0x06c4_5d18_8009_454f)
  }

  // MARK: Dates

  @Test func dateIsTheSundayThatManyWeeksAfterTheAsOfWeek() throws {
    let week = try #require(ISOWeek(year: 2026, week: 48))
    #expect(week.sunday.description == "2026-11-29")
    #expect(CompletionForecast.date(weeks: 0, asOfWeek: week).description == "2026-11-29")
    #expect(CompletionForecast.date(weeks: 1, asOfWeek: week).description == "2026-12-06")
    // 2026-11-29 + 5 × 7 = 35 days: 1 day to 11-30, 31 more to 12-31, 3 more to 2027-01-03.
    #expect(CompletionForecast.date(weeks: 5, asOfWeek: week).description == "2027-01-03")
  }

  @Test func dateRoundsFractionalWeeksUp() throws {
    let week = try #require(ISOWeek(year: 2026, week: 48))
    // 2.1 and 2.9 weeks → week 3 → 2026-11-29 + 21 days = 2026-12-20.
    #expect(CompletionForecast.date(weeks: 2.1, asOfWeek: week).description == "2026-12-20")
    #expect(CompletionForecast.date(weeks: 2.9, asOfWeek: week).description == "2026-12-20")
    #expect(CompletionForecast.date(weeks: 3, asOfWeek: week).description == "2026-12-20")
    #expect(CompletionForecast.date(weeks: 0.5, asOfWeek: week).description == "2026-12-06")
  }

  @Test func dateAcrossTheYearBoundary() throws {
    // 2026 has 53 ISO weeks (1 January 2026 is a Thursday); 2026-W53 runs from 2026-12-28 to 2027-01-03.
    let week = try #require(ISOWeek(year: 2026, week: 53))
    #expect(week.sunday.description == "2027-01-03")
    #expect(CompletionForecast.date(weeks: 1, asOfWeek: week).description == "2027-01-10")
    #expect(CompletionForecast.date(weeks: 2.5, asOfWeek: week).description == "2027-01-24")
    #expect(CompletionForecast.date(weeks: 52, asOfWeek: week).description == "2028-01-02")
  }

  /// The exact forecast as it was first written, row by row (every step for every number of open items):
  /// the vectorised loop must give the same weeks, because it adds the same terms in the same order.
  static func rowByRow(open: Int, throughput: [Int]) -> CompletionForecast? {
    guard open > 0, throughput.contains(where: { $0 > 0 }) else { return nil }
    var weights: [Int: Int] = [:]
    for t in throughput { weights[max(0, t), default: 0] += 1 }
    let steps = weights.keys.sorted()
    let probability = steps.map { Double(weights[$0]!) / Double(throughput.count) }
    var mass = [Double](repeating: 0, count: open + 1)
    var next = mass
    mass[open] = 1
    var done = 0.0
    var p50: Int? = nil
    var top = open
    var bottom = open
    for week in 1...CompletionForecast.horizonWeeks {
      var reached = 0.0
      for r in bottom...top {
        let m = mass[r]
        mass[r] = 0
        if m == 0 { continue }
        for i in steps.indices {
          let q = m * probability[i]
          if steps[i] >= r { reached += q } else { next[r - steps[i]] += q }
        }
      }
      swap(&mass, &next)
      done += reached
      bottom = max(1, bottom - steps.last!)
      while top > bottom && mass[top] == 0 { top -= 1 }
      while bottom < top && mass[bottom] == 0 { bottom += 1 }
      if p50 == nil && done >= 0.5 - 1e-12 { p50 = week }
      if done >= 0.85 - 1e-12 { return CompletionForecast(p50Weeks: Double(p50!), p85Weeks: Double(week)) }
    }
    return CompletionForecast(
      p50Weeks: Double(p50 ?? CompletionForecast.horizonWeeks), p85Weeks: Double(CompletionForecast.horizonWeeks))
  }

  @Test func exactEqualsTheRowByRowLoop() {
    var rng = SplitMix64(seed: 17)
    for _ in 0..<600 {
      let open = Int(rng.next() % 150) + 1
      let weeks = Int(rng.next() % 12) + 1
      let spread = Int(rng.next() % 9) + 1
      let throughput = (0..<weeks).map { _ in Int(rng.next() % UInt64(spread)) - (rng.next() % 20 == 0 ? 1 : 0) }
      #expect(
        CompletionForecast.exact(open: open, throughput: throughput)
          == Self.rowByRow(open: open, throughput: throughput),
        "open \(open), throughput \(throughput)")
    }
    // Exactly 50 % and 85 % boundaries, where one bit of a sum decides the week.
    for open in 1...60 {
      for throughput in [
        [0, 1], [0, 0, 1, 1, 2, 2, 3], [1, 2], [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [5, 0, 0, 0],
      ] {
        #expect(
          CompletionForecast.exact(open: open, throughput: throughput)
            == Self.rowByRow(open: open, throughput: throughput))
      }
    }
  }
}
