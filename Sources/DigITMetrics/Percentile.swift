import DigITCore

/// Percentiles the way numpy's default (`linear`) and DuckDB's `quantile_cont` compute them: the value
/// at rank `p × (n − 1)` of the sorted values, interpolated linearly between the two closest ranks.
/// The median of an even count is therefore the mean of the two middle values.
///
/// The interpolation is numpy's (`_lerp`: from the upper value when the fraction is ≥ ½), and the result
/// is rounded to 9 decimals, so that P85 of 22 and 53 days is 48.35, not 48.349999999999994.
public enum Percentile {
  /// The `p`-quantile (0…1) of values sorted ascending; `nil` for no values.
  ///
  ///     Percentile.of(sorted: [1, 2, 3, 4], 0.5)   // 2.5
  ///     Percentile.of(sorted: [1, 2, 3, 4], 0.85)  // 3.55
  public static func of<C: RandomAccessCollection>(sorted values: C, _ p: Double) -> Double?
  where C.Element: BinaryInteger, C.Index == Int {
    guard !values.isEmpty else { return nil }
    let (lower, fraction) = rank(p, count: values.count)
    let low = Double(values[values.startIndex + lower])
    guard fraction > 0 else { return low }
    return interpolate(low, Double(values[values.startIndex + lower + 1]), fraction)
  }

  /// numpy's `_lerp`, then rounded to 9 decimals.
  @inlinable static func interpolate(_ low: Double, _ high: Double, _ t: Double) -> Double {
    let x = t >= 0.5 ? high - (high - low) * (1 - t) : low + (high - low) * t
    return decimalClean(x)
  }

  /// The lower closest rank and the fraction towards the next one, for `p` of `count` values.
  @inlinable static func rank(_ p: Double, count: Int) -> (Int, Double) {
    let h = min(max(p, 0), 1) * Double(count - 1)
    let lower = Int(h)
    return (lower, lower + 1 < count ? h - Double(lower) : 0)
  }
}

/// A histogram of whole-day durations (ages, cycle times): exact percentiles in one pass over the
/// items and cheap merging from projects to offices to the city ("never a median of medians").
public struct DayHistogram: Sendable, Equatable {
  /// The smallest value that `counts[0]` counts.
  public private(set) var offset: Int32 = 0
  /// How many values equal `offset + i`.
  public private(set) var counts: [Int32] = []
  /// The number of values.
  public private(set) var total = 0

  /// An empty histogram: no values, no percentiles.
  public init() {}

  /// Creates a histogram of the values.
  public init<S: Sequence>(_ values: S) where S.Element == Int32 {
    for v in values { add(v) }
  }

  /// Counts one value.
  public mutating func add(_ value: Int32, count n: Int32 = 1) {
    if counts.isEmpty {
      offset = value
      counts = [0]
    } else if value < offset {
      counts.insert(contentsOf: repeatElement(0, count: Int(offset - value)), at: 0)
      offset = value
    } else if Int(value - offset) >= counts.count {
      counts.append(contentsOf: repeatElement(0, count: Int(value - offset) - counts.count + 1))
    }
    counts[Int(value - offset)] += n
    total += Int(n)
  }

  /// Adds every value of another histogram.
  public mutating func merge(_ other: DayHistogram) {
    guard other.total > 0 else { return }
    if total == 0 {
      self = other
      return
    }
    // Grow once to cover both ranges.
    add(other.offset, count: 0)
    add(other.offset + Int32(other.counts.count - 1), count: 0)
    let shift = Int(other.offset - offset)
    counts.withUnsafeMutableBufferPointer { mine in
      for (i, c) in other.counts.enumerated() where c != 0 { mine[shift + i] += c }
    }
    total += other.total
  }

  /// The `k`-th smallest value (0-based).
  func value(atRank k: Int) -> Int32 {
    var seen = 0
    for (i, c) in counts.enumerated() {
      seen += Int(c)
      if seen > k { return offset + Int32(i) }
    }
    return offset + Int32(counts.count - 1)
  }

  /// The `p`-quantile (0…1) with linear interpolation; `nil` when empty.
  public func percentile(_ p: Double) -> Double? {
    guard total > 0 else { return nil }
    let (lower, fraction) = Percentile.rank(p, count: total)
    let low = Double(value(atRank: lower))
    guard fraction > 0 else { return low }
    return Percentile.interpolate(low, Double(value(atRank: lower + 1)), fraction)
  }
}
