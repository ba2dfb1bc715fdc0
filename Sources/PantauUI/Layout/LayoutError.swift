/// A problem in a layout file, with its position: prints as `file:line:column: message`.
public struct LayoutError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Several layout problems at once (a checker reports them all).
public struct LayoutErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [LayoutError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// The closest of `candidates` to `word` by edit distance, if it is close enough to be a typo.
func suggestion(for word: String, among candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var prev = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var cur = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                cur[j + 1] = min(prev[j + 1] + 1, cur[j] + 1, prev[j] + (ca == cb ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
    let w = Array(word.lowercased())
    let best = candidates.map { ($0, distance(w, Array($0.lowercased()))) }.min { $0.1 < $1.1 }
    guard let (c, d) = best, d <= max(2, w.count / 3) else { return nil }
    return c
}
