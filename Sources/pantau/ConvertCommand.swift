import ArgumentParser
import Foundation
import PantauCore
import PantauFeeds

/// `pantau convert`: turn a payload in a real-world feed standard into Pantau feed events.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a real-world feed (CAP, Open311, Waze, SensorThings, NGSI-LD) to Pantau NDJSON.",
        discussion: """
        Reads FILE (or stdin, given '-' or nothing), writes feed-format v1 NDJSON to stdout in \
        time order, and one summary line to stderr: what was converted, and what was skipped \
        and why. Bad records never stop the conversion. For an RSS/Atom index of CAP alerts it \
        lists the alert links instead (fetch those with an http source).

        Formats:
        \(FormatRegistry.all.map { "  \($0.name.padding(toLength: 13, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))

        Examples:
          pantau convert --from waze waze-feed.json > traffic.ndjson
          curl -s https://example.go.id/cap/latest.xml | pantau convert --from cap --source bmkg-cap
          pantau convert --from open311 requests.json --now 2026-11-23T08:00:00+07:00
          pantau convert --from ngsi-ld air.jsonld | pantau replay -
        """
    )

    @Option(help: ArgumentHelp("The input format: \(FormatRegistry.names.joined(separator: ", ")).", valueName: "format"))
    var from: String

    @Argument(help: ArgumentHelp("The payload file, or '-' for stdin.", valueName: "file"))
    var file: String = "-"

    @Option(help: ArgumentHelp("Source name written into each event's src (default: the format name).", valueName: "name"))
    var source: String?

    @Option(help: ArgumentHelp("Time for records that carry none (RFC 3339; default: now).", valueName: "time"))
    var now: String?

    @Flag(help: "Keep the payload's order instead of sorting events by time.")
    var keepOrder = false

    func run() throws {
        guard let format = FormatRegistry.format(named: from) else {
            throw CLIError("unknown format '\(from)'; formats: \(FormatRegistry.names.joined(separator: ", "))")
        }
        var nowInstant = Instant(seconds: Int64(Date().timeIntervalSince1970))
        if let now {
            guard let t = RFC3339.parse(now) else { throw CLIError("--now takes an RFC 3339 time, not '\(now)'") }
            nowInstant = t
        }
        let payload = try Self.read(file)
        let name = type(of: format).name
        let result = format.convert(payload, context: FormatContext(source: source ?? name, now: nowInstant))
        let out = BufferedOutput(fd: 1)
        for event in keepOrder ? result.events : result.eventsInTimeOrder {
            out.write(FeedEventEncoder.line(for: event))
            out.write("\n")
        }
        try out.flush()
        StandardStream.writeError(result.summary + "\n")
    }

    /// The whole payload from a file or stdin.
    static func read(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw CLIError("cannot read \(path): no such file")
        }
        guard !isDir.boolValue else { throw CLIError("cannot read \(path): it is a directory") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError("cannot read \(path): \(error.localizedDescription)")
        }
    }
}
