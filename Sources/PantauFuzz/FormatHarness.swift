import Foundation
import PantauCore
import PantauFeeds

/// `cap`, `open311`, `waze`, `sensorthings`, `ngsi-ld`, `ndjson`: one payload through a format's
/// converter, as `pantau convert` and the http and exec sources use it; then what it made is
/// summed up, put in time order and written as feed lines, as `convert` does.
enum FormatHarness {
    private static let context = FormatContext(source: "fuzz", now: Instant(millis: 1_795_420_800_000))

    static func run(_ format: any FeedFormat.Type, _ bytes: UnsafeRawBufferPointer) {
        let result = format.init().convert(Data(bytes), context: context)
        _ = result.summary
        for event in result.eventsInTimeOrder { _ = FeedEventEncoder.line(for: event) }
    }
}
