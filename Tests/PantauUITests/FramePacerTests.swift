import XCTest
@testable import PantauUI

final class FramePacerTests: XCTestCase {
    /// Draws the first frame, then reports data changes every `step` seconds for one second
    /// (waking only when the pacer says), and returns when frames were drawn.
    private func dataFrames(_ pacer: inout FramePacer, step: Double) -> [Double] {
        var drawn: [Double] = []
        var t = 0.0
        if pacer.frameDue(now: t) { pacer.frameDrawn(now: t) }
        while t < 1 {
            t += step
            pacer.dataChanged()
            if pacer.frameDue(now: t) {
                pacer.frameDrawn(now: t)
                drawn.append(t)
            }
        }
        return drawn
    }

    func testLiveDataFramesFollowAStreamOfEventsWithinAThirtiethOfASecond() {
        var pacer = FramePacer(now: 0, dataInterval: FramePacer.liveDataInterval)
        let drawn = dataFrames(&pacer, step: 0.001)
        // Every event is on screen by the next frame: no gap between frames exceeds the interval
        // (plus the 1 ms step).
        XCTAssertGreaterThanOrEqual(drawn.count, 28, "\(drawn)")
        for (a, b) in zip(drawn, drawn.dropFirst()) {
            XCTAssertLessThanOrEqual(b - a, FramePacer.liveDataInterval + 0.0011, "\(drawn)")
        }
    }

    func testReplayDataFramesStayAtFourASecond() {
        var pacer = FramePacer(now: 0)
        let drawn = dataFrames(&pacer, step: 0.001)
        XCTAssertEqual(drawn.count, 4, "\(drawn)")
        for (a, b) in zip(drawn, drawn.dropFirst()) {
            XCTAssertGreaterThanOrEqual(b - a, FramePacer.dataInterval - 1e-9, "\(drawn)")
        }
    }

    func testNothingIsOwedOrWokenForWhileNothingChanges() {
        var pacer = FramePacer(now: 0, dataInterval: FramePacer.liveDataInterval)
        XCTAssertTrue(pacer.frameDue(now: 0))
        pacer.frameDrawn(now: 0)
        for t in stride(from: 0.01, through: 5, by: 0.01) {
            pacer.tick(now: t, blinking: false)
            XCTAssertFalse(pacer.frameDue(now: t), "a frame at \(t) with nothing new")
        }
        XCTAssertNil(pacer.secondsToWake(now: 5, blinking: false))
        // Data after a quiet spell is drawn at once, not a frame interval later.
        pacer.dataChanged()
        XCTAssertTrue(pacer.frameDue(now: 5))
    }

    func testAnOwedDataFrameWakesTheLoopWhenItIsDue() {
        var pacer = FramePacer(now: 0, dataInterval: FramePacer.liveDataInterval)
        pacer.frameDrawn(now: 1)
        pacer.dataChanged()
        XCTAssertFalse(pacer.frameDue(now: 1.01))
        let wake = try? XCTUnwrap(pacer.secondsToWake(now: 1.01, blinking: false))
        XCTAssertEqual(wake ?? -1, FramePacer.liveDataInterval - 0.01, accuracy: 1e-9)
        XCTAssertTrue(pacer.frameDue(now: 1 + FramePacer.liveDataInterval))
    }
}
