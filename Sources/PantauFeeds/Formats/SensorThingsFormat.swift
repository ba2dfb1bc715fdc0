import Foundation
import PantauCore

/// OGC SensorThings API v1.1 → sensor readings.
///
/// Accepts an Observation, a collection (`{"value": […]}`) of Observations, Datastreams or
/// Things, or a Thing with expanded `Datastreams`, each with its `Observations`. Each
/// Observation becomes one reading: `result` (a number or numeric string) as value,
/// `resultTime` (else the start of `phenomenonTime`) as time, the Thing's `@iot.id` (else the
/// Datastream's) as station, the kind from the ObservedProperty's name and definition and the
/// Datastream's name and description, the unit from `unitOfMeasurement.symbol` (feet → cm,
/// in/h → mm/h, m → cm for water levels), and the location from the Thing's first Location or
/// the Observation's FeatureOfInterest. A Datastream whose words name no Pantau sensor kind is
/// skipped (`unmapped_kind`): its id never becomes a kind.
///
/// A bare Observation (`{"phenomenonTime": …, "result": …}`, as SensorThings MQTT publishes
/// it) names its Datastream only in the topic (`v1.1/Datastreams(ID)/Observations`): the
/// Datastream comes from the context's ``DatastreamDirectory`` (`unknown_datastream` when it
/// has none). Alert levels a Datastream's `properties` carry (`waspada`/`siaga`/`awas`, or
/// USGS-style `Thresholds` named for flood stages) go with each water-level reading.
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
        /// Every word that may say what it measures: ObservedProperty name and definition,
        /// Datastream name and description.
        var label: String
        /// Alert levels from `properties`, in the Datastream's unit.
        var levels: RawLevels
    }

    /// Alert levels as a Datastream's properties give them, before unit conversion.
    struct RawLevels: Equatable {
        var waspada: Double?
        var siaga: Double?
        var awas: Double?
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
            let s = Self.streamInfo(v)
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

    private static func streamInfo(_ s: JSONValue) -> StreamInfo {
        let property = s["ObservedProperty"]?["name"]?.string
        let words = [property, s["ObservedProperty"]?["definition"]?.string, s["name"]?.string, s["description"]?.string]
        return StreamInfo(id: s["@iot.id"]?.text ?? s["name"]?.string, name: s["name"]?.string, property: property,
                          symbol: s["unitOfMeasurement"]?["symbol"]?.string,
                          unitName: s["unitOfMeasurement"]?["name"]?.string,
                          label: words.compactMap { $0 }.joined(separator: " "), levels: levels(s["properties"]))
    }

    /// What a Datastream fetched with `$expand=Thing/Locations,ObservedProperty,Sensor` says,
    /// for a ``DatastreamDirectory``; `station` is empty when it names no Thing or id.
    static func datastreamInfo(_ v: JSONValue) -> DatastreamInfo {
        let s = streamInfo(v)
        let thing = v["Thing"]
        let location = thing?["Locations"]?.array?.first.flatMap { FormatGeo.point(geoJSON: $0["location"]) }
        let k = kind(s.label) ?? kind(unit: s.symbol)
        return DatastreamInfo(station: thing?["@iot.id"]?.text ?? thing?["name"]?.string ?? s.id ?? "",
                              name: thing?["name"]?.string ?? s.name, kind: k, unit: s.symbol, unitName: s.unitName,
                              district: FormatGeo.district(near: location), location: location,
                              thresholds: k.flatMap { thresholds(s.levels, symbol: s.symbol, unitName: s.unitName, kind: $0) },
                              label: s.label.isEmpty ? nil : s.label)
    }

    private func observation(_ o: JSONValue, thing outerThing: ThingInfo?, stream outerStream: StreamInfo?,
                             context: FormatContext, result: inout FormatResult) -> FeedEvent? {
        // An Observation may carry its Datastream (and Thing) expanded.
        let ds = o["Datastream"]
        let stream = ds.map(Self.streamInfo) ?? outerStream
        let thing = ds?["Thing"].map(thingInfo) ?? outerThing
        guard let raw = o["result"], var value = raw.number else {
            result.skip(o["result"] == nil ? "missing_result" : "non_numeric_result")
            return nil
        }
        var r: SensorReading
        var symbol: String?
        if stream == nil, thing == nil {
            // A bare Observation: its Datastream is in the topic.
            guard let id = context.topic.flatMap(Self.datastreamID(topic:)) else {
                result.skip("missing_station")
                return nil
            }
            guard let info = context.datastreams?.info(for: id) else {
                result.skip("unknown_datastream")
                return nil
            }
            guard let kind = info.kind else {
                result.skip("unmapped_kind")
                return nil
            }
            (value, symbol) = Self.normalise(value: value, symbol: info.unit, unitName: info.unitName, kind: kind)
            r = SensorReading(station: info.station, sensor: kind, value: value)
            r.name = info.name
            r.place.location = info.location ?? FormatGeo.point(geoJSON: o["FeatureOfInterest"]?["feature"])
            r.place.district = info.district ?? FormatGeo.district(near: r.place.location)
            r.thresholds = info.thresholds
        } else {
            guard let station = thing?.id ?? stream?.id else {
                result.skip("missing_station")
                return nil
            }
            guard let kind = Self.kind(stream?.label ?? "") ?? Self.kind(unit: stream?.symbol) else {
                result.skip("unmapped_kind")
                return nil
            }
            (value, symbol) = Self.normalise(value: value, symbol: stream?.symbol, unitName: stream?.unitName, kind: kind)
            r = SensorReading(station: station, sensor: kind, value: value)
            r.name = thing?.name ?? stream?.name
            r.place.location = thing?.location ?? FormatGeo.point(geoJSON: o["FeatureOfInterest"]?["feature"])
            r.place.district = FormatGeo.district(near: r.place.location)
            if let s = stream { r.thresholds = Self.thresholds(s.levels, symbol: s.symbol, unitName: s.unitName, kind: kind) }
        }
        r.unit = symbol
        let time = o["resultTime"]?.string.flatMap(FormatTime.parse)
            ?? o["phenomenonTime"]?.string.flatMap { FormatTime.parse(String($0.split(separator: "/").first ?? "")) }
            ?? context.now
        return FeedEvent(time: time, source: context.source, payload: .sensor(r))
    }

    /// The Datastream id in a SensorThings MQTT topic: `v1.1/Datastreams(42)/Observations` →
    /// `42`, `…/Datastreams('3f65')/Observations` → `'3f65'`.
    static func datastreamID(topic: String) -> String? {
        guard let open = topic.range(of: "Datastreams("),
              let close = topic[open.upperBound...].firstIndex(of: ")") else { return nil }
        let id = String(topic[open.upperBound..<close])
        return id.isEmpty || id == "''" ? nil : id
    }

    /// The sensor kind that a Datastream's words (ObservedProperty name and definition,
    /// Datastream name and description; English or Indonesian) name; nil when none does.
    /// Words are matched from their start (`rain` in `Rainfall`, not in `Drainage`), and
    /// camelCase and `snake_case` names are split (`AirTemperature`, `water_level`).
    static func kind(_ label: String) -> SensorKind? {
        var spaced = " "
        var previous: Character = " "
        for ch in label {
            if ch.isLetter || ch.isNumber || (ch == "." && previous.isNumber) {
                if ch.isUppercase, previous.isLowercase { spaced.append(" ") }
                spaced.append(ch)
            } else if spaced.last != " " {
                spaced.append(" ")
            }
            previous = ch
        }
        let l = (spaced + " ").lowercased()
        func has(_ words: String...) -> Bool { words.contains { l.contains(" " + $0) } }
        if has("pm2.5", "pm25", "pm 2.5") { return .pm25 }
        if has("pm10", "pm 10") { return .pm10 }
        if has("water level", "waterlevel", "gage height", "gauge height", "stage", "tinggi muka air", "tinggi air",
               "muka air", "tma ") {
            return .waterLevel
        }
        if has("rain", "precip", "hujan") { return .rainfall }
        if has("temperature", "air temp", "suhu") { return .temperature }
        if has("humidity", "relative hum", "kelembaban", "kelembapan") { return .humidity }
        if has("ispu", "aqi", "air quality index") { return .ispu }
        if has("noise", "sound level", "sound pressure", "kebisingan") { return .noise }
        return nil
    }

    /// The kind a unit alone gives away, for a Datastream whose words name none: a rate of
    /// rain, decibels, degrees Celsius, relative humidity. (Metres and µg/m³ say too little.)
    static func kind(unit symbol: String?) -> SensorKind? {
        switch (symbol ?? "").trimmingCharacters(in: .whitespaces).lowercased() {
        case "mm/h", "mm/hr", "mm h-1", "in/h", "in/hr", "[in_i]/h": return .rainfall
        case "db", "dba", "db(a)": return .noise
        case "°c", "degc", "cel": return .temperature
        case "%rh", "% rh": return .humidity
        default: return nil
        }
    }

    /// Alert levels in a Datastream's `properties`: `waspada`/`siaga`/`awas` (also inside
    /// `thresholds`), or a USGS-style `Thresholds` list whose entries above a value are named
    /// for flood stages (`action`/`minor` → waspada, `moderate` → siaga, `major` → awas; the
    /// Indonesian names as they are). Operational limits and thresholds below are not levels.
    static func levels(_ properties: JSONValue?) -> RawLevels {
        guard let p = properties, p.isObject else { return RawLevels() }
        let flat = p["thresholds"]?.isObject == true ? p["thresholds"]! : p
        var out = RawLevels(waspada: flat["waspada"]?.number, siaga: flat["siaga"]?.number, awas: flat["awas"]?.number)
        for t in p["Thresholds"]?.array ?? [] {
            let type = (t["Type"]?.string ?? "").lowercased()
            guard !type.contains("below") else { continue }
            let name = ((t["Name"]?.string ?? "") + " " + (t["ReferenceCode"]?.string ?? "")).lowercased()
            guard !name.contains("operational"),
                  let value = t["Periods"]?.array?.last?["ReferenceValue"]?.number ?? t["ReferenceValue"]?.number
                    ?? t["Value"]?.number else { continue }
            func lowest(_ old: Double?) -> Double { min(old ?? value, value) }
            if name.contains("awas") || name.contains("major") {
                out.awas = lowest(out.awas)
            } else if name.contains("siaga") || name.contains("moderate") {
                out.siaga = lowest(out.siaga)
            } else if name.contains("waspada") || name.contains("action") || name.contains("minor") {
                out.waspada = lowest(out.waspada)
            }
        }
        return out
    }

    /// A gauge's thresholds in cm from levels in the Datastream's unit: only for a water level,
    /// only when all three are given and rise.
    static func thresholds(_ raw: RawLevels, symbol: String?, unitName: String?, kind: SensorKind) -> GaugeThresholds? {
        guard kind == .waterLevel, let w = raw.waspada, let s = raw.siaga, let a = raw.awas else { return nil }
        func cm(_ v: Double) -> Double { normalise(value: v, symbol: symbol, unitName: unitName, kind: kind).0 }
        let t = GaugeThresholds(waspada: cm(w), siaga: cm(s), awas: cm(a))
        guard t.waspada <= t.siaga, t.siaga <= t.awas else { return nil }
        return t
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
        if kind == .rainfall, ls == "in" || ln == "inches" {
            return (round(value * 25.4), "mm")
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
