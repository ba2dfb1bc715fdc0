import Foundation
import PantauCore

/// OGC SensorThings API v1.1 → sensor readings.
///
/// Accepts an Observation, a collection (`{"value": […]}`) of Observations, Datastreams or
/// Things, or a Thing with expanded `Datastreams`, each with its `Observations`. Each
/// Observation becomes one reading: `result` (a number or numeric string) as value,
/// `resultTime` (else the start of `phenomenonTime`) as time, the Thing's `@iot.id` (else the
/// Datastream's) as station, the kind from the ObservedProperty/Datastream name, the unit from
/// `unitOfMeasurement.symbol` (feet → cm, in/h → mm/h, m → cm for water levels), and the
/// location from the Thing's first Location or the Observation's FeatureOfInterest.
public struct SensorThingsFormat: FeedFormat {
    public static let name = "sensorthings"
    public static let kinds: Set<String> = ["sensor"]
    public static let summary = "OGC SensorThings API v1.1 Things/Datastreams/Observations → sensor readings"

    public init() {}

    /// What an enclosing Thing says about its Observations.
    private struct ThingInfo {
        var id: String?
        var name: String?
        var location: GeoPoint?
    }

    /// What an enclosing Datastream says about its Observations.
    private struct StreamInfo {
        var id: String?
        var name: String?
        var property: String?
        var symbol: String?
        var unitName: String?
    }

    public func convert(_ payload: Data, context: FormatContext) -> FormatResult {
        var result = FormatResult()
        guard let (value, complete) = FormatInput.json(payload, into: &result) else { return result }
        let before = result.skippedTotal
        walk(value, thing: nil, stream: nil, topLevel: true, complete: complete, context: context, result: &result)
        if result.events.isEmpty, result.skippedTotal == before { result.skip("no_observations") }
        return result
    }

    private func walk(_ v: JSONValue, thing: ThingInfo?, stream: StreamInfo?, topLevel: Bool, complete: Bool,
                      context: FormatContext, result: inout FormatResult) {
        guard v.isObject else {
            result.skip("not_an_object")
            return
        }
        if let items = v["value"]?.array, v["result"] == nil {
            for item in items {
                walk(item, thing: thing, stream: stream, topLevel: false, complete: true, context: context, result: &result)
            }
            return
        }
        // A cut-off single record is not whole; its complete nested collections still are.
        if topLevel, !complete, v["result"] != nil { return }
        if v["result"] != nil {
            if let e = observation(v, thing: thing, stream: stream, context: context, result: &result) {
                result.append(e)
            }
            return
        }
        if let streams = v["Datastreams"]?.array {
            let t = thingInfo(v)
            if streams.isEmpty { result.skip("no_observations") }
            for s in streams {
                walk(s, thing: t, stream: stream, topLevel: false, complete: true, context: context, result: &result)
            }
            return
        }
        if let observations = v["Observations"]?.array {
            let s = streamInfo(v)
            let t = v["Thing"].map(thingInfo) ?? thing
            for o in observations {
                walk(o, thing: t, stream: s, topLevel: false, complete: true, context: context, result: &result)
            }
            return
        }
        // Times but no result: an Observation without its value.
        result.skip(v["resultTime"] != nil || v["phenomenonTime"] != nil ? "missing_result" : "no_observations")
    }

    private func thingInfo(_ t: JSONValue) -> ThingInfo {
        var info = ThingInfo(id: t["@iot.id"]?.text ?? t["name"]?.string, name: t["name"]?.string)
        if let loc = t["Locations"]?.array?.first {
            info.location = FormatGeo.point(geoJSON: loc["location"])
        }
        return info
    }

    private func streamInfo(_ s: JSONValue) -> StreamInfo {
        StreamInfo(id: s["@iot.id"]?.text ?? s["name"]?.string, name: s["name"]?.string,
                   property: s["ObservedProperty"]?["name"]?.string,
                   symbol: s["unitOfMeasurement"]?["symbol"]?.string,
                   unitName: s["unitOfMeasurement"]?["name"]?.string)
    }

    private func observation(_ o: JSONValue, thing outerThing: ThingInfo?, stream outerStream: StreamInfo?,
                             context: FormatContext, result: inout FormatResult) -> FeedEvent? {
        // An Observation may carry its Datastream (and Thing) expanded.
        let ds = o["Datastream"]
        let stream = ds.map(streamInfo) ?? outerStream
        let thing = ds?["Thing"].map(thingInfo) ?? outerThing
        guard let raw = o["result"], var value = raw.number else {
            result.skip(o["result"] == nil ? "missing_result" : "non_numeric_result")
            return nil
        }
        guard let station = thing?.id ?? stream?.id else {
            result.skip("missing_station")
            return nil
        }
        let label = [stream?.property, stream?.name].compactMap { $0 }.joined(separator: " ")
        let kind = Self.kind(label.isEmpty ? "reading" : label, slugFrom: stream?.property ?? stream?.name ?? "reading")
        var unit = stream?.symbol
        (value, unit) = Self.normalise(value: value, symbol: unit, unitName: stream?.unitName, kind: kind)
        var r = SensorReading(station: station, sensor: kind, value: value)
        r.unit = unit
        r.name = thing?.name ?? stream?.name
        r.place.location = thing?.location ?? FormatGeo.point(geoJSON: o["FeatureOfInterest"]?["feature"])
        r.place.district = FormatGeo.district(near: r.place.location)
        let time = o["resultTime"]?.string.flatMap(FormatTime.parse)
            ?? o["phenomenonTime"]?.string.flatMap { FormatTime.parse(String($0.split(separator: "/").first ?? "")) }
            ?? context.now
        return FeedEvent(time: time, source: context.source, payload: .sensor(r))
    }

    /// The sensor kind for an ObservedProperty or Datastream name.
    static func kind(_ label: String, slugFrom: String) -> SensorKind {
        let l = label.lowercased()
        if l.contains("pm2.5") || l.contains("pm25") || l.contains("pm2_5") { return .pm25 }
        if l.contains("pm10") { return .pm10 }
        if l.contains("water level") || l.contains("gage height") || l.contains("gauge height") || l.contains("stage") {
            return .waterLevel
        }
        if l.contains("rain") || l.contains("precip") { return .rainfall }
        if l.contains("temperature") { return .temperature }
        if l.contains("humidity") { return .humidity }
        if l.contains("ispu") || l.contains("aqi") || l.contains("air quality index") { return .ispu }
        if l.contains("noise") || l.contains("sound level") { return .noise }
        return .other(slug(slugFrom))
    }

    /// `Discharge, cubic feet per second` → `discharge_cubic_feet_per_second` (at most 40 chars).
    static func slug(_ s: String) -> String {
        var out = ""
        var lastUnderscore = true
        for ch in s.lowercased().unicodeScalars {
            if (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") {
                out.unicodeScalars.append(ch)
                lastUnderscore = false
            } else if !lastUnderscore {
                out += "_"
                lastUnderscore = true
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        return out.isEmpty ? "reading" : String(out.prefix(40))
    }

    /// Converts to Pantau's units where the symbol says how: feet → cm, inches per hour →
    /// mm/h, metres → cm for a water level; and spells common symbols the feed-format way.
    static func normalise(value: Double, symbol: String?, unitName: String?, kind: SensorKind) -> (Double, String?) {
        let s = (symbol ?? "").trimmingCharacters(in: .whitespaces)
        let ls = s.lowercased(), ln = (unitName ?? "").lowercased()
        func round(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
        if ls == "ft" || ls == "feet" || ls == "foot" || (ls.isEmpty && (ln == "feet" || ln == "foot")) {
            return (round(value * 30.48), "cm")
        }
        if ["in/h", "in/hr", "inch/h", "in h-1", "[in_i]/h"].contains(ls) || ln.contains("inches per hour") {
            return (round(value * 25.4), "mm/h")
        }
        if kind == .waterLevel, ls == "m" || ln == "metre" || ln == "meter" || ln == "metres" || ln == "meters" {
            return (round(value * 100), "cm")
        }
        switch ls {
        case "degc", "°c", "cel", "celsius": return (value, "°C")
        case "ug/m3", "µg/m3", "μg/m³", "µg/m³", "ug/m^3": return (value, "µg/m³")
        case "mm/h", "mm/hr", "mm h-1": return (value, "mm/h")
        case "": return (value, nil)
        default: return (value, s)
        }
    }
}
