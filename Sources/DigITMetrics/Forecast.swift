import DigITCore

/// When a project's open backlog will be done: the weeks after the report week by which it is done with
/// 50 % and 85 % probability, under the model that each coming week closes as many items as one of the
/// project's last 12 complete weeks (ending with the report week) did, each of them equally likely (drawn with replacement).
///
/// Two ways compute it:
/// - ``exact(open:throughput:)`` (the default of ``Aggregator``) works out the probability distribution of
///   the completion week by convolution and reads P50 and P85 from it. This is the distribution a Monte
///   Carlo simulation samples, without the sampling error; it needs no seed because nothing is random.
///   The reason it exists: 10,000 simulated runs per project took 5.1 s for the 15,000 open projects of
///   the large benchmark root (as of a day and a week before), against a budget of 0.5 s for all metrics;
///   the exact computation takes about 0.1 s (figures in the README's Speed section).
/// - ``monteCarlo(open:throughput:seed:trials:)`` runs the simulation itself: 10,000 runs, seeded from a
///   stable hash of the project id. With 10,000 runs its dates differ from the exact ones by one week for
///   about one project in five (sampling error near a percentile boundary); the tests check that they
///   agree within a week. The exact method costs open items × distinct weekly counts × weeks, so for a
///   very large backlog (more than ``exactLimit`` open items × distinct counts) ``Aggregator`` uses the
///   simulation, whose cost does not grow with the backlog.
///
/// The first forecast week is the week after the report week (the running week when the as-of day is
/// not a Sunday; the items it closed so far are not in the weekly sample); forecasts stop at ``horizonWeeks`` (ten years). A date is the Sunday of the week the percentile
/// falls in.
public struct CompletionForecast: Sendable, Equatable {
  /// The longest forecast, in weeks (ten years); a forecast that reaches it means "ten years or later".
  public static let horizonWeeks = 520
  /// Above this many open items × distinct weekly counts, ``forecast(open:throughput:seed:)`` simulates.
  public static let exactLimit = 20_000

  /// The exact forecast, or for a very large backlog the seeded simulation (see above).
  public static func forecast(open: Int, throughput: [Int], seed: UInt64) -> CompletionForecast? {
    if open * Set(throughput).count > exactLimit {
      return monteCarlo(open: open, throughput: throughput, seed: seed)
    }
    return exact(open: open, throughput: throughput)
  }

  /// Weeks after the report week until done, in half / 85 % of the cases.
  public var p50Weeks: Double
  /// Weeks after the as-of week by which the open items are done in 85 % of the cases; at least
  /// ``p50Weeks``, at most ``horizonWeeks``.
  public var p85Weeks: Double

  /// A forecast of these numbers of weeks after the as-of week; see ``date(weeks:asOfWeek:)`` for the days.
  public init(p50Weeks: Double, p85Weeks: Double) {
    self.p50Weeks = p50Weeks
    self.p85Weeks = p85Weeks
  }

  /// The completion day of a number of weeks: the Sunday of that week after `asOfWeek`, which the
  /// ``Aggregator`` passes the report week (fractional weeks, which only the simulation yields, round up).
  public static func date(weeks: Double, asOfWeek: ISOWeek) -> Day {
    asOfWeek.sunday.adding(days: 7 * Int(weeks.rounded(.up)))
  }

  /// The exact forecast; `nil` when nothing is open or no item was closed in the sampled weeks.
  ///
  /// The state is the probability of each number of items still open; every week it is convolved with
  /// the weekly throughput distribution until 85 % of the probability has reached zero open items.
  /// Cost: open items × distinct weekly counts × weeks, e.g. 70 × 4 × 80 multiply-adds.
  public static func exact(open: Int, throughput: [Int]) -> CompletionForecast? {
    guard open > 0, throughput.contains(where: { $0 > 0 }) else { return nil }
    // The distinct weekly counts and their probabilities.
    var weights: [Int: Int] = [:]
    for t in throughput { weights[max(0, t), default: 0] += 1 }
    let steps = weights.keys.sorted()
    let stepProbability = steps.map { Double(weights[$0]!) / Double(throughput.count) }
    // mass[r]: probability that r items are still open (index 0 unused: done is tracked as `done`).
    let buffers = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * (open + 1))
    defer { buffers.deallocate() }
    buffers.initialize(repeating: 0)
    var mass = buffers.baseAddress!
    var next = mass + (open + 1)
    mass[open] = 1
    var done = 0.0
    var p50: Int? = nil
    var top = open  // the highest r with mass
    var bottom = open  // the lowest r with mass
    let stepCount = steps.count
    let largest = steps[stepCount - 1]
    for week in 1...horizonWeeks {
      // Loop order (measured: the forecast was 9 % of a cold summary of the large root): one pass per
      // distinct step over the rows it moves, a multiply-add the compiler vectorises, instead of every step
      // for every row. Each `next[t]` still receives its terms in the same order as row by row (ascending
      // r is ascending step for a fixed t), and `reached` sums its terms in row order below, so every
      // figure is bit for bit what the row-by-row loop gave.
      var reached = 0.0
      if bottom <= largest {
        for r in bottom...min(top, largest) {
          let m = mass[r]
          if m == 0 { continue }
          for i in 0..<stepCount where steps[i] >= r { reached += m * stepProbability[i] }
        }
      }
      for i in 0..<stepCount {
        let step = steps[i]
        let p = stepProbability[i]
        let from = max(bottom, step + 1)
        if from > top { continue }
        let source = mass + from
        let target = next + (from - step)
        for k in 0...(top - from) { target[k] += source[k] * p }
      }
      (mass + bottom).update(repeating: 0, count: top - bottom + 1)
      swap(&mass, &next)
      done += reached
      bottom = max(1, bottom - steps.last!)
      while top > bottom && mass[top] == 0 { top -= 1 }
      while bottom < top && mass[bottom] == 0 { bottom += 1 }
      // A tiny tolerance keeps "exactly 50 %" from depending on the last bit of a sum.
      if p50 == nil && done >= 0.5 - 1e-12 { p50 = week }
      if done >= 0.85 - 1e-12 { return CompletionForecast(p50Weeks: Double(p50!), p85Weeks: Double(week)) }
    }
    return CompletionForecast(p50Weeks: Double(p50 ?? horizonWeeks), p85Weeks: Double(horizonWeeks))
  }

  /// The forecast by simulation: `trials` runs, each drawing weekly throughputs until nothing is open;
  /// P50 and P85 of the runs' weeks, interpolated linearly. `nil` as for ``exact(open:throughput:)``.
  public static func monteCarlo(
    open: Int, throughput: [Int], seed: UInt64, trials: Int = MonteCarloForecast.defaultTrials
  )
    -> CompletionForecast?
  {
    guard let mc = MonteCarloForecast(open: open, throughput: throughput, seed: seed, trials: trials) else {
      return nil
    }
    return CompletionForecast(p50Weeks: mc.weeks(0.5), p85Weeks: mc.weeks(0.85))
  }
}

/// The Monte Carlo simulation behind ``CompletionForecast/monteCarlo(open:throughput:seed:trials:)``.
///
/// Each of `trials` runs draws a weekly throughput, uniformly and with replacement, from the closed counts
/// of the project's last 12 complete weeks, and subtracts it from the open items until none are left; the run's
/// result is the number of weeks that took. The forecast is a percentile of those numbers of weeks.
/// The generator is seeded from a stable hash of the project id, so the same data gives the same dates on
/// every machine and every run.
///
/// The first simulated week is the week after the report week, and a run that needs more than ``horizonWeeks`` weeks stops there: "ten years or more".
public struct MonteCarloForecast: Sendable {
  /// The number of simulated runs.
  public static let defaultTrials = 10_000
  /// The longest run, in weeks.
  public static let horizonWeeks = CompletionForecast.horizonWeeks

  /// How often each number of weeks (index) came out.
  public private(set) var weekCounts: [Int32]
  /// The number of runs simulated; the counts of ``weekCounts`` add up to it.
  public let trials: Int

  /// Runs the simulation; `nil` when nothing is open or no item was closed in the sampled weeks.
  public init?(open: Int, throughput: [Int], seed: UInt64, trials: Int = defaultTrials) {
    guard open > 0, trials > 0, !throughput.isEmpty, throughput.contains(where: { $0 > 0 }) else { return nil }
    self.trials = trials
    let horizon = Self.horizonWeeks
    var counts = [Int32](repeating: 0, count: horizon + 1)
    let m = throughput.count
    let weekly = throughput.map { Int32(clamping: max(0, $0)) }
    let maxWeek = Int(weekly.max()!)
    // Three weekly draws at once: an index into all m³ ordered triples is exactly three independent
    // uniform draws, and the sum table saves two thirds of the steps while a run cannot yet finish
    // (measured: 3× faster on the large benchmark root).
    let triples = m * m * m
    var tripleSums = [Int32](repeating: 0, count: triples)
    for i in 0..<m {
      for j in 0..<m { for k in 0..<m { tripleSums[(i * m + j) * m + k] = weekly[i] + weekly[j] + weekly[k] } }
    }
    var rng = SplitMix64(seed: seed)
    let safe = 3 * maxWeek
    tripleSums.withUnsafeBufferPointer { sums in
      weekly.withUnsafeBufferPointer { week in
        var spare: UInt64 = 0
        var haveSpare = false
        @inline(__always) func draw(_ n: Int) -> Int {
          // Lemire's multiply-shift on 32 random bits; two draws per 64-bit number.
          let r: UInt64
          if haveSpare {
            r = spare
            haveSpare = false
          } else {
            let x = rng.next()
            r = x & 0xffff_ffff
            spare = x >> 32
            haveSpare = true
          }
          return Int((r &* UInt64(n)) >> 32)
        }
        for _ in 0..<trials {
          var remaining = open
          var weeks = 0
          while remaining > safe && weeks + 3 <= horizon {
            remaining -= Int(sums[draw(triples)])
            weeks += 3
          }
          while remaining > 0 && weeks < horizon {
            remaining -= Int(week[draw(m)])
            weeks += 1
          }
          counts[weeks] += 1
        }
      }
    }
    weekCounts = counts
  }

  /// The `p`-percentile (0…1) of the weeks until done, interpolated linearly.
  public func weeks(_ p: Double) -> Double {
    let (lower, fraction) = Percentile.rank(p, count: trials)
    func at(_ k: Int) -> Int {
      var seen = 0
      for (w, c) in weekCounts.enumerated() {
        seen += Int(c)
        if seen > k { return w }
      }
      return weekCounts.count - 1
    }
    let low = Double(at(lower))
    return fraction > 0 ? Percentile.interpolate(low, Double(at(lower + 1)), fraction) : low
  }
}

/// A stable 64-bit FNV-1a hash of a string's UTF-8 bytes (Swift's `hashValue` changes from run to run).
public func stableHash(_ text: String) -> UInt64 {
  var h: UInt64 = 0xcbf2_9ce4_8422_2325
  for b in text.utf8 {
    h ^= UInt64(b)
    h = h &* 0x100_0000_01b3
  }
  return h
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, well-mixed generator for simulations.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  @usableFromInline var state: UInt64
  /// A generator whose sequence is fixed by `seed` (e.g. ``stableHash(_:)`` of a project id): the same
  /// seed gives the same numbers on every machine and run.
  public init(seed: UInt64) { state = seed }
  /// The next 64 random bits.
  @inlinable public mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}
