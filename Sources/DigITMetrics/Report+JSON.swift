import DigITCore

extension Report {
  /// A metric value as JSON: numbers as numbers, days as `"2026-12-14"`, statuses as their codes
  /// (`red`, `amber`, `green`, `met`, `off_track`), no value as `null`.
  public static func json(_ value: MetricValue?) -> JSON {
    switch value {
    case nil: .null
    case .number(let x): .number(x)
    case .day(let d): .string(d.description)
    case .rag(let r): .string(r.rawValue)
    case .target(let t): .string(t.rawValue)
    }
  }

  /// Every scalar metric of the scope by id, `null` where it has no value.
  public func scalarsJSON(at scope: ScopeRef) -> JSON {
    let f = facts(at: scope)
    let o = scope.office
    return .object(
      catalog.sortedScalars(for: scope.kind).map { m in
        guard case .scalar(let read) = m.extractor, !(o.map { lacksData(m, office: $0) } ?? false) else {
          return (m.id, .null)
        }
        return (m.id, Report.json(read(f)))
      })
  }

  /// What is known about an office's data: `{"as_of": day or null, "missing": [file names], "stale": bool}`.
  public func dataJSON(office o: Int) -> JSON {
    let s = offices[o].data
    return .object([
      ("as_of", s.asOf.map { .string($0.description) } ?? .null),
      ("missing", .array(s.missing.map { .string($0.rawValue) })),
      ("stale", .bool(s.stale)),
    ])
  }

  /// The week-over-week change of every numeric scalar of the scope (`null` where there is none).
  public func changesJSON(at scope: ScopeRef) -> JSON {
    .object(
      catalog.sortedScalars(for: scope.kind).filter { $0.unit != .status }.map { m in
        (m.id, change(m, at: scope).map { .number(decimalClean($0)) } ?? .null)
      })
  }

  /// The RAG reasons of a project: `[{"code": …, "level": …, "text": …}]`.
  public func reasonsJSON(at scope: ScopeRef, language: Language) -> JSON {
    .array(
      (facts(at: scope).project?.reasons ?? []).map {
        .object([
          ("code", .string($0.code)), ("level", .string($0.level.rawValue)), ("text", .string($0.text(language))),
        ])
      })
  }
}
