import Foundation

/// A state is written whole, records, counters and indexes alike (reading the indexes back is
/// faster than rebuilding them, and some, like ``agencies``, cannot be rebuilt), so a journal
/// checkpoint restores exactly the state that was folded. Not written: `lineage` (a decoded
/// state starts its own line of versions) and `stationChannelKeys` (made again as needed).
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
    static let uncodedFields: Set<String> = ["lineage", "stationChannelKeys"]

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
    /// must hold no `Set` and no dictionary keyed by other than `String`, `Int` or
    /// ``RecordKey`` (written as a string key; any other's order would differ between
    /// processes); a test walks a state for them.
    public func canonicalEncoding() throws -> Data {
        try CompactEncoder.encode(self)
    }

    /// A state from ``canonicalEncoding()``: the same state as `CompactDecoder.decode`, read
    /// on up to four threads (the fields at once, and the big dictionaries' entries in pieces),
    /// because a rewind's jump waits for it.
    public init(canonicalEncoding data: Data) throws {
        try self.init(canonicalEncoding: data, lanes: min(4, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// A state from ``canonicalEncoding()``, read on up to `lanes` threads (1: on this one).
    public init(canonicalEncoding data: Data, lanes: Int) throws {
        let bytes = CompactBytes([UInt8](data))
        var end = 0
        try bytes.skip(at: 0, end: &end)
        guard end == bytes.count else { throw bytes.damaged("bytes after the value") }
        let fields = try CompactKeyedDecoding<FieldKey>(bytes: bytes, offset: 0)
        let plans = try Self.codedFields.map { field in
            try field.plan(bytes, try fields.at(FieldKey(stringValue: field.name)))
        }
        try CompactParallelDecoding.run(plans.flatMap(\.tasks), over: bytes, lanes: lanes)
        self.init()
        for plan in plans { try plan.assign(&self) }
    }

    /// What a state's canonical encoding is made of: each coded field's name and how many of
    /// `data`'s bytes its value takes, in the order written.
    public static func codedFieldSizes(in data: Data) throws -> [(name: String, bytes: Int)] {
        let bytes = CompactBytes([UInt8](data))
        var sizes: [(name: String, bytes: Int)] = []
        try bytes.forEachEntry(at: 0) { name, value in
            var end = 0
            try bytes.skip(at: value, end: &end)
            sizes.append((name, end - value))
        }
        return sizes
    }

    /// A field's coding key: its name.
    typealias FieldKey = NamedCodingKey

    /// How one stored property is written and read.
    struct CodedField {
        let name: String
        let encode: (CityState, inout KeyedEncodingContainer<FieldKey>) throws -> Void
        let decode: (inout CityState, KeyedDecodingContainer<FieldKey>) throws -> Void
        /// How its value at an offset of a canonical encoding is decoded in pieces.
        let plan: (CompactBytes, Int) throws -> CompactFieldPlan<CityState>

        init<Value: Codable>(_ name: String, _ path: WritableKeyPath<CityState, Value>) {
            self.name = name
            let key = FieldKey(stringValue: name)
            encode = { state, c in try c.encode(state[keyPath: path], forKey: key) }
            decode = { state, c in state[keyPath: path] = try c.decode(Value.self, forKey: key) }
            plan = { bytes, offset in
                try CompactParallelDecoding.whole(Value.self, at: offset, in: bytes) { state, value in state[keyPath: path] = value }
            }
        }

        /// A dictionary keyed by strings is decoded in pieces of its entries.
        init<Value: Codable>(_ name: String, _ path: WritableKeyPath<CityState, [String: Value]>) {
            self.init(name, path, key: { $0 }) { bytes, offset in try Value(from: CompactDecoding(bytes: bytes, offset: offset)) }
        }

        /// A dictionary of records with a reader of their own (``CompactRecord``).
        init<Value: Codable & CompactRecord>(_ name: String, _ path: WritableKeyPath<CityState, [String: Value]>) {
            self.init(name, path, key: { $0 }) { bytes, offset in try Value(compactAt: offset, in: bytes) }
        }

        /// A dictionary keyed by records' ids, written as one keyed by strings (see
        /// ``RecordKey``), decoded in pieces of its entries.
        init<Value: Codable>(_ name: String, _ path: WritableKeyPath<CityState, [RecordKey: Value]>) {
            self.init(name, path, key: { RecordKey($0) }) { bytes, offset in try Value(from: CompactDecoding(bytes: bytes, offset: offset)) }
        }

        /// A dictionary written keyed by strings, its keys made by `key` and its values read
        /// from a canonical encoding by `value`.
        private init<Key: Codable & Hashable, Value: Codable>(_ name: String, _ path: WritableKeyPath<CityState, [Key: Value]>,
                                                              key makeKey: @escaping @Sendable (String) -> Key,
                                                              value: @escaping (CompactBytes, Int) throws -> Value) {
            self.name = name
            let key = FieldKey(stringValue: name)
            encode = { state, c in try c.encode(state[keyPath: path], forKey: key) }
            decode = { state, c in state[keyPath: path] = try c.decode([Key: Value].self, forKey: key) }
            plan = { bytes, offset in
                try CompactParallelDecoding.dictionary(Value.self, at: offset, in: bytes, into: path, key: makeKey, value: value)
            }
        }

        /// A set is written sorted, so equal sets give equal bytes.
        init<Element: Codable & Comparable>(_ name: String, _ path: WritableKeyPath<CityState, Set<Element>>) {
            self.name = name
            let key = FieldKey(stringValue: name)
            encode = { state, c in try c.encode(state[keyPath: path].sorted(), forKey: key) }
            decode = { state, c in state[keyPath: path] = Set(try c.decode([Element].self, forKey: key)) }
            plan = { bytes, offset in
                try CompactParallelDecoding.whole([Element].self, at: offset, in: bytes) { state, elements in state[keyPath: path] = Set(elements) }
            }
        }
    }
}
