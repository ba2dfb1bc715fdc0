import Foundation
import PantauCore

extension SimulationEngine {
    /// Fills `periodic` with this window's readings in time order: every road segment, water
    /// gauge, rain gauge and air station once, each at its own phase. Gauges that cross into
    /// Siaga or Awas raise (or escalate) a sensor incident.
    mutating func computeReadings(windowStart ws: Int64) {
        periodic.removeAll(keepingCapacity: true)
        let day = SimClock.day(of: ws)
        let spells = self.spells((day - 2)...(day + 1))
        for g in rainGauges.indices {
            var base = 0.0
            for s in spells { base += s.rain(district: rainDistrict[g], at: ws) }
            let n = Self.step(&rainNoise[g], &noise, rho: 0.6)
            rainNow[g] = base < 0.05 ? 0 : SimMath.round1(base * exp(0.2 * n))
        }
        for d in hazardNow.indices {
            hazardNow[d] = HydrologyModel.floodHazard(district: d, at: ws, spells: spells)
        }
        let decay = exp(-5.0 / 180)
        for j in airStations.indices {
            airWet[j] = airWet[j] * decay + rainNow[airRainGauge[j]] * 5 / 60
        }
        disruptions.removeAll { $0.until <= ws }

        for slot in slots {
            let tp = ws + slot.phaseMillis
            switch slot.kind {
            case .traffic(let i): periodic.append(trafficReading(i, at: tp))
            case .water(let g): periodic.append(waterReading(g, at: tp, windowStart: ws, spells: spells))
            case .rain(let g): periodic.append(rainReading(g, at: tp))
            case .air(let j): airReadings(j, at: tp)
            }
        }
    }

    private func event(_ millis: Int64, _ payload: FeedPayload) -> FeedEvent {
        FeedEvent(time: Instant(millis: millis), source: CitySimulator.sourceName, payload: payload)
    }

    private mutating func trafficReading(_ i: Int, at tp: Int64) -> FeedEvent {
        let seg = segments[i]
        let p = plan(SimClock.day(of: tp))
        let hour = SimClock.hourOfDay(tp)
        let n = Self.step(&trafficNoise[i], &noise, rho: 0.85)
        var load = TrafficModel.demand(hour: hour, weekend: p.isWeekend) * segmentPressure[i] * p.trafficFactor * exp(0.08 * n)
        load += TrafficModel.rainLoad(mmPerHour: rainNow[segmentRainGauge[i]])
        if seg.floodProne { load += 0.8 * max(0, hazardNow[segmentDistrict[i]] - 0.3) }
        var ratio = TrafficModel.speedRatio(load: load) * noise.uniform(0.93, 1.0)
        for d in disruptions where d.segment == i && d.from <= tp && tp < d.until { ratio *= d.factor }
        ratio = SimMath.clamp(ratio, 0.04, 1)
        let freeFlow = seg.freeFlowKmh
        let speed = max(1, SimMath.round1(freeFlow * ratio))
        let length = seg.lengthMeters
        var u = TrafficUpdate(segment: seg.id, road: seg.road)
        u.place = Place(district: seg.district, location: seg.location)
        u.speedKmh = speed
        u.freeFlowKmh = freeFlow
        u.jamLevel = TrafficModel.jamLevel(ratio: speed / freeFlow)
        u.delaySeconds = max(0, (length * 3.6 / speed - length * 3.6 / freeFlow).rounded())
        u.lengthMeters = length
        return event(tp, .traffic(u))
    }

    private mutating func waterReading(_ g: Int, at tp: Int64, windowStart ws: Int64, spells: [RainSpell]) -> FeedEvent {
        let gauge = gauges[g]
        let n = Self.step(&gaugeNoise[g], &noise, rho: 0.7)
        let value = max(0, (cleanLevel(gauge: g, at: tp, spells: spells) + n * gauge.noiseCm).rounded())
        checkAlert(g, value: value, at: tp, windowStart: ws)
        var s = SensorReading(station: gauge.id, sensor: .waterLevel, value: value)
        s.unit = "cm"
        s.name = gauge.name
        s.place = Place(district: gauge.district, location: gauge.location)
        return event(tp, .sensor(s))
    }

    private func rainReading(_ g: Int, at tp: Int64) -> FeedEvent {
        let gauge = rainGauges[g]
        var s = SensorReading(station: gauge.id, sensor: .rainfall, value: rainNow[g])
        s.unit = "mm/h"
        s.name = gauge.name
        s.place = Place(district: gauge.district, location: gauge.location)
        return event(tp, .sensor(s))
    }

    private mutating func airReadings(_ j: Int, at tp: Int64) {
        let st = airStations[j]
        let p = plan(SimClock.day(of: tp))
        let hour = SimClock.hourOfDay(tp)
        let wet = airWet[j]
        let n0 = Self.step(&airNoise[4 * j], &noise, rho: 0.9)
        let n1 = Self.step(&airNoise[4 * j + 1], &noise, rho: 0.8)
        let n2 = Self.step(&airNoise[4 * j + 2], &noise, rho: 0.9)
        let n3 = Self.step(&airNoise[4 * j + 3], &noise, rho: 0.9)
        let pm25 = max(3, airBase[j] * AirQualityModel.pattern(hour: hour, weekend: p.isWeekend, industrial: st.industrial)
            * p.airFactor * AirQualityModel.washout(wetMM: wet) * exp(0.12 * n0))
        let place = Place(district: st.district, location: st.location)
        func reading(_ kind: SensorKind, _ value: Double, _ unit: String) -> FeedEvent {
            var s = SensorReading(station: st.id, sensor: kind, value: value)
            s.unit = unit
            s.name = st.name
            s.place = place
            return event(tp, .sensor(s))
        }
        if st.headline == .ispu {
            periodic.append(reading(.ispu, ISPUCategory.ispu(fromPM25: pm25).rounded(), "index"))
        } else {
            periodic.append(reading(.pm25, SimMath.round1(pm25), "µg/m³"))
        }
        periodic.append(reading(.pm10, SimMath.round1(pm25 * (1.6 + 0.08 * n1)), "µg/m³"))
        periodic.append(reading(.temperature, SimMath.round1(AirQualityModel.temperature(hour: hour, wetMM: wet) + 0.35 * n2), "°C"))
        periodic.append(reading(.humidity, SimMath.clamp(AirQualityModel.humidity(hour: hour, wetMM: wet) + 2.5 * n3, 40, 99).rounded(), "%"))
    }

    /// Raises a sensor incident when gauge `g` first reaches Siaga (or Awas), and escalates
    /// it when it goes on to Awas; forgets both once the incident is resolved.
    private mutating func checkAlert(_ g: Int, value: Double, at tp: Int64, windowStart ws: Int64) {
        let gauge = gauges[g]
        var a = gaugeAlerts[g]
        if a.incidentID != nil, tp >= a.resolvesAt { a = GaugeAlert() }
        if a.incidentID == nil, a.announced > .siaga4, value < gauge.thresholds.waspada { a.announced = .siaga4 }
        let level = gauge.thresholds.level(for: value)
        if level >= .siaga2, level > a.announced {
            let label = level == .siaga1 ? "Siaga 1 (Awas)" : "Siaga 2"
            let at = min(tp + Int64(noise.uniform(20, 120)) * 1000, ws + Self.windowMillis - 1000)
            if let id = a.incidentID {
                var u = IncidentUpdate(id: id)
                u.severity = 5
                u.note = "TMA naik ke \(label): \(Int(value)) cm, sirene peringatan dibunyikan"
                queue.push(event(at, .incident(u)))
            } else {
                var d = IncidentDraft(
                    millis: at, category: .flood, severity: level == .siaga1 ? 5 : 4,
                    title: "TMA \(gauge.name) status \(label): \(Int(value)) cm",
                    district: gaugeDistrict[g], address: gauge.name, location: gauge.location,
                    channel: "sensor", responder: .bpbd, workMinutes: 0)
                d.gauge = g
                d.allowsSeverityChange = false
                let day = SimClock.day(of: tp)
                let ahead = spells((day - 2)...(day + 2))
                var t = tp
                let limit = tp + 48 * SimClock.hourMillis
                while t < limit, cleanLevel(gauge: g, at: t, spells: ahead) >= gauge.thresholds.waspada {
                    t += 10 * SimClock.minuteMillis
                }
                d.resolveAtMillis = t + Int64(noise.uniform(10, 40) * 60) * 1000
                creations.append(.incident(d))
            }
            a.announced = level
        }
        gaugeAlerts[g] = a
    }
}
