import PantauCore

extension Dashboard {
    /// What this console has open for the others to see, after the last key: the form of a
    /// desk dialog on its target (a note → writing a note), else the incident or alarm whose
    /// detail view is open (looking), else nothing. A form with no target yet (a new call, a
    /// ticket not picked yet) counts as the view under it.
    public func presenceFocus(state: CityState) -> PresenceFocus? {
        let shown: PresenceTarget?
        switch screen {
        case .dashboard: shown = nil
        case .incidentDetail(let id): shown = .incident(id)
        case .alarmDetail(let id): shown = .alarm(id)
        }
        guard let request = deskRequest else { return shown.map { PresenceFocus(target: $0, activity: .viewing) } }
        let activity = PresenceActivity(verb: request.verb)
        let kind = request.verb.targetKind
        if kind != .unit, !request.target.isEmpty {
            return PresenceFocus(target: PresenceTarget(kind, request.target), activity: activity)
        }
        // A unit's new state is asked for on the incident shown (or selected).
        if request.verb == .unitStatus, let target = shown ?? deskIncidentID(state).map(PresenceTarget.incident) {
            return PresenceFocus(target: target, activity: activity)
        }
        return shown.map { PresenceFocus(target: $0, activity: .viewing) }
    }

    /// The request the open desk dialog is putting together (nil: none, or the new-call form).
    private var deskRequest: ActionRequest? {
        switch desk {
        case .picker(_, _, let request), .editor(_, _, let request), .confirm(_, let request): return request
        case .form, nil: return nil
        }
    }

    /// The others on `target`: `budi (desk-2) is writing a note · siti (wall) is looking`
    /// (nil: nobody else).
    public func presenceLine(on target: PresenceTarget) -> String? {
        let others = presence.others(on: target, excluding: presenceConsoleID)
        guard !others.isEmpty else { return nil }
        return others.map { "\($0.user) (\($0.console)) \(theme.t($0.activity.phrase))" }
            .joined(separator: theme.glyphs.separator)
    }

    /// The incidents someone else is on (the incidents pane marks their rows).
    var incidentsWithOthers: Set<String> {
        presence.records.isEmpty ? [] : presence.targets(of: .incident, excluding: presenceConsoleID)
    }
}
