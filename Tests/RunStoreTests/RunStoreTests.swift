import Foundation
@testable import RunStore
import Training
import XCTest

/// Writing and reading runs: every column comes back, NaN survives, migrations hold on reopening,
/// and writers on separate connections to one file do not lose or tear runs.
final class RunStoreTests: XCTestCase {
    private var paths: [String] = []

    override func tearDown() {
        for path in paths { try? FileManager.default.removeItem(atPath: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent) }
    }

    private func path() -> String {
        let p = StoreFixtures.temporaryPath()
        paths.append(p)
        return p
    }

    func testRunComesBackWithEveryColumn() throws {
        let store = try StoreFixtures.twoRuns(at: path())
        let run = try store.run(1)
        XCTAssertEqual(run.kind, .train)
        XCTAssertEqual(run.status, .finished)
        XCTAssertEqual(run.statement, "train m on s.train val=s.val epochs=2")
        XCTAssertEqual(run.script, "seed 3\ntrain m on s.train\n")
        XCTAssertEqual(run.scriptHash, SHA256.hex(Array("seed 3\ntrain m on s.train\n".utf8)))
        XCTAssertEqual(run.seed, "3")
        XCTAssertEqual(run.threads, 2)
        XCTAssertEqual(run.blas, "Zen")
        XCTAssertEqual(run.parameters, 4553)
        XCTAssertEqual(run.dataFiles, [DataFile(path: "data/s.txt", sha256: String(repeating: "ab", count: 32), bytes: 58_226)])
        XCTAssertEqual(run.hyperparameters.map(\.name), ["epochs", "batch"])
        XCTAssertEqual(run.epochs, [StoreFixtures.epoch(1), StoreFixtures.epoch(2)])
        XCTAssertEqual(run.filesWritten.map(\.path), ["runs/m.safetensors"])
        XCTAssertEqual(run.test, [MetricValue("loss", 0.5), MetricValue("accuracy", 0.8125)])
        XCTAssertEqual(run.endedAt, Date(timeIntervalSince1970: 1_796_262_844))
        let evaluation = try store.run(2)
        XCTAssertEqual(evaluation.trainRun, 1)
        XCTAssertEqual(evaluation.results.map(\.name), ["loss", "accuracy"])
        XCTAssertThrowsError(try store.run(3)) { XCTAssertEqual($0 as? RunStoreError, .noSuchRun(id: 3, path: store.path)) }
    }

    /// A store written by a lab that knew only the first migration opens with every later one
    /// applied and its runs intact.
    func testAStoreMadeAtTheFirstVersionIsMigratedAndKeepsItsRuns() throws {
        let p = path()
        let old = try RunStore(path: p, upTo: "v1: runs, epochs, results, files")
        let id = try old.begin(StoreFixtures.start())
        try old.appendEpoch(run: id, StoreFixtures.epoch(1))
        let current = try RunStore(path: p)
        XCTAssertEqual(try current.run(id).epochs, [StoreFixtures.epoch(1)])
        let report = try current.begin(StoreFixtures.start(.report))
        try current.addResults(run: report, [MetricValue("accuracy", 0.75)])
        let curve = ROCCurve(points: [(0, 0), (0.5, 1), (1, 1)], auc: 0.75)
        try current.addROC(run: report, curve)
        let stored = try current.run(report)
        XCTAssertEqual(stored.roc, curve)
        XCTAssertEqual(stored.results, [MetricValue("accuracy", 0.75), MetricValue("auc", 0.75)])
    }

    func testNaNAndInfinityRoundTrip() throws {
        let store = try RunStore(path: path())
        let id = try store.begin(StoreFixtures.start())
        try store.appendEpoch(run: id, EpochRecord(epoch: 1, values: [MetricValue("loss", .nan), MetricValue("val_loss", .infinity)],
                                                   seconds: nil))
        let epoch = try store.run(id).epochs[0]
        XCTAssertTrue(epoch.value(of: "loss")!.isNaN)
        XCTAssertEqual(epoch.value(of: "val_loss"), .infinity)
        XCTAssertNil(epoch.seconds)
    }

    func testReopeningKeepsRunsAndAppliesNoMigrationTwice() throws {
        let p = path()
        _ = try StoreFixtures.twoRuns(at: p)
        let again = try RunStore(path: p)
        XCTAssertEqual(try again.lastRunID(), 2)
        XCTAssertEqual(try again.recent().map(\.id), [2, 1])
        XCTAssertEqual(try again.recent(model: "other").count, 0)
        XCTAssertEqual(try again.recent(limit: 1).map(\.id), [2])
    }

    func testFileThatIsNotAStoreIsRefusedWithItsPath() throws {
        let p = path()
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try String(repeating: "not a database\n", count: 100).write(toFile: p, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RunStore(path: p)) { error in
            guard case .cannotOpen(let where_, _)? = error as? RunStoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(where_, p)
        }
    }

    /// Two connections (as two processes would have) writing runs epoch by epoch at once.
    func testConcurrentWritersKeepEveryEpoch() throws {
        let p = path()
        _ = try RunStore(path: p)
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: 4) { writer in
            do {
                let store = try RunStore(path: p)
                for _ in 0..<5 {
                    let id = try store.begin(StoreFixtures.start(session: "W\(writer)"))
                    for e in 1...10 { try store.appendEpoch(run: id, StoreFixtures.epoch(e)) }
                    try store.finish(run: id, status: .finished, at: Date())
                }
            } catch {
                errors.add(error)
            }
        }
        XCTAssertEqual(errors.all.map { "\($0)" }, [])
        let store = try RunStore(path: p)
        let runs = try store.recent(limit: 100)
        XCTAssertEqual(runs.count, 20)
        XCTAssertTrue(runs.allSatisfy { $0.epochs.count == 10 && $0.status == .finished })
    }
}

/// Errors gathered from several threads.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error] = []
    func add(_ error: Error) { lock.withLock { errors.append(error) } }
    var all: [Error] { lock.withLock { errors } }
}
