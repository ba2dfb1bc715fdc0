import Foundation
@testable import PantauJournal
import XCTest

/// Temporary journals left by processes that were killed or crashed are removed by the next one;
/// those of live processes, recent ones and journals still open are not.
final class AbandonedTemporaryJournalsTests: JournalTestCase {
    /// A PID above Linux's largest (2^22): no process has it.
    let deadPID: Int32 = 0x3FFF_FFF0
    let old = Date().addingTimeInterval(-3600)

    private func name(pid: Int32) -> String { "pantau-journal-\(pid)-\(UUID().uuidString).sqlite" }

    /// Creates `main` + each of `suffixes` in the scratch directory, last changed at `date`.
    private func files(_ main: String, _ suffixes: [String], changed date: Date) throws {
        for suffix in suffixes {
            let p = path(main + suffix)
            XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data("x".utf8)))
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: p)
        }
    }

    private func exists(_ file: String) -> Bool { FileManager.default.fileExists(atPath: path(file)) }

    func testAJournalOfAProcessGoneIsRemovedWithItsCompanions() throws {
        let main = name(pid: deadPID)
        try files(main, ["", "-wal", "-shm", "-notify"], changed: old)
        // Companions whose main file went already.
        let orphan = name(pid: deadPID)
        try files(orphan, ["-notify", "-wal"], changed: old)
        XCTAssertEqual(Set(AbandonedTemporaryJournals.remove(in: directory)), [main, orphan])
        for suffix in ["", "-wal", "-shm", "-notify"] {
            XCTAssertFalse(exists(main + suffix), main + suffix)
            XCTAssertFalse(exists(orphan + suffix), orphan + suffix)
        }
    }

    func testJournalsOfLiveProcessesRecentOnesAndOtherFilesStay() throws {
        let mine = name(pid: getpid())
        let init1 = name(pid: 1)
        let recent = name(pid: deadPID)
        try files(mine, ["", "-wal"], changed: old)
        try files(init1, [""], changed: old)
        try files(recent, ["-notify"], changed: old)
        try files(recent, [""], changed: Date())
        let others = ["pantau-journal-12-not-a-uuid.sqlite", "journal.sqlite", "pantau-journal-\(deadPID)-\(UUID().uuidString).txt",
                      "pantau-journal-tests-\(UUID().uuidString)"]
        for other in others { try files(other, [""], changed: old) }
        XCTAssertEqual(AbandonedTemporaryJournals.remove(in: directory), [])
        for file in [mine, mine + "-wal", init1, recent, recent + "-notify"] + others {
            XCTAssertTrue(exists(file), file)
        }
    }

    func testAJournalStillOpenStaysAndGoesOnceClosed() throws {
        // Named as a gone process's, but open in another process (the sqlite3 shell, which
        // keeps its connection while its input is open): SQLite's lock on its shared memory says so.
        // (Another process: closing any descriptor of a file drops this process's own record
        // locks on it, so the check never looks at this process's journals; see the type.)
        let main = name(pid: deadPID)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        shell.arguments = ["sqlite3", path(main)]
        let input = Pipe()
        shell.standardInput = input
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        input.fileHandleForWriting.write(Data("PRAGMA journal_mode=WAL;\nCREATE TABLE t(x);\nINSERT INTO t VALUES (1);\n".utf8))
        let deadline = Date().addingTimeInterval(30)
        while !exists(main + "-shm") || !AbandonedTemporaryJournals.sharedMemoryIsOpen(path(main + "-shm")) {
            XCTAssertTrue(shell.isRunning, "sqlite3 ended early (status \(shell.terminationStatus))")
            guard Date() < deadline, shell.isRunning else { return XCTFail("sqlite3 never opened \(main) in WAL mode") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        func age() throws {
            for suffix in ["", "-wal", "-shm", "-notify"] where exists(main + suffix) {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path(main + suffix))
            }
        }
        try age()
        XCTAssertEqual(AbandonedTemporaryJournals.remove(in: directory), [])
        XCTAssertTrue(exists(main))

        try input.fileHandleForWriting.close()
        shell.waitUntilExit()
        try age()
        XCTAssertEqual(AbandonedTemporaryJournals.remove(in: directory), [main])
        XCTAssertFalse(exists(main))
    }

    func testNamesAreReadStrictly() {
        let uuid = UUID().uuidString
        XCTAssertEqual(AbandonedTemporaryJournals.mainName(of: "pantau-journal-7-\(uuid).sqlite-wal"), "pantau-journal-7-\(uuid).sqlite")
        XCTAssertEqual(AbandonedTemporaryJournals.processID(in: "pantau-journal-7-\(uuid).sqlite"), 7)
        XCTAssertNil(AbandonedTemporaryJournals.processID(in: "pantau-journal-0-\(uuid).sqlite"))
        XCTAssertNil(AbandonedTemporaryJournals.processID(in: "pantau-journal-x-\(uuid).sqlite"))
        XCTAssertNil(AbandonedTemporaryJournals.processID(in: "pantau-journal-99999999999-\(uuid).sqlite"))
        XCTAssertNil(AbandonedTemporaryJournals.mainName(of: "pantau-journal-7-\(uuid).sqlite-journal"))
    }
}
