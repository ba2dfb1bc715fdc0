import Foundation
import PantauCore

/// A small, fast JSON parser for the format converters.
///
/// It reads bytes once, builds `JSONValue`s, and on malformed or truncated input keeps what was
/// complete: an array keeps the elements that parsed in full, an object keeps its complete
/// members (and a partial container member), so a cut-off feed still yields its whole records.
/// Values are built to a depth of `maxDepth`; a container nested deeper is validated without
/// recursion (valid JSON at any depth is read, and cannot exhaust the stack) and reads as null:
/// no format looks that deep.
struct JSONParser {
    /// The outcome: the value (possibly partial) and whether the whole input was valid JSON.
    struct Parsed {
        var value: JSONValue?
        var complete: Bool
    }

    static let maxDepth = 64

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private var i = 0
    private var failed = false
    private let skipping: Set<String>
    /// Members and elements being parsed, shared by every open container, so each finished
    /// container is copied once into an array of exactly its size.
    private var memberStack: [(String, JSONValue)] = []
    private var elementStack: [JSONValue] = []

    private init(base: UnsafePointer<UInt8>, count: Int, skipping: Set<String>) {
        self.base = base
        self.count = count
        self.skipping = skipping
    }

    /// Parses `data` (a leading UTF-8 byte order mark is ignored). An array or object under a
    /// key in `skipping` is validated but not built: it reads as an array of as many nulls as
    /// it has elements (enough to count them), or an empty object.
    static func parse(_ data: Data, skipping: Set<String> = []) -> Parsed {
        data.withUnsafeBytes { raw -> Parsed in
            guard let b = raw.baseAddress, raw.count > 0 else { return Parsed(value: nil, complete: false) }
            var p = JSONParser(base: b.assumingMemoryBound(to: UInt8.self), count: raw.count, skipping: skipping)
            if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { p.i = 3 }
            p.skipWS()
            let v = p.value(depth: 0)
            p.skipWS()
            let complete = !p.failed && v != nil && p.i == p.count
            return Parsed(value: v, complete: complete)
        }
    }

    private mutating func skipWS() {
        while i < count {
            let c = base[i]
            if c == 32 || c == 10 || c == 13 || c == 9 { i += 1 } else { return }
        }
    }

    private mutating func fail() -> JSONValue? {
        failed = true
        return nil
    }

    private mutating func value(depth: Int) -> JSONValue? {
        guard i < count else { return fail() }
        if depth >= Self.maxDepth, base[i] == 123 || base[i] == 91 {
            guard skipContainer() != nil else { return fail() }
            return .null
        }
        switch base[i] {
        case 123: return object(depth: depth)
        case 91: return array(depth: depth)
        case 34:
            guard let s = string() else { return fail() }
            return .string(s)
        case 116: return literal("true", .bool(true))
        case 102: return literal("false", .bool(false))
        case 110: return literal("null", .null)
        case 45, 48...57: return number()
        default: return fail()
        }
    }

    private mutating func literal(_ word: StaticString, _ v: JSONValue) -> JSONValue? {
        let n = word.utf8CodeUnitCount
        guard i + n <= count else { return fail() }
        for k in 0..<n where base[i + k] != word.utf8Start[k] { return fail() }
        i += n
        return v
    }

    private mutating func object(depth: Int) -> JSONValue? {
        i += 1
        skipWS()
        if i < count, base[i] == 125 { i += 1; return .object([]) }
        let mark = memberStack.count
        func finish(_ p: inout JSONParser) -> JSONValue {
            let members = Array(p.memberStack[mark...])
            p.memberStack.removeSubrange(mark...)
            return .object(members)
        }
        while true {
            skipWS()
            guard i < count, base[i] == 34, let key = string() else { failed = true; return finish(&self) }
            skipWS()
            guard i < count, base[i] == 58 else { failed = true; return finish(&self) }
            i += 1
            skipWS()
            let v: JSONValue?
            if !skipping.isEmpty, i < count, base[i] == 91 || base[i] == 123, skipping.contains(key) {
                let isArray = base[i] == 91
                guard let n = skipContainer() else { failed = true; return finish(&self) }
                v = isArray ? .array(Array(repeating: .null, count: n)) : .object([])
            } else {
                v = value(depth: depth + 1)
            }
            if failed {
                // Keep a partial container (its complete elements); drop a broken scalar.
                if let v, case .array = v { memberStack.append((key, v)) } else if let v, v.isObject { memberStack.append((key, v)) }
                return finish(&self)
            }
            guard let v else { return finish(&self) }
            memberStack.append((key, v))
            skipWS()
            guard i < count else { failed = true; return finish(&self) }
            if base[i] == 44 { i += 1; continue }
            if base[i] == 125 { i += 1; return finish(&self) }
            failed = true
            return finish(&self)
        }
    }

    private mutating func array(depth: Int) -> JSONValue? {
        i += 1
        skipWS()
        if i < count, base[i] == 93 { i += 1; return .array([]) }
        let mark = elementStack.count
        func finish(_ p: inout JSONParser) -> JSONValue {
            let elements = Array(p.elementStack[mark...])
            p.elementStack.removeSubrange(mark...)
            return .array(elements)
        }
        while true {
            skipWS()
            let v = value(depth: depth + 1)
            // An element that did not parse in full is dropped.
            guard !failed, let v else { return finish(&self) }
            elementStack.append(v)
            skipWS()
            guard i < count else { failed = true; return finish(&self) }
            if base[i] == 44 { i += 1; continue }
            if base[i] == 93 { i += 1; return finish(&self) }
            failed = true
            return finish(&self)
        }
    }

    /// Validates and skips an array or object (at `i`) without recursion: a stack of one flag
    /// per open container (true: an object). Returns its element count, nil when malformed.
    private mutating func skipContainer() -> Int? {
        var open: [Bool] = []
        var elements = 0
        var atValue = true // else just after a value
        while true {
            if atValue {
                guard i < count else { return nil }
                let c = base[i]
                if c == 123 || c == 91 {
                    let isObject = c == 123
                    open.append(isObject)
                    i += 1
                    skipWS()
                    guard i < count else { return nil }
                    if base[i] != (isObject ? 125 : 93) {
                        if isObject { guard skipMemberKey() else { return nil } }
                        if open.count == 1 { elements += 1 }
                        continue
                    }
                    i += 1
                    open.removeLast()
                } else if c == 34 {
                    guard skipString() else { return nil }
                } else {
                    guard value(depth: 0) != nil, !failed else { return nil }
                }
                atValue = false
            }
            guard let isObject = open.last else { return elements }
            skipWS()
            guard i < count else { return nil }
            if base[i] == 44 {
                i += 1
                skipWS()
                if isObject { guard skipMemberKey() else { return nil } }
                if open.count == 1 { elements += 1 }
                atValue = true
            } else if base[i] == (isObject ? 125 : 93) {
                i += 1
                open.removeLast()
            } else {
                return nil
            }
        }
    }

    /// Skips an object member's key and colon, leaving `i` at its value.
    private mutating func skipMemberKey() -> Bool {
        guard i < count, base[i] == 34, skipString() else { return false }
        skipWS()
        guard i < count, base[i] == 58 else { return false }
        i += 1
        skipWS()
        return true
    }

    /// Skips a string starting at its opening quote.
    private mutating func skipString() -> Bool {
        i += 1
        while i < count {
            let c = base[i]
            if c == 34 { i += 1; return true }
            if c == 92 { i += 2; continue }
            if c < 0x20 { return false }
            i += 1
        }
        return false
    }

    /// A string starting at its opening quote; invalid UTF-8 is repaired (U+FFFD).
    private mutating func string() -> String? {
        i += 1
        let start = i
        var escaped = false
        while i < count {
            let c = base[i]
            if c == 34 { break }
            if c == 92 { escaped = true; i += 2; continue }
            if c < 0x20 { return nil }
            i += 1
        }
        guard i < count else { return nil }
        let end = i
        i += 1
        let raw = UnsafeBufferPointer(start: base + start, count: end - start)
        return escaped ? unescape(raw) : String(decoding: raw, as: UTF8.self)
    }

    private func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        let n = raw.count
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= n else { return nil }
            var v: UInt32 = 0
            for j in 0..<4 {
                let c = raw[at + j]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 65...70: d = UInt32(c - 55)
                case 97...102: d = UInt32(c - 87)
                default: return nil
                }
                v = v << 4 | d
            }
            return v
        }
        while k < n {
            let c = raw[k]
            guard c == 92 else { out.append(c); k += 1; continue }
            guard k + 1 < n else { return nil }
            let e = raw[k + 1]
            k += 2
            switch e {
            case 34, 92, 47: out.append(e)
            case 98: out.append(8)
            case 102: out.append(12)
            case 110: out.append(10)
            case 114: out.append(13)
            case 116: out.append(9)
            case 117:
                guard var code = hex4(k) else { return nil }
                k += 4
                if code >= 0xD800, code < 0xDC00, k + 6 <= n, raw[k] == 92, raw[k + 1] == 117,
                   let low = hex4(k + 2), low >= 0xDC00, low < 0xE000 {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    k += 6
                }
                out.append(contentsOf: String(Unicode.Scalar(code) ?? "\u{FFFD}").utf8)
            default: return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A number, parsed as the feed decoder parses it (correctly rounded; strict JSON syntax).
    private mutating func number() -> JSONValue? {
        var v = 0.0
        guard JSONNumber.scan(base, count: count, at: &i, value: &v) else { return fail() }
        return .number(v)
    }
}
