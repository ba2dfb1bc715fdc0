import PantauCore
import XCTest

/// The optional `"exercise": true` of incident events and of the `create` action: read, written
/// back, absent when false, and a wrong type skipped.
final class ExerciseMarkingTests: XCTestCase {
    let decoder = FeedLineDecoder()

    func testAnExerciseIncidentRoundTrips() throws {
        let line = #"{"v":1,"ts":"2026-11-23T12:00:00+07:00","kind":"incident","id":"INC-X-2","category":"medical","severity":3,"status":"new","title":"Simulasi","exercise":true}"#
        guard case .event(let e) = decoder.decode(line), case .incident(let u) = e.payload else { return XCTFail(line) }
        XCTAssertTrue(u.exercise)
        XCTAssertEqual(FeedEventEncoder.line(for: e), line)
        guard case .event(let plain) = decoder.decode(line.replacingOccurrences(of: #","exercise":true"#, with: #","exercise":false"#)),
              case .incident(let p) = plain.payload else { return XCTFail(line) }
        XCTAssertFalse(p.exercise)
        XCTAssertFalse(FeedEventEncoder.line(for: plain).contains("exercise"))
    }

    func testAnExerciseCallRoundTrips() throws {
        let line = #"{"v":1,"ts":"2026-11-23T10:50:00+07:00","kind":"action","action_id":"d1-3","verb":"create","target":"INC-X-1","by":"siti","role":"operator","severity":5,"category":"flood","title":"Latihan banjir","exercise":true}"#
        guard case .event(let e) = decoder.decode(line), case .action(let a) = e.payload else { return XCTFail(line) }
        XCTAssertEqual(a.fields.exercise, true)
        XCTAssertEqual(FeedEventEncoder.line(for: e), line)
    }

    func testAnExerciseFieldThatIsNotABooleanIsSkipped() {
        let line = #"{"v":1,"ts":"2026-11-23T12:00:00+07:00","kind":"incident","id":"INC-X-2","exercise":"yes"}"#
        guard case .skip(let reason, let field) = decoder.decode(line) else { return XCTFail(line) }
        XCTAssertEqual(reason, .wrongType)
        XCTAssertEqual(field, "exercise")
    }
}
