import PantauCore

/// The event log every console writes and restores from: each event the store applies (feed
/// events and actions alike) is appended with a sequence number, and the state is the fold of
/// the journal from the latest checkpoint on.
///
/// Backends: ``SQLiteJournal`` (embedded default, one file, WAL); the next issues add a shared
/// PostgreSQL backend and read it for time travel. Implementations are used from one thread
/// at a time (the session's loop); they need not be thread-safe.
public protocol Journal: AnyObject {
    /// Appends events in order, in one transaction, and returns their entries. `times[i]` is the
    /// session-clock time at which `events[i]` applied (its entry's ``JournalEntry/at``; an
    /// earlier time than the entry before it is raised to that one's, so entry times never
    /// decrease); `recordedAt` is the wall clock. On return the entries are durable (fsync'd):
    /// a crash after it loses none of them.
    func append(_ events: [FeedEvent], at times: [Instant], recordedAt: Instant) throws(JournalError) -> [JournalEntry]
    /// The sequence number of the last entry (0 when empty).
    func lastSequence() throws(JournalError) -> Int64
    /// The sequence number of the last entry applied at or before `time` (0: none).
    func lastSequence(atOrBefore time: Instant) throws(JournalError) -> Int64
    /// The first and last entry's ``JournalEntry/at`` (nil when empty).
    func timeSpan() throws(JournalError) -> ClosedRange<Instant>?
    /// Up to `limit` entries with a sequence greater than `sequence`, in order.
    func entries(after sequence: Int64, limit: Int) throws(JournalError) -> [JournalEntry]
    /// Stores a checkpoint: the state folded through `checkpoint.sequence`.
    func saveCheckpoint(_ checkpoint: JournalCheckpoint) throws(JournalError)
    /// Stores a checkpoint encoded beforehand (e.g. off the loop); see ``EncodedCheckpoint``.
    func saveCheckpoint(encoded checkpoint: EncodedCheckpoint) throws(JournalError)
    /// The latest checkpoint at or before `sequence` (nil: the newest one), if any.
    func latestCheckpoint(atOrBefore sequence: Int64?) throws(JournalError) -> JournalCheckpoint?
    /// The latest checkpoint whose state is the state as of a time at or before `time`: its
    /// ``JournalCheckpoint/at`` (or, without one, its last entry's time) is at most `time`.
    func latestCheckpoint(asOf time: Instant) throws(JournalError) -> JournalCheckpoint?
    /// Where the checkpoints are, without their states, by sequence (a rewind picks one by
    /// time and decodes only that one).
    func checkpointMarks() throws(JournalError) -> [JournalCheckpointMark]
    /// Entries per minute and raised alarms: what a timeline of the journal shows.
    func timeline() throws(JournalError) -> JournalTimeline
}

/// A checkpoint's place: the last entry folded into it and the time it is as of.
public struct JournalCheckpointMark: Sendable, Equatable {
    public var sequence: Int64
    public var at: Instant

    public init(sequence: Int64, at: Instant) {
        self.sequence = sequence
        self.at = at
    }
}

/// How many entries applied in each minute, and when alarms were raised (entries holding a
/// `"kind":"alarm"` line with `"state":"raised"`).
public struct JournalTimeline: Sendable, Equatable {
    /// Entries per minute, keyed by minutes since 1970.
    public var perMinute: [Int64: Int] = [:]
    /// When each raised alarm was raised (its own time, see `raiseTime(line:at:)`), in order.
    public var alarms: [Instant] = []

    public init(perMinute: [Int64: Int] = [:], alarms: [Instant] = []) {
        self.perMinute = perMinute
        self.alarms = alarms
    }

    /// Whether an entry's line is an alarm being raised.
    public static func isRaisedAlarm(_ line: String) -> Bool {
        line.contains("\"kind\":\"alarm\"") && line.contains("\"state\":\"raised\"")
    }

    /// When the alarm a raised-alarm entry's `line` holds was raised: its own time (an alarm
    /// due earlier may be journaled later, e.g. after a replay's catch-up), else `at`.
    public static func raiseTime(line: String, at: Instant) -> Instant {
        guard case .event(let event) = FeedLineDecoder().decode(line), case .alarm = event.payload else { return at }
        return event.time
    }

    /// Counts `entry` in.
    public mutating func add(_ entry: JournalEntry) {
        perMinute[Self.minute(of: entry.at), default: 0] += 1
        if Self.isRaisedAlarm(entry.line) {
            let time = Self.raiseTime(line: entry.line, at: entry.at)
            alarms.insert(time, at: alarms.lastIndex { $0 <= time }.map { $0 + 1 } ?? 0)
        }
    }

    /// Minutes since 1970 (rounded down).
    public static func minute(of instant: Instant) -> Int64 {
        instant.millis >= 0 ? instant.millis / 60_000 : (instant.millis + 1) / 60_000 - 1
    }
}

extension Journal {
    /// None known: a rewind folds from the start (a backend that keeps checkpoints lists them).
    public func checkpointMarks() throws(JournalError) -> [JournalCheckpointMark] { [] }

    /// By reading every entry (a backend that can count in place does).
    public func timeline() throws(JournalError) -> JournalTimeline {
        var timeline = JournalTimeline()
        var after: Int64 = 0
        while true {
            let page = try entries(after: after, limit: JournalFold.batch)
            guard let last = page.last else { return timeline }
            for entry in page { timeline.add(entry) }
            after = last.sequence
        }
    }

    /// Appends events that all applied at `recordedAt` (the wall clock).
    public func append(_ events: [FeedEvent], recordedAt: Instant) throws(JournalError) -> [JournalEntry] {
        try append(events, at: Array(repeating: recordedAt, count: events.count), recordedAt: recordedAt)
    }
}

/// One entry of the journal: an event as a feed-format line, its place in the log and the hash
/// chain that makes edits, deletions and reordering detectable.
public struct JournalEntry: Sendable, Equatable {
    /// 1, 2, 3 … with no gaps.
    public var sequence: Int64
    /// When the entry was written (wall clock of the writing console), for the audit.
    public var recordedAt: Instant
    /// The session-clock time at which the event applied: a played event's arrival, a live
    /// batch's wall time, an action's "now". Never less than the previous entry's.
    public var at: Instant
    /// The event as one feed-format v1 NDJSON line (``FeedEventEncoder``).
    public var line: String
    /// Hex SHA-256 of the previous entry's `hash` (64 zeros for the first) and this entry's
    /// sequence, time and line.
    public var hash: String

    /// `at` defaults to `recordedAt` (an entry applied when it was written).
    public init(sequence: Int64, recordedAt: Instant, at: Instant? = nil, line: String, hash: String) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.at = at ?? recordedAt
        self.line = line
        self.hash = hash
    }
}

/// The state folded through an entry, so a restart does not replay the whole log.
public struct JournalCheckpoint: Sendable {
    /// The last entry folded into `state`.
    public var sequence: Int64
    public var state: CityState
    /// The session-clock time the state is as of (it was swept through it): at least the last
    /// entry's ``JournalEntry/at``. Nil: not known (a checkpoint of an older journal), taken as
    /// its last entry's time.
    public var at: Instant?

    public init(sequence: Int64, state: CityState, at: Instant? = nil) {
        self.sequence = sequence
        self.state = state
        self.at = at
    }
}

/// Why the journal could not do what was asked, in words for the status line.
public struct JournalError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case full, readOnly, corrupt, unavailable, other }
    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
