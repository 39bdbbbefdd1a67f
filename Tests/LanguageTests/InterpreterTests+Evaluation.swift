import Foundation
import XCTest

/// `report`, `plot … roc` and `predict … on` agree with `evaluate` on the same split.
extension InterpreterTests {
    func testReportROCAndPredictionsAgreeWithEvaluate() throws {
        let (output, error) = run(small + """
            compile m metrics=accuracy,auc
            train m on s.train epochs=2 batch=64
            evaluate m on s.val
            report m on s.val
            plot m roc on s.val to "\(folder)/roc.svg"
            predict m on s.val top=2
            predict m on s.val to "\(folder)/p.csv"
            """)
        XCTAssertNil(error, output)
        let lines = output.components(separatedBy: "\n")
        // evaluate: `loss: 0.6912 - accuracy: 0.5400 - auc: 0.7146`
        let evaluation = try XCTUnwrap(lines.first { $0.hasPrefix("loss: ") })
        let values = Dictionary(uniqueKeysWithValues: evaluation.components(separatedBy: " - ").map {
            let pair = $0.components(separatedBy: ": ")
            return (pair[0], Double(pair[1])!)
        })
        // The report's accuracy row is evaluate's accuracy to 2 decimals; supports are the split's class counts.
        let accuracyRow = try XCTUnwrap(lines.first { $0.hasPrefix("    accuracy ") })
        XCTAssertEqual(accuracyRow, "    accuracy                           \(String(format: "%.2f", values["accuracy"]!))       200")
        XCTAssertTrue(lines.contains { $0.hasPrefix("           0 ") && $0.hasSuffix("       105") }, output)
        XCTAssertTrue(lines.contains { $0.hasPrefix("           1 ") && $0.hasSuffix("        95") }, output)
        XCTAssertTrue(output.contains("              precision    recall  f1-score   support\n"), output)
        // The curve's AUC is evaluate's exact AUC.
        let svg = try String(contentsOfFile: folder + "/roc.svg", encoding: .utf8)
        XCTAssertTrue(svg.contains("m ROC on s.val (AUC \(String(format: "%.4f", values["auc"]!)))"), svg)

        // top=2: two rows per table, highest first, every listed positive above every listed negative.
        let positive = try XCTUnwrap(lines.firstIndex(of: "most positive")), negative = try XCTUnwrap(lines.firstIndex(of: "most negative"))
        func probabilities(_ rows: ArraySlice<String>) -> [Double] { rows.map { Double($0.split(separator: " ")[1])! } }
        let high = probabilities(lines[(positive + 3)...(positive + 4)]), low = probabilities(lines[(negative + 3)...(negative + 4)])
        XCTAssertEqual(negative, positive + 5, output)
        XCTAssertGreaterThanOrEqual(high[0], high[1])
        XCTAssertLessThanOrEqual(low[0], low[1])
        XCTAssertGreaterThan(high[1], low[1])

        // The CSV: one row per review with its text and true label; predicted follows the probability.
        let csv = try String(contentsOfFile: folder + "/p.csv", encoding: .utf8).components(separatedBy: "\n").dropLast()
        XCTAssertEqual(csv.first, "index,text,label,predicted,probability")
        XCTAssertEqual(csv.count, 201)
        var trueCounts = [String: Int]()
        for row in csv.dropFirst() {
            let fields = row.components(separatedBy: ",")
            let probability = try XCTUnwrap(Double(fields[fields.count - 1]))
            XCTAssertEqual(fields[fields.count - 2], probability > 0.5 ? "1" : "0", row)
            trueCounts[fields[fields.count - 3], default: 0] += 1
        }
        XCTAssertEqual(trueCounts, ["0": 105, "1": 95])
        XCTAssertTrue(csv[1].hasPrefix("0,I have bought this Nokia cell phone"), csv[1])
    }

    /// The ROC curve and `top=` rank one score; a softmax model has one per class, and `report` still works.
    func testROCAndTopNeedOneSigmoidOutput() {
        let softmax = small.replacingOccurrences(of: "dense 1 sigmoid", with: "dense 2 softmax")
            + "train m on s.train epochs=1 batch=100\nreport m on s.val\n"
        let (reported, reportError) = run(softmax)
        XCTAssertNil(reportError, reported)
        XCTAssertTrue(reported.contains("weighted avg"), reported)
        let (_, rocError) = run(softmax + "plot m roc on s.val")
        XCTAssertEqual(rocError?.components(separatedBy: "\n").first,
                       "t.exp:12:1: error: plot … roc needs a binary model (one sigmoid output); m has 2 outputs")
        let (_, topError) = run(softmax + "predict m on s.val top=3")
        XCTAssertEqual(topError?.components(separatedBy: "\n").first,
                       "t.exp:12:1: error: top= needs a binary model (one sigmoid output); m has 2 outputs")
    }
}
