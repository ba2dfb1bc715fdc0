import PantauCore
import XCTest

final class PersonalDataTests: XCTestCase {
    func testNamesKeepTheHonorificAndTheFirstLetter() {
        XCTAssertEqual(PersonalData.maskName("Bu Siti Aminah"), "Bu S***")
        XCTAssertEqual(PersonalData.maskName("Budi Santoso"), "B***")
        XCTAssertEqual(PersonalData.maskName("Pak Ahmad"), "Pak A***")
        XCTAssertEqual(PersonalData.maskName("bapak  Joko Widodo"), "bapak J***")
        XCTAssertEqual(PersonalData.maskName("Sdr. Rudi"), "Sdr. R***")
        XCTAssertEqual(PersonalData.maskName("Ibu Ölçer"), "Ibu Ö***")
        XCTAssertEqual(PersonalData.maskName("Ibu"), "Ibu ***")
        XCTAssertEqual(PersonalData.maskName("  "), "")
        XCTAssertFalse(PersonalData.maskName("Siti Aminah").contains("Aminah"))
    }

    func testPhonesKeepThePrefixAndTheLastThreeDigits() {
        XCTAssertEqual(PersonalData.maskPhone("081234567789"), "0812-****-789")
        XCTAssertEqual(PersonalData.maskPhone("+62 812-3456-7789"), "0812-****-789")
        XCTAssertEqual(PersonalData.maskPhone("6281234567789"), "0812-****-789")
        XCTAssertEqual(PersonalData.maskPhone("(021) 5587 1234"), "0215-****-234")
        XCTAssertEqual(PersonalData.maskPhone("112"), "***")
        XCTAssertEqual(PersonalData.maskPhone(""), "***")
    }

    func testAddressesKeepTheStreetAndMaskNumbersAndRtRw() {
        XCTAssertEqual(PersonalData.maskAddress("Jl. Melati No. 12 RT 03/RW 05, Cipondoh"),
                       "Jl. Melati No. ** RT **/RW **, Cipondoh")
        XCTAssertEqual(PersonalData.maskAddress("Gg. Mawar 7A, Kel. Poris"), "Gg. Mawar **, Kel. Poris")
        XCTAssertEqual(PersonalData.maskAddress("Jl. Raya Serpong Km 7 No.3"), "Jl. Raya Serpong Km 7 No.**")
        XCTAssertEqual(PersonalData.maskAddress("RT003/RW005"), "RT**/RW**")
        XCTAssertEqual(PersonalData.maskAddress("Perumahan Griya"), "Perumahan Griya")
    }
}

extension PersonalDataTests {
    func testAnEventWrittenWithoutPersonalDataKeepsEverythingElse() {
        let t = RFC3339.parse("2026-11-23T10:40:00+07:00")!
        var f = ActionFields()
        f.callerName = "Bu Siti Aminah"
        f.callerPhone = "+62 812-3456-7789"
        f.address = "Jl. Melati No. 12"
        f.title = "Kebakaran rumah"
        let e = FeedEvent(time: t, source: "desk", payload: .action(ActionEvent(
            actionID: "c1", verb: .create, target: "INC-C-1", by: "siti", role: .operator, fields: f)))
        let line = FeedEventEncoder.line(for: e.maskingPersonalData)
        XCTAssertFalse(line.contains("Aminah"), line)
        XCTAssertFalse(line.contains("3456"), line)
        XCTAssertFalse(line.contains("No. 12"), line)
        XCTAssertTrue(line.contains(#""caller_name":"Bu S***""#), line)
        XCTAssertTrue(line.contains(#""caller_phone":"0812-****-789""#), line)
        XCTAssertTrue(line.contains(#""address":"Jl. Melati No. **""#), line)
        XCTAssertTrue(line.contains(#""title":"Kebakaran rumah""#), line)
        XCTAssertTrue(FeedEventEncoder.line(for: e).contains("Aminah"), "the journal keeps the real data")
        let traffic = FeedEvent(time: t, payload: .traffic(TrafficUpdate(segment: "s", road: "Jl. 12")))
        XCTAssertEqual(FeedEventEncoder.line(for: traffic.maskingPersonalData), FeedEventEncoder.line(for: traffic))
    }
}
