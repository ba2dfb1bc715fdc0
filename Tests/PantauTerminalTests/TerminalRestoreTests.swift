import Foundation
import PantauTerminal
import XCTest

/// What a crash writes to give the terminal back, and the process's SIGPIPE policy.
final class TerminalRestoreTests: XCTestCase {
    func testXtermGetsEveryModeTheScreenSetUndone() throws {
        let bytes = try XCTUnwrap(TerminalScreen.restoreSequence(forTerm: "xterm-256color", mouse: true))
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertEqual(text, "\u{1B}(B\u{1B}[m"                                 // sgr0: attributes off
                       + "\u{1B}[39;49m"                                        // op: default colours
                       + "\u{1B}[?1006l\u{1B}[?1003l\u{1B}[?1002l\u{1B}[?1000l" // mouse reports off
                       + "\u{1B}[?12l\u{1B}[?25h"                               // cnorm: cursor shown
                       + "\u{1B}[?1l\u{1B}>"                                    // rmkx: keypad mode off
                       + "\u{1B}[?1049l\u{1B}[23;0;0t")                         // rmcup: normal screen
    }

    func testWithoutMouseNoMouseSequence() throws {
        let text = String(decoding: try XCTUnwrap(TerminalScreen.restoreSequence(forTerm: "xterm-256color", mouse: false)),
                          as: UTF8.self)
        XCTAssertFalse(text.contains("\u{1B}[?1000l"), text)
        XCTAssertTrue(text.hasSuffix("\u{1B}[?1049l\u{1B}[23;0;0t"), text)
    }

    /// vt100 has no alternate screen: the screen is cleared instead, and terminfo's padding
    /// (`$<50>` after `clear`, `$<2>` after `sgr0`) is not written out as text.
    func testATerminalWithoutAlternateScreenIsClearedAndPaddingLeftOut() throws {
        for term in ["vt100", "linux"] {
            let text = String(decoding: try XCTUnwrap(TerminalScreen.restoreSequence(forTerm: term, mouse: false)), as: UTF8.self)
            XCTAssertTrue(text.hasSuffix("\u{1B}[H\u{1B}[J"), "\(term): \(text.debugDescription)")
            XCTAssertFalse(text.contains("$<"), "\(term): \(text.debugDescription)")
            XCTAssertFalse(text.contains("1049"), "\(term): \(text.debugDescription)")
        }
    }

    func testAnUnknownTerminalHasNoSequence() {
        XCTAssertNil(TerminalScreen.restoreSequence(forTerm: "no-such-terminal-pantau", mouse: true))
    }

    /// With the policy, writing to a pipe nobody reads fails with EPIPE; without it, SIGPIPE
    /// (at its default here) would end this test process.
    func testWritingToAClosedPipeIsAnErrorNotDeath() {
        signal(SIGPIPE, SIG_DFL)
        ProcessSignals.installBrokenPipePolicy()
        var fds: [Int32] = [-1, -1]
        XCTAssertEqual(pipe(&fds), 0)
        close(fds[0])
        defer { close(fds[1]) }
        let byte: [UInt8] = [0x41]
        let written = write(fds[1], byte, 1)
        let error = errno
        XCTAssertEqual(written, -1)
        XCTAssertEqual(error, EPIPE)
    }
}
