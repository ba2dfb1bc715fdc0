import PantauCore

/// `feed-line`: one feed-format line through `FeedLineDecoder`. What it decodes must survive a
/// round trip: encoded again and decoded, it gives the same line (the encoder and the decoder
/// agree on every value the decoder lets through).
enum FeedLineHarness {
    nonisolated(unsafe) private static let decoder = FeedLineDecoder()
    nonisolated(unsafe) private static let checker = FeedLineDecoder()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard case .event(let event) = decoder.decode(bytes) else { return }
        let line = FeedEventEncoder.line(for: event)
        switch checker.decode(line) {
        case .event(let again):
            let second = FeedEventEncoder.line(for: again)
            if second != line { fatalError("feed-line round trip changed the event:\n\(line)\n\(second)") }
        case .skip(let reason, let field):
            fatalError("feed-line: the encoder wrote a line the decoder refuses (\(reason.rawValue) \(field ?? "")):\n\(line)")
        }
    }
}
