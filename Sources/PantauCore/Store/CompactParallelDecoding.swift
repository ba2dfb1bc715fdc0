import Foundation

/// One piece of a value's decoding that can run on any thread: it decodes into storage of its
/// own, which the value is assembled from once every piece has run. It reads the bytes it is
/// given: each thread reads a copy of its own (a shared one has its reference count changed by
/// both threads at every read, which made two threads slower than one).
struct CompactDecodingTask: @unchecked Sendable {
    /// How many encoded bytes it reads (the heaviest pieces start first).
    let weight: Int
    let run: (CompactBytes) throws -> Void
}

/// Where a piece decodes to, read once every piece has run.
final class CompactDecodedBox<Value>: @unchecked Sendable {
    var value: Value?

    /// The decoded value; a piece that did not run is damage, never a crash.
    func take(_ bytes: CompactBytes) throws -> Value {
        guard let value else { throw bytes.damaged("a part was not decoded") }
        return value
    }
}

/// A field's decoding split into pieces, and how to put the pieces' results in place.
struct CompactFieldPlan<Root> {
    var tasks: [CompactDecodingTask]
    var assign: (inout Root) throws -> Void
}

enum CompactParallelDecoding {
    /// A keyed container's entries are decoded in pieces of about this many bytes (smaller
    /// pieces balance the threads better; each piece costs a task and a merge).
    static let pieceBytes = 128 * 1024

    /// The plan for any value at `offset`: one piece, put in place by `assign`.
    static func whole<Root, Value: Decodable>(_ type: Value.Type, at offset: Int, in bytes: CompactBytes,
                                             assign: @escaping (inout Root, Value) -> Void) throws -> CompactFieldPlan<Root> {
        var end = 0
        try bytes.skip(at: offset, end: &end)
        let box = CompactDecodedBox<Value>()
        let task = CompactDecodingTask(weight: end - offset) { bytes in
            box.value = try Value(from: CompactDecoding(bytes: bytes, offset: offset))
        }
        return CompactFieldPlan(tasks: [task]) { root in assign(&root, try box.take(bytes)) }
    }

    /// The plan for a dictionary written keyed by strings at `offset`: its entries in pieces of
    /// about ``pieceBytes``, each key made by `key` from its string and each value read by
    /// `decode`, inserted in the order written (the last of equal keys winning, as
    /// `Dictionary`'s own decoding does).
    static func dictionary<Root, Key: Hashable, Value>(_ type: Value.Type, at offset: Int, in bytes: CompactBytes,
                                                      into path: WritableKeyPath<Root, [Key: Value]>,
                                                      key makeKey: @escaping @Sendable (String) -> Key,
                                                      value decode: @escaping (CompactBytes, Int) throws -> Value) throws -> CompactFieldPlan<Root> {
        let c = try bytes.container(at: offset, .keyed)
        var pieces: [(start: Int, end: Int, count: Int)] = []
        var i = c.start
        var pieceStart = i
        var pieceCount = 0
        for _ in 0..<c.count {
            let keyCount = try bytes.length(at: &i)
            i += keyCount
            var after = 0
            try bytes.skip(at: i, end: &after)
            guard after <= c.end else { throw bytes.damaged("value past its container at \(i)") }
            i = after
            pieceCount += 1
            if i - pieceStart >= pieceBytes {
                pieces.append((pieceStart, i, pieceCount))
                pieceStart = i
                pieceCount = 0
            }
        }
        if pieceCount > 0 { pieces.append((pieceStart, i, pieceCount)) }
        let boxes = pieces.map { _ in CompactDecodedBox<[(Key, Value)]>() }
        let tasks = zip(pieces, boxes).map { piece, box in
            CompactDecodingTask(weight: piece.end - piece.start) { bytes in
                var entries: [(Key, Value)] = []
                entries.reserveCapacity(piece.count)
                var i = piece.start
                for _ in 0..<piece.count {
                    let key = try bytes.key(at: &i)
                    var after = 0
                    try bytes.skip(at: i, end: &after)
                    entries.append((makeKey(key), try decode(bytes, i)))
                    i = after
                }
                box.value = entries
            }
        }
        let count = c.count
        return CompactFieldPlan(tasks: tasks) { root in
            var dictionary: [Key: Value] = [:]
            dictionary.reserveCapacity(count)
            for box in boxes {
                for (key, value) in try box.take(bytes) { dictionary[key] = value }
            }
            root[keyPath: path] = dictionary
        }
    }

    /// Runs `tasks` over `bytes` on up to `lanes` threads, the heaviest first, and rethrows the
    /// first error.
    static func run(_ tasks: [CompactDecodingTask], over bytes: CompactBytes, lanes: Int) throws {
        let ordered = tasks.sorted { $0.weight > $1.weight }
        guard lanes > 1, ordered.count > 1 else {
            for task in ordered { try task.run(bytes) }
            return
        }
        let queue = CompactTaskQueue(ordered)
        DispatchQueue.concurrentPerform(iterations: min(lanes, ordered.count)) { lane in
            let own = lane == 0 ? bytes : bytes.copy()
            while let task = queue.next() {
                do { try task.run(own) } catch { queue.fail(error) }
            }
        }
        if let error = queue.error { throw error }
    }
}

/// The tasks left to run, taken one at a time by the threads; the first error stops the rest.
private final class CompactTaskQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let tasks: [CompactDecodingTask]
    private var index = 0
    private(set) var error: (any Error)?

    init(_ tasks: [CompactDecodingTask]) { self.tasks = tasks }

    func next() -> CompactDecodingTask? {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil, index < tasks.count else { return nil }
        index += 1
        return tasks[index - 1]
    }

    func fail(_ error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if self.error == nil { self.error = error }
    }
}
