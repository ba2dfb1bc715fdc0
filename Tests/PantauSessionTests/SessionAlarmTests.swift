import PantauCore
import PantauSession
import PantauUI
import XCTest

/// What a console does when an alarm is raised, decided without a terminal.
final class SessionAlarmTests: XCTestCase {
    func testBellAndFlashAreForOperatorsAndSupervisorsUnlessQuiet() {
        let both = AlarmResponse(bell: true, flash: true)
        XCTAssertEqual(SessionCommand.alert(for: both, role: .operator, quiet: false), .alert(bell: true, flash: true))
        XCTAssertEqual(SessionCommand.alert(for: both, role: .supervisor, quiet: false), .alert(bell: true, flash: true))
        XCTAssertNil(SessionCommand.alert(for: both, role: .viewer, quiet: false), "a wallboard never rings")
        XCTAssertNil(SessionCommand.alert(for: both, role: .supervisor, quiet: true), "--quiet-alarms")
        XCTAssertEqual(SessionCommand.alert(for: AlarmResponse(bell: false, flash: true), role: .operator, quiet: false),
                       .alert(bell: false, flash: true))
        XCTAssertEqual(SessionCommand.alert(for: AlarmResponse(bell: true, flash: false), role: .operator, quiet: false),
                       .alert(bell: true, flash: false))
        XCTAssertNil(SessionCommand.alert(for: AlarmResponse(bell: false, flash: false), role: .operator, quiet: false))
    }

    func testPantauItselfIsASupervisorAtTheConsole() {
        let system = ConsoleIdentity.system(console: "ruang-kendali")
        XCTAssertEqual(system.user, "pantau")
        XCTAssertEqual(system.role, .supervisor)
        XCTAssertEqual(system.console, "ruang-kendali")
    }
}
