import Foundation
import PantauCore
import PantauFeeds
import PantauUI

// pantau-bench latency [--rate 10000] [--seconds 30] [--data-interval S] [--host H --port P] [--topic T]
//
// Publish → painted cell, through the live loop. Unless --host is given it starts `mosquitto` on
// a free loopback port (as mqtt-soak does, with its helpers). A publisher thread sends the
// city simulation's feed (mqtt-soak's) paced to --rate events a second into `mosquitto_pub -q 1
// -l`, each line restamped with the wall clock as it is released; every `rate/100`-th line
// (every 2nd at low rates) is replaced by a probe: an ISPU 400 reading (the worst band, so it
// sorts to the top of the sensors pane) of one of four probe stations, named `probe K #SEQ`,
// carrying its publish time (the realtime clock, in µs) in its `address`. This process runs
// what `pantau run` runs, turn by turn as LiveSession does: an `MQTTSource` into the
// `EventInbox`, drained (at most 20,000 a turn) into `CityState`, the activity log and the
// dashboard, with the same `FramePacer` (data frames at most every
// `FramePacer.liveDataInterval`, or --data-interval), sleeping on the inbox's wake descriptor
// only while no frame is owed. Each frame is a 200x60 render of the command-center layout
// followed by `FrameDiff` against the previous frame, as `TerminalScreen.present` does before
// ncurses writes it. ncurses itself cannot run headless, so "painted" is the moment the diff
// that rewrites the probe's `#SEQ` cells has been produced; the terminal's own write and
// refresh come on top. A probe is counted when its own number is painted; one overwritten by a
// newer probe of its station before a frame showed it is counted apart ("superseded").

/// The realtime clock in microseconds since the epoch (the publisher and the painter share it).
private func wallMicros() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
}

/// How many probe stations take turns, so that a frame can paint several probes.
private let probeStationCount = 4

/// The feed-format line of probe `seq`, published at `micros`.
private func probeLine(seq: Int, publishedMicros micros: Int64) -> String {
    var reading = SensorReading(station: "latency-probe-\(seq % probeStationCount)", sensor: .ispu, value: 400)
    reading.name = "probe \(seq % probeStationCount) #\(seq)"
    reading.place = Place(address: "published \(micros)")
    return FeedEventEncoder.line(for: FeedEvent(time: Instant(millis: micros / 1000), payload: .sensor(reading))) + "\n"
}

/// The probe (station, sequence number, publish time in µs) an applied event is, if it is one.
private func probe(in event: FeedEvent) -> (station: Int, seq: Int, published: Int64)? {
    guard case .sensor(let r) = event.payload, r.station.hasPrefix("latency-probe-"),
          let name = r.name, let hash = name.lastIndex(of: "#"), let seq = Int(name[name.index(after: hash)...]),
          let address = r.place.address, let published = Int64(address.dropFirst("published ".count)) else { return nil }
    return (seq % probeStationCount, seq, published)
}

/// The probes `probe K #SEQ` shown in `grid` whose `#SEQ` cells the frame diff wrote
/// (`written`, one flag a cell, row by row), as (station, sequence number).
func paintedProbes(in grid: CellGrid, written: [Bool]) -> [(station: Int, seq: Int)] {
    let marker = Array("probe ".unicodeScalars.map(\.value))
    var found: [(station: Int, seq: Int)] = []
    for y in 0..<grid.height where written[(y * grid.width)..<((y + 1) * grid.width)].contains(true) {
        // The row's characters and the column of each (a wide character's continuation skipped).
        var chars: [UInt32] = []
        var columns: [Int] = []
        for x in 0..<grid.width where grid[x, y].width != 0 {
            chars.append(grid[x, y].scalar.value)
            columns.append(x)
        }
        func digit(_ i: Int) -> Int? {
            i < chars.count && chars[i] >= 48 && chars[i] <= 57 ? Int(chars[i] - 48) : nil
        }
        var i = 0
        while i + marker.count + 3 < chars.count {
            defer { i += 1 }
            guard Array(chars[i..<(i + marker.count)]) == marker, let station = digit(i + marker.count),
                  chars[i + marker.count + 1] == 32, chars[i + marker.count + 2] == 35 else { continue } // " #"
            var j = i + marker.count + 3
            var seq = 0
            var wrote = false
            while let d = digit(j) {
                seq = seq * 10 + d
                wrote = wrote || written[y * grid.width + columns[j]]
                j += 1
            }
            // A number cut by the column's width ("#12…") is not the probe's.
            if j > i + marker.count + 3, wrote, j == chars.count || chars[j] == 32 { found.append((station, seq)) }
        }
    }
    return found
}

/// The p-th percentile (0…100) of `sorted` by the nearest-rank method; nil when it is empty.
func nearestRankPercentile(_ p: Double, of sorted: [Double]) -> Double? {
    guard !sorted.isEmpty else { return nil }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[min(sorted.count - 1, max(0, rank - 1))]
}

/// `p50 … p90 … p99 … max … ms (n=…)` for latencies in ms.
private func summary(_ values: [Double]) -> String {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return "none" }
    let parts = [50.0, 90, 99].map { String(format: "p%.0f %.1f", $0, nearestRankPercentile($0, of: sorted)!) }
    return parts.joined(separator: "  ") + String(format: "  max %.1f ms (n=%d)", sorted.last!, sorted.count)
}

func latency(_ args: [String]) throws {
    func option(_ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        return args[i + 1]
    }
    let seconds = Double(option("--seconds") ?? "") ?? 30
    let rate = Double(option("--rate") ?? "") ?? 10_000
    let dataInterval = Double(option("--data-interval") ?? "") ?? FramePacer.liveDataInterval
    let topic = option("--topic") ?? "pantau/latency"
    let probeEvery = max(2, Int(rate / 100))
    let (width, height) = (200, 60)
    let rig = try MQTTBenchRig(name: "latency", topic: topic, events: Int(saturating: rate * seconds * 1.05).addingSaturated(10_000),
                               option: option)
    defer { rig.stop() }
    let (host, port, feed, set, writeFD) = (rig.host, rig.port, rig.feed, rig.set, rig.writeFD)

    // The publisher: the feed restamped to the wall clock, a probe every `probeEvery` lines.
    let counters = SoakCounters()
    let stampPrefix = Array(#"{"v":1,"ts":""#.utf8)
    let publisher = Thread {
        var second = Int64.min
        var stamp: [UInt8] = []
        publish(file: feed, into: writeFD, rate: rate, counters: counters) { n, line in
            let micros = wallMicros()
            if n % probeEvery == probeEvery - 1 {
                line = Array(probeLine(seq: n / probeEvery, publishedMicros: micros).utf8)
                return
            }
            if micros / 1_000_000 != second {
                second = micros / 1_000_000
                stamp = Array(RFC3339.format(Instant(seconds: second)).utf8)
            }
            let at = stampPrefix.count
            guard line.count > at + stamp.count, line[..<at].elementsEqual(stampPrefix), line[at + stamp.count] == 34 else { return }
            line.replaceSubrange(at..<(at + stamp.count), with: stamp)
        }
    }
    publisher.name = "latency-publisher"

    var state = CityState()
    var dashboard = Dashboard(layout: try ShippedLayouts.named(ShippedLayouts.defaultName)!)
    dashboard.screenSize = (width: width, height: height)
    var pacer = FramePacer(now: FramePacer.monotonicSeconds(), dataInterval: dataInterval)
    var lastGrid: CellGrid?
    var lastSecond = Int64.min
    var nextHealth = 0.0
    // Probes applied but not yet painted, per station in order: (seq, published µs).
    var pending = [[(seq: Int, published: Int64)]](repeating: [], count: probeStationCount)
    var painted: [Double] = [], superseded: [Double] = [], applied: [Double] = []
    var received = 0, dropped = 0, frames = 0
    var renderTotal = 0.0, diffTotal = 0.0
    print(String(format: "latency: %.0f events/s for %.0f s over %@:%d (QoS 1), a probe every %d events on %d stations; %dx%d frames, data frames at most every %.1f ms",
                 rate, seconds, host, port, probeEvery, probeStationCount, width, height, dataInterval * 1000))
    fflush(nil)
    publisher.start()
    let t0 = FramePacer.monotonicSeconds()
    var stopAt = t0 + seconds
    var stopping = false

    while true {
        let t = FramePacer.monotonicSeconds()
        if !stopping, t >= stopAt {
            // Stop publishing; give what is in flight a second to arrive and be painted.
            counters.stop()
            stopping = true
            stopAt = t + 1
        } else if stopping, t >= stopAt {
            break
        }
        let batch = set.inbox.drain(max: 20_000) // LiveSession.batchLimit
        if !batch.events.isEmpty {
            let arrived = wallMicros()
            for e in batch.events {
                guard let p = probe(in: e) else { continue }
                pending[p.station].append((p.seq, p.published))
                applied.append(Double(arrived - p.published) / 1000)
            }
            state.apply(batch.events)
            dashboard.activity.record(batch.events)
            dashboard.observe(state)
            pacer.dataChanged()
            received += batch.events.count
        }
        dropped += batch.dropped
        if t >= nextHealth {
            nextHealth = t + 1 // LiveSession.healthInterval
            dashboard.sources = set.health()
        }
        let blinking = state.incidentSequence > dashboard.seenIncidentSequence
        pacer.tick(now: t, blinking: blinking)
        let wall = Instant(millis: wallMicros() / 1000)
        dashboard.wallNow = wall
        dashboard.now = wall
        state.sweep(asOf: wall)
        if wall.millis / 1000 != lastSecond {
            lastSecond = wall.millis / 1000
            pacer.dataChanged()
        }

        if pacer.frameDue(now: t) {
            let status = DashboardStatus(mode: .live, message: pacer.message, blinkOn: pacer.blinkOn,
                                         finished: false, showSeconds: true, time: wall)
            let r = now()
            let grid = dashboard.render(state: state, status: status, width: width, height: height)
            let d = now()
            var written = [Bool](repeating: false, count: width * height)
            FrameDiff.forEachWrite(from: lastGrid, to: grid, screenWidth: width, screenHeight: height,
                                   replacement: CellGrid.controlReplacement.value,
                                   columns: { Int32(Unicode.Scalar($0)?.terminalWidth ?? 1) }) { w in
                written[w.y * width + w.x] = true
            }
            let paintedAt = wallMicros()
            renderTotal += d - r
            diffTotal += now() - d
            frames += 1
            lastGrid = grid
            for shown in paintedProbes(in: grid, written: written) {
                // Older probes of the station were overwritten before a frame showed them.
                while let first = pending[shown.station].first, first.seq <= shown.seq {
                    pending[shown.station].removeFirst()
                    let ms = Double(paintedAt - first.published) / 1000
                    if first.seq == shown.seq { painted.append(ms) } else { superseded.append(ms) }
                }
            }
            pacer.frameDrawn(now: t)
        }

        // Sleep as LiveSession does: on the inbox only while no frame is owed.
        var timeout = Double(1000 - wall.millis % 1000) / 1000
        if let wake = pacer.secondsToWake(now: t, blinking: blinking) { timeout = min(timeout, wake) }
        if batch.events.count >= 20_000 { timeout = 0 }
        timeout = min(timeout, max(0, nextHealth - t), max(0, stopAt - t))
        var fds = [pollfd(fd: pacer.dirty ? -1 : set.inbox.wakeFD, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 1, Int32((timeout * 1000).rounded(.up)))
    }

    while !publisher.isFinished { usleep(10_000) }
    rig.endPublisher()
    let probes = counters.published / probeEvery
    let unpainted = pending.reduce(0) { $0 + $1.count }
    print(String(format: "published %d events (%d probes), received %d, inbox drops %d; %d frames, render mean %.2f ms, diff mean %.2f ms",
                 counters.published, probes, received, dropped, frames,
                 renderTotal / Double(max(1, frames)) * 1000, diffTotal / Double(max(1, frames)) * 1000))
    print("publish → applied (drained from the inbox): \(summary(applied))")
    print("publish → painted (the probe's own number in a frame's diff): \(summary(painted))")
    print("superseded before painted (a newer probe of the station painted instead): \(summary(superseded))")
    print("every probe, until it or a newer one of its station was painted: \(summary(painted + superseded))")
    print("applied, never painted: \(unpainted); lost before the inbox: \(max(0, probes - applied.count))")
}
