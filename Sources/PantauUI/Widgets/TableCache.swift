import Foundation
import PantauCore

/// What a table's search and sort worked out last time, per pane, so that frames which show
/// the same data the same way (the blink and the clock ticking, the selection moving) do not
/// search and sort every row again.
///
/// Why it is safe: an arrangement is a pure function of the state and of how the pane is
/// asked to show it, and the key holds all of that: the state's ``CityState/version`` (equal
/// versions mean the same records in the same storage, so cached dictionary positions stay
/// valid), the pane, its filter and columns, the search, the sort, the theme's language and
/// glyphs (the columns' text may be translated), and while a search is on, "now" (an age's
/// text grows with the clock, not only with events). Same key, same result; a different key is
/// worked out afresh and replaces the pane's entry (one entry per pane: memory stays bounded).
///
/// Held by reference by the dashboard, so copies of a dashboard share it; that is harmless
/// because entries are looked up by the full key. A dashboard is used from one thread, but the
/// box is Sendable (the dashboard is), so it takes a lock rather than trust that.
final class TableCache: @unchecked Sendable {
    struct Key: Equatable {
        var version: StateVersion
        var pane: Int
        var filter: PaneFilter
        var columns: [String]?
        var view: TableView
        var language: Language
        var ascii: Bool
        /// "Now" when the arrangement reads text that depends on it (a search); else nil.
        var now: Instant?
    }

    private let lock = NSLock()
    private var entries: [Int: (key: Key, value: Any)] = [:]

    /// The arrangement for `key`, from the cache or from `make` (then kept).
    func value<T>(for key: Key, make: () -> T) -> T {
        lock.lock()
        if let e = entries[key.pane], e.key == key, let v = e.value as? T {
            lock.unlock()
            return v
        }
        lock.unlock()
        let v = make()
        lock.lock()
        entries[key.pane] = (key, v)
        lock.unlock()
        return v
    }
}
