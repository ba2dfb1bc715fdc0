/// See ``CityState/version``. Holding a version keeps its lineage alive, so a later lineage
/// can never be mistaken for it.
public struct StateVersion: Sendable, Equatable {
    let lineage: StateLineage
    let events: Int

    public static func == (a: StateVersion, b: StateVersion) -> Bool { a.lineage === b.lineage && a.events == b.events }
}
