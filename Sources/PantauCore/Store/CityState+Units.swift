import Foundation

/// A unit offered for dispatch to one incident, with what orders the picker.
public struct UnitCandidate: Sendable, Equatable {
    public var unit: UnitState
    /// Whether the unit belongs to the incident's responding agency.
    public var sameAgency: Bool
    /// Metres from its station to the incident, when both places are known.
    public var distanceMeters: Double?

    /// Whether a dispatch may take it now.
    public var isAvailable: Bool { unit.status.canBeDispatched }
}

extension CityState {
    /// Sets the roster (the units file): configuration, not an event, so call it before folding
    /// the journal. A unit already known keeps its state and takes the new definition; a new
    /// one starts available.
    public mutating func registerUnits(_ definitions: [UnitDefinition]) {
        lineage = StateLineage()
        for d in definitions {
            if units[d.id] != nil {
                units[d.id]!.definition = d
            } else {
                units[d.id] = UnitState(definition: d)
            }
        }
    }

    /// Units in `status`, by id.
    public func units(withStatus status: UnitStatus) -> [UnitState] {
        units.values.filter { $0.status == status }.sorted { $0.id < $1.id }
    }

    /// Every unit, by agency then id: the units board's rows.
    public var unitRoster: [UnitState] {
        units.values.sorted { ($0.definition.agency, $0.id) < ($1.definition.agency, $1.id) }
    }

    /// Every unit as the dispatch picker offers it for incident `incidentID`: available ones
    /// first; among them the responding agency's first, then nearest first by their station
    /// (those with no known distance after), then by id. Empty for an unknown incident.
    public func dispatchCandidates(for incidentID: String) -> [UnitCandidate] {
        guard let inc = incidents[incidentID] else { return [] }
        let candidates = units.values.map { u in
            UnitCandidate(unit: u, sameAgency: Self.sameAgency(inc.agency ?? inc.category.respondingOffice, u.definition.agency),
                          distanceMeters: inc.location.flatMap { l in u.definition.location.map { $0.distance(to: l) } })
        }
        return candidates.sorted { a, b in
            if a.isAvailable != b.isAvailable { return a.isAvailable }
            if a.sameAgency != b.sameAgency { return a.sameAgency }
            switch (a.distanceMeters, b.distanceMeters) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.unit.id < b.unit.id
            }
        }
    }

    /// The available units for incident `incidentID`, in the picker's order.
    public func availableUnits(for incidentID: String) -> [UnitState] {
        dispatchCandidates(for: incidentID).filter(\.isAvailable).map(\.unit)
    }

    /// Whether an incident's agency and a unit's name the same office: equal ignoring case, one
    /// naming the other inside it (`Dinas PUPR` and `PUPR`), or a known short name (`Dishub`
    /// for `Dinas Perhubungan`, `Dinkes` for `Dinas Kesehatan`).
    static func sameAgency(_ incidentAgency: String?, _ unitAgency: String) -> Bool {
        guard let a = incidentAgency.map(normalisedAgency), !a.isEmpty else { return false }
        let b = normalisedAgency(unitAgency)
        return a == b || a.contains(b) || b.contains(a)
    }

    private static func normalisedAgency(_ name: String) -> String {
        let lower = name.lowercased().trimmingCharacters(in: .whitespaces)
        switch lower {
        case "dinas perhubungan": return "dishub"
        case "dinas kesehatan": return "dinkes"
        case "dinas pemadam kebakaran", "pemadam kebakaran": return "damkar"
        default: return lower
        }
    }
}
