import Foundation
import PantauCore

/// A Waze for Cities (CCP) partner feed → traffic segments (from `jams`) and incidents (from
/// `alerts`).
///
/// Jams: segment `waze-jam-<id or uuid>`, road from `street`, `speedKMH` (or `speed` m/s),
/// `level` → jam level, `delay` → delay (−1 = road closed, jam level 5), `length`, the middle
/// point of `line` (`x` = lon, `y` = lat) and the kecamatan within 5 km of it; a jam is a state
/// seen in this snapshot, stamped with the feed's end (`endTimeMillis`, else `endTime` in UTC,
/// else its `pubMillis`, else the moment of reading), so a long jam that every poll reports stays
/// current. Alerts are stamped with their `pubMillis` (when reported; else the feed's time).
/// Alerts: categories by ``WazeAlertCategory`` (ACCIDENT
/// → accident, ROAD_CLOSED → infrastructure, hazards by subtype: flood, weather, accident or
/// infrastructure); JAM, POLICE and CHIT_CHAT alerts are ignored (counted apart from bad
/// input); id `waze-<uuid>`, severity 2–4 from `reliability`, channel `app`. Irregularities
/// are ignored (`irregularity`).
public struct WazeFormat: FeedFormat {
    public static let name = "waze"
    public static let kinds: Set<String> = ["traffic", "incident"]
    /// Every poll is the whole current state: a jam or an alert missing from it has ended.
    public static let isSnapshot = true
    public static let summary = "Waze for Cities (CCP) feed: jams → traffic, alerts → incidents"

    public init() {}

    public func convert(_ payload: Data, context: FormatContext) -> FormatResult {
        var result = FormatResult()
        // Irregularities are only counted (as ignored), and jam `segments` are not used: not built.
        guard let (feed, _) = FormatInput.json(payload, skipping: ["irregularities", "segments"], into: &result) else {
            return result
        }
        guard feed.isObject else {
            result.skip("not_waze")
            return result
        }
        // The moment the snapshot describes: its end (`endTimeMillis`, or `endTime` in UTC).
        let feedEnd = FormatTime.epochMillis(feed["endTimeMillis"]) ?? feed["endTime"]?.string.flatMap(Self.feedTime)
        let feedTime = feedEnd ?? FormatTime.epochMillis(feed["startTimeMillis"])
            ?? feed["startTime"]?.string.flatMap(Self.feedTime) ?? context.now
        let jams = feed["jams"]?.array ?? []
        let alerts = feed["alerts"]?.array ?? []
        let irregularities = feed["irregularities"]?.array ?? []
        if feed["jams"] == nil, feed["alerts"] == nil, feed["irregularities"] == nil {
            result.skip("not_waze")
            return result
        }
        for key in ["jams", "alerts", "irregularities"] where feed[key] != nil && feed[key]?.array == nil {
            result.skip("wrong_type")
        }
        result.events.reserveCapacity(jams.count + alerts.count)
        for j in jams {
            if let e = jam(j, feedEnd: feedEnd, context: context, result: &result) { result.append(e) }
        }
        var titles: [String: String] = [:]
        for a in alerts {
            if let e = alert(a, feedTime: feedTime, context: context, titles: &titles, result: &result) {
                result.append(e)
            }
        }
        result.ignore("irregularity", count: irregularities.count)
        return result
    }

    /// A jam is a state observed in this snapshot, so it is stamped with the feed's end: a jam
    /// that every poll still reports stays current however long ago it began (its `pubMillis`).
    private func jam(_ j: JSONValue, feedEnd: Instant?, context: FormatContext, result: inout FormatResult) -> FeedEvent? {
        guard j.isObject else {
            result.skip("not_an_object")
            return nil
        }
        guard let id = j["id"]?.text ?? j["uuid"]?.text else {
            result.skip("missing_id")
            return nil
        }
        var t = TrafficUpdate(segment: "waze-jam-" + id, road: j["street"]?.string ?? "unnamed road")
        t.speedKmh = j["speedKMH"]?.number ?? j["speed"]?.number.map { ($0 * 3.6 * 100).rounded() / 100 }
        if let level = j["level"]?.number {
            guard PlausibleRange.jamLevel.contains(level), level == level.rounded() else {
                result.skip(SkipReason.outOfRange.rawValue)
                return nil
            }
            t.jamLevel = Int(level)
        }
        if let delay = j["delay"]?.number {
            if delay == -1 { t.jamLevel = 5 } else if delay >= 0 { t.delaySeconds = delay }
        }
        if let length = j["length"]?.number, length >= 0 { t.lengthMeters = length }
        // Free-flow speed: the travel time at this speed, less the delay, over the length.
        if let speed = t.speedKmh, speed > 0, let delay = t.delaySeconds, let length = t.lengthMeters, length > 0 {
            let freeTime = length / (speed / 3.6) - delay
            if freeTime > 0 {
                let free = (length / freeTime * 3.6 * 10).rounded() / 10
                if free >= speed, free <= 150 { t.freeFlowKmh = free }
            }
        }
        if let line = j["line"]?.array, !line.isEmpty {
            let mid = line[line.count / 2]
            t.place.location = FormatGeo.point(lat: mid["y"]?.number, lon: mid["x"]?.number)
            t.place.district = FormatGeo.district(near: t.place.location)
        }
        return FeedEvent(time: feedEnd ?? FormatTime.epochMillis(j["pubMillis"]) ?? context.now, source: context.source,
                         payload: .traffic(t))
    }

    private func alert(_ a: JSONValue, feedTime: Instant, context: FormatContext, titles: inout [String: String],
                       result: inout FormatResult) -> FeedEvent? {
        guard a.isObject else {
            result.skip("not_an_object")
            return nil
        }
        let rawType = a["type"]?.string ?? ""
        let type = rawType.utf8.contains(where: { $0 >= 97 && $0 <= 122 }) ? rawType.uppercased() : rawType
        let rawSubtype = a["subtype"]?.string ?? ""
        let subtype = rawSubtype.utf8.contains(where: { $0 >= 97 && $0 <= 122 }) ? rawSubtype.uppercased() : rawSubtype
        guard !type.isEmpty else {
            result.skip("missing_type")
            return nil
        }
        let category: IncidentCategory
        switch WazeAlertCategory.of(type: type, subtype: subtype) {
        case .incident(let c): category = c
        case .ignored(let reason):
            result.ignore(reason)
            return nil
        }
        guard let uuid = a["uuid"]?.text ?? a["id"]?.text else {
            result.skip("missing_id")
            return nil
        }
        var u = IncidentUpdate(id: "waze-" + uuid)
        u.category = category
        u.status = .new
        u.channel = "app"
        let code = subtype.isEmpty ? type : subtype
        let what: String
        if let cached = titles[code] {
            what = cached
        } else {
            what = Self.humanise(code)
            titles[code] = what
        }
        let street = a["street"]?.string
        u.title = street.map { "\(what) — \($0)" } ?? what
        if let r = a["reliability"]?.number ?? a["confidence"]?.number {
            u.severity = 2 + Int((min(10, max(0, r)) / 5).rounded())
        } else {
            u.severity = 2
        }
        u.note = a["reportDescription"]?.string
        u.place.address = street
        if let loc = a["location"] {
            u.place.location = FormatGeo.point(lat: loc["y"]?.number, lon: loc["x"]?.number)
            u.place.district = FormatGeo.district(near: u.place.location)
        }
        return FeedEvent(time: FormatTime.epochMillis(a["pubMillis"]) ?? feedTime, source: context.source,
                         payload: .incident(u))
    }

    /// The feed's `startTime`/`endTime` text, `2019-03-22 21:39:00:000` in UTC; nil when not
    /// of that shape.
    static func feedTime(_ text: String) -> Instant? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let shape = Array("dddd-dd-dd dd:dd:dd".utf8)
        let bytes = Array(t.utf8.prefix(shape.count))
        guard bytes.count == shape.count else { return nil }
        for (b, s) in zip(bytes, shape) {
            if s == UInt8(ascii: "d") ? !(48...57).contains(b) : b != s { return nil }
        }
        return RFC3339.parse(String(decoding: bytes[0..<10], as: UTF8.self) + "T" + String(decoding: bytes[11...], as: UTF8.self) + "Z")
    }

    /// `HAZARD_ON_ROAD_CONSTRUCTION` → `Hazard on road construction`.
    static func humanise(_ code: String) -> String {
        let words = code.lowercased().split(separator: "_")
        guard let first = words.first else { return "Alert" }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst().map(String.init)).joined(separator: " ")
    }
}
