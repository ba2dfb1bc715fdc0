import Foundation
import PantauCore
import XCTest

/// The names `top -H` and `/proc/PID/task/*/comm` show for Pantau's threads.
final class ThreadNameTests: XCTestCase {
    func testTheNameLosesThePrefixAndIsCutToWhatTheKernelKeeps() {
        XCTAssertEqual(ThreadName.osName("pantau-decode"), "decode")
        XCTAssertEqual(ThreadName.osName("pantau-journal-follower"), "journal-followe")
        XCTAssertEqual(ThreadName.osName("source-gauges"), "source-gauges")
        XCTAssertEqual(ThreadName.osName("pantau-"), "pantau-")
        // Cut at a character, not inside one (é is 2 bytes: 14 fit, the 15th would split it).
        XCTAssertEqual(ThreadName.osName("source-sungai-é"), "source-sungai-")
        XCTAssertEqual(ThreadName.osName("source-sungaié"), "source-sungaié")
        XCTAssertEqual(ThreadName.osName("source-a\nb"), "source-a_b")
        XCTAssertLessThanOrEqual(ThreadName.osName(String(repeating: "ü", count: 40)).utf8.count, ThreadName.maxBytes)
    }

    func testAThreadNamedIsListedByTheSystemUnderThatName() {
        let named = expectation(description: "the thread ran")
        nonisolated(unsafe) var seen: String?
        let thread = Thread {
            ThreadName.setCurrent("pantau-frame")
            seen = ThreadName.current()
            named.fulfill()
        }
        thread.start()
        wait(for: [named], timeout: 30)
        XCTAssertEqual(seen, "frame")
    }
}
