/// The most recent readings of one sensor, in a fixed-size ring: memory per station is bounded
/// however long the feed runs.
public struct ReadingHistory: Sendable, Codable {
    public static let capacity = 48
    private var values: [Float] = []
    private var head = 0

    public init() {}

    public mutating func append(_ value: Double) {
        if values.count < Self.capacity {
            values.append(Float(value))
        } else {
            values[head] = Float(value)
            head = (head + 1) % Self.capacity
        }
    }

    /// The kept readings, oldest first.
    public var recent: [Double] {
        if values.count < Self.capacity { return values.map(Double.init) }
        return (values[head...] + values[..<head]).map(Double.init)
    }

    public var count: Int { values.count }
}
