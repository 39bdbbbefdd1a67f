import Foundation
import Training

/// `report MODEL on DATA.split`: a confusion matrix, then scikit-learn's `classification_report`
/// text character for character (2 decimals, its column widths and blank lines).
///
/// ```
/// confusion matrix (rows: true class, columns: predicted class)
///           negative  positive
/// negative         2         1
/// positive         1         3
///
///               precision    recall  f1-score   support
///
///     negative       0.67      0.67      0.67         3
///     positive       0.75      0.75      0.75         4
///
///     accuracy                           0.71         7
///    macro avg       0.71      0.71      0.71         7
/// weighted avg       0.71      0.71      0.71         7
/// ```
public enum ClassificationReportText {
    /// The text, ending with a newline.
    /// - Parameters:
    ///   - report: the counts and scores.
    ///   - classNames: one name per class, in class index order.
    public static func render(_ report: ClassificationReport, classNames: [String]) -> String {
        precondition(classNames.count == report.classes.count, "ClassificationReportText: one name per class")
        return confusion(report, classNames) + "\n" + scores(report, classNames)
    }

    private static func confusion(_ report: ClassificationReport, _ names: [String]) -> String {
        let counts = report.confusion.flatMap { $0.map(String.init) }
        let cell = max(names.map(\.count).max() ?? 0, counts.map(\.count).max() ?? 0)
        let nameWidth = names.map(\.count).max() ?? 0
        var out = "confusion matrix (rows: true class, columns: predicted class)\n"
        out += pad("", nameWidth) + names.map { "  " + pad($0, cell) }.joined() + "\n"
        for (name, row) in zip(names, report.confusion) {
            out += name + String(repeating: " ", count: nameWidth - name.count) + row.map { "  " + pad(String($0), cell) }.joined() + "\n"
        }
        return out
    }

    /// scikit-learn's layout: names right-aligned to the widest of them and `weighted avg`,
    /// then one space and each column as ` {:>9}`.
    private static func scores(_ report: ClassificationReport, _ names: [String]) -> String {
        let width = max(names.map(\.count).max() ?? 0, "weighted avg".count)
        func number(_ value: Double) -> String { " " + pad(String(format: "%.2f", value), 9) }
        func line(_ heading: String, _ s: ClassificationReport.Scores) -> String {
            pad(heading, width) + " " + number(s.precision) + number(s.recall) + number(s.f1) + " " + pad(String(s.support), 9) + "\n"
        }
        var out = pad("", width) + " " + ["precision", "recall", "f1-score", "support"].map { " " + pad($0, 9) }.joined() + "\n\n"
        for (name, s) in zip(names, report.classes) { out += line(name, s) }
        out += "\n" + pad("accuracy", width) + " " + String(repeating: " ", count: 20) + number(report.accuracy)
            + " " + pad(String(report.total), 9) + "\n"
        out += line("macro avg", report.macroAverage)
        out += line("weighted avg", report.weightedAverage)
        return out
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
