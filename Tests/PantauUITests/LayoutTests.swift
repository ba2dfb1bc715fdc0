import PantauUI
import XCTest

final class LayoutTests: XCTestCase {
    func testTheShippedLayoutIsEmbeddedAndParses() throws {
        XCTAssertTrue(ShippedLayouts.sources.contains { $0.name == "command-center" })
        let layout = try XCTUnwrap(ShippedLayouts.named("command-center"))
        XCTAssertEqual(layout.panes.map(\.type), [.traffic, .incidents, .sensors, .tickets, .alarms])
    }

    func testEmbeddedLayoutsMatchTheFilesInLayouts() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Layouts")
        for (name, yaml) in ShippedLayouts.sources {
            let file = try String(contentsOf: dir.appendingPathComponent("\(name).yaml"), encoding: .utf8)
            XCTAssertEqual(yaml.trimmingCharacters(in: .newlines), file.trimmingCharacters(in: .newlines), name)
        }
    }

    func testPlacementFillsTheRectWithoutOverlap() throws {
        let layout = try XCTUnwrap(ShippedLayouts.named("command-center"))
        for (w, h) in [(80, 22), (120, 38), (201, 57)] {
            let placed = layout.root.place(in: Rect(x: 0, y: 1, width: w, height: h))
            XCTAssertEqual(placed.map { $0.1.width * $0.1.height }.reduce(0, +), w * h)
            for (i, a) in placed.enumerated() {
                for b in placed.dropFirst(i + 1) {
                    let overlap = a.1.x < b.1.maxX && b.1.x < a.1.maxX && a.1.y < b.1.maxY && b.1.y < a.1.maxY
                    XCTAssertFalse(overlap)
                }
            }
        }
    }

    func testWeightsShareTheSpace() throws {
        let layout = try LayoutParser.parse("""
        name: t
        layout:
          columns:
            - { type: traffic, weight: 1 }
            - { type: incidents, weight: 3 }
        """, file: "t.yaml")
        let placed = layout.root.place(in: Rect(x: 0, y: 0, width: 160, height: 20))
        XCTAssertEqual(placed.map(\.1.width), [40, 120])
    }

    func testErrorsNameTheLineAndColumnAndSuggest() {
        XCTAssertThrowsError(try LayoutParser.parse("""
        name: bad
        layout:
          rows:
            - type: trafic
            - tpye: sensors
              titel: x
        """, file: "bad.yaml")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("bad.yaml:4:13: unknown pane type `trafic`; did you mean `traffic`?"), text)
            XCTAssertTrue(text.contains("bad.yaml:5:7: unknown key `tpye`; did you mean `type`?"), text)
            XCTAssertTrue(text.contains("bad.yaml:6:7: unknown key `titel`; did you mean `title`?"), text)
        }
        XCTAssertThrowsError(try LayoutParser.parse("layout: [unclosed", file: "y.yaml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("y.yaml:"), "\(error)")
        }
    }
}
