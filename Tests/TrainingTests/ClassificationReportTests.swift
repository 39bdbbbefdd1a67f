import Training
import XCTest

/// Confusion counts and scores against values computed by hand (and by scikit-learn:
/// scripts/sklearn_classification_report.py).
final class ClassificationReportTests: XCTestCase {
    /// Three classes, the third never predicted: its precision divides by zero and is 0.
    let report = ClassificationReport(trueClasses: [0, 0, 0, 1, 1, 2, 2, 2, 2],
                                      predictedClasses: [0, 0, 1, 1, 0, 0, 0, 1, 1], classCount: 3)

    func testConfusionRowsAreTrueClasses() {
        XCTAssertEqual(report.confusion, [[2, 1, 0], [1, 1, 0], [2, 2, 0]])
        XCTAssertEqual(report.total, 9)
    }

    func testPerClassScores() {
        // Class 0: TP 2 of 5 predicted, 3 true; class 1: TP 1 of 4 predicted, 2 true; class 2: none predicted.
        let expected: [(Double, Double, Double, Int)] = [(0.4, 2.0 / 3, 0.5, 3), (0.25, 0.5, 1.0 / 3, 2), (0, 0, 0, 4)]
        for (scores, e) in zip(report.classes, expected) {
            XCTAssertEqual(scores.precision, e.0, accuracy: 1e-12)
            XCTAssertEqual(scores.recall, e.1, accuracy: 1e-12)
            XCTAssertEqual(scores.f1, e.2, accuracy: 1e-12)
            XCTAssertEqual(scores.support, e.3)
        }
    }

    func testAccuracyAndAverages() {
        XCTAssertEqual(report.accuracy, 3.0 / 9, accuracy: 1e-12)
        let macro = report.macroAverage
        XCTAssertEqual(macro.precision, 0.65 / 3, accuracy: 1e-12)
        XCTAssertEqual(macro.recall, (2.0 / 3 + 0.5) / 3, accuracy: 1e-12)
        XCTAssertEqual(macro.f1, (0.5 + 1.0 / 3) / 3, accuracy: 1e-12)
        XCTAssertEqual(macro.support, 9)
        let weighted = report.weightedAverage
        XCTAssertEqual(weighted.precision, (3 * 0.4 + 2 * 0.25) / 9, accuracy: 1e-12)
        XCTAssertEqual(weighted.recall, 3.0 / 9, accuracy: 1e-12)
        XCTAssertEqual(weighted.f1, (3 * 0.5 + 2.0 / 3) / 9, accuracy: 1e-12)
    }

    func testEmptySplitScoresZeroWithoutDividingByZero() {
        let empty = ClassificationReport(trueClasses: [], predictedClasses: [], classCount: 2)
        XCTAssertEqual(empty.accuracy, 0)
        XCTAssertEqual(empty.macroAverage.f1, 0)
        XCTAssertEqual(empty.weightedAverage.precision, 0)
    }
}
