import Foundation
import PantauCore
import PantauFeeds
import PantauUI

// Pantau's benchmark: run in a release build.
//
//   swift run -c release pantau-bench                 all three, on /tmp/pantau-bench-1m.ndjson
//   swift run -c release pantau-bench generate FILE   write a ~1,000,000-event feed
//   swift run -c release pantau-bench generate --realistic FILE   the same with real feeds' shapes:
//                                                     full-precision coordinates, fractional seconds
//   swift run -c release pantau-bench ingest FILE     read + apply it: events/s, peak memory
//   swift run -c release pantau-bench journal [FILE]  journal append throughput and restore time
//   swift run -c release pantau-bench rewind [FILE]   jumps and ±1 min steps over a 1M-entry journal of 24 h
//   swift run -c release pantau-bench checkpoint [FILE] [N]   the end-of-day checkpoint: its bytes by field, N decodes
//   swift run -c release pantau-bench pg-journal URL  the PostgreSQL journal: append (1-8 writers), read
//   swift run -c release pantau-bench follow          console A to B through a shared journal under a feed
//   swift run -c release pantau-bench consoles --consoles N   N consoles on one PostgreSQL journal: propagation,
//                                                     conflicts, convergence, append throughput
//   swift run -c release pantau-bench frame           one 200x60 frame, 10,000 incidents, 2,000 stations
//   swift run -c release pantau-bench rules           the alert rules' cost per event at 10,000 events/s

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// User + system CPU seconds of this process (less sensitive than wall time to a busy host).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024 // KiB on Linux
}

/// `generate --realistic`: an event's line as real feeds write it: coordinates at full double
/// precision (15–17 significant digits: each place moved by up to ±5 m so it is not round, the
/// same place always the same way, as a fixed station's position is) and the time with
/// microseconds (`2026-11-01T00:00:08.123456+07:00`). Deterministic in the event and `n`.
func realisticLine(for event: FeedEvent, n: Int) -> [UInt8] {
    var e = event
    var location: GeoPoint?
    switch e.payload {
    case .traffic(var t): location = t.place.location; t.place.location = nil; e.payload = .traffic(t)
    case .incident(var i): location = i.place.location; i.place.location = nil; e.payload = .incident(i)
    case .sensor(var s): location = s.place.location; s.place.location = nil; e.payload = .sensor(s)
    case .ticket(var t): location = t.place.location; t.place.location = nil; e.payload = .ticket(t)
    case .action, .alarm: break
    }
    var bytes = Array(FeedEventEncoder.line(for: e).utf8)
    func splitMix(_ x: UInt64) -> UInt64 {
        var z = x &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    // `{"v":1,"ts":"` then `YYYY-MM-DDTHH:MM:SS`: the fraction goes after the seconds.
    let micros = String(1_000_000 + Int(splitMix(UInt64(n)) % 1_000_000)).dropFirst()
    bytes.insert(contentsOf: Array(("." + micros).utf8), at: 13 + 19)
    if let p = location {
        let z = splitMix(p.lat.bitPattern ^ splitMix(p.lon.bitPattern))
        let jitterLat = (Double(z >> 40) / Double(1 << 24) - 0.5) * 9e-5
        let jitterLon = (Double((z >> 16) & 0xFF_FFFF) / Double(1 << 24) - 0.5) * 9e-5
        bytes.removeLast() // the closing brace
        bytes += Array(",\"lat\":\(p.lat + jitterLat),\"lon\":\(p.lon + jitterLon)}".utf8)
    }
    return bytes
}

func generate(_ path: String, events target: Int = 1_000_000, realistic: Bool = false) throws {
    guard let out = FileHandle(forWritingAtPath: path) ?? {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return FileHandle(forWritingAtPath: path)
    }() else { throw FeedReadError("cannot write \(path)") }
    try out.truncate(atOffset: 0)
    var buffer = [UInt8]()
    buffer.reserveCapacity(1 << 20)
    var count = 0
    let t = now()
    // Days of the simulated city until the target is reached (one day is some tens of thousands).
    var day = 0
    let start = RFC3339.parse("2026-11-01T00:00:00+07:00")!
    while count < target {
        CitySimulator(seed: UInt64(day + 1), start: start.adding(seconds: Double(day) * 86_400), hours: 24).run { e in
            guard count < target else { return }
            if realistic {
                buffer += realisticLine(for: e, n: count)
            } else {
                buffer.append(contentsOf: FeedEventEncoder.line(for: e).utf8)
            }
            buffer.append(10)
            count += 1
            if buffer.count > 1 << 20 {
                out.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        day += 1
    }
    out.write(Data(buffer))
    try out.close()
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print(String(format: "generate: %d events, %d days, %.1f MB in %.2f s", count, day, Double(size) / 1e6, now() - t))
}

func ingest(_ path: String) throws {
    let t = now()
    let c = cpuSeconds()
    let reader = try FeedReader(path: path)
    var state = CityState()
    try reader.forEach { state.applyPlayed($0) }
    let elapsed = now() - t
    let cpu = cpuSeconds() - c
    let n = reader.stats.events
    print(String(format: "ingest: %d events in %.3f s wall (%.2fM events/s), %.3f s CPU (%.2fM events/s); peak memory %.1f MB; %d open incidents, %d stations, %d segments, %@",
                 n, elapsed, Double(n) / elapsed / 1e6, cpu, Double(n) / cpu / 1e6, peakMemoryMB(), state.openIncidentIDs.count,
                 state.stations.count, state.segments.count, reader.stats.skipSummary))
}

/// Reading and decoding alone, without applying: how the reader's share of ingest compares.
func decode(_ path: String) throws {
    let t = now()
    let c = cpuSeconds()
    let reader = try FeedReader(path: path)
    var n = 0
    try reader.forEach { _ in n += 1 }
    let elapsed = now() - t
    let cpu = cpuSeconds() - c
    print(String(format: "decode: %d events in %.3f s wall (%.2fM events/s), %.3f s CPU (%.2fM events/s)",
                 n, elapsed, Double(n) / elapsed / 1e6, cpu, Double(n) / cpu / 1e6))
}

/// Applies `count` open incidents of every category, severity and status, one a second from
/// `t0`, each in kecamatan `i % 13` and placed by `location`.
func addBenchIncidents(_ count: Int, to state: inout CityState, from t0: Instant, location: (Int) -> GeoPoint) {
    let categories = IncidentCategory.allCases
    for i in 0..<count {
        var u = IncidentUpdate(id: "INC-\(i)")
        u.category = categories[i % categories.count]
        u.severity = 1 + (i * 7) % 5
        u.title = "Bench incident \(i)"
        u.status = [.new, .acknowledged, .dispatched, .onScene][i % 4]
        u.place = Place(district: Kecamatan.all[i % Kecamatan.all.count].name, location: location(i))
        state.apply(FeedEvent(time: t0.adding(seconds: Double(i)), payload: .incident(u)))
    }
}

func frame() throws {
    var state = CityState()
    let t0 = RFC3339.parse("2026-11-23T06:00:00+07:00")!
    addBenchIncidents(10_000, to: &state, from: t0) { i in
        let d = Kecamatan.all[i % Kecamatan.all.count]
        return GeoPoint(lat: d.centre.lat + Double(i % 50) * 1e-4, lon: d.centre.lon)
    }
    for i in 0..<2_000 {
        let kinds: [SensorKind] = [.waterLevel, .rainfall, .ispu, .pm25]
        for k in 0..<24 {
            var r = SensorReading(station: "st-\(i)", sensor: kinds[i % 4], value: Double((i * 13 + k * 7) % 400))
            r.name = "Station \(i)"
            state.apply(FeedEvent(time: t0.adding(seconds: Double(k * 300)), payload: .sensor(r)))
        }
    }
    for i in 0..<50 {
        var u = TrafficUpdate(segment: "seg-\(i)", road: "Jl. Bench \(i)")
        u.jamLevel = i % 6
        u.speedKmh = Double(10 + i)
        u.freeFlowKmh = 60
        state.apply(FeedEvent(time: t0, payload: .traffic(u)))
    }
    for i in 0..<2_000 {
        var u = TicketUpdate(id: "T-\(i)")
        u.agency = "Agency \(i % 12)"
        u.slaHours = Double(i % 48)
        u.title = "Bench ticket \(i)"
        state.apply(FeedEvent(time: t0.adding(seconds: Double(i)), payload: .ticket(u)))
    }
    let layout = try ShippedLayouts.named(ShippedLayouts.defaultName)!
    var dashboard = Dashboard(layout: layout)
    dashboard.observe(state)
    let status = DashboardStatus(mode: .replay(speed: 60))
    let times = renderTimes(dashboard, state: state, status: status, frames: 300)
    print(String(format: "frame: 200x60 with %d open incidents, %d stations: median %.3f ms, p95 %.3f ms, max %.3f ms (%d frames)",
                 state.openIncidentIDs.count, state.stations.count, times[times.count / 2] * 1000,
                 times[times.count * 95 / 100] * 1000, times.last! * 1000, times.count))
    searchedFrame(dashboard, state: state, status: status)
}

/// The same frame with the incidents pane searched (`/periuk`) and then also sorted by age
/// (`o` to the age column): every open incident is matched, only the visible rows are drawn.
/// "after a change": each frame follows an event (a road's unchanged report), so the pane's
/// kept arrangement no longer applies and every open incident is searched again; "repeated":
/// the same state frame after frame (the blink, the clock, the selection), the kept one is used.
func searchedFrame(_ base: Dashboard, state: CityState, status: DashboardStatus) {
    var dashboard = base
    for key in [Key.char("/")] + "periuk".map(Key.char) + [.enter] { _ = dashboard.handle(key, state: state) }
    var u = TrafficUpdate(segment: "seg-0", road: "Jl. Bench 0")
    u.jamLevel = 0
    u.speedKmh = 10
    u.freeFlowKmh = 60
    let touch = FeedEvent(time: state.startedAt!, payload: .traffic(u))
    for sorted in [false, true] {
        if sorted { for _ in 0..<5 { _ = dashboard.handle(.char("o"), state: state) } }
        for changed in [true, false] {
            var s = state
            var times: [Double] = []
            for _ in 0..<100 {
                if changed { s.apply(touch) }
                let t = now()
                _ = dashboard.render(state: s, status: status, width: 200, height: 60)
                times.append(now() - t)
            }
            times.sort()
            print(String(format: "frame with /periuk%@, %@: median %.3f ms, p95 %.3f ms, max %.3f ms (%d frames)",
                         sorted ? " sorted by age" : "", changed ? "after a change" : "repeated",
                         times[times.count / 2] * 1000, times[times.count * 95 / 100] * 1000, times.last! * 1000, times.count))
        }
    }
}

/// The map pane alone on a 200x60 frame: 5,000 open incidents spread over the city, 40 gauges,
/// 300 segments, over the BPS kecamatan boundaries when `layer` (default
/// ../shared/geo/kota_tangerang_kecamatan_hdx_bps2020.geojson) exists, else the derived regions.
func mapFrame(layer: String?) throws {
    var state = CityState()
    let t0 = RFC3339.parse("2026-11-23T06:00:00+07:00")!
    // A fixed spread (no randomness): a low-discrepancy walk over the city's extent.
    let bounds = GeoBounds.kotaTangerang
    func spread(_ i: Int) -> GeoPoint {
        let u = (Double(i) * 0.754877666).truncatingRemainder(dividingBy: 1)
        let v = (Double(i) * 0.569840291).truncatingRemainder(dividingBy: 1)
        return GeoPoint(lat: bounds.minLat + v * (bounds.maxLat - bounds.minLat), lon: bounds.minLon + u * (bounds.maxLon - bounds.minLon))
    }
    addBenchIncidents(5_000, to: &state, from: t0, location: spread)
    for i in 0..<40 {
        var r = SensorReading(station: "gauge-\(i)", sensor: .waterLevel, value: Double(100 + (i * 37) % 300))
        r.place = Place(district: nil, location: spread(10_000 + i))
        state.apply(FeedEvent(time: t0, payload: .sensor(r)))
    }
    for i in 0..<300 {
        var u = TrafficUpdate(segment: "seg-\(i)", road: "Jl. Bench \(i)")
        u.jamLevel = i % 6
        u.place = Place(district: nil, location: spread(20_000 + i))
        state.apply(FeedEvent(time: t0, payload: .traffic(u)))
    }
    let path = layer ?? "../shared/geo/kota_tangerang_kecamatan_hdx_bps2020.geojson"
    let haveLayer = FileManager.default.fileExists(atPath: path)
    let yaml = """
    name: map-bench
    layout:
      columns:
        - type: map
    \(haveLayer ? "      layers: [\"\(URL(fileURLWithPath: path).path)\"]" : "")
    """
    let layout = try LayoutParser.parse(yaml, file: "map-bench.yaml")
    var dashboard = Dashboard(layout: layout)
    dashboard.observe(state)
    let status = DashboardStatus(mode: .replay(speed: 60))
    let times = renderTimes(dashboard, state: state, status: status, frames: 500)
    print(String(format: "map: 200x60, %d open incidents, base layer %@: median %.3f ms, p99 %.3f ms, max %.3f ms (%d frames)",
                 state.openIncidentIDs.count, haveLayer ? URL(fileURLWithPath: path).lastPathComponent : "derived kecamatan regions",
                 times[times.count / 2] * 1000, times[times.count * 99 / 100] * 1000, times.last! * 1000, times.count))
}

/// Seconds each of `frames` renders of a 200x60 frame took, sorted (the grid is consumed so the
/// optimiser cannot drop the work).
func renderTimes(_ dashboard: Dashboard, state: CityState, status: DashboardStatus, frames: Int) -> [Double] {
    var times: [Double] = []
    var sink = 0
    for _ in 0..<frames {
        let t = now()
        let grid = dashboard.render(state: state, status: status, width: 200, height: 60)
        times.append(now() - t)
        sink &+= grid.cells.count
    }
    if sink == 0 { print("(no cells drawn)") }
    return times.sorted()
}

let args = Array(CommandLine.arguments.dropFirst())
do {
    switch args.first {
    case "generate":
        let realistic = args.contains("--realistic")
        let rest = args.dropFirst().filter { $0 != "--realistic" }
        try generate(rest.first ?? "/tmp/pantau-bench-1m.ndjson", realistic: realistic)
    case "ingest":
        // Best of three runs: this machine's timings vary with its neighbours.
        for _ in 0..<3 { try ingest(args.count > 1 ? args[1] : "/tmp/pantau-bench-1m.ndjson") }
    case "frame": try frame()
    case "map": try mapFrame(layer: args.count > 1 ? args[1] : nil)
    case "mqtt-soak": try mqttSoak(Array(args.dropFirst())) // see MQTTSoak.swift
    case "latency": try latency(Array(args.dropFirst())) // see Latency.swift
    case "decode": try decode(args.count > 1 ? args[1] : "/tmp/pantau-bench-1m.ndjson")
    case "journal": try journalBench(Array(args.dropFirst())) // see JournalBench.swift
    case "desk": try deskBench(Array(args.dropFirst())) // see DeskBench.swift
    case "rules": try rulesBench(Array(args.dropFirst())) // see RulesBench.swift
    case "play": try playBench(Array(args.dropFirst())) // see PlayBench.swift
    case "rewind": try rewindBench(Array(args.dropFirst())) // see RewindBench.swift
    case "checkpoint": try checkpointBench(Array(args.dropFirst())) // see RewindBench.swift
    case "pg-journal": try postgresJournalBench(Array(args.dropFirst())) // see PostgresJournalBench.swift
    case "follow": try followBench(Array(args.dropFirst())) // see FollowBench.swift
    case "consoles": try consolesBench(Array(args.dropFirst())) // see ConsolesBench.swift
    case nil:
        let path = "/tmp/pantau-bench-1m.ndjson"
        if !FileManager.default.fileExists(atPath: path) { try generate(path) }
        // Ingest in a fresh process so its peak memory is its own.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        p.arguments = ["ingest", path]
        try p.run()
        p.waitUntilExit()
        try frame()
    default:
        FileHandle.standardError.write(Data("usage: pantau-bench [generate [--realistic] FILE | ingest FILE | decode FILE | journal [FILE] | desk [FILE] | play [FILE] | rewind [FILE] | checkpoint [FILE] [N] | pg-journal [URL] | follow | consoles [--consoles N] | frame | map | mqtt-soak]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("pantau-bench: \(error)\n".utf8))
    exit(1)
}
