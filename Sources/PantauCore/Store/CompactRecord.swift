/// A record with a reader of its own for its compact encoding: the same value its `Decodable`
/// init reads, several times faster. The records a checkpoint is mostly made of (tickets,
/// incidents and their timelines) have one, because a rewind's jump waits for a checkpoint to
/// decode. `CompactRecordTests` decodes every one both ways and compares.
///
/// A reader asks for its fields in key order (see ``CompactFields``) and for every field its
/// type encodes: one it misses makes the decoding fail, never drops the field.
protocol CompactRecord: Decodable {
    init(compactAt offset: Int, in bytes: CompactBytes) throws
}

extension Dictionary: CompactRecord where Key == String, Value: CompactRecord {
    init(compactAt offset: Int, in bytes: CompactBytes) throws {
        self.init(minimumCapacity: try bytes.container(at: offset, .keyed).count)
        try bytes.forEachEntry(at: offset) { key, value in self[key] = try Value(compactAt: value, in: bytes) }
    }
}

extension GeoPoint: CompactRecord {
    init(compactAt offset: Int, in bytes: CompactBytes) throws {
        var f = try CompactFields(at: offset, in: bytes)
        let lat = try bytes.double(at: f.required("lat"))
        let lon = try bytes.double(at: f.required("lon"))
        try f.finish()
        self.init(lat: lat, lon: lon)
    }
}

extension OpenTicket: CompactRecord {
    init(compactAt offset: Int, in bytes: CompactBytes) throws {
        var f = try CompactFields(at: offset, in: bytes)
        let created = try f.instant("created")
        let dueAt = try f.optionalInstant("dueAt")
        let id = try f.string("id")
        try f.finish()
        self.init(id: id, created: created, dueAt: dueAt)
    }
}

extension BoundedTimeline: CompactRecord {
    init(compactAt offset: Int, in bytes: CompactBytes) throws {
        var f = try CompactFields(at: offset, in: bytes)
        let dropped = try f.int("dropped")
        let entries = try bytes.list(at: f.required("entries")) { try TimelineEntry(compactAt: $0, in: bytes) }
        try f.finish()
        self.init(entries: entries, dropped: dropped)
    }
}

extension TimelineEntry: CompactRecord {
    init(compactAt offset: Int, in bytes: CompactBytes) throws {
        var f = try CompactFields(at: offset, in: bytes)
        let by = try f.optionalString("by")
        let change = try f.record(Change.self, "change")
        let from = try f.optionalString("from")
        let time = try f.instant("time")
        try f.finish()
        self.init(time: time, change: change, by: by, from: from)
    }
}

extension TimelineEntry.Change: CompactRecord {
    /// As Swift writes an enum with associated values: a keyed container of one entry, the
    /// case's name, holding a keyed container of its values under `_0`, `_1`.
    init(compactAt offset: Int, in bytes: CompactBytes) throws {
        let c = try bytes.container(at: offset, .keyed)
        guard c.count == 1 else { throw bytes.damaged("not one case at \(offset)") }
        var i = c.start
        let name = try bytes.string(at: &i)
        var after = 0
        try bytes.skip(at: i, end: &after)
        guard after <= c.end else { throw bytes.damaged("value past its container at \(i)") }
        var f = try CompactFields(at: i, in: bytes)
        func text() throws -> String { try bytes.string(at: f.required("_0")) }
        switch name {
        case "created": self = .created
        case "status": self = .status(try text())
        case "severity": self = .severity(try bytes.integer(Int.self, at: f.required("_0")))
        case "unit": self = .unit(try text())
        case "note": self = .note(try text())
        case "acknowledged": self = .acknowledged
        case "dispatched": self = .dispatched(try text())
        case "unitStatus":
            let unit = try text()
            let status = try f.raw(UnitStatus.self, "_1")
            self = .unitStatus(unit, status)
        case "disposition": self = .disposition(try text())
        case "mergedInto": self = .mergedInto(try text())
        case "mergedFrom": self = .mergedFrom(try text())
        case "routed": self = .routed(try text())
        default: throw bytes.damaged("no change \(name) at \(offset)")
        }
        try f.finish()
    }
}

extension Ticket: CompactRecord {
    init(compactAt offset: Int, in bytes: CompactBytes) throws {
        var f = try CompactFields(at: offset, in: bytes)
        let address = try f.optionalString("address")
        let agency = try f.string("agency")
        let category = try f.string("category")
        let channel = try f.optionalString("channel")
        let created = try f.instant("created")
        let disposition = try f.optionalString("disposition")
        let district = try f.optionalString("district")
        let id = try f.string("id")
        let lastAction = try f.optionalDecodable(ActionRecord.self, "lastAction")
        let location = try f.optionalRecord(GeoPoint.self, "location")
        let slaHours = try f.optionalDouble("slaHours")
        let status = try f.raw(TicketStatus.self, "status")
        let timeline = try f.record(BoundedTimeline.self, "timeline")
        let title = try f.string("title")
        let updatedAt = try f.instant("updatedAt")
        let verifiedBy = try f.optionalString("verifiedBy")
        let version = try f.int("version")
        try f.finish()
        self.init(id: id, category: category, title: title, agency: agency, status: status, created: created, updatedAt: updatedAt)
        self.address = address
        self.channel = channel
        self.disposition = disposition
        self.district = district
        self.lastAction = lastAction
        self.location = location
        self.slaHours = slaHours
        self.timeline = timeline
        self.verifiedBy = verifiedBy
        self.version = version
    }
}

extension Incident: CompactRecord {
    init(compactAt offset: Int, in bytes: CompactBytes) throws {
        var f = try CompactFields(at: offset, in: bytes)
        let acknowledgedAt = try f.optionalInstant("acknowledgedAt")
        let acknowledgedBy = try f.optionalString("acknowledgedBy")
        let address = try f.optionalString("address")
        let agency = try f.optionalString("agency")
        let alarmID = try f.optionalString("alarmID")
        let callerName = try f.optionalString("callerName")
        let callerPhone = try f.optionalString("callerPhone")
        let category = try f.raw(IncidentCategory.self, "category")
        let channel = try f.optionalString("channel")
        let closedByExpiry = try f.bool("closedByExpiry")
        let dispatchedAt = try f.optionalInstant("dispatchedAt")
        let disposition = try f.optionalString("disposition")
        let district = try f.optionalString("district")
        let duplicateOf = try f.optionalString("duplicateOf")
        let duplicates = try f.strings("duplicates")
        let expires = try f.optionalInstant("expires")
        let id = try f.string("id")
        let lastAction = try f.optionalDecodable(ActionRecord.self, "lastAction")
        let location = try f.optionalRecord(GeoPoint.self, "location")
        let onSceneAt = try f.optionalInstant("onSceneAt")
        let reportedAt = try f.instant("reportedAt")
        let resolvedAt = try f.optionalInstant("resolvedAt")
        let sequence = try f.int("sequence")
        let severity = try f.int("severity")
        let source = try f.optionalString("source")
        let status = try f.raw(IncidentStatus.self, "status")
        let statusChangedAt = try f.instant("statusChangedAt")
        let timeline = try f.record(BoundedTimeline.self, "timeline")
        let title = try f.string("title")
        let unit = try f.optionalString("unit")
        let units = try f.strings("units")
        let updatedAt = try f.instant("updatedAt")
        let version = try f.int("version")
        try f.finish()
        self.init(id: id, category: category, severity: severity, title: title, status: status, reportedAt: reportedAt, sequence: sequence)
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.address = address
        self.agency = agency
        self.alarmID = alarmID
        self.callerName = callerName
        self.callerPhone = callerPhone
        self.channel = channel
        self.closedByExpiry = closedByExpiry
        self.dispatchedAt = dispatchedAt
        self.disposition = disposition
        self.district = district
        self.duplicateOf = duplicateOf
        self.duplicates = duplicates
        self.expires = expires
        self.lastAction = lastAction
        self.location = location
        self.onSceneAt = onSceneAt
        self.resolvedAt = resolvedAt
        self.source = source
        self.statusChangedAt = statusChangedAt
        self.timeline = timeline
        self.unit = unit
        self.units = units
        self.updatedAt = updatedAt
        self.version = version
    }
}
