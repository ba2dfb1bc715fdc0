import Foundation
import PantauCore
@testable import PantauFeeds
import PantauTestSupport
import XCTest

/// Against a real Mosquitto broker (Debian's `mosquitto`) started on a free loopback port and
/// killed after each test; messages are published with `mosquitto_pub -q 1`. Skipped when
/// `mosquitto`, `mosquitto_pub` (Debian: mosquitto, mosquitto-clients) or libmosquitto are not
/// installed; the README's test command (`.ci/test`) installs them.
final class MQTTSourceTests: XCTestCase {
    private var brokers: [MosquittoBroker] = []
    private var harnesses: [SourceHarness] = []
    private var variables: [String] = []

    override func tearDownWithError() throws {
        for h in harnesses { h.sources.stop() }
        harnesses.removeAll()
        for b in brokers { b.stop() }
        brokers.removeAll()
        for v in variables { unsetenv(v) }
        variables.removeAll()
    }

    private func requireMosquitto(_ extra: String...) throws {
        for name in ["mosquitto", "mosquitto_pub"] + extra where MosquittoBroker.binary(name) == nil {
            throw XCTSkip("\(name) not installed (Debian: apt-get install mosquitto mosquitto-clients)")
        }
        if case .failure(let f) = MosquittoLibrary.shared { throw XCTSkip(f.reason) }
    }

    private func broker(config: [String] = ["allow_anonymous true"]) throws -> MosquittoBroker {
        let b = try MosquittoBroker(config: config)
        brokers.append(b)
        return b
    }

    private func harness(_ source: MQTTSource) -> SourceHarness {
        let h = SourceHarness(source)
        harnesses.append(h)
        return h
    }

    private func setEnvironment(_ name: String, _ value: String) {
        setenv(name, value, 1)
        variables.append(name)
    }

    /// Waits for `state` (up to 30 s: a loaded machine), failing with what the health was.
    private func waitFor(_ h: SourceHarness, _ what: String, timeout: Double = 30,
                         file: StaticString = #filePath, line: UInt = #line, _ condition: (SourceHealth) -> Bool) {
        if !waitUntil(timeout, { condition(h.health) }) {
            XCTFail("timed out waiting for \(what); health: \(h.health.state), skipped \(h.health.skipped)",
                    file: file, line: line)
        }
    }

    /// Runs everywhere, libmosquitto installed or not: the loader is asked for a file name that
    /// no machine has, which is what every name looks like on a machine without the library.
    func testWithoutLibmosquittoTheSourceSaysSo() throws {
        let absent: @Sendable () -> Result<MosquittoLibrary, MosquittoLibrary.LoadFailure> = {
            MosquittoLibrary.load(names: ["libmosquitto-absent-for-pantau-tests.so.1"])
        }
        guard case .failure(let f) = absent() else { return XCTFail("a library that does not exist was loaded") }
        XCTAssertEqual(f.reason, "libmosquitto not installed (apt-get install libmosquitto1)")
        let h = harness(MQTTSource(name: "m", host: "127.0.0.1", topics: ["t"], library: absent))
        XCTAssertTrue(waitUntil { h.health.state.isFailing })
        XCTAssertEqual(h.health.state, .failing("libmosquitto not installed (apt-get install libmosquitto1)"))
    }

    func testDeliversFeedLinesAndCountsBadPayloadsWithoutEnding() throws {
        try requireMosquitto()
        let b = try broker()
        try b.start()
        let h = harness(MQTTSource(name: "sensors", host: "127.0.0.1", port: Int(b.port), topics: ["tangerang/sensors/#", "tangerang/other"]))
        waitFor(h, "live (subscribed)") { $0.state == .live }

        // Three messages of one line each, then one message of two lines.
        try b.publish(topic: "tangerang/sensors/pa-1", lines: [sensorLine("mq", 1), sensorLine("mq", 2), sensorLine("mq", 3)])
        try b.publish(topic: "tangerang/sensors/pa-2", message: sensorLine("mq", 4) + "\n" + sensorLine("mq", 5) + "\n")
        XCTAssertTrue(h.waitForEvents(5), "got \(stations(h.events))")
        XCTAssertEqual(stations(h.events), ["mq=1", "mq=2", "mq=3", "mq=4", "mq=5"])
        XCTAssertEqual(h.events.first?.source, "sensors")
        XCTAssertEqual(h.health.skipped, 0)

        // Bad payloads: an HTML error page (4 non-blank lines), truncated JSON, wrong types, a
        // missing field. Each is counted; the source stays live.
        let html = "<html>\n<head><title>502 Bad Gateway</title></head>\n\n<body><h1>502 Bad Gateway</h1></body>\n</html>\n"
        try b.publish(topic: "tangerang/sensors/pa-1", message: html)
        try b.publish(topic: "tangerang/sensors/pa-1", lines: [
            String(sensorLine("mq", 6).prefix(40)),
            "{\"v\":1,\"ts\":\"2026-11-23T07:00:00+07:00\",\"kind\":\"sensor\",\"station\":\"mq\",\"sensor\":\"rainfall\",\"value\":\"lots\"}",
            "{\"v\":1,\"ts\":\"2026-11-23T07:00:00+07:00\",\"kind\":\"sensor\",\"sensor\":\"rainfall\",\"value\":3}",
            "[1,2,3]",
        ])
        try b.publish(topic: "tangerang/other", lines: [sensorLine("other", 7)])
        XCTAssertTrue(h.waitForEvents(6), "got \(stations(h.events))")
        XCTAssertEqual(stations(h.events), ["mq=1", "mq=2", "mq=3", "mq=4", "mq=5", "other=7"])
        waitFor(h, "8 skipped") { $0.skipped == 8 }
        XCTAssertEqual(h.health.skipReasons.values.reduce(0, +), 8)
        XCTAssertEqual(h.health.skipReasons["invalid_json"], 6, "4 HTML lines, a cut line, an array: \(h.health.skipReasons)")
        XCTAssertEqual(h.health.firstSkips, ["tangerang/sensors/pa-1"], "the topic of the bad messages")
        XCTAssertTrue(h.health.skipSummary.contains("(tangerang/sensors/pa-1)"), h.health.skipSummary)
        XCTAssertEqual(h.health.ignored, 0)
        XCTAssertEqual(h.health.state, .live)
        XCTAssertFalse(h.health.ended)
        XCTAssertEqual(h.health.errorCount, 0)
    }

    func testReconnectsAfterTheBrokerIsKilledAndRestarted() throws {
        try requireMosquitto()
        let b = try broker()
        try b.start()
        let h = harness(MQTTSource(name: "sensors", host: "127.0.0.1", port: Int(b.port), topics: ["tangerang/sensors/#"]))
        waitFor(h, "live") { $0.state == .live }
        try b.publish(topic: "tangerang/sensors/pa-1", lines: [sensorLine("mq", 1)])
        XCTAssertTrue(h.waitForEvents(1))

        b.kill()
        waitFor(h, "failing after the broker was killed") { $0.state.isFailing }
        let down = h.health
        guard case .failing(let reason) = down.state else { return }
        XCTAssertTrue(reason.hasPrefix("connection lost: ") || reason.hasPrefix("cannot connect to 127.0.0.1:\(b.port)"), reason)
        XCTAssertGreaterThanOrEqual(down.errorCount, 1)
        XCTAssertFalse(down.ended)

        try b.start() // the same port
        waitFor(h, "live again after the broker came back", timeout: 15) { $0.state == .live }
        try b.publish(topic: "tangerang/sensors/pa-2", lines: [sensorLine("mq", 2), sensorLine("mq", 3)])
        XCTAssertTrue(h.waitForEvents(3), "got \(stations(h.events))")
        XCTAssertEqual(stations(h.events), ["mq=1", "mq=2", "mq=3"])
    }

    func testUsernameAndPasswordComeFromTheNamedEnvironmentVariables() throws {
        try requireMosquitto("mosquitto_passwd")
        let b = try broker(config: [])
        let passwords = try b.passwordFile(user: "dishub", password: "s3cret pass")
        // Anonymous clients are refused: only the password file's user gets in.
        b.config = ["allow_anonymous false", "password_file \(passwords)"]
        try b.start()

        setEnvironment("PANTAU_TEST_MQTT_USER", "dishub")
        setEnvironment("PANTAU_TEST_MQTT_PASSWORD", "s3cret pass")
        setEnvironment("PANTAU_TEST_MQTT_WRONG", "guess")
        let good = harness(MQTTSource(name: "good", host: "127.0.0.1", port: Int(b.port), topics: ["t/#"],
                                      usernameEnv: "PANTAU_TEST_MQTT_USER", passwordEnv: "PANTAU_TEST_MQTT_PASSWORD"))
        let wrong = harness(MQTTSource(name: "wrong", host: "127.0.0.1", port: Int(b.port), topics: ["t/#"],
                                       usernameEnv: "PANTAU_TEST_MQTT_USER", passwordEnv: "PANTAU_TEST_MQTT_WRONG"))
        let anonymous = harness(MQTTSource(name: "anonymous", host: "127.0.0.1", port: Int(b.port), topics: ["t/#"]))
        let unset = harness(MQTTSource(name: "unset", host: "127.0.0.1", port: Int(b.port), topics: ["t/#"],
                                       usernameEnv: "PANTAU_TEST_MQTT_NOBODY"))

        waitFor(good, "live with the password") { $0.state == .live }
        try b.publish(topic: "t/1", lines: [sensorLine("auth", 1)],
                               extra: ["-u", "dishub", "-P", "s3cret pass"])
        XCTAssertTrue(good.waitForEvents(1))
        XCTAssertEqual(stations(good.events), ["auth=1"])

        waitFor(wrong, "refused with the wrong password") { $0.state.isFailing }
        XCTAssertTrue("\(wrong.health.state)".hasPrefix("failing: broker refused: "), "\(wrong.health.state)")
        XCTAssertFalse(wrong.health.ended, "a refusal is retried")
        waitFor(anonymous, "refused without a username") { $0.state.isFailing }
        XCTAssertTrue("\(anonymous.health.state)".hasPrefix("failing: broker refused: "), "\(anonymous.health.state)")
        waitFor(unset, "ended without the variable") { $0.ended }
        XCTAssertEqual(unset.health.state, .failing("environment variable PANTAU_TEST_MQTT_NOBODY is not set"))
        XCTAssertTrue(wrong.collect().isEmpty && anonymous.collect().isEmpty)
    }

    /// `tls: true` with `ca_file`: a broker with a self-signed certificate made by `openssl req`.
    func testTLSVerifiesTheBrokerAgainstTheCAFile() throws {
        try requireMosquitto("openssl")
        let b = try broker(config: [])
        let cert = "\(b.dir)/cert.pem", key = "\(b.dir)/key.pem"
        let r = try MosquittoBroker.run([MosquittoBroker.binary("openssl")!, "req", "-x509", "-newkey", "ec",
                                         "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                                         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                                         "-keyout", key, "-out", cert])
        guard r.status == 0 else { throw XCTSkip("openssl req could not make a certificate: \(r.output)") }
        b.config = ["allow_anonymous true", "certfile \(cert)", "keyfile \(key)"]
        try b.start()

        let trusted = harness(MQTTSource(name: "tls", host: "127.0.0.1", port: Int(b.port), topics: ["t/#"],
                                         tls: true, caFile: cert))
        // The system's CAs do not know the self-signed certificate.
        let untrusted = harness(MQTTSource(name: "untrusted", host: "127.0.0.1", port: Int(b.port), topics: ["t/#"],
                                           tls: true))
        waitFor(trusted, "live over TLS") { $0.state == .live }
        try b.publish(topic: "t/1", lines: [sensorLine("tls", 1)], extra: ["--cafile", cert])
        XCTAssertTrue(trusted.waitForEvents(1))
        XCTAssertEqual(stations(trusted.events), ["tls=1"])
        waitFor(untrusted, "failing: certificate not trusted") { $0.state.isFailing }
        // The handshake fails in connect or in the first loop turns: either way it is no lost connection.
        XCTAssertEqual("\(untrusted.health.state)", "failing: cannot connect to 127.0.0.1:\(b.port): A TLS error occurred.")
        XCTAssertTrue(untrusted.collect().isEmpty)
    }

    func testSourcesFileReadsTheMQTTOptions() throws {
        // `ca_file` must exist when the file is read.
        let ca = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-ca-\(UUID().uuidString).pem").path
        try "-----BEGIN CERTIFICATE-----\n".write(toFile: ca, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: ca) }
        let file = """
        sources:
          - name: sensors
            type: mqtt
            host: broker.local
            topics: ["a/#", "b"]
            qos: 0
            username_env: U
            password_env: P
            tls: true
            ca_file: \(ca)
            client_id: room-1
        """
        let sources = try SourcesFile.parse(file, file: "sources.yaml")
        let s = try XCTUnwrap(sources.first as? MQTTSource)
        XCTAssertEqual(s.host, "broker.local")
        XCTAssertEqual(s.port, 8883, "TLS defaults to 8883")
        XCTAssertEqual(s.topics, ["a/#", "b"])
        XCTAssertEqual(s.qos, 0)
        XCTAssertEqual(s.usernameEnv, "U")
        XCTAssertEqual(s.passwordEnv, "P")
        XCTAssertTrue(s.tls)
        XCTAssertEqual(s.caFile, ca)
        XCTAssertEqual(s.clientID, "room-1")
    }
    /// `clean_session: false`: the broker (persistence on, restarted with SIGTERM as a service
    /// manager would) keeps what is published while Pantau is away, whether the source was
    /// stopped and started again or the broker restarted under it; nothing is lost. While the
    /// broker is down the wait between attempts stays within a few seconds, so the source is
    /// back soon after the broker.
    func testPersistentSessionLosesNothingAcrossBrokerAndPantauRestarts() throws {
        try requireMosquitto()
        let b = try broker()
        b.persistent = true
        try b.start()
        let id = "pantau-test-\(UUID().uuidString.prefix(8))"
        func source() -> MQTTSource {
            MQTTSource(name: "sensors", host: "127.0.0.1", port: Int(b.port), topics: ["tangerang/sensors/#"],
                       clientID: id, cleanSession: false)
        }
        let first = harness(source())
        waitFor(first, "live (subscribed)") { $0.state == .live }
        try b.publish(topic: "tangerang/sensors/a", lines: [sensorLine("p", 1)])
        XCTAssertTrue(first.waitForEvents(1))

        // Pantau away: the source stopped; meanwhile messages, and a broker restart.
        first.sources.stop()
        XCTAssertTrue(waitUntil { b.log.contains("Client \(id) disconnected") }, "broker log:\n\(b.log)")
        try b.publish(topic: "tangerang/sensors/a", lines: [sensorLine("p", 2), sensorLine("p", 3)])
        b.terminate()
        try b.start()
        try b.publish(topic: "tangerang/sensors/b", lines: [sensorLine("p", 4)])
        let second = harness(source())
        XCTAssertTrue(second.waitForEvents(3), "got \(stations(second.events))")
        waitFor(second, "live after the queued messages") { $0.state == .live }

        // The broker restarted under the running source: a long outage, then messages published
        // as soon as it is back, whether or not the source has reconnected yet.
        let errorsBefore = second.health.errorCount
        b.terminate()
        waitFor(second, "five failed attempts while the broker is down") { $0.errorCount >= errorsBefore + 5 }
        XCTAssertLessThanOrEqual(second.health.retryIn ?? 99, MQTTSource.reconnectCap, "the wait is capped for MQTT")
        try b.start()
        try b.publish(topic: "tangerang/sensors/a", lines: [sensorLine("p", 5), sensorLine("p", 6)])
        XCTAssertTrue(second.waitForEvents(5), "got \(stations(second.events))")
        waitFor(second, "live again") { $0.state == .live }
        // QoS 1 is "at least once": a message whose PUBACK was still on its way when the broker
        // stopped is delivered again (with DUP set); nothing may be missing, and in order.
        let got = stations(second.collect())
        var firstSeen: [String] = []
        for s in got where !firstSeen.contains(s) { firstSeen.append(s) }
        XCTAssertEqual(firstSeen, ["p=2", "p=3", "p=4", "p=5", "p=6"], "got \(got)")
        XCTAssertEqual(stations(first.collect()), ["p=1"])
    }

    /// The default, a clean session, keeps nothing for a source that is away (the contrast
    /// that shows the test above is not passing by accident).
    func testCleanSessionKeepsNothingWhileAway() throws {
        try requireMosquitto()
        let b = try broker()
        try b.start()
        let id = "pantau-test-\(UUID().uuidString.prefix(8))"
        func source() -> MQTTSource {
            MQTTSource(name: "sensors", host: "127.0.0.1", port: Int(b.port), topics: ["t/#"], clientID: id)
        }
        let first = harness(source())
        waitFor(first, "live (subscribed)") { $0.state == .live }
        first.sources.stop()
        XCTAssertTrue(waitUntil { b.log.contains("Client \(id) disconnected") }, "broker log:\n\(b.log)")
        try b.publish(topic: "t/a", lines: [sensorLine("gone", 1)])
        let second = harness(source())
        waitFor(second, "live (subscribed)") { $0.state == .live }
        try b.publish(topic: "t/a", lines: [sensorLine("kept", 2)])
        XCTAssertTrue(second.waitForEvents(1))
        XCTAssertEqual(stations(second.events), ["kept=2"])
    }

    func testSourcesFileReadsThePersistentSessionOptions() throws {
        let sources = try SourcesFile.parse("""
        sources:
          - { name: room, type: mqtt, host: h, topics: [a], clean_session: false }
          - { name: fixed, type: mqtt, host: h, topics: [a], clean_session: false, client_id: pantau-room-1 }
          - { name: clean, type: mqtt, host: h, topics: [a] }
        """, file: "s.yaml")
        let room = try XCTUnwrap(sources[0] as? MQTTSource)
        XCTAssertFalse(room.cleanSession)
        XCTAssertEqual(room.qos, 1)
        let id = room.effectiveClientID
        XCTAssertTrue(id.hasPrefix("pantau-") && id.hasSuffix("-room") && id.count > "pantau--room".count, id)
        XCTAssertEqual(id, room.effectiveClientID, "stable: the same id at every connect")
        XCTAssertFalse(id.contains("\(getpid())"), "not tied to this process")
        XCTAssertEqual((sources[1] as? MQTTSource)?.effectiveClientID, "pantau-room-1")
        let clean = try XCTUnwrap(sources[2] as? MQTTSource)
        XCTAssertTrue(clean.cleanSession)
        XCTAssertEqual(clean.effectiveClientID, "pantau-clean-\(getpid())")
        XCTAssertThrowsError(try SourcesFile.parse("sources:\n  - {name: q, type: mqtt, host: h, topics: [a], clean_session: false, qos: 0}\n",
                                                   file: "q.yaml")) { error in
            XCTAssertEqual("\(error)", "q.yaml:2:76: `qos: 0` with `clean_session: false`: a broker keeps only QoS 1 and 2 messages for a persistent session; use qos 1")
        }
    }
    /// The reconnect waits: capped at a few seconds, started over when the broker accepts a
    /// connection, but not when the previous one was dropped at once (flapping).
    func testReconnectWaitsAreCappedAndStartOverOnAcceptance() {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var b = ReconnectBackoff(initial: 0.5, cap: MQTTSource.reconnectCap)
        let outage = (0..<10).map { b.failed(at: t0.addingTimeInterval(Double($0))) }
        XCTAssertTrue(outage.allSatisfy { $0 <= 5 }, "\(outage)")
        XCTAssertGreaterThanOrEqual(outage.last!, 2.5, "grown to the cap during a long outage")
        // The broker is back and the connection holds: the next loss is retried at once.
        b.accepted(at: t0.addingTimeInterval(20))
        XCTAssertLessThanOrEqual(b.failed(at: t0.addingTimeInterval(80)), 0.5)
        // A broker (or a client with the same id) that drops each connection at once: the
        // waits keep growing instead of starting over at every acceptance.
        var flapping: [Double] = []
        for k in 0..<8 {
            let at = t0.addingTimeInterval(100 + Double(k) * 10)
            b.accepted(at: at)
            flapping.append(b.failed(at: at.addingTimeInterval(0.05)))
        }
        XCTAssertGreaterThanOrEqual(flapping.last!, 2.5, "\(flapping)")
        // A connection that stays up again starts them over.
        b.accepted(at: t0.addingTimeInterval(300))
        _ = b.failed(at: t0.addingTimeInterval(400))
        b.accepted(at: t0.addingTimeInterval(401))
        XCTAssertLessThanOrEqual(b.failed(at: t0.addingTimeInterval(500)), 0.5)
    }
}
