import Foundation
import PantauCore

/// A pane's context as the columns' closures see it: one reference for the whole table, so
/// that a search over thousands of rows does not copy the context for every cell.
public final class TableContext {
    /// The pane's context.
    public let pane: PaneContext

    init(_ pane: PaneContext) { self.pane = pane }

    /// The city state.
    public var state: CityState { _read { yield pane.state } }
    /// The theme (colours, glyphs, words).
    public var theme: Theme { _read { yield pane.theme } }
    /// The band rules, with the pane's own gauge thresholds.
    public var rules: BandRules { _read { yield pane.rules } }
    /// Incidents after this sequence number are new.
    public var seenIncidentSequence: Int { pane.seenIncidentSequence }
    /// Whether blinking markers are in their visible phase.
    public var blinkOn: Bool { pane.blinkOn }
    /// The wall clock (source ages).
    public var wallNow: Instant { pane.wallNow }
    /// "Now": what ages and countdowns are measured from (see ``PaneContext/now``).
    public var now: Instant { pane.now }
}
