import Rendering
import XCTest

/// `predict … top=N`: highest and lowest rows, ties in index order, long texts cut to one line.
final class PredictionListingTests: XCTestCase {
    func testGolden() {
        let text = PredictionListing.render(top: 2, probabilities: [0.5, 0.91, 0.12, 0.91, 0.03],
                                            texts: ["fine", "a joy\nto watch", "dull", "great fun", String(repeating: "bad ", count: 20)],
                                            labels: ["positive", "positive", "negative", "positive", "negative"], textWidth: 20)
        XCTAssertEqual(text, """
            most positive
            index  probability  label     text
            -----  -----------  --------  --------------
                1       0.9100  positive  a joy to watch
                3       0.9100  positive  great fun
            most negative
            index  probability  label     text
            -----  -----------  --------  --------------------
                4       0.0300  negative  bad bad bad bad bad…
                2       0.1200  negative  dull

            """)
    }

    func testRowsWithoutTextAndTopBeyondTheRows() {
        let text = PredictionListing.render(top: 5, probabilities: [0.2], texts: nil, labels: ["1"])
        XCTAssertEqual(text.components(separatedBy: "\n").filter { $0.hasPrefix("    0") }.count, 2)
    }
}
