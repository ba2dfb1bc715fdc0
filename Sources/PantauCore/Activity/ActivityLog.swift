/// What happened lately, newest last, bounded: the log pane's data.
///
/// Not every event is worth a line. Incident and ticket updates always are; a traffic update
/// only when a segment is badly jammed (level 4 or 5); a sensor reading only when its band is
/// at warning or worse. Pantau's own notes (a source failing, a layout reloaded) come in as
/// system entries. The log keeps the last `capacity` entries, so memory stays flat however
/// long the shift.
public struct ActivityLog: Sendable {
    /// Entries kept at most.
    public let capacity: Int
    private var ring: [LogEntry] = []
    private var start = 0
    /// Entries ever recorded (including those since dropped).
    public private(set) var recorded = 0

    public init(capacity: Int = 500) {
        self.capacity = max(1, capacity)
        ring.reserveCapacity(self.capacity)
    }

    /// How many entries are kept now.
    public var count: Int { ring.count }

    /// The entry `i` places back from the newest (0 is the newest).
    public func newest(_ i: Int) -> LogEntry? {
        guard i >= 0, i < ring.count else { return nil }
        return ring[(start + ring.count - 1 - i) % ring.count]
    }

    /// Entries newest first, at most `limit`, keeping only those `matching` (when given).
    public func latest(_ limit: Int, matching: ((LogEntry) -> Bool)? = nil) -> [LogEntry] {
        var out: [LogEntry] = []
        var i = 0
        while out.count < limit, let e = newest(i) {
            if matching?(e) ?? true { out.append(e) }
            i += 1
        }
        return out
    }

    /// Adds an entry, dropping the oldest when full.
    public mutating func append(_ entry: LogEntry) {
        recorded += 1
        if ring.count < capacity {
            ring.append(entry)
        } else {
            ring[start] = entry
            start = (start + 1) % capacity
        }
    }

    /// Records the events worth a line. Only the last `capacity` events can survive, so a big
    /// batch (a catch-up, a flood) costs no more than that.
    public mutating func record<C: Collection>(_ events: C, rules: BandRules = .standard) where C.Element == FeedEvent {
        for e in events.suffix(capacity * 4) {
            if let entry = Self.entry(for: e, rules: rules) { append(entry) }
        }
    }

    /// Records one event if it is worth a line.
    public mutating func record(_ event: FeedEvent, rules: BandRules = .standard) {
        if let entry = Self.entry(for: event, rules: rules) { append(entry) }
    }

    /// Records a note from Pantau itself.
    public mutating func system(_ text: String, subject: String = "", tone: BandTone = .neutral, at time: Instant) {
        append(LogEntry(time: time, origin: .system, subject: subject, text: text, tone: tone))
    }

    /// The line for `event`, or nil when it is routine.
    public static func entry(for event: FeedEvent, rules: BandRules = .standard) -> LogEntry? {
        switch event.payload {
        case .incident(let u):
            var parts: [String] = []
            if let c = u.category { parts.append(c.rawValue) }
            if let s = u.severity { parts.append("sev \(s)") }
            if let s = u.status { parts.append(s.rawValue) }
            if let t = u.title { parts.append(t) }
            if let d = u.place.district { parts.append("· \(d)") }
            if let n = u.note { parts.append("— \(n)") }
            let tone: BandTone
            switch u.severity ?? 0 {
            case 5: tone = .extreme
            case 4: tone = .danger
            case 3: tone = .warning
            default: tone = .neutral
            }
            return LogEntry(time: event.time, origin: .incident, subject: u.id,
                            text: parts.isEmpty ? "updated" : parts.joined(separator: " "), tone: tone,
                            district: u.place.district, category: u.category?.rawValue, agency: u.agency,
                            severity: u.severity)
        case .ticket(let u):
            var parts: [String] = []
            if let s = u.status { parts.append(s.rawValue) }
            if let a = u.agency { parts.append(a) }
            if let c = u.category { parts.append(c) }
            if let t = u.title { parts.append(t) }
            if let n = u.note { parts.append("— \(n)") }
            return LogEntry(time: event.time, origin: .ticket, subject: u.id,
                            text: parts.isEmpty ? "updated" : parts.joined(separator: " "), tone: .neutral,
                            district: u.place.district, category: u.category, agency: u.agency)
        case .action(let a):
            // Never the caller's name or phone: those are personal data.
            return LogEntry(time: event.time, origin: a.verb.targetKind == .ticket ? .ticket : .incident,
                            subject: a.target, text: a.logText, tone: .neutral, agency: a.fields.agency,
                            severity: a.fields.severity)
        case .alarm(let a):
            let tone: BandTone = a.transition == .cleared ? .neutral : a.severity >= 4 ? .danger : .warning
            return LogEntry(time: event.time, origin: .system, subject: a.subject,
                            text: "alarm \(a.transition.rawValue): \(a.title)", tone: tone, severity: a.severity)
        case .traffic(let u):
            guard let level = u.jamLevel, level >= 4 else { return nil }
            var text = "\(u.road) jam \(level) \(JamLevel.label(level))"
            if let s = u.speedKmh { text += ", \(Int(saturating: s.rounded())) km/h" }
            if let d = u.delaySeconds, d >= 60 { text += ", +\(durationText(seconds: d))" }
            return LogEntry(time: event.time, origin: .traffic, subject: u.segment, text: text, tone: JamLevel.tone(level),
                            district: u.place.district)
        case .sensor(let r):
            guard let band = rules.band(kind: r.sensor, stationID: r.station, value: r.value, fed: r.thresholds),
                  band.tone >= .warning else { return nil }
            let value = r.value == r.value.rounded() ? "\(Int(saturating: r.value))" : String(format1: r.value)
            let unit = r.unit.map { " \($0)" } ?? ""
            return LogEntry(time: event.time, origin: .sensor, subject: r.station,
                            text: "\(r.name ?? r.station) \(r.sensor.label) \(value)\(unit) · \(band.label)", tone: band.tone,
                            district: r.place.district, category: r.sensor.name)
        }
    }
}

extension String {
    /// `value` with one decimal, without Foundation.
    init(format1 value: Double) {
        let tenths = Int(saturating: (value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        self = "\(sign)\(tenths.magnitude / 10).\(tenths.magnitude % 10)"
    }
}
