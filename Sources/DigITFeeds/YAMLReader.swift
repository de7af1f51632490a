import DigITMetrics
import Yams

/// Typed, checked access to a YAML mapping: every wrong type, unknown key or bad value becomes a
/// ``Diagnostic`` with its line, and reading goes on. Used for `city.yaml`, `office.yaml` and the
/// dashboard definitions.
public struct YAMLMap {
  let mapping: Node.Mapping
  /// The key path for messages, e.g. `thresholds.` or `kpis[2].`.
  public let prefix: String

  /// Parses a YAML text into its top-level mapping, reporting syntax errors with their line.
  public static func parse(_ text: String, sink: inout DiagnosticSink) -> YAMLMap? {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      switch error {
      case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
        .composer(let context, let problem, let mark, _):
        var message = "YAML syntax error: \(problem) (column \(mark.column))"
        if let context, context.text.contains("quoted scalar"), context.mark.line != mark.line {
          // An unclosed quote is found only at the end of the file; say where it was opened.
          message += "; a quoted value opened in line \(context.mark.line) is not closed"
        }
        sink.error(line: mark.line, message)
      case .reader(let problem, _, _, _):
        sink.error("YAML cannot be read: \(problem)")
      case .duplicatedKeysInMapping(let duplicates, let context):
        sink.error(line: context.mark.line, "YAML has the key \(duplicates.joined(separator: ", ")) twice")
      default:
        sink.error("YAML error: \(error)")
      }
      return nil
    } catch {
      sink.error("YAML error: \(error)")
      return nil
    }
    guard let node else {
      sink.error("the file is empty")
      return nil
    }
    guard let mapping = node.mapping else {
      sink.error(line: node.mark?.line, "expected a mapping of keys (name: …), found \(describe(node))")
      return nil
    }
    return YAMLMap(mapping: mapping, prefix: "")
  }

  static func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let s): "the value \"\(Sanitize.forMessage(s.string, limit: 40))\""
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }

  /// The line the mapping starts in.
  public var line: Int? { mapping.mark?.line }

  /// The keys, in file order.
  public var keys: [String] { mapping.map { $0.key.string ?? "?" } }

  /// Whether the key is present with a value.
  public func has(_ key: String) -> Bool { node(key) != nil }

  /// Whether the key's value is a mapping.
  public func isMapping(_ key: String) -> Bool { node(key)?.mapping != nil }

  /// The line of a key's value (or of the mapping when the key is missing).
  public func line(of key: String) -> Int? { mapping[key]?.mark?.line ?? line }

  /// A list of texts (`[a, b]` or one item per line); a single text counts as a list of one.
  public func strings(_ key: String, sink: inout DiagnosticSink) -> [(text: String, line: Int?)] {
    guard let n = node(key) else { return [] }
    if case .scalar(let s) = n { return [(s.string, n.mark?.line)] }
    guard let seq = n.sequence else {
      sink.error(line: n.mark?.line, column: prefix + key, "expected a list, found \(Self.describe(n))")
      return []
    }
    var out: [(String, Int?)] = []
    for (i, item) in seq.enumerated() {
      guard case .scalar(let s) = item else {
        sink.error(line: item.mark?.line, column: "\(prefix)\(key)[\(i + 1)]", "expected a text, found \(Self.describe(item))")
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
      sink.error(line: mapping[key]?.mark?.line, column: prefix + key, "\"\(Sanitize.forMessage(text))\" is not true or false")
      return nil
    }
  }

  /// Warns about keys not in `allowed`, naming the nearest allowed key.
  public func checkKeys(_ allowed: [String], sink: inout DiagnosticSink) {
    for (key, _) in mapping {
      let name = key.string ?? "?"
      guard !allowed.contains(name) else { continue }
      let message = "unknown key \"\(Sanitize.forMessage(name, limit: 40))\" is ignored" + Nearest.hint(name, in: allowed)
      sink.warning(line: key.mark?.line, column: prefix + name, message)
    }
  }

  private func node(_ key: String) -> Node? {
    guard let n = mapping[key] else { return nil }
    if case .scalar(let s) = n, s.tag == .init(.null) || (s.string.isEmpty && s.style == .plain) { return nil }
    return n
  }

  /// A scalar as text; `required` reports a missing key.
  public func string(_ key: String, required: Bool = false, sink: inout DiagnosticSink) -> String? {
    guard let n = node(key) else {
      if required { sink.error(line: line, column: prefix + key, "is missing") }
      return nil
    }
    guard case .scalar(let s) = n else {
      sink.error(line: n.mark?.line, column: prefix + key, "expected a text, found \(Self.describe(n))")
      return nil
    }
    return s.string
  }

  public func double(_ key: String, range: ClosedRange<Double>? = nil, sink: inout DiagnosticSink) -> Double? {
    guard let text = string(key, sink: &sink) else { return nil }
    guard let v = Double(text.trimmingSpaces), v.isFinite else {
      sink.error(line: mapping[key]?.mark?.line, column: prefix + key, "\"\(Sanitize.forMessage(text))\" is not a number")
      return nil
    }
    if let range, !range.contains(v) {
      sink.error(line: mapping[key]?.mark?.line, column: prefix + key, "\(text) is out of range (expected \(range.lowerBound)…\(range.upperBound))")
      return nil
    }
    return v
  }

  public func int(_ key: String, range: ClosedRange<Int>? = nil, sink: inout DiagnosticSink) -> Int? {
    guard let text = string(key, sink: &sink) else { return nil }
    guard let v = Int(text.trimmingSpaces) else {
      sink.error(line: mapping[key]?.mark?.line, column: prefix + key, "\"\(Sanitize.forMessage(text))\" is not a whole number")
      return nil
    }
    if let range, !range.contains(v) {
      sink.error(line: mapping[key]?.mark?.line, column: prefix + key, "\(v) is out of range (expected \(range.lowerBound)–\(range.upperBound))")
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
      sink.error(line: mapping[key]?.mark?.line, column: prefix + key, ValueParser.message(e, value: text, style: .plain))
      return nil
    }
  }

  /// A nested mapping.
  public func map(_ key: String, sink: inout DiagnosticSink) -> YAMLMap? {
    guard let n = node(key) else { return nil }
    guard let m = n.mapping else {
      sink.error(line: n.mark?.line, column: prefix + key, "expected a mapping of keys, found \(Self.describe(n))")
      return nil
    }
    return YAMLMap(mapping: m, prefix: prefix + key + ".")
  }

  /// A list of mappings.
  public func list(_ key: String, sink: inout DiagnosticSink) -> [YAMLMap] {
    guard let n = node(key) else { return [] }
    guard let seq = n.sequence else {
      sink.error(line: n.mark?.line, column: prefix + key, "expected a list, found \(Self.describe(n))")
      return []
    }
    var out: [YAMLMap] = []
    for (i, item) in seq.enumerated() {
      guard let m = item.mapping else {
        sink.error(line: item.mark?.line, column: "\(prefix)\(key)[\(i + 1)]", "expected a mapping of keys, found \(Self.describe(item))")
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
