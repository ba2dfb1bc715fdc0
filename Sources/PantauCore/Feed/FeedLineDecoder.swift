/// Decodes one feed-format v1 line into a `FeedEvent`, or says why the line is skipped.
///
/// Built for the hot path: the line is scanned once as raw bytes (eight at a time inside
/// strings), keys are recognised from their bytes without allocation, numbers are parsed while
/// they are scanned, recurring short strings are interned, and timestamps are parsed from bytes.
/// The whole line must be valid JSON (nested values in unknown fields are validated, at any
/// depth, and ignored); a leading UTF-8 byte-order mark is allowed, and escaped keys
/// (`"\u006bind"`) are recognised. Numbers outside their field's `PlausibleRange` are skipped
/// as `out_of_range`. One decoder is used by one reader at a time.
public final class FeedLineDecoder {
    /// Lines longer than this are skipped as `too_long`.
    public static let maxLineLength = 64 * 1024

    /// The outcome of decoding one line.
    public enum Outcome {
        case event(FeedEvent)
        case skip(SkipReason, field: String?)
    }

    private enum ValueType: UInt8 { case string, number, bool, null, object, array }

    /// Where one top-level value lies in the line, and what it is.
    private struct Span {
        var generation: UInt32 = 0
        var type: ValueType = .null
        var escaped = false
        var start = 0
        var end = 0
        /// A number's value, computed while it is scanned.
        var number = 0.0
    }

    // The decoder is used from one thread at a time and never hands out references to these,
    // so the runtime's exclusivity checks (a measurable share of the hot path) are switched off.
    /// One slot per known field, plus one (`unknownSlot`) that unknown keys write into; a slot
    /// counts for the current line only when its generation matches.
    private let spans: UnsafeMutablePointer<Span> = {
        let p = UnsafeMutablePointer<Span>.allocate(capacity: FeedField.allCases.count + 1)
        p.initialize(repeating: Span(), count: FeedField.allCases.count + 1)
        return p
    }()
    private static let unknownSlot = FeedField.allCases.count
    private let keys = KeyTable()
    /// For each slot (and ``lineStartSlot``), the known key that followed it in the last line
    /// that had one there. A feed's lines repeat their keys in one order, so the next key is
    /// usually this one, checked with two masked compares instead of a table lookup.
    private let predictions: UnsafeMutablePointer<KeyPrediction> = {
        let p = UnsafeMutablePointer<KeyPrediction>.allocate(capacity: FeedField.allCases.count + 2)
        p.initialize(repeating: KeyPrediction(), count: FeedField.allCases.count + 2)
        return p
    }()
    /// The prediction slot for a line's first key.
    private static let lineStartSlot = FeedField.allCases.count + 1
    /// The slot of the key scanned last in this line (``lineStartSlot`` before the first).
    @exclusivity(unchecked) private var previousSlot = FeedField.allCases.count + 1
    /// One bit per open container while a nested value is skipped (set: an object), enough for
    /// the deepest nesting a line of `maxLineLength` bytes can hold.
    private let openContainers = UnsafeMutablePointer<UInt64>.allocate(capacity: maxLineLength / 64 + 1)
    /// Where `decodeEvent(_:to:)` builds each event; initialized only between build and move.
    private let eventSlot = UnsafeMutablePointer<FeedEvent>.allocate(capacity: 1)
    @exclusivity(unchecked) private var generation: UInt32 = 0
    private let interner = StringInterner()
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private var base: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 1)!
    @exclusivity(unchecked) private var count = 0

    public init() {}

    deinit {
        spans.deallocate()
        predictions.deallocate()
        openContainers.deallocate()
        eventSlot.deallocate()
    }

    /// Why a line was skipped, and which field was at fault when one was.
    public struct Skip: Error, Sendable {
        public var reason: SkipReason
        public var field: String?
    }

    /// Decodes one line (without its newline) and hands the event to `body`, or returns why
    /// the line is skipped.
    ///
    /// The reader's hot path: the event is built once, in storage the decoder keeps, and lent
    /// to `body` from there. (Returning it instead cost a copy or two of a ~250-byte value per
    /// line, a memmove that showed up in profiles.)
    public func decodeEvent(_ line: UnsafeRawBufferPointer, to body: (FeedEvent) throws -> Void) rethrows -> Skip? {
        if let skip = decodeEvent(line, into: eventSlot) { return skip }
        // Moved out (a bitwise move, no reference counting); lending `pointee` made a copy.
        let event = eventSlot.move()
        try body(event)
        return nil
    }

    /// Decodes one line (without its newline) into `slot`, which must be uninitialized and is
    /// initialized with the event when nil is returned; otherwise returns why the line is
    /// skipped (and `slot` stays uninitialized). For readers that keep events in storage of
    /// their own: the event is built there, never copied.
    public func decodeEvent(_ line: UnsafeRawBufferPointer, into slot: UnsafeMutablePointer<FeedEvent>) -> Skip? {
        if line.count > Self.maxLineLength { return Skip(reason: .tooLong, field: nil) }
        guard let b = line.baseAddress, line.count > 0 else { return Skip(reason: .invalidJSON, field: nil) }
        base = b.assumingMemoryBound(to: UInt8.self)
        count = line.count
        generation &+= 1
        if generation == 0 {
            for i in 0...Self.unknownSlot { spans[i].generation = 0 }
            generation = 1
        }
        guard scanTopObject() else { return Skip(reason: .invalidJSON, field: nil) }
        do {
            try buildEvent(into: slot)
        } catch {
            return error
        }
        return nil
    }

    /// The `rx` of the line last decoded into an event: when a recorder (`pantau record`)
    /// received it, as opposed to `ts`, when the event says it happened. Nil when the line has
    /// none or it is not an unescaped RFC 3339 time. Read during the same scan as every other
    /// field, so a replay learns arrivals at no extra pass over the line.
    public func arrivalStamp() -> Instant? {
        guard let s = span(.rx), s.pointee.type == .string, !s.pointee.escaped else { return nil }
        return RFC3339.parse(bytes(s))
    }

    /// Decodes one line (without its newline), or throws why it is skipped.
    public func decodeEvent(_ line: UnsafeRawBufferPointer) throws(Skip) -> FeedEvent {
        var event: FeedEvent?
        if let skip = decodeEvent(line, to: { event = $0 }) { throw skip }
        return event!
    }

    /// Decodes one line (without its newline).
    public func decode(_ line: UnsafeRawBufferPointer) -> Outcome {
        do {
            return .event(try decodeEvent(line))
        } catch {
            return .skip(error.reason, field: error.field)
        }
    }

    /// Decodes a line given as a `String` (tests, small inputs).
    public func decode(_ line: String) -> Outcome {
        var copy = line
        return copy.withUTF8 { decode(UnsafeRawBufferPointer($0)) }
    }

    // MARK: - Scanning

    @inline(__always) private func skipWS(_ i: inout Int) {
        while i < count {
            let c = base[i]
            if c == 32 || c == 9 || c == 10 || c == 13 { i += 1 } else { return }
        }
    }

    /// Eight line bytes from `i` (the caller has checked that `i + 8 <= count`).
    @inline(__always) private func word(_ i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of every byte of `w` that is a quote, a backslash or a control character
    /// (below 0x20). Only the lowest flagged byte is certain (a borrow can flag a byte above a
    /// true one), which is all the callers use: `trailingZeroBitCount / 8` is its position.
    @inline(__always) private static func specialBytes(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let q = w ^ 0x2222_2222_2222_2222, b = w ^ 0x5C5C_5C5C_5C5C_5C5C
        return (((q &- ones) & ~q) | ((b &- ones) & ~b) | ((w &- 0x2020_2020_2020_2020) & ~w))
            & 0x8080_8080_8080_8080
    }

    private func scanTopObject() -> Bool {
        var i = 0
        // A UTF-8 byte-order mark, as some exporters write at the start of a file (and `cat`
        // of such files leaves inside a stream).
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { i = 3 }
        skipWS(&i)
        guard i < count, base[i] == 123 else { return false }
        i += 1
        skipWS(&i)
        previousSlot = Self.lineStartSlot
        if i < count, base[i] == 125 {
            i += 1
        } else {
            while true {
                guard i < count, base[i] == 34 else { return false }
                guard let slot = scanKey(&i) else { return false }
                skipWS(&i)
                guard i < count, base[i] == 58 else { return false }
                i += 1
                skipWS(&i)
                let span = spans + slot
                guard scanValue(&i, into: span) else { return false }
                span.pointee.generation = generation
                skipWS(&i)
                guard i < count else { return false }
                if base[i] == 44 {
                    i += 1
                    skipWS(&i)
                } else if base[i] == 125 {
                    i += 1
                    break
                } else {
                    return false
                }
            }
        }
        skipWS(&i)
        return i == count
    }

    /// Scans a key (from its opening quote) and returns the span slot its value goes to:
    /// the field's, or `unknownSlot`. Nil when the key is not a valid string.
    ///
    /// Keys of up to 15 plain bytes (all of feed-format v1's) are read as two words and looked
    /// up in `keys`; anything else takes the general path.
    @inline(__always) private func scanKey(_ i: inout Int) -> Int? {
        if i + 17 <= count {
            let lo = word(i + 1), hi = word(i + 9)
            // The key the last line had after the previous one: its bytes and closing quote
            // (a known key has no quote, backslash or control byte, so equal bytes are that key).
            let predicted = predictions + previousSlot
            let p = predicted.pointee
            if p.slot >= 0, lo & p.loMask == p.lo, hi & p.hiMask == p.hi, base[i + 1 + p.length] == 34 {
                i += p.length + 2
                previousSlot = p.slot
                return p.slot
            }
            let specialLo = Self.specialBytes(lo)
            let n = specialLo != 0 ? specialLo.trailingZeroBitCount >> 3
                : Self.specialBytes(hi) != 0 ? 8 + Self.specialBytes(hi).trailingZeroBitCount >> 3 : 16
            if n < 16, base[i + 1 + n] == 34 {
                i += n + 2
                // Keep only the key's own bytes (the rest of the words are zeroed).
                let loMask: UInt64 = n >= 8 ? ~0 : (1 << (UInt64(n) << 3)) &- 1
                let hiMask: UInt64 = n <= 8 ? 0 : (1 << (UInt64(n - 8) << 3)) &- 1
                guard let slot = keys.slot(lo: lo & loMask, hi: hi & hiMask) else {
                    previousSlot = Self.unknownSlot
                    return Self.unknownSlot
                }
                predicted.pointee = KeyPrediction(lo: lo & loMask, hi: hi & hiMask, loMask: loMask, hiMask: hiMask,
                                                  length: n, slot: slot)
                previousSlot = slot
                return slot
            }
        }
        previousSlot = Self.unknownSlot
        let keyStart = i + 1
        var escaped = false
        guard scanString(&i, escaped: &escaped) else { return nil }
        if !escaped {
            if let field = FeedField.match(base + keyStart, i - 1 - keyStart) { return field.rawValue }
        } else if let field = escapedKeyField(UnsafeRawBufferPointer(start: base + keyStart, count: i - 1 - keyStart)) {
            return field.rawValue
        }
        return Self.unknownSlot
    }

    /// Scans a string starting at the opening quote; leaves `i` after the closing quote.
    /// Runs of plain bytes are skipped eight at a time.
    @inline(__always) private func scanString(_ i: inout Int, escaped: inout Bool) -> Bool {
        i += 1
        while true {
            // Jump to the first quote, backslash or control character in each 8 bytes.
            while i + 8 <= count {
                let special = Self.specialBytes(word(i))
                if special != 0 {
                    i += special.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            guard i < count else { return false }
            let c = base[i]
            if c == 34 { i += 1; return true }
            if c == 92 {
                escaped = true
                i += 1
                guard i < count else { return false }
                switch base[i] {
                case 34, 92, 47, 98, 102, 110, 114, 116: i += 1
                case 117:
                    guard i + 4 < count, isHex(base[i + 1]), isHex(base[i + 2]), isHex(base[i + 3]),
                          isHex(base[i + 4]) else { return false }
                    i += 5
                default: return false
                }
            } else if c < 0x20 {
                return false
            } else {
                i += 1
            }
        }
    }

    @inline(__always) private func isHex(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
    }

    /// The field an escaped key names once unescaped (`"\u006bind"` is `kind`), if any.
    private func escapedKeyField(_ raw: UnsafeRawBufferPointer) -> FeedField? {
        unescapeIntoScratch(raw)
        return scratch.withUnsafeBufferPointer { p in
            guard let b = p.baseAddress, p.count > 0 else { return nil }
            return FeedField.match(b, p.count)
        }
    }

    /// Scans one value into `span` (type, bounds, a number's value).
    private func scanValue(_ i: inout Int, into span: UnsafeMutablePointer<Span>) -> Bool {
        guard i < count else { return false }
        let c = base[i]
        switch c {
        case 34:
            span.pointee.type = .string
            span.pointee.start = i + 1
            var escaped = false
            guard scanString(&i, escaped: &escaped) else { return false }
            span.pointee.end = i - 1
            span.pointee.escaped = escaped
            return true
        case 45, 48...57:
            span.pointee.type = .number
            span.pointee.start = i
            guard JSONNumber.scan(base, count: count, at: &i, value: &span.pointee.number) else { return false }
            span.pointee.end = i
            return true
        case 116: // true
            span.pointee.type = .bool
            span.pointee.start = i
            return literal(&i, "true")
        case 102:
            span.pointee.type = .bool
            span.pointee.start = i
            return literal(&i, "false")
        case 110:
            span.pointee.type = .null
            return literal(&i, "null")
        case 123, 91:
            span.pointee.type = c == 123 ? .object : .array
            return skipContainer(&i)
        default:
            return false
        }
    }

    private func literal(_ i: inout Int, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= count, memcmpBytes(word.utf8Start, UnsafeRawPointer(base + i), n) else { return false }
        i += n
        return true
    }

    /// Validates and skips an object or array (the opening bracket is at `i`), without
    /// recursion: `openContainers` holds one bit per open container, so valid JSON is read at
    /// any depth a line can hold.
    private func skipContainer(_ i: inout Int) -> Bool {
        var depth = 0
        var scalar = Span()
        // Whether `i` is at a value (else just after one).
        var atValue = true
        while true {
            if atValue {
                guard i < count else { return false }
                let c = base[i]
                if c == 123 || c == 91 {
                    let isObject = c == 123
                    let bit: UInt64 = 1 << UInt64(depth & 63)
                    if isObject { openContainers[depth >> 6] |= bit } else { openContainers[depth >> 6] &= ~bit }
                    depth += 1
                    i += 1
                    skipWS(&i)
                    guard i < count else { return false }
                    if base[i] != (isObject ? 125 : 93) {
                        if isObject { guard skipMemberKey(&i) else { return false } }
                        continue
                    }
                    i += 1
                    depth -= 1
                } else {
                    guard scanValue(&i, into: &scalar) else { return false }
                }
                atValue = false
            }
            if depth == 0 { return true }
            skipWS(&i)
            guard i < count else { return false }
            let isObject = openContainers[(depth - 1) >> 6] & (1 << UInt64((depth - 1) & 63)) != 0
            if base[i] == 44 {
                i += 1
                skipWS(&i)
                if isObject { guard skipMemberKey(&i) else { return false } }
                atValue = true
            } else if base[i] == (isObject ? 125 : 93) {
                i += 1
                depth -= 1
            } else {
                return false
            }
        }
    }

    /// Skips a member's key and colon inside a skipped object, leaving `i` at its value.
    @inline(__always) private func skipMemberKey(_ i: inout Int) -> Bool {
        guard i < count, base[i] == 34 else { return false }
        var escaped = false
        guard scanString(&i, escaped: &escaped) else { return false }
        skipWS(&i)
        guard i < count, base[i] == 58 else { return false }
        i += 1
        skipWS(&i)
        return true
    }

    // MARK: - Field access

    private typealias FieldFailure = Skip

    /// The field's span on this line, unless it is absent or null.
    @inline(__always) private func span(_ f: FeedField) -> UnsafeMutablePointer<Span>? {
        let s = spans + f.rawValue
        guard s.pointee.generation == generation, s.pointee.type != .null else { return nil }
        return s
    }

    private func wrongType(_ f: FeedField) -> FieldFailure { FieldFailure(reason: .wrongType, field: f.key) }

    @inline(__always) private func bytes(_ s: UnsafeMutablePointer<Span>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + s.pointee.start, count: s.pointee.end - s.pointee.start)
    }

    /// An optional string field; `intern` for short recurring values.
    private func string(_ f: FeedField, intern: Bool = true) throws(FieldFailure) -> String? {
        guard let s = span(f) else { return nil }
        guard s.pointee.type == .string else { throw wrongType(f) }
        let raw = bytes(s)
        let result: String?
        if s.pointee.escaped {
            result = unescape(raw)
        } else if intern {
            result = interner.intern(raw)
        } else {
            result = String(validating: raw.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        }
        guard let result else { throw FieldFailure(reason: .invalidJSON, field: f.key) }
        return result
    }

    private func requiredString(_ f: FeedField, intern: Bool = true) throws(FieldFailure) -> String {
        guard let s = try string(f, intern: intern) else { throw FieldFailure(reason: .missingField, field: f.key) }
        return s
    }

    @inline(__always) private func number(_ f: FeedField) throws(FieldFailure) -> Double? {
        guard let s = span(f) else { return nil }
        guard s.pointee.type == .number else { throw wrongType(f) }
        return s.pointee.number
    }

    /// An optional `true`/`false` field.
    private func bool(_ f: FeedField) throws(FieldFailure) -> Bool? {
        guard let s = span(f) else { return nil }
        guard s.pointee.type == .bool else { throw wrongType(f) }
        return base[s.pointee.start] == 116
    }

    /// A number field that must lie in `range` (`out_of_range` otherwise).
    @inline(__always) private func number(_ f: FeedField, _ range: PlausibleRange) throws(FieldFailure) -> Double? {
        guard let d = try number(f) else { return nil }
        guard range.contains(d) else { throw FieldFailure(reason: .outOfRange, field: f.key) }
        return d
    }

    private func int(_ f: FeedField) throws(FieldFailure) -> Int? {
        guard let d = try number(f) else { return nil }
        guard d == d.rounded(), abs(d) < 1e15 else { throw wrongType(f) }
        return Int(d)
    }

    /// An integer field that must lie in `range`: a fraction is `wrong_type`, a whole number
    /// outside the range `out_of_range`.
    private func int(_ f: FeedField, _ range: PlausibleRange) throws(FieldFailure) -> Int? {
        guard let d = try number(f, range) else { return nil }
        guard d == d.rounded() else { throw wrongType(f) }
        return Int(d)
    }

    private func instant(_ f: FeedField) throws(FieldFailure) -> Instant? {
        guard let s = span(f) else { return nil }
        guard s.pointee.type == .string, !s.pointee.escaped, let t = RFC3339.parse(bytes(s)) else { throw wrongType(f) }
        return t
    }

    private func place() throws(FieldFailure) -> Place {
        var p = Place()
        p.district = try string(.district)
        p.address = try string(.address, intern: false)
        let lat = try number(.lat, .latitude), lon = try number(.lon, .longitude)
        if let lat, let lon {
            let g = GeoPoint(lat: lat, lon: lon)
            if g.isPlausible { p.location = g }
        }
        return p
    }

    private func unescape(_ raw: UnsafeRawBufferPointer) -> String? {
        unescapeIntoScratch(raw)
        return scratch.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
    }

    /// The bytes of a scanned (so valid) string body with its escapes resolved, in `scratch`.
    private func unescapeIntoScratch(_ raw: UnsafeRawBufferPointer) {
        scratch.removeAll(keepingCapacity: true)
        var i = 0
        let n = raw.count
        while i < n {
            let c = raw[i]
            guard c == 92 else {
                scratch.append(c)
                i += 1
                continue
            }
            let e = raw[i + 1]
            i += 2
            switch e {
            case 98: scratch.append(8)
            case 102: scratch.append(12)
            case 110: scratch.append(10)
            case 114: scratch.append(13)
            case 116: scratch.append(9)
            case 117:
                var code = hex4(raw, i)
                i += 4
                if code >= 0xD800, code < 0xDC00, i + 6 <= n, raw[i] == 92, raw[i + 1] == 117 {
                    let low = hex4(raw, i + 2)
                    if low >= 0xDC00, low < 0xE000 {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                scratch.append(contentsOf: String(scalar).utf8)
            default: scratch.append(e)
            }
        }
    }

    private func hex4(_ raw: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = raw[i + k]
            let d: UInt8 = c <= 57 ? c - 48 : (c | 0x20) - 87
            v = v << 4 | UInt32(d)
        }
        return v
    }

    // MARK: - Events

    private enum Kind { case traffic, incident, sensor, ticket, action, alarm }

    /// The event's kind, read from the bytes when they are plain (no String is made for it);
    /// nil for a kind this reader does not know.
    private func kind() throws(FieldFailure) -> Kind? {
        guard let s = span(.kind) else { throw FieldFailure(reason: .missingField, field: "kind") }
        guard s.pointee.type == .string else { throw wrongType(.kind) }
        if !s.pointee.escaped {
            let raw = bytes(s)
            @inline(__always) func eq(_ word: StaticString) -> Bool {
                word.utf8CodeUnitCount == raw.count && memcmpBytes(word.utf8Start, raw.baseAddress!, raw.count)
            }
            if eq("traffic") { return .traffic }
            if eq("sensor") { return .sensor }
            if eq("incident") { return .incident }
            if eq("ticket") { return .ticket }
            if eq("action") { return .action }
            if eq("alarm") { return .alarm }
        }
        // Escaped, unknown or not UTF-8: the general path, with its errors.
        switch try requiredString(.kind) {
        case "traffic": return .traffic
        case "incident": return .incident
        case "sensor": return .sensor
        case "ticket": return .ticket
        case "action": return .action
        case "alarm": return .alarm
        default: return nil
        }
    }

    /// Builds the line's event straight into `slot` (uninitialized; initialized on success).
    ///
    /// Each builder reads every field first and only then constructs the event, in one
    /// expression, directly in `slot`: a value built step by step across `try`s was copied and
    /// destroyed again on the way out (a ~250-byte memmove per line in profiles).
    private func buildEvent(into slot: UnsafeMutablePointer<FeedEvent>) throws(FieldFailure) {
        guard let vSpan = span(.v) else { throw FieldFailure(reason: .missingField, field: "v") }
        guard vSpan.pointee.type == .number else { throw wrongType(.v) }
        guard try int(.v) == 1 else { throw FieldFailure(reason: .unknownVersion, field: "v") }
        guard let time = try instant(.ts) else { throw FieldFailure(reason: .missingField, field: "ts") }
        let kind = try kind()
        let source = try string(.src)
        switch kind {
        case .traffic: try traffic(time, source, into: slot)
        case .incident: try incident(time, source, into: slot)
        case .sensor: try sensor(time, source, into: slot)
        case .ticket: try ticket(time, source, into: slot)
        case .action: try action(time, source, into: slot)
        case .alarm: try alarm(time, source, into: slot)
        case nil: throw FieldFailure(reason: .unknownKind, field: "kind")
        }
    }

    /// Initializes `slot` with an event, field by field. Initializing it with a `FeedEvent`
    /// built first made the compiler copy the whole event and destroy the original (a retain
    /// and release of each of its strings) for every line. `FeedEvent` must keep exactly these
    /// three stored properties (`FeedLineDecoderTests` checks it).
    @inline(__always)
    private static func emplace(_ slot: UnsafeMutablePointer<FeedEvent>, time: Instant, source: String?,
                                payload: consuming FeedPayload) {
        slot.pointer(to: \.time)!.initialize(to: time)
        slot.pointer(to: \.source)!.initialize(to: source)
        slot.pointer(to: \.payload)!.initialize(to: payload)
    }

    private func traffic(_ time: Instant, _ source: String?, into slot: UnsafeMutablePointer<FeedEvent>) throws(FieldFailure) {
        let segment = try requiredString(.segment), road = try requiredString(.road)
        let place = try place()
        let speedKmh = try number(.speedKmh, .speedKmh)
        let freeFlowKmh = try number(.freeFlowKmh, .freeFlowKmh)
        let jamLevel = try int(.jamLevel, .jamLevel)
        let delaySeconds = try number(.delayS, .delaySeconds)
        let lengthMeters = try number(.lengthM, .lengthMeters)
        let ended = try bool(.ended) ?? false
        Self.emplace(slot, time: time, source: source, payload: .traffic(TrafficUpdate(
            segment: segment, road: road, place: place, speedKmh: speedKmh, freeFlowKmh: freeFlowKmh,
            jamLevel: jamLevel, delaySeconds: delaySeconds, lengthMeters: lengthMeters, ended: ended)))
    }

    private func incident(_ time: Instant, _ source: String?, into slot: UnsafeMutablePointer<FeedEvent>) throws(FieldFailure) {
        let id = try requiredString(.id)
        var category: IncidentCategory?
        if let c = try string(.category) { category = IncidentCategory(rawValue: c) ?? .other }
        let severity = try int(.severity, .severity)
        let title = try string(.title, intern: false)
        var status: IncidentStatus?
        if let s = try string(.status) {
            guard let known = IncidentStatus(rawValue: s) else { throw wrongType(.status) }
            status = known
        }
        let place = try place()
        let unit = try string(.unit)
        let agency = try string(.agency)
        let channel = try string(.channel)
        let note = try string(.note, intern: false)
        let expires = try instant(.expires)
        let exercise = try bool(.exercise) ?? false
        Self.emplace(slot, time: time, source: source, payload: .incident(IncidentUpdate(
            id: id, category: category, severity: severity, title: title, status: status, place: place,
            unit: unit, agency: agency, channel: channel, note: note, expires: expires, exercise: exercise)))
    }

    private func sensor(_ time: Instant, _ source: String?, into slot: UnsafeMutablePointer<FeedEvent>) throws(FieldFailure) {
        let station = try requiredString(.station)
        let kind = SensorKind(name: try requiredString(.sensor))
        guard let value = try number(.value, .sensorValue(kind)) else {
            throw FieldFailure(reason: .missingField, field: "value")
        }
        let unit = try string(.unit)
        let name = try string(.name)
        let place = try place()
        let thresholds = try gaugeThresholds()
        Self.emplace(slot, time: time, source: source, payload: .sensor(SensorReading(
            station: station, sensor: kind, value: value, unit: unit, name: name, place: place, thresholds: thresholds)))
    }

    /// A gauge's `waspada`, `siaga` and `awas` levels: all three or none, rising.
    private func gaugeThresholds() throws(FieldFailure) -> GaugeThresholds? {
        let w = try number(.waspada), s = try number(.siaga), a = try number(.awas)
        if w == nil, s == nil, a == nil { return nil }
        guard let w, let s, let a else {
            throw FieldFailure(reason: .missingField, field: w == nil ? "waspada" : s == nil ? "siaga" : "awas")
        }
        guard w.isFinite, s.isFinite, a.isFinite, w <= s, s <= a else { throw wrongType(.waspada) }
        return GaugeThresholds(waspada: w, siaga: s, awas: a)
    }

    private func ticket(_ time: Instant, _ source: String?, into slot: UnsafeMutablePointer<FeedEvent>) throws(FieldFailure) {
        let id = try requiredString(.id)
        let category = try string(.category)
        let title = try string(.title, intern: false)
        let agency = try string(.agency)
        let channel = try string(.channel)
        let created = try instant(.created)
        let slaHours = try number(.slaH, .slaHours)
        var status: TicketStatus?
        if let s = try string(.status) {
            guard let known = TicketStatus(rawValue: s) else { throw wrongType(.status) }
            status = known
        }
        let place = try place()
        let note = try string(.note, intern: false)
        Self.emplace(slot, time: time, source: source, payload: .ticket(TicketUpdate(
            id: id, category: category, title: title, agency: agency, channel: channel, created: created,
            slaHours: slaHours, status: status, place: place, note: note)))
    }
}

extension FeedLineDecoder {
    /// A `kind: action` event. An unknown verb, role, unit status or category, a severity
    /// outside 1…5 or a negative `seen_version` is a skip naming the field; whether the verb's
    /// own fields are there is the store's to judge (it rejects the action with a reason).
    fileprivate func action(_ time: Instant, _ source: String?, into slot: UnsafeMutablePointer<FeedEvent>) throws(Skip) {
        let actionID = try requiredString(.actionID, intern: false)
        guard let verb = ActionVerb(rawValue: try requiredString(.verb)) else { throw wrongType(.verb) }
        let target = try requiredString(.target)
        let by = try requiredString(.by)
        guard let role = Role(rawValue: try requiredString(.role)) else { throw wrongType(.role) }
        let console = try string(.console)
        let seenVersion = try int(.seenVersion)
        if let v = seenVersion, v < 0 { throw Skip(reason: .outOfRange, field: FeedField.seenVersion.key) }
        var fields = ActionFields()
        fields.unit = try string(.unit)
        if let s = try string(.unitStatus) {
            guard let known = UnitStatus(rawValue: s) else { throw wrongType(.unitStatus) }
            fields.unitStatus = known
        }
        fields.note = try string(.note, intern: false)
        fields.disposition = try string(.disposition)
        fields.duplicateOf = try string(.duplicateOf)
        fields.agency = try string(.agency)
        fields.severity = try int(.severity, .severity)
        if let c = try string(.category) {
            guard let known = IncidentCategory(rawValue: c) else { throw wrongType(.category) }
            fields.category = known
        }
        fields.title = try string(.title, intern: false)
        fields.district = try string(.district)
        fields.address = try string(.address, intern: false)
        fields.callerName = try string(.callerName, intern: false)
        fields.callerPhone = try string(.callerPhone, intern: false)
        if try bool(.exercise) == true { fields.exercise = true }
        fields.incident = try string(.incident)
        Self.emplace(slot, time: time, source: source, payload: .action(ActionEvent(
            actionID: actionID, verb: verb, target: target, by: by, role: role, console: console,
            seenVersion: seenVersion, fields: fields)))
    }
}

extension FeedLineDecoder {
    /// A `kind: alarm` event. An unknown `state`, a severity outside 1…5, a blank id, rule or
    /// subject, or a value that is not a finite number is a skip naming the field.
    fileprivate func alarm(_ time: Instant, _ source: String?, into slot: UnsafeMutablePointer<FeedEvent>) throws(Skip) {
        let id = try requiredString(.id, intern: false)
        let rule = try requiredString(.rule)
        guard let transition = AlarmTransition(rawValue: try requiredString(.state)) else { throw wrongType(.state) }
        guard let severity = try int(.severity, .severity) else { throw Skip(reason: .missingField, field: FeedField.severity.key) }
        let subject = try requiredString(.subject)
        let title = try requiredString(.title, intern: false)
        let value = try number(.value)
        let level = try string(.level)
        for (field, text) in [(FeedField.id, id), (.rule, rule), (.subject, subject)] where text.allSatisfy(\.isWhitespace) {
            throw Skip(reason: .missingField, field: field.key)
        }
        Self.emplace(slot, time: time, source: source, payload: .alarm(AlarmEvent(
            id: id, rule: rule, transition: transition, severity: severity, subject: subject, title: title,
            value: value, level: level)))
    }
}

/// A known key expected next (see `FeedLineDecoder.scanKey`): its bytes as two little-endian
/// words, the masks that keep only its `length` bytes of each, and its span slot; `slot < 0`
/// when nothing is expected.
private struct KeyPrediction {
    var lo: UInt64 = 0
    var hi: UInt64 = 0
    var loMask: UInt64 = 0
    var hiMask: UInt64 = 0
    var length = 0
    var slot = -1
}

/// Feed-format v1's keys by their bytes: each key (at most 15 bytes) as two little-endian words,
/// zero-padded, in a small open-addressing table. A key cannot contain a zero byte (control
/// characters end the fast path), so the padded words identify it.
private final class KeyTable {
    private static let size = 128
    private struct Entry {
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        var slot = -1
    }
    private let entries: UnsafeMutablePointer<Entry>

    init() {
        entries = .allocate(capacity: Self.size)
        entries.initialize(repeating: Entry(), count: Self.size)
        for field in FeedField.allCases {
            var lo: UInt64 = 0, hi: UInt64 = 0
            for (k, byte) in field.key.utf8.enumerated() {
                precondition(k < 16, "feed keys fit in two words")
                if k < 8 { lo |= UInt64(byte) << (UInt64(k) * 8) } else { hi |= UInt64(byte) << (UInt64(k - 8) * 8) }
            }
            var i = Self.index(lo, hi)
            while entries[i].slot >= 0 { i = (i + 1) & (Self.size - 1) }
            entries[i] = Entry(lo: lo, hi: hi, slot: field.rawValue)
        }
    }

    deinit { entries.deallocate() }

    @inline(__always) private static func index(_ lo: UInt64, _ hi: UInt64) -> Int {
        Int(truncatingIfNeeded: ((lo ^ (hi &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9) >> 57)
    }

    /// The span slot (`FeedField.rawValue`) of the key with these words, or nil for an unknown key.
    @inline(__always) func slot(lo: UInt64, hi: UInt64) -> Int? {
        var i = Self.index(lo, hi)
        while true {
            let e = entries[i]
            if e.slot < 0 { return nil }
            if e.lo == lo, e.hi == hi { return e.slot }
            i = (i + 1) & (Self.size - 1)
        }
    }
}
