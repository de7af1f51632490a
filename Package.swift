// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "DigITDashboard",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "DigITMetrics", targets: ["DigITMetrics"]),
    .library(name: "DigITFeeds", targets: ["DigITFeeds"]),
    .executable(name: "digit", targets: ["digit"]),
    .executable(name: "digit-bench", targets: ["digit-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // The domain model, the calendar and (later) the aggregations: pure Swift, no I/O.
    .target(name: "DigITMetrics"),
    // Reading a data root: CSV reader, value parsers, YAML metadata, diagnostics, generator.
    .target(
      name: "DigITFeeds",
      dependencies: ["DigITMetrics", .product(name: "Yams", package: "Yams")]
    ),
    .executableTarget(
      name: "digit",
      dependencies: [
        "DigITMetrics", "DigITFeeds",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Release-built benchmark executable: `swift run -c release digit-bench`.
    .executableTarget(name: "digit-bench", dependencies: ["DigITMetrics", "DigITFeeds"]),
    .testTarget(name: "DigITMetricsTests", dependencies: ["DigITMetrics"]),
    .testTarget(name: "DigITFeedsTests", dependencies: ["DigITFeeds", "DigITMetrics"]),
    .testTarget(name: "DigitCLITests", dependencies: ["digit"], exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
