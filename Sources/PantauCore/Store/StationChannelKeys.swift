/// The keys of stations' further kinds (``SensorStation/channelKey(station:kind:)``), kept
/// once made: a station that reports two kinds would otherwise build its second kind's key
/// (an allocation, two appends and the key's digest) for every reading of it. The kept key's
/// id is also the very string the dictionary holds, so finding it compares identities, not bytes.
///
/// Derived data: not written with the state (a decoded state makes its keys again). At most
/// ``capacity`` are kept, replaced in turn.
struct StationChannelKeys: Sendable {
    static let capacity = 64
    private var stations: [RecordKey] = []
    private var kinds: [SensorKind] = []
    private var keys: [RecordKey] = []
    private var next = 0

    /// The key of `station`'s readings of `kind`.
    /// The key of `station`'s readings of `kind` (`station`: the key of its id, whose digest
    /// tells most other stations apart at once).
    mutating func key(station: RecordKey, kind: SensorKind) -> RecordKey {
        for i in keys.indices where stations[i] == station && kinds[i] == kind {
            return keys[i]
        }
        let key = RecordKey(SensorStation.channelKey(station: station.id, kind: kind))
        if keys.count < Self.capacity {
            stations.append(station)
            kinds.append(kind)
            keys.append(key)
        } else {
            stations[next] = station
            kinds[next] = kind
            keys[next] = key
            next = (next + 1) % Self.capacity
        }
        return key
    }
}
