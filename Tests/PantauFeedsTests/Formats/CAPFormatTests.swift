import Foundation
import PantauCore
import PantauFeeds
import XCTest

/// `cap`: OASIS CAP 1.2 alerts → incidents, and RSS/Atom indexes → links.
final class CAPFormatTests: XCTestCase {
    static func alert(id: String, sent: String, msgType: String = "Alert", references: String? = nil,
                      info: String? = nil, prefix: String = "", note: String? = nil) -> String {
        let p = prefix.isEmpty ? "" : prefix + ":"
        let ns = prefix.isEmpty ? "xmlns" : "xmlns:\(prefix)"
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <\(p)alert \(ns)="urn:oasis:names:tc:emergency:cap:1.2">
          <\(p)identifier>\(id)</\(p)identifier>
          <\(p)sender>bpbd@tangerangkota.go.id</\(p)sender>
          <\(p)sent>\(sent)</\(p)sent>
          <\(p)status>Actual</\(p)status>
          <\(p)msgType>\(msgType)</\(p)msgType>
          <\(p)scope>Public</\(p)scope>
          \(references.map { "<\(p)references>\($0)</\(p)references>" } ?? "")
          \(note.map { "<\(p)note>\($0)</\(p)note>" } ?? "")
          \(info ?? "")
        </\(p)alert>
        """
    }

    static let floodInfoID = """
      <info>
        <language>en-US</language><category>Met</category><event>Heavy rain</event>
        <severity>Minor</severity><headline>Heavy rain (English)</headline>
      </info>
      <info>
        <language>id-ID</language>
        <category>Safety</category><category>Met</category>
        <event>Banjir</event><severity>Severe</severity>
        <senderName>BPBD Kota Tangerang</senderName>
        <headline>Banjir di Periuk</headline>
        <description>Genangan 40 cm di Perumahan Total Persada</description>
        <area>
          <areaDesc>Kecamatan Periuk</areaDesc>
          <polygon>-6.10,106.50 -6.10,106.60 -6.20,106.60 -6.20,106.50 -6.10,106.50</polygon>
          <circle>-6.167,106.594 2.5</circle>
        </area>
      </info>
    """

    func testAlertMapsFieldByField() {
        let r = FormatTestSupport.convert(CAPFormat(), Self.alert(id: "TNG-1", sent: "2026-11-23T15:42:10+07:00", info: Self.floodInfoID))
        XCTAssertEqual(r.skipped, [:])
        XCTAssertEqual(r.events.count, 1)
        let e = r.events[0]
        XCTAssertEqual(e.time, RFC3339.parse("2026-11-23T15:42:10+07:00"))
        XCTAssertEqual(e.source, "test-src")
        let i = FormatTestSupport.incident(e)!
        XCTAssertEqual(i.id, "TNG-1")
        XCTAssertEqual(i.category, .flood, "the Indonesian info's event (Banjir) before its categories (Safety, Met)")
        XCTAssertEqual(i.severity, 4)
        XCTAssertEqual(i.status, .new)
        XCTAssertEqual(i.title, "Banjir di Periuk")
        XCTAssertEqual(i.note, "Genangan 40 cm di Perumahan Total Persada")
        XCTAssertEqual(i.place.address, "Kecamatan Periuk")
        XCTAssertEqual(i.place.location, GeoPoint(lat: -6.167, lon: 106.594), "a circle wins over a polygon")
        XCTAssertEqual(i.place.district, "Periuk")
        XCTAssertEqual(i.agency, "BPBD Kota Tangerang")
        XCTAssertEqual(i.channel, "cap")
        FormatTestSupport.assertRoundTrip(r.events)
    }

    func testInfoChoiceCategoriesAndSeverities() {
        let en = "<info><language>en-US</language><category>Fire</category><event>E</event><severity>Extreme</severity></info>"
        let fr = "<info><language>fr</language><category>Geo</category><event>F</event><severity>Moderate</severity></info>"
        var r = FormatTestSupport.convert(CAPFormat(), Self.alert(id: "a", sent: "2026-11-23T10:00:00+07:00", info: fr + en))
        var i = FormatTestSupport.incident(r.events[0])!
        XCTAssertEqual(i.title, "E", "English when there is no Indonesian; event as title without headline")
        XCTAssertEqual(i.category, .fire)
        XCTAssertEqual(i.severity, 5)
        r = FormatTestSupport.convert(CAPFormat(), Self.alert(id: "b", sent: "2026-11-23T10:00:00+07:00", info: fr))
        i = FormatTestSupport.incident(r.events[0])!
        XCTAssertEqual(i.title, "F", "else the first")
        XCTAssertEqual(i.category, .other, "Geo with an event that names no hazard Pantau knows")
        XCTAssertEqual(i.severity, 3)
        XCTAssertNil(i.place.location)
        let cases: [(String, IncidentCategory)] = [("Env", .other), ("Met", .weather), ("Geo", .other), ("Fire", .fire), ("Security", .publicOrder), ("Rescue", .medical),
                                                   ("Health", .medical), ("Transport", .accident), ("Infra", .infrastructure),
                                                   ("CBRNE", .other), ("Other", .other)]
        for (cap, expected) in cases {
            let info = "<info><category>\(cap)</category><event>x</event><severity>Unknown</severity></info>"
            let e = FormatTestSupport.convert(CAPFormat(), Self.alert(id: cap, sent: "2026-11-23T10:00:00+07:00", info: info)).events[0]
            XCTAssertEqual(FormatTestSupport.incident(e)?.category, expected, cap)
            XCTAssertEqual(FormatTestSupport.incident(e)?.severity, 1)
        }
    }

    func testPolygonCentroidIsLatFirst() {
        let info = "<info><category>Met</category><event>x</event><area><areaDesc>Banten</areaDesc><polygon>-6.10,106.50 -6.10,106.70 -6.30,106.70 -6.30,106.50 -6.10,106.50</polygon></area></info>"
        let r = FormatTestSupport.convert(CAPFormat(), Self.alert(id: "p", sent: "2026-11-23T10:00:00+07:00", info: info))
        let p = FormatTestSupport.incident(r.events[0])!.place.location!
        XCTAssertEqual(p.lat, -6.2, accuracy: 1e-9)
        XCTAssertEqual(p.lon, 106.6, accuracy: 1e-9)
    }

    func testReferenceChainUpdatesThenClosesTheSameIncident() {
        let sender = "bpbd@tangerangkota.go.id"
        let a1 = Self.alert(id: "A1", sent: "2026-11-23T15:00:00+07:00", info: Self.floodInfoID)
        let updatedInfo = Self.floodInfoID.replacingOccurrences(of: "Severe", with: "Extreme")
            .replacingOccurrences(of: "Genangan 40 cm", with: "Genangan 80 cm")
        let a2 = Self.alert(id: "A2", sent: "2026-11-23T16:00:00+07:00", msgType: "Update",
                            references: "\(sender),A1,2026-11-23T15:00:00+07:00", info: updatedInfo)
        // The cancel lists its references newest first: the earliest by `sent` is the root.
        let a3 = Self.alert(id: "A3", sent: "2026-11-23T18:00:00+07:00", msgType: "Cancel",
                            references: "\(sender),A2,2026-11-23T16:00:00+07:00 \(sender),A1,2026-11-23T15:00:00+07:00",
                            note: "Air sudah surut")
        var events: [FeedEvent] = []
        for doc in [a1, a2, a3] { events += FormatTestSupport.convert(CAPFormat(), doc).events }
        let incidents = events.compactMap(FormatTestSupport.incident)
        XCTAssertEqual(incidents.map(\.id), ["A1", "A1", "A1"])
        XCTAssertEqual(incidents.map(\.status), [.new, nil, .closed])
        XCTAssertEqual(incidents[1].severity, 5)
        XCTAssertEqual(incidents[1].note, "Genangan 80 cm di Perumahan Total Persada")
        XCTAssertEqual(incidents[2].note, "Alert cancelled: Air sudah surut")

        // The state closes the one incident.
        var state = CityState()
        for e in events { state.apply(e) }
        XCTAssertEqual(state.incidents.count, 1)
        XCTAssertEqual(state.incidents["A1"]?.status, .closed)
        FormatTestSupport.assertRoundTrip(events)
    }

    func testChainInOnePayloadResolvesThroughEarlierAlerts() {
        // An RSS-less bundle: two alerts in one document; the update names only its parent.
        let body = """
        <bundle>
        \(Self.alert(id: "B2", sent: "2026-11-23T16:00:00+07:00", msgType: "Update", references: "s,B1,2026-11-23T15:00:00+07:00", info: Self.floodInfoID).replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: ""))
        \(Self.alert(id: "B3", sent: "2026-11-23T17:00:00+07:00", msgType: "Cancel", references: "s,B2,2026-11-23T16:00:00+07:00").replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: ""))
        </bundle>
        """
        let r = FormatTestSupport.convert(CAPFormat(), body)
        XCTAssertEqual(r.events.compactMap(FormatTestSupport.incident).map(\.id), ["B1", "B1"])
    }

    func testNamespaceNotPrefixDecides() {
        let prefixed = Self.alert(id: "P1", sent: "2026-11-23T10:00:00+07:00", info: Self.floodInfoID.replacingOccurrences(of: "<", with: "<q:").replacingOccurrences(of: "<q:/", with: "</q:"), prefix: "q")
        let r = FormatTestSupport.convert(CAPFormat(), prefixed)
        XCTAssertEqual(r.events.count, 1, "\(r.skipped)")
        XCTAssertEqual(FormatTestSupport.incident(r.events[0])?.title, "Banjir di Periuk")
        let cap11 = Self.alert(id: "X", sent: "2026-11-23T10:00:00+07:00", info: Self.floodInfoID)
            .replacingOccurrences(of: "cap:1.2", with: "cap:1.1")
        let old = FormatTestSupport.convert(CAPFormat(), cap11)
        XCTAssertEqual(old.events.count, 0)
        XCTAssertEqual(old.skipped, ["not_cap": 1])
        let unqualified = "<alert><identifier>x</identifier></alert>"
        XCTAssertEqual(FormatTestSupport.convert(CAPFormat(), unqualified).skipped, ["not_cap": 1])
    }

    func testISO88591DeclaredEncodingDecodes() {
        let xml = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>L1</identifier><sent>2026-11-23T10:00:00+07:00</sent><status>Actual</status><msgType>Alert</msgType>
          <info><language>fr</language><category>Met</category><event>Orage</event>
            <headline>Orage prévu à Tangerang</headline><senderName>Météo</senderName></info>
        </alert>
        """
        let latin1 = xml.data(using: .isoLatin1)!
        XCTAssertTrue(latin1.contains(0xE9), "é is one byte in the fixture")
        let r = CAPFormat().convert(latin1, context: FormatTestSupport.context)
        XCTAssertEqual(r.skipped, [:])
        XCTAssertEqual(FormatTestSupport.incident(r.events[0])?.title, "Orage prévu à Tangerang")
        XCTAssertEqual(FormatTestSupport.incident(r.events[0])?.agency, "Météo")
        let utf8 = CAPFormat().convert(Data(xml.replacingOccurrences(of: "ISO-8859-1", with: "UTF-8").utf8), context: FormatTestSupport.context)
        XCTAssertEqual(FormatTestSupport.incident(utf8.events[0])?.title, "Orage prévu à Tangerang")
    }

    func testRSSAndAtomIndexesReturnLinks() {
        let rss = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Peringatan Dini</title>
        <item><title>a</title><link>https://signature.bmkg.go.id/alert/a.xml</link></item>
        <item><title>b</title><link>https://signature.bmkg.go.id/alert/b.xml</link></item>
        <item><title>c</title><link>https://signature.bmkg.go.id/alert/c.xml</link></item>
        </channel></rss>
        """
        let r = FormatTestSupport.convert(CAPFormat(), rss)
        XCTAssertEqual(r.events.count, 0)
        XCTAssertEqual(r.skipped, [:])
        XCTAssertEqual(r.links.map(\.absoluteString).last, "https://signature.bmkg.go.id/alert/c.xml")
        XCTAssertEqual(r.links.count, 3)
        XCTAssertTrue(r.summary.contains("index with 3 alert links"), r.summary)
        let atom = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title>CAP</title>
        <entry><link rel="alternate" type="text/html" href="https://x.org/a.html"/><link rel="related" type="application/cap+xml" href="https://x.org/a.cap"/></entry>
        </feed>
        """
        XCTAssertEqual(FormatTestSupport.convert(CAPFormat(), atom).links, [URL(string: "https://x.org/a.cap")!])
    }

    func testBadPayloadsAreCounted() {
        let cases: [(String, String)] = [
            ("", "empty_payload"),
            ("<html><body><h1>503 Service Unavailable</h1></body></html>", "html_error_page"),
            ("{\"not\": \"xml\"}", "invalid_xml"),
            ("<foo><bar/></foo>", "not_cap"),
            (String(Self.alert(id: "T", sent: "2026-11-23T10:00:00+07:00", info: Self.floodInfoID).prefix(300)), "invalid_xml"),
            (Self.alert(id: "T", sent: "2026-11-23T10:00:00+07:00"), "no_info"),
            (Self.alert(id: "", sent: "2026-11-23T10:00:00+07:00", info: Self.floodInfoID), "missing_id"),
            ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", ""),
        ]
        for (payload, reason) in cases {
            let r = FormatTestSupport.convert(CAPFormat(), payload)
            XCTAssertEqual(r.events.count, 0, payload)
            if reason.isEmpty {
                XCTAssertGreaterThan(r.skippedTotal, 0, payload)
            } else {
                XCTAssertGreaterThanOrEqual(r.skipped[reason] ?? 0, 1, "\(reason): \(r.skipped)")
            }
        }
    }

    func testMissingSentUsesNowAndAControlCharacterReferenceKeepsTheTextAroundIt() throws {
        let info = "<info><category>Met</category><event>x</event><headline>Hujan &#x1B;[31m lebat</headline></info>"
        let doc = Self.alert(id: "N", sent: "", info: info).replacingOccurrences(of: "<sent></sent>", with: "")
        let r = FormatTestSupport.convert(CAPFormat(), doc)
        XCTAssertEqual(r.events.first?.time, FormatTestSupport.now)
        // ESC is not an XML 1.0 character: the parser may drop it or keep it (the screen shows
        // control characters as `�`), but the text around it is the headline.
        let title = try XCTUnwrap(r.events.first.flatMap(FormatTestSupport.incident)?.title)
        XCTAssertEqual(String(String.UnicodeScalarView(title.unicodeScalars.filter { $0 != "\u{1B}" })), "Hujan [31m lebat", title)
        FormatTestSupport.assertRoundTrip(r.events)
    }

    func testSharedSamples() throws {
        let bmkg = CAPFormat().convert(try FormatTestSupport.sample("cap/SYNTHETIC_bmkg_nowcast_shape_cap12.xml"), context: FormatTestSupport.context)
        let b = FormatTestSupport.incident(bmkg.events[0])!
        XCTAssertEqual(b.category, .weather, "Hujan Lebat dan Petir")
        XCTAssertEqual(b.severity, 3)
        XCTAssertEqual(b.status, .new)
        XCTAssertEqual(b.title, "Hujan Lebat disertai Petir di Banten")
        XCTAssertEqual(b.agency, "Badan Meteorologi Klimatologi dan Geofisika")
        XCTAssertEqual(b.place.address, "Banten")
        XCTAssertEqual(b.place.location!.lat, -6.215, accuracy: 0.02, "the first polygon, latitude first")
        XCTAssertEqual(b.place.location!.lon, 106.65, accuracy: 0.02)

        let fire = CAPFormat().convert(try FormatTestSupport.sample("cap/google-cap-library_australia_fire_cap12.xml"), context: FormatTestSupport.context)
        XCTAssertEqual(fire.events.count, 2, "two info blocks, one alert, one incident; and its close at the expiry")
        let f = FormatTestSupport.incident(fire.events[0])!
        XCTAssertEqual(f.category, .fire)
        XCTAssertEqual(FormatTestSupport.incident(fire.events[1])?.status, .closed, "expired 2011-10-06, read in 2026")
        XCTAssertEqual(fire.events[1].time, RFC3339.parse("2011-10-06T23:04:00+10:00"))
        XCTAssertEqual(f.place.location, GeoPoint(lat: -35.3888, lon: 147.0598))
        XCTAssertEqual(fire.events[0].time, RFC3339.parse("2011-10-05T23:04:00+10:00"))

        let storm = CAPFormat().convert(try FormatTestSupport.sample("cap/google-cap-library_thunderstorm_cap12.xml"), context: FormatTestSupport.context)
        let s = FormatTestSupport.incident(storm.events[0])!
        XCTAssertEqual(s.severity, 4)
        XCTAssertEqual(s.place.location!.lat, 38.48, accuracy: 0.1)
        XCTAssertEqual(s.place.location!.lon, -119.93, accuracy: 0.1)
        FormatTestSupport.assertRoundTrip(bmkg.events + fire.events + storm.events)
    }

    /// Records a sender marks as not real, and messages about messages, are ignored: well
    /// formed, deliberately not mapped, not bad input.
    func testTestExerciseDraftAndAckAreIgnoredNotSkipped() {
        for status in ["Test", "Exercise", "Draft", "System"] {
            let doc = Self.alert(id: "T", sent: "2026-11-23T10:00:00+07:00", info: Self.floodInfoID)
                .replacingOccurrences(of: "<status>Actual</status>", with: "<status>\(status)</status>")
            let r = FormatTestSupport.convert(CAPFormat(), doc)
            XCTAssertEqual(r.events.count, 0, status)
            XCTAssertEqual(r.skipped, [:], status)
            XCTAssertEqual(r.ignored, ["not_actual": 1], status)
        }
        for msgType in ["Ack", "Error"] {
            let r = FormatTestSupport.convert(CAPFormat(), Self.alert(id: "T", sent: "2026-11-23T10:00:00+07:00", msgType: msgType, info: Self.floodInfoID))
            XCTAssertEqual(r.skipped, [:], msgType)
            XCTAssertEqual(r.ignored, ["msg_type": 1], msgType)
        }
    }

    static func info(lang: String = "id", category: String = "Met", event: String, urgency: String = "Immediate",
                     response: String? = nil, headline: String? = nil, expires: String? = nil,
                     description: String? = nil) -> String {
        """
        <info><language>\(lang)</language><category>\(category)</category><event>\(event)</event>
        \(response.map { "<responseType>\($0)</responseType>" } ?? "")<urgency>\(urgency)</urgency>
        <severity>Severe</severity><certainty>Observed</certainty>
        \(expires.map { "<expires>\($0)</expires>" } ?? "")
        \(headline.map { "<headline>\($0)</headline>" } ?? "")\(description.map { "<description>\($0)</description>" } ?? "")
        <area><areaDesc>Kota Tangerang</areaDesc><circle>-6.167,106.594 2</circle></area></info>
        """
    }

    func state(_ events: [FeedEvent]) -> CityState {
        var s = CityState()
        for e in events { s.apply(e) }
        return s
    }

    /// An alert whose `expires` has passed when it is read never shows as open: it is closed
    /// at its expiry time, with the reason in its timeline. One still in force stays open.
    func testExpiredAlertClosesAtItsExpiryTime() throws {
        // Read at 12:00 (FormatTestSupport.now).
        let expired = Self.alert(id: "E1", sent: "2026-11-23T08:00:00+07:00",
                                 info: Self.info(event: "Hujan Lebat", expires: "2026-11-23T11:00:00+07:00"))
        let r = FormatTestSupport.convert(CAPFormat(), expired)
        XCTAssertEqual(r.events.map(\.time), [RFC3339.parse("2026-11-23T08:00:00+07:00"), RFC3339.parse("2026-11-23T11:00:00+07:00")])
        let s = state(r.events)
        let inc = try XCTUnwrap(s.incidents["E1"])
        XCTAssertEqual(inc.status, .closed)
        XCTAssertFalse(inc.status.isOpen)
        XCTAssertTrue(inc.timeline.entries.contains { $0.change == .note("Alert expired at 2026-11-23T11:00:00+07:00") }, "\(inc.timeline)")
        FormatTestSupport.assertRoundTrip(r.events)

        let valid = Self.alert(id: "E2", sent: "2026-11-23T11:30:00+07:00",
                               info: Self.info(event: "Hujan Lebat", expires: "2026-11-23T14:00:00+07:00"))
        let v = FormatTestSupport.convert(CAPFormat(), valid)
        XCTAssertEqual(v.events.count, 1, "in force at 12:00: no close yet")
        XCTAssertEqual(FormatTestSupport.incident(v.events[0])?.expires, RFC3339.parse("2026-11-23T14:00:00+07:00"),
                       "the expiry rides on the event, for the store to close it as it lapses")
        XCTAssertEqual(state(v.events).incidents["E2"]?.status, .new)
        var lapsing = state(v.events)
        lapsing.sweep(asOf: RFC3339.parse("2026-11-23T14:00:00+07:00")!)
        XCTAssertEqual(lapsing.incidents["E2"]?.status, .closed, "closed on screen when now passes expires")
        FormatTestSupport.assertRoundTrip(v.events)

        // Read later (a replay of a recording converts nothing: the recording holds the close).
        let later = CAPFormat().convert(Data(valid.utf8), context: FormatContext(source: "s", now: RFC3339.parse("2026-11-23T15:00:00+07:00")!))
        XCTAssertEqual(later.events.compactMap(FormatTestSupport.incident).map(\.status), [.new, .closed])
    }

    /// An update that follows an expired alert in the same payload supersedes its expiry.
    func testUpdateSupersedesAnEarlierAlertsExpiry() {
        let a1 = Self.alert(id: "U1", sent: "2026-11-23T08:00:00+07:00",
                            info: Self.info(event: "Banjir", expires: "2026-11-23T09:00:00+07:00"))
        let a2 = Self.alert(id: "U2", sent: "2026-11-23T08:50:00+07:00", msgType: "Update",
                            references: "bpbd@tangerangkota.go.id,U1,2026-11-23T08:00:00+07:00",
                            info: Self.info(event: "Banjir", expires: "2026-11-23T18:00:00+07:00"))
        let strip = { (d: String) in d.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "") }
        let r = FormatTestSupport.convert(CAPFormat(), "<bundle>\(strip(a2))\(strip(a1))</bundle>")
        XCTAssertEqual(r.events.compactMap(FormatTestSupport.incident).map(\.id), ["U1", "U1"])
        XCTAssertEqual(state(r.events).incidents["U1"]?.status, .new, "the update is in force until 18:00")
        XCTAssertEqual(state(r.events).incidents["U1"]?.expires, RFC3339.parse("2026-11-23T18:00:00+07:00"))
    }

    /// Urgency Past and an All Clear response resolve the chain's incident, with the reason
    /// in its timeline; a Cancel closes it; a later Alert that references the chain re-opens it.
    func testPastAllClearCancelAndReissue() throws {
        let sender = "bpbd@tangerangkota.go.id"
        let ref = "\(sender),L1,2026-11-23T09:00:00+07:00"
        let alert = Self.alert(id: "L1", sent: "2026-11-23T09:00:00+07:00", info: Self.info(event: "Banjir", headline: "Banjir di Periuk"))
        let allClear = Self.alert(id: "L2", sent: "2026-11-23T10:00:00+07:00", msgType: "Update", references: ref,
                                  info: Self.info(event: "Banjir", urgency: "Past", response: "AllClear", description: "Air surut"))
        var events: [FeedEvent] = []
        for doc in [alert, allClear] { events += FormatTestSupport.convert(CAPFormat(), doc).events }
        var s = state(events)
        var inc = try XCTUnwrap(s.incidents["L1"])
        XCTAssertEqual(inc.status, .resolved)
        XCTAssertEqual(inc.category, .flood)
        XCTAssertTrue(inc.timeline.entries.contains { $0.change == .note("All clear: Air surut") }, "\(inc.timeline)")

        let past = Self.alert(id: "P1", sent: "2026-11-23T10:00:00+07:00",
                              info: Self.info(event: "Gempa Bumi", urgency: "Past", headline: "Gempa M5.1 dirasakan"))
        let p = FormatTestSupport.incident(FormatTestSupport.convert(CAPFormat(), past).events[0])!
        XCTAssertEqual(p.status, .resolved, "an alert about an event already over")
        XCTAssertEqual(p.category, .earthquake)
        XCTAssertEqual(p.note, "Event over (urgency Past): Gempa M5.1 dirasakan")

        let cancel = Self.alert(id: "L3", sent: "2026-11-23T11:00:00+07:00", msgType: "Cancel", references: ref, note: "Salah kirim")
        let reissue = Self.alert(id: "L4", sent: "2026-11-23T12:00:00+07:00", msgType: "Alert",
                                 references: "\(sender),L3,2026-11-23T11:00:00+07:00 \(ref)",
                                 info: Self.info(event: "Banjir", headline: "Banjir di Periuk (lagi)"))
        events = []
        for doc in [alert, cancel] { events += FormatTestSupport.convert(CAPFormat(), doc).events }
        s = state(events)
        XCTAssertEqual(s.incidents["L1"]?.status, .closed)
        events += FormatTestSupport.convert(CAPFormat(), reissue).events
        s = state(events)
        inc = try XCTUnwrap(s.incidents["L1"])
        XCTAssertTrue(inc.status.isOpen, "re-opened by the re-issue: \(inc.status)")
        XCTAssertEqual(inc.title, "Banjir di Periuk (lagi)")
        XCTAssertEqual(s.incidents.count, 1)
        FormatTestSupport.assertRoundTrip(events)
    }

    /// Event text in Indonesian or English decides before the CAP category.
    func testEventTextCategories() {
        let cases: [(String, String, IncidentCategory)] = [
            ("Met", "Gempa Bumi", .earthquake), ("Geo", "Earthquake", .earthquake), ("Geo", "Tsunami", .earthquake),
            ("Geo", "Tanah Longsor", .landslide), ("Met", "Landslide", .landslide),
            ("Met", "Banjir", .flood), ("Met", "Banjir Rob", .flood), ("Met", "Flash Flooding", .flood),
            ("Safety", "Kebakaran Permukiman", .fire), ("Met", "Bushfire", .fire),
            ("Met", "Angin Kencang", .weather), ("Met", "Hujan Lebat dan Petir", .weather), ("Met", "Puting Beliung", .weather),
            ("Other", "SEVERE THUNDERSTORM", .weather), ("Met", "Pohon Tumbang", .fallenTree),
            ("Transport", "Kecelakaan Lalu Lintas", .accident), ("Health", "Wabah DBD", .medical),
            ("Geo", "Erupsi Gunung Api", .other), ("Env", "Kualitas Udara Buruk", .other),
            ("Safety", "Robbery", .publicOrder), ("Infra", "Gangguan Listrik", .infrastructure),
        ]
        for (cap, event, expected) in cases {
            let doc = Self.alert(id: "C", sent: "2026-11-23T10:00:00+07:00", info: Self.info(category: cap, event: event))
            let i = FormatTestSupport.incident(FormatTestSupport.convert(CAPFormat(), doc).events[0])
            XCTAssertEqual(i?.category, expected, "\(cap) / \(event)")
        }
        // An `other` incident keeps the event's name in its title.
        let volcano = Self.alert(id: "V", sent: "2026-11-23T10:00:00+07:00",
                                 info: Self.info(category: "Geo", event: "Erupsi Gunung Api", headline: "Status Siaga Gunung Anak Krakatau"))
        XCTAssertEqual(FormatTestSupport.incident(FormatTestSupport.convert(CAPFormat(), volcano).events[0])?.title,
                       "Erupsi Gunung Api — Status Siaga Gunung Anak Krakatau")
    }

    /// With several info blocks, the Indonesian one decides the category, title and expiry.
    func testIndonesianInfoWinsOverEnglish() {
        let en = Self.info(lang: "en-US", category: "Met", event: "Heavy rain", headline: "Heavy rain", expires: "2026-11-23T11:00:00+07:00")
        let id = Self.info(lang: "id-ID", category: "Met", event: "Banjir", headline: "Banjir di Ciledug", expires: "2026-11-23T20:00:00+07:00")
        let r = FormatTestSupport.convert(CAPFormat(), Self.alert(id: "M", sent: "2026-11-23T10:00:00+07:00", info: en + id))
        XCTAssertEqual(r.events.count, 1, "the Indonesian info is still in force")
        let i = FormatTestSupport.incident(r.events[0])!
        XCTAssertEqual(i.category, .flood)
        XCTAssertEqual(i.title, "Banjir di Ciledug")
    }
}
