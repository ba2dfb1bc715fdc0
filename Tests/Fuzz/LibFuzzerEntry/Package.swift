// swift-tools-version:6.0
import Foundation
import PackageDescription

// The libFuzzer driver, a package of its own so that only scripts/fuzz builds it: the harnesses
// are the root package's PantauFuzz library, which a plain `swift build` compiles and
// `swift test` replays over the corpus.
//
// scripts/fuzz compiles everything with `-sanitize=address -sanitize-coverage=…` and links only
// this executable with libFuzzer (the no-main variant, path in PANTAU_LIBFUZZER): SwiftPM's
// `--sanitize fuzzer` links libFuzzer's `main` into every executable, the build tool the layouts
// plugin runs (pantau-embed) included, which then fails to link.

// A path dependency is known by its folder's name, which is the clone's name.
let root = URL(fileURLWithPath: Context.packageDirectory)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let libFuzzer = Context.environment["PANTAU_LIBFUZZER"].map { [$0, "-lstdc++"] } ?? []

let package = Package(
    name: "PantauFuzzing",
    dependencies: [.package(path: root.path)],
    targets: [
        .target(name: "CLibFuzzer"),
        .executableTarget(name: "pantau-fuzz", dependencies: [
            "CLibFuzzer",
            .product(name: "PantauFuzz", package: root.lastPathComponent),
        ], linkerSettings: [.unsafeFlags(libFuzzer)]),
    ]
)
