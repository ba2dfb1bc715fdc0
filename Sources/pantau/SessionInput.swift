import Foundation
import PantauCore
import PantauSession
import PantauTerminal
import PantauUI

/// What the replay and the live loop do alike after a wake-up: take a saved layout or rules file, hand
/// the keys to the session, and carry out what it asks that is the terminal's (redraw
/// everything on a resize or Ctrl-L), the layouts' and the status line's. The commands about
/// time (quit, pause, speed) are left to the loop, in order, because a replay and a live feed
/// answer them differently.
enum SessionInput {
    static func take(_ keys: [Key], session: Session, screen: TerminalScreen, layouts: inout LayoutSwitcher,
                     pacer: inout FramePacer, now: Double, rules: RulesReloader? = nil) -> [DashboardCommand] {
        for message in [layouts.reload(into: &session.dashboard), rules?.reloadIfSaved(into: session)].compactMap({ $0 }) {
            session.dashboard.activity.system(message, at: Instant(date: Date()))
            pacer.show(message, until: now + 4)
        }
        return carryOut(session.update(.keys(keys)), session: session, screen: screen, layouts: &layouts,
                        pacer: &pacer, now: now)
    }

    /// Carries out `effects` but the commands about time, which it returns in order.
    static func carryOut(_ effects: SessionEffects, session: Session, screen: TerminalScreen,
                         layouts: inout LayoutSwitcher, pacer: inout FramePacer, now: Double) -> [DashboardCommand] {
        if effects.keysArrived { pacer.keysArrived() } else if effects.frameOwed { pacer.dataChanged() }
        var left: [DashboardCommand] = []
        for command in effects.commands {
            switch command {
            case .redrawAll: screen.invalidate()
            case .layout(let layoutCommand):
                if let message = layouts.perform(layoutCommand, on: &session.dashboard) { pacer.show(message, until: now + 3) }
            case .message(let text, let seconds): pacer.show(text, until: now + seconds)
            case .clock(let clockCommand): left.append(clockCommand)
            case .quit: left.append(.quit)
            }
        }
        return left
    }
}
