import Foundation
import PantauCore

/// Publishes raised alarms to an MQTT broker so other systems hear them (a rule's
/// ``PantauCore/AlarmResponse/mqttTopic``): each alarm's feed-format line as one message, QoS 1,
/// not retained. The broker is given as `mqtt://host:port` (`--alarm-broker`).
///
/// ``publish(_:topic:alarmID:)`` only queues: a thread of its own connects (on the first
/// message), sends, and waits for the broker's PUBACK, so the dashboard's loop never waits on
/// the network. A lost or refused connection is retried (backoff up to 5 s) with the messages
/// kept (at most ``queueLimit``; the oldest go first); a message sent again after a lost
/// connection may arrive twice (QoS 1 is at least once). What happens — published, cannot
/// connect, libmosquitto missing — comes back through `report`, one line for the activity log.
public final class AlarmPublisher: @unchecked Sendable {
    public let host: String
    public let port: Int
    /// Messages kept while the broker cannot be reached, at most.
    public static let queueLimit = 256
    private let report: @Sendable (_ line: String, _ failed: Bool) -> Void
    private let library: @Sendable () -> Result<MosquittoLibrary, MosquittoLibrary.LoadFailure>
    private let signal = StopSignal()
    private let lock = NSLock()
    private var queue: [Message] = []
    private var inFlight: [Int32: Message] = [:]
    private var acknowledged: [Int32] = []
    private var started = false

    struct Message {
        var topic: String
        var payload: [UInt8]
        var alarmID: String
    }

    /// A publisher to `host:port`; `report` is called on the publisher's thread with a line for
    /// the activity log and whether it tells of a failure.
    public convenience init(host: String, port: Int = 1883, report: @escaping @Sendable (_ line: String, _ failed: Bool) -> Void) {
        self.init(host: host, port: port, report: report, library: { MosquittoLibrary.shared })
    }

    init(host: String, port: Int, report: @escaping @Sendable (_ line: String, _ failed: Bool) -> Void,
         library: @escaping @Sendable () -> Result<MosquittoLibrary, MosquittoLibrary.LoadFailure>) {
        self.host = host
        self.port = port
        self.report = report
        self.library = library
    }

    /// `mqtt://host[:port]` (port 1883 unless given) as host and port, or why it is not one.
    public static func broker(_ url: String) -> Result<(host: String, port: Int), BrokerURLError> {
        guard url.hasPrefix("mqtt://") else {
            return .failure(BrokerURLError("`\(url)` is not an MQTT broker: write mqtt://HOST:PORT"))
        }
        let rest = url.dropFirst("mqtt://".count).split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0]
        var host = Substring(rest), port = 1883
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
            host = rest[..<colon]
            guard let p = Int(rest[rest.index(after: colon)...]), (1...65535).contains(p) else {
                return .failure(BrokerURLError("`\(url)`: the port must be a number from 1 to 65535"))
            }
            port = p
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { return .failure(BrokerURLError("`\(url)` names no host: write mqtt://HOST:PORT")) }
        return .success((String(host), port))
    }

    /// Queues `line` (an alarm event's feed-format line) for `topic`; returns at once.
    public func publish(_ line: String, topic: String, alarmID: String) {
        guard !signal.isStopped else { return }
        lock.lock()
        defer { lock.unlock() }
        if queue.count >= Self.queueLimit { queue.removeFirst() }
        queue.append(Message(topic: topic, payload: Array(line.utf8), alarmID: alarmID))
        if !started {
            started = true
            NamedThread.start("pantau-alarm-publisher", stackSize: 1 << 20) { [self] in run() }
        }
    }

    /// Stops the thread (what is not yet published is dropped).
    public func stop() { signal.stop() }

    private func run() {
        let lib: MosquittoLibrary
        switch library() {
        case .failure(let failure):
            report("alarm not published: \(failure.reason)", true)
            return
        case .success(let l):
            lib = l
        }
        let unmanaged = Unmanaged.passRetained(self)
        defer { unmanaged.release() }
        guard let mosq = lib.new("pantau-alarms-\(getpid())", true, unmanaged.toOpaque()) else {
            report("alarm not published: cannot create an MQTT client", true)
            return
        }
        defer {
            _ = lib.disconnect(mosq)
            lib.destroy(mosq)
        }
        lib.publishCallbackSet(mosq, { _, obj, mid in
            guard let obj else { return }
            Unmanaged<AlarmPublisher>.fromOpaque(obj).takeUnretainedValue().acknowledged.append(mid)
        })
        var backoff = ReconnectBackoff(initial: 0.5, cap: 5)
        var first = true
        var lastFailure: String?
        while !signal.isStopped {
            let rc = first ? lib.connect(mosq, host, Int32(port), 30) : lib.reconnect(mosq)
            if rc != 0 {
                let reason = "cannot connect to \(host):\(port): \(lib.describe(rc))"
                if reason != lastFailure { report("alarm not published yet: \(reason); retrying", true) }
                lastFailure = reason
                signal.sleep(backoff.failed())
                continue
            }
            first = false
            var lost: Int32 = 0
            while !signal.isStopped, lost == 0 {
                sendQueued(lib, mosq, &lost)
                if lost != 0 { break }
                lost = lib.loop(mosq, inFlightCount > 0 ? 50 : 250, 1)
                confirmAcknowledged(&backoff, &lastFailure)
            }
            if signal.isStopped { break }
            let reason = "connection to \(host):\(port) lost: \(lib.describe(lost))"
            if reason != lastFailure { report("alarm publish: \(reason); retrying", true) }
            lastFailure = reason
            requeueInFlight()
            signal.sleep(backoff.failed())
        }
    }

    private var inFlightCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return inFlight.count
    }

    /// Hands every queued message to libmosquitto; `lost` is set when the connection is gone.
    private func sendQueued(_ lib: MosquittoLibrary, _ mosq: OpaquePointer, _ lost: inout Int32) {
        lock.lock()
        let sending = queue
        queue.removeAll()
        lock.unlock()
        for (i, message) in sending.enumerated() {
            var mid: Int32 = 0
            let rc = message.payload.withUnsafeBytes { bytes in
                lib.publish(mosq, &mid, message.topic, Int32(bytes.count), bytes.baseAddress, 1, false)
            }
            lock.lock()
            if rc == 0 {
                inFlight[mid] = message
            } else {
                // Not sent: kept, in order, for the next connection.
                queue.insert(contentsOf: sending[i...], at: 0)
            }
            lock.unlock()
            if rc != 0 {
                lost = rc
                return
            }
        }
    }

    /// Reports the messages the broker acknowledged since the last call.
    private func confirmAcknowledged(_ backoff: inout ReconnectBackoff, _ lastFailure: inout String?) {
        guard !acknowledged.isEmpty else { return }
        lock.lock()
        let done = acknowledged.compactMap { inFlight.removeValue(forKey: $0) }
        lock.unlock()
        acknowledged.removeAll()
        backoff.accepted()
        lastFailure = nil
        for message in done { report("alarm \(message.alarmID) published to \(message.topic)", false) }
    }

    /// Puts the messages not acknowledged before a lost connection back at the queue's front.
    private func requeueInFlight() {
        lock.lock()
        queue.insert(contentsOf: inFlight.sorted { $0.key < $1.key }.map(\.value), at: 0)
        inFlight.removeAll()
        if queue.count > Self.queueLimit { queue.removeFirst(queue.count - Self.queueLimit) }
        lock.unlock()
    }
}

/// Why a `--alarm-broker` value is not an MQTT broker's address.
public struct BrokerURLError: Error, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
