import PantauCore
import PantauUI
import XCTest

/// Every shipped layout rendered into the cell grid at 80x24, 120x40 and 200x60: snapshots of
/// each, and the checks that make a layout legible at the smallest size: it fits (no "too
/// small" message), every pane shows its title, panes do not overlap, no line is wider than the
/// screen. (That a wide glyph is never cut in half is CellGrid's own guarantee, tested there.)
final class ShippedLayoutSnapshotTests: XCTestCase {
    let sizes = [(80, 24), (120, 40), (200, 60)]
    let state = Fixtures.state()
    let status = DashboardStatus(mode: .replay(speed: 60), skippedLines: 0)

    func testEveryShippedLayoutAtEverySize() throws {
        for (name, _) in ShippedLayouts.sources {
            let layout = try XCTUnwrap(try ShippedLayouts.named(name))
            for (w, h) in sizes {
                var d = Dashboard(layout: layout)
                d.observe(state)
                let grid = d.render(state: state, status: status, width: w, height: h)
                assertSnapshot(grid.text, named: "layout-\(name)-\(w)x\(h)")
                let text = grid.text
                XCTAssertFalse(text.contains("Terminal too small"), "\(name) at \(w)x\(h) does not fit")
                for (i, pane) in layout.panes.enumerated() where pane.type != .detail {
                    let head = "\(i + 1) \(pane.title.prefix(3))"
                    XCTAssertTrue(text.contains(head), "\(name) at \(w)x\(h): pane \(head)… has no visible title")
                }
                let rects = layout.root.place(in: Rect(x: 0, y: 1, width: w, height: h - 2)).map(\.1)
                for (a, r) in rects.enumerated() {
                    XCTAssertTrue(r.width > 0 && r.height > 0, "\(name) at \(w)x\(h): pane \(a + 1) has no room")
                    for s in rects[(a + 1)...] {
                        let overlaps = r.x < s.x + s.width && s.x < r.x + r.width && r.y < s.y + s.height && s.y < r.y + r.height
                        XCTAssertFalse(overlaps, "\(name) at \(w)x\(h): panes overlap: \(r) and \(s)")
                    }
                }
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    XCTAssertLessThanOrEqual(terminalWidth(of: String(line)), w, "\(name) at \(w)x\(h): a line is too wide")
                }
            }
        }
    }
}
