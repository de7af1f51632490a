import DigITCore

/// An online public service (OZG-Leistung) that an office runs, keyed by its LeiKa/FIM key.
public struct OZGService: Sendable, Equatable {
  /// The 14-digit LeiKa/FIM key, e.g. `99115005070000`.
  public var id: String
  /// The service name, e.g. `Wohnsitz anmelden`.
  public var name: String

  /// Makes a service.
  public init(id: String, name: String) {
    self.id = id
    self.name = name
  }
}

/// One service's figures for one ISO week, as a row of `ozg.csv` gives them.
public struct OZGWeek: Sendable, Equatable {
  /// Index of the service in its office's `services`.
  public var service: Int32
  /// The ISO week of the figures; the row counts when its week is ≤ the as-of week.
  public var week: ISOWeek
  /// OZG maturity level in that week (0–4, or 0–7 in maturity model 2).
  public var maturity: Int8
  /// Applications received online.
  public var online: Int32
  /// Applications received on paper (or in person).
  public var paper: Int32
  /// Applications completed.
  public var completed: Int32
  /// Applications pending at the end of the week, if reported.
  public var pending: Int32?
  /// Median processing time in days of the completed applications, if reported.
  public var medianDays: Double?

  /// Makes the row of the service at index `service` of its office's ``Office/services``.
  public init(
    service: Int32, week: ISOWeek, maturity: Int8, online: Int32, paper: Int32, completed: Int32,
    pending: Int32?, medianDays: Double?
  ) {
    self.service = service
    self.week = week
    self.maturity = maturity
    self.online = online
    self.paper = paper
    self.completed = completed
    self.pending = pending
    self.medianDays = medianDays
  }
}
