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
