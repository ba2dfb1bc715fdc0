#if canImport(Glibc)
import Glibc
#endif

/// The name the operating system shows for a thread (`top -H`, `ps -L`,
/// `/proc/PID/task/*/comm`, a debugger). Foundation's `Thread.name` is Foundation's own and does
/// not reach it: every thread of the process would read `pantau`.
public enum ThreadName {
    /// The most bytes of a name the kernel keeps (16 with the terminating zero).
    public static let maxBytes = 15

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
