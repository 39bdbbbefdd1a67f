import Foundation
import Language
import XCTest

/// Every bundled experiment runs green: its `expect` lines are its assertions.
///
/// The scripts run at their full settings (each takes seconds to a few minutes
/// on 2 cores), from the repository root, writing under `runs/`.
final class ExperimentTests: XCTestCase {
    func runExperiment(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(RepositoryPaths.root))
        let sink = Transcript()
        let interpreter = Interpreter(session: Session(console: Console(isTerminal: false) { sink.append($0) }, isInteractive: false))
        do {
            try ScriptRunner.run(path: "experiments/\(name).exp", in: interpreter)
        } catch {
            XCTFail("\(name).exp failed:\n\(ScriptRunner.render(error))\n--- output ---\n\(sink.value)", file: file, line: line)
            return
        }
        let expectations = sink.value.components(separatedBy: "\n").filter { $0.hasPrefix("ok: ") }
        XCTAssertFalse(expectations.isEmpty, "\(name).exp asserted nothing", file: file, line: line)
    }

    func testEveryExperimentIsCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.root + "/experiments")
        let covered = ["quickstart", "imdb_lstm", "amazon_lstm_depth", "amazon_fasttext", "tfds_lstm", "amazon_sparse_chunks", "sst2_lstm",
                       "imdb_variants", "amazon_word2vec",
                       "distributed_sst2"]  // run under mpirun by DataParallelTests
        XCTAssertEqual(Set(files.filter { $0.hasSuffix(".exp") }.map { String($0.dropLast(4)) }), Set(covered))
    }

    func testQuickstart() { runExperiment("quickstart") }
    func testIMDBLSTM() { runExperiment("imdb_lstm") }
    func testIMDBVariants() { runExperiment("imdb_variants") }
    func testAmazonLSTMDepth() { runExperiment("amazon_lstm_depth") }
    func testAmazonFastText() { runExperiment("amazon_fasttext") }
    func testTFDSLSTM() { runExperiment("tfds_lstm") }
    func testAmazonSparseChunks() { runExperiment("amazon_sparse_chunks") }
    func testSST2QualityBar() { runExperiment("sst2_lstm") }
    func testAmazonWord2Vec() { runExperiment("amazon_word2vec") }

    /// `lab check` validates every experiment without loading data: the same pass, in well under a second.
    func testCheckerAcceptsEveryExperimentQuickly() throws {
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(RepositoryPaths.root))
        let start = Date()
        for name in try FileManager.default.contentsOfDirectory(atPath: "experiments") where name.hasSuffix(".exp") {
            var checker = Checker()
            let problems = checker.check(try ScriptRunner.parse(path: "experiments/" + name))
            XCTAssertEqual(problems.map { ScriptRunner.render($0) }, [], name)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
    }
}
