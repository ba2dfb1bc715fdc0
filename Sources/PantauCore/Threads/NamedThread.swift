import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Pantau's threads, named where the operating system shows them (`top -H`, `ps -L`,
/// `/proc/PID/task/*/comm`, a debugger) as well as for Foundation. Foundation's `Thread.name`
/// is Foundation's own and does not reach the system: every thread would read `pantau`.
public enum NamedThread {
    /// The most bytes of a name the kernel keeps (16 with the terminating zero).
    public static let maxBytes = 15

    /// Starts `body` on a new thread named `name` (Foundation's name; ``osName(_:)`` for the
    /// system's), with a stack of `stackSize` bytes when given; returns the thread, started.
    @discardableResult
    public static func start(_ name: String, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) -> Thread {
        let thread = Thread {
            setCurrent(name)
            body()
        }
        thread.name = name
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
        return thread
    }

    /// `name` as the kernel is given it: without the `pantau-` prefix the process name already
    /// says, cut to ``maxBytes`` bytes at a character boundary (a source's name may be any text).
    public static func osName(_ name: String) -> String {
        let short = name.hasPrefix("pantau-") && name.utf8.count > "pantau-".utf8.count ? String(name.dropFirst(7)) : name
        var bytes = 0
        var kept = String.UnicodeScalarView()
        for scalar in short.unicodeScalars {
            let width = UTF8.width(scalar)
            guard bytes + width <= maxBytes else { break }
            // Control characters would reach whoever lists the threads.
            kept.append(scalar.value < 0x20 || scalar.value == 0x7F ? "_" : scalar)
            bytes += width
        }
        return String(kept)
    }

    /// Names the calling thread `name` (see ``osName(_:)``), through `/proc/thread-self/comm`
    /// (Swift's Glibc does not import `pthread_setname_np`). Best effort: where that cannot be
    /// written, the thread keeps the name it inherited.
    public static func setCurrent(_ name: String) {
        #if os(Linux)
        let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var bytes = Array(osName(name).utf8)
        if bytes.isEmpty { bytes = Array("thread".utf8) }
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        #endif
    }

    /// The calling thread's name as the operating system has it (nil where it cannot be read).
    public static func current() -> String? {
        #if os(Linux)
        let fd = open("/proc/thread-self/comm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        let text = buffer.prefix(n)
        return String(decoding: text.last == 10 ? text.dropLast() : text, as: UTF8.self)
        #else
        return nil
        #endif
    }
}
