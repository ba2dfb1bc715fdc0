/// The desk dialog over the dashboard while an action is being put together: what it shows and
/// the request its answer completes.
public enum DeskOverlay: Equatable, Sendable {
    /// A list to choose from; the choice fills the request's `step`.
    case picker(Picker, step: DeskStep, request: ActionRequest)
    /// A line of text (a note, a reason) for the request's `note`.
    case editor(title: String, LineEditor, request: ActionRequest)
    /// The new-incident form.
    case form(Form)
    /// The last question before a resolve, close or merge.
    case confirm(Confirmation, request: ActionRequest)
}

/// Which part of a request a picker's choice fills.
public enum DeskStep: Equatable, Sendable {
    /// The ticket the verb acts on (the request's target).
    case ticket
    /// The unit to dispatch.
    case unit
    /// A unit and its new state (`UNIT-ID` tab `state`): the request's target and unit status.
    case unitStatus
    /// The disposition code.
    case disposition
    /// The incident the target duplicates.
    case duplicateOf
    /// The office a ticket goes to.
    case office
}
