import PantauCore
import XCTest

final class GroupedCountTests: XCTestCase {
    func testGroupsOfThreeFromTheRight() {
        XCTAssertEqual(GroupedCount.text(0), "0")
        XCTAssertEqual(GroupedCount.text(999), "999")
        XCTAssertEqual(GroupedCount.text(1000), "1,000")
        XCTAssertEqual(GroupedCount.text(960_000), "960,000")
        XCTAssertEqual(GroupedCount.text(1_234_567), "1,234,567")
        XCTAssertEqual(GroupedCount.text(-1_234), "-1,234")
        XCTAssertEqual(GroupedCount.text(Int.min), "-9,223,372,036,854,775,808")
    }
}
