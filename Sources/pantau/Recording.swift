import Foundation
import PantauFeeds

/// A recording to read: a path and how to name it to the user.
struct Recording {
    var path: String
    var label: String

    func openReader() throws -> FeedReader {
        if path != "-" {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw CLIError("no such recording: \(path)")
            }
            if isDir.boolValue { throw CLIError("\(path) is a directory, not a recording") }
        }
        do {
            return try FeedReader(path: path)
        } catch let e as FeedReadError {
            throw CLIError(e.description)
        }
    }
}

/// The recorded day that ships inside the package, found beside the executable.
enum BundledRecording {
    static let fileName = "tangerang-day.ndjson.gz"

    static func locate() throws -> Recording {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates: [URL] = []
        if let main = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            candidates.append(main.deletingLastPathComponent())
        }
        candidates.append(exe.deletingLastPathComponent())
        // SwiftPM copies the resource into PACKAGE_TARGET.resources beside the executable.
        for dir in candidates {
            for bundle in ["Pantau_pantau.resources", "pantau_pantau.resources"] {
                let url = dir.appendingPathComponent(bundle).appendingPathComponent(fileName)
                if FileManager.default.fileExists(atPath: url.path) {
                    return Recording(path: url.path, label: "bundled day")
                }
            }
        }
        throw CLIError("the bundled recording \(fileName) is missing beside the executable; rebuild with 'swift build' or pass a file to 'pantau replay'")
    }
}
