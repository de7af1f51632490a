/// The languages of labels and formatted values.
public enum Language: String, Sendable, CaseIterable {
  /// German (the default): `1.234,5`, `62,3 %`, `23.11.2026`.
  case de
  /// English: `1,234.5`, `62.3%`, `2026-11-23`.
  case en
}
