import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PantauCore

/// An `http` source: a URL polled every interval. Each request carries `If-None-Match` and
/// `If-Modified-Since` from the previous answer's `ETag` and `Last-Modified`; a `304`, or a
/// body identical to the previous one, delivers nothing (so re-polling never repeats events).
/// A request taking longer than `timeout` fails; a non-2xx answer fails with its status
/// (`HTTP 500`); either retries with exponential backoff and jitter capped at a minute. A
/// body the format cannot read is counted as skipped and shown as failing until a good one
/// arrives. For a CAP RSS/Atom index, the linked alerts are fetched too (each again only
/// when changed); relative links are resolved against the index's URL and `xml:base`. An
/// index whose every link fails (an error answer, a timeout, an unreadable alert) is failing
/// with the first reason; a failed link is tried again at the next poll.
///
/// ```yaml
/// - name: bmkg-warnings
///   type: http
///   url: http://127.0.0.1:8080/alerts.xml
///   format: cap
///   every: 60s
///   timeout: 10s
///   headers: { Accept: application/xml }
/// ```
public final class HTTPSource: FeedSource, @unchecked Sendable {
    public let name: String
    public let type = "http"
    public let format: String
    /// The polled URL.
    public let url: URL
    /// Seconds between polls.
    public let every: Double
    /// Seconds a request may take.
    public let timeout: Double
    /// Extra request headers.
    public let headers: [String: String]
    /// Linked documents fetched per poll at most (a CAP index).
    public static let maxLinks = 200

    public var staleAfter: Double { max(3 * every, 1) }

    private let signal = StopSignal()
    private let session: URLSession

    /// A source polling `url` every `every` seconds.
    public init(name: String, url: URL, format: String = "ndjson", every: Double = 60, timeout: Double = 10,
                headers: [String: String] = [:]) {
        self.name = name
        self.url = url
        self.format = format
        self.every = every
        self.timeout = timeout
        self.headers = headers
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        // The exact timeout is enforced by the source itself (URLSession on Linux rounds
        // sub-second timeouts down); these are only a backstop.
        configuration.timeoutIntervalForRequest = timeout.rounded(.up) + 1
        configuration.timeoutIntervalForResource = timeout.rounded(.up) + 1
        configuration.httpMaximumConnectionsPerHost = 2
        session = URLSession(configuration: configuration)
    }

    convenience init(config: SourceConfig) throws {
        let every = config.duration("every"), timeout = config.duration("timeout"), headers = config.stringMap("headers")
        guard let text = config.requiredString("url") else { throw config.refused }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil else {
            throw config.error("url", "`url` must be an http:// or https:// URL, not `\(text)`")
        }
        self.init(name: config.name, url: url, format: config.format, every: every ?? 60, timeout: timeout ?? 10,
                  headers: headers ?? [:])
    }

    public func start(_ sink: SourceSink) {
        SourceThread.start(name: name, sink: sink) { [self] in run(sink) }
    }

    public func stop() {
        signal.stop()
        session.invalidateAndCancel()
    }

    /// What the previous answer for one URL was, for conditional requests.
    private struct Validators {
        var etag: String?
        var lastModified: String?
        var bodyHash: Int?
    }

    private enum Fetched {
        case notModified
        case body(Data, Validators)
        case failure(String)
    }

    private func run(_ sink: SourceSink) {
        let decoder = PayloadDecoder(format: format, source: name)
        var backoff = Backoff(initial: min(every, 5))
        var main = Validators()
        var linked: [URL: Validators] = [:]
        sink.connecting()
        while !signal.isStopped {
            switch fetch(url, previous: main) {
            case .failure(let reason):
                let wait = backoff.next()
                sink.failed(reason, retryIn: wait)
                signal.sleep(wait)
                continue
            case .notModified:
                sink.touched()
            case .body(let data, var validators):
                if validators.bodyHash == main.bodyHash {
                    main = validators
                    sink.touched()
                    break
                }
                let result = decoder.decodePayload(data)
                sink.counted(result, at: url.absoluteString)
                if Self.isUnreadable(result) {
                    // Unreadable: shown as failing, read again at the next poll.
                    validators.bodyHash = nil
                    main = validators
                    let reasons = result.skipped.keys.sorted().joined(separator: ", ")
                    sink.failed("unreadable \(format) payload (\(reasons))", retryIn: every)
                    signal.sleep(every)
                    continue
                }
                main = validators
                var events = result.events
                if !result.links.isEmpty {
                    var next: [URL: Validators] = [:]
                    var failures: [String] = []
                    for relative in result.links.prefix(Self.maxLinks) where !signal.isStopped {
                        guard let link = Self.resolve(relative, against: url) else {
                            failures.append("unusable link `\(relative.relativeString)`")
                            continue
                        }
                        let previous = linked[link] ?? Validators()
                        next[link] = previous
                        switch fetch(link, previous: previous) {
                        case .failure(let reason):
                            failures.append("\(reason) (\(link.absoluteString))")
                        case .notModified:
                            break
                        case .body(let body, let v):
                            guard v.bodyHash != previous.bodyHash else { break }
                            let r = decoder.decodePayload(body)
                            sink.counted(r, at: link.absoluteString)
                            if Self.isUnreadable(r) {
                                let reasons = r.skipped.keys.sorted().joined(separator: ", ")
                                failures.append("unreadable \(format) payload (\(reasons)) (\(link.absoluteString))")
                                continue
                            }
                            events += r.events
                            next[link] = v
                        }
                    }
                    linked = next
                    if !failures.isEmpty {
                        // The index is read again at the next poll, so failed links are retried
                        // (the good ones answer 304 or the same body and deliver nothing twice).
                        main = Validators()
                    }
                    let tried = min(result.links.count, Self.maxLinks)
                    if !failures.isEmpty, failures.count == tried, !signal.isStopped {
                        let wait = backoff.next()
                        let more = failures.count > 1 ? " (and \(failures.count - 1) more)" : ""
                        sink.failed("all \(tried) linked document\(tried == 1 ? "" : "s") failed: \(failures[0])\(more)",
                                    retryIn: wait)
                        signal.sleep(wait)
                        continue
                    }
                }
                sink.deliver(events)
                sink.touched()
            }
            backoff.reset()
            signal.sleep(every)
        }
    }

    /// Whether a document gave nothing usable because it could not be read: no events, no
    /// links, and bad input skipped. Records a format leaves out on purpose (a CAP test or
    /// exercise alert, an Ack) are ignored, not skipped: a document of only these is read.
    static func isUnreadable(_ r: FormatResult) -> Bool {
        r.events.isEmpty && r.links.isEmpty && r.skippedTotal > 0
    }

    /// `link` (from an index, perhaps relative, perhaps to a relative `xml:base`) as an absolute
    /// http(s) URL resolved against `index`; nil for another scheme (`file:` is never read).
    static func resolve(_ link: URL, against index: URL) -> URL? {
        let absolute: URL?
        if link.baseURL == nil, link.scheme != nil {
            absolute = link
        } else {
            let base = link.baseURL.flatMap { resolve($0, against: index) } ?? index
            absolute = URL(string: link.relativeString, relativeTo: base)?.absoluteURL
        }
        guard let absolute, let scheme = absolute.scheme?.lowercased(), scheme == "http" || scheme == "https",
              absolute.host != nil else { return nil }
        return absolute
    }

    /// One GET, synchronous on the source's thread, bounded by `timeout`.
    private func fetch(_ target: URL, previous: Validators) -> Fetched {
        var request = URLRequest(url: target, cachePolicy: .reloadIgnoringLocalCacheData,
                                 timeoutInterval: timeout.rounded(.up) + 1)
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        if let etag = previous.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lm = previous.lastModified { request.setValue(lm, forHTTPHeaderField: "If-Modified-Since") }
        let box = ResponseBox()
        let task = session.dataTask(with: request) { data, response, error in
            box.set(data, response, error)
        }
        task.resume()
        guard box.wait(seconds: timeout) else {
            task.cancel()
            return .failure("timed out after \(DurationText.format(timeout))")
        }
        let (data, response, error) = box.get()
        if let error {
            let ns = error as NSError
            if ns.domain == NSURLErrorDomain, ns.code == NSURLErrorTimedOut {
                return .failure("timed out after \(DurationText.format(timeout))")
            }
            let host = target.host ?? "?"
            let place = target.port.map { "\(host):\($0)" } ?? host
            switch ns.domain == NSURLErrorDomain ? ns.code : 0 {
            case NSURLErrorCannotConnectToHost: return .failure("cannot connect to \(place)")
            case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return .failure("unknown host \(host)")
            case NSURLErrorNetworkConnectionLost: return .failure("connection to \(place) lost")
            case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted,
                 NSURLErrorServerCertificateHasBadDate, NSURLErrorServerCertificateHasUnknownRoot:
                return .failure("TLS failure with \(host)")
            default: return .failure(ns.localizedDescription)
            }
        }
        guard let http = response as? HTTPURLResponse else { return .failure("not an HTTP answer") }
        if http.statusCode == 304 { return .notModified }
        guard (200..<300).contains(http.statusCode) else { return .failure("HTTP \(http.statusCode)") }
        let body = data ?? Data()
        var hasher = Hasher()
        hasher.combine(body)
        let v = Validators(etag: http.value(forHTTPHeaderField: "ETag"),
                           lastModified: http.value(forHTTPHeaderField: "Last-Modified"),
                           bodyHash: hasher.finalize())
        return .body(body, v)
    }
}

/// Hands a URLSession completion to the waiting source thread.
private final class ResponseBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var done = false
    private var data: Data?
    private var response: URLResponse?
    private var error: (any Error)?

    func set(_ d: Data?, _ r: URLResponse?, _ e: (any Error)?) {
        condition.lock()
        data = d
        response = r
        error = e
        done = true
        condition.broadcast()
        condition.unlock()
    }

    func wait(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while !done {
            if !condition.wait(until: deadline) { return done }
        }
        return true
    }

    func get() -> (Data?, URLResponse?, (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        return (data, response, error)
    }
}

extension HTTPSource {
    /// `type: http`: `url` (required), `every`, `timeout` (durations), `headers` (a mapping).
    public static let kind = SourceKind(type: "http", keys: ["url", "every", "timeout", "headers"], required: ["url"]) { config in
        try HTTPSource(config: config)
    }
}
