import Foundation
import PantauCore

/// Case- and accent-insensitive matching. ASCII text is compared byte by byte; anything else
/// goes through Foundation's folding.
public enum TextFold {
    /// `"Bánjir"` → `"banjir"`.
    public static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        return s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Whether `text`, folded, contains `query` (already folded, as UTF-8 bytes).
    public static func contains(_ text: String, folded query: [UInt8]) -> Bool {
        guard !query.isEmpty else { return true }
        var t = text
        let ascii: Bool? = t.withUTF8 { bytes in
            bytes.contains(where: { $0 >= 0x80 }) ? nil : find(query, in: bytes)
        }
        if let ascii { return ascii }
        let folded = Array(fold(text).utf8)
        return folded.withUnsafeBufferPointer { find(query, in: $0) }
    }

    /// Whether `bytes` (ASCII letters compared without case) hold `query` (lowercase).
    private static func find(_ query: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count, m = query.count
        guard n >= m else { return false }
        let first = query[0]
        var i = 0
        while i <= n - m {
            var b = bytes[i]
            if b >= 65 && b <= 90 { b += 32 }
            if b == first {
                var j = 1
                while j < m {
                    var c = bytes[i + j]
                    if c >= 65 && c <= 90 { c += 32 }
                    if c != query[j] { break }
                    j += 1
                }
                if j == m { return true }
            }
            i += 1
        }
        return false
    }
}
