import Foundation
import PantauCore

/// An `mqtt` source: subscribes to topics on an MQTT broker (QoS 1 unless told) and reads
/// each message's payload in the source's format. The username and password come from the
/// environment variables the file names (never from the file itself); `tls: true` verifies
/// the broker against the system's certificates (or `ca_file`). A lost connection is retried
/// promptly: exponential backoff with jitter from half a second, capped at ``reconnectCap``
/// (5 s), and started over once the broker accepts a connection; topics are subscribed again
/// on every connect.
///
/// With `clean_session: false` the broker keeps the session (its subscriptions, and the QoS 1
/// and 2 messages published to them) while Pantau is away: a lost connection, a broker
/// restart (with the broker's persistence on), or Pantau stopped and started again lose
/// nothing. Such a session is known by its client id, so it needs a stable one: `client_id`,
/// else `pantau-HOST-NAME` (this machine's host name and the source's name).
///
/// libmosquitto is loaded when the first `mqtt` source starts: without it the source is
/// `failing: libmosquitto not installed (apt-get install libmosquitto1)` and everything else
/// works.
///
/// ```yaml
/// - name: sensors
///   type: mqtt
///   host: 127.0.0.1
///   port: 1883
///   topics: ["tangerang/sensors/#"]
///   qos: 1
///   username_env: PANTAU_MQTT_USER
///   password_env: PANTAU_MQTT_PASSWORD
///   tls: false
///   client_id: pantau-command-room
///   clean_session: false
/// ```
public final class MQTTSource: FeedSource, @unchecked Sendable {
    public let name: String
    public let type = "mqtt"
    public let format: String
    public let host: String
    public let port: Int
    public let topics: [String]
    public let qos: Int
    public let usernameEnv: String?
    public let passwordEnv: String?
    public let tls: Bool
    public let caFile: String?
    public let clientID: String?
    /// Whether the broker forgets the session on disconnect (true unless told); false keeps
    /// the subscriptions and the messages published while Pantau is away.
    public let cleanSession: Bool
    /// The longest wait between two connection attempts, in seconds.
    public static let reconnectCap = 5.0
    /// SensorThings Datastreams for bare Observations (`sensorthings_url:`, `datastreams:`).
    public let datastreams: DatastreamDirectory?
    private let signal = StopSignal()
    /// Where libmosquitto comes from (the process-wide load; tests hand in a failed one).
    let library: @Sendable () -> Result<MosquittoLibrary, MosquittoLibrary.LoadFailure>

    /// A source subscribing to `topics` on `host:port`.
    public convenience init(name: String, host: String, port: Int = 1883, topics: [String], format: String = "ndjson", qos: Int = 1,
                usernameEnv: String? = nil, passwordEnv: String? = nil, tls: Bool = false, caFile: String? = nil,
                clientID: String? = nil, cleanSession: Bool = true, datastreams: DatastreamDirectory? = nil) {
        self.init(name: name, host: host, port: port, topics: topics, format: format, qos: qos, usernameEnv: usernameEnv,
                  passwordEnv: passwordEnv, tls: tls, caFile: caFile, clientID: clientID, cleanSession: cleanSession,
                  datastreams: datastreams,
                  library: { MosquittoLibrary.shared })
    }

    init(name: String, host: String, port: Int = 1883, topics: [String], format: String = "ndjson", qos: Int = 1,
         usernameEnv: String? = nil, passwordEnv: String? = nil, tls: Bool = false, caFile: String? = nil,
         clientID: String? = nil, cleanSession: Bool = true, datastreams: DatastreamDirectory? = nil,
         library: @escaping @Sendable () -> Result<MosquittoLibrary, MosquittoLibrary.LoadFailure>) {
        self.library = library
        self.datastreams = datastreams
        self.name = name
        self.host = host
        self.port = port
        self.topics = topics
        self.format = format
        self.qos = qos
        self.usernameEnv = usernameEnv
        self.passwordEnv = passwordEnv
        self.tls = tls
        self.caFile = caFile
        self.clientID = clientID
        self.cleanSession = cleanSession
    }

    convenience init(config: SourceConfig) throws {
        let tls = config.bool("tls") ?? false
        let cleanSession = config.bool("clean_session") ?? true
        let qos = config.int("qos", in: 0...2) ?? 1
        if !cleanSession, qos == 0 {
            config.report("qos", "`qos: 0` with `clean_session: false`: a broker keeps only QoS 1 and 2 messages for a persistent session; use qos 1")
        }
        let port = config.int("port", in: 1...65535)
        let topics = config.stringList("topics") ?? []
        for (i, topic) in topics.enumerated() {
            if let problem = Self.topicFilterProblem(topic) { config.report("topics", item: i, problem) }
        }
        let usernameEnv = config.string("username_env"), passwordEnv = config.string("password_env")
        let caFile = config.readableFile("ca_file")
        if config.has("ca_file"), !tls {
            config.report("ca_file", "`ca_file` is the CA that verifies the broker over TLS: it needs `tls: true`")
        }
        let clientID = config.string("client_id")
        let datastreams = config.datastreamDirectory()
        guard let host = config.requiredString("host") else { throw config.refused }
        self.init(name: config.name, host: host, port: port ?? (tls ? 8883 : 1883), topics: topics, format: config.format,
                  qos: qos, usernameEnv: usernameEnv, passwordEnv: passwordEnv, tls: tls, caFile: caFile,
                  clientID: clientID, cleanSession: cleanSession, datastreams: datastreams)
    }

    /// Why `filter` is not a valid MQTT topic filter (MQTT 3.1.1 §4.7), or nil: it must not be
    /// empty or longer than 65,535 bytes, hold no NUL, `#` only as the whole last level, `+`
    /// only as a whole level.
    public static func topicFilterProblem(_ filter: String) -> String? {
        if filter.isEmpty { return "an empty topic filter; subscribe to `#` for every topic" }
        if filter.utf8.count > 65_535 { return "a topic filter of \(filter.utf8.count) bytes; MQTT allows 65,535 at most" }
        if filter.unicodeScalars.contains("\u{0}") { return "a topic filter with a NUL character" }
        let levels = filter.split(separator: "/", omittingEmptySubsequences: false)
        for (i, level) in levels.enumerated() {
            if level.contains("#"), level != "#" || i != levels.count - 1 {
                return "`\(filter)`: `#` must be the whole last level of a topic filter (`a/#`)"
            }
            if level.contains("+"), level != "+" {
                return "`\(filter)`: `+` must be a whole level of a topic filter (`a/+/b`)"
            }
        }
        return nil
    }

    /// The client id it connects with: `client_id`; else, for a persistent session, the stable
    /// `pantau-HOST-NAME`, and for a clean one `pantau-NAME-PID`.
    public var effectiveClientID: String {
        if let clientID { return clientID }
        if cleanSession { return "pantau-\(name)-\(getpid())" }
        var host = [CChar](repeating: 0, count: 256)
        let hostName = gethostname(&host, host.count - 1) == 0
            ? String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "localhost"
        return "pantau-\(hostName)-\(name)"
    }

    public func start(_ sink: SourceSink) {
        SourceThread.start(name: name, sink: sink) { [self] in run(sink) }
    }

    public func stop() { signal.stop() }

    private func run(_ sink: SourceSink) {
        let lib: MosquittoLibrary
        switch library() {
        case .failure(let failure):
            sink.ended(failure.reason)
            return
        case .success(let l):
            lib = l
        }
        let context = MQTTContext(sink: sink, decoder: PayloadDecoder(format: format, source: name, datastreams: datastreams),
                                  topics: topics,
                                  qos: Int32(qos), lib: lib)
        let unmanaged = Unmanaged.passRetained(context)
        defer { unmanaged.release() }
        guard let mosq = lib.new(effectiveClientID, cleanSession, unmanaged.toOpaque()) else {
            sink.ended("cannot create an MQTT client")
            return
        }
        defer {
            _ = lib.disconnect(mosq)
            lib.destroy(mosq)
        }
        let env = ProcessInfo.processInfo.environment
        if let u = usernameEnv {
            guard let user = env[u] else { sink.ended("environment variable \(u) is not set"); return }
            let password = passwordEnv.flatMap { env[$0] }
            if let p = passwordEnv, password == nil { sink.ended("environment variable \(p) is not set"); return }
            _ = lib.usernamePasswordSet(mosq, user, password)
        }
        if tls {
            let rc = lib.tlsSet(mosq, caFile, caFile == nil ? "/etc/ssl/certs" : nil, nil, nil, nil)
            if rc != 0 { sink.ended("TLS setup failed: \(lib.describe(rc))"); return }
        }
        lib.connectCallbackSet(mosq, { mosq, obj, rc in
            guard let obj else { return }
            Unmanaged<MQTTContext>.fromOpaque(obj).takeUnretainedValue().connected(mosq, rc: rc)
        })
        lib.subscribeCallbackSet(mosq, { _, obj, mid, count, granted in
            guard let obj else { return }
            let codes = granted.map { Array(UnsafeBufferPointer(start: $0, count: Int(max(0, count)))) } ?? []
            Unmanaged<MQTTContext>.fromOpaque(obj).takeUnretainedValue().subscribed(mid: mid, granted: codes)
        })
        lib.messageCallbackSet(mosq, { _, obj, message in
            guard let obj, let message else { return }
            Unmanaged<MQTTContext>.fromOpaque(obj).takeUnretainedValue().received(message)
        })

        var backoff = ReconnectBackoff(initial: 0.5, cap: Self.reconnectCap)
        var first = true
        sink.connecting()
        while !signal.isStopped {
            let rc = first ? lib.connect(mosq, host, Int32(port), 30) : lib.reconnect(mosq)
            if rc != 0 {
                let reason = "cannot connect to \(host):\(port): \(lib.describe(rc))"
                let wait = backoff.failed()
                sink.failed(reason, retryIn: wait)
                signal.sleep(wait)
                continue
            }
            first = false
            var lost: Int32 = 0
            // Whether the broker accepted this connection (CONNACK): a TLS handshake or a
            // refusal can fail inside the loop, and that is no lost connection.
            var accepted = false
            while !signal.isStopped {
                // libmosquitto reads about one message per call: events are handed on in
                // batches (at most 20 ms old), so a flood costs one inbox post per batch,
                // not per message.
                let rc = lib.loop(mosq, context.hasPending ? 10 : 250, 1)
                context.flushIfDue()
                if context.takeConnected() {
                    accepted = true
                    backoff.accepted()
                }
                if let refused = context.takeRefusal() {
                    lost = -1
                    let wait = backoff.failed()
                    sink.failed("broker refused: \(refused)", retryIn: wait)
                    signal.sleep(wait)
                    break
                }
                if rc != 0 {
                    lost = rc
                    break
                }
            }
            context.flush()
            if signal.isStopped { break }
            if lost > 0 {
                let wait = backoff.failed()
                let reason = lib.describe(lost)
                sink.failed(accepted ? "connection lost: \(reason)" : "cannot connect to \(host):\(port): \(reason)",
                            retryIn: wait)
                signal.sleep(wait)
            }
        }
    }
}

/// What the C callbacks reach: decodes messages and batches their events until the loop
/// hands them to the sink. Used only on the source's thread (callbacks run inside `loop`).
final class MQTTContext: @unchecked Sendable {
    let sink: SourceSink
    let decoder: PayloadDecoder
    let topics: [String]
    let qos: Int32
    let lib: MosquittoLibrary
    private var events: [FeedEvent] = []
    private var skipped: [String: Int] = [:]
    private var ignored: [String: Int] = [:]
    private var repaired: [String: Int] = [:]
    // The topic of the batch's first skipped message.
    private var skippedTopic: String?
    private var justConnected = false
    private var refusal: String?
    // When the oldest undelivered event of the batch was decoded (monotonic), 0 for none.
    private var batchStarted = 0.0
    private var pendingSubscriptions: [Int32: String] = [:]
    private var refusedTopics: [String] = []

    init(sink: SourceSink, decoder: PayloadDecoder, topics: [String], qos: Int32, lib: MosquittoLibrary) {
        self.sink = sink
        self.decoder = decoder
        self.topics = topics
        self.qos = qos
        self.lib = lib
    }

    func connected(_ mosq: OpaquePointer?, rc: Int32) {
        guard rc == 0 else {
            refusal = lib.connackString(rc).map { String(cString: $0) } ?? "code \(rc)"
            return
        }
        justConnected = true
        pendingSubscriptions.removeAll()
        refusedTopics.removeAll()
        for topic in topics {
            var mid: Int32 = 0
            let rc = lib.subscribe(mosq, &mid, topic, qos)
            if rc == 0 {
                pendingSubscriptions[mid] = topic
            } else {
                refusedTopics.append("\(topic) (\(lib.describe(rc)))")
            }
        }
        settleSubscriptions()
    }

    /// The broker's SUBACK: a granted QoS of 0x80 or more is a refusal.
    func subscribed(mid: Int32, granted: [Int32]) {
        guard let topic = pendingSubscriptions.removeValue(forKey: mid) else { return }
        if granted.isEmpty || granted.contains(where: { $0 >= 0x80 }) { refusedTopics.append(topic) }
        settleSubscriptions()
    }

    /// Live only once every topic is subscribed: a message published after the source shows
    /// `live` reaches it (QoS 1; with a clean session nothing is kept for it while
    /// disconnected, with a persistent one the broker keeps it).
    private func settleSubscriptions() {
        guard pendingSubscriptions.isEmpty else { return }
        if refusedTopics.isEmpty {
            sink.touched()
        } else {
            sink.failed("broker refused the subscription to \(refusedTopics.joined(separator: ", "))")
        }
    }

    /// `struct mosquitto_message { int mid; char *topic; void *payload; int payloadlen; int qos; bool retain; }`
    func received(_ message: UnsafeRawPointer) {
        let ptrSize = MemoryLayout<UnsafeRawPointer>.size
        let payloadOffset = 2 * ptrSize
        let topic = message.load(fromByteOffset: ptrSize, as: UnsafePointer<CChar>?.self)
        let payload = message.load(fromByteOffset: payloadOffset, as: UnsafeRawPointer?.self)
        let length = Int(message.load(fromByteOffset: payloadOffset + ptrSize, as: Int32.self))
        let skippedBefore = skipped.isEmpty
        defer {
            if skippedBefore, !skipped.isEmpty, skippedTopic == nil,
               let topic = message.load(fromByteOffset: ptrSize, as: UnsafePointer<CChar>?.self) {
                skippedTopic = String(cString: topic)
            }
        }
        guard let payload, length > 0 else { skipped["empty_payload", default: 0] += 1; return }
        let bytes = UnsafeRawBufferPointer(start: payload, count: length)
        if decoder.isLineFormat {
            var framer = LineFramer()
            let d = decoder
            var s = skipped
            framer.feed(bytes) { line in if let e = d.decodeLine(line, skipped: &s) { events.append(e) } }
            framer.finish { line in if let e = d.decodeLine(line, skipped: &s) { events.append(e) } }
            if framer.tooLong > 0 { s["too_long", default: 0] += framer.tooLong }
            skipped = s
        } else {
            let result = decoder.decodePayload(Data(bytes), topic: topic.map { String(cString: $0) })
            skipped.merge(result.skipped, uniquingKeysWith: +)
            ignored.merge(result.ignored, uniquingKeysWith: +)
            repaired.merge(result.repaired, uniquingKeysWith: +)
            events += result.events
        }
        if events.count >= 4096 { flush() }
    }

    /// Whether decoded events or skips wait to be handed to the sink.
    var hasPending: Bool { !events.isEmpty || !skipped.isEmpty || !ignored.isEmpty || !repaired.isEmpty }

    /// Hands the batch on when its oldest part is 20 ms old, or it holds 1,024 events.
    func flushIfDue() {
        guard hasPending else { return }
        let now = MQTTContext.monotonicSeconds()
        if batchStarted == 0 { batchStarted = now }
        if events.count >= 1024 || now - batchStarted >= 0.02 { flush() }
    }

    func flush() {
        batchStarted = 0
        sink.skipped(skipped, at: skippedTopic)
        sink.ignored(ignored)
        sink.repaired(repaired)
        skipped.removeAll()
        ignored.removeAll()
        repaired.removeAll()
        skippedTopic = nil
        if !events.isEmpty {
            sink.deliver(events)
            events.removeAll(keepingCapacity: true)
        }
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func takeConnected() -> Bool {
        defer { justConnected = false }
        return justConnected
    }

    func takeRefusal() -> String? {
        defer { refusal = nil }
        return refusal
    }
}

extension MQTTSource {
    /// `type: mqtt`: `host`, `topics` (required), `port`, `qos`, `username_env`, `password_env`,
    /// `tls`, `ca_file`, `client_id`, `clean_session`, `sensorthings_url`, `datastreams`.
    public static let kind = SourceKind(
        type: "mqtt",
        keys: ["host", "port", "topics", "qos", "username_env", "password_env", "tls", "ca_file", "client_id", "clean_session",
               "sensorthings_url", "datastreams"],
        required: ["host", "topics"]
    ) { config in
        try MQTTSource(config: config)
    }
}
