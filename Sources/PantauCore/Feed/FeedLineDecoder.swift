/// Decodes one feed-format v1 line into a `FeedEvent`, or says why the line is skipped.
///
/// Built for the hot path: the line is scanned once as raw bytes, keys are recognised without
/// allocation, recurring short strings are interned, numbers and timestamps are parsed from
/// bytes. The whole line must be valid JSON (nested values in unknown fields are validated and
/// ignored). One decoder is used by one reader at a time.
public final class FeedLineDecoder {
    /// Lines longer than this are skipped as `too_long`.
    public static let maxLineLength = 64 * 1024
    private static let maxDepth = 32

    /// The outcome of decoding one line.
    public enum Outcome {
        case event(FeedEvent)
        case skip(SkipReason, field: String?)
    }

    private enum ValueType: UInt8 { case string, number, bool, null, object, array }

    private struct Span {
        var generation: UInt32 = 0
        var type: ValueType = .null
        var escaped = false
        var start = 0
        var end = 0
        var boolValue = false
    }

    // The decoder is used from one thread at a time and never hands out references to these,
    // so the runtime's exclusivity checks (a measurable share of the hot path) are switched off.
    /// One slot per known field; a slot counts for the current line only when its generation matches.
    private let spans: UnsafeMutablePointer<Span> = {
        let p = UnsafeMutablePointer<Span>.allocate(capacity: FeedField.allCases.count)
        p.initialize(repeating: Span(), count: FeedField.allCases.count)
        return p
    }()
    @exclusivity(unchecked) private var generation: UInt32 = 0
    private let interner = StringInterner()
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private var base: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 1)!
    @exclusivity(unchecked) private var count = 0

    public init() {}

    deinit { spans.deallocate() }

    /// Decodes one line (without its newline).
    public func decode(_ line: UnsafeRawBufferPointer) -> Outcome {
        if line.count > Self.maxLineLength { return .skip(.tooLong, field: nil) }
        guard let b = line.baseAddress, line.count > 0 else { return .skip(.invalidJSON, field: nil) }
        base = b.assumingMemoryBound(to: UInt8.self)
        count = line.count
        generation &+= 1
        if generation == 0 {
            for i in 0..<FeedField.allCases.count { spans[i].generation = 0 }
            generation = 1
        }
        guard scanTopObject() else { return .skip(.invalidJSON, field: nil) }
        do {
            return .event(try buildEvent())
        } catch let failure as FieldFailure {
            return .skip(failure.reason, field: failure.field)
        } catch {
            return .skip(.invalidJSON, field: nil)
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

    private func scanTopObject() -> Bool {
        var i = 0
        skipWS(&i)
        guard i < count, base[i] == 123 else { return false }
        i += 1
        skipWS(&i)
        if i < count, base[i] == 125 {
            i += 1
        } else {
            while true {
                guard i < count, base[i] == 34 else { return false }
                let keyStart = i + 1
                var escaped = false
                guard scanString(&i, escaped: &escaped) else { return false }
                let keyEnd = i - 1
                skipWS(&i)
                guard i < count, base[i] == 58 else { return false }
                i += 1
                skipWS(&i)
                var span = Span()
                guard scanValue(&i, depth: 1, span: &span) else { return false }
                if !escaped, let field = FeedField.match(base + keyStart, keyEnd - keyStart) {
                    span.generation = generation
                    spans[field.rawValue] = span
                }
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

    /// Scans a string starting at the opening quote; leaves `i` after the closing quote.
    /// Runs of plain bytes are skipped eight at a time.
    @inline(__always) private func scanString(_ i: inout Int, escaped: inout Bool) -> Bool {
        i += 1
        while true {
            // Skip 8 bytes at a time while none is a quote, a backslash or a control character.
            while i + 8 <= count {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                let q = w ^ 0x2222_2222_2222_2222, b = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let special = ((q &- ones) & ~q) | ((b &- ones) & ~b) | ((w &- 0x2020_2020_2020_2020) & ~w)
                if special & highs != 0 { break }
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

    private func scanValue(_ i: inout Int, depth: Int, span: inout Span) -> Bool {
        guard i < count else { return false }
        let c = base[i]
        switch c {
        case 34:
            span.type = .string
            span.start = i + 1
            var escaped = false
            guard scanString(&i, escaped: &escaped) else { return false }
            span.end = i - 1
            span.escaped = escaped
            return true
        case 45, 48...57:
            span.type = .number
            span.start = i
            guard scanNumber(&i) else { return false }
            span.end = i
            return true
        case 116: // true
            guard literal(&i, "true") else { return false }
            span.type = .bool
            span.boolValue = true
            return true
        case 102:
            guard literal(&i, "false") else { return false }
            span.type = .bool
            return true
        case 110:
            guard literal(&i, "null") else { return false }
            span.type = .null
            return true
        case 123, 91:
            guard depth < Self.maxDepth else { return false }
            span.type = c == 123 ? .object : .array
            return skipContainer(&i, depth: depth)
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

    private func scanNumber(_ i: inout Int) -> Bool {
        if base[i] == 45 { i += 1 }
        guard i < count else { return false }
        if base[i] == 48 {
            i += 1
        } else if base[i] >= 49 && base[i] <= 57 {
            while i < count, base[i] >= 48, base[i] <= 57 { i += 1 }
        } else {
            return false
        }
        if i < count, base[i] == 46 {
            i += 1
            let s = i
            while i < count, base[i] >= 48, base[i] <= 57 { i += 1 }
            guard i > s else { return false }
        }
        if i < count, base[i] == 101 || base[i] == 69 {
            i += 1
            if i < count, base[i] == 43 || base[i] == 45 { i += 1 }
            let s = i
            while i < count, base[i] >= 48, base[i] <= 57 { i += 1 }
            guard i > s else { return false }
        }
        return true
    }

    /// Validates and skips an object or array (the opening bracket is at `i`).
    private func skipContainer(_ i: inout Int, depth: Int) -> Bool {
        let isObject = base[i] == 123
        let close: UInt8 = isObject ? 125 : 93
        i += 1
        skipWS(&i)
        if i < count, base[i] == close { i += 1; return true }
        var scratchSpan = Span()
        while true {
            if isObject {
                guard i < count, base[i] == 34 else { return false }
                var escaped = false
                guard scanString(&i, escaped: &escaped) else { return false }
                skipWS(&i)
                guard i < count, base[i] == 58 else { return false }
                i += 1
                skipWS(&i)
            }
            guard scanValue(&i, depth: depth + 1, span: &scratchSpan) else { return false }
            skipWS(&i)
            guard i < count else { return false }
            if base[i] == 44 {
                i += 1
                skipWS(&i)
            } else if base[i] == close {
                i += 1
                return true
            } else {
                return false
            }
        }
    }

    // MARK: - Field access

    private struct FieldFailure: Error {
        var reason: SkipReason
        var field: String?
    }

    @inline(__always) private func span(_ f: FeedField) -> Span? {
        let s = spans[f.rawValue]
        guard s.generation == generation, s.type != .null else { return nil }
        return s
    }

    private func wrongType(_ f: FeedField) -> FieldFailure { FieldFailure(reason: .wrongType, field: f.key) }

    /// An optional string field; `intern` for short recurring values.
    private func string(_ f: FeedField, intern: Bool = true) throws -> String? {
        guard let s = span(f) else { return nil }
        guard s.type == .string else { throw wrongType(f) }
        let raw = UnsafeRawBufferPointer(start: base + s.start, count: s.end - s.start)
        let result: String?
        if s.escaped {
            result = unescape(raw)
        } else if intern {
            result = interner.intern(raw)
        } else {
            result = String(validating: raw.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        }
        guard let result else { throw FieldFailure(reason: .invalidJSON, field: f.key) }
        return result
    }

    private func requiredString(_ f: FeedField, intern: Bool = true) throws -> String {
        guard let s = try string(f, intern: intern) else { throw FieldFailure(reason: .missingField, field: f.key) }
        return s
    }

    private func number(_ f: FeedField) throws -> Double? {
        guard let s = span(f) else { return nil }
        guard s.type == .number else { throw wrongType(f) }
        return parseDouble(s.start, s.end)
    }

    private func int(_ f: FeedField) throws -> Int? {
        guard let d = try number(f) else { return nil }
        guard d == d.rounded(), abs(d) < 1e15 else { throw wrongType(f) }
        return Int(d)
    }

    private func instant(_ f: FeedField) throws -> Instant? {
        guard let s = span(f) else { return nil }
        guard s.type == .string, !s.escaped,
              let t = RFC3339.parse(UnsafeRawBufferPointer(start: base + s.start, count: s.end - s.start))
        else { throw wrongType(f) }
        return t
    }

    private func place() throws -> Place {
        var p = Place()
        p.district = try string(.district)
        p.address = try string(.address, intern: false)
        if let lat = try number(.lat), let lon = try number(.lon) {
            let g = GeoPoint(lat: lat, lon: lon)
            if g.isPlausible { p.location = g }
        }
        return p
    }

    private func parseDouble(_ start: Int, _ end: Int) -> Double {
        var i = start
        var negative = false
        if base[i] == 45 { negative = true; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        while i < end, base[i] >= 48, base[i] <= 57 {
            mantissa = mantissa &* 10 &+ UInt64(base[i] &- 48)
            digits += 1
            i += 1
        }
        var fracDigits = 0
        if i < end, base[i] == 46 {
            i += 1
            while i < end, base[i] >= 48, base[i] <= 57 {
                mantissa = mantissa &* 10 &+ UInt64(base[i] &- 48)
                fracDigits += 1
                digits += 1
                i += 1
            }
        }
        if i == end, digits <= 15, fracDigits < Self.powersOf10.count {
            let v = Double(mantissa) / Self.powersOf10[fracDigits]
            return negative ? -v : v
        }
        // Exponents and long mantissas: the standard library's correctly rounded parser.
        let text = String(decoding: UnsafeRawBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        return Double(text) ?? .nan
    }

    private static let powersOf10: [Double] = (0...22).map { (0..<$0).reduce(1.0) { r, _ in r * 10 } }

    private func unescape(_ raw: UnsafeRawBufferPointer) -> String? {
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
        return scratch.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
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

    private func buildEvent() throws -> FeedEvent {
        guard let vSpan = span(.v) else { throw FieldFailure(reason: .missingField, field: "v") }
        guard vSpan.type == .number else { throw wrongType(.v) }
        guard try int(.v) == 1 else { throw FieldFailure(reason: .unknownVersion, field: "v") }
        guard let time = try instant(.ts) else { throw FieldFailure(reason: .missingField, field: "ts") }
        let kind = try requiredString(.kind)
        let source = try string(.src)
        let payload: FeedPayload
        switch kind {
        case "traffic": payload = .traffic(try traffic())
        case "incident": payload = .incident(try incident())
        case "sensor": payload = .sensor(try sensor())
        case "ticket": payload = .ticket(try ticket())
        default: throw FieldFailure(reason: .unknownKind, field: "kind")
        }
        return FeedEvent(time: time, source: source, payload: payload)
    }

    private func traffic() throws -> TrafficUpdate {
        var t = TrafficUpdate(segment: try requiredString(.segment), road: try requiredString(.road))
        t.place = try place()
        t.speedKmh = try number(.speedKmh)
        t.freeFlowKmh = try number(.freeFlowKmh)
        t.jamLevel = try int(.jamLevel).map { min(5, max(0, $0)) }
        t.delaySeconds = try number(.delayS)
        t.lengthMeters = try number(.lengthM)
        return t
    }

    private func incident() throws -> IncidentUpdate {
        var u = IncidentUpdate(id: try requiredString(.id))
        if let c = try string(.category) { u.category = IncidentCategory(rawValue: c) ?? .other }
        u.severity = try int(.severity).map { min(5, max(1, $0)) }
        u.title = try string(.title, intern: false)
        if let s = try string(.status) {
            guard let status = IncidentStatus(rawValue: s) else { throw wrongType(.status) }
            u.status = status
        }
        u.place = try place()
        u.unit = try string(.unit)
        u.agency = try string(.agency)
        u.channel = try string(.channel)
        u.note = try string(.note, intern: false)
        return u
    }

    private func sensor() throws -> SensorReading {
        let station = try requiredString(.station)
        let kind = SensorKind(name: try requiredString(.sensor))
        guard let value = try number(.value) else { throw FieldFailure(reason: .missingField, field: "value") }
        guard value.isFinite else { throw wrongType(.value) }
        var r = SensorReading(station: station, sensor: kind, value: value)
        r.unit = try string(.unit)
        r.name = try string(.name)
        r.place = try place()
        return r
    }

    private func ticket() throws -> TicketUpdate {
        var t = TicketUpdate(id: try requiredString(.id))
        t.category = try string(.category)
        t.title = try string(.title, intern: false)
        t.agency = try string(.agency)
        t.channel = try string(.channel)
        t.created = try instant(.created)
        t.slaHours = try number(.slaH)
        if let s = try string(.status) {
            guard let status = TicketStatus(rawValue: s) else { throw wrongType(.status) }
            t.status = status
        }
        t.place = try place()
        t.note = try string(.note, intern: false)
        return t
    }
}
