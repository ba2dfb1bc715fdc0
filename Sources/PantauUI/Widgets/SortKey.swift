import Foundation
import PantauCore

/// What a row is sorted by on one column: numbers as numbers (ages and times as instants),
/// text as folded text. A row without a value sorts after those with one, either way.
public enum SortKey: Sendable, Equatable {
    /// A number, an age or a time (as milliseconds).
    case number(Double)
    /// Folded text (see ``folded(_:)``).
    case text(String)
    /// No value: sorts last whichever the direction.
    case missing

    /// A text key, folded so that case and accents do not change the order.
    public static func folded(_ s: String) -> SortKey { .text(TextFold.fold(s)) }

    /// Compares two present keys of the same kind; nil when either is missing.
    func compare(_ other: SortKey) -> Int? {
        switch (self, other) {
        case let (.number(a), .number(b)): return a < b ? -1 : a > b ? 1 : 0
        case let (.text(a), .text(b)): return a < b ? -1 : a > b ? 1 : 0
        case (.number, .text): return -1
        case (.text, .number): return 1
        default: return nil
        }
    }
}
