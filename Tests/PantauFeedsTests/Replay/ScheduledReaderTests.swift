import PantauCore
import PantauTestSupport
@testable import PantauFeeds
import XCTest

final class ScheduledReaderTests: XCTestCase {
    /// A recording as `pantau record` writes it, in arrival order: an old CAP alert (2012) still
    /// in the feed when recording began, then the day, with one reading stamped years ahead.
    static let recording = """
    {"v":1,"ts":"2012-04-11T15:38:00+07:00","kind":"incident","id":"cap-2012","category":"weather","severity":4,"status":"new","title":"Gempa M8.6 (CAP 2012)"}
    {"v":1,"ts":"2026-11-23T08:00:00+07:00","kind":"incident","id":"INC-1","category":"flood","severity":3,"status":"new","title":"Genangan"}
    {"v":1,"ts":"2026-11-23T08:05:00+07:00","kind":"traffic","segment":"s1","road":"Jl. Daan Mogot","jam_level":4}
    {"v":1,"ts":"2031-01-01T00:00:00+07:00","kind":"sensor","station":"pa-sepuluh","sensor":"water_level","value":410}
    {"v":1,"ts":"2026-11-23T08:10:00+07:00","kind":"incident","id":"INC-2","category":"fire","severity":4,"status":"new","title":"Kebakaran"}
    {"v":1,"ts":"2026-11-23T08:20:00+07:00","kind":"incident","id":"INC-1","status":"dispatched","unit":"BPBD 2"}

    """

    private func reader(_ text: String) -> ScheduledReader {
        ScheduledReader(FeedReader(source: FeedReaderTests.ChunkedSource(text, chunk: 100)))
    }

    private func all(_ r: ScheduledReader) throws -> [ScheduledEvent] {
        var out: [ScheduledEvent] = []
        while let e = try r.next() { out.append(e) }
        return out
    }

    private func t(_ text: String) -> Instant { RFC3339.parse(text)! }

    /// Arrivals on random recordings (mostly in order, some lines late, some stamped ahead,
    /// some with `rx`), against the rule computed the plain way for every line: its `rx`, else
    /// its time but not before the previous arrival and not after the earliest bound (`rx`,
    /// else time) of the next lines that is not before it. The reader looks for that bound
    /// faster where the bounds are in order, and reuses its last scan where they are not; the
    /// arrivals must not change.
    func testArrivalsFollowTheRuleOnRandomRecordings() throws {
        let seed = SeededRandom.seed(default: 0xA11_1CE5)
        print(SeededRandom.describe(seed))
        var rng = SeededRandom(seed: seed)
        for round in 0..<80 {
            let start = t("2026-11-23T08:00:00+07:00").millis
            var lines = ""
            var times: [Int64] = [], stamps: [Int64?] = []
            var clock = start
            for _ in 0..<Int.random(in: 1...300, using: &rng) {
                clock += Int64.random(in: 0...20_000, using: &rng)
                var time = clock
                switch Int.random(in: 0..<20, using: &rng) {
                case 0: time -= Int64.random(in: 1...3_600_000, using: &rng)      // late
                case 1: time += Int64.random(in: 1...7_200_000, using: &rng)      // stamped ahead
                default:
                    // Every other round with jitter, as real feeds have (most lines a little
                    // out of order): the reader's scan for the bound reuses its last answer.
                    if round % 2 == 1 { time += Int64.random(in: -15_000...15_000, using: &rng) }
                }
                let rx: Int64? = round % 3 == 0 && Bool.random(using: &rng) ? clock : nil
                times.append(time)
                stamps.append(rx)
                var line = #"{"v":1,"ts":"\#(RFC3339.format(Instant(millis: time)))","kind":"traffic","segment":"s","road":"R""#
                if let rx { line += #","rx":"\#(RFC3339.format(Instant(millis: rx)))""# }
                lines += line + "}\n"
            }
            // Whole seconds, as RFC3339.format writes them.
            times = times.map { $0 / 1000 * 1000 }
            stamps = stamps.map { $0.map { $0 / 1000 * 1000 } }
            let r = reader(lines)
            let arrivals = try all(r).map(\.arrival.millis)
            guard let first = r.start?.millis else { return XCTFail("no start: \(SeededRandom.describe(seed))") }
            var expected: [Int64] = []
            var previous = first
            for i in times.indices {
                let arrival: Int64
                if let rx = stamps[i] {
                    arrival = max(previous, rx)
                } else if times[i] <= previous {
                    arrival = previous
                } else {
                    let next = (i + 1..<min(times.count, i + 1 + ScheduledReader.lookahead)).map { stamps[$0] ?? times[$0] }
                    let bound = next.filter { $0 >= previous }.min() ?? previous + Int64(ScheduledReader.oldAfter * 1000)
                    arrival = min(times[i], bound)
                }
                expected.append(arrival)
                previous = arrival
            }
            XCTAssertEqual(arrivals, expected, "round \(round): \(SeededRandom.describe(seed))")
        }
    }

    func testAnOldFirstRecordArrivesAtTheStartWhichIsTheFirstPlausibleLine() throws {
        let r = reader(Self.recording)
        let events = try all(r)
        XCTAssertEqual(r.start, t("2026-11-23T08:00:00+07:00"))
        XCTAssertEqual(events.first?.arrival, r.start, "the 2012 alert arrived with the first line of the day")
        XCTAssertEqual(r.olderThanStart, 1)
    }

    func testAnEventStampedAheadArrivesWithTheLinesAroundItAndIsCountedAhead() throws {
        let events = try all(reader(Self.recording))
        let arrivals = events.map(\.arrival)
        XCTAssertEqual(arrivals, arrivals.sorted(), "arrivals never go back")
        let ahead = events[3]
        XCTAssertEqual(ahead.arrival, t("2026-11-23T08:10:00+07:00"), "no later than the line after it")
        XCTAssertNotNil(ahead.aheadBy(tolerance: 120))
        XCTAssertEqual(events.filter { $0.aheadBy(tolerance: 120) != nil }.count, 1)
        XCTAssertEqual(arrivals.last, t("2026-11-23T08:20:00+07:00"), "the end is the last arrival, not the latest stamp")
    }

    func testAnInOrderRecordingArrivesAtItsOwnTimes() throws {
        var lines = ""
        for m in 0..<100 {
            lines += #"{"v":1,"ts":"2026-11-23T\#(String(format: "%02d:%02d", 8 + m / 60, m % 60)):00+07:00","kind":"traffic","segment":"s\#(m)","road":"R"}"# + "\n"
        }
        let events = try all(reader(lines))
        XCTAssertEqual(events.count, 100)
        for e in events { XCTAssertEqual(e.arrival, e.event.time) }
    }

    func testRecordedArrivalsScheduleTheLines() throws {
        // As `pantau record` writes it: rx last. An old alert and one stamped ahead arrive at their rx.
        let text = """
        {"v":1,"ts":"2012-04-11T15:38:00+07:00","kind":"incident","id":"old","category":"weather","title":"old","rx":"2026-11-23T09:00:01+07:00"}
        {"v":1,"ts":"2026-11-23T08:59:00+07:00","kind":"incident","id":"a","category":"fire","title":"\\"rx\\":\\"2030-01-01T00:00:00Z\\"","rx":"2026-11-23T09:00:02+07:00"}
        {"v":1,"rx":"2026-11-23T09:30:00+07:00","ts":"2027-01-01T00:00:00+07:00","kind":"sensor","station":"x","sensor":"rainfall","value":1}

        """
        let r = reader(text)
        let events = try all(r)
        XCTAssertEqual(r.start, t("2026-11-23T09:00:01+07:00"))
        XCTAssertEqual(events.map(\.arrival), [t("2026-11-23T09:00:01+07:00"), t("2026-11-23T09:00:02+07:00"), t("2026-11-23T09:30:00+07:00")])
        XCTAssertEqual(r.olderThanStart, 1)
        XCTAssertEqual(events[1].event.payload.kindName, "incident", "rx does not change what the event is")
    }

    func testArrivalStampIgnoresTheKeyInsideAString() {
        let line = #"{"v":1,"kind":"incident","id":"i1","title":"a \"rx\":\"2030-01-01T00:00:00Z\" b","ts":"2026-11-23T08:00:00+07:00"}"#
        let decoder = FeedLineDecoder()
        guard case .event = decoder.decode(line) else { return XCTFail("the line decodes") }
        XCTAssertNil(decoder.arrivalStamp())
        let stamped = String(line.dropLast()) + ArrivalStamp.field(t("2026-11-23T08:00:05+07:00")) + "}"
        guard case .event = decoder.decode(stamped) else { return XCTFail("the stamped line decodes") }
        XCTAssertEqual(decoder.arrivalStamp(), t("2026-11-23T08:00:05+07:00"))
        guard case .event = decoder.decode(line) else { return XCTFail("the line decodes again") }
        XCTAssertNil(decoder.arrivalStamp(), "a stamp is the line's own, not left over from the one before")
    }

    /// A replay stopped at T and a snapshot at T build the same state: the replay applies in
    /// turns what arrived by its clock and sweeps at the clock, the snapshot applies everything
    /// arrived by T and sweeps at T.
    func testAReplayStoppedAtTAndASnapshotAtTAgree() throws {
        for at in ["2026-11-23T08:07:00+07:00", "2026-11-23T08:12:00+07:00", "2026-11-23T08:30:00+07:00"] {
            let limit = t(at)
            var snapshot = CityState()
            for e in try all(reader(Self.recording)) where e.arrival <= limit { e.apply(to: &snapshot) }
            snapshot.sweep(asOf: limit)

            var replay = CityState()
            let r = reader(Self.recording)
            var pending = try r.next()
            var clock = r.start!
            while clock < limit {
                clock = min(limit, clock.adding(seconds: 90))
                while let e = pending, e.arrival <= clock {
                    e.apply(to: &replay)
                    pending = try r.next()
                }
                replay.sweep(asOf: clock)
            }
            XCTAssertEqual(summary(replay), summary(snapshot), "at \(at)")
            XCTAssertTrue(summary(snapshot).contains("cap-2012"), "the old alert is there from the start")
        }
        var at12 = CityState()
        for e in try all(reader(Self.recording)) where e.arrival <= t("2026-11-23T08:12:00+07:00") { e.apply(to: &at12) }
        XCTAssertNotNil(at12.stations["pa-sepuluh"], "the reading stamped ahead is applied when it arrived, not years later")
        XCTAssertNotNil(at12.incidents["INC-2"], "and the lines after it are not held back")
    }

    private func summary(_ s: CityState) -> String {
        let incidents = s.incidents.values.map { "\($0.id)=\($0.status)" }.sorted()
        let segments = s.segments.values.map { "\($0.id)=\($0.jamLevel)" }.sorted()
        let stations = s.stations.keys.map(\.id).sorted()
        return (incidents + segments + stations).joined(separator: " ")
    }
}
