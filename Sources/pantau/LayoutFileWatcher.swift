import Foundation
import Glibc
import PantauJournal

/// Tells when a layout file has been saved, without polling: an inotify watch on the file's
/// directory (editors often save by writing a new file and renaming it over the old one, which
/// a watch on the file itself would lose), filtered to the file's name.
///
/// The dashboard loop adds ``fd`` to the descriptors it sleeps on; when that wakes it, it
/// calls ``changed()``, which drains the events and says whether the file was written.
final class LayoutFileWatcher {
    /// The inotify descriptor: readable when something happened in the directory.
    let fd: Int32
    let path: String
    private let name: String

    /// Watches `path`, or returns nil if it cannot (no such directory, no inotify).
    init?(path: String) {
        let url = URL(fileURLWithPath: path)
        self.path = url.path
        name = url.lastPathComponent
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        // A write that completes (close after writing) or a file renamed into place.
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO)
        guard inotify_add_watch(fd, url.deletingLastPathComponent().path, mask) >= 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Drains pending events; true if any concerned the file.
    func changed() -> Bool {
        InotifyEvents.drainNames(fd).contains(name)
    }
}
