import Rendering
import Training
import XCTest

/// Golden braille charts and the edge cases: one epoch, flat lines, NaN gaps, no values.
final class TerminalChartTests: XCTestCase {
    func testLossAndValidationLossPlain() {
        let h = Fixtures.lstm
        let chart = TerminalChart.render([ChartSeries(name: "loss", history: h, key: "loss"),
                                          ChartSeries(name: "val_loss", history: h, key: "val_loss")],
                                         width: 30, height: 8, colors: false)
        assertGolden(chart, "chart_loss_plain.txt")
        XCTAssertFalse(chart.contains("\u{1B}"))
    }

    func testSeveralModelsColoured() {
        let chart = TerminalChart.render([ChartSeries(name: "lstm1 loss", history: Fixtures.lstm, key: "loss"),
                                          ChartSeries(name: "cnn loss", history: Fixtures.cnn, key: "loss")],
                                         width: 24, height: 6, colors: true)
        assertGolden(chart, "chart_two_models_color.txt")
        XCTAssertTrue(chart.contains("\u{1B}[38;5;33m━━\u{1B}[0m lstm1 loss"))
        XCTAssertTrue(chart.contains("\u{1B}[38;5;208m━━\u{1B}[0m cnn loss"))
    }

    func testOneEpochFlatLineAndGaps() {
        let one = TerminalChart.render([ChartSeries(name: "loss", points: [(1, 0.5)])], width: 10, height: 4, colors: false)
        assertGolden(one, "chart_one_epoch.txt")
        let flat = TerminalChart.render([ChartSeries(name: "acc", points: [(1, 0), (2, 0), (3, 0)])], width: 10, height: 4, colors: false)
        assertGolden(flat, "chart_flat_zero.txt")
        let gap = TerminalChart.render([ChartSeries(name: "loss", points: [(1, 1), (2, .nan), (3, 0.5), (4, 0.25)])],
                                       width: 12, height: 4, colors: false)
        assertGolden(gap, "chart_nan_gap.txt")
        XCTAssertEqual(TerminalChart.render([ChartSeries(name: "loss", points: [(1, .nan)])], colors: false),
                       "nothing to plot: no finite values\n")
    }

    func testAxisScales() {
        let y = AxisScale.values(low: 0.2301, high: 0.6931, tickCount: 5)
        XCTAssertEqual(y.ticks.map(y.label), ["0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
        XCTAssertEqual(y.lower, 0.2, accuracy: 1e-12)
        XCTAssertEqual(y.upper, 0.7, accuracy: 1e-12)
        XCTAssertEqual(AxisScale.epochs(first: 1, last: 10, tickCount: 5).ticks, [2, 4, 6, 8, 10])
        XCTAssertEqual(AxisScale.epochs(first: 1, last: 3, tickCount: 2).ticks, [2])
        XCTAssertEqual(AxisScale.epochs(first: 1, last: 2, tickCount: 2).ticks, [1, 2])
        XCTAssertEqual(AxisScale.epochs(first: 4, last: 4, tickCount: 5).ticks, [4])
    }
}
