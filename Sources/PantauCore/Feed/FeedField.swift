/// The keys of feed-format v1 that the decoder knows, recognised from raw bytes without
/// building a `String` for the key.
enum FeedField: Int, CaseIterable {
    case v, ts, kind, src, district, address, lat, lon
    case segment, road, speedKmh, freeFlowKmh, jamLevel, delayS, lengthM
    case id, category, severity, title, status, unit, agency, channel, note
    case station, sensor, value, name, created, slaH, ended, expires
    case waspada, siaga, awas
    // `kind: action`
    case actionID, verb, target, by, role, console, seenVersion, unitStatus, disposition, duplicateOf
    case callerName, callerPhone
    // `kind: alarm` (and `incident` on `incident_from_alarm` actions)
    case rule, state, subject, level, incident
    // When a recorder received the line (see `FeedLineDecoder.arrivalStamp()`).
    case rx

    var key: String {
        switch self {
        case .actionID: return "action_id"
        case .seenVersion: return "seen_version"
        case .unitStatus: return "unit_status"
        case .duplicateOf: return "duplicate_of"
        case .callerName: return "caller_name"
        case .callerPhone: return "caller_phone"
        case .speedKmh: return "speed_kmh"
        case .freeFlowKmh: return "free_flow_kmh"
        case .jamLevel: return "jam_level"
        case .delayS: return "delay_s"
        case .lengthM: return "length_m"
        case .slaH: return "sla_h"
        default: return "\(self)"
        }
    }

    /// `unit` is one key with two meanings: the responding unit on incidents, the measurement
    /// unit on sensor readings. It is stored once, as `.unit`.
    @inline(__always)
    static func match(_ p: UnsafePointer<UInt8>, _ n: Int) -> FeedField? {
        @inline(__always) func eq(_ s: StaticString) -> Bool {
            s.utf8CodeUnitCount == n && memcmpBytes(s.utf8Start, UnsafeRawPointer(p), n)
        }
        switch n {
        case 1: return p[0] == 118 ? .v : nil
        case 2: return eq("ts") ? .ts : eq("id") ? .id : eq("by") ? .by : eq("rx") ? .rx : nil
        case 3: return eq("lat") ? .lat : eq("lon") ? .lon : eq("src") ? .src : nil
        case 4: return eq("kind") ? .kind : eq("road") ? .road : eq("name") ? .name
            : eq("unit") ? .unit : eq("note") ? .note : eq("awas") ? .awas : eq("verb") ? .verb
            : eq("role") ? .role : eq("rule") ? .rule : nil
        case 5: return eq("value") ? .value : eq("title") ? .title : eq("sla_h") ? .slaH
            : eq("ended") ? .ended : eq("siaga") ? .siaga : eq("state") ? .state : eq("level") ? .level : nil
        case 6: return eq("sensor") ? .sensor : eq("status") ? .status : eq("agency") ? .agency
            : eq("target") ? .target : nil
        case 7: return eq("segment") ? .segment : eq("station") ? .station : eq("address") ? .address
            : eq("channel") ? .channel : eq("delay_s") ? .delayS : eq("created") ? .created
            : eq("waspada") ? .waspada : eq("expires") ? .expires : eq("console") ? .console
            : eq("subject") ? .subject : nil
        case 8: return eq("district") ? .district : eq("category") ? .category : eq("severity") ? .severity
            : eq("length_m") ? .lengthM : eq("incident") ? .incident : nil
        case 9: return eq("jam_level") ? .jamLevel : eq("speed_kmh") ? .speedKmh : eq("action_id") ? .actionID : nil
        case 11: return eq("unit_status") ? .unitStatus : eq("disposition") ? .disposition
            : eq("caller_name") ? .callerName : nil
        case 12: return eq("seen_version") ? .seenVersion : eq("duplicate_of") ? .duplicateOf
            : eq("caller_phone") ? .callerPhone : nil
        case 13: return eq("free_flow_kmh") ? .freeFlowKmh : nil
        default: return nil
        }
    }
}
