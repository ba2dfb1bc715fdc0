import Foundation
import PantauCore
@testable import PantauFeeds
import XCTest

/// `stale_after` and `clock_skew_tolerance`: any source may set them; they are checked like
/// the other durations, at their line and column, and reach the sinks and the store.
final class SourceSettingsTests: XCTestCase {
    private func problems(_ yaml: String) -> [String] {
        do {
            _ = try SourcesFile.parseConfigured(yaml, file: "s.yaml")
            XCTFail("accepted:\n\(yaml)")
            return []
        } catch {
            return (error as? SourcesFileError)?.problems.map(\.description) ?? ["\(error)"]
        }
    }

    func testSettingsAreReadPerSourceWithDefaults() throws {
        let configured = try SourcesFile.parseConfigured("""
        sources:
          - name: waze
            type: http
            url: http://127.0.0.1:8080/waze.json
            format: waze
            every: 2m
            stale_after: 5m
            clock_skew_tolerance: 30s
          - name: gauges
            type: file
            path: /tmp/gauges.ndjson
            stale_after: 1h30m
          - name: city
            type: file
            path: /tmp/city.ndjson
        """, file: "s.yaml")
        XCTAssertEqual(configured.map(\.source.name), ["waze", "gauges", "city"])
        XCTAssertEqual(configured.map(\.settings), [
            SourceSettings(staleAfter: 300, clockSkewTolerance: 30),
            SourceSettings(staleAfter: 5400, clockSkewTolerance: 120),
            SourceSettings(),
        ])
        XCTAssertEqual(ConfiguredSource.staleLimits(of: configured), ["waze": 300, "gauges": 5400],
                       "only the sources that set one")
        XCTAssertEqual(try SourcesFile.parse("sources:\n  - {name: a, type: file, path: /x, stale_after: 168h}\n",
                                             file: "s.yaml").count, 1, "a week is the longest")
    }

    func testBadSettingsAreEachReportedAtTheirLineAndColumn() {
        XCTAssertEqual(problems("""
        sources:
          - name: waze
            type: http
            url: http://127.0.0.1:8080/waze.json
            stale_after: 0s
            clock_skew_tolerance: soon
          - name: gauges
            type: file
            path: /tmp/gauges.ndjson
            stale_after: 169h
            clock_skew_tolerance: 500ms
          - name: city
            type: file
            path: /tmp/city.ndjson
            stale_afer: 5m
        """), [
            "s.yaml:5:18: `stale_after` must be longer than zero (from 1s to 168h), not `0s`",
            "s.yaml:6:27: `clock_skew_tolerance` must be a duration such as 500ms, 6s, 5m or 1h, not `soon`",
            "s.yaml:10:18: `stale_after` must be from 1s to 168h, not `169h`",
            "s.yaml:11:27: `clock_skew_tolerance` must be from 1s to 24h, not `500ms`",
            "s.yaml:15:5: unknown key `stale_afer` for a file source; did you mean `stale_after`? (expected one of name, type, format, path, stale_after, clock_skew_tolerance)",
        ])
    }

    /// The source's tolerance, not the fixed two minutes, decides what counts as ahead.
    func testASourcesSkewToleranceReachesItsSink() throws {
        let now = Date()
        let ahead = Instant(millis: Int64(now.timeIntervalSince1970 * 1000)).adding(seconds: 60)
        let source = DeliveringSource(name: "gauges", events: [
            FeedEvent(time: ahead, payload: .sensor(SensorReading(station: "g", sensor: .waterLevel, value: 1))),
        ])
        let strict = SourceSet(configured: [ConfiguredSource(source, settings: SourceSettings(clockSkewTolerance: 30))])
        strict.start()
        defer { strict.stop() }
        XCTAssertEqual(strict.health(now: now).first?.aheadEvents, 1, "60 s ahead is past a 30 s tolerance")
        let lenient = SourceSet(configured: [ConfiguredSource(DeliveringSource(name: "gauges", events: source.events))])
        lenient.start()
        defer { lenient.stop() }
        XCTAssertEqual(lenient.health(now: now).first?.aheadEvents, 0, "within the default two minutes")
        XCTAssertEqual(lenient.health(now: now).first?.events, 1)
    }
}

/// A source that delivers its events once, at start, on the caller's thread.
private final class DeliveringSource: FeedSource, @unchecked Sendable {
    let name: String
    let type = "test"
    let format = "ndjson"
    let events: [FeedEvent]

    init(name: String, events: [FeedEvent]) {
        self.name = name
        self.events = events
    }

    func start(_ sink: SourceSink) { sink.deliver(events) }
    func stop() {}
}
