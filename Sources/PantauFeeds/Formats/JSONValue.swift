import Foundation

/// A parsed JSON value, as the format converters read it. Objects keep their members in order
/// (a small array, searched linearly: records are small and this is cheaper than hashing).
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// The member `key` of an object (the first one, if repeated); nil otherwise.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for (k, v) in members where k == key { return v }
        return nil
    }

    /// A string value (nil for every other type, and for the empty string).
    var string: String? {
        if case .string(let s) = self, !s.isEmpty { return s }
        return nil
    }

    /// A number, or a string holding one (feeds often send numbers as strings). Never NaN/inf.
    var number: Double? {
        switch self {
        case .number(let d): return d.isFinite ? d : nil
        case .string(let s):
            let t = s.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty, let d = Double(t), d.isFinite else { return nil }
            return d
        default: return nil
        }
    }

    /// A string, or a number written as text (integral numbers without a fraction): for ids.
    var text: String? {
        switch self {
        case .string(let s): return s.isEmpty ? nil : s
        case .number(let d):
            guard d.isFinite else { return nil }
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        default: return nil
        }
    }

    /// A boolean, or the strings `true`/`false`.
    var bool: Bool? {
        switch self {
        case .bool(let b): return b
        case .string(let s): return s == "true" ? true : (s == "false" ? false : nil)
        default: return nil
        }
    }

    /// The elements of an array.
    var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// Whether this is an object.
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
