import Foundation
import Rendering
import Training
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SVG chart: golden file, well-formed XML, escaping, NaN gaps.
final class SVGChartTests: XCTestCase {
    func chart() -> String {
        let h = Fixtures.lstm
        return SVGChart.render([ChartSeries(name: "loss", history: h, key: "loss"),
                                ChartSeries(name: "val_loss", history: h, key: "val_loss")],
                               title: "lstm1: loss & val_loss <3 epochs>", yTitle: "loss", width: 480, height: 300)
    }

    func testGoldenFile() {
        assertGolden(chart(), "chart_loss.svg")
    }

    func testWellFormedWithEscapedText() throws {
        let svg = chart()
        let document = try XMLDocument(xmlString: svg)
        let root = try XCTUnwrap(document.rootElement())
        XCTAssertEqual(root.name, "svg")
        XCTAssertEqual(root.attributes?.first { $0.name == "viewBox" }?.stringValue, "0 0 480 300")
        XCTAssertEqual(root.uri, "http://www.w3.org/2000/svg")
        XCTAssertTrue(svg.contains("lstm1: loss &amp; val_loss &lt;3 epochs&gt;"))
        XCTAssertEqual(try root.nodes(forXPath: "//*[local-name()='polyline']").count, 2)
    }

    func testNaNSplitsPolylineAndEmptyChartStaysValid() throws {
        let gap = SVGChart.render([ChartSeries(name: "loss", points: [(1, 1), (2, 0.8), (3, .nan), (4, 0.5), (5, 0.4)])], title: "gap")
        XCTAssertEqual(gap.components(separatedBy: "<polyline").count - 1, 2)
        XCTAssertFalse(gap.contains("nan"))
        let empty = SVGChart.render([ChartSeries(name: "loss", points: [(1, .nan)])], title: "none")
        XCTAssertNoThrow(try XMLDocument(xmlString: empty))
        XCTAssertTrue(empty.contains("no finite values"))
    }
}
