import Foundation
import XCTest

/// Runs the built `pantau` executable, as a user would.
enum PantauBinary {
    /// The executable beside the test bundle (same build directory).
    static var url: URL {
        if let path = ProcessInfo.processInfo.environment["PANTAU_BIN"] { return URL(fileURLWithPath: path) }
        let bundle = Bundle(for: Marker.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent(),
                          bundle.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("pantau") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Fails the test (rather than skipping it) when the binary was not built: the test
    /// command builds it first, so a missing binary is a real problem.
    static func requireBuilt() throws {
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            XCTFail("pantau is not built at \(url.path); run 'swift build' first")
            throw XCTSkip("pantau not built")
        }
    }

    final class Marker {}

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `pantau ARGS` with no terminal, stdin from /dev/null, in `environment` (the
    /// runner's unless told) with the locale the tests expect (`TmuxSession.locale`).
    static func run(_ args: [String], environment: [String: String]? = nil) throws -> Result {
        let p = Process()
        p.executableURL = url
        p.arguments = args
        p.environment = (environment ?? ProcessInfo.processInfo.environment).merging(TmuxSession.locale) { _, new in new }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }
}
