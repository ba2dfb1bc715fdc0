import Foundation
import XCTest

/// Runs the built `pantau` executable, as a user would.
enum PantauBinary {
    /// The executable beside the test bundle (same build directory).
    static var url: URL {
        var dir = Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()
        if dir.lastPathComponent == "Contents" { dir = dir.deletingLastPathComponent().deletingLastPathComponent() }
        return dir.appendingPathComponent("pantau")
    }

    final class Marker {}

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `pantau ARGS` with no terminal, stdin from /dev/null.
    static func run(_ args: [String], environment: [String: String]? = nil) throws -> Result {
        let p = Process()
        p.executableURL = url
        p.arguments = args
        if let environment { p.environment = environment }
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
