import PantauCore
import PantauFeeds
import PantauJournal

extension ReportBuilder {
    /// Consumes every event of a recording, in order.
    public func read(_ reader: FeedReader) throws {
        try reader.forEach { consume($0) }
        skippedLines += reader.stats.skippedTotal
    }

    /// Consumes every entry of a journal, in sequence order, `batch` entries at a time.
    public func read(_ journal: any Journal, batch: Int = 10_000) throws(JournalError) {
        let decoder = FeedLineDecoder()
        var after: Int64 = 0
        while true {
            let entries = try journal.entries(after: after, limit: batch)
            guard let last = entries.last else { return }
            for entry in entries {
                switch decoder.decode(entry.line) {
                case .event(let event): consume(event)
                case .skip: skippedLines += 1
                }
            }
            after = last.sequence
        }
    }
}
