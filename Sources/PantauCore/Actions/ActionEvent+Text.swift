extension ActionEvent {
    /// What the actor did, in the past tense, with no personal data: `dispatched DMK-02 to
    /// INC-7`, or without the target (`dispatched DMK-02`) where the record it changed is
    /// already named.
    public func phrase(withTarget: Bool = true) -> String {
        let on = withTarget ? " \(target)" : ""
        let f = fields
        switch verb {
        case .create: return "created\(on)" + (f.severity.map { " sev \($0)" } ?? "")
            + (f.category.map { " \($0.rawValue)" } ?? "")
        case .acknowledge: return "acknowledged\(on)"
        case .dispatch: return "dispatched \(f.unit ?? "?")" + (withTarget ? " to \(target)" : "")
        case .unitStatus: return "set \(target) \(f.unitStatus?.rawValue ?? "?")"
        case .escalate: return "escalated\(on)" + (f.severity.map { " to \($0)" } ?? "")
        case .deescalate: return "de-escalated\(on)" + (f.severity.map { " to \($0)" } ?? "")
        case .note, .ticketNote: return "added a note" + (withTarget ? " to \(target)" : "")
        case .resolve, .ticketResolve: return "resolved\(on)" + (f.disposition.map { " (\($0))" } ?? "")
        case .close: return "closed\(on)"
        case .reopen: return "reopened\(on)"
        case .merge: return "merged\(on) into \(f.duplicateOf ?? "?")"
        case .ticketVerify: return "verified\(on)"
        case .ticketRoute: return "routed\(on) to \(f.agency ?? "?")"
        case .ticketReject: return "rejected\(on)" + (f.disposition.map { " (\($0))" } ?? "")
        case .acknowledgeAlarm: return "acknowledged alarm\(on)"
        case .noteAlarm: return "added a note" + (withTarget ? " to alarm \(target)" : "")
        case .incidentFromAlarm: return "made incident \(f.incident ?? "?")" + (withTarget ? " from alarm \(target)" : "")
        }
    }

    /// The activity log's line: `budi acknowledged INC-7`.
    public var logText: String { "\(by) \(phrase())" }
}
