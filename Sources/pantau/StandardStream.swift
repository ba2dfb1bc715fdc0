import Foundation

/// Writes to stdout and stderr with `write(2)`. Unlike `FileHandle.write(_:)`, which traps
/// when the write fails, a closed pipe (`EPIPE`, SIGPIPE being ignored for our own writes)
/// is an error here, not a crash.
enum StandardStream {
    /// Writes `text` to stderr; a failure is ignored (there is nowhere left to report it).
    static func writeError(_ text: String) {
        _ = write(text, to: 2)
    }

    /// Writes `text` to stdout.
    /// - Throws: ``CLIError`` when stdout does not take it (e.g. a closed pipe).
    static func writeOutput(_ text: String) throws {
        if let error = write(text, to: 1) { throw CLIError("cannot write output: \(error)") }
    }

    /// Writes all of `text` to `fd`; the error's text, or nil.
    private static func write(_ text: String, to fd: Int32) -> String? {
        FileDescriptorWrite.all(Array(text.utf8), to: fd)
    }
}
