// swift-tools-version: 5.4
// libFuzzer targets for the feed reader (see run.sh). A separate package, so that the root package's
// `swift build` and `swift test` never build it; it uses the root package's libraries by path.
//
// Build (Linux, from this folder):
//   swift build --scratch-path .build-fuzz -c release --product fuzz-csv \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// `-parse-as-library` keeps Swift from emitting a `main` of its own: libFuzzer brings the `main`, and
// each target only exports `LLVMFuzzerTestOneInput`.
//
// Why tools version 5.4: from 5.5 on, SwiftPM compiles an executable target's entry point as
// `<module>_main` (so that tests can link the module) and links with `--defsym main=<module>_main`.
// Under `-parse-as-library` that symbol does not exist and the link fails ("undefined symbol
// 'fuzz_csv_main'"); with 5.4 SwiftPM leaves `main` alone and libFuzzer's is used. (The root package
// keeps its own tools version; a 5.4 package may depend on it.)
import PackageDescription

let package = Package(
  name: "DigITFuzz",
  platforms: [.macOS("15.0")],
  dependencies: [
    .package(name: "DigITDashboard", path: "../..")
  ],
  targets: [
    // CSVReader, TextDecoding and the value parsers on arbitrary bytes.
    .executableTarget(
      name: "fuzz-csv",
      dependencies: [
        .product(name: "DigITCore", package: "DigITDashboard"),
        .product(name: "DigITFeeds", package: "DigITDashboard"),
        .product(name: "DigITMetrics", package: "DigITDashboard"),
      ]
    ),
    // FeedLoader + Aggregator on a data root in which one file holds the input.
    .executableTarget(
      name: "fuzz-feed",
      dependencies: [
        .product(name: "DigITCore", package: "DigITDashboard"),
        .product(name: "DigITFeeds", package: "DigITDashboard"),
        .product(name: "DigITMetrics", package: "DigITDashboard"),
      ]
    ),
  ]
)
