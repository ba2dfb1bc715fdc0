import Foundation
import PantauCore
import PantauFeeds
import XCTest

/// Helpers shared by the format tests.
enum FormatTestSupport {
    static let now = RFC3339.parse("2026-11-23T12:00:00+07:00")!
    static let context = FormatContext(source: "test-src", now: now)

    /// `../shared/samples` beside the package root; the test is skipped when it is absent.
    static func sample(_ relative: String) throws -> Data {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/samples").appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("shared sample \(relative) not present")
        }
        return try Data(contentsOf: url)
    }

    static func convert(_ format: some FeedFormat, _ text: String) -> FormatResult {
        format.convert(Data(text.utf8), context: context)
    }

    /// Every event survives the encoder and the line decoder unchanged.
    static func assertRoundTrip(_ events: [FeedEvent], file: StaticString = #filePath, line: UInt = #line) {
        let decoder = FeedLineDecoder()
        for e in events {
            let text = FeedEventEncoder.line(for: e)
            guard case .event(let back) = decoder.decode(text) else {
                XCTFail("does not decode: \(text)", file: file, line: line)
                continue
            }
            XCTAssertEqual(FeedEventEncoder.line(for: back), text, file: file, line: line)
            XCTAssertEqual(back.time, e.time, file: file, line: line)
        }
    }

    /// Payloads no format can use; each must be counted, never crash.
    static let hostilePayloads: [(String, Data)] = [
        ("empty", Data()),
        ("blank", Data("  \n\t ".utf8)),
        ("html", Data("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>".utf8)),
        ("truncated json", Data(#"{"jams":[{"id":1,"street":"Jl. A"#.utf8)),
        ("truncated xml", Data(#"<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x"#.utf8)),
        ("wrong types", Data(#"{"value":7,"jams":"no","alerts":{"a":1},"Datastreams":3,"type":[1]}"#.utf8)),
        ("number", Data("42".utf8)),
        ("binary", Data([0, 255, 254, 1, 2, 3, 0x7B, 0x22])),
        ("deep", Data((String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).utf8)),
        ("array of junk", Data(#"[1, "two", null, [3], {"x": {}}]"#.utf8)),
    ]

    static func incident(_ e: FeedEvent) -> IncidentUpdate? {
        if case .incident(let i) = e.payload { return i }
        return nil
    }

    static func traffic(_ e: FeedEvent) -> TrafficUpdate? {
        if case .traffic(let t) = e.payload { return t }
        return nil
    }

    static func sensor(_ e: FeedEvent) -> SensorReading? {
        if case .sensor(let s) = e.payload { return s }
        return nil
    }

    static func ticket(_ e: FeedEvent) -> TicketUpdate? {
        if case .ticket(let t) = e.payload { return t }
        return nil
    }
}
