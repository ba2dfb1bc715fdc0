import Foundation
import PantauCore

/// Presence between consoles in one process (tests): every channel made on one hub sees the
/// others' records, stamped with the time they were published.
public final class InMemoryPresenceHub: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [String: PresenceRecord] = [:]
    private var channels: [InMemoryPresenceChannel] = []
    /// The clock that stamps records (tests may set it).
    public var clock: @Sendable () -> Instant = { Instant(millis: Int64((Date().timeIntervalSince1970 * 1000).rounded())) }

    public init() {}

    /// A new console's channel on this hub; it reads the records already there.
    public func channel(consoleID: String, wake: @escaping @Sendable () -> Void = {}) -> InMemoryPresenceChannel {
        let channel = InMemoryPresenceChannel(hub: self, consoleID: consoleID, wake: wake)
        lock.lock()
        channels.append(channel)
        let all = Array(records.values)
        lock.unlock()
        channel.deliver(all)
        return channel
    }

    func set(_ record: PresenceRecord?, for consoleID: String) {
        lock.lock()
        if var record {
            record.lastSeen = clock()
            records[consoleID] = record
        } else {
            records[consoleID] = nil
        }
        let all = Array(records.values)
        let listeners = channels
        lock.unlock()
        for channel in listeners { channel.deliver(all) }
    }

    func leave(_ channel: InMemoryPresenceChannel) {
        lock.lock()
        channels.removeAll { $0 === channel }
        lock.unlock()
    }
}

/// One console's channel on an ``InMemoryPresenceHub``.
public final class InMemoryPresenceChannel: PresenceChannel, @unchecked Sendable {
    public let consoleID: String
    private weak var hub: InMemoryPresenceHub?
    private let wake: @Sendable () -> Void
    private let lock = NSLock()
    private var pending: [PresenceRecord]?

    init(hub: InMemoryPresenceHub, consoleID: String, wake: @escaping @Sendable () -> Void) {
        self.hub = hub
        self.consoleID = consoleID
        self.wake = wake
    }

    public func publish(_ record: PresenceRecord?) {
        hub?.set(record, for: consoleID)
    }

    public func takeRecords() -> [PresenceRecord]? {
        lock.lock()
        defer { lock.unlock() }
        let taken = pending
        pending = nil
        return taken
    }

    public var problem: String? { nil }

    public func close() {
        hub?.set(nil, for: consoleID)
        hub?.leave(self)
    }

    func deliver(_ all: [PresenceRecord]) {
        lock.lock()
        pending = all.filter { $0.consoleID != consoleID }
        lock.unlock()
        wake()
    }
}
