import PantauTestSupport
import XCTest
@testable import PantauCore

/// The rule evaluator: every kind of rule raises and clears, once per episode, at the times
/// the rule gives (not when the evaluator ran), with hysteresis and minimum durations.
final class RuleEvaluatorTests: XCTestCase, StateEventFactory {
    /// Plays `events` (in order, each at its own time) and evaluates `rules` before each event
    /// at its time, or only at the multiples of `every` seconds, or (`every` 0) only once at
    /// `end`; the transitions are applied as a session applies them. Returns every transition.
    func play(_ events: [FeedEvent], _ rules: [AlertRule], every: Double? = nil, end: Instant? = nil,
              state initial: CityState = CityState()) -> (events: [FeedEvent], state: CityState) {
        var state = initial
        let evaluator = RuleEvaluator(rules: rules)
        var out: [FeedEvent] = []
        func evaluate(_ now: Instant) {
            for t in evaluator.transitions(in: state, now: now) {
                state.apply(t)
                out.append(t)
            }
        }
        var nextTick = events.first.map { Instant(millis: ($0.time.millis / 1000 / Int64(max(1, every ?? 1))) * 1000 * Int64(max(1, every ?? 1))) }
        for e in events {
            if let every, every > 0 {
                while let tick = nextTick, tick < e.time {
                    evaluate(tick)
                    nextTick = tick.adding(seconds: every)
                }
            } else if every == nil {
                evaluate(e.time)
            }
            state.applyPlayed(e)
        }
        let last = end ?? events.last?.time ?? t0
        if let every, every > 0 {
            while let tick = nextTick, tick <= last {
                evaluate(tick)
                nextTick = tick.adding(seconds: every)
            }
        }
        evaluate(last)
        return (out, state)
    }

    func gauge(_ minutes: Double, _ cm: Double, station: String = "pa-sepuluh") -> FeedEvent {
        FeedEvent(time: at(minutes), source: "bmkg", payload: .sensor(SensorReading(station: station, sensor: .waterLevel, value: cm)))
    }

    func jam(_ minutes: Double, _ level: Int, segment: String = "daan-mogot-01", road: String = "Jl. Daan Mogot") -> FeedEvent {
        var u = TrafficUpdate(segment: segment, road: road)
        u.jamLevel = level
        return FeedEvent(time: at(minutes), source: "waze", payload: .traffic(u))
    }

    func summary(_ events: [FeedEvent]) -> [String] {
        events.map { e in
            guard case .alarm(let a) = e.payload else { return "?" }
            return "\(a.transition.rawValue) \(a.subject) \(CivilTime(e.time).shortClockText)"
        }
    }

    // Pintu Air Sepuluh: Siaga 3 at 300 cm, Siaga 2 at 380, Siaga 1 at 450.
    let siaga2 = AlertRule(name: "water-siaga2", severity: 4,
                           condition: .band(kind: .waterLevel, raise: .flood(.siaga2), clear: .below(.flood(.siaga3)), stations: []),
                           minDuration: 600)

    func testABandRuleRaisesAfterItsMinimumDurationAndClearsBelowTheLowerBand() throws {
        let events = [gauge(0, 290), gauge(5, 385), gauge(10, 390), gauge(15, 395), gauge(20, 350), gauge(25, 310), gauge(30, 295)]
        let (out, state) = play(events, [siaga2])
        XCTAssertEqual(summary(out), ["raised pa-sepuluh 08:15", "cleared pa-sepuluh 08:30"])
        guard case .alarm(let raise) = out[0].payload, case .alarm(let clear) = out[1].payload else { return XCTFail() }
        XCTAssertEqual(raise.id, Alarm.id(rule: "water-siaga2", subject: "pa-sepuluh", episodeStart: at(5)))
        XCTAssertEqual(raise.id, "alarm-water-siaga2-pa-sepuluh-\(at(5).millis / 1000)")
        XCTAssertEqual(clear.id, raise.id)
        XCTAssertEqual(raise.level, "Siaga 2 Siaga")
        // The value when it was raised: the last reading before 08:15.
        XCTAssertEqual(raise.value, 390)
        XCTAssertEqual(raise.title, "pa-sepuluh at Siaga 2 Siaga for 10m")
        XCTAssertEqual(clear.value, 295)
        XCTAssertEqual(raise.severity, 4)
        XCTAssertEqual(out[0].source, RuleEvaluator.source)
        XCTAssertFalse(try XCTUnwrap(state.alarms[raise.id]).isActive)
    }

    func testMinimumDurationEdges() {
        // Below the level again one reading before the duration: nothing. Exactly at the duration: raised.
        XCTAssertEqual(summary(play([gauge(0, 385), gauge(9, 370), gauge(20, 300)], [siaga2]).events), [])
        XCTAssertEqual(summary(play([gauge(0, 385), gauge(10, 370), gauge(20, 299)], [siaga2]).events),
                       ["raised pa-sepuluh 08:10", "cleared pa-sepuluh 08:20"])
        // Not due before its time: evaluated at 08:09:59 nothing is raised yet.
        XCTAssertEqual(summary(play([gauge(0, 385)], [siaga2], end: at(9.99)).events), [])
        XCTAssertEqual(summary(play([gauge(0, 385)], [siaga2], end: at(10)).events), ["raised pa-sepuluh 08:10"])
        // With no minimum duration, the reading itself raises.
        var instant = siaga2
        instant.minDuration = 0
        XCTAssertEqual(summary(play([gauge(0, 300), gauge(3, 380)], [instant]).events), ["raised pa-sepuluh 08:03"])
    }

    func testHysteresisHoldsTheAlarmBetweenTheLevels() {
        // Back to Siaga 3 (300…379) holds the alarm; only below 300 clears it.
        let events = [gauge(0, 385), gauge(10, 385), gauge(15, 379), gauge(20, 301), gauge(25, 385), gauge(40, 300), gauge(45, 299)]
        XCTAssertEqual(summary(play(events, [siaga2]).events), ["raised pa-sepuluh 08:10", "cleared pa-sepuluh 08:45"])
    }

    func testAFlappingGaugeRaisesOneAlarmNotDozens() {
        // Seeded: oscillating around Siaga 2 (380 cm) every reading for four hours, after a first
        // quarter hour above it.
        let seed = SeededRandom.seed(default: 0x5EED_A1A1)
        print(SeededRandom.describe(seed))
        var rng = SeededRandom(seed: seed)
        var events = (0...3).map { gauge(Double($0) * 5, 385) }
        for k in 4..<48 { events.append(gauge(Double(k) * 5, 380 + Double(Int.random(in: -15...15, using: &rng)) + (k % 2 == 0 ? 4 : -4))) }
        events.append(gauge(245, 250))
        let out = summary(play(events, [siaga2]).events)
        XCTAssertEqual(out, ["raised pa-sepuluh 08:10", "cleared pa-sepuluh 12:05"], SeededRandom.describe(seed))
        // With the clear level at the raise level (no hysteresis), the same gauge raises again and again.
        var flappy = siaga2
        flappy.condition = .band(kind: .waterLevel, raise: .flood(.siaga2), clear: .belowValue(380), stations: [])
        flappy.minDuration = 0
        XCTAssertGreaterThan(summary(play(events, [flappy]).events).count, 10, SeededRandom.describe(seed))
    }

    func testTheSameAlarmsWhetherEvaluatedEveryEventEveryMinuteOrOnlyAtTheEnd() {
        let seed = SeededRandom.seed(default: 0x5EED_A1A2)
        print(SeededRandom.describe(seed))
        var rng = SeededRandom(seed: seed)
        var events: [FeedEvent] = []
        var cm = 300.0
        for k in 0..<45 {
            cm += Double(Int.random(in: -20...30, using: &rng))
            events.append(gauge(Double(k) * 5, cm))
            events.append(gauge(Double(k) * 5 + 1, cm - 50, station: "situ-cipondoh"))
            events.append(jam(Double(k) * 5 + 2, Int.random(in: 2...5, using: &rng)))
        }
        let rules = [siaga2,
                     AlertRule(name: "rise", severity: 3, condition: .rateOfRise(kind: .waterLevel, raise: 60, clear: 20, window: 1800, stations: []), minDuration: 300),
                     AlertRule(name: "jam", severity: 3, condition: .jam(raise: 4, clear: 3, roads: []), minDuration: 600)]
        let everyEvent = summary(play(events, rules).events)
        XCTAssertGreaterThan(everyEvent.count, 3, "the history raises something: \(SeededRandom.describe(seed))")
        XCTAssertEqual(summary(play(events, rules, every: 60).events), everyEvent, SeededRandom.describe(seed))
        XCTAssertEqual(summary(play(events, rules, every: 1800).events), everyEvent, SeededRandom.describe(seed))
        // Only at the end: the same as long as the state still keeps the history (a segment keeps
        // its last 16 jam changes): the first hour.
        let hour = Array(events.prefix(36))
        let firstHour = summary(play(hour, rules).events)
        XCTAssertGreaterThan(firstHour.count, 1, SeededRandom.describe(seed))
        XCTAssertEqual(summary(play(hour, rules, every: 0).events), firstHour, SeededRandom.describe(seed))
    }

    func testAThresholdRule() {
        let rule = AlertRule(name: "rain", severity: 3, condition: .threshold(kind: .rainfall, raise: 20, clear: 10, stations: ["arg-ciledug"]))
        func rain(_ m: Double, _ mm: Double, _ station: String = "arg-ciledug") -> FeedEvent {
            FeedEvent(time: at(m), payload: .sensor(SensorReading(station: station, sensor: .rainfall, value: mm)))
        }
        let out = play([rain(0, 5), rain(5, 25, "arg-other"), rain(10, 20), rain(15, 12), rain(20, 9.5)], [rule]).events
        XCTAssertEqual(summary(out), ["raised arg-ciledug 08:10", "cleared arg-ciledug 08:20"])
    }

    func testARateOfRiseRule() {
        let rule = AlertRule(name: "rise", severity: 3, condition: .rateOfRise(kind: .waterLevel, raise: 60, clear: 20, window: 3600, stations: []))
        // +5 cm per 5 min (60 cm/h) from 08:30 to 09:30, flat from then: the rise over the hour
        // before falls below 20 cm at 10:15.
        var events = (0...6).map { gauge(Double($0) * 5, 200) }
        events += (7...18).map { gauge(Double($0) * 5, 200 + Double($0 - 6) * 5) }
        events += (19...40).map { gauge(Double($0) * 5, 260) }
        let out = play(events, [rule]).events
        XCTAssertEqual(summary(out), ["raised pa-sepuluh 09:30", "cleared pa-sepuluh 10:15"])
        if case .alarm(let a) = out[0].payload { XCTAssertEqual(a.title, "pa-sepuluh rising 60 cm/h") }
    }

    func testAnISPUBandRule() {
        let rule = AlertRule(name: "air", severity: 3,
                             condition: .band(kind: .ispu, raise: .ispu(.tidakSehat), clear: .belowValue(90), stations: []), minDuration: 1800)
        func ispu(_ m: Double, _ v: Double) -> FeedEvent {
            FeedEvent(time: at(m), payload: .sensor(SensorReading(station: "spku-1", sensor: .ispu, value: v)))
        }
        let events = [ispu(0, 80), ispu(10, 101), ispu(40, 99), ispu(50, 120), ispu(60, 95), ispu(70, 89)]
        let out = play(events, [rule]).events
        XCTAssertEqual(summary(out), ["raised spku-1 08:40", "cleared spku-1 09:10"])
        if case .alarm(let a) = out[0].payload { XCTAssertEqual(a.level, "Tidak Sehat") }
    }

    func testAJamRuleOnANamedRoad() {
        let rule = AlertRule(name: "jam", severity: 3, condition: .jam(raise: 4, clear: 3, roads: ["Jl. Daan Mogot"]), minDuration: 900)
        let events = [jam(0, 4), jam(0, 5, segment: "sudirman-01", road: "Jl. Jenderal Sudirman"), jam(5, 5), jam(15, 3), jam(20, 2)]
        XCTAssertEqual(summary(play(events, [rule]).events), ["raised daan-mogot-01 08:15", "cleared daan-mogot-01 08:20"])
    }

    func testAnOverdueTicketsRule() {
        let rule = AlertRule(name: "overdue", severity: 2, condition: .overdueTickets(moreThan: 1, clearAtOrBelow: 0, offices: []))
        var events: [FeedEvent] = []
        for k in 0..<3 {
            events.append(ticket("T\(k)", Double(k)) { $0.agency = "Dinas PUPR"; $0.slaHours = 1; $0.created = at(Double(k) * 10) })
        }
        events.append(ticket("T0", 90) { $0.status = .resolved })
        events.append(ticket("T1", 95) { $0.status = .resolved })
        events.append(ticket("T2", 100) { $0.status = .resolved })
        // Due at 09:00, 09:10 and 09:20: more than one overdue from 09:10; none overdue from 09:40.
        let out = play(events, [rule], end: at(120)).events
        XCTAssertEqual(summary(out), ["raised Dinas PUPR 09:10", "cleared Dinas PUPR 09:40"])
    }

    /// Cut at `keepFrom`, an office's count keeps the points from there on with the same values
    /// (the steps before counted in, not listed); with a floor the tickets still open from before
    /// reach, none at all (an active alarm then cannot clear).
    func testOverdueCountsFromAMomentAndAboveAFloor() {
        var state = CityState()
        // Due 09:00, 09:10, 09:20, 09:30, 09:40 (1 h); T1 resolved at 09:30, T3 at 09:50.
        for k in 0..<5 {
            state.apply(ticket("T\(k)", Double(k)) { $0.agency = "DLH"; $0.slaHours = 1; $0.created = at(Double(k) * 10) })
        }
        state.apply(ticket("T1", 90) { $0.status = .resolved })
        state.apply(ticket("T3", 110) { $0.status = .resolved })
        let finished = RuleEvaluator.finishedTicketsByOffice(in: state)["DLH"] ?? []
        func text(_ points: [(time: Instant, value: Double)]) -> [String] {
            points.map { "\(CivilTime($0.time).shortClockText) \(Int($0.value))" }
        }
        let all = RuleEvaluator.overdueCounts(of: "DLH", in: state, finished: finished)
        XCTAssertEqual(text(all), ["09:00 1", "09:10 2", "09:20 3", "09:30 3", "09:40 4", "09:50 3"])
        for minutes in stride(from: 50.0, through: 120, by: 5) {
            let keepFrom = at(minutes).millis
            XCTAssertEqual(text(RuleEvaluator.overdueCounts(of: "DLH", in: state, finished: finished, from: keepFrom)),
                           text(all.filter { $0.time.millis >= keepFrom }), "from \(minutes) min")
        }
        // From 09:20: T0 still open (due 09:00) counts throughout, so never below 1.
        let from = at(80).millis
        XCTAssertTrue(RuleEvaluator.overdueCounts(of: "DLH", in: state, finished: finished, from: from, unlessStaying: 1).isEmpty)
        XCTAssertEqual(text(RuleEvaluator.overdueCounts(of: "DLH", in: state, finished: finished, from: from, unlessStaying: 2)),
                       ["09:20 3", "09:30 3", "09:40 4", "09:50 3"])
    }

    func testAnUnacknowledgedIncidentRule() {
        let rule = AlertRule(name: "unack", severity: 4, condition: .unacknowledgedIncident(minSeverity: 4, targets: .standard))
        let events = [incident("INC-1", 0) { $0.severity = 5; $0.category = .fire },
                      incident("INC-2", 0) { $0.severity = 4 },
                      incident("INC-3", 0) { $0.severity = 3 },
                      incident("INC-2", 1) { $0.status = .acknowledged },
                      incident("INC-1", 4) { $0.status = .acknowledged }]
        // Severity 5 is to be acknowledged within 1 min: INC-1 was late; INC-2 was in time; INC-3 is not watched.
        let out = play(events, [rule], end: at(10)).events
        XCTAssertEqual(summary(out), ["raised INC-1 08:01", "cleared INC-1 08:04"])
        if case .alarm(let a) = out[0].payload { XCTAssertEqual(a.title, "INC-1 sev 5 fire not acknowledged within 1m") }
    }

    func testANoSignalRule() {
        let rule = AlertRule(name: "silent", severity: 3, condition: .noSignal(seconds: 600, sources: ["bmkg"]))
        let events = [gauge(0, 200), gauge(5, 200), gauge(30, 200), gauge(35, 200)]
        XCTAssertEqual(summary(play(events, [rule], end: at(60)).events),
                       ["raised bmkg 08:15", "cleared bmkg 08:30", "raised bmkg 08:45"])
    }

    func testARuleRaisesNothingWhileItsAlarmIsActiveAndStartsAfreshAfterAClear() {
        var state = CityState()
        for e in [gauge(0, 385), gauge(10, 390)] { state.apply(e) }
        let evaluator = RuleEvaluator(rules: [siaga2])
        let first = evaluator.transitions(in: state, now: at(12))
        XCTAssertEqual(summary(first), ["raised pa-sepuluh 08:10"])
        // Not applied: evaluating again gives the same raise (pure).
        XCTAssertEqual(summary(evaluator.transitions(in: state, now: at(12))), summary(first))
        state.apply(first)
        XCTAssertEqual(summary(evaluator.transitions(in: state, now: at(30))), [])
        // A state rebuilt from its checkpoint evaluates the same.
        state.apply(gauge(40, 200))
        let rebuilt = try! CityState(canonicalEncoding: try! state.canonicalEncoding())
        XCTAssertEqual(summary(evaluator.transitions(in: rebuilt, now: at(45))), ["cleared pa-sepuluh 08:40"])
        XCTAssertEqual(summary(evaluator.transitions(in: state, now: at(45))), ["cleared pa-sepuluh 08:40"])
    }

    func testTransitionsDueAtTheSameTimeComeInSubjectOrder() {
        // Twelve segments and twelve gauges cross at the same minute; the rules scan them in
        // whatever order the state keeps them, and hand on only those with transitions sorted.
        let ids = (1...12).map { String(format: "s-%02d", ($0 * 7) % 13) }
        let jamRule = AlertRule(name: "jam", severity: 3, condition: .jam(raise: 4, clear: 3, roads: []), minDuration: 900)
        let rain = AlertRule(name: "rain", severity: 3, condition: .threshold(kind: .rainfall, raise: 20, clear: 10, stations: []))
        var events = ids.map { jam(0, 5, segment: $0, road: "Jl. \($0)") }
        events += ids.map { FeedEvent(time: at(0), payload: .sensor(SensorReading(station: "arg-\($0)", sensor: .rainfall, value: 30))) }
        events += ids.map { jam(30, 1, segment: $0, road: "Jl. \($0)") }
        let out = play(events, [jamRule, rain], every: 0, end: at(40)).events
        let sorted = ids.sorted()
        XCTAssertEqual(summary(out), sorted.map { "raised arg-\($0) 08:00" } + sorted.map { "raised \($0) 08:15" }
                       + sorted.map { "cleared \($0) 08:30" })
    }

    func testOnlyChangedSubjectsAreLookedAtBetweenTicks() {
        var state = CityState()
        for e in [gauge(0, 385), gauge(10, 390)] { state.apply(e) }
        let evaluator = RuleEvaluator(rules: [siaga2])
        var changes = AlertChanges()
        XCTAssertEqual(summary(evaluator.transitions(in: state, now: at(12), changes: changes)), [])
        changes.note(gauge(10, 390, station: "situ-cipondoh"))
        XCTAssertEqual(summary(evaluator.transitions(in: state, now: at(12), changes: changes)), [])
        changes.note(gauge(10, 390))
        XCTAssertEqual(summary(evaluator.transitions(in: state, now: at(12), changes: changes)), ["raised pa-sepuluh 08:10"])
    }
}

