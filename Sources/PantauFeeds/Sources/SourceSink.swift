import Foundation
import PantauCore

/// What a running source talks to: it posts events to the shared ``EventInbox`` (stamping
/// the source's name into events that carry none) and keeps the source's health.
///
/// Thread-safe; one per source instance, made by ``SourceSet``. Sources call it from their
/// own threads.
public final class SourceSink: @unchecked Sendable {
    /// How far ahead of the wall clock an event may be stamped before it counts as ahead
    /// (clocks of feeds and of this machine differ by seconds; two minutes is a clock that is wrong).
    public static let defaultSkewTolerance = 120.0

    /// The source's name.
    public let name: String
    /// See ``defaultSkewTolerance``.
    public let skewTolerance: Double
    private let inbox: EventInbox
    private let lock = NSLock()
    private var health: SourceHealth
    private var retryAt: Date?
    /// Whether the source's thread (``SourceThread``) is running: set as it starts, cleared
    /// when its body returns, signalled on `threadCondition`.
    private let threadCondition = NSCondition()
    private var threadRunning = false
    private var delivered = false
    // Events per second over the last minute, as a ring of 60 one-second buckets.
    private var buckets = [Int](repeating: 0, count: 60)
    private var bucketSecond = 0

    /// A sink posting into `inbox` for the source `name`.
    public init(name: String, type: String, format: String, staleAfter: Double, inbox: EventInbox,
                skewTolerance: Double = SourceSink.defaultSkewTolerance) {
        self.name = name
        self.skewTolerance = skewTolerance
        self.inbox = inbox
        health = SourceHealth(name: name, type: type, format: format, state: .connecting, staleAfter: staleAfter)
        // What the format can bring, until the source shows what it does bring.
        health.kinds = FormatRegistry.type(named: format)?.kinds ?? []
    }

    func threadStarted() {
        threadCondition.lock()
        threadRunning = true
        threadCondition.unlock()
    }

    func threadEnded() {
        threadCondition.lock()
        threadRunning = false
        threadCondition.broadcast()
        threadCondition.unlock()
    }

    /// Waits until the source's thread has returned (or never started), at most until
    /// `deadline`; whether it has. After it, the source delivers nothing more.
    public func waitForThreadEnd(until deadline: Date) -> Bool {
        threadCondition.lock()
        defer { threadCondition.unlock() }
        while threadRunning {
            if !threadCondition.wait(until: deadline) { return !threadRunning }
        }
        return true
    }

    /// Delivers decoded events; marks the source live. Events stamped more than
    /// ``skewTolerance`` ahead of `now` are delivered too, and counted as ahead.
    public func deliver(_ events: [FeedEvent], at now: Date = Date()) {
        guard !events.isEmpty else { return }
        var stamped = events
        // The kinds in the batch, as a mask: a pass over an enum, not a hash per event.
        var mask = 0
        let nowMillis = Int64(saturating: (now.timeIntervalSince1970 * 1000).rounded(.down))
        let aheadLimit = nowMillis.addingSaturated(Int64(saturating: skewTolerance * 1000))
        var ahead = 0
        var furthest: Int64 = 0
        for i in stamped.indices {
            let t = stamped[i].time.millis
            if t > aheadLimit {
                ahead += 1
                furthest = max(furthest, t.subtractingSaturated(nowMillis))
            }
            if stamped[i].source == nil { stamped[i].source = name }
            switch stamped[i].payload {
            case .traffic: mask |= 1
            case .incident: mask |= 2
            case .sensor: mask |= 4
            case .ticket: mask |= 8
            case .action, .alarm: break
            }
        }
        inbox.post(stamped)
        lock.lock()
        advanceBuckets(now)
        buckets[bucketSecond % 60] += events.count
        health.events += events.count
        // What it has delivered, narrowed from what its format could (an ndjson feed of
        // readings feeds only the sensors panes).
        if !delivered {
            delivered = true
            health.kinds = []
        }
        for (bit, kind) in [(1, "traffic"), (2, "incident"), (4, "sensor"), (8, "ticket")] where mask & bit != 0 {
            health.kinds.insert(kind)
        }
        if ahead > 0 {
            health.aheadEvents += ahead
            health.aheadBy = Double(furthest) / 1000
        }
        health.lastEvent = now
        health.lastContact = now
        health.state = .live
        retryAt = nil
        lock.unlock()
    }

    /// Notes how far the source has read (see ``EventInbox/mark(source:position:)``): call it
    /// after delivering the events read up to `position`.
    public func reached(_ position: SourcePosition) {
        inbox.mark(source: name, position: position)
    }

    /// Counts records skipped as bad input, by reason, and where (`line 4`, a topic, a URL).
    public func skipped(_ reasons: [String: Int], at place: String? = nil) {
        let total = reasons.values.reduce(0, +)
        guard total > 0 else { return }
        lock.lock()
        health.skipped += total
        for (reason, n) in reasons where n > 0 { health.skipReasons[reason, default: 0] += n }
        if let place, health.firstSkips.count < SourceHealth.keptSkipPlaces, !health.firstSkips.contains(place) {
            health.firstSkips.append(place)
        }
        lock.unlock()
    }

    /// Counts well-formed records the format deliberately does not map, by reason.
    public func ignored(_ reasons: [String: Int]) {
        let total = reasons.values.reduce(0, +)
        guard total > 0 else { return }
        lock.lock()
        health.ignored += total
        for (reason, n) in reasons where n > 0 { health.ignoredReasons[reason, default: 0] += n }
        lock.unlock()
    }

    /// Counts payloads read only after a repair, by what was repaired (`invalid_utf8`).
    public func repaired(_ reasons: [String: Int]) {
        guard reasons.values.contains(where: { $0 > 0 }) else { return }
        lock.lock()
        for (reason, n) in reasons where n > 0 { health.repairedReasons[reason, default: 0] += n }
        lock.unlock()
    }

    /// Counts what a conversion skipped (at `place`), ignored and repaired.
    public func counted(_ result: FormatResult, at place: String? = nil) {
        skipped(result.skipped, at: place)
        ignored(result.ignored)
        repaired(result.repaired)
    }

    /// The source showed its data is current without new events (a 304, an unchanged body, a
    /// connection established): it is live.
    public func touched(at now: Date = Date()) {
        lock.lock()
        health.lastContact = now
        health.state = .live
        retryAt = nil
        lock.unlock()
    }

    /// The source is (re)connecting.
    public func connecting() {
        lock.lock()
        if !health.state.isFailing { health.state = .connecting }
        lock.unlock()
    }

    /// The source failed; it will try again after `retryIn` seconds if given.
    public func failed(_ reason: String, retryIn: Double? = nil, at now: Date = Date()) {
        lock.lock()
        health.state = .failing(reason)
        health.errorCount += 1
        retryAt = retryIn.map { now.addingTimeInterval($0) }
        lock.unlock()
    }

    /// The source finished for good (its input ended): failing with `reason`, no retry.
    public func ended(_ reason: String) {
        lock.lock()
        health.state = .failing(reason)
        health.ended = true
        retryAt = nil
        lock.unlock()
    }

    /// A snapshot of the health at `now`.
    public func snapshot(now: Date = Date()) -> SourceHealth {
        lock.lock()
        defer { lock.unlock() }
        advanceBuckets(now)
        var h = health
        h.eventsPerMinute = buckets.reduce(0, +)
        if h.state == .live, let last = h.lastContact, now.timeIntervalSince(last) > h.staleAfter {
            h.state = .stale
        }
        if h.state.isFailing, let retryAt { h.retryIn = max(0, retryAt.timeIntervalSince(now)) }
        return h
    }

    private func advanceBuckets(_ now: Date) {
        let second = Int(now.timeIntervalSince1970)
        if bucketSecond == 0 { bucketSecond = second }
        guard second > bucketSecond else { return }
        let steps = min(60, second - bucketSecond)
        for k in 1...steps { buckets[(bucketSecond + k) % 60] = 0 }
        bucketSecond = second
    }
}
