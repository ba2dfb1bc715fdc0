import Foundation

/// What a command leaves to the end of the process: objects whose teardown would only cost
/// time (a snapshot's whole city state), kept here so that returning from the command does not
/// free them one allocation at a time. The process ends soon after; its memory goes with it.
enum ProcessExit {
    nonisolated(unsafe) private static var kept: [AnyObject] = []

    /// Keeps `object` alive until the process exits. Main thread only (a command's `run`).
    static func keep(_ object: AnyObject) {
        kept.append(object)
    }
}
