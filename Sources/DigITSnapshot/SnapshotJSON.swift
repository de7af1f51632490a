import DigITCore
import DigITMetrics

/// `snapshot.json`: the canonical record of a week (layout: `snapshot.schema.json`, this module's
/// resource). Keys sorted, numbers as numbers, missing values as `null`, two-space indentation, so that
/// the same snapshot is the same bytes.
public enum SnapshotJSON {
  public static func render(_ s: Snapshot) -> [UInt8] {
    let report = s.report
    let data = report.data
    let seriesCity = seriesJSON(report, at: .city)
    let projects = JSON.parallelArray(data.offices.count) { o in
      var milestones = [[Milestone]](repeating: [], count: data.offices[o].projects.count)
      for m in data.offices[o].milestones where milestones.indices.contains(Int(m.project)) {
        milestones[Int(m.project)].append(m)
      }
      return data.offices[o].projects.indices.map { p in project(s, o, p, milestones[p]) }
    }
    let services = JSON.parallelArray(data.offices.count) { o in
      let office = data.offices[o]
      return office.services.indices.map { v in
        JSON.object([
          ("id", .string(office.services[v].id)), ("metrics", report.scalarsJSON(at: .service(o, v))),
          ("name", .string(office.services[v].name)), ("office", .string(office.id)),
          ("series", seriesJSON(report, at: .service(o, v))),
        ])
      }
    }
    let offices: [JSON] = data.offices.enumerated().map { o, office in
      .object([
        ("coordinator", .string(office.coordinator)), ("data", report.dataJSON(office: o)),
        ("department", .string(office.department)),
        ("diagnostics", counts(s.source, office: office.id)), ("id", .string(office.id)),
        ("metrics", report.scalarsJSON(at: .office(o))), ("name", .string(office.name)),
        ("number", .string(office.number)), ("series", seriesJSON(report, at: .office(o))),
      ])
    }
    var members: [(String, JSON)] = [
      ("as_of", .string(report.asOf.description)),
      ("changes", s.changes.json),
      (
        "city",
        .object([
          ("ags", data.city.ags.map(JSON.string) ?? .null),
          ("index", index(report)),
          ("kpis", .array(data.city.kpis.map(kpi))),
          ("metrics", report.scalarsJSON(at: .city)),
          ("name", .string(data.city.name)),
          ("series", seriesCity),
        ])
      ),
      ("data_as_of", report.dataAsOf.map { .string($0.description) } ?? .null),
      ("offices", .array(offices)),
      ("projects", .fragment(projects)),
      ("schema_version", .int(Snapshot.schemaVersion)),
      ("series_weeks", .array(report.seriesWeeks.map { .string($0.description) })),
      ("services", .fragment(services)),
      ("source", source(s.source)),
      ("week", .string(report.week.description)),
    ]
    if let t = s.generatedAt { members.append(("generated_at", .string(t))) }
    var out: [UInt8] = []
    out.reserveCapacity(projects.count + services.count + (1 << 20))
    JSON.object(members).render(into: &out)
    out.append(UInt8(ascii: "\n"))
    return out
  }

  static func project(_ s: Snapshot, _ o: Int, _ p: Int, _ milestones: [Milestone]) -> JSON {
    let report = s.report
    let office = report.data.offices[o]
    let project = office.projects[p]
    let facts = report.offices[o].projects[p].project
    let milestones: [JSON] = milestones.map { m in
      .object([
        ("done", m.done.map { .string($0.description) } ?? .null),
        ("due", m.due.map { .string($0.description) } ?? .null),
        ("name", .string(m.name)),
        ("overdue", .bool(m.due.map { $0 < report.asOf && (m.done.map { $0 > report.asOf } ?? true) } ?? false)),
      ])
    }
    return .object([
      ("category", .string(project.category)),
      ("id", .string(project.id)),
      ("metrics", report.scalarsJSON(at: .project(o, p))),
      ("milestones", .array(milestones)),
      ("office", .string(office.id)),
      ("owner", .string(project.owner)),
      ("rag", facts?.rag.map { .string($0.rawValue) } ?? .null),
      (
        "rag_reasons",
        .array(
          (facts?.reasons ?? []).map { r in
            .object([
              ("code", .string(r.code)), ("level", .string(r.level.rawValue)), ("text_de", .string(r.text(.de))),
              ("text_en", .string(r.text(.en))),
            ])
          })
      ),
      ("series", seriesJSON(report, at: .project(o, p))),
      ("start", project.start.map { .string($0.description) } ?? .null),
      ("status", .string(project.status.rawValue)),
      ("title", .string(project.title)),
      ("updated", project.updated.map { .string($0.description) } ?? .null),
    ])
  }

  /// Every series metric of the scope by id (26 values, oldest week first, like `series_weeks`).
  static func seriesJSON(_ report: Report, at scope: ScopeRef) -> JSON {
    .object(
      report.catalog.sortedSeries(for: scope.kind).map { m in
        (m.id, .array((report.series(m, at: scope) ?? []).map { $0.map { JSON.number(decimalClean($0)) } ?? .null }))
      })
  }

  static func kpi(_ k: KPIDefinition) -> JSON {
    .object([
      ("direction", .string(k.direction.rawValue)), ("id", .string(k.id)),
      ("index_area", k.indexArea.map { .string($0.rawValue) } ?? .null), ("label", .string(k.label)),
      ("label_en", k.labelEnglish.map(JSON.string) ?? .null), ("target", k.target.map(JSON.number) ?? .null),
      ("unit", .string(k.unit)),
    ])
  }

  static func index(_ report: Report) -> JSON {
    let t = report.data.city.indexTarget
    let scores = report.data.indexScores.sorted { ($0.year, $0.area.rawValue) < ($1.year, $1.area.rawValue) }
    return .object([
      (
        "scores",
        .array(
          scores.map { s in
            .object([
              ("area", .string(s.area.rawValue)), ("rank", s.rank.map(JSON.int) ?? .null), ("score", .number(s.score)),
              ("year", .int(s.year)),
            ])
          })
      ),
      (
        "target",
        t.map { t in
          .object([
            ("rank", t.rank.map(JSON.int) ?? .null), ("score", t.score.map(JSON.number) ?? .null),
            ("year", t.year.map(JSON.int) ?? .null),
          ])
        } ?? .null
      ),
    ])
  }

  static func counts(_ source: SnapshotSource, office: String?) -> JSON {
    .object([
      ("errors", .int(source.count(.error, office: .some(office)))),
      ("notes", .int(source.count(.note, office: .some(office)))),
      ("rows_skipped", .int(source.rowsSkipped(office: .some(office)))),
      ("warnings", .int(source.count(.warning, office: .some(office)))),
    ])
  }

  static func source(_ source: SnapshotSource) -> JSON {
    .object([
      (
        "diagnostics",
        .object([
          ("city", counts(source, office: nil)),
          ("errors", .int(source.count(.error))),
          ("notes", .int(source.count(.note))),
          ("rows_skipped", .int(source.rowsSkipped())),
          ("warnings", .int(source.count(.warning))),
        ])
      ),
      (
        "files",
        .array(
          source.files.map { f in
            .object([
              ("bytes", .int(f.bytes)), ("office", f.office.map(JSON.string) ?? .null), ("path", .string(f.path)),
              ("rows", .int(f.rowsRead)), ("rows_skipped", .int(f.rowsSkipped)),
              ("sha256", f.sha256.map(JSON.string) ?? .null), ("skipped", .bool(f.skipped)),
            ])
          })
      ),
      ("problems", .array(source.problems.map(\.json))),
      ("root", .string(source.root)),
    ])
  }
}
