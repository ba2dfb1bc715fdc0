// swift-tools-version:6.0
import PackageDescription

/// The feed reader and the store are hot paths: release builds drop overflow and bounds checks
/// there (the decoder validates every index against the line length itself). Measured on a 1M-event
/// feed (README, Performance): without it decode takes 18 %, snapshot 16 % more CPU; with it on
/// PantauCore alone ingest 20 % and snapshot 12 % more. The fuzzers (scripts/fuzz, also in
/// .ci/test) build in release, so they run this configuration, under AddressSanitizer.
/// `-cross-module-optimization` lets the session, the runners and the bench inline and specialize
/// the store's and the reader's code (a snapshot's applying loop is in PantauSession): 8–13 % less
/// CPU for `pantau snapshot` (README, Performance).
let hotPathSettings: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "Pantau",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pantau", targets: ["pantau"]),
        .executable(name: "pantau-bench", targets: ["pantau-bench"]),
        // For the libFuzzer entry point, a package of its own (Tests/Fuzz) built by scripts/fuzz.
        .library(name: "PantauFuzz", targets: ["PantauFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // The embedded journal: one SQLite file in WAL mode (Debian's libsqlite3-dev).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // C edges: ncurses (wide), zlib and libxml2, through system-library targets with shim headers.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses",
                       providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        // SHA-256 for the journal's hash chain, from OpenSSL's libcrypto.
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        // PostgreSQL's C client for the shared journal (Debian's libpq-dev; README, Journal on PostgreSQL).
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),

        // Domain, feed format, store: Foundation only.
        .target(name: "PantauCore", swiftSettings: hotPathSettings),
        // Byte sources (file, gzip), replay, the simulator.
        // What layouts and sources files share: reading their YAML with positions.
        .target(name: "PantauConfig", dependencies: ["PantauCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "PantauFeeds", dependencies: ["PantauCore", "PantauConfig", "CZlib", "CLibXML2", .product(name: "Yams", package: "Yams")],
                swiftSettings: hotPathSettings),
        // Cell grid, panes, layouts, keys, the app's update/view.
        .target(name: "PantauUI", dependencies: [
            "PantauCore",
            "PantauConfig",
            .product(name: "Yams", package: "Yams"),
        ], plugins: ["EmbedLayouts"]),
        // The event log: the journal protocol, its SQLite backend, the hash chain, checkpoints.
        .target(name: "PantauJournal", dependencies: [
            "PantauCore", "CCrypto", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The shared journal on PostgreSQL (libpq): a module of its own, so the journal protocol,
        // the session and the fuzzers do not link libpq.
        .target(name: "PantauPostgres", dependencies: ["PantauCore", "PantauJournal", "CLibPQ"]),
        // The message-driven session: events, actions, keys, ticks, resizes and source health
        // all enter one `update`, shared by the live, replay and snapshot runners.
        .target(name: "PantauSession", dependencies: [
            "PantauCore", "PantauConfig", "PantauFeeds", "PantauUI", "PantauJournal",
        ]),
        // The shift report: events in, a report model out, Markdown, CSV and HTML (inline SVG) renderers.
        .target(name: "PantauReport", dependencies: ["PantauCore", "PantauFeeds", "PantauJournal"]),
        // The only module that touches ncurses.
        .target(name: "PantauTerminal", dependencies: ["PantauUI", "CNcurses"]),

        .executableTarget(name: "pantau", dependencies: [
            "PantauCore", "PantauConfig", "PantauFeeds", "PantauUI", "PantauTerminal",
            "PantauJournal", "PantauPostgres", "PantauSession", "PantauReport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], resources: [.copy("Resources/tangerang-day.ndjson.gz")]),
        .executableTarget(name: "pantau-bench", dependencies: ["PantauCore", "PantauConfig", "PantauFeeds", "PantauUI", "PantauJournal", "PantauPostgres", "PantauSession"]),
        // The fuzz harnesses' bodies: built with everything, replayed over the corpus by PantauFuzzTests.
        .target(name: "PantauFuzz", dependencies: ["PantauCore", "PantauConfig", "PantauFeeds", "PantauUI", "CZlib"]),

        // Build-time embedding of Layouts/*.yaml into PantauUI.
        .executableTarget(name: "pantau-embed"),
        .plugin(name: "EmbedLayouts", capability: .buildTool(), dependencies: ["pantau-embed"]),

        // Fixtures shared by test targets.
        .target(name: "PantauTestSupport", path: "Tests/PantauTestSupport"),
        .testTarget(name: "PantauCoreTests", dependencies: ["PantauCore", "PantauTestSupport"]),
        .testTarget(name: "PantauConfigTests", dependencies: ["PantauConfig"]),
        .testTarget(name: "PantauFeedsTests", dependencies: ["PantauFeeds", "PantauTestSupport"]),
        .testTarget(name: "PantauUITests", dependencies: ["PantauUI", "PantauFeeds", "PantauTestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "EndToEndTests", dependencies: ["PantauFeeds", "PantauJournal", "PantauTestSupport"]),
        // GRDB directly, to tamper with a journal's rows as an attacker would.
        .testTarget(name: "PantauJournalTests", dependencies: [
            "PantauJournal", "PantauFeeds", "PantauTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The journal conformance tests, run on SQLite and on a real PostgreSQL server; consoles
        // (sessions) on a PostgreSQL journal.
        .testTarget(name: "PantauPostgresTests", dependencies: [
            "PantauPostgres", "PantauJournal", "PantauFeeds", "PantauSession", "PantauUI", "PantauTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "PantauSessionTests", dependencies: ["PantauSession", "PantauTestSupport"]),
        .testTarget(name: "PantauReportTests", dependencies: [
            "PantauReport", "PantauFeeds", "PantauJournal", "PantauSession", "PantauTestSupport",
        ]),
        .testTarget(name: "PantauTerminalTests", dependencies: ["PantauTerminal"]),
        .testTarget(name: "PantauFuzzTests", dependencies: ["PantauFuzz"]),
        .testTarget(name: "PantauBenchTests", dependencies: ["pantau-bench", "PantauCore", "PantauJournal", "PantauUI"]),
    ]
)
