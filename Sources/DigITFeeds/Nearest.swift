import DigITCore

/// Finds the candidate closest to a misspelt word, for "did you mean …" hints.
public enum Nearest {
  /// The candidate with the smallest edit distance to `word` (case-insensitive), if it is close enough
  /// to be a plausible typo (distance at most a third of the word's length, and at least 2 allowed).
  ///
  ///     Nearest.match("coordinater", in: ["coordinator", "name"])  // "coordinator"
  public static func match(_ word: String, in candidates: [String]) -> String? {
    let w = Array(word.lowercased())
    var best: (String, Int)? = nil
    for c in candidates {
      let d = distance(w, Array(c.lowercased()))
      if best == nil || d < best!.1 { best = (c, d) }
    }
    guard let best, best.1 <= max(2, w.count / 3) else { return nil }
    return best.0
  }

  /// ` (did you mean "x"?)` for the nearest candidate, or nothing when none is close.
  public static func hint(_ word: String, in candidates: [String]) -> String {
    match(word, in: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
  }

  /// ``hint(_:in:)`` in both languages: ` (meinten Sie „x“?)`.
  public static func hintTexts(_ word: String, in candidates: [String]) -> Bilingual {
    match(word, in: candidates).map(didYouMean) ?? .empty
  }

  /// ` (did you mean "x"?)` / ` (meinten Sie „x“?)`.
  public static func didYouMean(_ candidate: String) -> Bilingual {
    Bilingual(" (did you mean \"\(candidate)\"?)", de: " (meinten Sie „\(candidate)“?)")
  }

  /// `; did you mean "x"?` / `; meinten Sie „x“?`.
  public static func didYouMeanAfterSemicolon(_ candidate: String) -> Bilingual {
    Bilingual("; did you mean \"\(candidate)\"?", de: "; meinten Sie „\(candidate)“?")
  }

  /// Levenshtein distance.
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
