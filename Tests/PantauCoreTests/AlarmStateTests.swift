import XCTest
@testable import PantauCore

/// Alarms in the state: raised and cleared by `kind: alarm` events (idempotently, once per
/// episode), acknowledged, noted and made into incidents by actions, ordered for the pane, and
/// let go once finished.
final class AlarmStateTests: XCTestCase, StateEventFactory {
    func alarm(_ id: String, rule: String = "water", subject: String = "pa-sepuluh", _ state: AlarmTransition,
               _ minutes: Double, severity: Int = 4, value: Double? = nil) -> FeedEvent {
        FeedEvent(time: at(minutes), source: "rules", payload: .alarm(AlarmEvent(
            id: id, rule: rule, transition: state, severity: severity, subject: subject, title: "\(subject) \(rule)",
            value: value, level: "Siaga 2")))
    }

    func testRaiseAndClearAreIdempotentAndOncePerEpisode() throws {
        var s = CityState()
        s.apply(alarm("a1", .raised, 0, value: 390))
        s.apply(alarm("a1", .raised, 1, value: 391))
        // Another raise of the same rule on the same subject while a1 is active: ignored.
        s.apply(alarm("a2", .raised, 2))
        XCTAssertEqual(s.alarms.count, 1)
        XCTAssertEqual(s.alarms["a1"]?.raisedAt, at(0))
        XCTAssertEqual(s.activeAlarm(rule: "water", subject: "pa-sepuluh")?.id, "a1")
        // The same rule on another subject is its own alarm.
        s.apply(alarm("b1", subject: "pa-cisadane", .raised, 3))
        XCTAssertEqual(s.activeAlarmIDs.count, 2)
        XCTAssertEqual(s.unacknowledgedAlarmCount, 2)

        s.apply(alarm("a1", .cleared, 10, value: 340))
        s.apply(alarm("a1", .cleared, 11, value: 330))
        s.apply(alarm("zz", .cleared, 12))
        let a1 = try XCTUnwrap(s.alarms["a1"])
        XCTAssertEqual(a1.clearedAt, at(10))
        XCTAssertEqual(a1.clearValue, 340)
        XCTAssertFalse(a1.isActive)
        XCTAssertNil(s.activeAlarm(rule: "water", subject: "pa-sepuluh"))
        XCTAssertEqual(a1.timeline.entries.map(\.text), ["status → raised", "status → cleared"])
        // A new episode after the clear is a new alarm.
        s.apply(alarm("a3", .raised, 20))
        XCTAssertEqual(s.activeAlarm(rule: "water", subject: "pa-sepuluh")?.id, "a3")
        XCTAssertNil(s.alarms["zz"])
    }

    func testAcknowledgeAndNoteCheckRoleTargetAndFit() throws {
        var s = CityState()
        s.apply(alarm("a1", .raised, 0))
        s.apply(action("x1", .acknowledgeAlarm, "a1", 1, by: "tamu", role: .viewer))
        XCTAssertEqual(s.actionOutcomes["x1"]?.reason, "acknowledge_alarm needs the operator role")
        s.apply(action("x2", .acknowledgeAlarm, "nope", 1, role: .operator))
        XCTAssertEqual(s.actionOutcomes["x2"]?.reason, "no alarm nope")
        s.apply(action("x3", .acknowledgeAlarm, "a1", 2, by: "siti", role: .operator) { $0.note = "Sudah dicek" })
        XCTAssertEqual(s.actionOutcomes["x3"], .accepted)
        s.apply(action("x4", .acknowledgeAlarm, "a1", 3, by: "budi"))
        XCTAssertEqual(s.actionOutcomes["x4"]?.reason, "already acknowledged by siti at 08:02")
        s.apply(action("x5", .noteAlarm, "a1", 4, role: .operator) { $0.note = "  " })
        XCTAssertEqual(s.actionOutcomes["x5"]?.reason, "note_alarm needs text")
        s.apply(action("x6", .noteAlarm, "a1", 5, by: "siti", role: .operator) { $0.note = "Pompa dinyalakan" })
        let a1 = try XCTUnwrap(s.alarms["a1"])
        XCTAssertEqual(a1.acknowledgedBy, "siti")
        XCTAssertEqual(a1.acknowledgedAt, at(2))
        XCTAssertEqual(a1.version, 2)
        XCTAssertEqual(a1.lastAction?.text, "siti added a note at 08:05")
        XCTAssertEqual(a1.notes.map(\.text), ["note: Sudah dicek · siti", "note: Pompa dinyalakan · siti"])
        XCTAssertEqual(s.unacknowledgedAlarmCount, 0)
        // Applied twice: nothing changes.
        s.apply(action("x6", .noteAlarm, "a1", 6, by: "siti", role: .operator) { $0.note = "Pompa dinyalakan" })
        XCTAssertEqual(s.alarms["a1"]?.notes.count, 2)
    }

    func testAnIncidentFromAnAlarmIsLinkedBothWays() throws {
        var s = CityState()
        var reading = SensorReading(station: "pa-sepuluh", sensor: .waterLevel, value: 390)
        reading.place.district = "Tangerang"
        reading.place.location = GeoPoint(lat: -6.17, lon: 106.63)
        s.apply(FeedEvent(time: at(0), payload: .sensor(reading)))
        s.apply(alarm("a1", .raised, 1, severity: 4))
        s.apply(action("i0", .incidentFromAlarm, "a1", 2, role: .operator) { $0.incident = "INC-A-1" })
        XCTAssertEqual(s.actionOutcomes["i0"]?.reason, "incident_from_alarm needs the supervisor role")
        s.apply(action("i1", .incidentFromAlarm, "a1", 2))
        XCTAssertEqual(s.actionOutcomes["i1"]?.reason, "incident_from_alarm needs an incident id")
        s.apply(incident("INC-1", 2) { $0.title = "Banjir" })
        s.apply(action("i2", .incidentFromAlarm, "a1", 3) { $0.incident = "INC-1" })
        XCTAssertEqual(s.actionOutcomes["i2"]?.reason, "INC-1 already exists")
        s.apply(action("i3", .incidentFromAlarm, "a1", 4, by: "budi") { $0.incident = "INC-A-1" })
        XCTAssertEqual(s.actionOutcomes["i3"], .accepted)
        let inc = try XCTUnwrap(s.incidents["INC-A-1"])
        XCTAssertEqual(inc.category, .flood)
        XCTAssertEqual(inc.severity, 4)
        XCTAssertEqual(inc.title, "pa-sepuluh water")
        XCTAssertEqual(inc.district, "Tangerang")
        XCTAssertEqual(inc.location, GeoPoint(lat: -6.17, lon: 106.63))
        XCTAssertEqual(inc.status, .new)
        XCTAssertEqual(inc.alarmID, "a1")
        XCTAssertEqual(inc.reportedAt, at(4))
        XCTAssertTrue(s.openIncidentIDs.contains("INC-A-1"))
        XCTAssertEqual(s.alarms["a1"]?.incidentID, "INC-A-1")
        s.apply(action("i4", .incidentFromAlarm, "a1", 5) { $0.incident = "INC-A-2" })
        XCTAssertEqual(s.actionOutcomes["i4"]?.reason, "INC-A-1 was already made from a1")
        XCTAssertNil(s.incidents["INC-A-2"])
    }

    func testPaneOrderPutsWhatNeedsAttentionFirst() {
        var s = CityState()
        s.apply(alarm("low-old", subject: "s1", .raised, 0, severity: 2))
        s.apply(alarm("high", subject: "s2", .raised, 1, severity: 5))
        s.apply(alarm("low-new", subject: "s3", .raised, 2, severity: 2))
        s.apply(alarm("acked", subject: "s4", .raised, 3, severity: 5))
        s.apply(action("k", .acknowledgeAlarm, "acked", 4, role: .operator))
        s.apply(alarm("cleared", subject: "s5", .raised, 5, severity: 5))
        s.apply(alarm("cleared", subject: "s5", .cleared, 6))
        XCTAssertEqual(s.alarmsInPaneOrder.map(\.id), ["high", "low-new", "low-old", "acked", "cleared"])
    }

    func testFinishedAlarmsAreLetGoAfterTheRetention() {
        var s = CityState()
        s.apply(alarm("done", subject: "s1", .raised, 0))
        s.apply(action("k", .acknowledgeAlarm, "done", 1, role: .operator))
        s.apply(alarm("done", subject: "s1", .cleared, 2))
        s.apply(alarm("unattended", subject: "s2", .raised, 0))
        s.apply(alarm("unattended", subject: "s2", .cleared, 3))
        s.apply(alarm("active", subject: "s3", .raised, 0))
        s.sweep(asOf: at(60 * 23))
        XCTAssertEqual(s.alarms.count, 3)
        s.sweep(asOf: at(60 * 26))
        XCTAssertEqual(Set(s.alarms.keys), ["unattended", "active"])
        XCTAssertEqual(s.evictedCount, 1)
        s.sweep(asOf: at(60 * 24 * 8))
        XCTAssertEqual(Set(s.alarms.keys), ["active"], "an active alarm stays however old")
    }

    func testTheLastClearOnARecordLetGoIsForgottenAndOnesOnSubjectsStillHeldAreKept() {
        var s = CityState()
        s.apply(incident("INC-1", 0) { $0.severity = 4; $0.status = .new; $0.title = "Banjir" })
        s.apply(incident("INC-2", 0) { $0.severity = 4; $0.status = .new; $0.title = "Kebakaran" })
        s.apply(FeedEvent(time: at(0), payload: .sensor(SensorReading(station: "pa-sepuluh", sensor: .waterLevel, value: 390))))
        for (id, subject) in [("u1", "INC-1"), ("u2", "INC-2")] {
            s.apply(alarm(id, rule: "unacknowledged", subject: subject, .raised, 5))
            s.apply(alarm(id, rule: "unacknowledged", subject: subject, .cleared, 10))
        }
        s.apply(alarm("w1", subject: "pa-sepuluh", .raised, 5))
        s.apply(alarm("w1", subject: "pa-sepuluh", .cleared, 10))
        s.apply(incident("INC-1", 30) { $0.status = .closed })
        XCTAssertEqual(s.lastAlarmClears.count, 3)
        s.sweep(asOf: at(60 * 23))
        XCTAssertEqual(s.lastAlarmClears.count, 3, "nothing let go within the retention")
        s.sweep(asOf: at(60 * 26))
        XCTAssertNil(s.incidents["INC-1"], "the closed incident is let go after the retention")
        XCTAssertEqual(Set(s.lastAlarmClears.keys), [Alarm.episodeKey(rule: "unacknowledged", subject: "INC-2"),
                                                     Alarm.episodeKey(rule: "water", subject: "pa-sepuluh")],
                       "the clear on the incident let go goes; the open incident's and the station's stay")
    }

    func testAStateWithAlarmsRoundTripsThroughTheCheckpointEncoding() throws {
        var s = CityState()
        s.apply(alarm("a1", .raised, 0, value: 390))
        s.apply(action("n", .noteAlarm, "a1", 1, role: .operator) { $0.note = "x" })
        s.apply(action("i", .incidentFromAlarm, "a1", 2) { $0.incident = "INC-A-1" })
        let data = try s.canonicalEncoding()
        let back = try CityState(canonicalEncoding: data)
        XCTAssertEqual(try back.canonicalEncoding(), data)
        XCTAssertEqual(back.alarms["a1"]?.incidentID, "INC-A-1")
        XCTAssertEqual(back.activeAlarm(rule: "water", subject: "pa-sepuluh")?.id, "a1")
    }

    func testAnEpisodeKeysSubjectIsReadBackWhateverItsText() {
        for (rule, subject) in [("water", "pa-sepuluh"), ("jam", "Jl. Daan Mogot · Batuceper/é"), ("r", ""), ("ünï", "👩‍🚒 unit")] {
            XCTAssertEqual(Alarm.subject(ofEpisodeKey: Alarm.episodeKey(rule: rule, subject: subject)), subject, rule)
        }
        XCTAssertNil(Alarm.subject(ofEpisodeKey: "no separator"))
    }
}
