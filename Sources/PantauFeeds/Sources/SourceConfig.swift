import Foundation
import PantauCore
import Yams

/// One entry of a sources file, checked for its keys, with typed readers that report bad
/// values at their line and column. A ``SourceKind`` reads what it needs from it.
///
/// Readers do not stop at the first bad value: each reports its problem (collected in
/// ``problems``) and returns nil, so that the file's every problem is listed at once. A kind
/// that cannot make its source without a value throws ``refused`` (or an ``error(_:_:)`` of
/// its own); an entry with any problem makes no source.
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
    private let log = ProblemLog()

    init(file: String, name: String, type: String, format: String, node: Node, map: Node.Mapping) {
        self.file = file
        self.name = name
        self.type = type
        self.format = format
        self.node = node
        self.map = map
    }

    /// The problems the readers and ``report(_:_:)`` found so far, in the order found.
    public var problems: [SourcesFileProblem] { log.problems }

    /// What a kind throws when it cannot make its source for problems already reported.
    public var refused: SourcesFileError { SourcesFileError(problems: []) }

    /// A problem at `key`'s value (or at the entry when the key is absent).
    public func error(_ key: String?, _ message: String) -> SourcesFileError {
        SourcesFileError(problems: [problem(at: key.flatMap { map[$0] } ?? node, message)])
    }

    /// Notes a problem at `key`'s value (or at the entry when the key is absent) and goes on.
    public func report(_ key: String?, _ message: String) {
        log.problems.append(problem(at: key.flatMap { map[$0] } ?? node, message))
    }

    /// Notes the problems of `error` (from a reader that stops at its first) and goes on.
    public func report(_ error: SourcesFileError) {
        log.problems.append(contentsOf: error.problems)
    }

    /// Notes a problem at the `index`-th item of the list under `key` (at the key's value when
    /// it is a single text).
    public func report(_ key: String, item index: Int, _ message: String) {
        let at = map[key]?.sequence.flatMap { index < $0.count ? $0[index] : nil } ?? map[key] ?? node
        log.problems.append(problem(at: at, message))
    }

    private func problem(at node: Node, _ message: String) -> SourcesFileProblem {
        let mark = node.mark
        return SourcesFileProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
    }

    /// Whether the entry has `key`.
    public func has(_ key: String) -> Bool { map[key] != nil }

    /// Whether `key`'s value is a single text (not a list or a mapping).
    public func isText(_ key: String) -> Bool { map[key]?.scalar != nil }

    /// A string value.
    public func string(_ key: String) -> String? {
        guard let v = map[key] else { return nil }
        guard let s = v.scalar?.string, !s.isEmpty else { report(key, "`\(key)` must be a non-empty text"); return nil }
        return s
    }

    /// A string value the kind requires; nil (reported) when bad, nil (already reported by
    /// the file's check of required keys) when absent.
    public func requiredString(_ key: String) -> String? {
        string(key)
    }

    /// An integer in `range`.
    public func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let v = map[key] else { return nil }
        guard let i = v.int, range.contains(i) else {
            report(key, "`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound), not `\(v.string ?? "…")`")
            return nil
        }
        return i
    }

    /// `true` or `false`.
    public func bool(_ key: String) -> Bool? {
        guard let v = map[key] else { return nil }
        guard let b = v.bool else { report(key, "`\(key)` must be true or false, not `\(v.string ?? "…")`"); return nil }
        return b
    }

    /// A duration in seconds (`500ms`, `6s`, `5m`, `1h`, `1m30s`) within `limits`
    /// (``DurationText/sourceLimits`` unless given); zero is refused (every duration here is a
    /// wait, an interval or a limit).
    public func duration(_ key: String, in limits: ClosedRange<Double> = DurationText.sourceLimits) -> Double? {
        guard let v = map[key] else { return nil }
        guard let text = v.string, let d = DurationText.total(text) else {
            report(key, "`\(key)` must be \(DurationText.expected), not `\(v.string ?? "…")`")
            return nil
        }
        guard d > 0 else {
            report(key, "`\(key)` must be longer than zero (from \(DurationText.format(limits.lowerBound)) to \(DurationText.format(limits.upperBound))), not `\(text)`")
            return nil
        }
        guard limits.contains(d) else {
            report(key, "`\(key)` must be from \(DurationText.format(limits.lowerBound)) to \(DurationText.format(limits.upperBound)), not `\(text)`")
            return nil
        }
        return d
    }

    /// A list of texts (a single text counts as a list of one).
    public func stringList(_ key: String) -> [String]? {
        guard let v = map[key] else { return nil }
        if let s = v.scalar?.string { return [s] }
        guard let seq = v.sequence else { report(key, "`\(key)` must be a list of texts, e.g. [\"a\", \"b\"]"); return nil }
        var out: [String] = []
        for (i, item) in seq.enumerated() {
            guard let s = item.scalar?.string else {
                report(key, item: i, "`\(key)` must list texts only")
                return nil
            }
            out.append(s)
        }
        guard !out.isEmpty else { report(key, "`\(key)` must not be empty"); return nil }
        return out
    }

    /// A mapping of texts to texts.
    public func stringMap(_ key: String) -> [String: String]? {
        guard let v = map[key] else { return nil }
        guard let m = v.mapping else { report(key, "`\(key)` must be a mapping of names to texts, e.g. {Accept: application/json}"); return nil }
        var out: [String: String] = [:]
        for (k, value) in m {
            guard let ks = k.string, let vs = value.scalar?.string else {
                report(key, "`\(key)` must map texts to texts")
                return nil
            }
            out[ks] = vs
        }
        return out
    }

    /// A file the source reads when it starts (a CA certificate): reported now, before the
    /// screen opens, when it is missing, a folder or unreadable.
    public func readableFile(_ key: String) -> String? {
        guard let path = string(key) else { return nil }
        var info = stat()
        if stat(path, &info) != 0 {
            report(key, "`\(key)` `\(path)` cannot be read: \(String(cString: strerror(errno)))")
            return nil
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            report(key, "`\(key)` `\(path)` is a folder, not a file")
            return nil
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            report(key, "`\(key)` `\(path)` cannot be read: \(String(cString: strerror(errno)))")
            return nil
        }
        close(fd)
        return path
    }
}

/// The problems found in one entry, shared by the copies of its ``SourceConfig``.
private final class ProblemLog {
    var problems: [SourcesFileProblem] = []
}
