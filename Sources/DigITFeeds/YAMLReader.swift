import DigITCore
import DigITMetrics
import Yams

/// Typed, checked access to a YAML mapping: every wrong type, unknown key or bad value becomes a
/// `Diagnostic` with its line, and reading goes on. Used for `city.yaml`, `office.yaml` and the
/// dashboard definitions.
public struct YAMLMap {
  let mapping: Node.Mapping
  /// The key path for messages, e.g. `thresholds.` or `kpis[2].`.
  public let prefix: String

  /// Parses a YAML text into its top-level mapping, reporting syntax errors with their line.
  public static func parse(_ text: String, sink: inout DiagnosticSink) -> YAMLMap? {
    parse(text, resolver: resolver, sink: &sink)
  }

  /// ``parse(_:sink:)`` with the tags Yams resolves (tests compare Yams' default resolver with ``resolver``).
  static func parse(_ text: String, resolver: Resolver, sink: inout DiagnosticSink) -> YAMLMap? {
    // Checked before Yams sees the text: see `aliasLine`.
    if let line = aliasLine(text) {
      sink.error(
        line: line,
        Bilingual(
          "YAML aliases (*name) are not supported here: write the value out instead",
          de: "YAML-Aliase (*name) werden hier nicht unterstützt: den Wert stattdessen ausschreiben"))
      return nil
    }
    let node: Node?
    do {
      node = try Yams.compose(yaml: text, resolver, .default, .utf8)
    } catch let error as YamlError {
      switch error {
      case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
        .composer(let context, let problem, let mark, _):
        // libyaml's own words (`did not find expected key`) are English only; the German message says
        // so around them.
        var message = Bilingual(
          "YAML syntax error: \(problem) (column \(mark.column))",
          de: "YAML-Syntaxfehler (Spalte \(mark.column)): \(problem)")
        if problem.hasPrefix("Maximum nesting level reached") {
          // libyaml's words name its C function; say what it means.
          message = Bilingual(
            "YAML is nested too deeply: lists and mappings may be nested at most \(maximumNesting) levels (column \(mark.column))",
            de:
              "YAML ist zu tief verschachtelt: Listen und Zuordnungen dürfen höchstens \(maximumNesting) Ebenen tief verschachtelt sein (Spalte \(mark.column))"
          )
        }
        if let context, context.text.contains("quoted scalar"), context.mark.line != mark.line {
          // An unclosed quote is found only at the end of the file; say where it was opened.
          message += Bilingual(
            "; a quoted value opened in line \(context.mark.line) is not closed",
            de: "; ein in Zeile \(context.mark.line) geöffneter Wert in Anführungszeichen wird nicht geschlossen")
        }
        sink.error(line: mark.line, message)
      case .reader(let problem, _, _, _):
        sink.error(Bilingual("YAML cannot be read: \(problem)", de: "YAML kann nicht gelesen werden: \(problem)"))
      case .duplicatedKeysInMapping(let duplicates, let context):
        let keys = duplicates.map { Inert.message($0, limit: 40) }.joined(separator: ", ")
        sink.error(
          line: context.mark.line,
          Bilingual("YAML has the key \(keys) twice", de: "im YAML steht der Schlüssel \(keys) zweimal"))
      default:
        sink.error(Bilingual("YAML error: \(error)", de: "YAML-Fehler: \(error)"))
      }
      return nil
    } catch {
      sink.error(Bilingual("YAML error: \(error)", de: "YAML-Fehler: \(error)"))
      return nil
    }
    guard let node else {
      sink.error(Bilingual("the file is empty", de: "die Datei ist leer"))
      return nil
    }
    if let twice = keyWrittenTwice(node) {
      let key = Inert.message(twice.key, limit: 40)
      sink.error(
        line: twice.line, Bilingual("YAML has the key \(key) twice", de: "im YAML steht der Schlüssel \(key) zweimal"))
      return nil
    }
    guard let mapping = node.mapping else {
      sink.error(
        line: node.mark?.line,
        Bilingual("expected a mapping of keys (name: …), found ", de: "erwartet eine Zuordnung (name: …), gefunden: ")
          + describe(node))
      return nil
    }
    return YAMLMap(mapping: mapping, prefix: "")
  }

  /// The first key written twice in a mapping of `node`, found by its text (as ``value(_:)`` looks keys
  /// up). Yams refuses a key written twice only when both have the same tag: `name` and `!x name` would
  /// both pass, and one of them would count silently.
  static func keyWrittenTwice(_ node: Node) -> (key: String, line: Int?)? {
    var stack = [node]
    while let n = stack.popLast() {
      switch n {
      case .mapping(let mapping):
        var seen: Set<String> = []
        for (k, v) in mapping {
          if let text = k.string, !seen.insert(text).inserted { return (text, k.mark?.line) }
          stack.append(k)
          stack.append(v)
        }
      case .sequence(let sequence): stack.append(contentsOf: sequence)
      default: break
      }
    }
    return nil
  }

  /// libyaml's limit on nested lists and mappings (its `MAX_NESTING_LEVEL`).
  static let maximumNesting = 1000

  /// The line of the first alias (`*name`) in a YAML text, or `nil` when it has none.
  ///
  /// Feed and dashboard files have no use for aliases, and with them a small file hangs the parser:
  /// Yams checks each mapping for duplicate keys by hashing its key nodes, and hashing a key that is an
  /// alias of a list of aliases of lists … (`b: &b [*a,*a,…]` eight levels deep, then `? *i`) visits
  /// 10⁸ nodes for 348 bytes of YAML (a "billion laughs": a timeout of fuzz-feed with such a city.yaml,
  /// see FuzzRegressionTests). So files with aliases are refused before Yams composes them.
  ///
  /// The scan is lexical, a `*` where a node can start: at the start of a line, after `- `, `? `, `: `,
  /// and after `[`, `{` and `,` in flow collections. It skips quoted scalars, comments and the lines of
  /// block scalars (`|`, `>`); a `*` inside plain text (`a *b`, `5 * 3`) is not an alias. Its only
  /// miss-reading is a continuation line of a multi-line plain scalar that starts with `*`.
  static func aliasLine(_ text: String) -> Int? {
    var text = text
    return text.withUTF8 { b -> Int? in
      let n = b.count
      var i = 0
      var line = 1
      var quote: UInt8 = 0  // the open quote of a quoted scalar, or 0
      var blockIndent = -1  // while ≥ 0: lines indented deeper belong to a block scalar
      var flowDepth = 0
      @inline(__always) func isBreak(_ k: Int) -> Bool { k >= n || b[k] == 0x0A || b[k] == 0x0D }
      @inline(__always) func isBlank(_ k: Int) -> Bool { isBreak(k) || b[k] == 0x20 || b[k] == 0x09 }
      while i < n {
        // At the start of a line.
        var indent = 0
        while i + indent < n && b[i + indent] == 0x20 { indent += 1 }
        if quote == 0 && blockIndent >= 0 {
          var k = i + indent
          while k < n && b[k] == 0x09 { k += 1 }
          if isBreak(k) || indent > blockIndent {  // a blank line or a line of the block scalar
            while !isBreak(i) { i += 1 }
            if i < n && b[i] == 0x0D && i + 1 < n && b[i + 1] == 0x0A { i += 1 }
            i += 1
            line += 1
            continue
          }
          blockIndent = -1
        }
        if quote == 0 { i += indent }
        var nodeStart = quote == 0
        var afterSpace = true
        while !isBreak(i) {
          let c = b[i]
          if quote == 0x22 {  // "…": backslash escapes
            if c == 0x5C && !isBreak(i + 1) { i += 1 } else if c == 0x22 { quote = 0 }
            i += 1
            continue
          }
          if quote == 0x27 {  // '…': '' is a quote
            if c == 0x27 { if i + 1 < n && b[i + 1] == 0x27 { i += 1 } else { quote = 0 } }
            i += 1
            continue
          }
          switch c {
          case 0x20, 0x09:
            afterSpace = true
            i += 1
            continue
          case 0x23 where afterSpace:  // # comment
            while !isBreak(i) { i += 1 }
            continue
          case 0x2A where nodeStart:  // * alias
            return line
          case 0x22, 0x27:
            if nodeStart { quote = c }
            nodeStart = false
          case 0x7C, 0x3E:  // | > block scalar
            if nodeStart && flowDepth == 0 {
              blockIndent = indent
              while !isBreak(i) { i += 1 }
              continue
            }
            nodeStart = false
          case 0x26, 0x21:  // & anchor, ! tag: a node follows
            if !nodeStart { break }
            while !isBlank(i) { i += 1 }
            continue
          case 0x2D, 0x3F:  // - ? indicators (only where a node starts: "a - *b" is text)
            nodeStart = nodeStart && isBlank(i + 1)
          case 0x3A:  // : indicator
            nodeStart = isBlank(i + 1) || flowDepth > 0
          case 0x5B, 0x7B:  // [ {
            if nodeStart { flowDepth += 1 }
          case 0x5D, 0x7D:  // ] }
            if flowDepth > 0 { flowDepth -= 1 }
            nodeStart = false
          case 0x2C:  // , separates flow items
            nodeStart = flowDepth > 0
          default:
            nodeStart = false
          }
          afterSpace = false
          i += 1
        }
        if i < n && b[i] == 0x0D && i + 1 < n && b[i + 1] == 0x0A { i += 1 }
        i += 1
        line += 1
      }
      return nil
    }
  }

  static func describe(_ node: Node) -> Bilingual {
    switch node {
    case .scalar(let s):
      Bilingual(
        "the value \"\(Inert.message(s.string, limit: 40))\"", de: "der Wert „\(Inert.message(s.string, limit: 40))“")
    case .mapping: Bilingual("a mapping", de: "eine Zuordnung")
    case .sequence: Bilingual("a list", de: "eine Liste")
    case .alias: Bilingual("an alias", de: "ein Alias")
    }
  }

  static func expected(_ what: Bilingual, found node: Node) -> Bilingual {
    Bilingual("expected \(what.english), found ", de: "erwartet \(what.german), gefunden: ") + describe(node)
  }
  static let aList = Bilingual("a list", de: "eine Liste")
  static let aText = Bilingual("a text", de: "einen Text")
  static let aMapping = Bilingual("a mapping of keys", de: "eine Zuordnung")

  /// The line the mapping starts in.
  public var line: Int? { mapping.mark?.line }

  /// The keys, in file order.
  public var keys: [String] { mapping.map { $0.key.string ?? "?" } }

  /// Whether the key is present with a value.
  public func has(_ key: String) -> Bool { node(key) != nil }

  /// Whether the key's value is a mapping.
  public func isMapping(_ key: String) -> Bool { node(key)?.mapping != nil }

  /// The line of a key's value (or of the mapping when the key is missing).
  public func line(of key: String) -> Int? { value(key)?.mark?.line ?? line }

  /// A list of texts (`[a, b]` or one item per line); a single text counts as a list of one.
  public func strings(_ key: String, sink: inout DiagnosticSink) -> [(text: String, line: Int?)] {
    guard let n = node(key) else { return [] }
    if case .scalar(let s) = n { return [(s.string, n.mark?.line)] }
    guard let seq = n.sequence else {
      sink.error(line: n.mark?.line, column: prefix + key, Self.expected(Self.aList, found: n))
      return []
    }
    var out: [(String, Int?)] = []
    for (i, item) in seq.enumerated() {
      guard case .scalar(let s) = item else {
        sink.error(
          line: item.mark?.line, column: "\(prefix)\(key)[\(i + 1)]", Self.expected(Self.aText, found: item))
        continue
      }
      out.append((s.string, item.mark?.line))
    }
    return out
  }

  /// `true`/`false` (also `yes`/`no`, `ja`/`nein`).
  public func bool(_ key: String, sink: inout DiagnosticSink) -> Bool? {
    guard let text = string(key, sink: &sink) else { return nil }
    switch text.lowercased() {
    case "true", "yes", "ja", "on": return true
    case "false", "no", "nein", "off": return false
    default:
      sink.error(
        line: value(key)?.mark?.line, column: prefix + key,
        Bilingual(
          "\"\(Inert.message(text))\" is not true or false",
          de: "„\(Inert.message(text))“ ist weder true noch false (auch ja/nein)"))
      return nil
    }
  }

  /// Warns about keys not in `allowed`, naming the nearest allowed key.
  public func checkKeys(_ allowed: [String], sink: inout DiagnosticSink) {
    for (key, _) in mapping {
      let name = key.string ?? "?"
      guard !allowed.contains(name) else { continue }
      let message =
        Bilingual(
          "unknown key \"\(Inert.message(name, limit: 40))\" is ignored",
          de: "der unbekannte Schlüssel „\(Inert.message(name, limit: 40))“ wird übergangen")
        + Nearest.hintTexts(name, in: allowed)
      sink.warning(line: key.mark?.line, column: prefix + name, message)
    }
  }

  /// The tags Yams resolves for plain scalars: only null (`~`, `null`, an empty value), which ``string(_:required:sink:)``
  /// reads as "not given"; every value is read as text and typed here. Yams' default resolver matches
  /// each scalar against seven regular expressions (for its duplicate-key check too), and its default
  /// encoding reads the whole environment on every parse: with both, reading the large benchmark root's
  /// 400 `office.yaml` was a tenth of the dashboard's first frame.
  static let resolver = Resolver.basic.appending(.null)

  /// The value of a key, found by the key's text. (Yams' own lookup, `mapping[key]`, compares resolved
  /// tags, which runs its regular expressions on both keys for every key compared: measured on the large
  /// benchmark root, reading 400 `office.yaml` took twice as long so.)
  func value(_ key: String) -> Node? {
    for (k, v) in mapping where k.string == key { return v }
    return nil
  }

  private func node(_ key: String) -> Node? {
    guard let n = value(key) else { return nil }
    // `n.tag` resolves the tag (`s.tag` of a plain value stays implicit: Yams resolves only the keys).
    if case .scalar(let s) = n, (s.string.isEmpty && s.style == .plain) || n.tag.rawValue == Tag.Name.null.rawValue {
      return nil
    }
    return n
  }

  /// A scalar as text; `required` reports a missing key.
  public func string(_ key: String, required: Bool = false, sink: inout DiagnosticSink) -> String? {
    guard let n = node(key) else {
      if required { sink.error(line: line, column: prefix + key, Bilingual("is missing", de: "fehlt")) }
      return nil
    }
    guard case .scalar(let s) = n else {
      sink.error(line: n.mark?.line, column: prefix + key, Self.expected(Self.aText, found: n))
      return nil
    }
    return s.string
  }

  public func double(_ key: String, range: ClosedRange<Double>? = nil, sink: inout DiagnosticSink) -> Double? {
    guard let text = string(key, sink: &sink) else { return nil }
    guard let v = Double(text.trimmingSpaces), !v.isNaN else {
      sink.error(
        line: value(key)?.mark?.line, column: prefix + key,
        Bilingual("\"\(Inert.message(text))\" is not a number", de: "„\(Inert.message(text))“ ist keine Zahl"))
      return nil
    }
    guard v.magnitude <= Double(ValueParser.maximumDecimal) else {
      sink.error(
        line: value(key)?.mark?.line, column: prefix + key,
        ValueParser.texts(.tooLarge(maximum: ValueParser.maximumDecimal), value: text, style: .plain))
      return nil
    }
    if let range, !range.contains(v) {
      sink.error(
        line: value(key)?.mark?.line, column: prefix + key,
        Bilingual(
          "\(text) is out of range (expected \(range.lowerBound)…\(range.upperBound))",
          de: "\(text) liegt außerhalb des Bereichs (erwartet \(range.lowerBound)…\(range.upperBound))"))
      return nil
    }
    return v
  }

  public func int(_ key: String, range: ClosedRange<Int>? = nil, sink: inout DiagnosticSink) -> Int? {
    guard let text = string(key, sink: &sink) else { return nil }
    guard let v = Int(text.trimmingSpaces) else {
      let t = text.trimmingSpaces
      if !t.isEmpty, t.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy(\.isASCIIDigit),
        t.contains(where: \.isASCIIDigit)
      {
        sink.error(
          line: value(key)?.mark?.line, column: prefix + key,
          ValueParser.texts(.tooLarge(maximum: Int64(Int.max)), value: text, style: .plain))
        return nil
      }
      sink.error(
        line: value(key)?.mark?.line, column: prefix + key,
        Bilingual(
          "\"\(Inert.message(text))\" is not a whole number", de: "„\(Inert.message(text))“ ist keine ganze Zahl"))
      return nil
    }
    if let range, !range.contains(v) {
      sink.error(
        line: value(key)?.mark?.line, column: prefix + key,
        Bilingual(
          "\(v) is out of range (expected \(range.lowerBound)–\(range.upperBound))",
          de: "\(v) liegt außerhalb des Bereichs (erwartet \(range.lowerBound)–\(range.upperBound))"))
      return nil
    }
    return v
  }

  public func date(_ key: String, sink: inout DiagnosticSink) -> Day? {
    guard let text = string(key, sink: &sink) else { return nil }
    var t = text.trimmingSpaces
    let result = t.withUTF8 { ValueParser.date($0) }
    switch result {
    case .success(let d): return d
    case .failure(let e):
      sink.error(
        line: value(key)?.mark?.line, column: prefix + key, ValueParser.texts(e, value: text, style: .plain))
      return nil
    }
  }

  /// A nested mapping.
  public func map(_ key: String, sink: inout DiagnosticSink) -> YAMLMap? {
    guard let n = node(key) else { return nil }
    guard let m = n.mapping else {
      sink.error(line: n.mark?.line, column: prefix + key, Self.expected(Self.aMapping, found: n))
      return nil
    }
    return YAMLMap(mapping: m, prefix: prefix + key + ".")
  }

  /// A list of mappings.
  public func list(_ key: String, sink: inout DiagnosticSink) -> [YAMLMap] {
    guard let n = node(key) else { return [] }
    guard let seq = n.sequence else {
      sink.error(line: n.mark?.line, column: prefix + key, Self.expected(Self.aList, found: n))
      return []
    }
    var out: [YAMLMap] = []
    for (i, item) in seq.enumerated() {
      guard let m = item.mapping else {
        sink.error(
          line: item.mark?.line, column: "\(prefix)\(key)[\(i + 1)]",
          Self.expected(Self.aMapping, found: item))
        continue
      }
      out.append(YAMLMap(mapping: m, prefix: "\(prefix)\(key)[\(i + 1)]."))
    }
    return out
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
  }
}
