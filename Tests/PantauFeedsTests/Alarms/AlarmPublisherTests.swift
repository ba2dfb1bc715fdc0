import Foundation
@testable import PantauFeeds
import PantauTestSupport
import XCTest

/// Against the real Mosquitto broker the MQTT source's tests use; skipped when `mosquitto`,
/// `mosquitto_sub` or libmosquitto are not installed (`.ci/test` installs them).
final class AlarmPublisherTests: XCTestCase {
    private let line = #"{"v":1,"kind":"alarm","ts":"2026-11-23T14:52:00+07:00","id":"alarm-siaga2-pa10-1795420320","rule":"siaga2","state":"raised","severity":4,"subject":"pa10","title":"Pintu Air Sepuluh at Siaga 2","value":212.5,"level":"Siaga 2"}"#

    private func requireMosquitto() throws {
        for name in ["mosquitto", "mosquitto_sub"] where MosquittoBroker.binary(name) == nil {
            throw XCTSkip("\(name) not installed (Debian: apt-get install mosquitto mosquitto-clients)")
        }
        if case .failure(let f) = MosquittoLibrary.shared { throw XCTSkip(f.reason) }
    }

    func testASubscriberReceivesTheAlarmLine() throws {
        try requireMosquitto()
        let broker = try MosquittoBroker()
        defer { broker.stop() }
        try broker.start()
        let received = "\(broker.dir)/received"
        // One message at QoS 1, then it exits.
        let sub = try MosquittoBroker.spawn([MosquittoBroker.binary("mosquitto_sub")!, "-h", "127.0.0.1", "-p", "\(broker.port)",
                                             "-q", "1", "-t", "tangerang/alarms/#", "-C", "1"], output: received)
        defer {
            kill(sub, SIGKILL)
            var status: Int32 = 0
            waitpid(sub, &status, 0)
        }
        XCTAssertTrue(waitUntil { broker.log.contains("Received SUBSCRIBE") }, "the subscriber is subscribed:\n\(broker.log)")
        let reports = Reports()
        let publisher = AlarmPublisher(host: "127.0.0.1", port: Int(broker.port), report: reports.add)
        defer { publisher.stop() }
        publisher.publish(line, topic: "tangerang/alarms/siaga2", alarmID: "alarm-siaga2-pa10-1795420320")
        XCTAssertTrue(waitUntil { (try? String(contentsOfFile: received, encoding: .utf8)) == line + "\n" },
                      "received: \((try? String(contentsOfFile: received, encoding: .utf8)) ?? "nothing")")
        XCTAssertTrue(waitUntil { !reports.all.isEmpty })
        XCTAssertEqual(reports.all, ["alarm alarm-siaga2-pa10-1795420320 published to tangerang/alarms/siaga2"])
        XCTAssertTrue(broker.log.contains("q1"), "published at QoS 1:\n\(broker.log)")
    }

    /// Nobody listening: said once, and the message is kept and sent when the broker comes.
    func testABrokerThatComesLaterStillGetsTheAlarm() throws {
        try requireMosquitto()
        let broker = try MosquittoBroker()
        defer { broker.stop() }
        let reports = Reports()
        let publisher = AlarmPublisher(host: "127.0.0.1", port: Int(broker.port), report: reports.add)
        defer { publisher.stop() }
        publisher.publish(line, topic: "alarms", alarmID: "a1")
        XCTAssertTrue(waitUntil { reports.all.contains { $0.hasPrefix("alarm not published yet: cannot connect to 127.0.0.1:\(broker.port)") } },
                      "\(reports.all)")
        try broker.start()
        XCTAssertTrue(waitUntil(60) { reports.all.contains("alarm a1 published to alarms") }, "\(reports.all)")
        XCTAssertEqual(reports.all.filter { $0.hasPrefix("alarm not published yet") }.count, 1, "said once: \(reports.all)")
    }

    func testWithoutLibmosquittoThePublisherSaysSo() throws {
        let reports = Reports()
        let publisher = AlarmPublisher(host: "127.0.0.1", port: 1883, report: reports.add,
                                       library: { MosquittoLibrary.load(names: ["libmosquitto-absent.so.9"]) })
        publisher.publish(line, topic: "alarms", alarmID: "a1")
        XCTAssertTrue(waitUntil { !reports.all.isEmpty })
        XCTAssertEqual(reports.all, ["alarm not published: libmosquitto not installed (apt-get install libmosquitto1)"])
    }

    func testBrokerAddresses() throws {
        func parsed(_ url: String) -> String {
            switch AlarmPublisher.broker(url) {
            case .success(let b): return "\(b.host) \(b.port)"
            case .failure(let e): return e.description
            }
        }
        XCTAssertEqual(parsed("mqtt://broker.local:1884"), "broker.local 1884")
        XCTAssertEqual(parsed("mqtt://10.0.0.5"), "10.0.0.5 1883")
        XCTAssertEqual(parsed("mqtt://[::1]:1883"), "::1 1883")
        XCTAssertEqual(parsed("tcp://broker:1883"), "`tcp://broker:1883` is not an MQTT broker: write mqtt://HOST:PORT")
        XCTAssertEqual(parsed("mqtt://broker:99999"), "`mqtt://broker:99999`: the port must be a number from 1 to 65535")
        XCTAssertEqual(parsed("mqtt://:1883"), "`mqtt://:1883` names no host: write mqtt://HOST:PORT")
    }
}

private final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
    func add(_ line: String, failed: Bool) {
        lock.lock()
        lines.append(line)
        if failed != !line.contains(" published to ") { lines.append("failure flag wrong for: \(line)") }
        lock.unlock()
    }
}
