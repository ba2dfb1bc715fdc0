/// An accepted action as a record remembers it: enough to tell an actor whose view is out of
/// date what changed ("budi dispatched DMK-02 at 10:42").
public struct ActionRecord: Sendable, Equatable, Codable {
    public var actionID: String
    public var verb: ActionVerb
    public var by: String
    public var time: Instant
    /// What was done, in the past tense, e.g. `dispatched DMK-02`.
    public var summary: String

    public init(actionID: String, verb: ActionVerb, by: String, time: Instant, summary: String) {
        self.actionID = actionID
        self.verb = verb
        self.by = by
        self.time = time
        self.summary = summary
    }

    /// `budi dispatched DMK-02 at 10:42` (WIB).
    public var text: String { "\(by) \(summary) at \(CivilTime(time).shortClockText)" }
}
