import PantauCore
import XCTest

final class BandTests: XCTestCase {
    func testISPUCategoriesFollowTheRegulation() {
        XCTAssertEqual(ISPUCategory(ispu: 0), .baik)
        XCTAssertEqual(ISPUCategory(ispu: 50), .baik)
        XCTAssertEqual(ISPUCategory(ispu: 51), .sedang)
        XCTAssertEqual(ISPUCategory(ispu: 100), .sedang)
        XCTAssertEqual(ISPUCategory(ispu: 101), .tidakSehat)
        XCTAssertEqual(ISPUCategory(ispu: 200), .tidakSehat)
        XCTAssertEqual(ISPUCategory(ispu: 201), .sangatTidakSehat)
        XCTAssertEqual(ISPUCategory(ispu: 301), .berbahaya)
        XCTAssertEqual(ISPUCategory.berbahaya.label, "Berbahaya")
        XCTAssertEqual(ISPUCategory.berbahaya.tone, .extreme)
    }

    func testPM25InterpolatesOverTheBreakpoints() {
        XCTAssertEqual(ISPUCategory.ispu(fromPM25: 15.5), 50, accuracy: 1e-9)
        XCTAssertEqual(ISPUCategory.ispu(fromPM25: 55.4), 100, accuracy: 1e-9)
        XCTAssertEqual(ISPUCategory.ispu(fromPM25: 102.9), 150, accuracy: 1e-9)
        XCTAssertEqual(ISPUCategory.ispu(fromPM25: 600), 500)
    }

    func testFloodLevelsForPintuAirSepuluh() {
        let g = GaugeThresholds.pintuAirSepuluh
        XCTAssertEqual(g.level(for: 250), .siaga4)
        XCTAssertEqual(g.level(for: 300), .siaga3)
        XCTAssertEqual(g.level(for: 379), .siaga3)
        XCTAssertEqual(g.level(for: 380), .siaga2)
        XCTAssertEqual(g.level(for: 450), .siaga1)
        XCTAssertTrue(FloodAlertLevel.siaga1 > .siaga2, "a lower number is more dangerous")
        let band = BandRules.standard.band(kind: .waterLevel, stationID: "pa-sepuluh", value: 410)
        XCTAssertEqual(band?.label, "Siaga 2 Siaga")
    }

    func testRainfallAndTrafficBands() {
        XCTAssertEqual(RainfallBand(mmPerHour: 3), .light)
        XCTAssertEqual(RainfallBand(mmPerHour: 7), .moderate)
        XCTAssertEqual(RainfallBand(mmPerHour: 15), .heavy)
        XCTAssertEqual(RainfallBand(mmPerHour: 25), .veryHeavy)
        XCTAssertEqual(LevelOfService(speedRatio: 0.9), .a)
        XCTAssertEqual(LevelOfService(speedRatio: 0.2), .f)
        XCTAssertEqual(JamLevel.tone(5), .extreme)
    }

    func testTicketOverdueAfterSLA() {
        let created = RFC3339.parse("2026-11-23T08:00:00+07:00")!
        var t = Ticket(id: "T", category: "c", title: "t", agency: "Dinas PUPR", status: .open, created: created, updatedAt: created)
        t.slaHours = 24
        XCTAssertFalse(t.isOverdue(at: created.adding(seconds: 23 * 3600)))
        XCTAssertTrue(t.isOverdue(at: created.adding(seconds: 25 * 3600)))
        t.status = .resolved
        XCTAssertFalse(t.isOverdue(at: created.adding(seconds: 25 * 3600)))
    }
}
