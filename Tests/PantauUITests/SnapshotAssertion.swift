import Foundation
import XCTest

/// Compares `text` with `Snapshots/NAME.txt` beside this file. A missing reference (or
/// PANTAU_RECORD=1) records the current text and fails, so a new snapshot is always looked at.
func assertSnapshot(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = dir.appendingPathComponent("\(name).txt")
    let record = ProcessInfo.processInfo.environment["PANTAU_RECORD"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        XCTFail("recorded snapshot \(name); check it and run again", file: file, line: line)
        return
    }
    if expected != text + "\n" {
        let got = dir.appendingPathComponent("\(name).actual.txt")
        try? (text + "\n").write(to: got, atomically: true, encoding: .utf8)
        XCTFail("frame differs from Snapshots/\(name).txt; see \(got.lastPathComponent)", file: file, line: line)
    }
}
