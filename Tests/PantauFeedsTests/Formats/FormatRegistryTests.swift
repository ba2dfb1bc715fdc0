import Foundation
import PantauCore
import PantauFeeds
import XCTest

/// The registry, the summary line, and every format against hostile payloads.
final class FormatRegistryTests: XCTestCase {
    func testRegistryListsEveryFormatOnce() {
        XCTAssertEqual(FormatRegistry.names, ["ndjson", "cap", "open311", "waze", "sensorthings", "ngsi-ld", "bmkg-gempa", "petabencana"])
        XCTAssertEqual(Set(FormatRegistry.names).count, FormatRegistry.names.count)
        for name in FormatRegistry.names {
            XCTAssertNotNil(FormatRegistry.format(named: name), name)
        }
        XCTAssertNotNil(FormatRegistry.format(named: "WAZE"))
        XCTAssertNil(FormatRegistry.format(named: "gtfs-rt"))
    }

    func testEveryFormatCountsHostilePayloadsWithoutCrashing() {
        for type in FormatRegistry.all {
            let format = type.init()
            for (label, payload) in FormatTestSupport.hostilePayloads {
                let r = format.convert(payload, context: FormatTestSupport.context)
                XCTAssertTrue(r.events.isEmpty || label == "wrong types", "\(type.name) / \(label): \(r.events.count) events")
                XCTAssertGreaterThan(r.skippedTotal, 0, "\(type.name) / \(label) is counted as skipped")
            }
            let html = format.convert(FormatTestSupport.hostilePayloads[2].1, context: FormatTestSupport.context)
            XCTAssertEqual(html.skipped["html_error_page"], 1, "\(type.name): \(html.skipped)")
            let empty = format.convert(Data(), context: FormatTestSupport.context)
            XCTAssertEqual(empty.skipped["empty_payload"], 1, "\(type.name): \(empty.skipped)")
        }
    }

    func testSummaryLine() {
        var r = FormatResult()
        r.events = [
            FeedEvent(time: FormatTestSupport.now, payload: .incident(IncidentUpdate(id: "a"))),
            FeedEvent(time: FormatTestSupport.now, payload: .incident(IncidentUpdate(id: "b"))),
            FeedEvent(time: FormatTestSupport.now, payload: .traffic(TrafficUpdate(segment: "s", road: "r"))),
        ]
        r.skip("missing_id", count: 2)
        r.skip("not_an_object")
        XCTAssertEqual(r.summary, "converted 3 events (1 traffic, 2 incidents); skipped 3: missing_id 2, not_an_object 1")
        r.ignore("irregularity", count: 3)
        r.ignore("jam_alert")
        XCTAssertEqual(r.skippedTotal, 3, "ignored records are not bad input")
        XCTAssertEqual(r.summary, "converted 3 events (1 traffic, 2 incidents); skipped 3: missing_id 2, not_an_object 1; ignored 4: irregularity 3, jam_alert 1")
        r.links = [URL(string: "https://example.org/a.xml")!]
        XCTAssertTrue(r.summary.hasSuffix("index with 1 alert link; fetch them with an http source"), r.summary)
        XCTAssertEqual(FormatResult().summary, "converted 0 events; skipped 0")
    }

    func testEventsInTimeOrderIsStable() {
        let t0 = FormatTestSupport.now
        var r = FormatResult()
        r.events = [
            FeedEvent(time: t0.adding(seconds: 60), payload: .incident(IncidentUpdate(id: "late"))),
            FeedEvent(time: t0, payload: .incident(IncidentUpdate(id: "first"))),
            FeedEvent(time: t0, payload: .incident(IncidentUpdate(id: "second"))),
        ]
        XCTAssertEqual(r.eventsInTimeOrder.compactMap { FormatTestSupport.incident($0)?.id }, ["first", "second", "late"])
    }
}
