import Foundation
import PantauCore
import PantauFeeds
@testable import PantauJournal
import XCTest

/// A scratch directory per test, and simulated feed events to journal.
class JournalTestCase: XCTestCase {
    private(set) var directory = ""

    override func setUpWithError() throws {
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("pantau-journal-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A path in the scratch directory.
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    static let start = RFC3339.parse("2026-11-23T06:00:00+07:00")!

    /// Simulated events (seed 3) from 06:00 WIB.
    static func events(hours: Double = 2) -> [FeedEvent] {
        var out: [FeedEvent] = []
        CitySimulator(seed: 3, start: start, hours: hours).run { out.append($0) }
        return out
    }

    /// `count` entries journaled in batches of 10, each batch a second after the one before.
    func journal(at name: String, entries count: Int) throws -> SQLiteJournal {
        let journal = try SQLiteJournal(path: path(name))
        let events = Array(Self.events().prefix(count))
        XCTAssertEqual(events.count, count)
        var i = 0
        while i < events.count {
            _ = try journal.append(Array(events[i..<min(events.count, i + 10)]), recordedAt: Self.start.adding(seconds: Double(i)))
            i += 10
        }
        return journal
    }
}
