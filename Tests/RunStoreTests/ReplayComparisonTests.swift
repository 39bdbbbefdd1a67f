import Foundation
@testable import RunStore
import Training
import XCTest

/// `--verify`'s comparison: bit-equal on one kernel family, within the tolerance across families.
final class ReplayComparisonTests: XCTestCase {
    private func run(_ id: Int64, blas: String = "Zen", epochs: [EpochRecord], results: [MetricValue] = []) throws -> StoredRun {
        let path = StoreFixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent) }
        let store = try RunStore(path: path)
        var start = StoreFixtures.start()
        start.blas = blas
        let made = try store.begin(start)
        for e in epochs { try store.appendEpoch(run: made, e) }
        try store.finish(run: made, status: .finished, at: Date())
        var stored = try store.run(made)
        stored.id = id
        stored.results = results
        return stored
    }

    func testIdenticalRunsHaveNoDifferences() throws {
        let a = try run(1, epochs: [StoreFixtures.epoch(1), StoreFixtures.epoch(2)])
        let b = try run(2, epochs: [StoreFixtures.epoch(1, seconds: 9), StoreFixtures.epoch(2, seconds: 9)])
        XCTAssertEqual(ReplayComparison.differences(replay: [b], recorded: [a]), [])
    }

    func testOneLastBitIsADifferenceOnTheSameKernels() throws {
        var changed = StoreFixtures.epoch(2)
        changed.values[2].value = changed.values[2].value.nextUp
        let a = try run(1, epochs: [StoreFixtures.epoch(1), StoreFixtures.epoch(2)])
        let b = try run(2, epochs: [StoreFixtures.epoch(1), changed])
        let expected = "run 2 (train m on s.train, s.val) against run 1: epoch 2 val_loss \(StoreFixtures.epoch(2).values[2].value) recorded, "
            + "\(changed.values[2].value) now"
        XCTAssertEqual(ReplayComparison.differences(replay: [b], recorded: [a]), [expected])
        // Between kernel families the same last bit is within the contract.
        let c = try run(3, blas: "SkylakeX", epochs: [StoreFixtures.epoch(1), changed])
        XCTAssertEqual(ReplayComparison.differences(replay: [c], recorded: [a]), [])
    }

    func testMissingEpochsAndRunsAreListed() throws {
        let a = try run(1, epochs: [StoreFixtures.epoch(1), StoreFixtures.epoch(2)], results: [MetricValue("accuracy", 0.5)])
        let b = try run(2, epochs: [StoreFixtures.epoch(1)], results: [MetricValue("accuracy", 0.75)])
        XCTAssertEqual(ReplayComparison.differences(replay: [b], recorded: [a, a]), [
            "the replay made 1 runs, the recorded session 2",
            "run 2 (train m on s.train, s.val) against run 1: 2 epochs recorded, 1 now",
            "run 2 (train m on s.train, s.val) against run 1: accuracy 0.5 recorded, 0.75 now",
        ])
    }
}
