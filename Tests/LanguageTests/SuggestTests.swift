import Language
import XCTest

/// Edit distance and "did you mean" choices.
final class SuggestTests: XCTestCase {
    func testEditDistance() {
        XCTAssertEqual(Suggest.editDistance("", "abc"), 3)
        XCTAssertEqual(Suggest.editDistance("lstm", "lstm"), 0)
        XCTAssertEqual(Suggest.editDistance("lstn", "lstm"), 1)
        XCTAssertEqual(Suggest.editDistance("trian", "train"), 1, "a swap of neighbours costs 1")
        XCTAssertEqual(Suggest.editDistance("kitten", "sitting"), 3)
    }

    func testClosestWithinTheLimitOrNone() {
        let layers = ["embedding", "lstm", "dense", "dropout", "globalmaxpool1d"]
        XCTAssertEqual(Suggest.closest(to: "lstn", in: layers), "lstm")
        XCTAssertEqual(Suggest.closest(to: "LSTN", in: layers), "lstm")
        XCTAssertEqual(Suggest.closest(to: "embeding", in: layers), "embedding")
        XCTAssertEqual(Suggest.closest(to: "glob", in: layers), "globalmaxpool1d")
        XCTAssertNil(Suggest.closest(to: "xyz", in: layers))
        XCTAssertNil(Suggest.closest(to: "transformer", in: layers))
    }
}
