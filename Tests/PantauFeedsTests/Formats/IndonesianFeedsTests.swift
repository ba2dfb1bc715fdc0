import Foundation
import PantauCore
@testable import PantauFeeds
import XCTest

/// The Indonesian feeds a Tangerang room connects first, in fixtures written from their public
/// documentation: BMKG's gempabumi JSON/XML (data.bmkg.go.id, github.com/infoBMKG/data-gempabumi),
/// PetaBencana.id reports (docs.petabencana.id, crowdsourced-reports), and BMKG's CAP nowcast
/// warnings (an RSS index of `…_alert.xml` CAP documents in Indonesian, with polygons).
final class IndonesianFeedsTests: XCTestCase {
    // MARK: BMKG gempabumi

    /// `autogempa.json`: the latest quake, one object.
    static let autogempa = """
    {"Infogempa":{"gempa":{"Tanggal":"03 Des 2026","Jam":"09:15:30 WIB","DateTime":"2026-12-03T02:15:30+00:00",
     "Coordinates":"-6.85,106.52","Lintang":"6.85 LS","Bujur":"106.52 BT","Magnitude":"5.1","Kedalaman":"10 km",
     "Wilayah":"Pusat gempa berada di darat 21 km BaratDaya Kab. Sukabumi",
     "Potensi":"Gempa ini dirasakan untuk diteruskan pada masyarakat",
     "Dirasakan":"IV Sukabumi, III-IV Cianjur, III Kota Tangerang, II Jakarta","Shakemap":"20261203091530.mmi.jpg"}}}
    """

    /// `gempaterkini.json` / `gempadirasakan.json`: a list of quakes.
    static let terkini = """
    {"Infogempa":{"gempa":[
      {"Tanggal":"02 Des 2026","Jam":"23:01:12 WITA","DateTime":"2026-12-02T15:01:12+00:00","Coordinates":"-8.02,118.77",
       "Lintang":"8.02 LS","Bujur":"118.77 BT","Magnitude":"7.2","Kedalaman":"25 km","Wilayah":"45 km BaratLaut BIMA-NTB",
       "Potensi":"Berpotensi tsunami"},
      {"Tanggal":"01 Des 2026","Jam":"04:44:00 WIB","Coordinates":"-6.17,106.64","Lintang":"6.17 LS","Bujur":"106.64 BT",
       "Magnitude":"3.2","Kedalaman":"5 km","Wilayah":"Kota Tangerang","Potensi":"Tidak berpotensi tsunami","Dirasakan":"II Tangerang"},
      {"Tanggal":"30 Nov 2026","Jam":"10:00:00 WIB","DateTime":"2026-11-30T03:00:00+00:00","Magnitude":"-","Wilayah":"x"},
      {"Tanggal":"?","Jam":"?","Magnitude":"5.0"}
    ]}}
    """

    func testLatestQuakeBecomesAnEarthquakeIncident() throws {
        let r = FormatTestSupport.convert(BMKGGempaFormat(), Self.autogempa)
        XCTAssertEqual(r.skipped, [:])
        let e = try XCTUnwrap(r.events.first)
        XCTAssertEqual(e.time, RFC3339.parse("2026-12-03T09:15:30+07:00"))
        let i = try XCTUnwrap(FormatTestSupport.incident(e))
        XCTAssertEqual(i.id, "bmkg-gempa-20261203021530")
        XCTAssertEqual(i.category, .earthquake)
        XCTAssertEqual(i.category?.rawValue, "earthquake")
        XCTAssertEqual(i.severity, 3, "M5.1 → 3; felt IV → 3")
        XCTAssertEqual(i.status, .new)
        XCTAssertEqual(i.agency, "BMKG")
        XCTAssertEqual(i.title, "Gempa M5.1 — Pusat gempa berada di darat 21 km BaratDaya Kab. Sukabumi")
        XCTAssertEqual(i.note, "Kedalaman 10 km · Gempa ini dirasakan untuk diteruskan pada masyarakat · Dirasakan: IV Sukabumi, III-IV Cianjur, III Kota Tangerang, II Jakarta")
        XCTAssertEqual(i.place.location, GeoPoint(lat: -6.85, lon: 106.52))
        FormatTestSupport.assertRoundTrip(r.events)
    }

    func testRecentQuakesListWithTsunamiLocalTimesAndBadRecords() throws {
        let r = FormatTestSupport.convert(BMKGGempaFormat(), Self.terkini)
        XCTAssertEqual(r.skipped, ["missing_magnitude": 1, "missing_time": 1])
        let incidents = r.events.compactMap(FormatTestSupport.incident)
        XCTAssertEqual(incidents.map(\.severity), [5, 1], "a tsunami warning is 5; M3.2 felt II is 1")
        XCTAssertEqual(r.events[1].time, RFC3339.parse("2026-12-01T04:44:00+07:00"), "Tanggal and Jam (WIB) without DateTime")
        XCTAssertEqual(incidents[1].place.location, GeoPoint(lat: -6.17, lon: 106.64))
        XCTAssertEqual(incidents[1].place.district, "Tangerang", "a quake in the city is given its kecamatan")
        XCTAssertEqual(BMKGGempaFormat.wibTime(date: "02 Des 2026", time: "23:01:12 WITA"), RFC3339.parse("2026-12-02T15:01:12Z"))
    }

    func testTheSameQuakeInTheXMLFeedIsTheSameIncident() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Infogempa>
          <gempa>
            <Tanggal>03 Des 2026</Tanggal><Jam>09:15:30 WIB</Jam><DateTime>2026-12-03T02:15:30+00:00</DateTime>
            <point><coordinates>-6.85,106.52</coordinates></point>
            <Lintang>6.85 LS</Lintang><Bujur>106.52 BT</Bujur><Magnitude>5.1</Magnitude><Kedalaman>10 km</Kedalaman>
            <Wilayah>Pusat gempa berada di darat 21 km BaratDaya Kab. Sukabumi</Wilayah>
            <Potensi>Gempa ini dirasakan untuk diteruskan pada masyarakat</Potensi>
            <Dirasakan>IV Sukabumi, III-IV Cianjur, III Kota Tangerang, II Jakarta</Dirasakan>
            <Shakemap>20261203091530.mmi.jpg</Shakemap>
          </gempa>
        </Infogempa>
        """
        let fromXML = FormatTestSupport.convert(BMKGGempaFormat(), xml)
        let fromJSON = FormatTestSupport.convert(BMKGGempaFormat(), Self.autogempa)
        XCTAssertEqual(fromXML.skipped, [:])
        XCTAssertEqual(fromXML.events.map(FeedEventEncoder.line), fromJSON.events.map(FeedEventEncoder.line))
        XCTAssertEqual(fromXML.events.count, 1)
        XCTAssertEqual(FormatTestSupport.convert(BMKGGempaFormat(), #"{"gempa": []}"#).skipped, ["not_bmkg_gempa": 1])
    }

    func testSeverityTableAndFeltIntensity() {
        XCTAssertEqual(BMKGGempaFormat.strongestMMI("III-IV Sukabumi, II Bogor"), 4)
        XCTAssertEqual(BMKGGempaFormat.strongestMMI("VII Palu, V Donggala"), 7)
        XCTAssertNil(BMKGGempaFormat.strongestMMI("Dirasakan di Kota Bima"), "no numeral: `di`, `Kota` are not MMI")
        let rows: [(Double, Int?, Int)] = [(3.9, nil, 1), (4.0, nil, 2), (4.5, 3, 2), (5.0, nil, 3), (4.2, 5, 3), (6.0, nil, 4),
                                           (3.5, 6, 4), (7.0, nil, 5), (5.5, 8, 5)]
        for (m, mmi, want) in rows {
            XCTAssertEqual(BMKGGempaFormat.severity(magnitude: m, mmi: mmi, tsunami: false), want, "M\(m) MMI \(mmi ?? 0)")
        }
        XCTAssertEqual(BMKGGempaFormat.severity(magnitude: 4.0, mmi: nil, tsunami: true), 5)
        XCTAssertTrue(BMKGGempaFormat.warnsOfTsunami("Berpotensi TSUNAMI"))
        XCTAssertFalse(BMKGGempaFormat.warnsOfTsunami("Tidak berpotensi tsunami"))
    }

    // MARK: PetaBencana

    /// `GET /reports?admin=ID-BT&geoformat=geojson`.
    static let geojson = """
    {"statusCode": 200, "result": {"type": "FeatureCollection", "features": [
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.594, -6.167]},
       "properties": {"pkey": "31207", "created_at": "2026-12-03T03:05:00.000Z", "source": "grasp", "status": "confirmed",
                      "url": "https://petabencana.id/banten/?id=31207", "image_url": null, "disaster_type": "flood",
                      "report_data": {"report_type": "flood", "flood_depth": 60},
                      "tags": {"instance_region_code": "ID-BT", "local_area_id": "5521"},
                      "title": null, "text": "Air masuk rumah di Perumahan Total Persada"}},
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.70, -6.23]},
       "properties": {"pkey": "31208", "created_at": "2026-12-03T03:10:00.000Z", "source": "qlue", "disaster_type": "flood",
                      "report_data": null, "text": " "}},
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.63, -6.18]},
       "properties": {"pkey": "31209", "created_at": "2026-12-03T03:12:00.000Z", "source": "grasp", "disaster_type": "flood",
                      "report_data": {"report_type": "flood", "flood_depth": 160}, "text": "Banjir setinggi dada"}},
      {"type": "Feature", "geometry": null, "properties": {"created_at": "2026-12-03T03:12:00.000Z"}}
    ]}}
    """

    func testGeoJSONReportsBecomeFloodIncidentsWithTheirDepth() throws {
        let r = FormatTestSupport.convert(PetaBencanaFormat(), Self.geojson)
        XCTAssertEqual(r.skipped, ["missing_id": 1])
        let incidents = r.events.compactMap(FormatTestSupport.incident)
        XCTAssertEqual(incidents.map(\.id), ["petabencana-31207", "petabencana-31208", "petabencana-31209"])
        XCTAssertEqual(incidents.map(\.category), [.flood, .flood, .flood])
        XCTAssertEqual(incidents.map(\.title), ["Banjir 60 cm", "Laporan banjir", "Banjir 160 cm"])
        XCTAssertEqual(incidents.map(\.severity), [3, 2, 5])
        XCTAssertEqual(incidents[0].note, "Air masuk rumah di Perumahan Total Persada · kedalaman 60 cm · https://petabencana.id/banten/?id=31207")
        XCTAssertNil(incidents[1].note, "a blank text is no note")
        XCTAssertEqual(incidents[0].channel, "grasp")
        XCTAssertEqual(incidents[0].place.location, GeoPoint(lat: -6.167, lon: 106.594))
        XCTAssertEqual(incidents[0].place.district, "Periuk")
        XCTAssertEqual(r.events[0].time, RFC3339.parse("2026-12-03T03:05:00Z"))
        FormatTestSupport.assertRoundTrip(r.events)
    }

    func testTopoJSONReportsAreDecodedWithTheTransform() throws {
        // The documented default shape: a Topology whose `output` holds Point geometries.
        let topo = """
        {"statusCode": 200, "result": {"type": "Topology", "objects": {"output": {"type": "GeometryCollection", "geometries": [
          {"type": "Point", "properties": {"pkey": "5519", "created_at": "2026-12-03T02:37:00.000Z", "source": "qlue",
            "status": "confirmed", "disaster_type": "flood", "report_data": {"flood_depth": 30}, "title": " ", "text": "Genangan"},
           "coordinates": [0, 0]},
          {"type": "Point", "properties": {"pkey": "5520", "created_at": "2026-12-03T02:38:00.000Z", "disaster_type": "earthquake",
            "text": "Guncangan terasa"}, "coordinates": [2, 1]}
        ]}}, "arcs": [], "transform": {"scale": [0.01, 0.01], "translate": [106.63, -6.19]},
         "bbox": [106.63, -6.19, 106.65, -6.18]}}
        """
        let r = FormatTestSupport.convert(PetaBencanaFormat(), topo)
        XCTAssertEqual(r.skipped, [:])
        let incidents = r.events.compactMap(FormatTestSupport.incident)
        XCTAssertEqual(incidents.count, 2)
        XCTAssertEqual(incidents[0].place.location, GeoPoint(lat: -6.19, lon: 106.63))
        XCTAssertEqual(incidents[0].title, "Banjir 30 cm")
        let second = try XCTUnwrap(incidents[1].place.location)
        XCTAssertEqual(second.lat, -6.18, accuracy: 1e-9)
        XCTAssertEqual(second.lon, 106.65, accuracy: 1e-9)
        XCTAssertEqual(incidents[1].category, .earthquake)
        XCTAssertEqual(FormatTestSupport.convert(PetaBencanaFormat(), #"{"statusCode": 200, "result": []}"#).skipped,
                       ["not_petabencana": 1])
    }

    func testFloodDepthSeverityTable() {
        let rows: [(Double?, Int)] = [(nil, 2), (5, 1), (10, 3), (70, 3), (71, 4), (150, 4), (151, 5)]
        for (depth, want) in rows { XCTAssertEqual(PetaBencanaFormat.severity(depthCm: depth), want, "\(String(describing: depth))") }
    }

    // MARK: BMKG CAP nowcast

    func testBMKGNowcastRSSIndexAndAnIndonesianAlertWithPolygons() throws {
        let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0">
          <channel>
            <title>Peringatan Dini Cuaca BMKG</title>
            <link>https://www.bmkg.go.id/alerts/nowcast/id</link>
            <description>Peringatan dini cuaca (nowcast) BMKG</description>
            <item>
              <title>Hujan Lebat disertai Petir di Banten</title>
              <link>https://www.bmkg.go.id/alerts/nowcast/id/CBT20261203001_alert.xml</link>
              <description>Hujan lebat disertai petir di Kota Tangerang dan sekitarnya</description>
              <author>BMKG</author>
              <pubDate>Thu, 03 Dec 2026 10:30:00 +0700</pubDate>
            </item>
            <item>
              <title>Hujan Sedang-Lebat di DKI Jakarta</title>
              <link>https://www.bmkg.go.id/alerts/nowcast/id/CJI20261203002_alert.xml</link>
            </item>
          </channel>
        </rss>
        """
        let index = FormatTestSupport.convert(CAPFormat(), rss)
        XCTAssertEqual(index.links.map(\.absoluteString), ["https://www.bmkg.go.id/alerts/nowcast/id/CBT20261203001_alert.xml",
                                                            "https://www.bmkg.go.id/alerts/nowcast/id/CJI20261203002_alert.xml"])
        XCTAssertTrue(index.events.isEmpty)

        let alert = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>CBT20261203001</identifier>
          <sender>BMKG</sender>
          <sent>2026-12-03T10:30:00+07:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <info>
            <language>id</language>
            <category>Met</category>
            <event>Hujan Lebat disertai Petir</event>
            <urgency>Immediate</urgency>
            <severity>Severe</severity>
            <certainty>Likely</certainty>
            <effective>2026-12-03T10:40:00+07:00</effective>
            <expires>2026-12-03T13:00:00+07:00</expires>
            <senderName>BMKG</senderName>
            <headline>Peringatan Dini Cuaca Banten: Hujan Lebat disertai Petir</headline>
            <description>Hujan lebat disertai petir dan angin kencang berpotensi terjadi di Cipondoh, Pinang, Karawaci dan Ciledug hingga pukul 13.00 WIB.</description>
            <area>
              <areaDesc>Cipondoh, Pinang, Karawaci, Ciledug</areaDesc>
              <polygon>-6.18,106.65 -6.18,106.71 -6.24,106.71 -6.24,106.65 -6.18,106.65</polygon>
            </area>
          </info>
        </alert>
        """
        let r = FormatTestSupport.convert(CAPFormat(), alert)
        XCTAssertEqual(r.skipped, [:])
        let i = try XCTUnwrap(r.events.first.flatMap(FormatTestSupport.incident))
        XCTAssertEqual(i.id, "CBT20261203001")
        XCTAssertEqual(i.title, "Peringatan Dini Cuaca Banten: Hujan Lebat disertai Petir")
        XCTAssertEqual(i.note?.hasPrefix("Hujan lebat disertai petir dan angin kencang"), true)
        XCTAssertEqual(i.place.address, "Cipondoh, Pinang, Karawaci, Ciledug")
        let p = try XCTUnwrap(i.place.location, "the polygon's area centroid")
        XCTAssertEqual(p.lat, -6.21, accuracy: 0.001)
        XCTAssertEqual(p.lon, 106.68, accuracy: 0.001)
        XCTAssertEqual(i.severity, 4)
    }
}
