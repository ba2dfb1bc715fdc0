import Foundation
import PantauUI

/// The running dashboard's layout, as the operator changes it: `:layout NAME|FILE`, the key
/// that cycles the shipped layouts, and the layout file saved in an editor (watched, so it
/// re-lays the screen at once; a broken save keeps the last good layout and says why).
struct LayoutSwitcher {
    /// What the current layout was loaded from: a shipped name or a file path.
    private(set) var current: String
    /// Watches the current layout file (nil for a shipped layout).
    private(set) var watcher: LayoutFileWatcher?

    /// Starts with `nameOrPath` (already loaded by the caller).
    init(_ nameOrPath: String) {
        current = nameOrPath
        watcher = Self.watch(nameOrPath)
    }

    /// The descriptor to sleep on for file changes, if a file is watched.
    var fd: Int32? { watcher?.fd }

    private static func watch(_ nameOrPath: String) -> LayoutFileWatcher? {
        (try? ShippedLayouts.named(nameOrPath)) != nil ? nil : LayoutFileWatcher(path: nameOrPath)
    }

    /// Loads `nameOrPath` and makes it current.
    mutating func switchTo(_ nameOrPath: String) throws -> Layout {
        let layout = try LayoutLoader.load(nameOrPath)
        current = nameOrPath
        watcher = Self.watch(nameOrPath)
        return layout
    }

    /// The next shipped layout after `name` (the first if `name` is not shipped).
    mutating func next(after name: String) throws -> Layout {
        let names = ShippedLayouts.sources.map(\.name)
        let i = names.firstIndex(of: name).map { ($0 + 1) % names.count } ?? 0
        return try switchTo(names[i])
    }

    /// What a wake-up of the watcher means: nil if the file did not change, else the new
    /// layout or why it cannot be used.
    mutating func reloadIfSaved() -> Result<Layout, Error>? {
        guard let watcher, watcher.changed() else { return nil }
        return Result { try LayoutLoader.load(watcher.path) }
    }

    /// Carries out a layout command on `dashboard`; returns the status-line message.
    mutating func perform(_ command: DashboardCommand, on dashboard: inout Dashboard) -> String? {
        do {
            switch command {
            case .setLayout(let nameOrPath):
                dashboard.replaceLayout(try switchTo(nameOrPath))
            case .cycleLayout:
                dashboard.replaceLayout(try next(after: dashboard.layout.name))
            default:
                return nil
            }
            return "Layout \(dashboard.layout.name)" + (dashboard.layout.description.isEmpty ? "" : ": \(dashboard.layout.description)")
        } catch {
            return "\(error)"
        }
    }

    /// Reloads the watched file if it was saved; returns the status-line message.
    mutating func reload(into dashboard: inout Dashboard) -> String? {
        switch reloadIfSaved() {
        case nil: return nil
        case .success(let layout)?:
            dashboard.replaceLayout(layout)
            return "Layout reloaded from \(current)"
        case .failure(let error)?:
            // The file's name is enough on a status line; the directory would push the reason off it.
            let short = "\(error)".replacingOccurrences(of: current, with: URL(fileURLWithPath: current).lastPathComponent)
            return "\(short) (not reloaded: last good layout kept)"
        }
    }
}
