import Foundation
import PantauCore

/// FIWARE NGSI-LD smart data model entities → sensor readings and traffic segments.
///
/// Reads one entity or an array, in normalized (`{"type": "Property", "value": …}`) or
/// keyValues form. AirQualityObserved → one reading per measure present (`pm25`, `pm10`,
/// `airQualityIndex` → ispu, and `temperature`, `relativeHumidity`); WaterObserved and
/// FloodMonitoring → `water_level` from `height`/`waterLevel`/`measuredValue` (metres → cm
/// when the unitCode is MTR); TrafficFlowObserved → a traffic segment (`averageVehicleSpeed`,
/// jam level from `congested`/`laneOccupancy`). Time from `dateObserved` (else a property's
/// `observedAt`), location from the GeoJSON `location`, station/segment = the entity id.
/// Other entity types are ignored (`entity_type`): counted apart from bad input.
public struct NGSILDFormat: FeedFormat {
    public static let name = "ngsi-ld"
    public static let kinds: Set<String> = ["sensor", "traffic"]
    public static let summary = "FIWARE NGSI-LD entities (AirQualityObserved, WaterObserved, TrafficFlowObserved…) → readings, traffic"

    public init() {}

    public func convert(_ payload: Data, context: FormatContext) -> FormatResult {
        var result = FormatResult()
        guard let (value, complete) = FormatInput.json(payload, into: &result) else { return result }
        let entities: [JSONValue]
        if let a = value.array {
            entities = a
        } else if let g = value["@graph"]?.array {
            entities = g
        } else if value.isObject {
            guard complete else { return result }
            entities = [value]
        } else {
            result.skip("not_ngsi_ld")
            return result
        }
        for e in entities { convertEntity(e, context: context, into: &result) }
        return result
    }

    /// An attribute's value in either form: a normalized Property's `value` (a Relationship's
    /// `object`), or the plain keyValues value.
    static func attribute(_ e: JSONValue, _ name: String) -> JSONValue? {
        guard let a = e[name] else { return nil }
        if a.isObject, let t = a["type"]?.string, t == "Property" || t == "GeoProperty" || t == "Relationship"
            || a["value"] != nil && a["coordinates"] == nil {
            return a["value"] ?? a["object"]
        }
        return a
    }

    /// The `unitCode` of a normalized Property.
    static func unitCode(_ e: JSONValue, _ name: String) -> String? { e[name]?["unitCode"]?.string }

    private func convertEntity(_ e: JSONValue, context: FormatContext, into result: inout FormatResult) {
        guard e.isObject else {
            result.skip("not_an_object")
            return
        }
        guard let id = e["id"]?.text ?? e["@id"]?.text else {
            result.skip("missing_id")
            return
        }
        let rawType = e["type"]?.string ?? e["@type"]?.string ?? ""
        let type = String(rawType.split(whereSeparator: { $0 == "#" || $0 == "/" || $0 == ":" }).last ?? "")
        let time = Self.time(e) ?? context.now
        var place = Place()
        place.location = FormatGeo.point(geoJSON: Self.attribute(e, "location"))
        place.district = FormatGeo.district(near: place.location)
        if let addr = Self.attribute(e, "address") {
            let parts = [addr["streetAddress"]?.string, addr["addressLocality"]?.string].compactMap { $0 }
            place.address = parts.isEmpty ? addr.string : parts.joined(separator: ", ")
        }
        let name = Self.attribute(e, "name")?.string

        func reading(_ kind: SensorKind, _ value: Double, _ unit: String?) {
            var r = SensorReading(station: id, sensor: kind, value: value)
            r.unit = unit
            r.name = name
            r.place = place
            result.append(FeedEvent(time: time, source: context.source, payload: .sensor(r)))
        }

        switch type {
        case "AirQualityObserved":
            var found = false
            let measures: [(String, SensorKind, String)] = [
                ("pm25", .pm25, "µg/m³"), ("pm10", .pm10, "µg/m³"), ("airQualityIndex", .ispu, "index"),
                ("temperature", .temperature, "°C"),
            ]
            for (attr, kind, unit) in measures {
                if let v = Self.attribute(e, attr)?.number {
                    reading(kind, v, unit)
                    found = true
                }
            }
            if let h = Self.attribute(e, "relativeHumidity")?.number {
                // Smart data models give relative humidity as a fraction 0…1.
                reading(.humidity, h <= 1 ? (h * 1000).rounded() / 10 : h, "%")
                found = true
            }
            if !found { result.skip("no_readings") }
        case "WaterObserved", "FloodMonitoring":
            guard let attr = ["height", "waterLevel", "measuredValue"].first(where: { Self.attribute(e, $0)?.number != nil }),
                  let v = Self.attribute(e, attr)?.number else {
                result.skip("no_readings")
                return
            }
            switch Self.unitCode(e, attr)?.uppercased() {
            case "MTR": reading(.waterLevel, (v * 100 * 1000).rounded() / 1000, "cm")
            case "MMT": reading(.waterLevel, v / 10, "cm")
            case "FOT": reading(.waterLevel, (v * 30.48 * 1000).rounded() / 1000, "cm")
            default: reading(.waterLevel, v, "cm")
            }
        case "TrafficFlowObserved":
            let road = name ?? Self.attribute(e, "refRoadSegment")?.text ?? place.address ?? "unnamed road"
            var t = TrafficUpdate(segment: id, road: road)
            t.place = place
            t.speedKmh = Self.attribute(e, "averageVehicleSpeed")?.number
            t.jamLevel = Self.jamLevel(congested: Self.attribute(e, "congested")?.bool,
                                       occupancy: Self.attribute(e, "laneOccupancy")?.number)
            if let len = Self.attribute(e, "length")?.number { t.lengthMeters = len }
            result.append(FeedEvent(time: time, source: context.source, payload: .traffic(t)))
        default:
            result.ignore("entity_type")
        }
    }

    /// Jam level 0…5 from lane occupancy (a fraction, or a percentage above 1) and the
    /// congested flag (congested is at least level 3; alone, level 4).
    static func jamLevel(congested: Bool?, occupancy: Double?) -> Int? {
        var level: Int?
        if let o = occupancy, o >= 0 {
            let f = o > 1 ? o / 100 : o
            switch f {
            case ..<0.15: level = 0
            case ..<0.30: level = 1
            case ..<0.45: level = 2
            case ..<0.60: level = 3
            case ..<0.80: level = 4
            default: level = 5
            }
        }
        if let c = congested {
            if c { level = max(level ?? 4, 3) } else if level == nil { level = 0 }
        }
        return level
    }

    /// `dateObserved` (or `dateObservedTo`), else the first property's `observedAt`.
    static func time(_ e: JSONValue) -> Instant? {
        for attr in ["dateObserved", "dateObservedTo", "dateObservedFrom"] {
            if let t = attribute(e, attr)?.string.flatMap(FormatTime.parse) { return t }
        }
        if case .object(let members) = e {
            for (_, v) in members {
                if let t = v["observedAt"]?.string.flatMap(FormatTime.parse) { return t }
            }
        }
        return nil
    }
}
