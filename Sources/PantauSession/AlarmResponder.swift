import Foundation
import PantauCore
import PantauFeeds

/// Does, for each alarm the rules raise, what its rule's ``AlarmResponse`` asks of this console
/// besides the pane and the banner: the bell and the flash (as session commands for the
/// terminal; never at a viewer's console nor under `--quiet-alarms`), an automatic incident, the
/// command (on a thread of its own) and the MQTT publish (on the publisher's thread). What the
/// command and the publisher report comes back later: ``takeReports(into:)`` puts it in the
/// activity log.
public final class AlarmResponder {
    private let quiet: Bool
    private let publisher: AlarmPublisher?
    private let reports = Reports()

    /// A responder that rings unless `quiet` (`--quiet-alarms`) and publishes to `broker`
    /// (`--alarm-broker`), if given.
    public init(quiet: Bool, broker: (host: String, port: Int)? = nil) {
        self.quiet = quiet
        let reports = self.reports
        if let broker {
            publisher = AlarmPublisher(host: broker.host, port: broker.port) { line, failed in reports.post(line, failed: failed) }
        } else {
            publisher = nil
        }
    }

    /// Stops the publisher (a running command is left to its timeout).
    public func stop() { publisher?.stop() }

    /// Responds to every alarm in `raised`: the terminal's part (bell, flash) as effects for
    /// the runner to carry out, the rest done.
    public func respond(to raised: [RaisedAlarm], session: Session) -> SessionEffects {
        var effects = SessionEffects()
        for r in raised { effects.commands += respond(to: r.alarm, response: r.response, at: r.time, session: session) }
        effects.frameOwed = !raised.isEmpty
        return effects
    }

    /// Responds to `alarm`, raised at `time` by a rule whose response is `response`: returns the
    /// terminal's part (bell, flash), does the rest.
    public func respond(to alarm: AlarmEvent, response: AlarmResponse, at time: Instant, session: Session) -> [SessionCommand] {
        var commands: [SessionCommand] = []
        if let alert = SessionCommand.alert(for: response, role: session.identity.role, quiet: quiet) { commands.append(alert) }
        if response.createIncident { session.openIncidentAutomatically(from: alarm) }
        if !response.command.isEmpty {
            let reports = self.reports
            AlarmCommand.start(response.command, alarm: alarm, at: time, timeout: response.commandTimeout) { outcome in
                reports.post(outcome.message, failed: !outcome.succeeded)
            }
        }
        if let topic = response.mqttTopic {
            if let publisher {
                let line = FeedEventEncoder.line(for: FeedEvent(time: time, source: "pantau", payload: .alarm(alarm)))
                publisher.publish(line, topic: topic, alarmID: alarm.id)
            } else {
                reports.post("alarm \(alarm.id) not published to \(topic): no broker given (--alarm-broker mqtt://HOST:PORT)", failed: true)
            }
        }
        return commands
    }

    /// Notes in the activity log what commands and the publisher reported since the last call;
    /// whether there was anything.
    @discardableResult
    public func takeReports(into session: Session) -> Bool {
        let lines = reports.take()
        let now = Instant(date: Date())
        for (line, failed) in lines {
            session.dashboard.activity.system(line, tone: failed ? .warning : .neutral, at: session.dashboard.now ?? now)
        }
        return !lines.isEmpty
    }

    /// Lines posted from other threads, taken on the loop's.
    private final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [(String, Bool)] = []

        func post(_ line: String, failed: Bool) {
            lock.lock()
            lines.append((line, failed))
            lock.unlock()
        }

        func take() -> [(String, Bool)] {
            lock.lock()
            defer { lock.unlock() }
            let taken = lines
            lines.removeAll()
            return taken
        }
    }
}
