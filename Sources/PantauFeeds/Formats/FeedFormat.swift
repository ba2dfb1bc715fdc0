import Foundation
import PantauCore

/// A converter from one real-world feed standard into Pantau feed events.
///
/// A format never throws and never crashes on bad input: whatever it cannot use is counted in
/// the result's `skipped`, by reason, and everything usable is still returned. Adding a format
/// is one new file conforming to this protocol plus one line in `FormatRegistry.all`.
public protocol FeedFormat: Sendable {
    /// The name used on the command line (`pantau convert --from NAME`), e.g. `cap`.
    static var name: String { get }
    /// One line describing the standard, for help texts.
    static var summary: String { get }
    /// The kinds of event it can produce (feed-format `kind` names), so a pane can say a
    /// source is failing before the source has delivered anything.
    static var kinds: Set<String> { get }
    /// Whether each payload is the whole current state (Waze for Cities): a source reading it
    /// ends what its previous payload had and this one lacks (see `SnapshotTracker`). The
    /// format itself stays stateless.
    static var isSnapshot: Bool { get }
    /// Creates the converter (formats are stateless).
    init()
    /// Converts one payload (a whole file or HTTP response body).
    func convert(_ payload: Data, context: FormatContext) -> FormatResult
}

extension FeedFormat {
    /// Any kind, unless the format says otherwise.
    public static var kinds: Set<String> { ["traffic", "incident", "sensor", "ticket"] }
    /// Payloads are updates, not snapshots, unless the format says otherwise.
    public static var isSnapshot: Bool { false }
}
