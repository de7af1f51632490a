import DigITCore
import DigITFeeds

/// What a cell means, not how it looks: the terminal's theme turns roles into colours (or, without
/// colours, into bold and reverse), so screens never name a colour.
public enum Role: UInt8, Sendable, CaseIterable {
  case normal, faint, title, header, selected, accent, red, amber, green, warning, error, border, tab, activeTab
  /// What the typed filter or search matched, in a list.
  case match
}

/// A cell's role plus emphasis.
public struct Style: Hashable, Sendable {
  public var role: Role
  public var bold: Bool
  public init(_ role: Role = .normal, bold: Bool = false) {
    self.role = role
    self.bold = bold
  }
  public static let normal = Style()
}

/// One terminal cell: a grapheme and its style. The second cell of a wide grapheme is a continuation
/// (`isContinuation`), which the terminal skips.
public struct Cell: Equatable, Sendable {
  public var character: Character
  public var style: Style
  public var isContinuation: Bool
  public static let blank = Cell(character: " ", style: .normal, isContinuation: false)
}

/// A screen as a grid of cells. Widgets draw into it; the terminal copies it out. The buffer, not the
/// widgets, decides how wide a character is and makes feed text inert, so every screen is safe and
/// measurable as plain text in tests:
///
///     var buffer = ScreenBuffer(width: 20, height: 1)
///     buffer.put("Amt 33 – Bürgeramt und mehr", x: 0, y: 0, width: 12)
///     buffer.lines  // ["Amt 33 – Bü…        "]
public struct ScreenBuffer: Equatable, Sendable, CustomStringConvertible {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// What a click reaches and where, recorded while drawing (tabs, breadcrumb, the focused list's rows).
  public var regions: [HitRegion] = []

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

  /// Writes text at (x, y), at most `width` columns (default: to the right edge), cut with `…` when it
  /// does not fit. Control characters, escape sequences and bidi overrides are shown as visible
  /// stand-ins. Returns the number of columns written.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, width limit: Int? = nil, style: Style = .normal) -> Int {
    guard y >= 0, y < height, x < width else { return 0 }
    let available = min(limit ?? (width - x), width - x)
    guard available > 0 else { return 0 }
    var col = x
    let end = x + available
    var chars = Array(Inert.text(text))
    if Self.displayWidth(chars) > available {
      // Cut so that the text plus "…" fits.
      var used = 0
      var keep = 0
      while keep < chars.count {
        let w = chars[keep].cellWidth
        if used + w > available - 1 { break }
        used += w
        keep += 1
      }
      chars = Array(chars[..<keep]) + ["…"]
    }
    for ch in chars {
      let w = ch.cellWidth
      if col + w > end { break }
      if col >= 0 {
        set(col, y, Cell(character: ch, style: style, isContinuation: false))
        if w == 2 { set(col + 1, y, Cell(character: " ", style: style, isContinuation: true)) }
      }
      col += w
    }
    return col - x
  }

  /// Fills a rectangle with spaces of a style.
  public mutating func fill(_ rect: Rect, style: Style = .normal) {
    for y in rect.y..<(rect.y + rect.height) where y >= 0 && y < height {
      for x in rect.x..<(rect.x + rect.width) where x >= 0 && x < width {
        set(x, y, Cell(character: " ", style: style, isContinuation: false))
      }
    }
  }

  /// Sets the style of the cells of a row span (keeps their characters): for the selection bar.
  public mutating func restyle(x: Int, y: Int, width w: Int, style: Style) {
    guard y >= 0, y < height, w > 0 else { return }
    let from = max(0, x)
    let to = min(width, x + w)
    guard from < to else { return }
    for c in from..<to { cells[y * width + c].style = style }
  }

  /// Marks every occurrence of `needle` (case-insensitive) in the rows of a rectangle with a style
  /// (keeps the characters): the typed filter's matches in a list.
  public mutating func highlight(_ needle: String, in r: Rect, style: Style) {
    let wanted = Array(Inert.text(needle).lowercased())
    guard !wanted.isEmpty else { return }
    for y in max(0, r.y)..<min(height, r.y + r.height) {
      // The row's characters with the column each starts at (continuation cells left out).
      var chars: [(x: Int, ch: Character)] = []
      for x in max(0, r.x)..<min(width, r.x + r.width) where !cells[y * width + x].isContinuation {
        chars.append((x, Character(cells[y * width + x].character.lowercased())))
      }
      var i = 0
      while i + wanted.count <= chars.count {
        guard (0..<wanted.count).allSatisfy({ chars[i + $0].ch == wanted[$0] }) else {
          i += 1
          continue
        }
        let from = chars[i].x
        let last = chars[i + wanted.count - 1]
        let to = last.x + max(1, last.ch.cellWidth)
        for x in from..<min(to, width) { cells[y * width + x].style = style }
        i += wanted.count
      }
    }
  }

  private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
    guard x >= 0, x < width, y >= 0, y < height else { return }
    // Overwriting half of a wide character blanks its other half.
    let i = y * width + x
    if cells[i].isContinuation, x > 0 { cells[i - 1] = .blank }
    if !cells[i].isContinuation, cells[i].character.cellWidth == 2, x + 1 < width { cells[i + 1] = .blank }
    cells[i] = cell
  }

  /// The text of each row (continuation cells left out), for tests and golden files.
  public var lines: [String] {
    (0..<height).map { y in
      var s = ""
      for x in 0..<width where !cells[y * width + x].isContinuation { s.append(cells[y * width + x].character) }
      return s
    }
  }

  /// The rows, trailing spaces removed, one per line.
  public var description: String {
    lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
  }

  /// Display columns of a string.
  public static func displayWidth<S: Sequence>(_ chars: S) -> Int where S.Element == Character {
    chars.reduce(0) { $0 + $1.cellWidth }
  }
}

extension Character {
  /// Terminal columns: 2 for East Asian wide and fullwidth characters and emoji (those shown as emoji by
  /// default, flags, and anything with the emoji variation selector U+FE0F), else 1.
  public var cellWidth: Int {
    let scalars = unicodeScalars
    guard let v = scalars.first?.value else { return 0 }
    if v < 0x1100 { return 1 }
    if scalars.count > 1 && scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    switch v {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE,
      0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
      0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C,
      0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
      0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
      0x16FE0...0x18AFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F1E6...0x1F1FF,
      0x1F200...0x1F2FF, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393,
      0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440,
      0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A, 0x1F595...0x1F596,
      0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7,
      0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0, 0x1F90C...0x1F93A,
      0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
      return 2
    default: return 1
    }
  }
}

/// A rectangle of cells. Sizes never go negative.
public struct Rect: Equatable, Sendable {
  public var x, y, width, height: Int
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }
  /// The rectangle shrunk by `n` on every side.
  public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
  public var isEmpty: Bool { width <= 0 || height <= 0 }
}

/// A size along one axis for ``Layout``.
public enum Extent: Equatable, Sendable {
  /// Exactly this many cells (less if there is no room).
  case fixed(Int)
  /// A share of what the fixed extents leave.
  case weight(Int)
}

/// Splits a rectangle into rows or columns.
public enum Layout {
  /// Sizes along `total` cells: fixed ones first, the rest shared by weight (remainders to the first).
  public static func sizes(_ extents: [Extent], total: Int, gap: Int = 0) -> [Int] {
    let room = max(0, total - gap * max(0, extents.count - 1))
    var out = [Int](repeating: 0, count: extents.count)
    var left = room
    for (i, e) in extents.enumerated() {
      if case .fixed(let n) = e {
        out[i] = min(max(0, n), left)
        left -= out[i]
      }
    }
    let weights = extents.map { if case .weight(let w) = $0 { max(0, w) } else { 0 } }
    let sum = weights.reduce(0, +)
    if sum > 0 {
      var given = 0
      for (i, w) in weights.enumerated() where w > 0 {
        out[i] = left * w / sum
        given += out[i]
      }
      var rest = left - given
      for i in weights.indices where weights[i] > 0 && rest > 0 {
        out[i] += 1
        rest -= 1
      }
    }
    return out
  }

  public static func rows(_ area: Rect, _ extents: [Extent], gap: Int = 0) -> [Rect] {
    var y = area.y
    return sizes(extents, total: area.height, gap: gap).map { h in
      defer { y += h + gap }
      return Rect(x: area.x, y: y, width: area.width, height: h)
    }
  }

  public static func columns(_ area: Rect, _ extents: [Extent], gap: Int = 0) -> [Rect] {
    var x = area.x
    return sizes(extents, total: area.width, gap: gap).map { w in
      defer { x += w + gap }
      return Rect(x: x, y: area.y, width: w, height: area.height)
    }
  }
}
