import PantauCore
import PantauFeeds
import XCTest

/// The replay clock with a fake wall clock: wall times are plain numbers the test advances.
final class ReplayClockTests: XCTestCase {
    private let start = RFC3339.parse("2026-11-23T00:00:00+07:00")!

    func testRunsAtItsSpeedFromTheStart() {
        let clock = ReplayClock(start: start, speed: 60, wallNow: 100)
        XCTAssertEqual(clock.feedTime(atWall: 100), start)
        XCTAssertEqual(clock.feedTime(atWall: 110), start.adding(seconds: 600))
        XCTAssertEqual(clock.wallSeconds(until: start.adding(seconds: 1200), wallNow: 110), 10)
        XCTAssertEqual(clock.wallSeconds(until: start, wallNow: 110), 0, "a time already passed is due now")
    }

    /// 86400x over a day with an event every 10 s, while ingest applies only 50 events a turn
    /// (a turn every 10 ms): the clock waits for ingest. Every event at or before the time shown
    /// is applied, the time shown never goes back, and it stops at the last event.
    func testALaggingIngestHoldsTheClockAtWhatIsApplied() {
        let events = (0..<8640).map { start.adding(seconds: Double($0 * 10)) }
        var clock = ReplayClock(start: start, speed: 86_400, wallNow: 0)
        var next = 0
        var appliedThrough: Instant?
        var lastShown = start
        var wall = 0.0
        var lagged = 0
        while !(next == events.count && clock.hasEnded(atWall: wall)) {
            let due = clock.feedTime(atWall: wall)
            var applied = 0
            while next < events.count, events[next] <= due, applied < 50 {
                appliedThrough = events[next]
                next += 1
                applied += 1
            }
            if next < events.count, events[next] <= due { lagged += 1 }
            let shown = clock.settle(appliedThrough: appliedThrough, nextEvent: next < events.count ? events[next] : nil, wallNow: wall)
            if next < events.count {
                XCTAssertLessThan(shown, events[next], "shows \(shown) before the event at \(events[next]) is applied")
            }
            XCTAssertGreaterThanOrEqual(shown, lastShown, "the clock went back")
            XCTAssertLessThanOrEqual(shown, events[events.count - 1], "the clock passed the last event")
            lastShown = shown
            wall += 0.01
            guard wall < 60 else { return XCTFail("the replay never ended; shown \(shown), \(next) events applied") }
        }
        XCTAssertGreaterThan(lagged, 100, "the test must make ingest lag")
        XCTAssertEqual(lastShown, events[events.count - 1])
        // 8640 events at 50 a turn take 173 turns: ingest set the pace, not the 1 s the speed asks for.
        XCTAssertGreaterThan(wall, 1.7)
        XCTAssertEqual(clock.feedTime(atWall: wall + 1000), events[events.count - 1], "the clock stays at the end")
    }

    func testStopsAtTheLastEventOfTheFeed() {
        let last = start.adding(seconds: 3600)
        var clock = ReplayClock(start: start, speed: 3600, wallNow: 0)
        // Everything applied; the feed has no more events; the clock has run 4 hours past.
        let shown = clock.settle(appliedThrough: last, nextEvent: nil, wallNow: 5)
        XCTAssertEqual(shown, last)
        XCTAssertEqual(clock.end, last)
        XCTAssertTrue(clock.hasEnded(atWall: 5))
        XCTAssertEqual(clock.feedTime(atWall: 500), last)
        XCTAssertNil(clock.wallSeconds(until: last.adding(seconds: 1), wallNow: 5), "a time past the end never comes")
        clock.setSpeed(60, wallNow: 6)
        XCTAssertEqual(clock.feedTime(atWall: 600), last, "a speed change does not restart it")
    }

    func testAFeedThatEndsBeforeItIsDueEndsWhenTheClockGetsThere() {
        let last = start.adding(seconds: 600)
        var clock = ReplayClock(start: start, speed: 60, wallNow: 0)
        // The reader has delivered the last event, not yet due: the feed ends at it.
        XCTAssertEqual(clock.settle(appliedThrough: start, nextEvent: last, wallNow: 0), start)
        XCTAssertFalse(clock.hasEnded(atWall: 5))
        XCTAssertEqual(clock.settle(appliedThrough: last, nextEvent: nil, wallNow: 10), last)
        XCTAssertTrue(clock.hasEnded(atWall: 10))
    }

    /// `--from` after the last event: everything was applied before the first turn; the clock
    /// stays where it started rather than going back to the last event.
    func testAStartAfterTheLastEventNeverGoesBack() {
        var clock = ReplayClock(start: start, speed: 60, wallNow: 0)
        XCTAssertEqual(clock.settle(appliedThrough: start.adding(seconds: -3600), nextEvent: nil, wallNow: 0), start)
        XCTAssertEqual(clock.feedTime(atWall: 100), start)
        XCTAssertTrue(clock.hasEnded(atWall: 0))
    }

    func testPauseAndResume() {
        var clock = ReplayClock(start: start, speed: 60, wallNow: 0)
        clock.setPaused(true, wallNow: 10)
        XCTAssertTrue(clock.isPaused)
        XCTAssertEqual(clock.feedTime(atWall: 10), start.adding(seconds: 600))
        XCTAssertEqual(clock.feedTime(atWall: 50), start.adding(seconds: 600), "paused, the clock stands")
        XCTAssertNil(clock.wallSeconds(until: start.adding(seconds: 900), wallNow: 50), "nothing comes due while paused")
        XCTAssertEqual(clock.settle(appliedThrough: start, nextEvent: start.adding(seconds: 700), wallNow: 50),
                       start.adding(seconds: 600))
        clock.setPaused(false, wallNow: 50)
        XCTAssertEqual(clock.feedTime(atWall: 60), start.adding(seconds: 1200), "it runs on from where it stood")
    }

    /// Paused while ingest lags: the clock stands where ingest got to, not where the clock was.
    func testPausedWhileIngestLagsStandsAtWhatIsApplied() {
        var clock = ReplayClock(start: start, speed: 3600, wallNow: 0)
        clock.setPaused(true, wallNow: 1)
        let applied = start.adding(seconds: 100)
        let shown = clock.settle(appliedThrough: applied, nextEvent: start.adding(seconds: 200), wallNow: 2)
        XCTAssertEqual(shown, applied)
        XCTAssertEqual(clock.feedTime(atWall: 100), applied)
    }

    func testSpeedChangesKeepTheTimeAndChangeTheRate() {
        var clock = ReplayClock(start: start, speed: 60, wallNow: 0)
        clock.setSpeed(3600, wallNow: 10)
        XCTAssertEqual(clock.feedTime(atWall: 10), start.adding(seconds: 600))
        XCTAssertEqual(clock.feedTime(atWall: 11), start.adding(seconds: 4200))
        clock.setSpeed(1e9, wallNow: 11)
        XCTAssertEqual(clock.speed, 86_400)
        clock.setSpeed(0, wallNow: 11)
        XCTAssertEqual(clock.speed, 0.01)
        XCTAssertEqual(clock.feedTime(atWall: 11), start.adding(seconds: 4200))
    }

    func testSpeedSteps() {
        let clock = ReplayClock(start: start, speed: 60, wallNow: 0)
        XCTAssertEqual(clock.steppedSpeed(faster: true), 120)
        XCTAssertEqual(clock.steppedSpeed(faster: false), 30)
        XCTAssertEqual(ReplayClock(start: start, speed: 3600, wallNow: 0).steppedSpeed(faster: true), 3600)
        XCTAssertEqual(ReplayClock(start: start, speed: 1, wallNow: 0).steppedSpeed(faster: false), 1)
        XCTAssertEqual(ReplayClock(start: start, speed: 86_400, wallNow: 0).steppedSpeed(faster: false), 3600)
    }
}
