/// Writes events as feed-format v1 NDJSON lines (no trailing newline), with keys in the order
/// the format's examples use. Used by the simulator, `convert` and `record`.
public enum FeedEventEncoder {
    /// One event as one JSON object on one line.
    public static func line(for event: FeedEvent) -> String {
        var w = JSONObjectWriter()
        w.int("v", 1)
        w.string("ts", RFC3339.format(event.time))
        w.string("kind", event.payload.kindName)
        w.string("src", event.source)
        switch event.payload {
        case .traffic(let t):
            w.string("segment", t.segment)
            w.string("road", t.road)
            w.string("district", t.place.district)
            w.string("address", t.place.address)
            w.number("speed_kmh", t.speedKmh)
            w.number("free_flow_kmh", t.freeFlowKmh)
            w.int("jam_level", t.jamLevel)
            w.number("delay_s", t.delaySeconds)
            w.number("length_m", t.lengthMeters)
            w.location(t.place.location)
            if t.ended { w.bool("ended", true) }
        case .incident(let i):
            w.string("id", i.id)
            w.string("category", i.category?.rawValue)
            w.int("severity", i.severity)
            w.string("status", i.status?.rawValue)
            w.string("title", i.title)
            w.string("district", i.place.district)
            w.string("address", i.place.address)
            w.location(i.place.location)
            w.string("unit", i.unit)
            w.string("agency", i.agency)
            w.string("channel", i.channel)
            w.string("expires", i.expires.map { RFC3339.format($0) })
            w.string("note", i.note)
        case .sensor(let s):
            w.string("station", s.station)
            w.string("sensor", s.sensor.name)
            w.number("value", s.value)
            w.string("unit", s.unit)
            w.string("name", s.name)
            w.string("district", s.place.district)
            w.string("address", s.place.address)
            w.location(s.place.location)
            w.number("waspada", s.thresholds?.waspada)
            w.number("siaga", s.thresholds?.siaga)
            w.number("awas", s.thresholds?.awas)
        case .ticket(let t):
            w.string("id", t.id)
            w.string("category", t.category)
            w.string("title", t.title)
            w.string("agency", t.agency)
            w.string("channel", t.channel)
            w.string("created", t.created.map { RFC3339.format($0) })
            w.number("sla_h", t.slaHours)
            w.string("status", t.status?.rawValue)
            w.string("district", t.place.district)
            w.string("address", t.place.address)
            w.location(t.place.location)
            w.string("note", t.note)
        case .action(let a):
            w.string("action_id", a.actionID)
            w.string("verb", a.verb.rawValue)
            w.string("target", a.target)
            w.string("by", a.by)
            w.string("role", a.role.rawValue)
            w.string("console", a.console)
            w.int("seen_version", a.seenVersion)
            let f = a.fields
            w.string("unit", f.unit)
            w.string("unit_status", f.unitStatus?.rawValue)
            w.int("severity", f.severity)
            w.string("category", f.category?.rawValue)
            w.string("title", f.title)
            w.string("district", f.district)
            w.string("address", f.address)
            w.string("caller_name", f.callerName)
            w.string("caller_phone", f.callerPhone)
            w.string("agency", f.agency)
            w.string("duplicate_of", f.duplicateOf)
            w.string("disposition", f.disposition)
            w.string("note", f.note)
            w.string("incident", f.incident)
        case .alarm(let a):
            w.string("id", a.id)
            w.string("rule", a.rule)
            w.string("state", a.transition.rawValue)
            w.int("severity", a.severity)
            w.string("subject", a.subject)
            w.string("title", a.title)
            w.number("value", a.value)
            w.string("level", a.level)
        }
        return w.finish()
    }
}

/// A minimal writer of one flat JSON object; nil values are left out.
struct JSONObjectWriter {
    private var text = "{"
    private var first = true

    private mutating func key(_ k: String) {
        if !first { text += "," }
        first = false
        text += "\"\(k)\":"
    }

    mutating func string(_ k: String, _ v: String?) {
        guard let v else { return }
        key(k)
        text += JSONObjectWriter.quoted(v)
    }

    mutating func int(_ k: String, _ v: Int?) {
        guard let v else { return }
        key(k)
        text += String(v)
    }

    mutating func bool(_ k: String, _ v: Bool) {
        key(k)
        text += v ? "true" : "false"
    }

    mutating func number(_ k: String, _ v: Double?) {
        guard let v, v.isFinite else { return }
        key(k)
        text += JSONObjectWriter.numberText(v)
    }

    mutating func location(_ p: GeoPoint?) {
        guard let p else { return }
        number("lat", p.lat)
        number("lon", p.lon)
    }

    mutating func finish() -> String {
        text + "}"
    }

    /// Integral values print without a fraction; others with up to 6 significant decimals.
    static func numberText(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        var s = String(v)
        if s.contains("e") { return s }
        // Trim binary noise such as 0.30000000000000004 by rounding to 6 decimals.
        let r = (v * 1_000_000).rounded() / 1_000_000
        s = String(r)
        return s
    }

    /// A JSON string literal with every control character escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
