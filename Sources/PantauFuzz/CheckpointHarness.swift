import Foundation
import PantauCore

/// `checkpoint`: bytes read back as a journal checkpoint, as a restart or a rewind reads a damaged
/// or foreign file: by `CityState(canonicalEncoding:)` (the records' own readers, on several
/// threads) and by `Decodable` through `CompactDecoder`. What the first reads the second must read
/// alike (the readers are stricter, never different). A state that decodes must take events and
/// encode again to bytes that decode to the same encoding (the canonical form is stable).
enum CheckpointHarness {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        let data = Data(bytes)
        let read = try? CityState(canonicalEncoding: data)
        guard let state = try? CompactDecoder.decode(CityState.self, from: data) else {
            if read != nil { fatalError("checkpoint: the records' readers read what Decodable refuses") }
            return
        }
        if let read, (try? read.canonicalEncoding()) != (try? state.canonicalEncoding()) {
            fatalError("checkpoint: the records' readers and Decodable read different states")
        }
        guard let once = try? CompactEncoder.encode(state) else {
            fatalError("checkpoint: a decoded state does not encode")
        }
        guard let again = try? CompactEncoder.encode(CompactDecoder.decode(CityState.self, from: once)), again == once else {
            fatalError("checkpoint: a decoded state does not encode to a stable form")
        }
        var next = state
        next.apply(FeedEvent(time: Instant(millis: 1_790_000_000_000),
                             payload: .incident(IncidentUpdate(id: "fuzz-1"))))
        _ = next.sweep(asOf: Instant(millis: 1_790_000_100_000))
    }
}
