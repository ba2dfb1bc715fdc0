/// An open incident's place in the expiry order (soonest first, then id): the sweep looks
/// only at the front of this order, so checking expiries costs nothing while none is due.
struct ExpiryKey: Comparable, Hashable, Sendable, Codable {
    var expires: Instant
    var id: String

    static func < (a: Self, b: Self) -> Bool {
        a.expires != b.expires ? a.expires < b.expires : a.id < b.id
    }
}
