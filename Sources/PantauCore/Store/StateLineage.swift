/// The identity of a line of states (a reference: two lineages are the same object or not).
final class StateLineage: Sendable {}
