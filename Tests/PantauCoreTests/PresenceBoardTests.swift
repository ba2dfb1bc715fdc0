import PantauCore
import XCTest

/// The presence board: records by console, the others on a target, expiry of records not
/// refreshed, and names from other processes cleaned.
final class PresenceBoardTests: XCTestCase {
    let t0 = Instant(millis: 1_800_000_000_000)

    func record(_ id: String, _ user: String, on target: PresenceTarget, _ activity: PresenceActivity = .viewing,
                since: Double = 0, seen: Double = 0) -> PresenceRecord {
        PresenceRecord(consoleID: id, user: user, console: "desk-\(id)", role: .operator, target: target, activity: activity,
                       since: t0.adding(seconds: since), lastSeen: t0.adding(seconds: seen))
    }

    func testOthersOnATargetExcludeTheConsoleItselfLongestThereFirst() {
        var board = PresenceBoard()
        board.update(record("1", "ani", on: .incident("INC-1"), since: 5))
        board.update(record("2", "budi", on: .incident("INC-1"), .writingNote, since: 2))
        board.update(record("3", "siti", on: .incident("INC-2")))
        board.update(record("4", "dewi", on: .alarm("INC-1")))
        XCTAssertEqual(board.others(on: .incident("INC-1"), excluding: "1").map(\.user), ["budi"])
        XCTAssertEqual(board.others(on: .incident("INC-1"), excluding: nil).map(\.user), ["budi", "ani"])
        XCTAssertEqual(board.others(on: .incident("INC-1"), excluding: nil).first?.sentence, "budi (desk-2) is writing a note")
        XCTAssertEqual(board.targets(of: .incident, excluding: "3"), ["INC-1"])
        XCTAssertEqual(board.targets(of: .alarm, excluding: nil), ["INC-1"], "an alarm is not the incident of the same id")

        // A console has one record: a newer one replaces it; one that leaves is removed.
        board.update(record("2", "budi", on: .incident("INC-2"), .dispatching))
        XCTAssertEqual(board.others(on: .incident("INC-1"), excluding: nil).map(\.user), ["ani"])
        XCTAssertEqual(board.others(on: .incident("INC-2"), excluding: nil).map(\.activity), [.dispatching, .viewing], "both since t0: by user")
        board.remove(console: "1")
        XCTAssertTrue(board.others(on: .incident("INC-1"), excluding: nil).isEmpty)
    }

    func testARecordNotRefreshedFor30SecondsIsGone() {
        var board = PresenceBoard([record("1", "ani", on: .incident("INC-1"), seen: 0),
                                   record("2", "budi", on: .incident("INC-1"), seen: 20)])
        XCTAssertFalse(board.expire(asOf: t0.adding(seconds: 29.9)))
        XCTAssertEqual(board.records.count, 2)
        XCTAssertTrue(board.expire(asOf: t0.adding(seconds: 30)), "ani's record, last seen 30 s ago, goes")
        XCTAssertEqual(board.others(on: .incident("INC-1"), excluding: nil).map(\.user), ["budi"])
        // A heartbeat keeps it: budi refreshed at 45 s stays at 70 s.
        board.update(record("2", "budi", on: .incident("INC-1"), seen: 45))
        XCTAssertFalse(board.expire(asOf: t0.adding(seconds: 70)))
        XCTAssertTrue(board.expire(asOf: t0.adding(seconds: 75)))
        XCTAssertTrue(board.records.isEmpty)
    }

    func testNamesFromOtherProcessesLoseControlCharactersAndLength() {
        let r = PresenceRecord(consoleID: "x", user: "bu\u{1B}[2Jdi\u{7}", console: "desk\u{202E}\u{9B}2" + String(repeating: "x", count: 40),
                               role: .viewer, target: .ticket("T-1"), activity: .viewing, since: t0, lastSeen: t0)
        XCTAssertEqual(r.user, "bu\u{FFFD}[2Jdi\u{FFFD}")
        XCTAssertFalse(r.console.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
        XCTAssertEqual(r.console.unicodeScalars.count, PresenceRecord.maxNameLength)
        XCTAssertEqual(PresenceRecord.clean("Budi Santoso"), "Budi Santoso")
    }

    func testEveryDeskVerbNamesAnActivityThatTravelsByItsName() {
        XCTAssertEqual(PresenceActivity(verb: .note), .writingNote)
        XCTAssertEqual(PresenceActivity(verb: .ticketNote), .writingNote)
        XCTAssertEqual(PresenceActivity(verb: .dispatch).phrase, "is dispatching")
        for activity in PresenceActivity.allCases {
            XCTAssertEqual(PresenceActivity(rawValue: activity.rawValue), activity)
            XCTAssertTrue(activity.phrase.hasPrefix("is "), activity.phrase)
        }
    }
}
