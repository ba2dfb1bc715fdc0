import PantauCore
import PantauFeeds
import PantauJournal
import PantauUI

/// Rewind: the whole dashboard shows the city at a past moment, rebuilt from the journal, while
/// the live state goes on taking events unseen. Actions are refused until the return to live.
/// A moment is never before the journal's first entry nor after "now" (the wall clock live, the
/// replay's front in a replay, whose clock the runner pauses while rewound); stepping forward
/// to now returns to live.
extension Session {
    /// Whether the dashboard shows a past moment.
    public var isRewound: Bool { rewound != nil }

    /// The state the dashboard shows: the rewound one, else the live one.
    public var shownState: CityState { rewound?.state ?? state }

    /// Shows the city at `time` (clamped to the journal's span and now). Returns a line for the
    /// status bar when something is worth saying (clamped, back to live, no journal).
    @discardableResult
    public func rewind(to time: Instant) -> String? {
        guard let journal else {
            return "no journal to rewind: this console keeps none"
        }
        let now = dashboard.now ?? state.clock ?? time
        do {
            guard let span = try journal.timeSpan() else { return "nothing to rewind to yet: the journal is empty" }
            if time >= now { return returnToLive() }
            let target = max(time, span.lowerBound)
            if rewinder == nil {
                var base = CityState()
                base.staleLimits = state.staleLimits
                base.registerUnits(state.units.values.map(\.definition))
                rewinder = JournalRewinder(journal: journal, base: base)
            }
            if journalTimeline == nil { journalTimeline = try journal.timeline() }
            // The state shown is let go first, so the rewinder folds on in place, not on a copy
            // (if the journal cannot be read, the dashboard is back to live).
            rewound = nil
            dashboard.rewind = nil
            let past = try rewinder!.state(at: target, finish: rewindFinish)
            rewound = RewoundMoment(time: target, state: past, earliest: span.lowerBound)
            dashboard.rewind = rewindView()
            return target > time ? "the journal starts at \(CivilTime(span.lowerBound).clockText)" : nil
        } catch {
            return "cannot rewind: \(error.description)"
        }
    }

    /// Shows the city `seconds` later (negative: earlier) than shown now (from now when live).
    @discardableResult
    public func step(by seconds: Double) -> String? {
        let from = rewound?.time ?? dashboard.now ?? state.clock
        guard let from else { return "nothing to rewind to yet" }
        return rewind(to: from.adding(seconds: seconds))
    }

    /// Back to live (or to a replay's front).
    @discardableResult
    public func returnToLive() -> String? {
        guard rewound != nil else { return nil }
        rewound = nil
        dashboard.rewind = nil
        return "back to live"
    }

    /// Carries out a rewind command from the dashboard; returns the status line's words, if any.
    func rewind(_ command: DashboardCommand) -> String? {
        switch command {
        case .rewind(let minutes): return step(by: Double(minutes) * 60)
        case .returnToLive: return returnToLive()
        case .rewindTo(let text):
            let reference = rewound?.time ?? dashboard.now ?? state.clock ?? Instant(millis: 0)
            guard let time = Self.rewindTime(text, on: reference) else {
                return "'\(text)' is not a time: type HH:MM, HH:MM:SS or an RFC 3339 time"
            }
            return rewind(to: time)
        default: return nil
        }
    }

    /// `HH:MM` or `HH:MM:SS` on `reference`'s day (WIB), or an RFC 3339 time; nil otherwise.
    public static func rewindTime(_ text: String, on reference: Instant) -> Instant? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 3, parts[2].count == 2, parts[2].allSatisfy(\.isASCII), let s = Int(parts[2]), (0...59).contains(s),
           case .timeOfDay = TimeSpec(parts[0] + ":" + parts[1]) {
            return TimeSpec(parts[0] + ":" + parts[1])?.resolve(firstEvent: reference)?.adding(seconds: Double(s))
        }
        guard let spec = TimeSpec(text), spec != .end else { return nil }
        return spec.resolve(firstEvent: reference)
    }

    /// The rewound frame: the past state, the header's REWIND and the timeline bar.
    func rewoundFrame(status: DashboardStatus) -> CellGrid {
        guard let rewound else { return frame(status: status) }
        dashboard.rewind = rewindView()
        var shown = dashboard
        shown.now = rewound.time
        var status = status
        status.time = rewound.time
        return shown.render(state: rewound.state, status: status, width: dashboard.screenSize.width,
                            height: dashboard.screenSize.height)
    }

    /// The dashboard's view of the rewound moment: its time, the span to now and the timeline.
    private func rewindView() -> RewindView? {
        guard let rewound else { return nil }
        let end = max(rewound.earliest, dashboard.now ?? rewound.time, rewound.time)
        return RewindView(time: rewound.time, span: rewound.earliest...end,
                          perMinute: journalTimeline?.perMinute ?? [:], alarms: journalTimeline?.alarms ?? [])
    }
}
