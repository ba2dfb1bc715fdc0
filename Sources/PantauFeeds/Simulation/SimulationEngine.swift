import PantauCore

/// The running state of one simulation: the loop over five-minute windows, the periodic
/// readings, the arrivals of incidents and tickets, and the queue of pending lifecycle steps.
///
/// Each window: (1) compute every periodic reading (traffic, water, rain, air) at its own
/// phase in the window, noting gauges that cross an alert level; (2) draw the window's new
/// incidents and tickets; (3) give them ids in time order and schedule their lifecycles;
/// (4) emit the readings merged with whatever scheduled events fall due, in time order.
/// Only bounded state is kept, so a month runs in constant memory.
struct SimulationEngine {
    static let windowMillis: Int64 = 300_000

    let seed: UInt64
    let startMillis: Int64
    let endMillis: Int64
    let firstDay: Int

    var queue = PendingEventQueue()
    var plans: [Int: DayPlan] = [:]
    var noise: SimRandom
    var arrivals: SimRandom
    var arrivalsDay = Int.min

    let segments = SimRoadSegment.all
    let gauges = SimWaterGauge.all
    let rainGauges = SimRainGauge.all
    let airStations = SimAirStation.all
    let segmentDistrict: [Int]
    let segmentRainGauge: [Int]
    let gaugeDistrict: [Int]
    let rainDistrict: [Int]
    let airRainGauge: [Int]
    let segmentPressure: [Double]
    let gaugeBaseShift: [Double]
    let airBase: [Double]
    let slots: [Slot]

    var trafficNoise: [Double]
    var gaugeNoise: [Double]
    var rainNoise: [Double]
    var airNoise: [Double]
    var airWet: [Double]
    var rainNow: [Double]
    var hazardNow: [Double]
    var disruptions: [Disruption] = []
    /// When each incident still open will be resolved (bounded by the open incidents).
    var openUntil: [Int64] = []
    var gaugeAlerts: [GaugeAlert]
    var incidentDay = Int.min
    var incidentCount = 0
    var ticketDay = Int.min
    var ticketCount = 0
    var periodic: [FeedEvent] = []
    var creations: [Creation] = []

    init(seed: UInt64, start: Instant, hours: Double) {
        self.seed = seed
        startMillis = start.millis
        let span = hours.isFinite ? max(0, hours) * Double(SimClock.hourMillis) : 0
        endMillis = start.millis + Int64(min(span, 1e15))
        firstDay = SimClock.day(of: start.millis)
        noise = SimRandom(seed: seed, SimTag.noise)
        arrivals = SimRandom(seed: seed, SimTag.arrivals)

        func nearestRainGauge(_ p: GeoPoint) -> Int {
            var best = 0
            var bestD = Double.infinity
            for (i, g) in SimRainGauge.all.enumerated() {
                let d = p.distance(to: g.location)
                if d < bestD { bestD = d; best = i }
            }
            return best
        }
        let segs = SimRoadSegment.all
        segmentDistrict = segs.map { SimDistrict.index($0.district) }
        segmentRainGauge = segs.map { nearestRainGauge($0.location) }
        gaugeDistrict = SimWaterGauge.all.map { SimDistrict.index($0.district) }
        rainDistrict = SimRainGauge.all.map { SimDistrict.index($0.district) }
        airRainGauge = SimAirStation.all.map { nearestRainGauge($0.location) }

        var setup = SimRandom(seed: seed, SimTag.setup)
        segmentPressure = segs.map { $0.pressure * setup.uniform(0.94, 1.06) }
        gaugeBaseShift = SimWaterGauge.all.map { g in g.followsCisadane ? setup.uniform(-8, 8) : setup.uniform(-4, 4) }
        airBase = SimAirStation.all.map { $0.basePM25 * setup.uniform(0.9, 1.1) }

        var slots: [Slot] = []
        var k = 0
        func add(_ kind: Slot.Kind) {
            // Golden-ratio spacing spreads the sources over the window, the same for every seed.
            let f = (Double(k) * 0.618_033_988_75 + 0.13).truncatingRemainder(dividingBy: 1)
            slots.append(Slot(phaseMillis: Int64(3 + f * 290) * 1000, kind: kind, order: k))
            k += 1
        }
        for i in segs.indices { add(.traffic(i)) }
        for i in SimWaterGauge.all.indices { add(.water(i)) }
        for i in SimRainGauge.all.indices { add(.rain(i)) }
        for i in SimAirStation.all.indices { add(.air(i)) }
        self.slots = slots.sorted { $0.phaseMillis != $1.phaseMillis ? $0.phaseMillis < $1.phaseMillis : $0.order < $1.order }

        trafficNoise = Array(repeating: 0, count: segs.count)
        gaugeNoise = Array(repeating: 0, count: SimWaterGauge.all.count)
        rainNoise = Array(repeating: 0, count: SimRainGauge.all.count)
        airNoise = Array(repeating: 0, count: SimAirStation.all.count * 4)
        airWet = Array(repeating: 0, count: SimAirStation.all.count)
        rainNow = Array(repeating: 0, count: SimRainGauge.all.count)
        hazardNow = Array(repeating: 0, count: Kecamatan.all.count)
        gaugeAlerts = Array(repeating: GaugeAlert(), count: SimWaterGauge.all.count)
    }

    /// Runs the whole simulation, emitting events in time order.
    mutating func run(_ emit: (FeedEvent) -> Void) {
        var ws = startMillis
        var firstWindow = true
        while ws < endMillis {
            let we = ws + Self.windowMillis
            computeReadings(windowStart: ws)
            if firstWindow {
                carryOver()
                firstWindow = false
            }
            generateArrivals(windowStart: ws)
            createAll()
            for p in periodic {
                while let e = queue.pop(notAfter: p.time.millis) {
                    if e.time.millis < endMillis { emit(e) }
                }
                if p.time.millis < endMillis { emit(p) }
            }
            while let e = queue.pop(notAfter: we - 1) {
                if e.time.millis < endMillis { emit(e) }
            }
            ws = we
        }
    }

    // MARK: - Days and spells

    /// The plan of a WIB day (made on first use; old days are dropped).
    mutating func plan(_ day: Int) -> DayPlan {
        if let p = plans[day] { return p }
        let p = DayPlan(seed: seed, day: day, firstDay: firstDay)
        plans[day] = p
        if plans.count > 8 {
            for key in plans.keys where key < day - 3 { plans[key] = nil }
        }
        return p
    }

    /// Every rain spell of the days in `days`.
    mutating func spells(_ days: ClosedRange<Int>) -> [RainSpell] {
        var out: [RainSpell] = []
        for d in days { out += plan(d).spells }
        return out
    }

    /// Pintu Air Sepuluh's level without noise.
    func cleanLevel(gauge g: Int, at millis: Int64, spells: [RainSpell]) -> Double {
        HydrologyModel.level(gauges[g], district: gaugeDistrict[g], baseShift: gaugeBaseShift[g], at: millis, spells: spells)
    }

    /// One AR(1) step of a noise state: persistent, standard deviation 1.
    static func step(_ state: inout Double, _ rng: inout SimRandom, rho: Double) -> Double {
        state = rho * state + (1 - rho * rho).squareRoot() * rng.normal()
        return state
    }
}
