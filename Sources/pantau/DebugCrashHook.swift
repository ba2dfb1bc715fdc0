import Foundation

/// A test hook: `PANTAU_DEBUG_CRASH=trap` (a Swift runtime trap, as `fatalError` or an
/// overflow gives) or `PANTAU_DEBUG_CRASH=segv` (an invalid memory access) makes a replay
/// crash after drawing its first frame, so the end-to-end tests can check that a crash gives
/// the terminal back. Any other value, or none, does nothing.
enum DebugCrashHook {
    private static let request = ProcessInfo.processInfo.environment["PANTAU_DEBUG_CRASH"]

    static func fireIfRequested() {
        switch request {
        case "trap":
            fatalError("PANTAU_DEBUG_CRASH=trap: deliberate trap (test hook)")
        case "segv":
            UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        default:
            break
        }
    }
}
