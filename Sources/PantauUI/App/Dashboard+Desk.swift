import PantauConfig
import PantauCore

extension Dashboard {
    /// The disposition codes resolve offers when the runner gives none: the shipped desk's
    /// (APCO-style), code and label, so the dashboard and the desk file cannot drift apart.
    public static var standardDispositions: [(code: String, label: String)] { dispositions(of: .shipped) }

    /// A desk file's disposition codes and labels, in its order.
    static func dispositions(of desk: DeskConfig) -> [(code: String, label: String)] {
        desk.dispositions.map { (code: $0.code, label: $0.label) }
    }

    /// Takes what the desk file sets on screen: the disposition codes resolve offers and the
    /// response targets the incidents pane's Resp column, its "· N late" title and the detail
    /// view's timers measure against.
    public mutating func take(_ desk: DeskConfig) {
        dispositions = Self.dispositions(of: desk)
        targets = desk.targets
    }

    /// How a verb is named in messages (`unit_status` → `unit status`).
    static func verbName(_ verb: ActionVerb) -> String {
        verb.rawValue.replacingOccurrences(of: "_", with: " ")
    }

    /// The footer's word for a desk verb.
    static func footerHint(_ verb: ActionVerb) -> String {
        switch verb {
        case .create: return "new call"
        case .acknowledge: return "ack"
        case .escalate, .deescalate: return "severity"
        case .unitStatus: return "unit"
        case .ticketVerify: return "verify"
        case .ticketRoute: return "route"
        case .ticketNote: return "note"
        case .ticketResolve: return "resolve"
        case .ticketReject: return "reject"
        case .acknowledgeAlarm: return "ack"
        case .noteAlarm: return "note"
        case .incidentFromAlarm: return "incident"
        default: return verb.rawValue
        }
    }

    /// Whether callers' names, phones and addresses are shown as they are: on a supervisor's
    /// live screen only, never in a snapshot nor to an operator or a viewer.
    func showsPersonalData(_ status: DashboardStatus) -> Bool {
        if case .snapshot = status.mode { return false }
        return role == .supervisor
    }

    /// Notes what became of a request the runner carried out: a refusal is shown under the
    /// target's timeline in the detail view (an acceptance clears it).
    public mutating func noteRefusal(_ reason: String?, of request: ActionRequest) {
        refusals[request.target] = reason
    }

    // MARK: - Starting and continuing an action

    /// A desk key: refused at once when the role may not do the verb (saying which role it
    /// needs), else the first dialog the verb needs, or the request when it needs none.
    mutating func startDesk(_ verb: ActionVerb, state: CityState) -> DashboardCommand? {
        guard role != .viewer else { return nil }
        if let rewind { return .message(rewindRefusal(rewind.time)) }
        guard role.may(verb) else {
            return .message("\(Self.verbName(verb)) needs the \(verb.requiredRole.rawValue) role")
        }
        if verb == .create {
            desk = .form(newIncidentForm())
            return nil
        }
        if verb.targetKind == .ticket {
            return continueDesk(ActionRequest(verb: verb, target: ""), state: state)
        }
        if verb.targetKind == .alarm {
            guard let id = deskAlarmID(state) else { return .message("no alarm selected") }
            return continueDesk(ActionRequest(verb: verb, target: id), state: state)
        }
        guard let id = deskIncidentID(state) else { return .message("no incident selected") }
        if verb == .unitStatus {
            let items = unitStatusItems(incident: id, state: state)
            guard !items.isEmpty else { return .message("no unit is on \(id): dispatch one first (d)") }
            desk = .picker(Picker(title: "Unit status · \(id)", items: items), step: .unitStatus,
                           request: ActionRequest(verb: .unitStatus, target: ""))
            return nil
        }
        return continueDesk(ActionRequest(verb: verb, target: id), state: state)
    }

    /// The incident a desk key acts on: the detail view's, or the one selected in the focused
    /// incidents pane (or shown in a focused detail pane).
    func deskIncidentID(_ state: CityState) -> String? {
        if case .incidentDetail(let id) = screen { return id }
        guard let pane = focusedPane else { return nil }
        switch pane.type {
        case .incidents:
            return IncidentsPane.incident(at: selections[focus], in: state, pane, view: view(focus),
                                          context: incidentsContext(state, pane: focus))?.id
        case .detail: return selectedIncidentID(in: state)
        default: return nil
        }
    }

    /// The alarm an alarm key acts on: the alarm detail view's, or the one selected in the
    /// focused alarms pane.
    func deskAlarmID(_ state: CityState) -> String? {
        if case .alarmDetail(let id) = screen { return id }
        guard let pane = focusedPane, pane.type == .alarms else { return nil }
        return AlarmsPane.alarm(at: selections[focus], in: state, pane, view: view(focus),
                                context: incidentsContext(state, pane: focus))?.id
    }

    /// Opens the dialog for the next thing `request` lacks; when it lacks nothing, asks for
    /// confirmation (resolve, close, merge) or hands it to the runner. A dialog on an incident
    /// keeps the incident's version as it opens (``ActionRequest/seenVersion``).
    mutating func continueDesk(_ asked: ActionRequest, state: CityState) -> DashboardCommand? {
        var request = asked
        if request.seenVersion == nil, request.verb.targetKind == .incident, request.verb != .create {
            request.seenVersion = state.incidents[request.target]?.version
        }
        let f = request.fields
        if request.verb.targetKind == .ticket, request.target.isEmpty { return openTicketPicker(request, state: state) }
        switch request.verb {
        case .dispatch where f.unit == nil:
            let items = dispatchItems(incident: request.target, state: state)
            guard !items.isEmpty else { return .message("no units on the roster") }
            desk = .picker(Picker(title: "Dispatch to \(request.target)", items: items), step: .unit, request: request)
        case .note where f.note == nil, .ticketNote where f.note == nil, .noteAlarm where f.note == nil:
            desk = .editor(title: "Note on \(request.target)", LineEditor(), request: request)
        case .ticketReject where f.note == nil:
            desk = .editor(title: "Why reject \(request.target)?", LineEditor(), request: request)
        case .resolve where f.disposition == nil, .ticketResolve where f.disposition == nil:
            desk = .picker(Picker(title: "Resolve \(request.target) as", items: dispositionItems()), step: .disposition,
                           request: request)
        case .merge where f.duplicateOf == nil:
            let items = duplicateItems(of: request.target, state: state)
            guard !items.isEmpty else { return .message("no other open incident to merge \(request.target) into") }
            desk = .picker(Picker(title: "\(request.target) duplicates which incident?", items: items), step: .duplicateOf,
                           request: request)
        case .ticketRoute where f.agency == nil:
            let current = state.tickets[request.target]?.agency
            let items = state.agencies.sorted().filter { $0 != current }.map { PickerItem(value: $0, label: $0) }
            guard !items.isEmpty else { return .message("no other office to route to") }
            desk = .picker(Picker(title: "Route \(request.target) to", items: items), step: .office, request: request)
        case .resolve, .ticketResolve, .close, .merge:
            desk = .confirm(Confirmation(title: confirmTitle(request), message: confirmMessage(request, state: state)),
                            request: request)
        default:
            return .act(asked)
        }
        return nil
    }

    /// `request` with a picker's choice in the part `step` names.
    static func filling(_ request: ActionRequest, _ step: DeskStep, with value: String) -> ActionRequest {
        var r = request
        switch step {
        case .ticket: r.target = value
        case .unit: r.fields.unit = value
        case .unitStatus:
            let parts = value.split(separator: "\t", maxSplits: 1).map(String.init)
            r.target = parts.first ?? ""
            r.fields.unitStatus = parts.count > 1 ? UnitStatus(rawValue: parts[1]) : nil
        case .disposition: r.fields.disposition = value
        case .duplicateOf: r.fields.duplicateOf = value
        case .office: r.fields.agency = value
        }
        return r
    }

    // MARK: - Keys while a dialog is open

    /// A key while a desk dialog is open: it goes to the dialog; what the dialog finishes
    /// continues the action.
    mutating func handleDeskKey(_ key: Key, state: CityState) -> DashboardCommand? {
        guard let overlay = desk else { return nil }
        switch key {
        case .mouse, .resize: return nil
        default: break
        }
        switch overlay {
        case .picker(var picker, let step, let request):
            switch picker.handle(key) {
            case .open, .refused:
                desk = .picker(picker, step: step, request: request)
            case .cancelled:
                desk = nil
            case .chosen(let item):
                desk = nil
                return continueDesk(Self.filling(request, step, with: item.value), state: state)
            }
        case .editor(let title, var editor, let request):
            switch editor.handle(key) {
            case .editing:
                desk = .editor(title: title, editor, request: request)
            case .cancelled:
                desk = nil
            case .submitted(let text):
                desk = nil
                guard !text.isEmpty else { return .message("nothing written: nothing saved") }
                var r = request
                r.fields.note = text
                return continueDesk(r, state: state)
            }
        case .form(var form):
            switch form.handle(key) {
            case .editing:
                desk = .form(form)
            case .cancelled:
                desk = nil
            case .submitted(let values):
                if (values["district"] ?? "").isEmpty, (values["address"] ?? "").isEmpty {
                    form.fail("District or address is required", field: "district")
                    desk = .form(form)
                    return nil
                }
                desk = nil
                return continueDesk(Self.createRequest(values), state: state)
            }
        case .confirm(let confirmation, let request):
            switch confirmation.handle(key) {
            case .open: break
            case .cancelled: desk = nil
            case .confirmed:
                desk = nil
                return .act(request)
            }
        }
        return nil
    }

    // MARK: - What the dialogs offer

    /// The new-incident form: what a 112 caller reports.
    func newIncidentForm() -> Form {
        let categories = IncidentCategory.allCases.map {
            PickerItem(value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "_", with: " "), detail: $0.respondingOffice)
        }
        let severities = (1...5).map { PickerItem(value: String($0), label: String($0)) }
        let districts = Kecamatan.all.map { PickerItem(value: $0.name, label: $0.name) }
        return Form(title: "New incident from a call", fields: [
            .choice("category", "Category", options: categories, required: true),
            .choice("severity", "Severity", options: severities, chosen: "3", required: true),
            .text("title", "Title", required: true, maxLength: 160),
            .choice("district", "District", options: districts),
            .text("address", "Address", maxLength: 200),
            .text("caller_name", "Caller name", maxLength: 80),
            .text("caller_phone", "Caller phone", maxLength: 24),
            .choice("exercise", "Exercise", options: [PickerItem(value: "no", label: "no: a real call"),
                                                      PickerItem(value: "yes", label: "yes: exercise or test")],
                    chosen: "no", required: true),
        ])
    }

    /// The `create` request a submitted form makes (empty fields left out).
    static func createRequest(_ values: [String: String]) -> ActionRequest {
        func value(_ name: String) -> String? {
            guard let v = values[name], !v.isEmpty else { return nil }
            return v
        }
        var fields = ActionFields()
        fields.category = value("category").flatMap(IncidentCategory.init(rawValue:))
        fields.severity = value("severity").flatMap { Int($0) }
        fields.title = value("title")
        fields.district = value("district")
        fields.address = value("address")
        fields.callerName = value("caller_name")
        fields.callerPhone = value("caller_phone")
        if value("exercise") == "yes" { fields.exercise = true }
        return ActionRequest(verb: .create, target: "", fields: fields)
    }

    func dispositionItems() -> [PickerItem] {
        dispositions.map { PickerItem(value: $0.code, label: $0.label, detail: $0.code) }
    }

    /// The open incidents `id` may duplicate: the same category first, then the rest, each
    /// nearest first when both have a position.
    func duplicateItems(of id: String, state: CityState) -> [PickerItem] {
        let target = state.incidents[id]
        let others = state.openIncidents(limit: 2000).filter { $0.id != id }
        func meters(_ other: Incident) -> Double? {
            guard let a = target?.location, let b = other.location else { return nil }
            return a.distance(to: b)
        }
        let sorted = others.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            let sameA = a.category == target?.category, sameB = b.category == target?.category
            if sameA != sameB { return sameA }
            switch (meters(a), meters(b)) {
            case let (ma?, mb?) where ma != mb: return ma < mb
            case (_?, nil): return true
            case (nil, _?): return false
            default: return x.offset < y.offset
            }
        }.map(\.element)
        return sorted.map { other in
            let distance = meters(other).map { " · \(distanceText(meters: $0))" } ?? ""
            return PickerItem(value: other.id, label: "\(other.id)  \(other.title)",
                              detail: "sev \(other.severity) · \(other.district ?? "-")\(distance)",
                              section: other.category == target?.category ? "Same category" : "Other open incidents")
        }
    }

    /// The selected office's open tickets, most urgent first, to pick the one a ticket verb acts on.
    mutating func openTicketPicker(_ request: ActionRequest, state: CityState) -> DashboardCommand? {
        guard let pane = focusedPane, pane.type == .tickets else { return .message("focus the tickets pane first") }
        let now = self.now ?? state.clock ?? Instant(millis: 0)
        let offices = state.agencyQueues(at: now).filter { pane.filter.matches(agency: $0.agency) }
        guard !offices.isEmpty else { return .message("no tickets yet") }
        let agency = offices[min(selections[focus], offices.count - 1)].agency
        let count = state.openTicketsByAgency[agency]?.count ?? 0
        let tickets = state.openTickets(agency: agency, limit: min(count, 2000), at: now)
        guard !tickets.isEmpty else { return .message("no open tickets in the \(agency) queue") }
        let items = tickets.map { t in
            PickerItem(value: t.id, label: "\(TicketsPane.shortTicketID(t.id))  \(t.title)",
                       detail: "\(t.category) · \(TicketsPane.slaText(t, now: now, theme: theme))")
        }
        let verb = Self.verbName(request.verb).replacingOccurrences(of: "ticket ", with: "")
        desk = .picker(Picker(title: "\(verb.prefix(1).uppercased())\(verb.dropFirst()) which ticket? · \(agency)", items: items),
                       step: .ticket, request: request)
        return nil
    }

    private func confirmTitle(_ r: ActionRequest) -> String {
        switch r.verb {
        case .resolve, .ticketResolve: return "Resolve \(r.target)?"
        case .close: return "Close \(r.target)?"
        case .merge: return "Merge \(r.target)?"
        default: return "\(Self.verbName(r.verb)) \(r.target)?"
        }
    }

    /// Exactly what confirming does.
    func confirmMessage(_ r: ActionRequest, state: CityState) -> String {
        let label = r.fields.disposition.map { code in dispositions.first { $0.code == code }?.label ?? code } ?? ""
        let what = state.incidents[r.target].map { " (\($0.category.rawValue), \($0.district ?? "no district"))" } ?? ""
        switch r.verb {
        case .resolve:
            return "Resolve \(r.target)\(what) as “\(label)”: it leaves the open incidents and its units become available again."
        case .close:
            return "Close \(r.target)\(what): it leaves the open incidents and its units become available again."
        case .merge:
            let into = r.fields.duplicateOf ?? "?"
            return "Merge \(r.target) into \(into) as a duplicate: \(r.target) closes with disposition “duplicate”, "
                + "its timeline is copied into \(into)'s and its units become available again."
        case .ticketResolve:
            let office = state.tickets[r.target].map { " (\($0.category), \($0.agency))" } ?? ""
            return "Resolve ticket \(r.target)\(office) as “\(label)”: it leaves the office's queue."
        default:
            return "\(Self.verbName(r.verb)) \(r.target)."
        }
    }

    // MARK: - Units (the roster's live state)

    /// The units a dispatch to `incident` offers, in the store's order: available first, the
    /// responding agency's first, nearest first by their station. Busy units are listed (so the
    /// supervisor sees where they are) but refused with the reason.
    func dispatchItems(incident: String, state: CityState) -> [PickerItem] {
        let now = self.now ?? state.clock ?? Instant(millis: 0)
        return state.dispatchCandidates(for: incident).map { c in
            let u = c.unit
            var detail = Self.unitStateText(u, now: now)
            if let m = c.distanceMeters { detail += " · \(distanceText(meters: m))" }
            let refusal: String?
            if c.isAvailable {
                refusal = nil
            } else if let on = u.incidentID {
                refusal = "\(u.id) is on \(on)"
            } else {
                refusal = "\(u.id) is \(u.status.label)"
            }
            return PickerItem(value: u.id, label: "\(u.id)  \(u.definition.name)", detail: detail,
                              section: !c.isAvailable ? "Busy" : c.sameAgency ? "\(u.definition.agency) (responding)" : "Other agencies",
                              refusal: refusal)
        }
    }

    /// Each unit on `incident` with the states it may be set to (value `UNIT-ID` tab `state`),
    /// its current state left out.
    func unitStatusItems(incident: String, state: CityState) -> [PickerItem] {
        let ids = state.incidents[incident]?.units ?? []
        let steps: [UnitStatus] = [.enRoute, .onScene, .available, .outOfService]
        return ids.compactMap { state.units[$0] }.flatMap { u in
            steps.filter { $0 != u.status }.map { s in
                PickerItem(value: "\(u.id)\t\(s.rawValue)", label: s.label, detail: "now \(u.status.label)",
                           section: "\(u.id)  \(u.definition.name)")
            }
        }
    }

    /// `on scene 12m` (how long in its state), or the state alone when it has not moved.
    static func unitStateText(_ u: UnitState, now: Instant) -> String {
        guard let since = u.since else { return u.status.label }
        return "\(u.status.label) \(durationText(seconds: now.seconds(since: since)))"
    }

    // MARK: - Drawing

    /// The open desk dialog over the body of the screen.
    func drawDesk(_ overlay: DeskOverlay, into grid: inout CellGrid) {
        let area = Rect(x: 0, y: 1, width: grid.width, height: max(0, grid.height - 2))
        switch overlay {
        case .picker(let picker, _, _): picker.draw(in: area, theme: theme, into: &grid)
        case .form(let form): form.draw(in: area, theme: theme, into: &grid)
        case .confirm(let confirmation, _): confirmation.draw(in: area, theme: theme, into: &grid)
        case .editor(let title, let editor, _):
            let width = max(20, min(area.width - 2, 84))
            let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - 4) / 2, width: width, height: 4)
            grid.fill(rect, style: theme.text)
            let inner = Box.draw(rect, title: title, focused: true, theme: theme, into: &grid)
            guard inner.height >= 2 else { return }
            editor.draw(x: inner.x + 1, y: inner.y, width: max(1, inner.width - 2), style: theme.text, into: &grid)
            DialogHint.draw(nil, keys: "Enter save · Esc cancel · Ctrl-U clear", in: inner, theme: theme, into: &grid)
        }
    }
}
