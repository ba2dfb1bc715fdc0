import Foundation
@testable import PantauFeeds
import XCTest

/// The `stdin` source, reading the read end of a pipe the test writes into.
final class StdinSourceTests: XCTestCase {
    private var fds: [Int32] = [-1, -1]

    override func setUpWithError() throws {
        XCTAssertEqual(pipe(&fds), 0)
    }

    override func tearDown() {
        for fd in fds where fd >= 0 { close(fd) }
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        XCTAssertEqual(bytes.withUnsafeBytes { Foundation.write(fds[1], $0.baseAddress, $0.count) }, bytes.count)
    }

    private func closeWriter() {
        close(fds[1])
        fds[1] = -1
    }

    func testLinesAsTheyComeAndTheEndOfInput() throws {
        let h = SourceHarness(StdinSource(name: "piped", descriptor: fds[0]))
        write(sensorLine("p", 1) + "\n" + String(sensorLine("p", 2).prefix(30)))
        XCTAssertTrue(h.waitForEvents(1))
        XCTAssertEqual(h.health.state, .live)
        XCTAssertFalse(h.health.ended)
        // The rest of the split line, a bad line, a last line without a newline, then EOF.
        write(String(sensorLine("p", 2).dropFirst(30)) + "\nnot json\n" + sensorLine("p", 3))
        closeWriter()
        XCTAssertTrue(waitUntil { h.health.ended })
        h.collect()
        XCTAssertEqual(stations(h.events), ["p=1", "p=2", "p=3"])
        XCTAssertEqual(h.health.skipped, 1)
        XCTAssertEqual(h.health.state, .failing("end of input"))
        XCTAssertEqual(h.events.first?.source, "piped", "events without src get the source's name")
    }

    func testAnotherFormatIsOnePayloadReadAtTheEnd() throws {
        let h = SourceHarness(StdinSource(name: "waze", format: "waze", descriptor: fds[0]))
        write(#"{"jams":[{"uuid":"j1","street":"Jl. Daan Mogot","speedKMH":8,"level":4,"delay":300,"pubMillis":1795918800000,"#)
        write(#""line":[{"x":106.66,"y":-6.17},{"x":106.67,"y":-6.17}]}]}"#)
        closeWriter()
        XCTAssertTrue(waitUntil { h.health.ended })
        h.collect()
        XCTAssertEqual(h.events.count, 1, "the payload split over two writes is read whole")
        guard case .traffic(let t)? = h.events.first?.payload else { return XCTFail("\(h.events)") }
        XCTAssertEqual(t.road, "Jl. Daan Mogot")
    }

    func testStopEndsTheReaderWithoutEndOfInput() throws {
        let source = StdinSource(name: "piped", descriptor: fds[0])
        let h = SourceHarness(source)
        write(sensorLine("p", 1) + "\n")
        XCTAssertTrue(h.waitForEvents(1))
        h.sources.stop()
        // The reader looks at the stop at least every 250 ms: after that, nothing more is read,
        // and nothing claims the input ended (it is still open).
        Thread.sleep(forTimeInterval: 0.6)
        write(sensorLine("p", 2) + "\n")
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(stations(h.collect()), ["p=1"])
        XCTAssertFalse(h.health.ended)
    }
}
