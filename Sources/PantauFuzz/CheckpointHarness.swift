import Foundation
import PantauCore

/// `checkpoint`: bytes read back as a journal checkpoint (`CompactDecoder` into `CityState`), as a
/// restart reads a damaged or foreign file. A state that decodes must take events and encode
/// again to bytes that decode to the same encoding (the canonical form is stable).
enum CheckpointHarness {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard let state = try? CompactDecoder.decode(CityState.self, from: Data(bytes)) else { return }
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
