@testable import PantauCore
import XCTest

/// The reader's string interner stays bounded however many distinct ids a live feed brings.
final class StringInternerTests: XCTestCase {
    func intern(_ s: String, _ interner: StringInterner) -> String? {
        var bytes = Array(s.utf8)
        return bytes.withUnsafeMutableBytes { interner.intern(UnsafeRawBufferPointer($0)) }
    }

    func testEndlessDistinctIdsKeepTheTableBoundedAndHotStringsStillIntern() {
        let interner = StringInterner()
        let total = StringInterner.maxEntries * 3 + 17
        for k in 0..<total {
            XCTAssertEqual(intern("INC-20261123-\(k)", interner), "INC-20261123-\(k)")
            XCTAssertEqual(intern("simulator", interner), "simulator")
            XCTAssertLessThanOrEqual(interner.entries, StringInterner.maxEntries)
        }
        XCTAssertEqual(interner.resets, 3)
        XCTAssertEqual(intern("Jl. Daan Mogot", interner), "Jl. Daan Mogot")
    }

    func testInvalidUTF8IsRefused() {
        let interner = StringInterner()
        var bytes: [UInt8] = [0x66, 0xFF, 0x6F]
        XCTAssertNil(bytes.withUnsafeMutableBytes { interner.intern(UnsafeRawBufferPointer($0)) })
    }
}
