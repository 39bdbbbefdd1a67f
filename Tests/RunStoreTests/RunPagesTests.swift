import Foundation
@testable import RunServer
@testable import RunStore
import Training
import XCTest

/// What `lab serve` sends, read without a browser: JSON cells, one chart point per epoch, the
/// confusion matrix of a report, and a page that loads nothing from elsewhere.
final class RunPagesTests: XCTestCase {
    private var store: RunStore!
    private var path = ""

    override func setUpWithError() throws {
        path = StoreFixtures.temporaryPath()
        store = try StoreFixtures.twoRuns(at: path)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent)
    }

    func testRunsJSONHasTheListsCells() throws {
        let json = RunPages.runsJSON(try store.recent())
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]])
        XCTAssertEqual(rows.map { $0["id"] }, ["2", "1"])
        XCTAssertEqual(rows[1], ["id": "1", "when": "2026-12-03 01:54", "kind": "train", "status": "finished", "model": "m",
                                 "data": "s.train, s.val", "epochs": "2", "best_val": "val_accuracy 0.6500", "test": "accuracy 0.8125"])
    }

    func testRunFragmentChartsHaveOnePointPerEpochPerSeries() throws {
        let html = RunPages.runFragment(try store.run(1))
        for id in ["chart-loss", "chart-accuracy"] {
            let start = try XCTUnwrap(html.range(of: "id=\"\(id)\""))
            let end = try XCTUnwrap(html.range(of: "</div>", range: start.upperBound..<html.endIndex))
            XCTAssertEqual(html[start.upperBound..<end.lowerBound].components(separatedBy: "<circle").count - 1, 4, id)
        }
        XCTAssertFalse(html.contains("<?xml"), "inline SVG carries no XML declaration")
        XCTAssertTrue(html.contains("<pre class=\"detail\">run 1: train m on s.train, s.val (finished)"))
    }

    func testReportFragmentShowsTheConfusionMatrix() {
        let table = RunPages.confusionTable([MetricValue("accuracy", 0.5), MetricValue("confusion[neg,neg]", 21),
                                             MetricValue("confusion[neg,pos]", 84), MetricValue("confusion[pos,neg]", 8),
                                             MetricValue("confusion[pos,pos]", 87)])
        XCTAssertEqual(table, """
            <table class="confusion"><caption>confusion matrix (rows: true class, columns: predicted class)</caption>
            <tr><th></th><th>neg</th><th>pos</th></tr>
            <tr><th>neg</th><td>21</td><td>84</td></tr>
            <tr><th>pos</th><td>8</td><td>87</td></tr>
            </table>

            """)
    }

    func testReportFragmentDrawsItsROCCurve() throws {
        let report = try store.begin(StoreFixtures.start(.report))
        try store.addResults(run: report, [MetricValue("accuracy", 0.75), MetricValue("confusion[0,0]", 1)])
        try store.addROC(run: report, ROCCurve(points: [(0, 0), (0.5, 1), (1, 1)], auc: 0.75))
        let html = RunPages.runFragment(try store.run(report))
        XCTAssertTrue(html.contains("<div class=\"chart\" id=\"chart-roc\">\n<svg"), html)
        XCTAssertTrue(html.contains("AUC"), html)
        XCTAssertTrue(html.contains("<table class=\"confusion\">"), html)
    }

    func testPageLoadsNothingFromElsewhere() {
        XCTAssertFalse(RunPages.page.contains("http://") || RunPages.page.contains("https://") || RunPages.page.contains("src="))
    }

    func testServerAnswersOnLoopback() throws {
        let port = UInt16.random(in: 20_000...60_000)
        let server = try RunServer(store: store, port: port)
        defer { server.stop() }
        XCTAssertEqual(server.address, "127.0.0.1:\(port)")
        let data = try Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/api/runs")!)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), RunPages.runsJSON(try store.recent(limit: 200)))
        XCTAssertThrowsError(try RunServer(store: store, port: port), "the port is taken")
    }
}
