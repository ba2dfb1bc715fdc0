/// One console's presence as the others hold it: who, at which console, on what, doing what,
/// since when, and when it was last heard of (by the holder's clock: a record not refreshed for
/// ``PresenceBoard/lifetime`` is gone). Never journaled, never in a report.
public struct PresenceRecord: Hashable, Sendable {
    /// The running console's unique id (one per process: two consoles may share a name).
    public var consoleID: String
    /// The user at it, and the console's name (`--user`, `--console`), cleaned (see ``clean(_:)``).
    public var user: String
    public var console: String
    public var role: Role
    public var target: PresenceTarget
    public var activity: PresenceActivity
    /// When it started on the target (its own clock).
    public var since: Instant
    /// When it was last heard of (the holder's clock).
    public var lastSeen: Instant

    public init(consoleID: String, user: String, console: String, role: Role, target: PresenceTarget,
                activity: PresenceActivity, since: Instant, lastSeen: Instant) {
        self.consoleID = consoleID
        self.user = Self.clean(user)
        self.console = Self.clean(console)
        self.role = role
        self.target = target
        self.activity = activity
        self.since = since
        self.lastSeen = lastSeen
    }

    /// Names come from other processes: as feed text, no control character or escape reaches
    /// the terminal (each becomes `�`), and at most ``maxNameLength`` characters are kept.
    public static func clean(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars.prefix(maxNameLength) {
            let control = s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
                || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
            out.unicodeScalars.append(control ? "\u{FFFD}" : s)
        }
        return out
    }

    /// The longest user or console name kept, in Unicode scalars.
    public static let maxNameLength = 32

    /// `budi (desk-2) is writing a note`.
    public var sentence: String { "\(user) (\(console)) \(activity.phrase)" }
}
