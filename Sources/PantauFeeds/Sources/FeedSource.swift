/// A running source of feed events: something outside (a file, a process, a URL, a broker)
/// turned into `FeedEvent`s.
///
/// A source is made from its sources-file entry by its ``SourceKind``, started once with the
/// ``SourceSink`` it reports to, and stopped once. ``start(_:)`` returns at once: the source
/// does its work on its own thread, posts events and health through the sink, retries on
/// failure with ``Backoff``, and never blocks the caller. ``stop()`` may be called from any
/// thread and is idempotent.
public protocol FeedSource: AnyObject, Sendable {
    /// The instance name from the sources file (`bmkg-warnings`).
    var name: String { get }
    /// The transport type (`http`).
    var type: String { get }
    /// The payload format name (`cap`).
    var format: String { get }
    /// Seconds without contact after which the source counts as stale: three polling
    /// intervals, or five minutes for sources that push.
    var staleAfter: Double { get }
    /// Starts the source's own thread; events and health go to `sink`.
    func start(_ sink: SourceSink)
    /// Stops the source (closes files, kills processes, disconnects).
    func stop()
}

extension FeedSource {
    /// Five minutes: the staleness limit of sources without an interval.
    public var staleAfter: Double { 300 }
}
