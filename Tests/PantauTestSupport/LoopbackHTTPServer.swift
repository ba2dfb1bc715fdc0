import Foundation

/// A tiny HTTP/1.1 server on 127.0.0.1 for tests: one thread, one connection at a time,
/// `Connection: close`; the answer to each request comes from `handler`.
public final class LoopbackHTTPServer: @unchecked Sendable {
    public struct Request {
        public var path: String
        public var headers: [String: String]
    }

    public struct Response {
        public var status = 200
        public var headers: [String: String] = [:]
        public var body = Data()
        /// Seconds to wait before answering.
        public var delay = 0.0

        public init(status: Int = 200, headers: [String: String] = [:], body: Data = Data(), delay: Double = 0) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
        }
    }

    public let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var handlerStorage: (Request) -> Response = { _ in Response() }
    private var requestsStorage: [Request] = []
    private var stopped = false

    public var handler: (Request) -> Response {
        get { lock.lock(); defer { lock.unlock() }; return handlerStorage }
        set { lock.lock(); handlerStorage = newValue; lock.unlock() }
    }

    public var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return requestsStorage
    }

    public init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &len) }
        }
        port = UInt16(bigEndian: addr.sin_port)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    public func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func serve() {
        while !isStopped {
            let client = accept(listener, nil, nil)
            if client < 0 { if isStopped { return } else { continue } }
            // Answer on its own thread so a slow answer does not hold up the next request.
            let t = Thread { [self] in answer(client) }
            t.start()
        }
    }

    private func answer(_ client: Int32) {
        defer { close(client) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !data.contains(Data("\r\n\r\n".utf8)) {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { return }
            data.append(contentsOf: buffer[0..<n])
        }
        let head = String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let request = Request(path: requestLine.count > 1 ? String(requestLine[1]) : "/", headers: headers)
        lock.lock()
        requestsStorage.append(request)
        let h = handlerStorage
        lock.unlock()
        let response = h(request)
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        var text = "HTTP/1.1 \(response.status) \(response.status == 200 ? "OK" : "Status")\r\n"
        text += "Content-Length: \(response.status == 304 ? 0 : response.body.count)\r\nConnection: close\r\n"
        for (k, v) in response.headers { text += "\(k): \(v)\r\n" }
        text += "\r\n"
        var out = Data(text.utf8)
        if response.status != 304 { out.append(response.body) }
        out.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
