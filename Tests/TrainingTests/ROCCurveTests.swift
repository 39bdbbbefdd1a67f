import Training
import XCTest

/// ROC points against scikit-learn's `roc_curve(drop_intermediate=False)` for the same input
/// (scripts/sklearn_classification_report.py).
final class ROCCurveTests: XCTestCase {
    func testPointsAndAreaMatchScikitLearn() throws {
        // Scores 0.8 tie between a positive and a negative: one diagonal step.
        let curve = try XCTUnwrap(ROCCurve(predictions: [0.9, 0.8, 0.8, 0.4, 0.3, 0.1], targets: [1, 1, 0, 1, 0, 0]))
        let third = 1.0 / 3
        let expected: [(Double, Double)] = [(0, 0), (0, third), (third, 2 * third), (third, 1), (2 * third, 1), (1, 1)]
        XCTAssertEqual(curve.points.count, expected.count)
        for (p, e) in zip(curve.points, expected) {
            XCTAssertEqual(p.fpr, e.0, accuracy: 1e-12)
            XCTAssertEqual(p.tpr, e.1, accuracy: 1e-12)
        }
        XCTAssertEqual(curve.auc, 5.0 / 6, accuracy: 1e-6)
    }

    func testOneClassHasNoCurve() {
        XCTAssertNil(ROCCurve(predictions: [0.2, 0.7], targets: [1, 1]))
        XCTAssertNil(ROCCurve(predictions: [0.2, 0.7], targets: [0, 0]))
    }
}
