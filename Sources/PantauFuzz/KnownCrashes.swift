import Foundation

/// Inputs in crash families already known and being fixed elsewhere (issue 7: invalid UTF-8
/// reaching Foundation's XML parser; numbers too large for `Int` in panes and layout weights),
/// which a harness can step around so a long run reaches everything else. Off unless
/// `PANTAU_FUZZ_AVOID_KNOWN=1` is set (`scripts/fuzz --avoid-known`) or a test sets
/// `FuzzTarget.avoidKnownCrashes`; remove once those fixes are in.
enum KnownCrashes {
    nonisolated(unsafe) static var avoid = ProcessInfo.processInfo.environment["PANTAU_FUZZ_AVOID_KNOWN"] == "1"

    /// Whether `bytes` should not reach an XML parser: not valid UTF-8, or a processing
    /// instruction without data (`<?x?>`: libxml2 hands Foundation a NULL it reads as a C string).
    static func avoidXML(_ bytes: UnsafeRawBufferPointer) -> Bool {
        avoid && (String(validating: bytes, as: UTF8.self) == nil || hasInstructionWithoutData(bytes))
    }

    private static func hasInstructionWithoutData(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            defer { i += 1 }
            guard bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "?") else { continue }
            var j = i + 2
            while j < bytes.count, ![UInt8(ascii: " "), 9, 10, 13, UInt8(ascii: "?")].contains(bytes[j]) { j += 1 }
            if j + 1 < bytes.count, bytes[j] == UInt8(ascii: "?"), bytes[j + 1] == UInt8(ascii: ">") { return true }
        }
        return false
    }

    /// Whether a configuration text should not be parsed: it has a run of nine or more digits
    /// (a weight or size too large for the layout arithmetic).
    static func avoidConfig(_ text: String) -> Bool {
        guard avoid else { return false }
        var run = 0
        for b in text.utf8 {
            run = (48...57).contains(b) ? run + 1 : 0
            if run >= 9 { return true }
        }
        return false
    }

    /// A number as the render harness may use it: when avoiding, finite and within ±1e9.
    static func number(_ value: Double) -> Double {
        guard avoid else { return value }
        return value.isFinite ? max(-1e9, min(1e9, value)) : 0
    }
}
