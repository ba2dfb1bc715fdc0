import Foundation
import PantauJournal

/// A shared journal a following console could not open yet (its database server away): how to
/// open it, why the last try failed, and when to try again, waiting longer after each failure
/// up to ``longestWait`` seconds.
struct AwaitedJournal {
    /// Opens the journal (a new connection each call).
    let open: () throws(JournalError) -> any Journal
    /// Why the last try failed.
    var reason: JournalError
    /// Tries that failed so far.
    var failures = 1
    /// When to try next (seconds since the reference date).
    var nextAttempt: Double

    /// The wait after the first failure, doubled after each further one up to ``longestWait``.
    static let firstWait = 0.5
    static let longestWait = 4.0

    init(reason: JournalError, now: Double, open: @escaping () throws(JournalError) -> any Journal) {
        self.open = open
        self.reason = reason
        nextAttempt = now + Self.firstWait
    }

    /// Notes another failed try at `now`.
    mutating func failed(_ error: JournalError, now: Double) {
        failures += 1
        reason = error
        nextAttempt = now + min(Self.longestWait, Self.firstWait * pow(2, Double(failures - 1)))
    }
}
