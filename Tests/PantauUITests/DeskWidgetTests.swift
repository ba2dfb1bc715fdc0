import Foundation
import PantauCore
import PantauTestSupport
@testable import PantauUI
import XCTest

/// The desk's widgets on their own: the line editor, the picker, the form, the confirmation.
final class LineEditorTests: XCTestCase {
    func type(_ text: String, into e: inout LineEditor) {
        for c in text { _ = e.handle(.char(c)) }
    }

    func testTypingMovingAndDeletingWorkOnCharactersNotBytes() {
        var e = LineEditor()
        type("Banjir di Periuk", into: &e)
        XCTAssertEqual(e.text, "Banjir di Periuk")
        _ = e.handle(.home)
        _ = e.handle(.delete)
        type("b", into: &e)
        XCTAssertEqual(e.text, "banjir di Periuk")
        _ = e.handle(.end)
        _ = e.handle(.backspace)
        _ = e.handle(.left)
        type("é", into: &e)
        XCTAssertEqual(e.text, "banjir di Periéu")
        // A combined character (e + combining acute) and an emoji are one step each.
        var w = LineEditor("ke\u{301}🚒")
        XCTAssertEqual(w.characters.count, 3)
        _ = w.handle(.backspace)
        _ = w.handle(.backspace)
        XCTAssertEqual(w.text, "k")
    }

    func testReadlineKeys() {
        var e = LineEditor("air naik cepat sekali")
        _ = e.handle(.char("\u{17}")) // Ctrl-W
        XCTAssertEqual(e.text, "air naik cepat ")
        _ = e.handle(.char("\u{17}"))
        XCTAssertEqual(e.text, "air naik ")
        _ = e.handle(.char("\u{01}")) // Ctrl-A
        XCTAssertEqual(e.cursor, 0)
        _ = e.handle(.right)
        _ = e.handle(.right)
        _ = e.handle(.right)
        _ = e.handle(.char("\u{0B}")) // Ctrl-K
        XCTAssertEqual(e.text, "air")
        _ = e.handle(.char("\u{05}")) // Ctrl-E
        XCTAssertEqual(e.cursor, 3)
        _ = e.handle(.left)
        _ = e.handle(.char("\u{15}")) // Ctrl-U
        XCTAssertEqual(e.text, "r")
        XCTAssertEqual(e.cursor, 0)
    }

    func testEnterSubmitsTrimmedAndEscCancels() {
        var e = LineEditor("  Pompa dikirim  ")
        XCTAssertEqual(e.handle(.enter), .submitted("Pompa dikirim"))
        XCTAssertEqual(e.handle(.escape), .cancelled)
        XCTAssertEqual(e.handle(.char("x")), .editing)
    }

    func testPasteIsSanitisedAndCutAtTheLimit() {
        var e = LineEditor(maxLength: 20)
        e.insert("Jl. Merdeka\n\tRT 02\u{1B}[2J\u{07}/RW 05")
        XCTAssertEqual(e.text, "Jl. Merdeka  RT 02[2")
        XCTAssertFalse(e.text.unicodeScalars.contains(where: \.isTerminalControl))
        XCTAssertEqual(e.characters.count, 20)
        // Typed control characters that are not editing keys are ignored.
        var t = LineEditor()
        _ = t.handle(.char("\u{07}"))
        _ = t.handle(.char("\u{1B}"))
        XCTAssertEqual(t.text, "")
    }

    func testRandomKeysNeverLeaveControlCharactersOrALostCursor() {
        let seed = SeededRandom.seed(default: 9_090_909)
        var rng = SeededRandom(seed: seed)
        let keys: [Key] = [.left, .right, .home, .end, .backspace, .delete, .char("\u{01}"), .char("\u{05}"), .char("\u{15}"),
                           .char("\u{0B}"), .char("\u{17}"), .char("\u{07}"), .char("a"), .char(" "), .char("漢"),
                           .char("é"), .char("🚑"), .char("\u{1B}"), .char("\u{7F}"), .tab, .up]
        var e = LineEditor(maxLength: 30)
        for step in 0..<5000 {
            if Int.random(in: 0..<50, using: &rng) == 0 {
                e.insert("paste\u{0}\n漢字 \u{9B}x")
            } else {
                _ = e.handle(keys[Int.random(in: 0..<keys.count, using: &rng)])
            }
            XCTAssertTrue((0...e.characters.count).contains(e.cursor), "step \(step), \(SeededRandom.describe(seed))")
            XCTAssertLessThanOrEqual(e.characters.count, 30, SeededRandom.describe(seed))
            XCTAssertFalse(e.text.unicodeScalars.contains(where: \.isTerminalControl), "step \(step), \(SeededRandom.describe(seed))")
        }
    }

    func testWideCharactersScrollByDisplayWidthAndKeepTheCursorInView() {
        var e = LineEditor("漢字漢字漢字漢字") // 16 columns
        var grid = CellGrid(width: 10, height: 1)
        let cursorX = e.draw(x: 0, y: 0, width: 10, style: .plain, into: &grid)
        // The cursor is after the text, in the last column; the four last ideographs before it.
        XCTAssertEqual(cursorX, 8)
        XCTAssertEqual(grid.row(0).trimmingCharacters(in: .whitespaces), "漢字漢字")
        XCTAssertEqual(grid[8, 0].style.attributes.contains(.reverse), true)
        _ = e.handle(.home)
        var start = CellGrid(width: 10, height: 1)
        XCTAssertEqual(e.draw(x: 0, y: 0, width: 10, style: .plain, into: &start), 0)
        XCTAssertEqual(start.row(0).trimmingCharacters(in: .whitespaces), "漢字漢字漢")
    }
}

final class PickerTests: XCTestCase {
    let items = [
        PickerItem(value: "DMK-01", label: "Damkar Cipondoh 1", detail: "available · 1.2 km", section: "Damkar"),
        PickerItem(value: "DMK-02", label: "Damkar Cipondoh 2", detail: "on INC-3", section: "Damkar", refusal: "DMK-02 is on INC-3"),
        PickerItem(value: "BPBD-1", label: "BPBD Perahu Karet", detail: "available · 3.4 km", section: "Other agencies"),
        PickerItem(value: "AMB-1", label: "Ambulans Puskesmas Périuk", detail: "available", section: "Other agencies"),
    ]

    func testMovingAndChoosing() {
        var p = Picker(title: "Dispatch", items: items)
        XCTAssertEqual(p.highlighted?.value, "DMK-01")
        _ = p.handle(.down)
        _ = p.handle(.down)
        XCTAssertEqual(p.handle(.enter), .chosen(items[2]))
        _ = p.handle(.down)
        _ = p.handle(.down)
        _ = p.handle(.down)
        XCTAssertEqual(p.highlighted?.value, "AMB-1", "stops at the last")
        _ = p.handle(.pageUp)
        XCTAssertEqual(p.highlighted?.value, "DMK-01")
        XCTAssertEqual(p.handle(.escape), .cancelled)
    }

    func testTypingFiltersCaseAndAccentInsensitively() {
        var p = Picker(title: "Dispatch", items: items)
        for c in "periuk" { _ = p.handle(.char(c)) }
        XCTAssertEqual(p.visible.map(\.value), ["AMB-1"])
        _ = p.handle(.char("\u{15}"))
        for c in "bpbd" { _ = p.handle(.char(c)) }
        XCTAssertEqual(p.visible.map(\.value), ["BPBD-1"], "the value matches too")
        for c in "zz" { _ = p.handle(.char(c)) }
        XCTAssertNil(p.highlighted)
        XCTAssertEqual(p.handle(.enter), .open, "Enter on nothing does nothing")
    }

    func testARefusedItemSaysWhyAndStaysOpen() {
        var p = Picker(title: "Dispatch", items: items)
        _ = p.handle(.down)
        XCTAssertEqual(p.handle(.enter), .refused("DMK-02 is on INC-3"))
        XCTAssertEqual(p.message, "DMK-02 is on INC-3")
        var grid = CellGrid(width: 80, height: 14)
        p.draw(in: grid.bounds, theme: .dark, into: &grid)
        XCTAssertTrue(grid.text.contains("DMK-02 is on INC-3"), grid.text)
        _ = p.handle(.up)
        XCTAssertNil(p.message, "the next key clears it")
    }

    func testSectionsAreHeadedOnce() {
        let p = Picker(title: "Dispatch", items: items)
        var grid = CellGrid(width: 80, height: 14)
        p.draw(in: grid.bounds, theme: .dark, into: &grid)
        let text = grid.text
        XCTAssertEqual(text.components(separatedBy: "Other agencies").count - 1, 1, text)
        XCTAssertEqual(text.components(separatedBy: "┃ Damkar ").count - 1, 1, text)
        XCTAssertTrue(text.contains("4 of 4"), text)
    }
}

final class FormTests: XCTestCase {
    func form() -> Form {
        Form(title: "New", fields: [
            .choice("category", "Category", options: [PickerItem(value: "fire", label: "fire"), PickerItem(value: "flood", label: "flood")],
                    required: true),
            .text("title", "Title", required: true),
            .text("phone", "Phone"),
        ])
    }

    func testRequiredFieldsAreAskedForAndTheLastEnterSubmits() {
        var f = form()
        _ = f.handle(.backTab) // to the last field
        XCTAssertEqual(f.focus, 2)
        XCTAssertEqual(f.handle(.enter), .editing)
        XCTAssertEqual(f.error, "Category is required")
        XCTAssertEqual(f.focus, 0, "goes to the missing field")
        // Typing on a choice field opens its picker filtered by what was typed.
        _ = f.handle(.char("f"))
        _ = f.handle(.char("l"))
        XCTAssertEqual(f.picker?.visible.map(\.value), ["flood"])
        _ = f.handle(.enter)
        XCTAssertNil(f.picker)
        XCTAssertEqual(f.focus, 1, "a choice moves on")
        for c in "Genangan 40 cm" { _ = f.handle(.char(c)) }
        _ = f.handle(.enter)
        XCTAssertEqual(f.focus, 2)
        for c in "0812 3456 7789" { _ = f.handle(.char(c)) }
        XCTAssertEqual(f.handle(.enter), .submitted(["category": "flood", "title": "Genangan 40 cm", "phone": "0812 3456 7789"]))
    }

    func testTabWrapsArrowsStepChoicesAndEscCancelsThePickerFirst() {
        var f = form()
        _ = f.handle(.right)
        XCTAssertEqual(f.values["category"], "fire")
        _ = f.handle(.right)
        XCTAssertEqual(f.values["category"], "flood")
        _ = f.handle(.tab)
        _ = f.handle(.tab)
        _ = f.handle(.tab)
        XCTAssertEqual(f.focus, 0, "Tab wraps")
        _ = f.handle(.char(" "))
        XCTAssertNotNil(f.picker)
        XCTAssertEqual(f.handle(.escape), .editing, "Esc closes the picker only")
        XCTAssertNil(f.picker)
        XCTAssertEqual(f.handle(.escape), .cancelled)
    }
}

final class ConfirmationTests: XCTestCase {
    func testYesAndNoKeys() {
        let c = Confirmation(title: "Close INC-7?", message: "Close INC-7: it leaves the open incidents.")
        XCTAssertEqual(c.handle(.char("y")), .confirmed)
        XCTAssertEqual(c.handle(.enter), .confirmed)
        XCTAssertEqual(c.handle(.char("n")), .cancelled)
        XCTAssertEqual(c.handle(.escape), .cancelled)
        XCTAssertEqual(c.handle(.char("q")), .open, "other keys do nothing")
        var grid = CellGrid(width: 60, height: 12)
        c.draw(in: grid.bounds, theme: .dark, into: &grid)
        XCTAssertTrue(grid.text.contains("it leaves the open incidents"), grid.text)
        XCTAssertTrue(grid.text.contains("y/Enter confirm"), grid.text)
    }
}
