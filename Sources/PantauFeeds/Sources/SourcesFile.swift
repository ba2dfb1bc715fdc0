import PantauCore
import Foundation
import PantauConfig
import Yams

/// Reads a sources file (YAML) into sources ready to start, refusing any file with an
/// error: every problem is reported as `file:line:column: message` with what was expected.
///
/// A complete example:
///
/// ```yaml
/// # Pantau sources: each entry is one named source. `type` picks the transport,
/// # `format` how its payloads are read (ndjson unless given: ndjson, cap, open311,
/// # waze, sensorthings, ngsi-ld, bmkg-gempa, petabencana). Durations read 500ms, 6s, 5m, 1h.
/// sources:
///   # An NDJSON recording followed like `tail -F` (survives truncation and rotation).
///   - name: simulator
///     type: file
///     path: /var/log/pantau/sim.ndjson
///
///   # Feed-format lines piped into pantau: `pantau simulate | pantau record --sources s.yaml ...`
///   - name: piped
///     type: stdin
///
///   # A command's stdout (an argument list, never through a shell; stderr is the failure
///   # reason); run again after restart_backoff when it exits, the wait doubling up to a
///   # minute while runs fail. With a format other than ndjson, each run's whole output is
///   # one payload.
///   - name: laksa
///     type: exec
///     command: ["/usr/local/bin/laksa-export", "--since", "1h"]
///     format: open311
///     restart_backoff: 2s
///
///   # A URL polled every interval with If-None-Match / If-Modified-Since; unchanged
///   # bodies are skipped. A CAP RSS/Atom index has its linked alerts fetched too.
///   - name: bmkg-warnings
///     type: http
///     url: http://127.0.0.1:8080/alerts.xml
///     format: cap
///     every: 60s
///     timeout: 10s
///     headers:
///       Accept: application/xml
///
///   - name: waze
///     type: http
///     url: https://example.org/waze/feed.json
///     format: waze
///     every: 2m
///
///   # An MQTT broker (QoS 1 unless told); each message payload is read in the format.
///   # Needs libmosquitto at run time only (apt-get install libmosquitto1).
///   - name: sensors
///     type: mqtt
///     host: 127.0.0.1
///     port: 1883
///     topics: ["tangerang/sensors/#"]
///     format: ndjson
///     qos: 1
///     username_env: PANTAU_MQTT_USER     # names of environment variables, not secrets
///     password_env: PANTAU_MQTT_PASSWORD
///     tls: false
///     client_id: pantau-command-room
///     clean_session: false               # the broker keeps what Pantau misses
/// ```
public enum SourcesFile {
    /// Keys every entry may have.
    public static let commonKeys = ["name", "type", "format"]
    /// Keys of the ``SourceSettings`` every entry may have, after its type's own.
    public static let settingKeys = ["stale_after", "clock_skew_tolerance"]

    /// Reads and checks the file at `path`, making (not starting) its sources; `dashboard`
    /// when they are to feed the live dashboard (`pantau run`), which refuses `stdin` sources.
    public static func load(path: String, registry: SourceRegistry = .standard, dashboard: Bool = false) throws -> [any FeedSource] {
        try loadConfigured(path: path, registry: registry, dashboard: dashboard).map(\.source)
    }

    /// ``load(path:registry:dashboard:)`` with each source's ``SourceSettings``.
    public static func loadConfigured(path: String, registry: SourceRegistry = .standard,
                                      dashboard: Bool = false) throws -> [ConfiguredSource] {
        switch ConfigFile.read(path: path, file: path) {
        case .success(let text): return try parseConfigured(text, file: path, registry: registry, dashboard: dashboard)
        case .failure(let problem): throw SourcesFileError(problems: [problem])
        }
    }

    /// Checks `yaml` (named `file` in messages) and makes its sources. Every problem in the
    /// file is reported, in file order, not only the first. With `dashboard`, a `stdin` source
    /// is refused: under `pantau run` standard input is the terminal the dashboard reads keys
    /// from.
    public static func parse(_ yaml: String, file: String, registry: SourceRegistry = .standard,
                             dashboard: Bool = false) throws -> [any FeedSource] {
        try parseConfigured(yaml, file: file, registry: registry, dashboard: dashboard).map(\.source)
    }

    /// ``parse(_:file:registry:dashboard:)`` with each source's ``SourceSettings``.
    public static func parseConfigured(_ yaml: String, file: String, registry: SourceRegistry = .standard,
                                       dashboard: Bool = false) throws -> [ConfiguredSource] {
        var problems: [SourcesFileProblem] = []
        func fail(_ node: Node?, _ message: String) {
            let m = node?.mark
            problems.append(SourcesFileProblem(file: file, line: m?.line ?? 1, column: m?.column ?? 1, message: message))
        }
        let root: Node?
        switch YAMLDocument.compose(yaml, file: file) {
        case .success(let node): root = node
        case .failure(let problem): throw SourcesFileError(problems: [problem])
        }
        guard let root, let top = root.mapping else {
            fail(root, "expected a mapping with `sources:`, a list of sources")
            throw SourcesFileError(problems: problems)
        }
        for (k, _) in top where k.string != "sources" {
            let hint = closestMatch(to: k.string ?? "", among: ["sources"]).map { "; did you mean `\($0)`?" } ?? "; expected `sources`"
            fail(k, "unknown key `\(k.string ?? "?")`\(hint)")
        }
        guard let list = top["sources"] else {
            fail(root, "missing `sources`: a list of sources, each with `name` and `type`")
            throw SourcesFileError(problems: problems)
        }
        guard let entries = list.sequence, !entries.isEmpty else {
            fail(list, "`sources` must be a non-empty list of sources, each with `name` and `type`")
            throw SourcesFileError(problems: problems)
        }

        var sources: [ConfiguredSource] = []
        var names: [String: Int] = [:]
        let formats = FormatRegistry.names
        for entry in entries {
            guard let map = entry.mapping else {
                fail(entry, "each source must be a mapping with `name` and `type`")
                continue
            }
            guard let nameNode = map["name"] else { fail(entry, "a source needs `name`"); continue }
            guard let name = nameNode.string, !name.isEmpty, nameNode.scalar != nil else {
                fail(nameNode, "`name` must be a non-empty text"); continue
            }
            if let line = names[name] {
                fail(nameNode, "a source named `\(name)` is already defined at line \(line); names must be unique")
            }
            names[name] = nameNode.mark?.line ?? 0
            guard let typeNode = map["type"] else {
                fail(entry, "source `\(name)` needs `type`: one of \(registry.types.joined(separator: ", "))"); continue
            }
            guard let type = typeNode.string, let kind = registry.kind(type) else {
                let t = typeNode.string ?? "…"
                let hint = closestMatch(to: t, among: registry.types).map { "did you mean `\($0)`? " } ?? ""
                fail(typeNode, "unknown type `\(t)`; \(hint)expected one of \(registry.types.joined(separator: ", "))")
                continue
            }
            var bad = false
            if dashboard, type == StdinSource.kind.type {
                bad = true
                fail(typeNode, "source `\(name)`: a stdin source cannot feed the dashboard, whose standard input is the terminal it reads keys from; use 'pantau record' with it, or a file or exec source")
            }
            var format = "ndjson"
            if let f = map["format"] {
                if let s = f.string, formats.contains(s.lowercased()) {
                    format = s.lowercased()
                } else {
                    let t = f.string ?? "…"
                    let hint = closestMatch(to: t, among: formats).map { "did you mean `\($0)`? " } ?? ""
                    fail(f, "unknown format `\(t)`; \(hint)expected one of \(formats.joined(separator: ", "))")
                    bad = true
                }
            }
            let allowed = commonKeys + kind.keys + settingKeys
            for (k, _) in map {
                guard let key = k.string, !allowed.contains(key) else { continue }
                bad = true
                if let s = closestMatch(to: key, among: allowed) {
                    fail(k, "unknown key `\(key)` for \(article(type)) \(type) source; did you mean `\(s)`? (expected one of \(allowed.joined(separator: ", ")))")
                } else {
                    fail(k, "unknown key `\(key)` for \(article(type)) \(type) source; expected one of \(allowed.joined(separator: ", "))")
                }
            }
            for key in kind.required where map[key] == nil {
                bad = true
                fail(entry, "\(type) source `\(name)` needs `\(key)`")
            }
            // Made even with a problem above, so that its values are checked too.
            let config = SourceConfig(file: file, name: name, type: type, format: format, node: entry, map: map)
            let settings = SourceSettings(config)
            do {
                let source = try kind.make(config)
                if !bad, config.problems.isEmpty { sources.append(ConfiguredSource(source, settings: settings)) }
            } catch let e as SourcesFileError {
                problems += e.problems
            }
            problems += config.problems
        }
        if !problems.isEmpty {
            throw SourcesFileError(problems: problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return sources
    }
}

/// `a` or `an` before a type name (`an http source`, `a file source`).
func article(_ word: String) -> String {
    let w = word.lowercased()
    return w.hasPrefix("http") || w.hasPrefix("mqtt") || w.first.map({ "aeiou".contains($0) }) == true ? "an" : "a"
}
