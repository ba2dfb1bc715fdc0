import Foundation
import PantauCore
import PantauTerminal
import PantauUI

/// What the replay and the live loop do alike after a wake-up: take a saved layout file, redraw
/// everything on a resize or Ctrl-L, and carry out the dashboard's commands that are not about
/// time (layout switches, status-line messages). The commands about time (quit, pause, speed)
/// are left to the loop, in order, because a replay and a live feed answer them differently.
enum SessionInput {
    static func take(_ keys: [Key], screen: TerminalScreen, state: CityState, dashboard: inout Dashboard,
                     layouts: inout LayoutSwitcher, pacer: inout FramePacer, now: Double) -> [DashboardCommand] {
        if let message = layouts.reload(into: &dashboard) {
            dashboard.activity.system(message, at: Instant(date: Date()))
            pacer.show(message, until: now + 4)
        }
        if !keys.isEmpty { pacer.keysArrived() }
        var left: [DashboardCommand] = []
        for key in keys {
            if key == .resize || key == .char("\u{0C}") { // a resize or Ctrl-L redraws everything
                screen.invalidate()
                continue
            }
            guard let command = dashboard.handle(key, state: state) else { continue }
            switch command {
            case .setLayout, .cycleLayout:
                if let message = layouts.perform(command, on: &dashboard) { pacer.show(message, until: now + 3) }
            case .message(let text):
                pacer.show(text, until: now + 4)
            case .act(let request):
                // The session that journals and applies actions is not wired here yet (the
                // dashboard's role is a viewer until it is, so no desk key reaches this).
                pacer.show("\(request.verb.rawValue): this console cannot act yet", until: now + 4)
            case .quit:
                return left + [.quit]
            case .togglePause, .faster, .slower, .setSpeed:
                left.append(command)
            }
        }
        return left
    }
}
