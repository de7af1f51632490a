import DigITDashboard

/// A seeded random key sequence, as tmux key names, for the in-process key fuzz and the tmux one (the
/// same seed gives the same keys in both; ``checksum(seed:)`` keeps it stable): SplitMix64, a
/// named key 45 %, a command letter 35 %, a run of 1–6 printable characters 20 %; never `q` or Ctrl-C.
public struct KeySequence {
  public static let defaultSeed: UInt64 = 0x5EED_D161_7000_0001
  public static let expectedChecksum: UInt64 = 0x0794_8364_D6B4_FB33
  public static let named = [
    "Up", "Down", "Left", "Right", "PPage", "NPage", "Home", "End", "Enter", "Escape", "Tab", "BTab", "BSpace",
  ]
  /// The command keys: 1–9, the letters with a meaning (`r` reloads, `e` exports: no more often than any
  /// other), umlauts and wide characters for the filters.
  public static let commands = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "/", "s", "S", "r", "d", "e", "w", "?", "j", "k", "l", "h", "g",
    "G", "n",
    "y", "J", "Y", "ä", "ö", "ü", "Ä", "ß", "é", "€", "漢", "✓",
  ]
  /// Printable ASCII without `q` (quits), `;` and `\` (tmux command syntax).
  public static let printable: [Character] = (32...126).map { Character(Unicode.Scalar(UInt8($0))) }.filter {
    !"q;\\".contains($0)
  }

  public var state: UInt64
  public init(seed: UInt64) { state = seed }

  /// SplitMix64.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

  /// Pending characters of a printable run.
  private var run: [String] = []

  public mutating func nextKey() -> String {
    if !run.isEmpty { return run.removeFirst() }
    let p = below(100)
    if p < 45 { return Self.named[below(Self.named.count)] }
    if p < 80 { return Self.commands[below(Self.commands.count)] }
    run = (0..<(1 + below(6))).map { _ in String(Self.printable[below(Self.printable.count)]) }
    return run.removeFirst()
  }

  /// A window size: now and then the extremes (10×5, 250×80, the smallest dashboard 40×10, down to a
  /// single cell), else anything between.
  public mutating func nextSize() -> (Int, Int) {
    switch below(10) {
    case 0: return (10, 5)
    case 1: return (250, 80)
    case 2: return (40, 10)
    case 3: return (1 + below(12), 1 + below(4))
    default: return (10 + below(241), 5 + below(76))
    }
  }

  /// The key a tmux key name gives the dashboard.
  public static func key(_ name: String) -> Key? {
    switch name {
    case "Up": .up
    case "Down": .down
    case "Left": .left
    case "Right": .right
    case "PPage": .pageUp
    case "NPage": .pageDown
    case "Home": .home
    case "End": .end
    case "Enter": .enter
    case "Escape": .escape
    case "Tab": .tab
    case "BTab": .backTab
    case "BSpace": .backspace
    default: name.count == 1 ? .char(name.first!) : nil
    }
  }

  /// FNV-1a over the first 10,000 keys and 100 sizes.
  public static func checksum(seed: UInt64) -> UInt64 {
    var g = KeySequence(seed: seed)
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    func mix(_ s: String) { for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 } }
    for i in 0..<10_000 {
      if i % 100 == 0 {
        let (w, ht) = g.nextSize()
        mix("\(w)x\(ht)")
      }
      mix(g.nextKey())
    }
    return h
  }
}
