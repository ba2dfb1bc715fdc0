import Foundation
import PantauSession
import XCTest

/// Who a console's actions name when `--user` is not given.
final class ConsoleIdentityTests: XCTestCase {
    func testTheLoginNameComesFromUserThenLognameThenTheUserDatabase() {
        XCTAssertEqual(ConsoleIdentity.loginName(environment: ["USER": "siti", "LOGNAME": "budi"]), "siti")
        XCTAssertEqual(ConsoleIdentity.loginName(environment: ["USER": "", "LOGNAME": "budi"]), "budi")
        // Neither set (a container, a service): the system's name for uid 0 is root, not "unknown".
        XCTAssertEqual(ConsoleIdentity.loginName(environment: [:], userID: 0), "root")
        // A uid with no entry in the user database.
        XCTAssertEqual(ConsoleIdentity.loginName(environment: [:], userID: 4_000_000_000), "unknown")
    }
}
