import PantauCore

/// What a Waze for Cities alert becomes, from its `type` and `subtype` (the CIFS lists), as
/// the README's "Category mappings" table states it.
///
/// Decided by the subtype when there is one, else by the type: `flood` only for
/// `HAZARD_WEATHER_FLOOD`; other weather subtypes `weather`; a stopped car or an emergency
/// vehicle on the road `accident`; every other road or shoulder hazard (construction, object,
/// pothole, lane closed, traffic-light fault, ice, oil, road kill, animals, missing sign)
/// `infrastructure`. `JAM`, `POLICE` and `CHIT_CHAT` alerts are deliberately not mapped
/// (jams come as jams), nor are types Pantau does not know: they are ignored, not bad input.
enum WazeAlertCategory: Equatable {
    /// An incident of this category.
    case incident(IncidentCategory)
    /// Deliberately not mapped, counted as ignored under this reason.
    case ignored(String)

    /// The mapping for an alert; `type` and `subtype` in upper case.
    static func of(type: String, subtype: String) -> WazeAlertCategory {
        switch type {
        case "ACCIDENT":
            return .incident(.accident)
        case "ROAD_CLOSED":
            return .incident(.infrastructure)
        case "HAZARD", "WEATHERHAZARD":
            return .incident(hazard(subtype))
        case "JAM":
            return .ignored("jam_alert")
        case "POLICE", "POLICEMAN":
            return .ignored("police_alert")
        case "CHIT_CHAT":
            return .ignored("chit_chat_alert")
        default:
            return .ignored("other_alert_type")
        }
    }

    /// A `HAZARD`/`WEATHERHAZARD` subtype's category.
    static func hazard(_ subtype: String) -> IncidentCategory {
        if subtype.contains("FLOOD") { return .flood }
        if subtype.hasPrefix("HAZARD_WEATHER") { return .weather }
        if subtype.hasSuffix("CAR_STOPPED") || subtype.hasSuffix("EMERGENCY_VEHICLE") { return .accident }
        return .infrastructure
    }
}
