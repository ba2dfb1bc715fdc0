import Foundation
import PantauCore
import Yams

extension SourceConfig {
    /// The sensor kinds a `datastreams:` entry may name.
    static let datastreamSensorKinds = ["water_level", "rainfall", "ispu", "pm25", "pm10", "temperature", "humidity", "noise"]

    /// A source's SensorThings Datastreams: `sensorthings_url:` (the server's base URL, where a
    /// Datastream the file does not map is fetched once) and `datastreams:` (id → `station`,
    /// `sensor` required; `name`, `unit`, `district`, `lat`, `lon`, and `waspada`/`siaga`/`awas`
    /// in cm optional). Nil when the entry has neither.
    ///
    /// ```yaml
    /// sensorthings_url: https://sta.example.go.id/FROST-Server/v1.1
    /// datastreams:
    ///   "3f65ab": {station: pa-sepuluh, name: Pintu Air Sepuluh, sensor: water_level, unit: m,
    ///              waspada: 300, siaga: 380, awas: 450}
    /// ```
    func datastreamDirectory() -> DatastreamDirectory? {
        do {
            return try readDatastreamDirectory()
        } catch {
            report(error)
            return nil
        }
    }

    private func readDatastreamDirectory() throws(SourcesFileError) -> DatastreamDirectory? {
        var base: URL?
        if let text = string("sensorthings_url") {
            guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw error("sensorthings_url", "`sensorthings_url` must be an http or https URL, not `\(text)`")
            }
            base = url
        }
        var mapping: [String: DatastreamInfo] = [:]
        if let node = map["datastreams"] {
            guard let entries = node.mapping else {
                throw error("datastreams", "`datastreams` must map Datastream ids to {station: …, sensor: …}")
            }
            for (key, value) in entries {
                guard let id = key.string, !id.isEmpty else { throw problem(at: key, "a Datastream id must be a text") }
                mapping[id] = try datastream(id, value)
            }
        }
        if base == nil, mapping.isEmpty { return nil }
        return DatastreamDirectory(mapping: mapping, baseURL: base)
    }

    private func datastream(_ id: String, _ node: Node) throws(SourcesFileError) -> DatastreamInfo {
        guard let m = node.mapping else {
            throw problem(at: node, "Datastream `\(id)` must be a mapping: {station: …, sensor: …}")
        }
        let allowed: Set<String> = ["station", "name", "sensor", "unit", "district", "lat", "lon", "waspada", "siaga", "awas"]
        for (k, _) in m where !allowed.contains(k.string ?? "") {
            throw problem(at: k, "unknown key `\(k.string ?? "…")` for Datastream `\(id)`; expected one of \(allowed.sorted().joined(separator: ", "))")
        }
        func text(_ k: String) throws(SourcesFileError) -> String? {
            guard let v = m[k] else { return nil }
            guard let s = v.scalar?.string, !s.isEmpty else { throw problem(at: v, "`\(k)` must be a non-empty text") }
            return s
        }
        func number(_ k: String) throws(SourcesFileError) -> Double? {
            guard let v = m[k] else { return nil }
            guard let d = v.float, d.isFinite, abs(d) <= 10_000 else { throw problem(at: v, "`\(k)` must be a number from -10000 to 10000") }
            return d
        }
        guard let station = try text("station") else { throw problem(at: node, "Datastream `\(id)` needs `station`") }
        guard let sensor = try text("sensor") else { throw problem(at: node, "Datastream `\(id)` needs `sensor`") }
        guard Self.datastreamSensorKinds.contains(sensor) else {
            throw problem(at: m["sensor"] ?? node, "`sensor` must be one of \(Self.datastreamSensorKinds.joined(separator: ", ")), not `\(sensor)`")
        }
        var info = DatastreamInfo(station: station, name: try text("name"), kind: SensorKind(name: sensor), unit: try text("unit"),
                                  district: try text("district"))
        let lat = try number("lat"), lon = try number("lon")
        if lat != nil || lon != nil {
            guard let lat, let lon, GeoPoint(lat: lat, lon: lon).isPlausible else {
                throw problem(at: m["lat"] ?? m["lon"] ?? node, "`lat` and `lon` must be given together, as a plausible point")
            }
            info.location = GeoPoint(lat: lat, lon: lon)
        }
        let levels = [try number("waspada"), try number("siaga"), try number("awas")]
        if levels.contains(where: { $0 != nil }) {
            guard let w = levels[0], let s = levels[1], let a = levels[2], w <= s, s <= a else {
                throw problem(at: m["waspada"] ?? m["siaga"] ?? m["awas"] ?? node,
                              "`waspada`, `siaga` and `awas` (cm) must be given together, rising")
            }
            info.thresholds = GaugeThresholds(waspada: w, siaga: s, awas: a)
        }
        return info
    }

    private func problem(at node: Node, _ message: String) -> SourcesFileError {
        let mark = node.mark
        return SourcesFileError(problems: [SourcesFileProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                                              message: message)])
    }
}
