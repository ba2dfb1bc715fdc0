import PantauCore
import XCTest

/// A source that polls (HTTP every minute, a CAP index, an Open311 endpoint) delivers the same
/// records again and again: they must not add to a timeline twice.
final class RepeatedRecordTests: XCTestCase {
    let t0 = RFC3339.parse("2026-11-23T15:00:00+07:00")!

    func testTheSameIncidentRecordTwiceAddsNothing() {
        var alert = IncidentUpdate(id: "CAP-BMKG-1")
        alert.category = .weather
        alert.severity = 4
        alert.status = .new
        alert.title = "Peringatan dini cuaca"
        alert.note = "Hujan lebat disertai petir"
        var state = CityState()
        let event = FeedEvent(time: t0, source: "bmkg", payload: .incident(alert))
        state.apply(event)
        let once = state.incidents["CAP-BMKG-1"]!.timeline.entries
        state.apply(event)
        state.apply(event)
        XCTAssertEqual(state.incidents["CAP-BMKG-1"]!.timeline.entries, once)
        XCTAssertEqual(state.incidents["CAP-BMKG-1"]!.notes.count, 1)
        XCTAssertEqual(state.openIncidentCount, 1)

        // A real change still counts.
        var update = alert
        update.severity = 5
        update.note = "Diperpanjang hingga 21:00 WIB"
        state.apply(FeedEvent(time: t0.adding(seconds: 600), source: "bmkg", payload: .incident(update)))
        XCTAssertEqual(state.incidents["CAP-BMKG-1"]!.notes.count, 2)
        XCTAssertEqual(state.incidents["CAP-BMKG-1"]!.timeline.entries.count, once.count + 2)
    }

    func testTheSameTicketRecordTwiceAddsNothing() {
        var ticket = TicketUpdate(id: "311-77")
        ticket.category = "Drainase tersumbat"
        ticket.agency = "Dinas PUPR"
        ticket.status = .inProgress
        ticket.note = "Petugas menuju lokasi"
        ticket.created = t0.adding(seconds: -3600)
        var state = CityState()
        let event = FeedEvent(time: t0, source: "open311", payload: .ticket(ticket))
        state.apply(event)
        let once = state.tickets["311-77"]!.timeline.entries
        state.apply(event)
        XCTAssertEqual(state.tickets["311-77"]!.timeline.entries, once)
    }
}
