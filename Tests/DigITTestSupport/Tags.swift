import Testing

extension Tag {
  /// Takes seconds, not milliseconds (soaks, fuzz replays, 20,000 keys, a browser). `swift test` runs
  /// them all; while iterating, leave them out by name with `--skip`.
  @Tag public static var slow: Self
  /// Drives the real binary in tmux.
  @Tag public static var tmux: Self
  /// Renders in headless Chromium.
  @Tag public static var chromium: Self
}
