import Foundation
import PantauFuzz
import XCTest

/// The fuzz corpus (Tests/Fuzz/Corpus/TARGET/*) as a regression suite: every input through its
/// harness, so each one the fuzzers kept (and each crash once fixed and moved there) runs in
/// every `swift test`, without the fuzzer.
final class FuzzCorpusTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

    func testEveryHarnessHasACorpusAndEveryCorpusAHarness() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        XCTAssertEqual(folders, FuzzTarget.all.map(\.name).sorted())
        for target in FuzzTarget.all {
            XCTAssertFalse(try inputs(target.name).isEmpty, "no seed input for \(target.name)")
        }
    }

    func testTheCorpusRunsThroughEveryHarness() throws {
        for target in FuzzTarget.all {
            for file in try inputs(target.name) {
                let data = try Data(contentsOf: file)
                data.withUnsafeBytes { target.run($0) }
            }
        }
    }

    private func inputs(_ name: String) throws -> [URL] {
        let folder = Self.corpus.appendingPathComponent(name)
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
