import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import PantauReport
import PantauSession
import PantauUI
import XCTest

/// A journal written by a session over a feed reports as the feed does.
final class JournalReportTests: XCTestCase {
    func testAJournalWrittenByASessionOverAFeedGivesTheFeedsReport() throws {
        let lines = try ShiftScenario.lines()
        let journal = try SQLiteJournal.temporary()
        defer { journal.close() }
        let session = Session(layout: try XCTUnwrap(try ShippedLayouts.named("command-center")), journal: journal)
        let decoder = FeedLineDecoder()
        var batch: [FeedEvent] = []
        func flush() {
            if !batch.isEmpty { session.update(.events(batch)) }
            batch = []
        }
        for line in lines {
            if case .event(let e) = decoder.decode(line) {
                batch.append(e)
                if batch.count == 500 { flush() }
            }
        }
        flush()
        XCTAssertEqual(try journal.lastSequence(), Int64(lines.count - 1), "every line but the bad one")

        let fromJournal = ReportBuilder()
        try fromJournal.read(journal, batch: 1_000)
        var journalReport = fromJournal.finish()
        let feedReport = try ReportFixtures.report(lines: lines)
        XCTAssertEqual(feedReport.skippedLines, 1)
        XCTAssertEqual(journalReport.skippedLines, 0, "the session journals no bad line")
        journalReport.skippedLines = feedReport.skippedLines
        XCTAssertEqual(journalReport, feedReport)
        XCTAssertEqual(MarkdownReportRenderer.render(journalReport), MarkdownReportRenderer.render(feedReport))
        // The exercise marking went through the journal's encoder and back.
        XCTAssertEqual(journalReport.exercise.incidents, 2)
    }
}
