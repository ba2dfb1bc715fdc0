import Foundation
import PantauCore
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

    /// The `checkpoint` seed decodes with today's encoding and fills every part of the state: a
    /// seed that no longer decodes (a field added to `CityState`) leaves the fuzzer at the
    /// decoder's first refusal. `PANTAU_RECORD=1` rewrites it from ``CheckpointSeed``.
    func testTheCheckpointSeedIsAFullStateInTodaysEncoding() throws {
        let file = Self.corpus.appendingPathComponent("checkpoint/small-day")
        if ProcessInfo.processInfo.environment["PANTAU_RECORD"] == "1" {
            try CheckpointSeed.make().write(to: file)
        }
        let bytes = try Data(contentsOf: file)
        XCTAssertLessThan(bytes.count, 65_536, "scripts/fuzz reads at most 64 KiB of a checkpoint input: a longer seed is cut, and does not decode")
        let state: CityState
        do {
            state = try CompactDecoder.decode(CityState.self, from: bytes)
        } catch {
            return XCTFail("the checkpoint seed does not decode (\(error)): rerun with PANTAU_RECORD=1")
        }
        XCTAssertFalse(state.incidents.isEmpty)
        XCTAssertFalse(state.tickets.isEmpty)
        XCTAssertFalse(state.stations.isEmpty)
        XCTAssertTrue(state.units.values.contains { $0.status == .dispatched }, "no dispatched unit in the seed")
        XCTAssertFalse(state.alarms.isEmpty, "no alarm in the seed")
        XCTAssertTrue(state.alarms.values.contains { $0.isAcknowledged }, "no acknowledged alarm in the seed")
        XCTAssertGreaterThanOrEqual(state.actionOutcomes.values.filter { $0.reason == nil }.count, 8, "the seed's actions were not accepted")
    }

    private func inputs(_ name: String) throws -> [URL] {
        let folder = Self.corpus.appendingPathComponent(name)
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
