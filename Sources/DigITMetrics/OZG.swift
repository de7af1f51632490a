import DigITCore

/// An online public service (OZG-Leistung) that an office runs, keyed by its LeiKa/FIM key.
public struct OZGService: Sendable, Equatable {
  /// The 14-digit LeiKa/FIM key, e.g. `99115005070000`.
  public var id: String
  /// The service name, e.g. `Wohnsitz anmelden`.
  public var name: String
  /// The online status the federal "Dashboard Digitale Verwaltung" reports for the city (`true`: `ok`
  /// and active), or `nil` when no federal data names the service. When set, it decides whether the
  /// service counts as online (instead of its maturity level).
  public var federalOnline: Bool?
  /// The service's 14-digit LeiKa key when `ozg.csv` gives one in its `leika` column (for a service
  /// whose `service_id` is another key); federal data is matched by it, else by ``id``.
  public var leika: String?

  /// Makes a service.
  public init(id: String, name: String, federalOnline: Bool? = nil, leika: String? = nil) {
    self.id = id
    self.name = name
    self.leika = leika
    self.federalOnline = federalOnline
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
  /// The maturity model the level is given in (`maturity_model` of `ozg.csv`); `nil` means the city's
  /// (``City/maturityModel``). Whether the level counts as online and OZG-compliant follows this model's
  /// rule (see ``Thresholds/init(model:)``).
  public var model: OZGMaturityModel?
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
    pending: Int32?, medianDays: Double?, model: OZGMaturityModel? = nil
  ) {
    self.model = model
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
