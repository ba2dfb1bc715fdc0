import Foundation
import PantauCore

/// PetaBencana.id (CogniCity) crowdsourced disaster reports (`/reports`, `/reports/archive`,
/// `geoformat=geojson` or the default `topojson`) → incidents, floods with their depth.
///
/// The body is `{"statusCode": 200, "result": …}` (or the `result` alone): a GeoJSON
/// FeatureCollection of Point features, or a TopoJSON Topology whose `objects.output` holds
/// Point geometries (quantised ones are decoded with the topology's `transform`). Each report
/// becomes one incident: id `petabencana-<pkey>`, time `created_at`, place from the point,
/// category from `disaster_type` (`flood` unless it says `earthquake`, `fire`, `wind`, `haze`
/// or `volcano`), title `Banjir 60 cm` from `report_data.flood_depth` (cm), the report's
/// `text` as note, `source` (qlue, grasp, …) as channel, and severity from the depth
/// (``severity(depthCm:)``).
public struct PetaBencanaFormat: FeedFormat {
    public static let name = "petabencana"
    public static let kinds: Set<String> = ["incident"]
    public static let summary = "PetaBencana.id crowdsourced reports (GeoJSON or TopoJSON) → flood incidents with their depth"

    public init() {}

    public func convert(_ payload: Data, context: FormatContext) -> FormatResult {
        var result = FormatResult()
        guard let (value, _) = FormatInput.json(payload, into: &result) else { return result }
        let body = value["result"] ?? value
        switch body["type"]?.string {
        case "FeatureCollection":
            for f in body["features"]?.array ?? [] {
                guard f.isObject, let props = f["properties"], props.isObject else {
                    result.skip("not_a_feature")
                    continue
                }
                let point = FormatGeo.point(geoJSON: f["geometry"])
                if let e = report(props, at: point, context: context, result: &result) { result.events.append(e) }
            }
        case "Topology":
            let transform = body["transform"]
            for g in body["objects"]?["output"]?["geometries"]?.array ?? [] {
                guard g.isObject, let props = g["properties"], props.isObject else {
                    result.skip("not_a_feature")
                    continue
                }
                let point = Self.topoPoint(g, transform: transform)
                if let e = report(props, at: point, context: context, result: &result) { result.events.append(e) }
            }
        default:
            result.skip("not_petabencana")
        }
        return result
    }

    private func report(_ p: JSONValue, at point: GeoPoint?, context: FormatContext, result: inout FormatResult) -> FeedEvent? {
        guard let pkey = p["pkey"]?.text else {
            result.skip("missing_id")
            return nil
        }
        guard let time = p["created_at"]?.string.flatMap(FormatTime.parse) else {
            result.skip("missing_time")
            return nil
        }
        var u = IncidentUpdate(id: "petabencana-" + pkey)
        let type = (p["disaster_type"]?.string ?? p["report_data"]?["report_type"]?.string ?? "flood").lowercased()
        u.category = Self.category(type)
        u.status = .new
        u.channel = p["source"]?.string ?? "petabencana"
        let depth = p["report_data"]?["flood_depth"]?.number.flatMap { $0 >= 0 && $0 < 10_000 ? $0 : nil }
        if u.category == .flood {
            u.title = depth.map { "Banjir \(Int($0.rounded())) cm" } ?? "Laporan banjir"
            u.severity = Self.severity(depthCm: depth)
        } else {
            u.title = "Laporan \(type)"
            u.severity = 2
        }
        let text = (p["text"]?.string ?? p["title"]?.string)?.trimmingCharacters(in: .whitespacesAndNewlines)
        let words = [text.flatMap { $0.isEmpty ? nil : $0 }, depth.map { "kedalaman \(Int($0.rounded())) cm" },
                     p["url"]?.string]
        u.note = words.compactMap { $0 }.joined(separator: " · ")
        if u.note?.isEmpty == true { u.note = nil }
        u.place.location = point
        u.place.district = FormatGeo.district(near: point)
        return FeedEvent(time: time, source: context.source, payload: .incident(u))
    }

    /// `disaster_type` → category.
    static func category(_ type: String) -> IncidentCategory {
        switch type {
        case "earthquake": return .earthquake
        case "fire": return .fire
        case "wind": return .weather
        case "haze", "volcano": return .other
        default: return .flood
        }
    }

    /// Severity of a flood report from its depth in cm, after PetaBencana's own bands:
    ///
    /// | flood_depth | severity |
    /// |---|---|
    /// | not given | 2 |
    /// | under 10 cm | 1 |
    /// | 10–70 cm | 3 |
    /// | 71–150 cm | 4 |
    /// | over 150 cm | 5 |
    static func severity(depthCm: Double?) -> Int {
        guard let d = depthCm else { return 2 }
        if d > 150 { return 5 }
        if d > 70 { return 4 }
        if d >= 10 { return 3 }
        return 1
    }

    /// A TopoJSON Point's position, decoded with the topology's `transform` when it has one.
    static func topoPoint(_ g: JSONValue, transform: JSONValue?) -> GeoPoint? {
        guard g["type"]?.string == "Point", let c = g["coordinates"]?.array, c.count >= 2,
              var x = c[0].number, var y = c[1].number else { return nil }
        if let s = transform?["scale"]?.array, let t = transform?["translate"]?.array, s.count == 2, t.count == 2,
           let sx = s[0].number, let sy = s[1].number, let tx = t[0].number, let ty = t[1].number {
            x = x * sx + tx
            y = y * sy + ty
        }
        return FormatGeo.point(lat: y, lon: x)
    }
}
