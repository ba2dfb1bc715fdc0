/// A writer of one flat JSON object, straight into UTF-8 bytes (the journal encodes every event
/// it keeps with it, so it is a hot path of a replay's catch-up and of ingest); nil values are
/// left out.
struct JSONObjectWriter {
    private var bytes: [UInt8] = []
    private var first = true

    init() {
        bytes.reserveCapacity(384)
        bytes.append(UInt8(ascii: "{"))
    }

    private mutating func key(_ k: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ k: StaticString, _ v: String?) {
        guard var v else { return }
        key(k)
        Self.appendQuoted(&v, to: &bytes)
    }

    mutating func int(_ k: StaticString, _ v: Int?) {
        guard let v else { return }
        key(k)
        Self.appendInteger(Int64(v), to: &bytes)
    }

    mutating func bool(_ k: StaticString, _ v: Bool) {
        key(k)
        Self.append(v ? "true" : "false", to: &bytes)
    }

    mutating func number(_ k: StaticString, _ v: Double?) {
        guard let v, v.isFinite else { return }
        key(k)
        Self.appendNumber(v, to: &bytes)
    }

    /// An RFC 3339 time in WIB, to the second, with milliseconds when it has any (a feed's
    /// fractional seconds survive the journal to the millisecond the store keeps).
    mutating func time(_ k: StaticString, _ v: Instant?) {
        guard let v else { return }
        key(k)
        bytes.append(UInt8(ascii: "\""))
        Self.appendTime(v, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func location(_ p: GeoPoint?) {
        guard let p else { return }
        number("lat", p.lat)
        number("lon", p.lon)
    }

    mutating func finish() -> String {
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Values as bytes

    private static func append(_ s: StaticString, to out: inout [UInt8]) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// A JSON string literal: `"` and `\` escaped, \n \r \t by name, every other control
    /// character (and DEL) as `\u00xx`; everything else copied as it is, in runs.
    static func appendQuoted(_ s: inout String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        s.withUTF8 { utf8 in
            var run = 0
            for i in utf8.indices {
                let b = utf8[i]
                if b >= 0x20, b != 0x22, b != 0x5C, b != 0x7F { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                run = i + 1
                out.append(UInt8(ascii: "\\"))
                switch b {
                case 0x22: out.append(UInt8(ascii: "\""))
                case 0x5C: out.append(UInt8(ascii: "\\"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            hex[Int(b >> 4)], hex[Int(b & 15)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The decimal digits of `v`, with a `-` when negative (a small string: no allocation).
    static func appendInteger(_ v: Int64, to out: inout [UInt8]) {
        out.append(contentsOf: String(v).utf8)
    }

    /// Zero-padded to `width` digits (a non-negative value).
    private static func appendPadded(_ v: Int, width: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = v
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: (rest / divisor) % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// `yyyy-mm-ddThh:mm:ss[.mmm]+07:00`: ``RFC3339/format(_:offsetMinutes:)``'s text for
    /// whole seconds (every year it writes as four digits), with the milliseconds when there
    /// are any.
    static func appendTime(_ t: Instant, to out: inout [UInt8]) {
        let c = CivilTime(t)
        guard (0...9999).contains(c.year) else {
            append(RFC3339.format(t), to: &out)
            return
        }
        appendPadded(c.year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(c.month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(c.day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        appendPadded(c.hour, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(c.minute, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(c.second, width: 2, to: &out)
        // Before 1970 the civil second is truncated toward zero; only later times carry a fraction.
        if t.millis > 0, t.millis % 1000 != 0 {
            out.append(UInt8(ascii: "."))
            appendPadded(Int(t.millis % 1000), width: 3, to: &out)
        }
        append("+07:00", to: &out)
    }

    private static func append(_ s: String, to out: inout [UInt8]) {
        out.append(contentsOf: s.utf8)
    }

    /// Integral values (below 1e15) print without a fraction; others as the shortest text of
    /// the value rounded to 6 decimals (trimming binary noise such as 0.30000000000000004), or
    /// of the value itself where that text has an exponent.
    static func appendNumber(_ v: Double, to out: inout [UInt8]) {
        if v == v.rounded(), abs(v) < 1e15 {
            appendInteger(Int64(v), to: &out)
            return
        }
        // Between a thousandth and 1e9 the text has no exponent, and the value rounded to 6
        // decimals is the nearest double to a unique multiple of 1e-6 (doubles there are far
        // closer together than that): its shortest text is those decimals, trailing zeros
        // trimmed, one digit at least.
        let magnitude = abs(v)
        if magnitude >= 1e-3, magnitude < 1e9 {
            let scaled = (magnitude * 1_000_000).rounded()
            let units = Int64(scaled)
            if units > 0 {
                if v < 0 { out.append(UInt8(ascii: "-")) }
                appendInteger(units / 1_000_000, to: &out)
                out.append(UInt8(ascii: "."))
                var fraction = Int(units % 1_000_000)
                var width = 6
                while width > 1, fraction % 10 == 0 {
                    fraction /= 10
                    width -= 1
                }
                appendPadded(fraction, width: width, to: &out)
                return
            }
        }
        let text = String(v)
        if text.utf8.contains(UInt8(ascii: "e")) {
            append(text, to: &out)
        } else {
            append(String((v * 1_000_000).rounded() / 1_000_000), to: &out)
        }
    }
}
