import Foundation
import PantauCore

extension Instant {
    /// The instant of a wall-clock `date`, to the millisecond.
    public init(date: Date) {
        self.init(millis: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
