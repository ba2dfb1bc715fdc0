import Foundation
@testable import PantauFeeds
import XCTest

/// Against a real Mosquitto broker started on a free loopback port; skipped when the
/// `mosquitto` and `mosquitto_pub` binaries (Debian: mosquitto, mosquitto-clients) or
/// libmosquitto are not installed.
final class MQTTSourceTests: XCTestCase {
    private func which(_ name: String) -> String? {
        for dir in ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"] {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    private func startBroker(_ binary: String, port: UInt16) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["-p", "\(port)"]
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        Thread.sleep(forTimeInterval: 0.5)
        return p
    }

    private func publish(_ pub: String, port: UInt16, topic: String, _ message: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: pub)
        p.arguments = ["-h", "127.0.0.1", "-p", "\(port)", "-q", "1", "-t", topic, "-m", message]
        try p.run()
        p.waitUntilExit()
    }

    func testWithoutLibmosquittoTheSourceSaysSo() throws {
        guard case .failure(let f) = MosquittoLibrary.shared else { throw XCTSkip("libmosquitto is installed") }
        XCTAssertEqual(f.reason, "libmosquitto not installed (apt-get install libmosquitto1)")
        let h = SourceHarness(MQTTSource(name: "m", host: "127.0.0.1", topics: ["t"]))
        XCTAssertTrue(waitUntil { h.health.state.isFailing })
        XCTAssertEqual(h.health.state, .failing("libmosquitto not installed (apt-get install libmosquitto1)"))
    }

    func testSubscribesAndReconnectsAfterBrokerRestart() throws {
        guard let broker = which("mosquitto"), let pub = which("mosquitto_pub") else {
            throw XCTSkip("mosquitto and mosquitto_pub are not installed")
        }
        guard case .success = MosquittoLibrary.shared else { throw XCTSkip("libmosquitto is not installed") }
        let port = freeLoopbackPort()
        var server = try startBroker(broker, port: port)
        defer { server.terminate() }
        let h = SourceHarness(MQTTSource(name: "sensors", host: "127.0.0.1", port: Int(port), topics: ["tangerang/sensors/#"]))
        XCTAssertTrue(waitUntil { h.health.state == .live })
        try publish(pub, port: port, topic: "tangerang/sensors/pa-1", sensorLine("mq", 1))
        XCTAssertTrue(h.waitForEvents(1))

        server.terminate()
        server.waitUntilExit()
        XCTAssertTrue(waitUntil(10) { h.health.state.isFailing })
        server = try startBroker(broker, port: port)
        XCTAssertTrue(waitUntil(70) { h.health.state == .live }, "reconnects after the broker comes back")
        try publish(pub, port: port, topic: "tangerang/sensors/pa-2", sensorLine("mq", 2))
        XCTAssertTrue(h.waitForEvents(2))
        XCTAssertEqual(stations(h.events), ["mq=1", "mq=2"])
    }
}
