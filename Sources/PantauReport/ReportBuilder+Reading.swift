import PantauCore
import PantauFeeds
import PantauJournal

extension ReportBuilder {
    /// Consumes every line of a recording, in order. Alarm lines are read by ``AlarmLine``
    /// (not by the decoder) and not counted as skipped.
    public func read(_ reader: FeedReader) throws {
        var alarmLine = false
        var alarmLines = 0
        var alarmLinesDecoded = 0
        reader.lineObserver = { [unowned self] line in
            guard let alarm = AlarmLine.read(line) else {
                alarmLine = false
                return
            }
            alarmLine = true
            alarmLines += 1
            consume(alarm)
        }
        defer { reader.lineObserver = nil }
        try reader.forEach { event in
            if alarmLine {
                alarmLinesDecoded += 1
            } else {
                consume(event)
            }
        }
        skippedLines += reader.stats.skippedTotal - (alarmLines - alarmLinesDecoded)
    }

    /// Consumes every entry of a journal, in sequence order, `batch` entries at a time.
    public func read(_ journal: any Journal, batch: Int = 10_000) throws(JournalError) {
        let decoder = FeedLineDecoder()
        var after: Int64 = 0
        while true {
            let entries = try journal.entries(after: after, limit: batch)
            guard let last = entries.last else { return }
            for entry in entries {
                if let alarm = AlarmLine.read(entry.line) {
                    consume(alarm)
                    continue
                }
                switch decoder.decode(entry.line) {
                case .event(let event): consume(event)
                case .skip: skippedLines += 1
                }
            }
            after = last.sequence
        }
    }
}
