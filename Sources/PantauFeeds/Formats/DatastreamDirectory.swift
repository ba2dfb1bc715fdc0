import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PantauCore

/// The SensorThings Datastreams a source knows, by id: those the sources file maps
/// (`datastreams:`), and those fetched from the server (`sensorthings_url:`) the first time an
/// Observation names them, then kept. A fetch that fails is tried again a minute later at the
/// earliest, so a broker full of Observations does not hammer a server that is down.
public final class DatastreamDirectory: @unchecked Sendable {
    /// The server's base URL (`https://host/FROST-Server/v1.1`), if metadata may be fetched.
    public let baseURL: URL?
    /// How long one metadata fetch may take, in seconds.
    public let timeout: Double
    private let lock = NSLock()
    private var known: [String: DatastreamInfo]
    private var failedAt: [String: Date] = [:]
    private var fetchCount = 0
    private static let retryAfter = 60.0

    /// A directory with the sources file's `mapping` (by Datastream id) and, when `baseURL` is
    /// given, metadata fetched from the server for ids the mapping lacks.
    public init(mapping: [String: DatastreamInfo] = [:], baseURL: URL? = nil, timeout: Double = 10) {
        known = mapping
        self.baseURL = baseURL
        self.timeout = timeout
    }

    /// How many metadata requests were made so far.
    public var fetches: Int {
        lock.lock()
        defer { lock.unlock() }
        return fetchCount
    }

    /// What is known of the Datastream `id` (as the topic spells it: `42` or `'3f65…'`),
    /// fetching it from the server the first time; nil when it cannot be found.
    public func info(for id: String) -> DatastreamInfo? {
        let key = Self.unquoted(id)
        lock.lock()
        if let info = known[key] {
            lock.unlock()
            return info
        }
        if let failed = failedAt[key], Date().timeIntervalSince(failed) < Self.retryAfter {
            lock.unlock()
            return nil
        }
        guard let baseURL else {
            lock.unlock()
            return nil
        }
        fetchCount += 1
        lock.unlock()
        let fetched = fetch(baseURL: baseURL, id: id, key: key)
        lock.lock()
        defer { lock.unlock() }
        if let fetched {
            known[key] = fetched
            failedAt[key] = nil
        } else {
            failedAt[key] = Date()
        }
        return fetched
    }

    /// `'3f65'` → `3f65`; `42` stays.
    static func unquoted(_ id: String) -> String {
        if id.count >= 2, id.hasPrefix("'"), id.hasSuffix("'") { return String(id.dropFirst().dropLast()) }
        return id
    }

    /// `Datastreams(ID)?$expand=Thing/Locations,ObservedProperty,Sensor`, read with
    /// ``SensorThingsFormat/datastreamInfo(_:)``.
    private func fetch(baseURL: URL, id: String, key: String) -> DatastreamInfo? {
        let quoted = id.hasPrefix("'") || Double(id) != nil ? id : "'\(id)'"
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        guard let url = URL(string: base + "/Datastreams(\(quoted))?$expand=Thing/Locations,ObservedProperty,Sensor") else {
            return nil
        }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout + 1)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let done = DispatchSemaphore(value: 0)
        let body = LockedData()
        let task = URLSession.shared.dataTask(with: request) { data, response, _ in
            if let http = response as? HTTPURLResponse, (200..<300).contains(http.statusCode) { body.value = data }
            done.signal()
        }
        task.resume()
        guard done.wait(timeout: .now() + timeout) == .success else {
            task.cancel()
            return nil
        }
        guard let data = body.value, let value = JSONParser.parse(data).value, value.isObject else { return nil }
        var info = SensorThingsFormat.datastreamInfo(value)
        if info.station.isEmpty { info.station = key }
        return info
    }
}

/// A body handed from URLSession's queue to the waiting thread.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Data?
    var value: Data? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
