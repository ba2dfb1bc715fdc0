import PantauCore

/// What Pantau needs to know of a SensorThings Datastream to turn its bare Observations into
/// readings: the station, its name, what it measures and in which unit, where it is, and the
/// gauge's alert levels when the Datastream carries them. Comes from a `datastreams:` entry of
/// the sources file or from the server's `Datastreams(ID)?$expand=Thing,ObservedProperty,Sensor`.
public struct DatastreamInfo: Sendable, Equatable {
    /// The station id (the Thing's `@iot.id`, or as the sources file says).
    public var station: String
    /// What the station is called.
    public var name: String?
    /// What it measures; nil when the Datastream maps to no Pantau sensor kind.
    public var kind: SensorKind?
    /// The unit its results come in (`m`, `ft`, `in/h`, …), converted like an inline Datastream's.
    public var unit: String?
    /// The unit's long name, when the server gives one (`feet`).
    public var unitName: String?
    /// The kecamatan, when known.
    public var district: String?
    /// Where it is.
    public var location: GeoPoint?
    /// The gauge's alert levels in cm, when the Datastream carries them.
    public var thresholds: GaugeThresholds?
    /// What the Datastream was called when no kind could be found (for the skip reason).
    public var label: String?

    /// Creates the description of one Datastream.
    public init(station: String, name: String? = nil, kind: SensorKind? = nil, unit: String? = nil, unitName: String? = nil,
                district: String? = nil, location: GeoPoint? = nil, thresholds: GaugeThresholds? = nil, label: String? = nil) {
        self.station = station
        self.name = name
        self.kind = kind
        self.unit = unit
        self.unitName = unitName
        self.district = district
        self.location = location
        self.thresholds = thresholds
        self.label = label
    }
}
