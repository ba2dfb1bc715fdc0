import Foundation
import PantauCore
@testable import PantauFeeds
import XCTest

/// XML payloads (CAP, Open311) with bytes that are not what they claim, entities, and attacks:
/// each is read, repaired or counted as a named skip, never a crash.
final class XMLHostileInputTests: XCTestCase {
    /// A CAP alert declared UTF-8 with `extra` inside the alert and `headline` as its title;
    /// `doctype` goes before the root. The k-th `\u{1}` in the text becomes `bytes[k]` (the
    /// last one when there are fewer).
    private static func alert(extra: String = "", headline: String = "Banjir di Periuk", doctype: String = "",
                              bytes: [UInt8] = [0xE9], declaration: String = #"<?xml version="1.0" encoding="UTF-8"?>"#) -> Data {
        let text = """
        \(declaration)
        \(doctype)
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          \(extra)
          <identifier>TNG-7</identifier><sent>2026-11-23T15:42:10+07:00</sent>
          <status>Actual</status><msgType>Alert</msgType>
          <info><language>id-ID</language><category>Met</category><event>Banjir</event>
            <severity>Severe</severity><headline>\(headline)</headline></info>
        </alert>
        """
        var k = -1
        return Data(text.utf8.map { b in
            guard b == 1 else { return b }
            k += 1
            return bytes[min(k, bytes.count - 1)]
        })
    }

    private func convert(_ data: Data) -> FormatResult {
        CAPFormat().convert(data, context: FormatTestSupport.context)
    }

    private func title(_ r: FormatResult, file: StaticString = #filePath, line: UInt = #line) -> String? {
        guard r.events.count == 1 else {
            XCTFail("expected one event, got \(r.events.count); skipped \(r.skipped)", file: file, line: line)
            return nil
        }
        return FormatTestSupport.incident(r.events[0])?.title
    }

    /// Each place where Foundation's parser trapped on a byte that is not UTF-8: the alert is
    /// still read, the byte is read as its Windows-1252 character, and the repair is counted.
    func testNonUTF8ByteInEveryKindOfNameIsRepairedNotFatal() {
        let families: [(String, String, String)] = [
            ("element name", "<x\u{1}>1</x\u{1}>", ""),
            ("attribute name", "<x a\u{1}=\"1\"/>", ""),
            ("namespace prefix", "<p\u{1}:x xmlns:p\u{1}=\"urn:x\">1</p\u{1}:x>", ""),
            ("comment", "<!-- caf\u{1} -->", ""),
            ("processing-instruction target", "<?p\u{1} data?>", ""),
            ("entity name", "", "<!DOCTYPE alert [<!ENTITY n\u{1} \"Banjir\">]>"),
        ]
        for byte: UInt8 in [0xE9, 0xFF, 0x80, 0x81, 0xC0, 0xED] {
            for (family, extra, doctype) in families {
                let headline = doctype.isEmpty ? "Banjir di Periuk" : "&n\u{1}; di Periuk"
                let r = convert(Self.alert(extra: extra, headline: headline, doctype: doctype, bytes: [byte]))
                let label = "\(family), byte 0x\(String(byte, radix: 16))"
                XCTAssertEqual(title(r), "Banjir di Periuk", label)
                XCTAssertEqual(r.skipped, [:], label)
                XCTAssertEqual(r.repaired, ["invalid_utf8": 1], label)
            }
        }
    }

    /// The real case: a CAP alert declared UTF-8 with a Latin-1 `é` in a comment and another in
    /// its headline; the headline reads as the sender meant it.
    func testLatin1InADeclaredUTF8AlertIsReadAsWindows1252() {
        let latin1 = convert(Self.alert(extra: "<!-- M\u{1}t\u{1}o -->", headline: "Orage pr\u{1}vu"))
        XCTAssertEqual(title(latin1), "Orage prévu")
        XCTAssertEqual(latin1.skipped, [:])
        XCTAssertTrue(latin1.summary.hasSuffix("; skipped 0; repaired 1: invalid_utf8 1"), latin1.summary)
        // Windows-1252 bytes 0x80–0x9F: curly quotes and the euro sign; 0x81 is undefined.
        let cp1252 = Self.alert(headline: "\u{1}Periuk\u{1} \u{1} \u{1}", bytes: [0x93, 0x94, 0x80, 0x81])
        XCTAssertEqual(title(convert(cp1252)), "“Periuk” € \u{FFFD}")
        // Valid UTF-8 is left alone.
        let clean = convert(Data(String(decoding: Self.alert(headline: "Orage prévu"), as: UTF8.self).utf8))
        XCTAssertEqual(title(clean), "Orage prévu")
        XCTAssertEqual(clean.repaired, [:])
    }

    func testDeclaredEncodingsAreHonoured() throws {
        let w = convert(Self.alert(headline: "\u{1}Periuk\u{1} \u{1}", bytes: [0x93, 0x94, 0x80],
                                   declaration: #"<?xml version="1.0" encoding="windows-1252"?>"#))
        XCTAssertEqual(title(w), "“Periuk” €")
        XCTAssertEqual(w.repaired, [:], "a declared encoding needs no repair")

        let latin1 = convert(Self.alert(headline: "Orage pr\u{1}vu", declaration: #"<?xml version='1.0' encoding='ISO-8859-1'?>"#))
        XCTAssertEqual(title(latin1), "Orage prévu")
        XCTAssertEqual(latin1.skipped, [:])

        let text = String(decoding: Self.alert(headline: "Orage prévu ☔", declaration: #"<?xml version="1.0" encoding="UTF-16"?>"#), as: UTF8.self)
        let utf16 = convert(Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!)
        XCTAssertEqual(title(utf16), "Orage prévu ☔")

        let bom = convert(Data([0xEF, 0xBB, 0xBF]) + Self.alert(headline: "Orage pr\u{1}vu", declaration: ""))
        XCTAssertEqual(title(bom), "Orage prévu")
        XCTAssertEqual(bom.repaired, ["invalid_utf8": 1])
    }

    /// A payload that cannot be decoded as it says is a counted, named skip: no event is made
    /// from text that would be misread.
    func testUndecodablePayloadIsANamedSkip() {
        let cases: [(String, Data)] = [
            ("unknown encoding", Self.alert(declaration: #"<?xml version="1.0" encoding="x-no-such-charset"?>"#)),
            ("UTF-16 label on 8-bit bytes", Self.alert(headline: "pr\u{1}vu", declaration: #"<?xml version="1.0" encoding="UTF-16"?>"#)),
            ("byte undefined in windows-1252", Self.alert(headline: "a\u{1}b", bytes: [0x81], declaration: #"<?xml version="1.0" encoding="windows-1252"?>"#)),
            ("lone surrogate in UTF-16", Data([0xFF, 0xFE]) + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x".data(using: .utf16LittleEndian)!
                + Data([0x00, 0xD8]) + "</identifier></alert>".data(using: .utf16LittleEndian)!),
        ]
        for (label, payload) in cases {
            let r = convert(payload)
            XCTAssertEqual(r.events.count, 0, label)
            XCTAssertEqual(r.skipped, ["invalid_encoding": 1], label)
        }
        let open311 = Open311Format().convert(Data(#"<?xml version="1.0" encoding="x-no-such-charset"?><service_requests/>"#.utf8),
                                              context: FormatTestSupport.context)
        XCTAssertEqual(open311.skipped, ["invalid_encoding": 1])
    }

    /// An entity Pantau does not expand (external, or declared nowhere it reads) stays in the
    /// text as written, and the text after it is kept; predefined, numeric and internal
    /// entities expand.
    func testEntitiesKeepTheTextAroundThem() {
        let external = #"<!DOCTYPE alert [<!ENTITY xxe SYSTEM "https://example.invalid/x">]>"#
        XCTAssertEqual(title(convert(Self.alert(headline: "H&xxe;H", doctype: external))), "H&xxe;H")
        let withDTD = #"<!DOCTYPE alert SYSTEM "https://example.invalid/cap.dtd">"#
        XCTAssertEqual(title(convert(Self.alert(headline: "Banjir&nbsp;Periuk", doctype: withDTD))), "Banjir&nbsp;Periuk")
        XCTAssertEqual(title(convert(Self.alert(headline: "&amp;&lt;&gt;&quot;&apos; &#233;&#x41;&#x1F30A;"))), "&<>\"' éA🌊")
        let declared = #"<!DOCTYPE alert [<!ENTITY org "BPBD"><!ENTITY who "&org; Kota Tangerang">]>"#
        XCTAssertEqual(title(convert(Self.alert(headline: "&who;: banjir, &org;", doctype: declared))), "BPBD Kota Tangerang: banjir, BPBD")
        // In attribute values predefined and numeric references expand; others stay as written.
        let atom = """
        <!DOCTYPE feed [<!ENTITY host "x.org">]><feed xmlns="http://www.w3.org/2005/Atom">
        <entry><link rel="alternate" href="https://x.org/a.cap?b=1&amp;c=%41"/></entry>
        <entry><link rel="alternate" href="https://&host;/b.cap"/></entry></feed>
        """
        let links = FormatTestSupport.convert(CAPFormat(), atom).links
        XCTAssertEqual(links.map(\.absoluteString), ["https://x.org/a.cap?b=1&c=%41", "https://&host;/b.cap"])
    }

    /// External entities and DTDs are never read, in text, attributes or the DTD itself.
    func testExternalEntitiesAreNeverRead() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-xxe-\(getpid()).txt")
        try Data("SECRET-4711".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let url = secret.absoluteString
        let dtd = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-xxe-\(getpid()).dtd")
        try Data("<!ENTITY leak SYSTEM \"\(url)\">".utf8).write(to: dtd)
        defer { try? FileManager.default.removeItem(at: dtd) }
        let attempts = [
            Self.alert(headline: "a&xxe;b", doctype: "<!DOCTYPE alert [<!ENTITY xxe SYSTEM \"\(url)\">]>"),
            Self.alert(headline: "a&xxe;b", doctype: "<!DOCTYPE alert [<!ENTITY xxe SYSTEM \"\(secret.path)\">]>"),
            Self.alert(headline: "a&leak;b", doctype: "<!DOCTYPE alert SYSTEM \"\(dtd.absoluteString)\">"),
            Self.alert(headline: "a&leak;b", doctype: "<!DOCTYPE alert [<!ENTITY % p SYSTEM \"\(dtd.absoluteString)\"> %p;]>"),
            Self.alert(extra: "<x a=\"&xxe;\"/>", doctype: "<!DOCTYPE alert [<!ENTITY xxe SYSTEM \"\(url)\">]>"),
        ]
        for payload in attempts {
            let r = convert(payload)
            let lines = r.events.map(FeedEventEncoder.line(for:)).joined()
            XCTAssertFalse(lines.contains("SECRET"), lines)
            XCTAssertGreaterThan(r.events.count + r.skippedTotal, 0, "counted: \(String(decoding: payload, as: UTF8.self))")
        }
        XCTAssertEqual(title(convert(attempts[0])), "a&xxe;b")
    }

    /// Exponential (billion laughs) and quadratic entity expansion end quickly as a named skip.
    func testEntityExpansionIsBounded() {
        var laughs = #"<!DOCTYPE alert [<!ENTITY l0 "lol">"#
        for k in 1...10 { laughs += "<!ENTITY l\(k) \"\(String(repeating: "&l\(k - 1);", count: 10))\">" }
        laughs += "]>"
        let inText = convert(Self.alert(headline: "&l10;", doctype: laughs))
        XCTAssertEqual(inText.skipped["entity_expansion"], 1, "\(inText.skipped)")
        XCTAssertEqual(inText.events.count, 0, "the alert was cut off inside the expansion")
        let inAttribute = convert(Self.alert(extra: "<x a=\"&l10;\"/>", doctype: laughs))
        XCTAssertEqual(inAttribute.skipped, ["entity_expansion": 1])
        let big = #"<!DOCTYPE alert [<!ENTITY big ""# + String(repeating: "banjir ", count: 20_000) + #"">]>"#
        let quadratic = convert(Self.alert(headline: String(repeating: "&big;", count: 2_000), doctype: big))
        XCTAssertEqual(quadratic.skipped["entity_expansion"], 1, "\(quadratic.skipped)")
    }

    /// Sources convert on their own threads at once; libxml2 reports some errors per thread, so
    /// each conversion must still get its own outcome.
    func testConcurrentConversionsKeepTheirOwnOutcomes() {
        let payloads = [
            Self.alert(extra: "<!-- caf\u{1} -->"),
            Self.alert(headline: "a\u{1}b", bytes: [0x81], declaration: #"<?xml version="1.0" encoding="windows-1252"?>"#),
            Self.alert(headline: "Hujan &#x1B;[31m"),
            Self.alert(),
            Data(String(decoding: Self.alert(), as: UTF8.self).replacingOccurrences(of: "Actual", with: "Exercise").utf8),
        ]
        let expected = payloads.map { convert($0).summary }
        XCTAssertEqual(Set(expected).count, payloads.count, "\(expected)")
        final class Mismatches: @unchecked Sendable {
            let lock = NSLock()
            var found: [String] = []
        }
        let mismatches = Mismatches()
        DispatchQueue.concurrentPerform(iterations: 2_000) { i in
            let k = i % payloads.count
            let got = CAPFormat().convert(payloads[k], context: FormatTestSupport.context).summary
            if got != expected[k] { mismatches.lock.withLock { mismatches.found.append("\(k): \(got)") } }
        }
        XCTAssertEqual(mismatches.found, [])
    }

    /// Open311 XML goes through the same parser.
    func testOpen311XMLWithNonUTF8BytesIsRead() {
        let xml = Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- ekspor dari sistem lama: caf\u{1} -->
        <service_requests><request><service_request_id>7</service_request_id>
        <description>Jalan rusak di depan caf\u{1}</description><status>open</status></request></service_requests>
        """.utf8.map { $0 == 1 ? 0xE9 : $0 })
        let r = Open311Format().convert(xml, context: FormatTestSupport.context)
        XCTAssertEqual(r.events.count, 1)
        XCTAssertEqual(r.events.first.flatMap(FormatTestSupport.ticket)?.title, "Jalan rusak di depan café")
        XCTAssertEqual(r.repaired, ["invalid_utf8": 1])
        XCTAssertEqual(r.skipped, [:])
    }

    /// Seeded byte mutations of the shared CAP samples and an Open311 XML document: none may
    /// trap, every payload is accounted for, and every event survives the feed encoder.
    /// `PANTAU_MUTATION_SEED` and `PANTAU_MUTATION_ROUNDS` replay or lengthen the run.
    func testMutatedPayloadsNeverTrap() throws {
        var payloads: [(String, Data, any FeedFormat)] = []
        for name in ["SYNTHETIC_bmkg_nowcast_shape_cap12.xml", "google-cap-library_australia_fire_cap12.xml",
                     "google-cap-library_thunderstorm_cap12.xml"] {
            payloads.append((name, try FormatTestSupport.sample("cap/" + name), CAPFormat()))
        }
        payloads.append(("open311.xml", Data("""
        <?xml version="1.0" encoding="utf-8"?><!-- c --><?pi x?>
        <service_requests xmlns:g="urn:g"><request g:a="1"><service_request_id>638344</service_request_id>
        <status>open</status><description>Pohon &amp; tiang</description><lat>-6.162</lat><long>106.671</long>
        <requested_datetime>2026-11-23T14:00:00+07:00</requested_datetime></request></service_requests>
        """.utf8), Open311Format()))
        let environment = ProcessInfo.processInfo.environment
        let seed = UInt64(environment["PANTAU_MUTATION_SEED"] ?? "") ?? 20_261_123
        let rounds = Int(environment["PANTAU_MUTATION_ROUNDS"] ?? "") ?? 2_000
        print("XMLHostileInputTests mutation seed \(seed) (PANTAU_MUTATION_SEED), \(rounds) rounds")
        var rng = SimRandom(seed: seed)
        let interesting: [UInt8] = [0x00, 0x80, 0x81, 0xC0, 0xE9, 0xED, 0xFF, 0x3C, 0x3E, 0x26, 0x3A, 0x22, 0x3F, 0x21, 0x25, 0x3B]
        var events = 0
        for round in 0..<rounds {
            let (name, original, format) = payloads[round % payloads.count]
            var bytes = [UInt8](original)
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                let r = rng.next()
                switch r % 3 {
                case 0: bytes[at] = interesting[Int((r >> 8) % UInt64(interesting.count))]
                case 1: bytes[at] = UInt8(truncatingIfNeeded: r >> 16)
                default: bytes.insert(interesting[Int((r >> 8) % UInt64(interesting.count))], at: at)
                }
            }
            let result = format.convert(Data(bytes), context: FormatTestSupport.context)
            events += result.events.count
            if format is CAPFormat { // an Open311 list may rightly be empty
                XCTAssertGreaterThan(result.events.count + result.skippedTotal + result.ignoredTotal + result.links.count, 0,
                                     "seed \(seed) round \(round) \(name): \(String(decoding: bytes, as: UTF8.self))")
            }
            FormatTestSupport.assertRoundTrip(result.events)
        }
        XCTAssertGreaterThan(events, rounds / 4, "most mutations keep the record readable (seed \(seed))")
    }
}
