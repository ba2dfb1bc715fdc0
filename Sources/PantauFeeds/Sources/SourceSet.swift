import Foundation
import PantauCore

/// The running sources of one session: starts them together, each on its own thread,
/// feeding one ``EventInbox``; takes their health snapshots; stops them all.
///
/// ```swift
/// let set = SourceSet(sources: try SourcesFile.load(path: "sources.yaml"))
/// set.start()
/// // main loop: poll set.inbox.wakeFD, then set.inbox.drain(), and set.health() for the UI
/// set.stop()
/// ```
public final class SourceSet: @unchecked Sendable {
    /// Where every source's events arrive.
    public let inbox: EventInbox
    /// The sources, in file order.
    public let sources: [any FeedSource]
    private let sinks: [SourceSink]
    private let lock = NSLock()
    private var started = false

    /// A set of `sources` posting into a new inbox of `capacity` events.
    public convenience init(sources: [any FeedSource], capacity: Int = 100_000) {
        self.init(configured: sources.map { ConfiguredSource($0) }, capacity: capacity)
    }

    /// A set of sources read from a sources file, each sink with its source's clock skew
    /// tolerance.
    public init(configured: [ConfiguredSource], capacity: Int = 100_000) {
        let inbox = EventInbox(capacity: capacity)
        self.inbox = inbox
        sources = configured.map(\.source)
        sinks = configured.map {
            SourceSink(name: $0.source.name, type: $0.source.type, format: $0.source.format, staleAfter: $0.source.staleAfter,
                       inbox: inbox, skewTolerance: $0.settings.clockSkewTolerance)
        }
    }

    /// Starts every source (once).
    public func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !started else { return }
        started = true
        for (source, sink) in zip(sources, sinks) { source.start(sink) }
    }

    /// Stops every source.
    public func stop() {
        for source in sources { source.stop() }
    }

    /// Stops every source and waits, up to `timeout` seconds, until their threads have
    /// returned: what a source received before it stopped (an MQTT message already
    /// acknowledged to the broker, a batch being decoded) is then in ``inbox``. Whether every
    /// thread returned in time.
    @discardableResult
    public func stopAndWait(timeout: Double) -> Bool {
        stop()
        let deadline = Date().addingTimeInterval(timeout)
        return sinks.allSatisfy { $0.waitForThreadEnd(until: deadline) }
    }

    /// Each source's health now, in file order.
    public func health(now: Date = Date()) -> [SourceHealth] {
        sinks.map { $0.snapshot(now: now) }
    }
}
