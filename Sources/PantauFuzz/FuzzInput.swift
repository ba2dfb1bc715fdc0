/// Reads a fuzzer's bytes as a stream of choices: small integers, picks from a list, numbers and
/// strings. Past the end every read gives zero (the first case), so any input is a complete run.
struct FuzzInput {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Whether any byte is left.
    var isEmpty: Bool { offset >= bytes.count }

    /// The bytes not read yet.
    var rest: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[min(offset, bytes.count)...]) }

    /// The next byte, or 0 past the end.
    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A number in `range`, from one byte (ranges up to 256 values) or two.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        let raw = span <= 256 ? UInt64(byte()) : UInt64(byte()) << 8 | UInt64(byte())
        return range.lowerBound + Int(raw % span)
    }

    /// True about one time in `oneIn`.
    mutating func chance(oneIn: Int) -> Bool { int(in: 0...(oneIn - 1)) == 0 }

    /// One of `choices` (which must not be empty).
    mutating func pick<T>(_ choices: [T]) -> T { choices[int(in: 0...(choices.count - 1))] }

    /// Up to `maxLength` bytes taken as they are (any bytes, valid UTF-8 or not).
    mutating func bytes(maxLength: Int) -> [UInt8] {
        let n = int(in: 0...maxLength)
        var out: [UInt8] = []
        out.reserveCapacity(n)
        for _ in 0..<n where !isEmpty { out.append(byte()) }
        return out
    }

    /// A string: mostly one of `usual`, sometimes raw fuzz bytes decoded leniently (as a feed's
    /// text arrives after decoding: any scalar, control characters, wide and combining ones).
    mutating func string(_ usual: [String], maxLength: Int = 40) -> String {
        if usual.isEmpty || chance(oneIn: 4) {
            return String(decoding: bytes(maxLength: maxLength), as: UTF8.self)
        }
        return pick(usual)
    }

    /// A number: ordinary magnitudes mostly, and the edges (zero, negatives, huge, the limits of
    /// `Int`, infinities and NaN) that a format or a hand-written feed may carry.
    mutating func double(typical: ClosedRange<Double>) -> Double {
        switch int(in: 0...7) {
        case 0:
            return pick(Self.edgeNumbers)
        case 1:
            return Double(Int16(truncatingIfNeeded: UInt16(byte()) << 8 | UInt16(byte())))
        default:
            let fraction = Double(int(in: 0...65535)) / 65535
            return typical.lowerBound + fraction * (typical.upperBound - typical.lowerBound)
        }
    }

    static let edgeNumbers: [Double] = [
        0, -0.0, 1, -1, 0.5, 1e-300, -1e-300, 1e6, -1e6, 1e9, 2_147_483_648, 9.2e18, 9.3e18, -9.3e18, 1e19,
        1e300, -1e300, Double(Int.max), Double(Int.min), .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .infinity, -.infinity, .nan, .leastNonzeroMagnitude,
    ]
}
