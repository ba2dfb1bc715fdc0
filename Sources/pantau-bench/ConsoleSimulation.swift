import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import PantauPostgres
import PantauSession
import PantauUI

/// Many consoles on one PostgreSQL journal (`pantau-bench consoles`, and its test): a feed
/// writer appends the simulated city at a rate, in a transaction every 20 ms as `pantau ingest`
/// does each turn; N consoles (threads), each a following `Session` with connections of its own,
/// act at random and, in contention slots, several at once on the same hot incident. Measured:
/// from each action's commit to every other console having applied it and drawn a frame of it;
/// what became of the actions; how long after the writers stop every console has read the
/// journal to its end. Checked: every console's state is the journal's fresh fold, every action
/// journaled once or (a compare-and-set refusal) never, every conflict told to its loser.
enum ConsoleSimulation {
    struct Config: Sendable {
        var consoles = 3
        /// Feed events a second.
        var rate = 1_000.0
        /// Seconds the consoles act (and the feed runs).
        var seconds = 20.0
        /// Mean seconds between a console's own random actions.
        var think = 2.0
        /// Seconds between contention slots, and how many consoles act in each (0: a fifth, at least 2).
        var contendEvery = 0.5
        var contenders = 0
        var hotIncidents = 4
        /// Incidents made at the start besides the feed's, and the units roster.
        var poolIncidents = 40
        var units = 80
        var seed: UInt64 = 1
        /// Data frames at most this often, as a live console.
        var frameInterval = FramePacer.liveDataInterval

        var contendersPerSlot: Int { min(consoles, contenders > 0 ? contenders : max(2, consoles / 5)) }
    }

    struct Result {
        var config: Config
        var submissions: [Submission]
        /// Per action: commit to the last other console's frame of it (ms).
        var toAll: [Double]
        /// Per action and other console (ms).
        var toEach: [Double]
        /// Frames drawn before the action's append had returned to its console (counted as 0 ms).
        var beforeCommitReturned: Int
        var feedEvents: Int
        var entries: Int64
        var actingSeconds: Double
        /// Seconds from the writers' stop until the last console had read and drawn the journal's end.
        var convergence: Double?
        var fingerprint: StateFingerprint?
        /// What the checks found wrong (empty: all held).
        var problems: [String]

        func count(_ match: (Submission.Outcome) -> Bool) -> Int { submissions.filter { match($0.outcome) }.count }
        var accepted: Int { count { $0 == .accepted } }
        var conflicted: Int { count { if case .conflicted = $0 { true } else { false } } }
        var foldRejected: Int { count { if case .foldRejected = $0 { true } else { false } } }
        /// Fold rejections for a version the actor saw that had changed (a conflict the fold decided).
        var foldConflicts: Int {
            count { if case .foldRejected(let r) = $0 { r.contains(" changed since you looked") } else { false } }
        }
        var refused: Int { count { if case .refused = $0 { true } else { false } } }
    }

    /// The roster every console and the fold start from.
    static func base(units: Int) -> CityState {
        var state = CityState()
        let agencies = ["BPBD", "Damkar", "Dinkes", "Satpol PP"]
        state.registerUnits((1...max(1, units)).map { i in
            UnitDefinition(id: String(format: "SIM-U%03d", i), name: "Sim unit \(i)", agency: agencies[i % agencies.count], kind: "crew")
        })
        return state
    }

    static func hotIncident(_ k: Int) -> String { "SIM-HOT-\(k)" }

    /// Runs it in a scratch database made (and dropped) on `serverURL`.
    static func run(serverURL: String, config: Config, log: (String) -> Void = { _ in }) throws -> Result {
        let database = try PostgresScratchDatabase(serverURL: serverURL, prefix: "pantau_sim")
        defer { try? database.drop() }
        return try run(url: database.url, config: config, log: log)
    }

    /// Runs it on the (empty) journal database at `url`.
    static func run(url: String, config: Config, log: (String) -> Void) throws -> Result {
        let base = base(units: config.units)
        let setup = try PostgresJournal(url: url)
        defer { setup.close() }
        let wall = Instant(date: Date())
        var made: [FeedEvent] = []
        for (k, id) in ((0..<config.hotIncidents).map(hotIncident) + (0..<config.poolIncidents).map { "SIM-INC-\($0)" }).enumerated() {
            var u = IncidentUpdate(id: id)
            u.category = IncidentCategory.allCases[k % IncidentCategory.allCases.count]
            u.severity = 3
            u.title = "Simulated incident \(k)"
            u.status = .new
            u.place = Place(district: Kecamatan.all[k % Kecamatan.all.count].name)
            made.append(FeedEvent(time: wall, payload: .incident(u)))
        }
        _ = try setup.append(made, at: made.map { _ in wall }, recordedAt: wall)

        // The feed: the simulated city, restamped to the wall clock as it is appended.
        var feed: [FeedPayload] = []
        let wanted = Int(config.rate * config.seconds) + 1
        var day: UInt64 = 0
        while feed.count < wanted {
            CitySimulator(seed: config.seed &+ day, start: wall.adding(seconds: Double(day) * 86_400), hours: 24).run { e in
                if feed.count < wanted { feed.append(e.payload) }
            }
            day += 1
        }

        let ledger = ActionLedger()
        let consoles = try (0..<config.consoles).map { i in
            try SimulatedConsole(index: i, url: url, base: base, ledger: ledger, config: config)
        }
        // Acting starts a second after every console has restored.
        let start = now() + 1
        let schedule = ContentionSchedule(start: start, interval: config.contendEvery,
                                          hot: (0..<config.hotIncidents).map(hotIncident), consoles: config.consoles,
                                          contenders: config.contendersPerSlot, seed: config.seed)
        let control = SimulationControl(start: start, seconds: config.seconds, consoles: config.consoles)
        let group = DispatchGroup()
        for console in consoles {
            group.enter()
            let thread = Thread {
                console.run(control, schedule: schedule)
                group.leave()
            }
            thread.name = "console-\(console.index)"
            thread.stackSize = 8 << 20
            thread.start()
        }

        let writer = FeedWriter(url: url, payloads: feed, rate: config.rate)
        let writerDone = DispatchSemaphore(value: 0)
        let writerThread = Thread {
            writer.run(from: start, until: control.actingEnds)
            writerDone.signal()
        }
        writerThread.name = "feed-writer"
        writerThread.start()

        writerDone.wait()
        control.waitUntilAllDoneActing(deadline: control.actingEnds + 120)
        let final = try setup.lastSequence()
        let stoppedAt = now()
        control.stop(finalSequence: final, deadline: stoppedAt + 120)
        group.wait()
        log(String(format: "writers stopped at entry %lld; %d feed events appended", final, writer.appended))

        var problems = consoles.compactMap(\.failure) + writer.failures
        let convergedAt = consoles.compactMap(\.convergedAt)
        let convergence = convergedAt.count == consoles.count ? convergedAt.max()! - stoppedAt : nil

        // The journal's fresh fold, and what each console holds.
        var folded = JournalFold.start(from: nil, base: base)
        try JournalFold.fold(&folded, from: setup, through: Instant(millis: .max))
        let fingerprint = try StateFingerprint(folded.state)
        if folded.sequence != final { problems.append("the fold read \(folded.sequence) entries, the journal has \(final)") }
        for console in consoles {
            let held = console.session.stateFingerprint()
            if console.session.journalSequence != final || held != fingerprint {
                problems.append("console \(console.index) at entry \(console.session.journalSequence) holds \(held?.hex.prefix(16) ?? "nothing"), the fold \(fingerprint.hex.prefix(16))")
            }
        }
        let submissions = consoles.flatMap(\.submissions)
        problems += try check(submissions, journal: setup, fold: folded.state)

        // Propagation: each action's commit to the first frame of every other console showing it.
        var toAll: [Double] = [], toEach: [Double] = []
        var early = 0
        for commit in ledger.all {
            var slowest = 0.0
            var missed: [String] = []
            for console in consoles where console.index != commit.console {
                guard let frame = console.frames.first(where: { $0.sequence >= commit.sequence }) else {
                    missed.append("console \(console.index) (\(console.frames.count) frames, the last of entry \(console.frames.last?.sequence ?? 0))")
                    continue
                }
                var ms = (frame.at - commit.at) * 1000
                if ms < 0 {
                    early += 1
                    ms = 0
                }
                toEach.append(ms)
                slowest = max(slowest, ms)
            }
            if missed.isEmpty {
                toAll.append(slowest)
            } else {
                problems.append("entry \(commit.sequence) (console \(commit.console)'s action) was never drawn by " + missed.joined(separator: ", "))
            }
        }
        return Result(config: config, submissions: submissions, toAll: toAll, toEach: toEach, beforeCommitReturned: early,
                      feedEvents: writer.appended, entries: final, actingSeconds: config.seconds, convergence: convergence,
                      fingerprint: fingerprint, problems: problems)
    }

    /// Every action journaled once if it was accepted or rejected by the fold, never if the
    /// database refused it; every journaled action someone's; every conflict's reported winner
    /// another console's accepted action on the same target.
    static func check(_ submissions: [Submission], journal: any Journal, fold: CityState) throws -> [String] {
        var problems: [String] = []
        var journaled: [String: Int] = [:]
        let decoder = FeedLineDecoder()
        var after: Int64 = 0
        while true {
            let page = try journal.entries(after: after, limit: 10_000)
            guard let last = page.last else { break }
            for entry in page {
                if case .action(let a) = try JournalFold.decode(entry, with: decoder).payload { journaled[a.actionID, default: 0] += 1 }
            }
            after = last.sequence
        }
        var byID: [String: Submission] = [:]
        var acceptedOn: [String: Set<String>] = [:] // target → users with an accepted action on it
        for s in submissions {
            if let id = s.actionID { byID[id] = s }
            if s.outcome == .accepted { acceptedOn[s.target, default: []].insert(SimulatedConsole.user(s.console)) }
        }
        for id in journaled.keys where byID[id] == nil { problems.append("\(id) is in the journal but no console submitted it") }
        for s in submissions {
            guard let id = s.actionID else { continue }
            let times = journaled[id] ?? 0
            switch s.outcome {
            case .accepted:
                if times != 1 || fold.actionOutcomes[id] != .accepted {
                    problems.append("\(id) accepted but journaled \(times) times, folded \(String(describing: fold.actionOutcomes[id]))")
                }
            case .foldRejected(let reason):
                if times != 1 || fold.actionOutcomes[id] != .rejected(reason: reason) {
                    problems.append("\(id) rejected (\(reason)) but journaled \(times) times, folded \(String(describing: fold.actionOutcomes[id]))")
                }
            case .conflicted, .refused:
                if times != 0 { problems.append("\(id) refused but journaled \(times) times") }
            }
            let reason: String
            switch s.outcome {
            case .conflicted(let r), .foldRejected(let r): reason = r
            default: continue
            }
            // `INC-7 changed since you looked: budi dispatched DMK-02 at 10:42`
            let marker = "\(s.target) changed since you looked: "
            guard reason.hasPrefix(marker) else {
                if case .conflicted = s.outcome { problems.append("\(id) refused without naming a winner: \(reason)") }
                continue
            }
            let winner = String(reason.dropFirst(marker.count).prefix { $0 != " " })
            if winner == SimulatedConsole.user(s.console) || !(acceptedOn[s.target]?.contains(winner) ?? false) {
                problems.append("\(id) by \(SimulatedConsole.user(s.console)) lost to \(winner), who has no accepted action on \(s.target)")
            }
        }
        return problems
    }
}

/// When the consoles act, and when and where they stop: shared by the threads.
final class SimulationControl: @unchecked Sendable {
    let start: Double
    let actingEnds: Double
    private let consoles: Int
    private let lock = NSCondition()
    private var done: Set<Int> = []
    private var stoppedFlag = false
    private var final: Int64?
    private var stopDeadline = Double.infinity

    init(start: Double, seconds: Double, consoles: Int) {
        self.start = start
        actingEnds = start + seconds
        self.consoles = consoles
    }

    func doneActing(_ console: Int) {
        lock.lock()
        if done.insert(console).inserted { lock.broadcast() }
        lock.unlock()
    }

    func waitUntilAllDoneActing(deadline: Double) {
        lock.lock()
        while done.count < consoles, now() < deadline { _ = lock.wait(until: Date().addingTimeInterval(0.1)) }
        lock.unlock()
    }

    func stop(finalSequence: Int64, deadline: Double) {
        lock.lock()
        final = finalSequence
        stopDeadline = deadline
        stoppedFlag = true
        lock.unlock()
    }

    var stopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stoppedFlag
    }

    var finalSequence: Int64? {
        lock.lock()
        defer { lock.unlock() }
        return final
    }

    var deadline: Double {
        lock.lock()
        defer { lock.unlock() }
        return stopDeadline
    }
}

/// The ingest side: `rate` events a second in a transaction every 20 ms, at the wall clock.
final class FeedWriter: @unchecked Sendable {
    let url: String
    let payloads: [FeedPayload]
    let rate: Double
    private(set) var appended = 0
    private(set) var failures: [String] = []

    init(url: String, payloads: [FeedPayload], rate: Double) {
        self.url = url
        self.payloads = payloads
        self.rate = rate
    }

    func run(from start: Double, until end: Double) {
        guard rate > 0 else { return }
        let journal: PostgresJournal
        do { journal = try PostgresJournal(url: url) } catch {
            failures.append("feed writer: \(error)")
            return
        }
        defer { journal.close() }
        let turn = 0.02
        var next = start
        while now() < end, appended < payloads.count {
            let wait = next - now()
            if wait > 0 { usleep(UInt32(wait * 1e6)) }
            next += turn
            // What the rate owes by now: a slow append is caught up by a bigger next batch.
            let count = min(payloads.count, Int(rate * (min(now(), end) - start))) - appended
            guard count > 0 else { continue }
            let wall = Instant(date: Date())
            let batch = payloads[appended..<(appended + count)].map { FeedEvent(time: wall, payload: $0) }
            do {
                _ = try journal.append(batch, at: batch.map(\.time), recordedAt: wall)
                appended += count
            } catch {
                failures.append("feed writer: \(error)")
                return
            }
        }
    }
}
