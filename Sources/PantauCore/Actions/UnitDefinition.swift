/// One response unit of the roster (the units file): a fire engine, an ambulance, a BPBD team.
/// Its live state (``UnitStatus``, incident) is the store's.
public struct UnitDefinition: Sendable, Equatable, Codable {
    /// Unique id, e.g. `DMK-01`.
    public var id: String
    /// What the board shows, e.g. `Damkar Pos Cipondoh 1`.
    public var name: String
    /// The agency it belongs to, as incidents name it (`Damkar`, `BPBD`, `Dinkes`, `Satpol PP`,
    /// `Dinas Perhubungan`, `Dinas PUPR`).
    public var agency: String
    /// What kind of unit (`fire_engine`, `ambulance`, `rescue`, `patrol`, `tow`, `crew` …).
    public var kind: String
    /// Its station (name), and where the station is: the picker offers the nearest first.
    public var station: String?
    public var location: GeoPoint?

    public init(id: String, name: String, agency: String, kind: String, station: String? = nil,
                location: GeoPoint? = nil) {
        self.id = id
        self.name = name
        self.agency = agency
        self.kind = kind
        self.station = station
        self.location = location
    }
}
