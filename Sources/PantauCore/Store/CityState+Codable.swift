import Foundation

/// A state is written whole, records, counters and indexes alike (reading the indexes back is
/// faster than rebuilding them, and some, like ``agencies``, cannot be rebuilt), so a journal
/// checkpoint restores exactly the state that was folded. Not written: `lineage` (a decoded
/// state starts its own line of versions).
///
/// Adding a stored property to `CityState` is one line in ``codedFields``; the round-trip test
/// (`CityStateCodableTests`) names any stored property missing from it.
extension CityState: Codable {
    /// Every stored property but `lineage`, by the name it is written under.
    static var codedFields: [CodedField] {
        [
            CodedField("clock", \.clock),
            CodedField("startedAt", \.startedAt),
            CodedField("eventCount", \.eventCount),
            CodedField("refusedTransitions", \.refusedTransitions),
            CodedField("evictedCount", \.evictedCount),
            CodedField("segments", \.segments),
            CodedField("incidents", \.incidents),
            CodedField("stations", \.stations),
            CodedField("tickets", \.tickets),
            CodedField("openIncidentIDs", \.openIncidentIDs),
            CodedField("dispatchOrder", \.dispatchOrder),
            CodedField("expiryOrder", \.expiryOrder),
            CodedField("openCountsBySeverity", \.openCountsBySeverity),
            CodedField("openTicketsByAgency", \.openTicketsByAgency),
            CodedField("agencies", \.agencies),
            CodedField("incidentSequence", \.incidentSequence),
            CodedField("units", \.units),
            CodedField("actionOutcomes", \.actionOutcomes),
            CodedField("staleLimits", \.staleLimits),
            CodedField("retentionSeconds", \.retentionSeconds),
            CodedField("sweptHour", \.sweptHour),
            CodedField("finishedIncidents", \.finishedIncidents),
            CodedField("finishedTickets", \.finishedTickets),
            CodedField("alarms", \.alarms),
            CodedField("activeAlarmIDs", \.activeAlarmIDs),
            CodedField("finishedAlarms", \.finishedAlarms),
            CodedField("lastAlarmClears", \.lastAlarmClears),
            CodedField("sourceActivity", \.sourceActivity),
        ]
    }

    /// Stored properties deliberately not written.
    static let uncodedFields: Set<String> = ["lineage"]

    /// Reads a state written by ``encode(to:)``. Every field must be there (a checkpoint written
    /// before a field existed does not decode, so its reader folds the journal instead of
    /// restoring a state that lacks it).
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: FieldKey.self)
        for field in Self.codedFields { try field.decode(&self, c) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        for field in Self.codedFields { try field.encode(self, &c) }
    }

    /// The state in its canonical form (``CompactEncoder``: binary, every keyed container's
    /// fields sorted, sets as sorted lists), so two equal states give the same bytes in any
    /// process: what a state's fingerprint is taken of, and what a checkpoint stores. Records
    /// must hold no `Set` and no dictionary keyed by other than `String` or `Int` (their order
    /// would differ between processes); a test walks a state for them.
    public func canonicalEncoding() throws -> Data {
        try CompactEncoder.encode(self)
    }

    /// A state from ``canonicalEncoding()``.
    public init(canonicalEncoding data: Data) throws {
        self = try CompactDecoder.decode(CityState.self, from: data)
    }

    /// A coding key of any name.
    struct FieldKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// How one stored property is written and read.
    struct CodedField {
        let name: String
        let encode: (CityState, inout KeyedEncodingContainer<FieldKey>) throws -> Void
        let decode: (inout CityState, KeyedDecodingContainer<FieldKey>) throws -> Void

        init<Value: Codable>(_ name: String, _ path: WritableKeyPath<CityState, Value>) {
            self.name = name
            let key = FieldKey(stringValue: name)
            encode = { state, c in try c.encode(state[keyPath: path], forKey: key) }
            decode = { state, c in state[keyPath: path] = try c.decode(Value.self, forKey: key) }
        }

        /// A set is written sorted, so equal sets give equal bytes.
        init<Element: Codable & Comparable>(_ name: String, _ path: WritableKeyPath<CityState, Set<Element>>) {
            self.name = name
            let key = FieldKey(stringValue: name)
            encode = { state, c in try c.encode(state[keyPath: path].sorted(), forKey: key) }
            decode = { state, c in state[keyPath: path] = Set(try c.decode([Element].self, forKey: key)) }
        }
    }
}
