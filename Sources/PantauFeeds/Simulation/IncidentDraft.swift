import PantauCore

/// A new incident as the simulator decides it, before it has an id: what, where, who
/// responds, and how long the work will take.
struct IncidentDraft: Sendable {
    var millis: Int64
    var category: IncidentCategory
    var severity: Int
    var title: String
    /// Index into `SimDistrict.all`; nil for a city-wide warning.
    var district: Int?
    var address: String?
    var location: GeoPoint?
    var channel: String
    var responder: SimResponder
    /// Median minutes of work on scene (ignored when `resolveAtMillis` is set).
    var workMinutes: Double
    /// A resolution time fixed by the world (water receding, a storm passing).
    var resolveAtMillis: Int64?
    /// The road segment it blocks, and how much speed it leaves (a fraction).
    var segment: Int?
    var segmentFactor: Double = 1
    /// The water gauge whose threshold crossing raised it.
    var gauge: Int?
    /// `.new` for a fresh incident; a later status for one carried over from the previous shift.
    var initialStatus: IncidentStatus = .new
    var allowsSeverityChange = true
    /// A fixed id (carried-over incidents are numbered on their own date).
    var fixedID: String?

    init(millis: Int64, category: IncidentCategory, severity: Int, title: String, district: Int?,
         address: String?, location: GeoPoint?, channel: String, responder: SimResponder, workMinutes: Double) {
        self.millis = millis
        self.category = category
        self.severity = severity
        self.title = title
        self.district = district
        self.address = address
        self.location = location
        self.channel = channel
        self.responder = responder
        self.workMinutes = workMinutes
    }
}
