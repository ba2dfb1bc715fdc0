import Foundation
import PantauCore
import PantauFeeds
import XCTest

/// `open311`: GeoReport v2 service requests → tickets.
final class Open311FormatTests: XCTestCase {
    static let json = """
    [
      {"service_request_id": "LAKSA-0042", "status": "open", "status_notes": "Diteruskan ke Dinas PUPR",
       "service_name": "Jalan rusak", "service_code": "101", "description": "Lubang besar depan pasar",
       "agency_responsible": "Dinas PUPR", "requested_datetime": "2026-11-23T09:03:00+07:00",
       "updated_datetime": "2026-11-23T10:00:00+07:00", "expected_datetime": "2026-11-26T09:03:00+07:00",
       "address": "Jl. Kisamaun, Tangerang", "lat": "-6.186", "long": "106.682"},
      {"service_request_id": 43, "status": "closed", "service_name": "Lampu jalan mati",
       "requested_datetime": "2026-11-23T08:00:00+07:00", "lat": 0, "long": 0},
      {"service_request_id": "44", "status": "open", "service_name": "Sampah", "lat": null, "long": null},
      {"service_request_id": "45", "service_name": "Swapped", "lat": 106.618, "long": -6.181},
      {"status": "open", "service_name": "no id"},
      {"code": 403, "description": "Invalid api_key"}
    ]
    """

    func testJSONMapsFieldByField() {
        let r = FormatTestSupport.convert(Open311Format(), Self.json)
        XCTAssertEqual(r.skipped, ["missing_id": 1, "api_error": 1])
        XCTAssertEqual(r.events.count, 4)
        let t = FormatTestSupport.ticket(r.events[0])!
        XCTAssertEqual(t.id, "LAKSA-0042")
        XCTAssertEqual(t.category, "Jalan rusak")
        XCTAssertEqual(t.title, "Lubang besar depan pasar")
        XCTAssertEqual(t.agency, "Dinas PUPR")
        XCTAssertEqual(t.created, RFC3339.parse("2026-11-23T09:03:00+07:00"))
        XCTAssertEqual(r.events[0].time, RFC3339.parse("2026-11-23T10:00:00+07:00"), "updated_datetime is the event time")
        XCTAssertEqual(t.status, .open)
        XCTAssertEqual(t.note, "Diteruskan ke Dinas PUPR")
        XCTAssertEqual(t.slaHours, 72)
        XCTAssertEqual(t.place.address, "Jl. Kisamaun, Tangerang")
        XCTAssertEqual(t.place.location, GeoPoint(lat: -6.186, lon: 106.682), "numbers given as strings")
        XCTAssertEqual(t.place.district, "Cipondoh")

        let closed = FormatTestSupport.ticket(r.events[1])!
        XCTAssertEqual(closed.id, "43", "a numeric id")
        XCTAssertEqual(closed.title, "Lampu jalan mati", "service_name when there is no description")
        XCTAssertEqual(closed.status, .closed)
        XCTAssertNil(closed.place.location, "0,0 is no location")
        XCTAssertEqual(r.events[1].time, RFC3339.parse("2026-11-23T08:00:00+07:00"), "requested_datetime without an update")

        XCTAssertNil(FormatTestSupport.ticket(r.events[2])!.place.location, "null is no location")
        XCTAssertEqual(r.events[2].time, FormatTestSupport.now, "no time at all: now")
        XCTAssertEqual(FormatTestSupport.ticket(r.events[3])!.place.location, GeoPoint(lat: -6.181, lon: 106.618), "swapped pair put right")
        FormatTestSupport.assertRoundTrip(r.events)
    }

    func testXML() {
        let xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <service_requests>
          <request>
            <service_request_id>638344</service_request_id><status>closed</status>
            <status_notes>Duplicate request.</status_notes><service_name>Sidewalk and Curb Issues</service_name>
            <description>Pohon tumbang menutup trotoar</description><agency_responsible>Damkar</agency_responsible>
            <requested_datetime>2026-11-23T14:00:00+07:00</requested_datetime>
            <address>Jl. Daan Mogot</address><lat>-6.162</lat><long>106.671</long>
          </request>
          <request><status>open</status></request>
        </service_requests>
        """
        let r = FormatTestSupport.convert(Open311Format(), xml)
        XCTAssertEqual(r.skipped, ["missing_id": 1])
        let t = FormatTestSupport.ticket(r.events[0])!
        XCTAssertEqual(t.id, "638344")
        XCTAssertEqual(t.status, .closed)
        XCTAssertEqual(t.title, "Pohon tumbang menutup trotoar")
        XCTAssertEqual(t.place.location, GeoPoint(lat: -6.162, lon: 106.671))
        XCTAssertEqual(t.place.district, "Batuceper")
        let errors = FormatTestSupport.convert(Open311Format(), "<errors><error><code>403</code><description>bad key</description></error></errors>")
        XCTAssertEqual(errors.skipped, ["api_error": 1])
        let cut = FormatTestSupport.convert(Open311Format(), String(xml.prefix(560)))
        XCTAssertEqual(cut.skipped["invalid_xml"], 1)
    }

    func testTruncatedJSONKeepsWholeRecords() {
        let cut = String(Self.json.prefix(Self.json.range(of: "\"service_request_id\": \"44\"")!.upperBound.utf16Offset(in: Self.json)))
        let r = FormatTestSupport.convert(Open311Format(), cut)
        XCTAssertEqual(r.events.count, 2)
        XCTAssertEqual(r.skipped, ["invalid_json": 1])
    }

    func testWrongTypesAndControlCharacters() {
        let r = FormatTestSupport.convert(Open311Format(), #"[{"service_request_id":"x","status":7,"lat":"north","long":[],"description":"a\u0007b\u001b[2J","requested_datetime":12}]"#)
        XCTAssertEqual(r.events.count, 1)
        let t = FormatTestSupport.ticket(r.events[0])!
        XCTAssertNil(t.status)
        XCTAssertNil(t.place.location)
        XCTAssertEqual(t.title, "a\u{7}b\u{1B}[2J")
        FormatTestSupport.assertRoundTrip(r.events)
    }

    func testSharedSamples() throws {
        let chicago = Open311Format().convert(try FormatTestSupport.sample("open311/open311status_chicago_service_requests.json"), context: FormatTestSupport.context)
        XCTAssertEqual(chicago.events.count, 2)
        XCTAssertEqual(chicago.skipped, [:])
        XCTAssertEqual(FormatTestSupport.ticket(chicago.events[1])?.note, "Locked")
        let helsinki = Open311Format().convert(try FormatTestSupport.sample("open311/6aika_helsinki_taskful_request.json"), context: FormatTestSupport.context)
        XCTAssertEqual(helsinki.events.count, 1, "a single request object")
        XCTAssertEqual(FormatTestSupport.ticket(helsinki.events[0])?.status, .closed)
        XCTAssertEqual(FormatTestSupport.ticket(helsinki.events[0])?.agency, "Kaupunkisuunnitteluvirasto")
        FormatTestSupport.assertRoundTrip(chicago.events + helsinki.events)
    }
}
