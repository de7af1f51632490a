import DigITCore
import DigITMetrics

/// Reads one office folder into an ``Office``. Offices are independent, so the loader runs one per core.
struct OfficeLoader {
  let root: String
  let id: String
  let city: City
  let asOf: Day
  /// Whether to record each file's SHA-256.
  var checksums = false
  /// The parsed-feed cache, if one is used, and the resolved data root its entries are named by.
  var cache: FeedCache? = nil
  var resolvedRoot: String? = nil
  /// What a walk of the root just found (``FeedLoader/listing``).
  var listing: RootListing? = nil
  /// Whether backlog items keep their ids and titles (``FeedLoader/backlogTexts``).
  var backlogTexts = true

  var relative: String { "offices/\(id)" }
  var folder: String { join(join(root, "offices"), id) }

  /// The files an office folder may hold.
  static let knownFiles = ["office.yaml", "projects.csv", "milestones.csv", "backlog.csv", "ozg.csv", "kpis.csv"]

  struct Result: Sendable {
    var office: Office
    var diagnostics: [Diagnostic]
    var files: [FileStats]
    /// How many of the files came from the parsed-feed cache.
    var cachedFiles = 0
    /// Set when the system failed while reading the office: the result is then incomplete and must
    /// not be used (``FeedLoader`` throws it).
    var systemError: SystemError? = nil
  }

  /// Feed files of this folder that must not be read, by file name, with the error that says why (a
  /// link that leads out of the data root, or to a file another feed path reads already).
  var refused: [String: Bilingual] = [:]

  /// The projects of an office as the other files refer to them: the accepted ids, and the ids of rows
  /// that were skipped (so that a reference to them says why it fails), and whether projects.csv was usable.
  struct ProjectIndex {
    var ids = ByteKeyMap()
    var rejected: [String: Int] = [:]
    var problem: Bilingual? = Bilingual("projects.csv is missing", de: "projects.csv fehlt")
    /// What the index was made from, for the cache entries of the files that refer to it (`nil`: unknown,
    /// so those files are not cached).
    var source: String? = "missing"
  }

  /// What reading one feed file gave besides the rows it put into the office.
  struct FileOutcome {
    var stats: FileStats
    var diagnostics: [Diagnostic]
    var checks: AsOfChecks
    var cached = false
  }

  func load() -> Result {
    do {
      return try loadFiles()
    } catch {
      return Result(office: Office(id: id, name: id), diagnostics: [], files: [], systemError: error)
    }
  }

  private func loadFiles() throws(SystemError) -> Result {
    var office = Office(id: id, name: id)
    var diagnostics: [Diagnostic] = []
    var files: [FileStats] = []
    var folderSink = DiagnosticSink(office: id, file: relative)

    let names: [String]
    switch listing?.list(folder) ?? FileSystem.list(folder) {
    case .failure(let e):
      if let system = e.systemError(path: relative) { throw system }
      folderSink.error(Bilingual("the office folder \(e.description)", de: "der Amtsordner \(e.german)"))
      office.missingFeeds = [.projects]
      return Result(office: office, diagnostics: folderSink.finish(), files: [])
    case .success(let n): names = n
    }
    if names.isEmpty {
      folderSink.error(
        Bilingual(
          "the office folder is empty: expected office.yaml and projects.csv",
          de: "der Amtsordner ist leer: erwartet werden office.yaml und projects.csv"))
      office.missingFeeds = [.projects]
      return Result(office: office, diagnostics: folderSink.finish(), files: [])
    }
    // Feed files by their canonical name; `Backlog.CSV` is read as backlog.csv, with a warning.
    var present: [String: String] = [:]
    var exports: [String] = []
    for name in names where !name.hasPrefix(".") {
      let canonical = name.lowercased()
      if Self.knownFiles.contains(canonical) {
        if let other = present[canonical] {
          folderSink.error(
            Bilingual(
              "\"\(Inert.message(name, limit: 60))\" and \"\(other)\" are the same file name in different case; only \"\(other)\" is read",
              de:
                "„\(Inert.message(name, limit: 60))“ und „\(other)“ sind derselbe Dateiname in anderer Schreibung; nur „\(other)“ wird gelesen"
            ))
          continue
        }
        present[canonical] = name
        if name != canonical {
          folderSink.warning(
            Bilingual(
              "\"\(Inert.message(name, limit: 60))\" is read as \(canonical) (rename it to \(canonical))",
              de: "„\(Inert.message(name, limit: 60))“ wird als \(canonical) gelesen (in \(canonical) umbenennen)"))
        }
      } else if Self.mayBeExport(name) {
        exports.append(name)
      } else {
        folderSink.add(
          .warning,
          Bilingual(
            "\"\(Inert.message(name, limit: 60))\" is not a feed file and is ignored",
            de: "„\(Inert.message(name, limit: 60))“ ist keine Lieferdatei und wird übergangen"),
          hint: { Nearest.hintTexts(name, in: Self.knownFiles) })
      }
    }

    var projects = ProjectIndex()
    for canonical in Self.knownFiles {
      guard let name = present[canonical], let why = refused[name] else { continue }
      folderSink.error(why)
      present[canonical] = nil
      if canonical == "projects.csv" {
        projects.problem = Self.unreadable(name)
        projects.source = "refused"
      }
    }
    var imports: [ImportSettings] = []
    if let name = present["office.yaml"] {
      try loadOfficeYAML(name, into: &office, imports: &imports, diagnostics: &diagnostics, files: &files)
    } else if refused.isEmpty || !names.contains(where: { $0.lowercased() == "office.yaml" }) {
      folderSink.error(
        Bilingual(
          "office.yaml is missing: the office is shown under its folder name",
          de: "office.yaml fehlt: das Amt wird unter seinem Ordnernamen gezeigt"))
    }
    if present["projects.csv"] == nil
      && (refused.isEmpty || !names.contains(where: { $0.lowercased() == "projects.csv" }))
    {
      folderSink.error(
        Bilingual(
          "projects.csv is missing: the office has no projects", de: "projects.csv fehlt: das Amt hat keine Projekte"))
    }
    var csvTargets: [String: Double] = [:]
    var cachedFiles = 0
    // An office's imports check their ids against backlog.csv's: there the ids are always kept.
    var loader = self
    if !exports.isEmpty || !imports.isEmpty { loader.backlogTexts = true }
    for canonical in ["projects.csv", "milestones.csv", "backlog.csv", "ozg.csv", "kpis.csv"] {
      guard let name = present[canonical] else { continue }
      let outcome = try loader.loadCSV(canonical, name, into: &office, projects: &projects, kpiTargets: &csvTargets)
      files.append(outcome.stats)
      diagnostics += outcome.diagnostics
      if outcome.cached { cachedFiles += 1 }
      // A file skipped as a whole gives no data: its metrics are missing for the office, not 0.
      if outcome.stats.skipped, let kind = FeedFileKind(rawValue: canonical) { office.missingFeeds.append(kind) }
    }
    // kpis.csv's targets where office.yaml gives none.
    for (k, t) in csvTargets where office.kpiTargets[k] == nil { office.kpiTargets[k] = t }
    if !exports.isEmpty || !imports.isEmpty {
      try loadImports(
        exports, settings: imports, into: &office, projectsProblem: projects.problem, folderSink: &folderSink,
        diagnostics: &diagnostics, files: &files)
    }
    if present["projects.csv"] == nil { office.missingFeeds.insert(.projects, at: 0) }
    diagnostics = folderSink.finish() + diagnostics
    return Result(office: office, diagnostics: diagnostics, files: files, cachedFiles: cachedFiles)
  }

  /// Reads one CSV feed file into the office: from the parsed-feed cache when it holds an entry made from
  /// exactly this file in this context, else by parsing it (and then storing its entry).
  private func loadCSV(
    _ canonical: String, _ name: String, into office: inout Office, projects: inout ProjectIndex,
    kpiTargets: inout [String: Double]
  ) throws(SystemError) -> FileOutcome {
    var want: FeedCache.Want? = nil
    let context: String? =
      switch canonical {
      case "projects.csv": ""
      case "milestones.csv", "backlog.csv": projects.source.map { "projects " + $0 }
      case "ozg.csv": "model \(city.maturityModel.rawValue)"
      default: "kpis " + city.kpis.map(\.id).joined(separator: ",")
      }
    if let cache, let resolvedRoot, let context,
      let key = listing?.key(join(folder, name)) ?? FileKey(path: join(folder, name))
    {
      want = FeedCache.Want(
        absolute: join(resolvedRoot, "\(relative)/\(name)"), key: key, context: context, asOf: asOf,
        checksums: checksums)
      if canonical == "projects.csv" { projects.source = "\(name) \(key)" }
      if let entry = cache.read(want!) {
        switch entry.rows {
        case .projects(let list, let rejected, let usable):
          office.projects = list
          projects.ids = ByteKeyMap(capacity: list.count)
          for p in list { projects.ids.insert(p.id) }
          projects.rejected = rejected
          projects.problem = usable ? nil : Self.unreadable(name)
        case .milestones(let list): office.milestones = list
        case .backlog(let items, let texts, let labels):
          office.backlog = items
          office.texts = texts
          office.labels = labels
        case .ozg(let services, let rows):
          office.services = services
          office.ozg = rows
        case .kpis(let values, let targets):
          office.kpis = values
          kpiTargets = targets
        }
        return FileOutcome(stats: entry.stats, diagnostics: entry.diagnostics, checks: entry.checks, cached: true)
      }
    } else if canonical == "projects.csv" {
      projects.source = nil
    }
    let outcome: FileOutcome
    let rows: CachedFile.Rows
    switch canonical {
    case "projects.csv":
      outcome = try loadProjects(name, into: &office, index: &projects)
      rows = .projects(office.projects, rejected: projects.rejected, usable: projects.problem == nil)
    case "milestones.csv":
      outcome = try loadMilestones(name, into: &office, projects: projects)
      rows = .milestones(office.milestones)
    case "backlog.csv":
      outcome = try loadBacklog(name, into: &office, projects: projects)
      rows = .backlog(office.backlog, texts: office.texts, labels: office.labels)
    case "ozg.csv":
      outcome = try loadOZG(name, into: &office)
      rows = .ozg(services: office.services, rows: office.ozg)
    default:
      outcome = try loadKPIs(name, into: &office, targets: &kpiTargets)
      rows = .kpis(office.kpis, targets: kpiTargets)
    }
    if let cache, let want {
      cache.store(
        CachedFile(stats: outcome.stats, diagnostics: outcome.diagnostics, checks: outcome.checks, rows: rows),
        for: want)
    }
    return outcome
  }

  private func file(_ name: String, _ columns: [String]) -> FeedFile {
    var f = FeedFile(path: "\(relative)/\(name)", office: id, columns: columns)
    f.checksum = checksums
    f.root = resolvedRoot
    return f
  }

  // MARK: - office.yaml

  private func loadOfficeYAML(
    _ name: String, into office: inout Office, imports: inout [ImportSettings], diagnostics: inout [Diagnostic],
    files: inout [FileStats]
  ) throws(SystemError) {
    let path = "\(relative)/\(name)"
    var sink = DiagnosticSink(office: id, file: path)
    var stats = FileStats(path: path, office: id)
    defer {
      files.append(stats)
      diagnostics += sink.finish()
    }
    guard
      let text = try readText(
        join(folder, name), stats: &stats, sink: &sink, checksum: checksums, inside: resolvedRoot),
      let map = YAMLMap.parse(text, sink: &sink)
    else {
      stats.skipped = true
      return
    }
    map.checkKeys(
      ["id", "name", "number", "department", "coordinator", "digit_since", "data_as_of", "targets", "imports"],
      sink: &sink)
    imports = ImportSettings.read(map, sink: &sink)
    if let yamlID = map.string("id", sink: &sink), yamlID != id {
      sink.warning(
        line: map.value("id")?.mark?.line, column: "id",
        Bilingual(
          "\"\(Inert.message(yamlID))\" differs from the folder name \"\(id)\"; the folder name is used",
          de: "„\(Inert.message(yamlID))“ weicht vom Ordnernamen „\(id)“ ab; der Ordnername wird verwendet"))
    }
    if let name = map.string("name", required: true, sink: &sink), !name.isEmpty { office.name = name }
    office.number = map.string("number", sink: &sink) ?? ""
    office.department = map.string("department", sink: &sink) ?? ""
    office.coordinator = map.string("coordinator", sink: &sink) ?? ""
    office.digitSince = map.date("digit_since", sink: &sink)
    office.declaredDataAsOf = map.date("data_as_of", sink: &sink)
    // The office's own KPI targets, by KPI id of city.yaml.
    if let targets = map.map("targets", sink: &sink) {
      let ids = city.kpis.map(\.id)
      targets.checkKeys(ids, sink: &sink)
      for id in targets.keys where ids.contains(id) {
        if let t = targets.double(id, sink: &sink) { office.kpiTargets[id] = t }
      }
    }
  }

  // MARK: - projects.csv

  private enum P {
    static let columns = [
      "id", "title", "category", "status", "owner", "start", "due", "budget_planned", "budget_spent", "index_area",
      "updated", "risk",
    ]
    static let id = 0, title = 1, category = 2, status = 3, owner = 4, start = 5, due = 6, planned = 7, spent = 8,
      area = 9, updated = 10, risk = 11
  }

  private func loadProjects(_ name: String, into office: inout Office, index: inout ProjectIndex) throws(SystemError)
    -> FileOutcome
  {
    var f = file(name, P.columns)
    guard let reader = try f.open(absolute: join(folder, name), required: [P.id, P.title, P.status]) else {
      index.problem = Self.unreadable(name)
      return f.outcome()
    }
    index.problem = nil
    var ids = ByteKeyMap()
    var idLines: [Int32] = []
    var rejected: [String: Int] = [:]
    var projects: [Project] = []
    let asOf = self.asOf
    let officeID = id
    f.forEachRow(reader) { f, r in
      var ok = true
      f.uniqueID(r, P.id, in: &ids, lines: &idLines, strict: true, &ok)
      let title = f.requiredText(r, P.title, &ok)
      let status = f.word(
        r, P.status, &ok, required: true, expected: Bilingual("a status", de: "kein Status"),
        candidates: ProjectStatus.words,
        ProjectStatus.init(word:))
      let start = f.date(r, P.start, &ok)
      let due = f.date(r, P.due, &ok)
      let planned = f.decimal(r, P.planned, &ok, minimum: 0)
      let spent = f.decimal(r, P.spent, &ok, minimum: 0)
      let area = f.word(
        r, P.area, &ok, expected: Bilingual("an index area", de: "kein Indexbereich"), candidates: IndexArea.names,
        IndexArea.init(name:))
      let updated = f.date(r, P.updated, &ok)
      let risk = f.word(
        r, P.risk, &ok, expected: Bilingual("a risk level", de: "keine Risikostufe"), candidates: RiskLevel.words,
        RiskLevel.init(word:))
      guard ok, let status else {
        if !f.isEmpty(r, P.id) {
          let text = f.text(r, P.id)
          rejected[text] = rejected[text] ?? r.line
          // Also under what the id looks like, so that a reference to "P-1" finds a rejected "P-1" + U+200B.
          let visible = Identifier.visible(text)
          if visible != text { rejected[visible] = rejected[visible] ?? r.line }
        }
        return false
      }
      if let start, let due, due < start {
        f.sink.warning(
          line: r.line, column: "due",
          Bilingual(
            "\(due) lies before the start \(start)",
            de: "\(due.germanDescription) liegt vor dem Start \(start.germanDescription)"))
      }
      if let updated, f.isAfter(updated, asOf) {
        f.sink.warning(line: r.line, column: "updated", Self.afterAsOf(updated, asOf))
      }
      projects.append(
        Project(
          id: r.string(f.field[P.id]), officeID: officeID, title: title, category: f.text(r, P.category),
          status: status,
          owner: f.text(r, P.owner), start: start, due: due, budgetPlanned: planned, budgetSpent: spent,
          indexArea: area, updated: updated, risk: risk, line: r.line))
      return true
    }
    office.projects = projects
    index.ids = ByteKeyMap(capacity: projects.count)
    for p in projects { index.ids.insert(p.id) }
    index.rejected = rejected.filter { index.ids.index(of: $0.key) == nil }
    return f.outcome()
  }

  /// A file whose rows refer to projects cannot be read without projects.csv: its rows are counted as
  /// skipped, with one error that says why.
  /// `2026-11-30 lies after the as-of date 2026-11-23` / `30.11.2026 liegt nach dem Stichtag 23.11.2026`.
  static func afterAsOf(_ day: Day, _ asOf: Day) -> Bilingual {
    Bilingual(
      "\(day) lies after the as-of date \(asOf)",
      de: "\(day.germanDescription) liegt nach dem Stichtag \(asOf.germanDescription)")
  }

  /// `2026-W49 lies after the as-of week 2026-W48` / `KW 49/2026 liegt nach der Stichtagswoche KW 48/2026`.
  static func afterAsOf(_ week: ISOWeek, _ asOf: ISOWeek) -> Bilingual {
    Bilingual(
      "\(week) lies after the as-of week \(asOf)",
      de: "\(week.germanDescription) liegt nach der Stichtagswoche \(asOf.germanDescription)")
  }

  private static func unreadable(_ name: String) -> Bilingual {
    Bilingual("\(name) could not be read", de: "\(name) konnte nicht gelesen werden")
  }

  private func skipForMissingProjects(_ f: inout FeedFile, _ reader: CSVReader, _ problem: Bilingual) {
    f.sink.error(
      Bilingual(
        "not read, because \(problem.english): its rows cannot be matched to projects",
        de: "nicht gelesen, weil \(problem.german): ihre Zeilen können keinem Projekt zugeordnet werden"))
    f.stats.skipped = true
    f.forEachRow(reader) { _, _ in false }
  }

  // MARK: - milestones.csv

  private enum M {
    static let columns = ["project_id", "name", "due", "done"]
    static let project = 0, name = 1, due = 2, done = 3
  }

  private func loadMilestones(_ fileName: String, into office: inout Office, projects: ProjectIndex) throws(SystemError)
    -> FileOutcome
  {
    var f = file(fileName, M.columns)
    guard let reader = try f.open(absolute: join(folder, fileName), required: [M.project, M.name]) else {
      return f.outcome()
    }
    if let problem = projects.problem {
      skipForMissingProjects(&f, reader, problem)
      return f.outcome()
    }
    var milestones: [Milestone] = []
    let asOf = self.asOf
    f.forEachRow(reader) { f, r in
      var ok = true
      let project = f.projectReference(r, M.project, in: projects, ids: office.projects.map(\.id), &ok)
      let name = f.requiredText(r, M.name, &ok)
      let due = f.date(r, M.due, &ok)
      let done = f.date(r, M.done, &ok)
      guard ok else { return false }
      if let done {
        if f.isAfter(done, asOf) {
          f.sink.warning(line: r.line, column: "done", Self.afterAsOf(done, asOf))
        }
        if let start = office.projects[project].start, done < start {
          f.sink.warning(
            line: r.line, column: "done",
            Bilingual(
              "\(done) lies before the start of project \(office.projects[project].id) (\(start))",
              de:
                "\(done.germanDescription) liegt vor dem Start des Projekts \(office.projects[project].id) (\(start.germanDescription))"
            ))
        }
      }
      milestones.append(Milestone(project: Int32(project), name: name, due: due, done: done))
      return true
    }
    office.milestones = milestones
    return f.outcome()
  }

  // MARK: - backlog.csv

  private enum B {
    static let columns = ["id", "project_id", "title", "type", "priority", "created", "closed", "points"]
    static let id = 0, project = 1, title = 2, type = 3, priority = 4, created = 5, closed = 6, points = 7
  }

  private func loadBacklog(_ fileName: String, into office: inout Office, projects: ProjectIndex) throws(SystemError)
    -> FileOutcome
  {
    var f = file(fileName, B.columns)
    guard let reader = try f.open(absolute: join(folder, fileName), required: [B.id, B.project, B.created]) else {
      return f.outcome()
    }
    if let problem = projects.problem {
      skipForMissingProjects(&f, reader, problem)
      return f.outcome()
    }
    var ids = ByteKeyMap(capacity: reader.bytes.count / 64)
    var idLines: [Int32] = []
    idLines.reserveCapacity(reader.bytes.count / 64)
    var labels = LabelInterner(office.labels)
    var items: [BacklogItem] = []
    items.reserveCapacity(reader.bytes.count / 64)
    var texts = office.texts
    let keepTexts = backlogTexts
    if keepTexts { texts.reserveCapacity(reader.bytes.count / 2) }
    let asOf = self.asOf
    f.forEachRow(reader) { f, r in
      var ok = true
      f.uniqueID(r, B.id, in: &ids, lines: &idLines, strict: false, &ok)
      let project = f.projectReference(r, B.project, in: projects, ids: office.projects.map(\.id), &ok)
      let created = f.date(r, B.created, &ok, required: true)
      let closed = f.date(r, B.closed, &ok)
      let points = f.decimal(r, B.points, &ok, minimum: 0)
      if let created, let closed, closed < created {
        f.sink.error(
          line: r.line, column: "closed",
          Bilingual(
            "\(closed) lies before created \(created)",
            de: "\(closed.germanDescription) liegt vor dem Anlagedatum \(created.germanDescription)"))
        ok = false
      }
      guard ok, let created else { return false }
      if f.isAfter(created, asOf) {
        f.sink.warning(line: r.line, column: "created", Self.afterAsOf(created, asOf))
      } else if let closed, f.isAfter(closed, asOf) {
        f.sink.warning(line: r.line, column: "closed", Self.afterAsOf(closed, asOf))
      }
      let idRef: TextRef
      let titleRef: TextRef
      if !keepTexts {
        idRef = TextRef(start: 0, count: 0)
        titleRef = idRef
      } else if f.field[B.title] >= 0 && r.hasEscapedQuotes(f.field[B.title]) {
        idRef = texts.append(bytes: UnsafeRawBufferPointer(f.bytes(r, B.id)))
        // Piece by piece straight into the pool (no array per title): the pieces are appended back to
        // back, so the title is the bytes from the first piece's start.
        var first: TextRef? = nil
        var length: UInt32 = 0
        CSVRecord.forEachUnescapedRun(f.bytes(r, B.title)) { piece in
          let ref = texts.append(bytes: UnsafeRawBufferPointer(piece))
          if first == nil { first = ref }
          length += ref.count
        }
        titleRef =
          first.map { TextRef(start: $0.start, count: length) }
          ?? texts.append(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
      } else {
        idRef = texts.append(bytes: UnsafeRawBufferPointer(f.bytes(r, B.id)))
        titleRef = texts.append(
          bytes: UnsafeRawBufferPointer(
            f.field[B.title] >= 0 ? f.bytes(r, B.title) : UnsafeBufferPointer(start: nil, count: 0)))
      }
      let labelRef = labels.intern(
        type: f.field[B.type] >= 0 ? f.bytes(r, B.type) : UnsafeBufferPointer(start: nil, count: 0),
        priority: f.field[B.priority] >= 0 ? f.bytes(r, B.priority) : UnsafeBufferPointer(start: nil, count: 0))
      items.append(
        BacklogItem(
          project: Int32(project), id: idRef, title: titleRef, labels: labelRef, created: created, closed: closed,
          points: points.map { Float($0) }))
      return true
    }
    office.backlog = items.trimmed()
    office.texts = texts
    office.labels = labels.pool
    return f.outcome()
  }

  // MARK: - ozg.csv

  private enum O {
    static let columns = [
      "week", "service_id", "service", "maturity", "online", "paper", "completed", "pending", "median_days",
      "maturity_model", "leika",
    ]
    static let week = 0, serviceID = 1, service = 2, maturity = 3, online = 4, paper = 5, completed = 6, pending = 7,
      median = 8, model = 9, leika = 10
  }

  private func loadOZG(_ fileName: String, into office: inout Office) throws(SystemError) -> FileOutcome {
    var f = file(fileName, O.columns)
    guard
      let reader = try f.open(
        absolute: join(folder, fileName),
        required: [O.week, O.serviceID, O.service, O.maturity, O.online, O.paper, O.completed])
    else { return f.outcome() }
    var serviceKeys = ByteKeyMap()
    var services: [OZGService] = []
    var seen: [WeekSet] = []
    var rows: [OZGWeek] = []
    rows.reserveCapacity(reader.bytes.count / 48)
    let asOfWeek = asOf.isoWeek
    f.forEachRow(reader) { f, r in
      var ok = true
      let week = f.week(r, O.week, &ok)
      let keyBytes = f.bytes(r, O.serviceID)
      if keyBytes.count == 0 { f.missing(r, O.serviceID, &ok) }
      var maturity: Int32? = nil
      // The row's own maturity model (`maturity_model`), else the city's.
      var model: OZGMaturityModel? = nil
      if !f.isEmpty(r, O.model) {
        let text = f.text(r, O.model)
        model = OZGMaturityModel(version: text)
        if model == nil {
          f.sink.error(
            line: r.line, column: "maturity_model",
            "\"\(Inert.message(text))\" is not a maturity model (expected 1 or 1.x for levels 0–4, 2 or 2.0 for levels 0–7)",
            de:
              "„\(Inert.message(text))“ ist kein Reifegradmodell (erwartet: 1 oder 1.x für die Stufen 0–4, 2 oder 2.0 für die Stufen 0–7)"
          )
          ok = false
        }
      }
      let rowModel = model ?? city.maturityModel
      let maxLevel = rowModel.maxLevel
      if f.isEmpty(r, O.maturity) {
        f.missing(r, O.maturity, &ok)
      } else if let m = f.count(r, O.maturity, &ok, required: true) {
        if m > maxLevel {
          f.sink.error(
            line: r.line, column: "maturity",
            Bilingual(
              "\(m) is not an OZG maturity level (model \(rowModel.rawValue): 0–\(maxLevel))",
              de: "\(m) ist kein OZG-Reifegrad (Modell \(rowModel.rawValue): 0–\(maxLevel))"))
          ok = false
        } else {
          maturity = m
        }
      }
      let online = f.count(r, O.online, &ok, required: true)
      let paper = f.count(r, O.paper, &ok, required: true)
      let completed = f.count(r, O.completed, &ok, required: true)
      let pending = f.count(r, O.pending, &ok, required: false)
      let median = f.decimal(r, O.median, &ok, minimum: 0)
      guard ok, let week, let maturity, let online, let paper, let completed else { return false }
      // A service is known from its first accepted row on.
      let (service, inserted) = serviceKeys.insert(keyBytes)
      if inserted {
        seen.append(WeekSet())
        let key = String(decoding: keyBytes, as: UTF8.self)
        if key.utf8.count != 14 || !key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
          var message = Bilingual(
            "\"\(Inert.message(key))\" is not a 14-digit LeiKa/FIM key",
            de: "„\(Inert.message(key))“ ist kein 14-stelliger LeiKa/FIM-Schlüssel")
          if let c = Identifier.firstOutsideTexts(key) {
            message += Bilingual(" (it contains \(c.english))", de: " (er enthält \(c.german))")
          }
          f.sink.warning(line: r.line, column: "service_id", message)
        }
        let leika = f.text(r, O.leika)
        services.append(OZGService(id: key, name: f.text(r, O.service), leika: leika.isEmpty ? nil : leika))
      }
      if !seen[service].insert(week) {
        f.sink.error(
          line: r.line, column: "week",
          Bilingual(
            "service \(services[service].id) already has a row for \(week)",
            de: "die Leistung \(services[service].id) hat schon eine Zeile für \(week.germanDescription)"))
        return false
      }
      if f.isAfter(week, asOfWeek) {
        f.sink.warning(line: r.line, column: "week", Self.afterAsOf(week, asOfWeek))
      }
      rows.append(
        OZGWeek(
          service: Int32(service), week: week, maturity: Int8(maturity), online: online, paper: paper,
          completed: completed, pending: pending, medianDays: median, model: model))
      return true
    }
    office.services = services
    office.ozg = rows.trimmed()
    return f.outcome()
  }

  // MARK: - kpis.csv

  private enum K {
    static let columns = ["week", "kpi", "value", "target"]
    static let week = 0, kpi = 1, value = 2, target = 3
  }

  private func loadKPIs(_ fileName: String, into office: inout Office, targets: inout [String: Double])
    throws(SystemError) -> FileOutcome
  {
    var f = file(fileName, K.columns)
    guard let reader = try f.open(absolute: join(folder, fileName), required: [K.week, K.kpi, K.value]) else {
      return f.outcome()
    }
    let ids = city.kpis.map(\.id)
    var seen = Set<Int64>()
    var values: [KPIValue] = []
    var targetWeek: [Int: ISOWeek] = [:]
    var csvTargets: [Int: Double] = [:]
    let asOfWeek = asOf.isoWeek
    f.forEachRow(reader) { f, r in
      var ok = true
      let week = f.week(r, K.week, &ok)
      var kpi = -1
      if f.isEmpty(r, K.kpi) {
        f.missing(r, K.kpi, &ok)
      } else {
        let name = f.text(r, K.kpi)
        if let k = ids.firstIndex(of: name) {
          kpi = k
        } else {
          f.sink.add(
            .error, line: r.line, column: "kpi",
            Bilingual(
              "\"\(Inert.message(name))\" is not a KPI defined in city.yaml",
              de: "„\(Inert.message(name))“ ist keine in city.yaml festgelegte Kennzahl"),
            hint: {
              if let c = Identifier.firstOutsideTexts(name, allowed: { $0.value >= 0x21 && $0.value < 0x7F }) {
                return Bilingual("; it contains \(c.english)", de: "; sie enthält \(c.german)")
              }
              return Nearest.match(name, in: ids).map(Nearest.didYouMeanAfterSemicolon) ?? .empty
            })
          ok = false
        }
      }
      let value = f.decimal(r, K.value, &ok, required: true)
      let target = f.decimal(r, K.target, &ok)
      guard ok, let week, let value else { return false }
      // The target of the latest week that gives one (office.yaml's targets win).
      if let target, week >= (targetWeek[kpi] ?? week) {
        targetWeek[kpi] = week
        csvTargets[kpi] = target
      }
      if !seen.insert(Int64(kpi) << 32 | Int64(week.rawValue)).inserted {
        f.sink.error(
          line: r.line, column: "week",
          Bilingual(
            "KPI \(ids[kpi]) already has a value for \(week)",
            de: "die Kennzahl \(ids[kpi]) hat schon einen Wert für \(week.germanDescription)"))
        return false
      }
      if f.isAfter(week, asOfWeek) {
        f.sink.warning(line: r.line, column: "week", Self.afterAsOf(week, asOfWeek))
      }
      values.append(KPIValue(kpi: Int32(kpi), week: week, value: value))
      return true
    }
    office.kpis = values
    for (k, t) in csvTargets { targets[ids[k]] = t }
    return f.outcome()
  }
}

/// Reads a small text file (YAML) as UTF-8, reporting why it cannot be read; throws when the system
/// fails (see ``SystemError``).
/// `root`: see ``FileSystem/readFile(_:inside:)``.
func readText(
  _ path: String, stats: inout FileStats, sink: inout DiagnosticSink, checksum: Bool, inside root: String? = nil
) throws(SystemError) -> String? {
  switch FileSystem.readFile(path, inside: root) {
  case .failure(let e):
    if let system = e.systemError(path: stats.path) { throw system }
    sink.error(Bilingual("the file \(e.description)", de: "die Datei \(e.german)"))
    return nil
  case .success(var bytes):
    stats.bytes = bytes.count
    if checksum { stats.sha256 = Checksum.sha256(bytes) }
    switch TextDecoding.decodeLines(&bytes) {
    case .failure(let p):
      sink.error(p.texts)
      return nil
    case .success(let decoded):
      decoded.report(
        to: &sink, advice: Bilingual("save it as UTF-8 to avoid this", de: "als UTF-8 speichern, um das zu vermeiden"))
      return String(decoding: bytes, as: UTF8.self)
    }
  }
}

/// The weeks one service has a row for: a bit per week, so that checking 2.5 million rows for
/// duplicates costs no hashing.
struct WeekSet {
  private var base = 0
  private var bits: [UInt64] = []

  /// Inserts a week; returns false when it was there already.
  mutating func insert(_ week: ISOWeek) -> Bool {
    let k = week.year * 53 + week.week
    if bits.isEmpty { base = k & ~63 - 64 * 8 }
    if k < base {
      let shift = (base - (k & ~63)) / 64 + 8
      bits.insert(contentsOf: repeatElement(0, count: shift), at: 0)
      base -= shift * 64
    }
    let i = k - base
    if i / 64 >= bits.count { bits.append(contentsOf: repeatElement(0, count: i / 64 - bits.count + 8)) }
    let mask: UInt64 = 1 << UInt64(i % 64)
    if bits[i / 64] & mask != 0 { return false }
    bits[i / 64] |= mask
    return true
  }
}

extension DecodedText {
  /// The warnings for what was not UTF-8: one for a Windows-1252 file, one per line (capped like every
  /// diagnostic) for stray Windows-1252 lines in a UTF-8 file.
  func report(to sink: inout DiagnosticSink, advice: Bilingual) {
    switch encoding {
    case .windows1252:
      sink.warning(
        Bilingual(
          "the file is not valid UTF-8; it was read as Windows-1252 (\(advice.english))",
          de: "die Datei ist kein gültiges UTF-8; sie wurde als Windows-1252 gelesen (\(advice.german))"))
    case .utf8WithWindows1252Lines:
      for line in windows1252Lines {
        sink.warning(
          line: line,
          Bilingual(
            "the line is not valid UTF-8 (the rest of the file is); it was read as Windows-1252 (\(advice.english))",
            de:
              "die Zeile ist kein gültiges UTF-8 (der Rest der Datei schon); sie wurde als Windows-1252 gelesen (\(advice.german))"
          ))
      }
    case .utf8, .utf8WithBOM:
      break
    }
  }
}

extension Array {
  /// The array in a buffer of its size when its capacity, reserved from an estimate of a file's rows, is
  /// more than an eighth larger: the reserved tail would otherwise stay part of the process's memory.
  func trimmed() -> [Element] {
    guard capacity - count > count / 8 else { return self }
    return withUnsafeBufferPointer { Array($0) }
  }
}
