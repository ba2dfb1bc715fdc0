import ArgumentParser
import PantauFeeds
import PantauSession

/// What a console does with the alarms the rules raise, besides showing them: `--quiet-alarms`
/// and `--alarm-broker`, shared by run, demo and replay.
struct AlarmOptions: ParsableArguments {
    @Flag(help: "Neither ring the terminal bell nor flash the screen when an alarm is raised (a viewer's console never does).")
    var quietAlarms = false

    @Option(help: ArgumentHelp("The MQTT broker that alarms of rules with an 'mqtt' topic are published to: mqtt://HOST[:PORT].", valueName: "url"))
    var alarmBroker: String?

    func validate() throws {
        if let alarmBroker, case .failure(let problem) = AlarmPublisher.broker(alarmBroker) {
            throw ValidationError("--alarm-broker: \(problem.description)")
        }
    }

    /// What carries out raised alarms' responses at this console, with these options.
    func responder() -> AlarmResponder {
        let broker = alarmBroker.flatMap { try? AlarmPublisher.broker($0).get() }
        return AlarmResponder(quiet: quietAlarms, broker: broker)
    }
}
