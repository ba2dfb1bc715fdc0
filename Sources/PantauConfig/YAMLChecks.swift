import PantauCore
import Yams

/// Checks the desk and rules parsers share.
enum YAMLChecks {
    /// The unknown keys of `map` (those not in `allowed`), each with its message: a suggestion for
    /// a misspelt one, else the keys expected `in place`.
    static func unknownKeys(_ map: Node.Mapping, allowed: [String], in place: String) -> [(node: Node, message: String)] {
        var out: [(node: Node, message: String)] = []
        for (k, _) in map {
            guard let key = k.string, !allowed.contains(key) else { continue }
            if let s = closestMatch(to: key, among: allowed) {
                out.append((k, "unknown key `\(key)` in \(place); did you mean `\(s)`?"))
            } else {
                out.append((k, "unknown key `\(key)` in \(place); expected one of \(allowed.joined(separator: ", "))"))
            }
        }
        return out
    }

    /// Whether `s` is a plain identifier: letters, digits, `-`, `_`, `.` (ids, codes and names
    /// that travel in events and on command lines).
    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
    }
}
