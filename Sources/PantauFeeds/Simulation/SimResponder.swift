/// Who answers an incident: the kind of unit, from which the unit's name and its office
/// (the feed's `unit` and `agency`) follow.
enum SimResponder: Sendable {
    case damkar, bpbd, ambulance, dishub, police, satpolPP, pupr, pln, pdam, trafficLights

    /// A unit name and its agency for an incident in `district`.
    func unit(in district: SimDistrict, _ r: inout SimRandom) -> (unit: String, agency: String) {
        switch self {
        case .damkar:
            return (district.firePost, "Damkar")
        case .bpbd:
            return (r.chance(0.15) ? "TRC BPBD" : "BPBD Unit \(r.int(1...5))", "BPBD")
        case .ambulance:
            let unit = r.chance(0.25) ? "Ambulans RSUD Kota Tangerang" : "Ambulans Puskesmas \(district.name)"
            return (unit, "Dinkes")
        case .dishub:
            return ("Dishub Patroli \(r.int(1...6))", "Dinas Perhubungan")
        case .police:
            let name = district.name == "Tangerang" ? "Tangerang Kota" : district.name
            return ("Polsek \(name)", "Polres Metro Tangerang Kota")
        case .satpolPP:
            return ("Satpol PP Regu \(r.int(1...6))", "Satpol PP")
        case .pupr:
            return ("UPT Jalan PUPR Tim \(r.int(1...4))", "Dinas PUPR")
        case .pln:
            let south = ["Ciledug", "Larangan", "Karang Tengah", "Pinang"].contains(district.name)
            return (south ? "PLN ULP Ciledug" : "PLN ULP Cikokol", "PLN")
        case .pdam:
            return ("Tirta Benteng Tim \(r.int(1...4))", "PDAM")
        case .trafficLights:
            return ("Dishub Tim APILL \(r.int(1...3))", "Dinas Perhubungan")
        }
    }
}
