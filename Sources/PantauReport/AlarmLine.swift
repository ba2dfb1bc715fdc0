import Foundation
import PantauCore

/// An alarm line of a feed or journal, read here until the feed decoder reads `kind: alarm`
/// and the alarm verbs itself: an alarm raised or cleared, or an action on an alarm
/// (`acknowledge_alarm`, `note_alarm`, `incident_from_alarm`). ``read(_:)`` is the one place
/// to switch over to ``FeedLineDecoder`` then.
public enum AlarmLine: Sendable, Equatable {
    case alarm(AlarmEvent, at: Instant)
    case action(AlarmAction)

    /// The verbs that act on an alarm (their `target` is the alarm's id).
    public static let verbs: Set<String> = ["acknowledge_alarm", "note_alarm", "incident_from_alarm"]

    /// The alarm or alarm action on `line`, or nil when the line is anything else (or a bad
    /// alarm line: such a line is left to the decoder, which skips and counts it).
    public static func read(_ line: UnsafeRawBufferPointer) -> AlarmLine? {
        // Most lines never mention an alarm: only those are parsed (JSON in full).
        guard mentionsAlarm(line),
              let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any],
              (object["v"] as? NSNumber)?.intValue == 1,
              let ts = (object["ts"] as? String).flatMap({ RFC3339.parse($0) }) else { return nil }
        switch object["kind"] as? String {
        case "alarm":
            guard let id = object["id"] as? String, let rule = object["rule"] as? String,
                  let transition = (object["state"] as? String).flatMap(AlarmTransition.init(rawValue:)),
                  let severity = (object["severity"] as? NSNumber)?.intValue, (1...5).contains(severity),
                  let subject = object["subject"] as? String else { return nil }
            let event = AlarmEvent(id: id, rule: rule, transition: transition, severity: severity, subject: subject,
                                   title: object["title"] as? String ?? rule,
                                   value: (object["value"] as? NSNumber)?.doubleValue, level: object["level"] as? String)
            return .alarm(event, at: ts)
        case "action":
            guard let verb = object["verb"] as? String, verbs.contains(verb),
                  let actionID = object["action_id"] as? String, let target = object["target"] as? String,
                  let by = object["by"] as? String else { return nil }
            return .action(AlarmAction(actionID: actionID, verb: verb, target: target, by: by, time: ts))
        default:
            return nil
        }
    }

    /// Whether the bytes `alarm` occur in `line`.
    static func mentionsAlarm(_ line: UnsafeRawBufferPointer) -> Bool {
        let n = line.count
        guard n >= 5 else { return false }
        var i = 0
        while i <= n - 5 {
            if line[i] == 97, line[i + 1] == 108, line[i + 2] == 97, line[i + 3] == 114, line[i + 4] == 109 { return true }
            i += 1
        }
        return false
    }

    /// ``read(_:)`` of a line given as a `String` (a journal entry's).
    public static func read(_ line: String) -> AlarmLine? {
        var copy = line
        return copy.withUTF8 { read(UnsafeRawBufferPointer($0)) }
    }
}

/// An action on an alarm: who did what to which alarm, when.
public struct AlarmAction: Sendable, Equatable {
    public var actionID: String
    public var verb: String
    /// The alarm's id.
    public var target: String
    public var by: String
    public var time: Instant
}
