import DigITCore

extension Report {
  /// The city value of the KPI at a position of ``City/kpis`` in each week of ``seriesWeeks`` (oldest
  /// first): as `kpi.<id>` is computed as of each week's end — every office's latest value with week ≤
  /// that week, summed, averaged or the largest as the KPI's `aggregate` says; `nil` for a week in which no
  /// office had reported a value yet.
  public func kpiSeries(_ k: Int) -> [Double?] {
    let weeks = seriesWeeks
    guard k >= 0, k < data.city.kpis.count, let first = weeks.first else {
      return Array(repeating: nil, count: weeks.count)
    }
    // Per office: its latest value up to each week, in one pass over its values sorted by week.
    var perWeek = [[Double?]](repeating: [], count: weeks.count)
    for office in data.offices {
      var values = office.kpis.filter { Int($0.kpi) == k && $0.week <= weeks[weeks.count - 1] }
      guard !values.isEmpty else { continue }
      values.sort { $0.week < $1.week }
      var latest: Double? = nil
      var i = 0
      // Values before the first week count as the latest known then.
      while i < values.count && values[i].week < first {
        latest = values[i].value
        i += 1
      }
      for (w, week) in weeks.enumerated() {
        while i < values.count && values[i].week <= week {
          latest = values[i].value
          i += 1
        }
        perWeek[w].append(latest)
      }
    }
    // As ``Aggregator`` adds the offices' values up for `kpi.<id>`.
    let aggregate = data.city.kpis[k].aggregate
    return perWeek.map { officeValues in
      let values = officeValues.compactMap { $0 }
      guard !values.isEmpty else { return nil }
      switch aggregate {
      case .sum: return decimalClean(values.reduce(0, +))
      case .mean: return decimalClean(values.reduce(0, +) / Double(values.count))
      case .max: return values.max()
      }
    }
  }
}
