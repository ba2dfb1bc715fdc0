import Foundation
import PantauTestSupport
import XCTest

/// Telemetry through a real Mosquitto broker (persistence on) into the shared journal: sensors
/// publish numbered incidents at QoS 1, `pantau ingest` subscribes with a persistent session
/// (`clean_session: false`, a fixed client id). Stopped with SIGTERM (also mid-stream) or killed
/// with SIGKILL, messages published while it is away, restarted; the broker restarted under it
/// and while it is away: every message ends in the journal exactly once.
final class MQTTIngestEndToEndTests: XCTestCase {
    var room: CommandRoom!

    override func tearDown() {
        room?.stop()
    }

    /// On PostgreSQL (a server of the test's own); the restarts do not depend on the journal's
    /// backend, so there is no SQLite run (the command-room test covers ingest on SQLite).
    func testEveryPublishedMessageIsJournaledOnceAcrossIngestAndBrokerRestarts() throws {
        room = try CommandRoom(postgres: true)
        try room.startIngest()
        try room.publish(1...10)
        try room.waitForEntries(10)

        // SIGTERM: a clean stop; published while it is away, delivered when it is back.
        XCTAssertEqual(room.stopIngest(SIGTERM), 0, room.ingestLog)
        try room.publish(11...20)
        try room.startIngest()
        try room.waitForEntries(20)

        // SIGKILL: no chance to say goodbye; the broker keeps the session all the same.
        XCTAssertEqual(room.stopIngest(SIGKILL), SIGKILL, "killed by the signal")
        try room.publish(21...30)
        try room.startIngest()
        try room.waitForEntries(30)

        // The broker restarted (SIGTERM, as a service manager does: it saves its state) under
        // the running ingest; messages published as soon as it is back, reconnected or not.
        room.broker.terminate()
        try room.broker.start()
        try room.publish(31...40)
        try room.waitForEntries(40)

        // Both away: the ingest killed, messages queued, the broker restarted, then the ingest.
        XCTAssertEqual(room.stopIngest(SIGKILL), SIGKILL, "killed by the signal")
        try room.publish(41...50)
        room.broker.terminate()
        try room.broker.start()
        try room.startIngest()
        try room.waitForEntries(50)

        // Stopped (SIGTERM) while messages stream in (one mosquitto_pub each, from another
        // thread): what it received is appended before it exits, the broker keeps the rest.
        // (SIGKILL here loses the few received and acknowledged but not yet appended: see the
        // README's Deployments.)
        let streaming = DispatchGroup()
        let publishFailures = LockedBox<[String]>([])
        let publish = try XCTUnwrap(MosquittoBroker.binary("mosquitto_pub"))
        let (port, topic) = (room.broker.port, room.topic)
        DispatchQueue.global().async(group: streaming) {
            for n in 51...120 {
                let r = try? MosquittoBroker.run([publish, "-h", "127.0.0.1", "-p", "\(port)", "-q", "1", "-t", topic,
                                                  "-m", CommandRoom.incidentLine(n)])
                if r?.status != 0 { publishFailures.value.append("\(n): \(r?.output ?? "not run")") }
            }
        }
        try room.waitUntil("the stream's first entries") { try room.entryCount() > 55 }
        XCTAssertEqual(room.stopIngest(SIGTERM), 0, room.ingestLog)
        streaming.wait()
        XCTAssertEqual(publishFailures.value, [])
        try room.startIngest()
        try room.waitForEntries(120)

        XCTAssertEqual(room.stopIngest(SIGTERM), 0, room.ingestLog)
        try room.assertEachIncidentOnce(through: 120)
        XCTAssertEqual(try room.entryCount(), 120)
        let verify = try PantauBinary.run(["journal", "verify", "--journal", room.journal])
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.hasPrefix("120 entries, chain intact"), verify.stdout)
    }
}

/// A value shared with a background thread under a lock.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
