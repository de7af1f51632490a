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
///
/// A row is 36 bytes (2.5 million rows of a large root fit in 90 MB): a figure that was not reported is a
/// reserved value of its field, read back as `nil` by ``pending``, ``medianDays`` and ``model``.
public struct OZGWeek: Sendable, Equatable {
  /// Index of the service in its office's `services`.
  public var service: Int32
  /// The ISO week of the figures; the row counts when its week is ≤ the as-of week.
  public var week: ISOWeek
  /// Applications received online.
  public var online: Int32
  /// Applications received on paper (or in person).
  public var paper: Int32
  /// Applications completed.
  public var completed: Int32
  /// ``pending``, `Int32.min` when not reported.
  @usableFromInline var pendingRaw: Int32
  /// The bits of ``medianDays`` in two halves (so that the row needs no 8-byte alignment), both
  /// `UInt32.max` (a NaN no parsed number gives) when not reported.
  @usableFromInline var medianLow: UInt32
  @usableFromInline var medianHigh: UInt32
  /// OZG maturity level in that week (0–4, or 0–7 in maturity model 2).
  public var maturity: Int8
  /// ``model``: 0 for `nil`, 1 and 2 for the models.
  @usableFromInline var modelCode: UInt8

  /// The maturity model the level is given in (`maturity_model` of `ozg.csv`); `nil` means the city's
  /// (``City/maturityModel``). Whether the level counts as online and OZG-compliant follows this model's
  /// rule (see ``Thresholds/init(model:)``).
  @inlinable public var model: OZGMaturityModel? {
    get { modelCode == 1 ? .v1 : modelCode == 2 ? .v2 : nil }
    set { modelCode = Self.code(newValue) }
  }

  /// Applications pending at the end of the week, if reported.
  @inlinable public var pending: Int32? {
    get { pendingRaw == Int32.min ? nil : pendingRaw }
    set { pendingRaw = newValue ?? Int32.min }
  }

  /// Median processing time in days of the completed applications, if reported.
  @inlinable public var medianDays: Double? {
    get {
      let bits = UInt64(medianHigh) << 32 | UInt64(medianLow)
      return bits == UInt64.max ? nil : Double(bitPattern: bits)
    }
    set {
      let bits = newValue?.bitPattern ?? UInt64.max
      medianLow = UInt32(truncatingIfNeeded: bits)
      medianHigh = UInt32(truncatingIfNeeded: bits >> 32)
    }
  }

  @inlinable static func code(_ model: OZGMaturityModel?) -> UInt8 {
    switch model {
    case nil: 0
    case .v1: 1
    case .v2: 2
    }
  }

  /// Makes the row of the service at index `service` of its office's ``Office/services``.
  public init(
    service: Int32, week: ISOWeek, maturity: Int8, online: Int32, paper: Int32, completed: Int32,
    pending: Int32?, medianDays: Double?, model: OZGMaturityModel? = nil
  ) {
    self.service = service
    self.week = week
    self.maturity = maturity
    self.online = online
    self.paper = paper
    self.completed = completed
    self.pendingRaw = pending ?? Int32.min
    let bits = medianDays?.bitPattern ?? UInt64.max
    self.medianLow = UInt32(truncatingIfNeeded: bits)
    self.medianHigh = UInt32(truncatingIfNeeded: bits >> 32)
    self.modelCode = Self.code(model)
  }

  /// Equal when every figure is, ``pending`` and ``medianDays`` compared as the optionals they are.
  public static func == (a: OZGWeek, b: OZGWeek) -> Bool {
    a.service == b.service && a.week == b.week && a.online == b.online && a.paper == b.paper
      && a.completed == b.completed && a.pendingRaw == b.pendingRaw && a.medianDays == b.medianDays
      && a.maturity == b.maturity && a.modelCode == b.modelCode
  }
}
