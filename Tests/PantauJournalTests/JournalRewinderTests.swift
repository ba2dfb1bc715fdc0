import Foundation
import PantauCore
import PantauFeeds
@testable import PantauJournal
import XCTest

/// The rewinder keeps the checkpoints' marks it read; a journal that grows after (entries and a
/// checkpoint past them, as a live console writes) still gives, at every moment before and
/// after, the state ``JournalFold`` rebuilds.
final class JournalRewinderTests: JournalTestCase {
    func testAJournalGrowingWhileRewoundGivesTheFoldsStateEverywhere() throws {
        let events = Self.events(hours: 2)
        XCTAssertGreaterThan(events.count, 400)
        let half = events.count / 2
        let times = events.map(\.time)
        for journal in [try SQLiteJournal(path: path("r.sqlite")) as any Journal, InMemoryJournal()] {
            var state = CityState()
            func write(_ range: Range<Int>) throws {
                _ = try journal.append(Array(events[range]), at: Array(times[range]), recordedAt: Self.start)
                for i in range {
                    state.sweep(asOf: times[i])
                    state.apply(events[i])
                }
                try journal.saveCheckpoint(JournalCheckpoint(sequence: Int64(range.upperBound), state: state, at: times[range.upperBound - 1]))
            }
            try write(0..<half / 2)
            try write(half / 2..<half)
            let rewinder = JournalRewinder(journal: journal, base: CityState())
            func check(_ time: Instant) throws {
                let expected = try JournalFold.state(at: time, from: journal, base: CityState())
                XCTAssertEqual(try rewinder.state(at: time).canonicalEncoding(), try expected.canonicalEncoding(),
                               "\(type(of: journal)) at \(time)")
            }
            for i in [half - 1, 10, half / 2 + 3] { try check(times[i]) }
            // More entries and a checkpoint past the marks read: moments past them, then back.
            try write(half..<events.count - 5)
            for i in [events.count - 6, half + 7, 3, events.count - 20] { try check(times[i]) }
        }
    }
}
