import Foundation

/// A test's headless `pantau ingest`: one file source on an (initially empty) feed file in `dir`,
/// appending to `journal`, its stderr in `dir/ingest.err`. Lines written to ``feed`` are what it
/// ingests.
struct FileIngest {
    let process: Process
    /// The feed file the source reads (append NDJSON lines to it).
    let feed: URL
    /// Where its log lines go.
    let log: URL

    /// Starts `pantau ingest --name name` in `dir` on `journal`, with `options` after; its file
    /// sources' positions in `dir/positions.json` (not the user's state directory). The feed
    /// file starts empty unless `keepFeed` (a restart).
    static func start(journal: String, in dir: URL, name: String, options: [String] = [],
                      keepFeed: Bool = false) throws -> FileIngest {
        let feed = dir.appendingPathComponent("feed.ndjson")
        if !keepFeed || !FileManager.default.fileExists(atPath: feed.path) {
            try "".write(to: feed, atomically: true, encoding: .utf8)
        }
        let sources = dir.appendingPathComponent("sources.yaml")
        try "sources:\n  - name: city-feed\n    type: file\n    path: \(feed.path)\n".write(to: sources, atomically: true, encoding: .utf8)
        let log = dir.appendingPathComponent(keepFeed ? "ingest-restarted.err" : "ingest.err")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: log.path])
        }
        let process = Process()
        process.executableURL = PantauBinary.url
        process.arguments = ["ingest", "--sources", sources.path, "--journal", journal, "--name", name,
                             "--positions", dir.appendingPathComponent("positions.json").path] + options
        process.environment = ProcessInfo.processInfo.environment.merging(TmuxSession.locale) { _, new in new }
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return FileIngest(process: process, feed: feed, log: log)
    }

    /// Ends it with SIGTERM if it still runs (for a `defer`).
    func stopIfRunning() {
        if process.isRunning { process.terminate() }
    }
}
