import PantauCore
import PantauUI
import XCTest

/// `--lang id|en`: Pantau's labels in Bahasa Indonesia or English; feed text and official band
/// names as they are.
final class LanguageTests: XCTestCase {
    let state = Fixtures.state()

    func testTheEnvironmentPicksTheLanguage() {
        XCTAssertEqual(Language.fromEnvironment(["LANG": "id_ID.UTF-8"]), .id)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "en_US.UTF-8"]), .en)
        XCTAssertEqual(Language.fromEnvironment(["LC_ALL": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"]), .en, "LC_ALL wins")
        XCTAssertEqual(Language.fromEnvironment(["LC_ALL": "", "LC_MESSAGES": "id_ID", "LANG": "C"]), .id, "empty means unset")
        XCTAssertEqual(Language.fromEnvironment([:]), .en)
    }

    func testIndonesianLabelsWithFeedTextAndOfficialBandsUntouched() {
        var d = Dashboard(layout: Fixtures.layout())
        d.theme.language = .id
        let text = d.render(state: state, status: DashboardStatus(mode: .replay(speed: 60), paused: true), width: 120, height: 40).text
        assertSnapshot(text, named: "command-center-id-120x40")
        for word in ["Lalu lintas", "Kejadian", "Sensor", "Aduan", "Jalan", "Kecamatan", "JEDA", "dilewati", "bantuan", "keluar",
                     "macet", "terbuka", "terlambat", "antrean", "peringatan", "hujan"] {
            XCTAssertTrue(text.contains(word), "\(word) missing:\n\(text)")
        }
        XCTAssertTrue(text.contains("Siaga"), "official flood levels stay")
        XCTAssertTrue(text.contains("Jl. Daan Mogot"), "feed text stays")
        XCTAssertFalse(text.contains("PAUSED"))

        _ = d.handle(.char("?"), state: state)
        let help = d.render(state: state, status: DashboardStatus(mode: .replay(speed: 60)), width: 120, height: 40).text
        XCTAssertTrue(help.contains("Tombol") && help.contains("buka detail kejadian") && help.contains("keluar"), help)
    }

    func testEveryKeyDescriptionHasAnIndonesianLine() {
        for b in KeyTable.standard.bindings {
            XCTAssertNotEqual(Words.translate(b.description, to: .id), b.description, "no Indonesian for '\(b.description)'")
        }
    }

    func testEnglishIsTheIdentity() {
        XCTAssertEqual(Words.translate("Traffic", to: .en), "Traffic")
        XCTAssertEqual(Words.translate("not a label", to: .id), "not a label", "unknown labels show in English")
    }
}
