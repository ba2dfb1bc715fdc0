import Foundation
import PantauCore
import PantauUI

extension Session {
    /// The action that makes an incident of `alarm` (`incident_from_alarm`, targeting the
    /// alarm's id; ``submit(_:as:)`` names the incident).
    public static func incidentRequest(for alarm: AlarmEvent) -> ActionRequest {
        ActionRequest(verb: .incidentFromAlarm, target: alarm.id)
    }

    /// Opens an incident from `alarm` on its own (a rule's ``AlarmResponse/createIncident``):
    /// as this console's user when the role allows it, else as Pantau itself
    /// (``ConsoleIdentity/system(console:)``), so a wallboard's rules still open one. A refusal
    /// or rejection (another console made it first) is noted in the activity log.
    @discardableResult
    public func openIncidentAutomatically(from alarm: AlarmEvent) -> SubmissionResult {
        let request = Self.incidentRequest(for: alarm)
        let actor = identity.role.may(request.verb) ? identity : .system(console: identity.console)
        let result = submit(request, as: actor)
        if case .accepted = result { return result }
        dashboard.activity.system("incident from alarm \(alarm.id): \(result.message)", subject: alarm.subject,
                                  at: dashboard.now ?? Instant(date: Date()))
        return result
    }
}
