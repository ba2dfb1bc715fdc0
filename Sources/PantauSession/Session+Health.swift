import Foundation
import PantauCore

extension Session {
    /// Notes each source whose state changed (a new failure reason included) in the activity log,
    /// each source that skipped bad input for a new reason, and each source whose events come
    /// stamped ahead of the clock (when it starts, and when how far ahead changes as shown).
    public static func logStateChanges(from old: [SourceHealth], to new: [SourceHealth], into log: inout ActivityLog) {
        let before = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let now = Instant(date: Date())
        for h in new {
            let was = before[h.name]
            if was?.state != h.state && !(was == nil && h.state == .connecting) {
                let tone: BandTone = h.state.isFailing ? .danger : h.state == .stale ? .warning : .good
                log.system("source \(h.state)", subject: h.name, tone: tone, at: now)
            }
            if h.aheadEvents > (was?.aheadEvents ?? 0), let by = h.aheadBy,
               (was?.aheadEvents ?? 0) == 0 || was?.aheadBy.map({ durationText(seconds: $0) }) != durationText(seconds: by) {
                log.system("events stamped \(durationText(seconds: by)) ahead of the clock (not taken as now)",
                           subject: h.name, tone: .warning, at: now)
            }
        }
        log.noteSkips(from: old, to: new, at: now)
    }

    /// The status line for the first failing (else stale) source, e.g.
    /// `source bmkg-warnings failing: HTTP 500 (retry in 8s)`; nil when all are well.
    public static func statusLine(_ health: [SourceHealth], dropped: Int) -> String? {
        var parts: [String] = []
        if let h = health.first(where: { $0.state.isFailing }) ?? health.first(where: { $0.state == .stale }) {
            let others = health.filter { $0.state.isFailing || $0.state == .stale }.count - 1
            parts.append(h.summary + (others > 0 ? " (+\(others) more)" : ""))
        }
        if dropped > 0 { parts.append("\(dropped) events dropped (display behind)") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
