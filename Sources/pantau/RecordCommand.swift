import ArgumentParser
import Dispatch
import Foundation
import PantauCore
import PantauFeeds
import PantauSession

/// `pantau record`: write what the sources deliver as a recording.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record every event the sources deliver, in arrival order, as feed-format NDJSON.",
        discussion: """
        No screen: runs until --duration has passed, every source has ended (stdin closed), or \
        Ctrl-C / SIGTERM, and always leaves a file of whole lines. Each line ends with "rx", when \
        it arrived, so 'pantau replay' plays it as it was seen live.

        Examples:
          pantau record --sources sources.yaml --out today.ndjson
          pantau record --sources sources.yaml --out hour.ndjson --duration 1h
          pantau simulate --hours 1 | pantau record --sources piped.yaml --out sim.ndjson
        """
    )

    @Option(help: ArgumentHelp("The sources file (YAML).", valueName: "file"))
    var sources: String

    @Option(help: ArgumentHelp("The recording to write (replaced if it exists); - for stdout.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("Stop after this long: 500ms, 6s, 5m, 1h.", valueName: "duration"))
    var duration: String?

    @Flag(help: "Write callers' names, phone numbers and addresses as they are (masked by default).")
    var includePersonalData = false

    func validate() throws {
        if let duration, DurationText.parse(duration) == nil {
            throw ValidationError("--duration takes \(DurationText.expected), not '\(duration)'")
        }
    }

    func run() throws {
        let list = try SourcesLoader.load(sources)
        let fd: Int32 = out == "-" ? 1 : open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CLIError("cannot write \(out): \(String(cString: strerror(errno)))") }
        defer { if fd != 1 { close(fd) } }

        let set = SourceSet(configured: list, capacity: 1_000_000)
        let stop = StopRequest()
        // Ctrl-C and SIGTERM only ask the loop to stop, so the file ends on a whole line.
        let handlers = stop.onSignals([SIGINT, SIGTERM, SIGHUP]) { [inbox = set.inbox] in inbox.wake() }
        defer { handlers.forEach { $0.cancel() } }

        let started = Date()
        let deadline = duration.flatMap(DurationText.parse).map { started.addingTimeInterval($0) }
        var written = 0
        var dropped = 0
        var writeError: String?
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)

        func writeBatch(_ batch: EventInbox.Batch) {
            dropped += batch.dropped
            guard writeError == nil, !batch.events.isEmpty else { return }
            buffer.removeAll(keepingCapacity: true)
            // Each line says when it arrived (`rx`, last), so a replay plays it as seen live.
            let arrival = ArrivalStamp.field(Instant(date: Date())).utf8
            for e in batch.events {
                // Citizens' personal data (an action's caller) is masked unless asked for.
                let line = FeedEventEncoder.line(for: includePersonalData ? e : e.maskingPersonalData).utf8
                buffer.append(contentsOf: line.dropLast())
                buffer.append(contentsOf: arrival)
                buffer.append(contentsOf: line.suffix(1))
                buffer.append(10)
            }
            if let error = FileDescriptorWrite.all(buffer, to: fd) { writeError = error } else { written += batch.events.count }
        }

        set.start()
        while true {
            var timeout: Int32 = 1000
            if let deadline {
                let left = deadline.timeIntervalSinceNow
                if left <= 0 { break }
                timeout = Int32(min(1000, (left * 1000).rounded(.up)))
            }
            var pfd = pollfd(fd: set.inbox.wakeFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&pfd, 1, timeout)
            writeBatch(set.inbox.drain(max: 50_000))
            if stop.requested || writeError != nil { break }
            let health = set.health()
            if health.allSatisfy(\.ended), set.inbox.pending == 0 { break }
        }
        set.stop()
        writeBatch(set.inbox.drain())

        if let writeError { throw CLIError("cannot write \(out): \(writeError)") }
        let health = set.health()
        let seconds = Date().timeIntervalSince(started)
        var summary = "pantau: recorded \(written) event\(written == 1 ? "" : "s") from \(list.count) source\(list.count == 1 ? "" : "s") to \(out) in \(String(format: "%.1f", seconds))s"
        let skipped = health.reduce(0) { $0 + $1.skipped }
        if skipped > 0 { summary += "; \(skipped) skipped as bad input" }
        let ignored = health.reduce(0) { $0 + $1.ignored }
        if ignored > 0 { summary += "; \(ignored) ignored (not mapped by their format)" }
        if dropped > 0 { summary += "; \(dropped) dropped" }
        let failing = health.filter { $0.state.isFailing }
        if !failing.isEmpty { summary += "; " + failing.map { "\($0.name) \($0.state)" }.joined(separator: ", ") }
        StandardStream.writeError(summary + "\n")
    }
}
