import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import PantauFeeds
import XCTest

/// Reading threads run nicer than the thread that starts them (the consumer keeps its core),
/// and the thread that starts them is left as it was.
final class ReaderThreadTests: XCTestCase {
    private func nice() -> Int32 {
        getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    }

    func testAReadingThreadRunsNicerThanItsStarter() {
        let before = nice()
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var seen: Int32 = .min
        ReaderThread.start("pantau-test") {
            seen = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            done.signal()
        }
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(seen, min(19, before + ReaderThread.niceness))
        XCTAssertEqual(nice(), before, "the starting thread keeps its priority")
    }
}
