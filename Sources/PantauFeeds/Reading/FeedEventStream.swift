import PantauCore

/// Events read from a feed in order, each built in storage the caller owns: what a
/// ``ScheduledReader`` reads from (a ``FeedReader``, or a ``ParallelFeedReader``).
public protocol FeedEventStream: AnyObject {
    /// Decodes the next event into `slot`, which must be uninitialized and is initialized when
    /// true is returned; false at the end of the stream.
    func next(into slot: UnsafeMutablePointer<FeedEvent>) throws -> Bool
    /// The recorded arrival (`rx`) of the event ``next(into:)`` gave last; nil when its line had none.
    var lastArrival: Instant? { get }
    /// Counts of lines, events and skips so far.
    var stats: FeedStats { get }
}

extension FeedReader: FeedEventStream {}
