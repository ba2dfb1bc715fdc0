import Foundation

/// Makes a UTF-8 XML document readable when it carries bytes that are not UTF-8 — typically a
/// Latin-1 or Windows-1252 `é` pasted into a document declared (or defaulting to) UTF-8. Each
/// such byte is read as the Windows-1252 character it stands for (U+FFFD for the five bytes
/// Windows-1252 leaves undefined), so the alert is kept and its text is what the sender meant.
///
/// Documents that declare another encoding (ISO-8859-1, windows-1252, UTF-16, …) or start with
/// a UTF-16/UTF-32 byte-order mark are left to the parser, which decodes them as declared.
enum XMLEncodingRepair {
    /// The payload with every byte outside a well-formed UTF-8 sequence replaced by its
    /// Windows-1252 character in UTF-8; nil when nothing needs repair (valid UTF-8, or a
    /// document in another encoding).
    static func repaired(_ data: Data) -> Data? {
        guard isUTF8Document(data) else { return nil }
        return data.withUnsafeBytes { raw -> Data? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let firstBad = firstInvalidUTF8(bytes) else { return nil }
            var out = Data(capacity: bytes.count + 64)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<firstBad]))
            var i = firstBad
            while i < bytes.count {
                let n = validSequenceLength(bytes, at: i)
                if n > 0 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + n)]))
                    i += n
                } else {
                    appendUTF8(of: windows1252(bytes[i]), to: &out)
                    i += 1
                }
            }
            return out
        }
    }

    /// Whether the document is UTF-8 by its own account: a UTF-8 byte-order mark, or no
    /// UTF-16/32 or EBCDIC signature and an XML declaration that names UTF-8 or no encoding at
    /// all (the XML default).
    static func isUTF8Document(_ data: Data) -> Bool {
        let head = [UInt8](data.prefix(4))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return true }
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0x4C, 0x6F, 0xA7, 0x94]) {
            return false
        }
        if head.first == 0 || (head.count > 1 && head[1] == 0) { return false }
        guard let encoding = declaredEncoding(data) else { return true }
        return ["utf-8", "utf8"].contains(encoding.lowercased())
    }

    /// The `encoding` of the XML declaration at the start of the document (after an optional
    /// UTF-8 byte-order mark), nil when there is no declaration or it names none.
    static func declaredEncoding(_ data: Data) -> String? {
        var head = data.prefix(512)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        guard head.starts(with: Array("<?xml".utf8)), let end = head.range(of: Data("?>".utf8)) else { return nil }
        let declaration = String(decoding: head[head.startIndex..<end.lowerBound], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[key.upperBound...].drop { $0.isWhitespace }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0.isWhitespace }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }

    /// The index of the first byte that does not start a well-formed UTF-8 sequence, nil when
    /// every byte is well-formed UTF-8.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                i += 1
                continue
            }
            let n = validSequenceLength(bytes, at: i)
            if n == 0 { return i }
            i += n
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7: no overlong
    /// forms, no surrogates, nothing past U+10FFFF), 0 when the byte there does not start one.
    private static func validSequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let lead = b[i]
        if lead < 0x80 { return 1 }
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF // bounds of the second byte
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard i + length <= b.count, (low...high).contains(b[i + 1]) else { return 0 }
        for k in 2..<length where !(0x80...0xBF).contains(b[i + k]) { return 0 }
        return length
    }

    /// Windows-1252 for 0x80–0x9F (nil where it is undefined); Latin-1 for the rest.
    private static let windows1252High: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    /// The character a byte stands for in Windows-1252 (U+FFFD where that is undefined).
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        if (0x80...0x9F).contains(byte) {
            return windows1252High[Int(byte - 0x80)].flatMap(Unicode.Scalar.init) ?? "\u{FFFD}"
        }
        return Unicode.Scalar(byte)
    }

    private static func appendUTF8(of scalar: Unicode.Scalar, to out: inout Data) {
        UTF8.encode(scalar, into: { out.append($0) })
    }
}
