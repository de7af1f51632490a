import DigITCore
import DigITMetrics

/// A small JSON Schema (draft 2020-12) validator for the tests: just the keywords `snapshot.schema.json`
/// uses, and nothing silently.
///
/// The schema is compiled once (``init(schema:)``); compiling throws on any keyword it does not know, on a
/// keyword with a value of the wrong kind, on a pattern the tiny matcher cannot run and on a `$ref` that
/// does not resolve — so a schema that says more than this validator understands fails loudly instead of
/// validating less than it says.
///
/// Supported:
/// - `type` (a name or a list; `integer` is a number without a fraction), `enum`, `const` (JSON equality:
///   numbers by value, strings by code points, objects regardless of member order)
/// - objects: `properties`, `required`, `additionalProperties` (boolean or schema), `propertyNames`
/// - arrays: `items` (one schema for all items), `minItems`, `maxItems`
/// - strings: `pattern`, `minLength` (in code points); numbers: `minimum`, `maximum`
/// - `anyOf`, `oneOf`; `$ref` to `#/$defs/<name>` (the root's `$defs`), alongside other keywords
/// - boolean schemas `true` and `false`
/// - ignored annotations: `$schema` (must be draft 2020-12), `$id`, `title`, `description`
///
/// Patterns are ECMA-262 regular expressions, searched anywhere in the string unless anchored with `^` and
/// `$`; the matcher supports literal characters, `\`-escaped punctuation, `\d`, `.`, classes `[a-z0-9_.]`
/// (with ranges and `^` negation) and the quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`. Groups,
/// alternation, lazy quantifiers and other escapes are refused when compiling.
///
/// Beyond JSON Schema, an object with the same key twice is reported (`JSON.parse` keeps both; the schema
/// semantics of such a document are undefined, and a canonical snapshot never has one).
struct SchemaValidator: Sendable {
  /// The schema cannot be used: where in the schema (a JSON pointer) and why.
  struct SchemaError: Error, Sendable, CustomStringConvertible {
    var location: String
    var reason: String
    var description: String { "schema #\(location): \(reason)" }
  }

  /// One way the instance does not match: a JSON pointer into the instance (`""` is the whole document)
  /// and what is wrong there.
  struct Failure: Sendable, Equatable, CustomStringConvertible {
    var path: String
    var message: String
    var description: String { "\(path.isEmpty ? "(root)" : path): \(message)" }
  }

  private let root: Node
  private let definitions: [String: Node]

  init(schema: JSON) throws(SchemaError) {
    var compiler = Compiler()
    var definitions: [String: Node] = [:]
    if case .object(let members) = schema, let defs = members.first(where: { $0.0 == "$defs" })?.1 {
      guard case .object(let entries) = defs else {
        throw SchemaError(location: "/$defs", reason: "$defs must be an object")
      }
      for (name, def) in entries {
        guard definitions[name] == nil else {
          throw SchemaError(location: "/$defs", reason: "\"\(name)\" is defined twice")
        }
        definitions[name] = try compiler.compile(def, at: "/$defs/\(Self.escape(name))", isRoot: false)
      }
    }
    root = try compiler.compile(schema, at: "", isRoot: true)
    for (name, location) in compiler.references where definitions[name] == nil {
      throw SchemaError(location: location, reason: "$ref to #/$defs/\(name), which does not exist")
    }
    self.definitions = definitions
  }

  /// Every way `instance` does not match the schema, in document order; empty when it matches.
  func validate(_ instance: JSON) -> [Failure] {
    var failures: [Failure] = []
    check(instance, root, "", &failures)
    return failures
  }

  // MARK: - Validating

  private func check(_ value: JSON, _ node: Node, _ path: String, _ out: inout [Failure]) {
    func fail(_ message: String) { out.append(Failure(path: path, message: message)) }
    if case .fragment = value {
      fail("an unparsed fragment cannot be validated")
      return
    }
    if let accept = node.accept {
      if !accept { fail("no value is allowed here") }
      return
    }
    if let types = node.types, !types.contains(where: { Self.has(value, type: $0) }) {
      fail("expected \(types.map(\.rawValue).joined(separator: " or ")), found \(Self.kind(value)) \(Self.show(value))")
      return  // the other keywords would only repeat the mismatch
    }
    if let constant = node.constant, !Self.equal(value, constant) {
      fail("\(Self.show(value)) is not \(Self.show(constant))")
    }
    if let options = node.enumeration, !options.contains(where: { Self.equal(value, $0) }) {
      fail("\(Self.show(value)) is not one of \(options.map(Self.showOption).joined(separator: ", "))")
    }
    if let name = node.reference, let target = definitions[name] {
      check(value, target, path, &out)
    }
    if let alternatives = node.anyOf {
      let results = alternatives.map { alternative in
        var sub: [Failure] = []
        check(value, alternative, path, &sub)
        return sub
      }
      if !results.contains(where: \.isEmpty) {
        fail("\(Self.show(value)) matches none of the alternatives (\(Self.summary(results)))")
      }
    }
    if let alternatives = node.oneOf {
      let results = alternatives.map { alternative in
        var sub: [Failure] = []
        check(value, alternative, path, &sub)
        return sub
      }
      let matching = results.filter(\.isEmpty).count
      if matching == 0 {
        fail("\(Self.show(value)) matches none of the alternatives of oneOf (\(Self.summary(results)))")
      } else if matching > 1 {
        fail("\(Self.show(value)) matches \(matching) alternatives of oneOf, exactly one is allowed")
      }
    }
    switch value {
    case .string(let s):
      if let minLength = node.minLength, s.unicodeScalars.count < minLength {
        fail("\(Self.show(value)) is shorter than \(minLength) character\(minLength == 1 ? "" : "s")")
      }
      if let pattern = node.pattern, !pattern.matches(s) {
        fail("\(Self.show(value)) does not match \(pattern.source)")
      }
    case .number(let x):
      if let minimum = node.minimum, x < minimum {
        fail("\(Self.show(value)) is less than the minimum \(JSON.number(minimum))")
      }
      if let maximum = node.maximum, x > maximum {
        fail("\(Self.show(value)) is more than the maximum \(JSON.number(maximum))")
      }
    case .array(let items):
      if let minItems = node.minItems, items.count < minItems {
        fail("has \(items.count) item\(items.count == 1 ? "" : "s"), at least \(minItems) required")
      }
      if let maxItems = node.maxItems, items.count > maxItems {
        fail("has \(items.count) item\(items.count == 1 ? "" : "s"), at most \(maxItems) allowed")
      }
      if let itemNode = node.items {
        for (i, item) in items.enumerated() { check(item, itemNode, "\(path)/\(i)", &out) }
      }
    case .object(let members):
      checkObject(members, node, path, &out)
    case .null, .bool, .fragment:
      break
    }
  }

  private func checkObject(_ members: [(String, JSON)], _ node: Node, _ path: String, _ out: inout [Failure]) {
    var seen = Set<String>()
    for (key, value) in members {
      let memberPath = "\(path)/\(Self.escape(key))"
      if !seen.insert(key).inserted {
        out.append(Failure(path: memberPath, message: "the key \(Self.show(.string(key))) appears more than once"))
      }
      if let names = node.propertyNames {
        var sub: [Failure] = []
        check(.string(key), names, path, &sub)
        out += sub.map { Failure(path: $0.path, message: "property name: \($0.message)") }
      }
      if let declared = node.properties[key] {
        check(value, declared, memberPath, &out)
      } else if let additional = node.additionalProperties {
        if additional.accept == false {
          out.append(Failure(path: memberPath, message: "the member \(Self.show(.string(key))) is not allowed here"))
        } else {
          check(value, additional, memberPath, &out)
        }
      }
    }
    for key in node.required where !seen.contains(key) {
      out.append(Failure(path: path, message: "the required member \(Self.show(.string(key))) is missing"))
    }
  }

  // MARK: - JSON helpers

  enum TypeName: String, Sendable, CaseIterable {
    case null, boolean, object, array, number, string, integer
  }

  static func has(_ value: JSON, type: TypeName) -> Bool {
    switch (type, value) {
    case (.null, .null), (.boolean, .bool), (.object, .object), (.array, .array), (.number, .number),
      (.string, .string):
      true
    case (.integer, .number(let x)): x.isFinite && x == x.rounded(.towardZero)
    default: false
    }
  }

  static func kind(_ value: JSON) -> String {
    switch value {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    case .fragment: "fragment"
    }
  }

  /// JSON equality as JSON Schema defines it.
  static func equal(_ a: JSON, _ b: JSON) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (.object(let x), .object(let y)):
      guard x.count == y.count else { return false }
      return x.allSatisfy { key, value in
        y.first { $0.0.unicodeScalars.elementsEqual(key.unicodeScalars) }.map { equal(value, $0.1) } ?? false
      }
    default: return false
    }
  }

  /// A value as compact JSON, shortened when long.
  static func show(_ value: JSON) -> String {
    let text = value.rendered(indent: 0)
    return text.count > 60 ? String(text.prefix(57)) + "…" : text
  }

  /// An enum option: strings without quotes (`red, amber, null`), other values as JSON.
  static func showOption(_ value: JSON) -> String {
    if case .string(let s) = value { s } else { show(value) }
  }

  /// The first failure of each alternative, for the message of a failed `anyOf`/`oneOf`.
  static func summary(_ results: [[Failure]]) -> String {
    results.map { $0.first?.message ?? "matches" }.joined(separator: "; ")
  }

  /// A key as a JSON pointer reference token (`~` → `~0`, `/` → `~1`).
  static func escape(_ key: String) -> String {
    guard key.unicodeScalars.contains(where: { $0 == "~" || $0 == "/" }) else { return key }
    var out = ""
    for c in key.unicodeScalars {
      switch c {
      case "~": out += "~0"
      case "/": out += "~1"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// A JSON pointer reference token as a key (`~1` → `/`, `~0` → `~`).
  static func unescape(_ token: String) -> String {
    var out = ""
    var tilde = false
    for c in token.unicodeScalars {
      if tilde {
        out += c == "1" ? "/" : c == "0" ? "~" : "~\(c)"
        tilde = false
      } else if c == "~" {
        tilde = true
      } else {
        out.unicodeScalars.append(c)
      }
    }
    return tilde ? out + "~" : out
  }
}

// MARK: - Compiled schemas

extension SchemaValidator {
  /// One compiled (sub)schema.
  final class Node: Sendable {
    /// For the boolean schemas: `true` accepts everything, `false` nothing; `nil` for object schemas.
    let accept: Bool?
    let types: [TypeName]?
    let enumeration: [JSON]?
    let constant: JSON?
    let reference: String?
    let anyOf: [Node]?
    let oneOf: [Node]?
    let pattern: Pattern?
    let minLength: Int?
    let minimum: Double?
    let maximum: Double?
    let minItems: Int?
    let maxItems: Int?
    let items: Node?
    let properties: [String: Node]
    let required: [String]
    let additionalProperties: Node?
    let propertyNames: Node?

    init(
      accept: Bool? = nil, types: [TypeName]? = nil, enumeration: [JSON]? = nil, constant: JSON? = nil,
      reference: String? = nil, anyOf: [Node]? = nil, oneOf: [Node]? = nil, pattern: Pattern? = nil,
      minLength: Int? = nil, minimum: Double? = nil, maximum: Double? = nil, minItems: Int? = nil,
      maxItems: Int? = nil, items: Node? = nil, properties: [String: Node] = [:], required: [String] = [],
      additionalProperties: Node? = nil, propertyNames: Node? = nil
    ) {
      self.accept = accept
      self.types = types
      self.enumeration = enumeration
      self.constant = constant
      self.reference = reference
      self.anyOf = anyOf
      self.oneOf = oneOf
      self.pattern = pattern
      self.minLength = minLength
      self.minimum = minimum
      self.maximum = maximum
      self.minItems = minItems
      self.maxItems = maxItems
      self.items = items
      self.properties = properties
      self.required = required
      self.additionalProperties = additionalProperties
      self.propertyNames = propertyNames
    }
  }

  /// Turns schema JSON into ``Node``s, refusing whatever it does not understand.
  struct Compiler {
    /// Every `$ref` seen: the definition name and where it was.
    var references: [(name: String, location: String)] = []

    static let annotations: Set<String> = ["$id", "title", "description"]
    static let draft = "https://json-schema.org/draft/2020-12/schema"

    mutating func compile(_ schema: JSON, at location: String, isRoot: Bool) throws(SchemaError) -> Node {
      func fail(_ reason: String, _ keyword: String? = nil) -> SchemaError {
        SchemaError(location: keyword.map { "\(location)/\(SchemaValidator.escape($0))" } ?? location, reason: reason)
      }
      if case .bool(let b) = schema { return Node(accept: b) }
      guard case .object(let members) = schema else { throw fail("a schema must be an object or a boolean") }

      var types: [TypeName]?
      var enumeration: [JSON]?
      var constant: JSON?
      var reference: String?
      var anyOf: [Node]?
      var oneOf: [Node]?
      var pattern: Pattern?
      var minLength: Int?
      var minimum: Double?
      var maximum: Double?
      var minItems: Int?
      var maxItems: Int?
      var items: Node?
      var properties: [String: Node] = [:]
      var required: [String] = []
      var additionalProperties: Node?
      var propertyNames: Node?
      var seen = Set<String>()

      for (keyword, value) in members {
        guard seen.insert(keyword).inserted else { throw fail("the keyword appears twice", keyword) }
        let here = "\(location)/\(SchemaValidator.escape(keyword))"
        switch keyword {
        case _ where Self.annotations.contains(keyword):
          break
        case "$schema":
          guard isRoot, value.stringValue == Self.draft else {
            throw fail("only \(Self.draft) at the root is supported", keyword)
          }
        case "$defs":
          guard isRoot else { throw fail("$defs is supported at the root only", keyword) }
        case "type":
          let names: [JSON]
          if case .array(let list) = value { names = list } else { names = [value] }
          types = try names.map { name throws(SchemaError) in
            guard let text = name.stringValue, let type = TypeName(rawValue: text) else {
              throw fail("\(SchemaValidator.show(name)) is not a type name", keyword)
            }
            return type
          }
          guard types?.isEmpty == false else { throw fail("no types given", keyword) }
        case "enum":
          guard let list = value.arrayValue, !list.isEmpty else {
            throw fail("enum must be a non-empty array", keyword)
          }
          enumeration = list
        case "const":
          constant = value
        case "$ref":
          let prefix = "#/$defs/"
          guard let text = value.stringValue, text.hasPrefix(prefix), text.count > prefix.count else {
            throw fail("only references to #/$defs/<name> are supported", keyword)
          }
          let name = String(text.dropFirst(prefix.count))
          guard !name.contains("/") else { throw fail("only references to #/$defs/<name> are supported", keyword) }
          let unescaped = SchemaValidator.unescape(name)
          reference = unescaped
          references.append((unescaped, here))
        case "anyOf", "oneOf":
          guard let list = value.arrayValue, !list.isEmpty else {
            throw fail("\(keyword) must be a non-empty array", keyword)
          }
          var nodes: [Node] = []
          for (i, sub) in list.enumerated() { nodes.append(try compile(sub, at: "\(here)/\(i)", isRoot: false)) }
          if keyword == "anyOf" { anyOf = nodes } else { oneOf = nodes }
        case "pattern":
          guard let text = value.stringValue else { throw fail("pattern must be a string", keyword) }
          do { pattern = try Pattern(text) } catch { throw fail(error.reason, keyword) }
        case "minLength", "minItems", "maxItems":
          guard let n = value.intValue, n >= 0 else { throw fail("\(keyword) must be a non-negative integer", keyword) }
          switch keyword {
          case "minLength": minLength = n
          case "minItems": minItems = n
          default: maxItems = n
          }
        case "minimum", "maximum":
          guard let x = value.doubleValue else { throw fail("\(keyword) must be a number", keyword) }
          if keyword == "minimum" { minimum = x } else { maximum = x }
        case "items":
          items = try compile(value, at: here, isRoot: false)
        case "properties":
          guard case .object(let entries) = value else { throw fail("properties must be an object", keyword) }
          for (name, sub) in entries {
            guard properties[name] == nil else { throw fail("\"\(name)\" is declared twice", keyword) }
            properties[name] = try compile(sub, at: "\(here)/\(SchemaValidator.escape(name))", isRoot: false)
          }
        case "required":
          guard let list = value.arrayValue else { throw fail("required must be an array", keyword) }
          required = try list.map { name throws(SchemaError) in
            guard let text = name.stringValue else { throw fail("required lists member names", keyword) }
            return text
          }
          guard Set(required).count == required.count else { throw fail("a member is required twice", keyword) }
        case "additionalProperties":
          additionalProperties = try compile(value, at: here, isRoot: false)
        case "propertyNames":
          propertyNames = try compile(value, at: here, isRoot: false)
        default:
          throw fail("the keyword \"\(keyword)\" is not supported by this validator", keyword)
        }
      }
      return Node(
        types: types, enumeration: enumeration, constant: constant, reference: reference, anyOf: anyOf, oneOf: oneOf,
        pattern: pattern, minLength: minLength, minimum: minimum, maximum: maximum, minItems: minItems,
        maxItems: maxItems,
        items: items, properties: properties, required: required, additionalProperties: additionalProperties,
        propertyNames: propertyNames)
    }
  }
}

// MARK: - Patterns

extension SchemaValidator {
  /// A regular expression of the small subset the schema needs (see ``SchemaValidator``), matched by
  /// backtracking over Unicode scalars.
  struct Pattern: Sendable {
    struct Unsupported: Error, Sendable { var reason: String }

    enum CharSet: Sendable {
      case any
      case scalar(Unicode.Scalar)
      case ranges([ClosedRange<Unicode.Scalar>], negated: Bool)

      func contains(_ c: Unicode.Scalar) -> Bool {
        switch self {
        case .any: !["\n", "\r", "\u{2028}", "\u{2029}"].contains(c)
        case .scalar(let s): s == c
        case .ranges(let ranges, let negated): ranges.contains { $0.contains(c) } != negated
        }
      }
    }

    struct Atom: Sendable {
      var set: CharSet
      var min = 1
      /// `nil`: no upper bound.
      var max: Int? = 1
    }

    let source: String
    let anchoredStart: Bool
    let anchoredEnd: Bool
    let atoms: [Atom]

    static let punctuation = Set("^$\\.*+?()[]{}|/-".unicodeScalars)

    init(_ source: String) throws(Unsupported) {
      self.source = source
      let s = Array(source.unicodeScalars)
      var i = 0
      var start = false
      var end = false
      var atoms: [Atom] = []

      func escaped(_ c: Unicode.Scalar) throws(Unsupported) -> CharSet {
        if c == "d" { return .ranges(["0"..."9"], negated: false) }
        guard Self.punctuation.contains(c) else { throw Unsupported(reason: "the escape \\\(c) is not supported") }
        return .scalar(c)
      }
      func number() -> Int? {
        var n: Int?
        while i < s.count, ("0"..."9").contains(s[i]) {
          n = (n ?? 0) * 10 + Int(s[i].value - 0x30)
          i += 1
        }
        return n
      }

      while i < s.count {
        let c = s[i]
        i += 1
        switch c {
        case "^":
          guard i == 1 else { throw Unsupported(reason: "^ is supported at the start only") }
          start = true
        case "$":
          guard i == s.count else { throw Unsupported(reason: "$ is supported at the end only") }
          end = true
        case "\\":
          guard i < s.count else { throw Unsupported(reason: "the pattern ends with \\") }
          atoms.append(Atom(set: try escaped(s[i])))
          i += 1
        case ".":
          atoms.append(Atom(set: .any))
        case "[":
          var negated = false
          if i < s.count, s[i] == "^" {
            negated = true
            i += 1
          }
          var ranges: [ClosedRange<Unicode.Scalar>] = []
          var closed = false
          while i < s.count {
            var lower = s[i]
            i += 1
            if lower == "]" {
              closed = true
              break
            }
            if lower == "\\" {
              guard i < s.count else { throw Unsupported(reason: "the pattern ends with \\") }
              guard case .scalar(let e) = try escaped(s[i]) else {
                ranges.append("0"..."9")
                i += 1
                continue
              }
              lower = e
              i += 1
            }
            if i + 1 < s.count, s[i] == "-", s[i + 1] != "]" {
              var upper = s[i + 1]
              i += 2
              if upper == "\\" {
                guard i < s.count, case .scalar(let e) = try escaped(s[i]) else {
                  throw Unsupported(reason: "a class range must end in a single character")
                }
                upper = e
                i += 1
              }
              guard lower <= upper else { throw Unsupported(reason: "the class range \(lower)-\(upper) is reversed") }
              ranges.append(lower...upper)
            } else {
              ranges.append(lower...lower)
            }
          }
          guard closed else { throw Unsupported(reason: "a character class is not closed") }
          guard !ranges.isEmpty else { throw Unsupported(reason: "an empty character class") }
          atoms.append(Atom(set: .ranges(ranges, negated: negated)))
        case "?", "*", "+", "{":
          guard let last = atoms.indices.last, atoms[last].min == 1, atoms[last].max == 1 else {
            throw Unsupported(reason: "the quantifier \(c) does not follow a single character or class")
          }
          switch c {
          case "?": atoms[last].min = 0
          case "*": (atoms[last].min, atoms[last].max) = (0, nil)
          case "+": atoms[last].max = nil
          default:
            guard let lower = number() else {
              throw Unsupported(reason: "{ must start a quantifier {n}, {n,} or {n,m}")
            }
            var upper: Int? = lower
            if i < s.count, s[i] == "," {
              i += 1
              upper = number()
              if let upper, upper < lower {
                throw Unsupported(reason: "the quantifier {\(lower),\(upper)} is reversed")
              }
            }
            guard i < s.count, s[i] == "}" else { throw Unsupported(reason: "a quantifier { is not closed") }
            i += 1
            (atoms[last].min, atoms[last].max) = (lower, upper)
          }
          if i < s.count, s[i] == "?" || s[i] == "+" || s[i] == "*" || s[i] == "{" {
            throw Unsupported(reason: "lazy or repeated quantifiers are not supported")
          }
        case "(", ")", "|", "]", "}":
          throw Unsupported(reason: "\(c) (groups, alternation) is not supported")
        default:
          atoms.append(Atom(set: .scalar(c)))
        }
      }
      anchoredStart = start
      anchoredEnd = end
      self.atoms = atoms
    }

    /// Whether the pattern matches somewhere in `text` (at its start with `^`, up to its end with `$`).
    func matches(_ text: String) -> Bool {
      let s = Array(text.unicodeScalars)
      let starts = anchoredStart ? 0...0 : 0...s.count
      return starts.contains { match(s, 0, $0) }
    }

    private func match(_ s: [Unicode.Scalar], _ a: Int, _ pos: Int) -> Bool {
      guard a < atoms.count else { return !anchoredEnd || pos == s.count }
      let atom = atoms[a]
      var n = 0
      while atom.max.map({ n < $0 }) ?? true, pos + n < s.count, atom.set.contains(s[pos + n]) { n += 1 }
      guard n >= atom.min else { return false }
      for k in stride(from: n, through: atom.min, by: -1) where match(s, a + 1, pos + k) { return true }
      return false
    }
  }
}
