// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "DigITDashboard",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "DigITCore", targets: ["DigITCore"]),
    .library(name: "DigITMetrics", targets: ["DigITMetrics"]),
    .library(name: "DigITFeeds", targets: ["DigITFeeds"]),
    .library(name: "DigITSnapshot", targets: ["DigITSnapshot"]),
    .library(name: "DigITDashboard", targets: ["DigITDashboard"]),
    .executable(name: "digit", targets: ["digit"]),
    .executable(name: "digit-bench", targets: ["digit-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    // Only for `swift package generate-documentation` (a command plugin: resolved, never built by `swift build`).
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // What every layer shares: Diagnostic, the one inert-text policy, the words, Language, the calendar
    // (Day, ISOWeek), the JSON value, reader and writer, parallelMap. Standard library and Dispatch only.
    // `rounded()` and friends call libm's round/floor/ceil on Linux; without Foundation nothing else links
    // libm, so a program that used only DigITMetrics failed to link (found by UsingDigITMetrics.md's
    // example). Linked here, it comes with every library above.
    .target(name: "DigITCore", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
    // The domain model, the metric catalog and the aggregations: pure Swift, no I/O.
    .target(name: "DigITMetrics", dependencies: ["DigITCore"]),
    // Reading a data root: CSV reader, value parsers, YAML metadata, diagnostics, generator.
    .target(
      name: "DigITFeeds",
      dependencies: [
        "DigITCore", "DigITMetrics", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // The weekly snapshot: the document, its writers (JSON, Markdown, CSV, HTML), atomic folder writing,
    // the history of stored weeks and the JSON Schema (a resource).
    .target(
      name: "DigITSnapshot", dependencies: ["DigITCore", "DigITMetrics", "CDigITSystem", "CSQLite"], resources: [.copy("snapshot.schema.json")]),
    // renameat2 (RENAME_NOREPLACE, RENAME_EXCHANGE) for atomic snapshot folders: not in Swift's Glibc module.
    .target(name: "CDigITSystem"),
    // The system SQLite library (the C API) for the history database, history.sqlite; only History uses it.
    .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
    // Dashboard definitions, state, reducer, widgets and the screen buffer: no terminal I/O.
    .target(name: "DigITDashboard", dependencies: ["DigITCore", "DigITMetrics", "DigITFeeds", "DigITSnapshot"]),
    // The wide-character ncurses library and a header of tiny shims; only digit's NcursesTerminal uses it.
    .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
    .executableTarget(
      name: "digit",
      dependencies: [
        "DigITCore", "DigITMetrics", "DigITFeeds", "DigITSnapshot", "DigITDashboard", "CNcursesw", "CDigITSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Release-built benchmark executable: `swift run -c release digit-bench`.
    .executableTarget(
      name: "digit-bench", dependencies: ["DigITCore", "DigITMetrics", "DigITFeeds", "DigITSnapshot", "DigITDashboard"]),
    // What the tests share: a recording terminal and a harness for the dashboard's runtime.
    .target(
      name: "DigITTestSupport", dependencies: ["DigITCore", "DigITMetrics", "DigITFeeds", "DigITDashboard"],
      path: "Tests/DigITTestSupport"),
    .testTarget(name: "DigITCoreTests", dependencies: ["DigITCore"]),
    .testTarget(name: "DigITMetricsTests", dependencies: ["DigITCore", "DigITMetrics"]),
    .testTarget(
      name: "DigITFeedsTests",
      dependencies: ["DigITCore", "DigITFeeds", "DigITMetrics", "DigITTestSupport", .product(name: "Yams", package: "Yams")]),
    .testTarget(name: "DigITSnapshotTests", dependencies: ["DigITCore", "DigITSnapshot", "DigITMetrics", "DigITFeeds", "DigITDashboard", "DigITTestSupport"],
      exclude: ["Golden"]),
    .testTarget(name: "DigITDashboardTests", dependencies: ["DigITCore", "DigITDashboard", "DigITMetrics", "DigITFeeds", "DigITSnapshot", "DigITTestSupport"],
      exclude: ["Golden"]),
    .testTarget(
      name: "DigitCLITests", dependencies: ["digit", "DigITCore", "DigITMetrics", "DigITFeeds", "DigITTestSupport"],
      exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
