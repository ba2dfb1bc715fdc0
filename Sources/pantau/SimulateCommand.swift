import ArgumentParser
import Foundation
import PantauCore
import PantauFeeds

/// `pantau simulate`: write a realistic, deterministic recorded day to stdout.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write a simulated, deterministic feed for Kota Tangerang to stdout.",
        discussion: """
        All 13 kecamatan, the main roads with morning and evening rush hours, sluice gates \
        and rivers, ISPU stations, a late-afternoon storm with floods and complaints in its \
        wake, and the ordinary day's incidents and tickets. The same seed gives the same feed.

        Examples:
          pantau simulate --seed 1 > day.ndjson
          pantau simulate --seed 7 --hours 48 --start 2026-12-01T00:00:00+07:00 | gzip > two-days.ndjson.gz
        """
    )

    @Option(help: "Random seed: the same seed gives the same feed.")
    var seed: UInt64 = 1

    @Option(help: "Hours to simulate.")
    var hours: Double = 24

    @Option(help: ArgumentHelp("Start time (RFC 3339).", valueName: "time"))
    var start: String = "2026-11-23T00:00:00+07:00"

    func validate() throws {
        guard hours > 0, hours <= 24 * 366 else { throw ValidationError("--hours must be between 0 and 8784") }
        guard RFC3339.parse(start) != nil else { throw ValidationError("--start takes an RFC 3339 time, not '\(start)'") }
    }

    func run() throws {
        let out = BufferedOutput(fd: 1)
        CitySimulator(seed: seed, start: RFC3339.parse(start)!, hours: hours).run { event in
            out.write(FeedEventEncoder.line(for: event))
            out.write("\n")
        }
        try out.flush()
    }
}

/// Collects output and writes it in large blocks. When stdout stops taking it (a closed
/// pipe), the process ends at once with the error, rather than producing output for nobody.
final class BufferedOutput {
    private var buffer: [UInt8] = []
    private let fd: Int32
    private var failed = false

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 17)
    }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        guard buffer.count >= 1 << 16 else { return }
        do {
            try flush()
        } catch {
            StandardStream.writeError("pantau: \(error)\n")
            exit(1)
        }
    }

    func flush() throws {
        guard !failed else { throw CLIError("cannot write output") }
        if let error = FileDescriptorWrite.all(buffer, to: fd) {
            failed = true
            buffer.removeAll()
            throw CLIError("cannot write output: \(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
