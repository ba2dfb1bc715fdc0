import Foundation
import PantauCore
import XCTest

/// The names `top -H` and `/proc/PID/task/*/comm` show for Pantau's threads.
final class NamedThreadTests: XCTestCase {
    func testTheNameLosesThePrefixAndIsCutToWhatTheKernelKeeps() {
        XCTAssertEqual(NamedThread.osName("pantau-decode"), "decode")
        XCTAssertEqual(NamedThread.osName("pantau-journal-follower"), "journal-followe")
        XCTAssertEqual(NamedThread.osName("source-gauges"), "source-gauges")
        XCTAssertEqual(NamedThread.osName("pantau-"), "pantau-")
        // Cut at a character, not inside one (é is 2 bytes: 14 fit, the 15th would split it).
        XCTAssertEqual(NamedThread.osName("source-sungai-é"), "source-sungai-")
        XCTAssertEqual(NamedThread.osName("source-sungaié"), "source-sungaié")
        XCTAssertEqual(NamedThread.osName("source-a\nb"), "source-a_b")
        XCTAssertLessThanOrEqual(NamedThread.osName(String(repeating: "ü", count: 40)).utf8.count, NamedThread.maxBytes)
    }

    func testANamedThreaddIsListedByTheSystemUnderThatName() {
        let named = expectation(description: "the thread ran")
        nonisolated(unsafe) var seen: String?
        let thread = Thread {
            NamedThread.setCurrent("pantau-frame")
            seen = NamedThread.current()
            named.fulfill()
        }
        thread.start()
        wait(for: [named], timeout: 30)
        XCTAssertEqual(seen, "frame")
    }
}
