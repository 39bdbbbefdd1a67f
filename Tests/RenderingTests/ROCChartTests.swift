import Rendering
import Training
import XCTest

/// `plot MODEL roc`: the shared charts on a fixed six-row curve, AUC in the title.
final class ROCChartTests: XCTestCase {
    let curve = ROCCurve(predictions: [0.9, 0.8, 0.8, 0.4, 0.3, 0.1], targets: [1, 1, 0, 1, 0, 0])!

    func testTerminalGolden() {
        assertGolden(ROCChart.terminal(curve, model: "m", data: "s.test", colors: false, width: 30, height: 8), "roc_plain.txt")
    }

    func testSVGGolden() {
        let svg = ROCChart.svg(curve, model: "m", data: "s.test")
        XCTAssertTrue(svg.contains(">m ROC on s.test (AUC 0.8333)</text>"))
        assertGolden(svg, "roc.svg")
    }
}
