import Yams

/// One entry of a sources file, checked for its keys, with typed readers that report bad
/// values at their line and column. A ``SourceKind`` reads what it needs from it.
public struct SourceConfig {
    /// The file's name as given (for messages).
    public let file: String
    /// The entry's `name`.
    public let name: String
    /// The entry's `type`.
    public let type: String
    /// The entry's `format` (`ndjson` unless given).
    public let format: String

    let node: Node
    let map: Node.Mapping

    init(file: String, name: String, type: String, format: String, node: Node, map: Node.Mapping) {
        self.file = file
        self.name = name
        self.type = type
        self.format = format
        self.node = node
        self.map = map
    }

    /// A problem at `key`'s value (or at the entry when the key is absent).
    public func error(_ key: String?, _ message: String) -> SourcesFileError {
        let at = key.flatMap { map[$0] } ?? node
        let mark = at.mark
        return SourcesFileError(problems: [SourcesFileProblem(file: file, line: mark?.line ?? 1,
                                                              column: mark?.column ?? 1, message: message)])
    }

    /// Whether the entry has `key`.
    public func has(_ key: String) -> Bool { map[key] != nil }

    /// A string value.
    public func string(_ key: String) throws -> String? {
        guard let v = map[key] else { return nil }
        guard let s = v.scalar?.string, !s.isEmpty else { throw error(key, "`\(key)` must be a non-empty text") }
        return s
    }

    /// A string value the kind requires (the registry already checked presence).
    public func requiredString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw error(nil, "\(type) source `\(name)` needs `\(key)`") }
        return s
    }

    /// An integer in `range`.
    public func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = map[key] else { return nil }
        guard let i = v.int, range.contains(i) else {
            throw error(key, "`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound), not `\(v.string ?? "…")`")
        }
        return i
    }

    /// `true` or `false`.
    public func bool(_ key: String) throws -> Bool? {
        guard let v = map[key] else { return nil }
        guard let b = v.bool else { throw error(key, "`\(key)` must be true or false, not `\(v.string ?? "…")`") }
        return b
    }

    /// A duration in seconds (`500ms`, `6s`, `5m`, `1h`) within ``DurationText/sourceLimits``.
    public func duration(_ key: String) throws -> Double? {
        guard let v = map[key] else { return nil }
        guard let text = v.string, let d = DurationText.parse(text) else {
            throw error(key, "`\(key)` must be \(DurationText.expected), not `\(v.string ?? "…")`")
        }
        let limits = DurationText.sourceLimits
        guard limits.contains(d) else {
            throw error(key, "`\(key)` must be from \(DurationText.format(limits.lowerBound)) to \(DurationText.format(limits.upperBound)), not `\(text)`")
        }
        return d
    }

    /// A list of texts (a single text counts as a list of one).
    public func stringList(_ key: String) throws -> [String]? {
        guard let v = map[key] else { return nil }
        if let s = v.scalar?.string { return [s] }
        guard let seq = v.sequence else { throw error(key, "`\(key)` must be a list of texts, e.g. [\"a\", \"b\"]") }
        var out: [String] = []
        for item in seq {
            guard let s = item.scalar?.string else {
                let m = item.mark
                throw SourcesFileError(problems: [SourcesFileProblem(file: file, line: m?.line ?? 1, column: m?.column ?? 1,
                                                                     message: "`\(key)` must list texts only")])
            }
            out.append(s)
        }
        guard !out.isEmpty else { throw error(key, "`\(key)` must not be empty") }
        return out
    }

    /// A mapping of texts to texts.
    public func stringMap(_ key: String) throws -> [String: String]? {
        guard let v = map[key] else { return nil }
        guard let m = v.mapping else { throw error(key, "`\(key)` must be a mapping of names to texts, e.g. {Accept: application/json}") }
        var out: [String: String] = [:]
        for (k, value) in m {
            guard let ks = k.string, let vs = value.scalar?.string else {
                throw error(key, "`\(key)` must map texts to texts")
            }
            out[ks] = vs
        }
        return out
    }
}
