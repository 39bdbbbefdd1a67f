import TensorCore
import Training
import XCTest

/// Metrics against values computed by hand (and, for AUC, by counting pairs).
final class MetricsTests: XCTestCase {
    // 8 samples: predictions vs targets at threshold 0.5 (0.5 itself is negative, as in Keras).
    let predictions: [Float] = [0.9, 0.8, 0.6, 0.5, 0.4, 0.3, 0.7, 0.1]
    let targets: [Float] =     [1,   1,   0,   1,   0,   0,   1,   1]
    // Predicted positive: 0.9 0.8 0.6 0.7 → TP 3 (0.9 0.8 0.7), FP 1 (0.6)
    // Predicted negative: 0.5 0.4 0.3 0.1 → FN 2 (0.5 0.1), TN 2 (0.4 0.3)

    func testConfusionCounts() {
        let c = BinaryConfusion(predictions: predictions, targets: targets)
        XCTAssertEqual([c.truePositives, c.falsePositives, c.trueNegatives, c.falseNegatives], [3, 1, 2, 2])
    }

    func testBinaryAccuracyThresholdsStrictlyAboveHalf() {
        XCTAssertEqual(Metrics.binaryAccuracy(predictions: predictions, targets: targets), 5.0 / 8.0)
        XCTAssertEqual(Metrics.binaryAccuracy(predictions: [0.5], targets: [0]), 1)
        XCTAssertEqual(Metrics.binaryAccuracy(predictions: [0.5], targets: [1]), 0)
    }

    func testPrecisionRecallF1() {
        XCTAssertEqual(Metrics.precision(predictions: predictions, targets: targets), 3.0 / 4.0)
        XCTAssertEqual(Metrics.recall(predictions: predictions, targets: targets), 3.0 / 5.0)
        // 2·(3/4)·(3/5) / (3/4 + 3/5) = 0.9 / 1.35 = 2/3
        XCTAssertEqual(Metrics.f1(predictions: predictions, targets: targets), 2.0 / 3.0, accuracy: 1e-6)
    }

    func testZeroDenominatorsGiveZero() {
        // Nothing predicted positive: precision 0/0 → 0; recall 0/2 = 0; F1 → 0.
        XCTAssertEqual(Metrics.precision(predictions: [0.1, 0.2], targets: [1, 1]), 0)
        XCTAssertEqual(Metrics.f1(predictions: [0.1, 0.2], targets: [1, 1]), 0)
        // No positive targets: recall 0/0 → 0.
        XCTAssertEqual(Metrics.recall(predictions: [0.9, 0.2], targets: [0, 0]), 0)
        XCTAssertEqual(Metrics.binaryAccuracy(predictions: [], targets: []), 0)
    }

    func testAUCWithoutTies() {
        // Positives 0.35, 0.8; negatives 0.1, 0.4: pairs won 1 + 0 + 1 + 1 = 3 of 4.
        XCTAssertEqual(Metrics.auc(predictions: [0.1, 0.4, 0.35, 0.8], targets: [0, 0, 1, 1]), 0.75)
    }

    func testAUCTiesCountHalf() {
        // Positives 0.5, 0.8; negatives 0.5, 0.2: pairs 0.5 (tie) + 1 + 1 + 1 = 3.5 of 4.
        XCTAssertEqual(Metrics.auc(predictions: [0.5, 0.5, 0.2, 0.8], targets: [1, 0, 0, 1]), 0.875)
        // Everything tied: the ROC curve is the diagonal.
        XCTAssertEqual(Metrics.auc(predictions: [0.3, 0.3, 0.3, 0.3, 0.3], targets: [1, 0, 0, 1, 0]), 0.5)
    }

    func testAUCMatchesPairCountingOnLargerInput() {
        // Values on a coarse grid so ties are frequent.
        let p: [Float] = (0..<60).map { Float(($0 * 37) % 11) / 10 }
        let t: [Float] = (0..<60).map { Float(($0 * 13 + $0 / 7) % 3 == 0 ? 1 : 0) }
        var won = 0.0, pairs = 0.0
        for i in p.indices where t[i] == 1 {
            for j in p.indices where t[j] == 0 {
                pairs += 1
                won += p[i] > p[j] ? 1 : (p[i] == p[j] ? 0.5 : 0)
            }
        }
        XCTAssertEqual(Double(Metrics.auc(predictions: p, targets: t)), won / pairs, accuracy: 1e-6)
        XCTAssertEqual(Metrics.auc(predictions: [0.9, 0.1], targets: [1, 0]), 1)
        XCTAssertEqual(Metrics.auc(predictions: [0.1, 0.9], targets: [1, 0]), 0)
    }

    func testAUCOneClassIsZeroAsInKeras() {
        XCTAssertEqual(Metrics.auc(predictions: [0.2, 0.7], targets: [1, 1]), 0)
        XCTAssertEqual(Metrics.auc(predictions: [0.2, 0.7], targets: [0, 0]), 0)
        XCTAssertTrue(Metrics.auc(predictions: [.nan, 0.7], targets: [0, 1]).isNaN)
    }

    func testCategoricalAccuracySparseAndOneHot() {
        // 3 rows × 3 classes; argmax rows: 2, 0, 1 (row 1 ties at 0.4: first wins → 0).
        let p: [Float] = [0.1, 0.2, 0.7, 0.4, 0.4, 0.2, 0.3, 0.5, 0.2]
        XCTAssertEqual(Metrics.categoricalAccuracy(predictions: p, targets: [2, 1, 1], classes: 3), 2.0 / 3.0)
        let oneHot: [Float] = [0, 0, 1, 1, 0, 0, 0, 0, 1]
        XCTAssertEqual(Metrics.categoricalAccuracy(predictions: p, targets: oneHot, classes: 3), 2.0 / 3.0)
        XCTAssertEqual(Metrics.oneHot([2, 0], classes: 3), [0, 0, 1, 1, 0, 0])
    }

    func testMetricComputeDispatchesOnShape() {
        let binaryP = Tensor(shape: [8, 1], values: predictions)
        let binaryT = Tensor(shape: [8, 1], values: targets)
        XCTAssertEqual(Metric.accuracy.compute(predictions: binaryP, targets: binaryT), 5.0 / 8.0)
        XCTAssertEqual(Metric.precision.compute(predictions: binaryP, targets: binaryT), 3.0 / 4.0)
        XCTAssertEqual(Metric.recall.compute(predictions: binaryP, targets: binaryT), 3.0 / 5.0)

        let p = Tensor(shape: [2, 2], values: [0.8, 0.2, 0.3, 0.7])
        let sparse = Tensor(shape: [2], values: [0, 0])
        XCTAssertEqual(Metric.accuracy.compute(predictions: p, targets: sparse), 0.5)
        // Flattened one-hot [1,0,1,0] vs [0.8,0.2,0.3,0.7]: positives 0.8, 0.3; negatives 0.2, 0.7: pairs won 1 + 1 + 1 + 0 = 3 of 4.
        XCTAssertEqual(Metric.auc.compute(predictions: p, targets: sparse), 0.75)
        XCTAssertEqual(Metric.allCases.map(\.key), ["accuracy", "auc", "precision", "recall", "f1",
                                                 "acc", "binary_accuracy", "sparse_categorical_accuracy"])
    }

    /// Keras's names for accuracy compute accuracy, binary or categorical by the output's shape.
    func testAccuracyAliasesComputeAccuracy() {
        let binaryP = Tensor(shape: [4, 1], values: [0.9, 0.2, 0.6, 0.4]), binaryT = Tensor(shape: [4, 1], values: [1, 0, 0, 0])
        let p = Tensor(shape: [2, 2], values: [0.8, 0.2, 0.3, 0.7]), sparse = Tensor(shape: [2], values: [0, 0])
        for alias in [Metric.acc, .binaryAccuracy, .sparseCategoricalAccuracy] {
            XCTAssertTrue(alias.isAccuracy)
            XCTAssertEqual(alias.compute(predictions: binaryP, targets: binaryT), 0.75, alias.key)
            XCTAssertEqual(alias.compute(predictions: p, targets: sparse), 0.5, alias.key)
        }
        XCTAssertEqual(Metric.allCases.filter(\.isAccuracy).count, 4)
    }

    func testRunningMeanWeightsBySamples() {
        var mean = RunningMean()
        XCTAssertEqual(mean.mean, 0)
        mean.add(0.5, count: 64)
        mean.add(0.2, count: 16)
        // (0.5·64 + 0.2·16) / 80 = 35.2 / 80 = 0.44
        XCTAssertEqual(mean.mean, 0.44, accuracy: 1e-7)
        XCTAssertEqual(mean.count, 80)
    }
}
