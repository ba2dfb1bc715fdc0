import PantauCore

/// The one table of key bindings. Dispatch, the footer hints and the help overlay are all
/// generated from it, so they cannot drift apart.
public struct KeyTable: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    /// Pantau's default keys: the ones that work everywhere first (the help overlay lists them
    /// in this order, and a small terminal shows only the first of them), then by context.
    public static let standard = KeyTable(bindings: [
        KeyBinding([.tab], "Tab", .focusNext, .global, "focus the next pane"),
        KeyBinding([.backTab], "S-Tab", .focusPrevious, .global, "focus the previous pane", footer: false),
        KeyBinding([.char("1"), .char("2"), .char("3"), .char("4"), .char("5"), .char("6")], "1-4",
                   .focusPane(0), .global, "focus pane by number", footer: false),
        KeyBinding([.char(" ")], "Space", .togglePause, .global, "pause / resume the replay"),
        KeyBinding([.char("+"), .char("=")], "+/-", .faster, .global, "replay faster / slower"),
        KeyBinding([.char("-"), .char("_")], "-", .slower, .global, "replay slower", footer: false),
        KeyBinding([.char("z")], "z", .zoom, .global, "zoom the focused pane / back"),
        KeyBinding([.char("s")], "s", .sources, .global, "show the data sources and their health"),
        KeyBinding([.char(":")], ":", .command, .global, "command line: :layout :filter :sort … (Tab)"),
        KeyBinding([.char("L")], "L", .cycleLayout, .global, "next layout", footer: false),
        KeyBinding([.char("?")], "?", .help, .global, "show / hide this help"),
        KeyBinding([.char("q")], "q", .quit, .global, "quit"),
        KeyBinding([.char("n")], "n", .desk(.create), .global, "new incident from a call (form)"),
        // Rewind: the footer hints them only while rewound (see Dashboard+Rewind).
        // The first key of each pair goes back, the second forward (see `action(for:in:)`).
        KeyBinding([.char("["), .char("]")], "[/]", .rewindBy(minutes: -1), .global, "rewind: 1 minute back / forward", footer: false),
        KeyBinding([.char("{"), .char("}")], "{/}", .rewindBy(minutes: -10), .global, "rewind: 10 minutes back / forward", footer: false),
        KeyBinding([.char("t")], "t", .rewindPrompt, .global, "rewind to a typed time (HH:MM, RFC 3339)", footer: false),
        KeyBinding([.backspace], "Backspace", .returnToLive, .global, "back from a rewound moment to live", footer: false),
        KeyBinding([.up, .char("k")], "↑/k", .moveUp, .table, "select the row above"),
        KeyBinding([.down, .char("j")], "↓/j", .moveDown, .table, "select the row below"),
        KeyBinding([.pageUp], "PgUp", .pageUp, .table, "page up", footer: false),
        KeyBinding([.pageDown], "PgDn", .pageDown, .table, "page down", footer: false),
        KeyBinding([.home, .char("g")], "g", .top, .table, "first row", footer: false),
        KeyBinding([.end, .char("G")], "G", .bottom, .table, "last row", footer: false),
        KeyBinding([.char("/")], "/", .search, .table, "search the table as you type"),
        KeyBinding([.char("o")], "o", .sortNext, .table, "sort by the next column / own order", footer: false),
        KeyBinding([.char("O")], "O", .sortReverse, .table, "reverse the order", footer: false),
        KeyBinding([.escape], "Esc", .clearSearch, .table, "clear the table's search", footer: false),
        KeyBinding([.enter], "Enter", .open, .incidents, "open the incident's detail"),
        KeyBinding([.escape], "Esc", .back, .detail, "back to the dashboard"),
        KeyBinding([.char("a")], "a", .desk(.acknowledge), .incident, "acknowledge the incident"),
        KeyBinding([.char("d")], "d", .desk(.dispatch), .incident, "dispatch a unit (picker)"),
        KeyBinding([.char("u")], "u", .desk(.unitStatus), .incident, "set a unit's status: en route, on scene, available…"),
        KeyBinding([.char(">")], ">/<", .desk(.escalate), .incident, "escalate / de-escalate the severity"),
        KeyBinding([.char("<")], "<", .desk(.deescalate), .incident, "de-escalate the severity", footer: false),
        KeyBinding([.char("i")], "i", .desk(.note), .incident, "add a note"),
        KeyBinding([.char("r")], "r", .desk(.resolve), .incident, "resolve with a disposition (confirm)"),
        KeyBinding([.char("C")], "C", .desk(.close), .incident, "close the incident (confirm)", footer: false),
        KeyBinding([.char("R")], "R", .desk(.reopen), .incident, "reopen the incident", footer: false),
        KeyBinding([.char("M")], "M", .desk(.merge), .incident, "merge as a duplicate of another incident (confirm)", footer: false),
        KeyBinding([.enter], "Enter", .open, .alarms, "open the alarm's detail"),
        KeyBinding([.char("a")], "a", .desk(.acknowledgeAlarm), .alarm, "acknowledge the alarm"),
        KeyBinding([.char("i")], "i", .desk(.noteAlarm), .alarm, "add a note to the alarm"),
        KeyBinding([.char("c")], "c", .desk(.incidentFromAlarm), .alarm, "make an incident of the alarm"),
        KeyBinding([.char("v")], "v", .desk(.ticketVerify), .tickets, "verify a ticket of the office's queue"),
        KeyBinding([.char("f")], "f", .desk(.ticketRoute), .tickets, "route a ticket to another office"),
        KeyBinding([.char("i")], "i", .desk(.ticketNote), .tickets, "add a note to a ticket"),
        KeyBinding([.char("r")], "r", .desk(.ticketResolve), .tickets, "resolve a ticket with a disposition (confirm)"),
        KeyBinding([.char("x")], "x", .desk(.ticketReject), .tickets, "reject a ticket, with the reason"),
        KeyBinding([.up, .char("k")], "↑/k", .moveUp, .detail, "scroll up", footer: false),
        KeyBinding([.down, .char("j")], "↓/j", .moveDown, .detail, "scroll down", footer: false),
        KeyBinding([.left, .char("h"), .right, .char("l"), .up, .char("k"), .down, .char("j")], "←↑↓→/hjkl",
                   .mapPan(dx: 0, dy: 0), .map, "pan the map"),
        KeyBinding([.char("+"), .char("=")], "+/-", .mapZoomIn, .map, "zoom the map in / out (not replay speed)"),
        KeyBinding([.char("-"), .char("_")], "-", .mapZoomOut, .map, "zoom the map out", footer: false),
        KeyBinding([.char("0")], "0", .mapReset, .map, "show the whole map again", footer: false),
    ])

    /// The pan of each key of the map's pan binding, in its order: west, east, north, south.
    static let mapPanSteps: [Action] = [
        .mapPan(dx: -1, dy: 0), .mapPan(dx: -1, dy: 0), .mapPan(dx: 1, dy: 0), .mapPan(dx: 1, dy: 0),
        .mapPan(dx: 0, dy: -1), .mapPan(dx: 0, dy: -1), .mapPan(dx: 0, dy: 1), .mapPan(dx: 0, dy: 1),
    ]

    /// The bindings that mean something in `mode`: a replay (and the demo) has them all; live
    /// and in a snapshot, pause and speed are left out, so footer and help offer only what works.
    public func available(in mode: DashboardStatus.Mode) -> KeyTable {
        if case .replay = mode { return self }
        return KeyTable(bindings: bindings.filter { !$0.action.controlsReplayClock })
    }

    /// The bindings `role` may see: a viewer (a wallboard) has no desk keys at all, so they are
    /// neither in the footer and help nor dispatched; an operator and a supervisor keep every
    /// one (a verb above the operator's role is refused with the role it needs).
    public func available(to role: Role) -> KeyTable {
        guard role == .viewer else { return self }
        return KeyTable(bindings: bindings.filter {
            if case .desk = $0.action { return false }
            return true
        })
    }

    /// The action for `key` in the given contexts (most specific first), or nil.
    public func action(for key: Key, in contexts: [KeyContext]) -> Action? {
        for context in contexts {
            for b in bindings where b.context == context {
                if let i = b.keys.firstIndex(of: key) {
                    if case .focusPane = b.action { return .focusPane(i) }
                    if case .mapPan = b.action { return Self.mapPanSteps[min(i, Self.mapPanSteps.count - 1)] }
                    if case .rewindBy(let m) = b.action { return .rewindBy(minutes: i == 0 ? -abs(m) : abs(m)) }
                    return b.action
                }
            }
        }
        return nil
    }

    /// The bindings to hint in the footer for the given contexts, most specific first,
    /// without repeating an action.
    public func footerBindings(in contexts: [KeyContext]) -> [KeyBinding] {
        var seen: Set<Action> = []
        var out: [KeyBinding] = []
        // Keys a more specific context takes over (the map's + and -) are not hinted again.
        var claimed: Set<Key> = []
        for context in contexts {
            let here = bindings.filter { $0.context == context }
            for b in here where b.inFooter && !seen.contains(b.action) && !b.keys.allSatisfy(claimed.contains) {
                seen.insert(b.action)
                out.append(b)
            }
            for b in here { claimed.formUnion(b.keys) }
        }
        return out
    }
}
