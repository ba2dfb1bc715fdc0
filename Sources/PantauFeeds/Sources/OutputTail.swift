import Foundation

/// The last bytes a child wrote to its standard error, kept within a fixed size: what an
/// `exec` source says when its command fails. Bytes are appended as they are read (so the
/// child never blocks on a full pipe); only the newest ``capacity`` bytes are kept.
struct OutputTail {
    /// The bytes kept at most.
    let capacity: Int
    private var bytes: [UInt8] = []
    private var dropped = false

    /// A tail keeping the last `capacity` bytes (4 KB unless told).
    init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
        bytes.reserveCapacity(self.capacity)
    }

    /// Whether nothing has been written since the last ``reset()``.
    var isEmpty: Bool { bytes.isEmpty }

    /// Appends what was read.
    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        guard !chunk.isEmpty else { return }
        if chunk.count >= capacity {
            bytes = Array(chunk.suffix(capacity))
            dropped = true
            return
        }
        let overflow = bytes.count + chunk.count - capacity
        if overflow > 0 {
            bytes.removeFirst(overflow)
            dropped = true
        }
        bytes.append(contentsOf: chunk)
    }

    /// Forgets everything (a new run of the command).
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        dropped = false
    }

    /// The last `count` non-blank lines as one line of text, joined by ` | `: control
    /// characters (escape sequences included) removed, bytes that are not UTF-8 replaced, each
    /// line cut to `width` characters; nil when there are none. A line cut at the front by
    /// the size limit is left out unless it is all there is.
    func lastLines(_ count: Int = 3, width: Int = 160) -> String? {
        let kept = lines(width: width).suffix(count)
        return kept.isEmpty ? nil : kept.joined(separator: " | ")
    }

    /// The first non-blank line kept, cleaned as by ``lastLines(_:width:)``; nil when there is none.
    func firstLine(width: Int = 160) -> String? {
        lines(width: width).first
    }

    /// The non-blank lines kept, cleaned and cut to `width`; a line cut at the front by the
    /// size limit is left out unless it is all there is.
    private func lines(width: Int) -> [String] {
        var lines = String(decoding: bytes, as: UTF8.self)
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { Self.clean(String($0), width: width) }
        if dropped, lines.count > 1 { lines.removeFirst() }
        return lines.filter { !$0.isEmpty }
    }

    /// `line` without ANSI escape sequences and control characters, tabs as spaces, trimmed and
    /// cut to `width` characters (with `…`).
    static func clean(_ line: String, width: Int) -> String {
        var out = ""
        var scalars = line.unicodeScalars.makeIterator()
        while let s = scalars.next() {
            if s == "\u{1B}" {
                // CSI (ESC [ … final byte 0x40–0x7E) or a two-character escape.
                guard let next = scalars.next() else { break }
                if next == "[" {
                    while let c = scalars.next(), !(0x40...0x7E).contains(c.value) {}
                }
                continue
            }
            if s == "\t" {
                out.unicodeScalars.append(" ")
            } else if s.properties.generalCategory != .control, s.properties.generalCategory != .format || s == "\u{200D}" {
                out.unicodeScalars.append(s)
            }
        }
        let trimmed = out.trimmingCharacters(in: .whitespaces)
        return trimmed.count > width ? String(trimmed.prefix(max(1, width - 1))) + "…" : trimmed
    }
}
