import Foundation
import PantauConfig
import PantauCore
import PantauJournal
import PantauSession
import PantauUI

/// `pantau ingest --evaluate-rules`: the alert rules for a room on a shared journal. Consoles
/// following a journal evaluate no rules (each would journal the same alarms); this ingest
/// follows the journal as a console does, on a connection of its own, evaluates the rules over
/// its fold once a second (not on every turn of a busy ingest loop) and appends the alarms raised and cleared,
/// so every console reads the same ones. Run it in one ingest per journal; a second one would
/// append the same alarms again, which every console's reducer keeps once (their ids are
/// deterministic), but doubles the entries.
final class IngestRules {
    private let spec: String
    private let rules: RuleEvaluator
    private let desk: DeskConfig
    private let label: String
    /// Nil until the journal opens.
    private var session: Session?
    private var lastProblem: String?
    /// When the next turn may run (monotonic seconds): at most one a second, however fast the
    /// feed makes the ingest loop turn.
    private var nextTurn = 0.0
    static let interval = 1.0

    init(journal spec: String, rules: RulesFile, desk: DeskConfig, label: String) {
        self.spec = spec
        self.rules = RuleEvaluator(rules: rules.withTargets(desk.targets).rules)
        self.desk = desk
        self.label = label
    }

    /// Reads the entries appended since the last turn (this process's and others') and evaluates
    /// the rules as of the wall clock, appending what they raise or clear. Opens the journal
    /// first if it is not open yet; a failure is logged once and tried again next turn.
    func turn() {
        let clock = ProcessInfo.processInfo.systemUptime
        guard clock >= nextTurn else { return }
        nextTurn = clock + Self.interval
        guard let session = session ?? start() else { return }
        session.catchUp()
        let wall = Instant(date: Date())
        session.update(.tick(now: wall, wall: wall))
        note(session.journalProblem)
    }

    private func start() -> Session? {
        guard let layout = (try? ShippedLayouts.named("command-center")) ?? nil else { return nil }
        do {
            let journal = try SharedJournal.open(spec)
            var state = CityState()
            state.registerUnits(desk.units)
            let session = Session(state: state, layout: layout, identity: .system(console: label), journal: journal)
            session.followsJournal = true
            session.evaluatesRulesWhileFollowing = true
            session.recordsActivity = false
            _ = try session.restore(from: journal)
            session.rules = rules
            self.session = session
            StandardStream.writeError("pantau ingest: \(label): evaluating \(rules.rules.count) alert rule\(rules.rules.count == 1 ? "" : "s") over the journal from entry \(session.journalSequence)\n")
            return session
        } catch {
            note(error)
        }
        return nil
    }

    /// Logs a problem once (and its end).
    private func note(_ problem: JournalError?) {
        let text = problem.map { "alert rules: \($0.description); retrying each second" }
        guard text != lastProblem else { return }
        if let text {
            StandardStream.writeError("pantau ingest: \(label): \(text)\n")
        } else if lastProblem != nil {
            StandardStream.writeError("pantau ingest: \(label): alert rules evaluated again\n")
        }
        lastProblem = text
    }
}
