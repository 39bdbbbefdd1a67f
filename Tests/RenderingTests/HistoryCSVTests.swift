import Rendering
import Training
import XCTest

/// Golden text for `export MODEL to "x.csv"` and the exact round trip of its numbers.
final class HistoryCSVTests: XCTestCase {
    func testHeaderAndRows() {
        XCTAssertEqual(HistoryCSV.render(Fixtures.lstm), """
            epoch,loss,accuracy,val_loss,val_accuracy
            1,0.6931,0.5012,0.6925,0.51
            2,0.4102,0.8207,0.3811,0.8433
            3,0.2301,0.9125,0.4012,0.8391

            """)
    }

    func testNumbersRoundTripAndSpecialValues() {
        let awkward: [Float] = [1.0 / 3.0, 1e-5, 123456.79, .ulpOfOne]
        var h = History()
        for v in awkward { h.append(train: [MetricValue("loss", v)], seconds: 1) }
        h.append(train: [MetricValue("loss", .nan)], validation: [MetricValue("loss", -.infinity)], seconds: 1)
        let lines = HistoryCSV.render(h).split(separator: "\n")
        XCTAssertEqual(lines.first, "epoch,loss,val_loss")
        let parsed = lines.dropFirst().prefix(awkward.count).map { Float($0.split(separator: ",", omittingEmptySubsequences: false)[1])! }
        XCTAssertEqual(parsed, awkward)
        XCTAssertEqual(lines[1], "1,0.33333334,")
        XCTAssertEqual(lines.last, "5,nan,-inf")
    }

    func testEmptyHistoryIsHeaderOnly() {
        XCTAssertEqual(HistoryCSV.render(History()), "epoch\n")
    }
}
