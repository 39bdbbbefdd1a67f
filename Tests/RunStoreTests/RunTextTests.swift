import Foundation
@testable import RunStore
import Rendering
import Training
import XCTest

/// Golden text of `runs`, `show run N` and `compare run …` (times in UTC, fixed by the fixtures).
/// `LAB_UPDATE_GOLDEN=1` rewrites the files under `Golden/` from the current output.
final class RunTextTests: XCTestCase {
    private var store: RunStore!
    private var path = ""

    override func setUpWithError() throws {
        path = StoreFixtures.temporaryPath()
        store = try StoreFixtures.twoRuns(at: path)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent)
    }

    private func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)").path
        if ProcessInfo.processInfo.environment["LAB_UPDATE_GOLDEN"] == "1" { try text.write(toFile: golden, atomically: true, encoding: .utf8) }
        XCTAssertEqual(text, try String(contentsOfFile: golden, encoding: .utf8), file: file, line: line)
    }

    func testRunsListGolden() throws {
        try assertGolden(RunText.list(try store.recent(), storePath: path), "runs.txt")
        XCTAssertEqual(RunText.list([], storePath: "runs/lab.sqlite"), "no runs recorded in runs/lab.sqlite\n")
    }

    func testShowRunGolden() throws {
        try assertGolden(RunText.detail(try store.run(1)), "show_run_train.txt")
        try assertGolden(RunText.detail(try store.run(2)), "show_run_evaluate.txt")
    }

    func testCompareRowsReuseTheCompareTable() throws {
        try assertGolden(CompareTable.render([RunText.compareRow(try store.run(1))]), "compare_run.txt")
    }
}
