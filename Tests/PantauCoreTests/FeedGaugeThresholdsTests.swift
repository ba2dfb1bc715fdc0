import PantauCore
import XCTest

/// A sensor reading may carry its gauge's alert levels (`waspada`, `siaga`, `awas`, in cm):
/// they round-trip through the feed format, stay with the station, and set its band unless a
/// layout names the station.
final class FeedGaugeThresholdsTests: XCTestCase {
    private let line = #"{"v":1,"ts":"2026-11-23T08:00:00+07:00","kind":"sensor","station":"usgs-1","sensor":"water_level","value":350,"unit":"cm","waspada":300,"siaga":380,"awas":450}"#

    private func reading(_ text: String) -> FeedEvent? {
        if case .event(let e) = FeedLineDecoder().decode(text) { return e }
        return nil
    }

    func testLevelsRoundTripThroughTheFeedFormat() throws {
        let e = try XCTUnwrap(reading(line))
        guard case .sensor(let r) = e.payload else { return XCTFail("not a reading") }
        XCTAssertEqual(r.thresholds, GaugeThresholds(waspada: 300, siaga: 380, awas: 450))
        XCTAssertEqual(FeedEventEncoder.line(for: e), line)
        let plain = #"{"v":1,"ts":"2026-11-23T08:00:00+07:00","kind":"sensor","station":"x","sensor":"water_level","value":1}"#
        guard case .sensor(let p)? = reading(plain)?.payload else { return XCTFail("plain reading refused") }
        XCTAssertNil(p.thresholds)
        XCTAssertFalse(FeedEventEncoder.line(for: reading(plain)!).contains("waspada"))
    }

    func testIncompleteOrFallingLevelsAreRefused() {
        let partial = line.replacingOccurrences(of: #","awas":450"#, with: "")
        guard case .skip(let reason, let field) = FeedLineDecoder().decode(partial) else { return XCTFail("accepted \(partial)") }
        XCTAssertEqual(reason, .missingField)
        XCTAssertEqual(field, "awas")
        let falling = line.replacingOccurrences(of: #""siaga":380"#, with: #""siaga":280"#)
        guard case .skip(let r2, _) = FeedLineDecoder().decode(falling) else { return XCTFail("accepted \(falling)") }
        XCTAssertEqual(r2, .wrongType)
        let text = line.replacingOccurrences(of: #""siaga":380"#, with: #""siaga":"high""#)
        guard case .skip(let r3, _) = FeedLineDecoder().decode(text) else { return XCTFail("accepted \(text)") }
        XCTAssertEqual(r3, .wrongType)
    }

    func testFedLevelsSetTheBandUnlessTheLayoutNamesTheStation() throws {
        var state = CityState()
        state.apply(try XCTUnwrap(reading(line)))
        // A later reading without levels keeps the ones the feed gave.
        state.apply(try XCTUnwrap(reading(#"{"v":1,"ts":"2026-11-23T08:05:00+07:00","kind":"sensor","station":"usgs-1","sensor":"water_level","value":390}"#)))
        let s = try XCTUnwrap(state.stations["usgs-1"])
        XCTAssertEqual(s.thresholds, GaugeThresholds(waspada: 300, siaga: 380, awas: 450))
        XCTAssertEqual(BandRules.standard.band(of: s)?.label, "Siaga 2 Siaga", "390 cm against the fed 300/380/450")
        XCTAssertEqual(BandRules.standard.thresholds(for: s), s.thresholds)
        var layout = BandRules.standard
        layout.gaugeThresholds["usgs-1"] = GaugeThresholds(waspada: 400, siaga: 500, awas: 600)
        XCTAssertEqual(layout.band(of: s)?.label, "Siaga 4 Normal", "the layout's thresholds win")
        var unfed = s
        unfed.thresholds = nil
        XCTAssertEqual(BandRules.standard.band(of: unfed)?.label, "Siaga 1 Awas", "390 cm against the fallback 150/200/250")
    }
}
