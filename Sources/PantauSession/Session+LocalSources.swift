import PantauCore

/// A console on a shared journal may still run sources of its own, for data only its room sees
/// (a camera feed, a local gauge): their events are applied to what it shows and never
/// appended, so other consoles and the journal never see them.
extension Session {
    /// Applies a following console's local-only events: not journaled, and not swept as of the
    /// wall clock (the shared state moves with the journal's entries only, as every console's
    /// does).
    func applyLocal(_ events: [FeedEvent]) -> SessionEffects {
        var effects = SessionEffects()
        hasLocalData = true
        state.apply(events)
        if recordsActivity { dashboard.activity.record(events) }
        dashboard.observe(state)
        effects.frameOwed = true
        return effects
    }
}
