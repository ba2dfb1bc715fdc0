import PantauConfig
import PantauCore
import PantauJournal
import PantauUI

extension Session {
    /// The still frame `pantau snapshot` prints: the state as of `now` (swept as of it; ages
    /// and overdue measured from it), at `width` × `height`, in `theme`.
    public func snapshotFrame(now: Instant?, width: Int, height: Int, theme: Theme,
                              skippedLines: Int = 0, message: String? = nil) -> CellGrid {
        if let now { update(.tick(now: now, wall: Instant(millis: 0))) }
        dashboard.theme = theme
        update(.resize(width: width, height: height))
        return frame(status: DashboardStatus(mode: .snapshot, skippedLines: skippedLines, message: message, time: now))
    }

    /// A session showing `journal`'s state at `time` (``JournalFold``) on `layout` with `desk`,
    /// as a snapshot of the recording the journal was written from shows that moment.
    public static func snapshot(of journal: any Journal, at time: Instant, layout: Layout,
                                desk: DeskConfig) throws(JournalError) -> Session {
        var base = CityState()
        base.registerUnits(desk.units)
        let state = try JournalFold.state(at: time, from: journal, base: base)
        let session = Session(state: state, layout: layout)
        session.dashboard.take(desk)
        session.dashboard.observe(state)
        return session
    }
}
