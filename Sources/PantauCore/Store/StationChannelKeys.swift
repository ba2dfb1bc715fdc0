/// The keys of stations' further kinds (``SensorStation/channelKey(station:kind:)``), kept
/// once made: a station that reports two kinds would otherwise build its second kind's key
/// (an allocation and two appends) for every reading of it. The kept key is also the very
/// string the dictionary holds, so finding it compares identities, not bytes.
///
/// Derived data: not written with the state (a decoded state makes its keys again). At most
/// ``capacity`` are kept, replaced in turn.
struct StationChannelKeys: Sendable {
    static let capacity = 64
    private var stations: [String] = []
    private var kinds: [SensorKind] = []
    private var keys: [String] = []
    private var next = 0

    /// The key of `station`'s readings of `kind`.
    mutating func key(station: String, kind: SensorKind) -> String {
        for i in keys.indices where kinds[i] == kind && stations[i] == station {
            return keys[i]
        }
        let key = SensorStation.channelKey(station: station, kind: kind)
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
