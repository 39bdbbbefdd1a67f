import TensorCore
import LabData
import Rendering
import Training
import XCTest

/// Golden text for `compare m1 m2 …`.
final class CompareTableTests: XCTestCase {
    func testOneRowPerModel() {
        let rows = [CompareTable.Row(model: "lstm1", history: Fixtures.lstm, parameters: 693_301),
                    CompareTable.Row(model: "cnn", history: Fixtures.cnn, parameters: 2_080_253),
                    CompareTable.Row(model: "fresh", history: History(), parameters: 51)]
        XCTAssertEqual(CompareTable.render(rows), """
            model  train loss  val loss  best val loss  best epoch  test loss  test accuracy     params    time
            -----  ----------  --------  -------------  ----------  ---------  -------------  ---------  ------
            lstm1      0.2301    0.4012         0.3811           2     0.3100         0.8712    693,301  2m 36s
            cnn        0.3500         -              -           -          -              -  2,080,253    8.5s
            fresh           -         -              -           -          -              -         51       -

            """)
    }

    func testDurations() {
        XCTAssertEqual(NumberFormat.duration(8.44), "8.4s")
        XCTAssertEqual(NumberFormat.duration(59.96), "1m 00s")
        XCTAssertEqual(NumberFormat.duration(156), "2m 36s")
        XCTAssertEqual(NumberFormat.duration(3725), "1h 02m 05s")
    }
}
