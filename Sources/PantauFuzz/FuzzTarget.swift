import PantauFeeds

/// One fuzz harness: a name for `scripts/fuzz` and the corpus folder, and the function that
/// runs one input. A harness never throws; a crash (a trap, a failed check) is a finding.
public struct FuzzTarget: Sendable {
    /// The name on the command line and of its corpus folder (`Tests/Fuzz/Corpus/NAME`).
    public let name: String
    /// Runs one input.
    public let run: @Sendable (UnsafeRawBufferPointer) -> Void

    /// Every harness, in the order `scripts/fuzz` runs them.
    public static let all: [FuzzTarget] = [
        FuzzTarget(name: "feed-line", run: FeedLineHarness.run),
        FuzzTarget(name: "feed-reader", run: FeedReaderHarness.run),
    ] + FormatRegistry.all.map { format in
        FuzzTarget(name: format.name, run: { FormatHarness.run(format, $0) })
    } + [
        FuzzTarget(name: "layout", run: LayoutHarness.run),
        FuzzTarget(name: "sources", run: SourcesFileHarness.run),
        FuzzTarget(name: "desk", run: DeskFileHarness.run),
        FuzzTarget(name: "checkpoint", run: CheckpointHarness.run),
        FuzzTarget(name: "render", run: RenderHarness.run),
    ]

    /// The harness called `name`, if any.
    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}
