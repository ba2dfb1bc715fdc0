import PantauCore

/// A new complaint ticket as the simulator decides it, before it has an id.
struct TicketDraft: Sendable {
    /// When the ticket first appears in the feed.
    var millis: Int64
    /// When the citizen reported it (earlier than `millis` for the backlog at the start).
    var created: Int64
    /// Index into `TicketCategory.all`.
    var category: Int
    var title: String
    /// Index into `SimDistrict.all`.
    var district: Int
    var address: String
    var location: GeoPoint
    var channel: String
    var initialStatus: TicketStatus = .open
    var fixedID: String?
}
