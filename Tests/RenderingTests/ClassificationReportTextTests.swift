import Foundation
import Rendering
import Training
import XCTest

/// `report`'s text: the confusion matrix, then scikit-learn's classification report exactly
/// (the golden `classification_report_sklearn.txt` is scikit-learn's own output, from
/// scripts/sklearn_classification_report.py).
final class ClassificationReportTextTests: XCTestCase {
    let report = ClassificationReport(trueClasses: [0, 0, 0, 1, 1, 2, 2, 2, 2],
                                      predictedClasses: [0, 0, 1, 1, 0, 0, 0, 1, 1], classCount: 3)

    func testGoldenText() {
        assertGolden(ClassificationReportText.render(report, classNames: ["negative", "neutral", "positive"]),
                     "classification_report.txt")
    }

    func testScoresAreScikitLearnsTextCharacterForCharacter() throws {
        let text = ClassificationReportText.render(report, classNames: ["negative", "neutral", "positive"])
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let sklearn = try String(contentsOf: folder.appendingPathComponent("classification_report_sklearn.txt"), encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n" + sklearn), text)
    }

    /// A class name longer than `weighted avg` widens the name column, as scikit-learn does.
    func testLongClassNameWidensTheNameColumn() {
        let binary = ClassificationReport(trueClasses: [0, 1], predictedClasses: [0, 1], classCount: 2)
        let text = ClassificationReportText.render(binary, classNames: ["very negative one", "positive"])
        XCTAssertTrue(text.contains("\nvery negative one       1.00      1.00      1.00         1\n"), text)
        XCTAssertTrue(text.contains("\n     weighted avg       1.00      1.00      1.00         2\n"), text)
    }
}
