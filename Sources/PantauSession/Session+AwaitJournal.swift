import Foundation
import PantauCore
import PantauJournal

/// A following console started while its shared journal cannot be opened (the database server
/// is down or out of reach): it starts anyway, says on the status line that it is waiting for
/// the journal and why, refuses actions with that reason, and tries again (backing off, see
/// ``AwaitedJournal``). Once the journal opens, the state is restored from its latest
/// checkpoint plus the entries after it, and the console follows as usual.
extension Session {
    /// Starts waiting for the journal `open` opens, which just failed with `error`; until it
    /// opens, writes fail with `error` and actions are refused.
    public func awaitJournal(_ error: JournalError, open: @escaping () throws(JournalError) -> any Journal) {
        disableJournal(error)
        awaitedJournal = AwaitedJournal(reason: error, now: Date().timeIntervalSinceReferenceDate, open: open)
    }

    /// Whether the console is still waiting for its journal to open.
    public var isAwaitingJournal: Bool { awaitedJournal != nil }

    /// Seconds until the next try to open the awaited journal (nil: not waiting).
    public var secondsToJournalAttempt: Double? {
        awaitedJournal.map { max(0, $0.nextAttempt - Date().timeIntervalSinceReferenceDate) }
    }

    /// Tries to open the awaited journal if the time for the next try has come (`now`: at once)
    /// and restores the state from it. Returns whether the journal is open now; a failure waits
    /// longer before the next try and is the status line's reason.
    @discardableResult
    public func openAwaitedJournal(now: Bool = false) -> Bool {
        guard var awaited = awaitedJournal else { return false }
        let clock = Date().timeIntervalSinceReferenceDate
        guard now || clock >= awaited.nextAttempt else { return false }
        do {
            let opened = try awaited.open()
            try restore(from: opened)
            journal = opened
        } catch {
            awaited.failed(error, now: clock)
            awaitedJournal = awaited
            journalProblem = error
            return false
        }
        awaitedJournal = nil
        journalProblem = nil
        dashboard.activity.system("journal open: restored through entry \(journalSequence)", tone: .good, at: Instant(date: Date()))
        return true
    }

    /// The status-line words (and an action's refusal) while waiting for the journal.
    static func waitingReason(_ error: JournalError) -> String {
        "waiting for the journal (\(error.description)) — actions refused"
    }
}
