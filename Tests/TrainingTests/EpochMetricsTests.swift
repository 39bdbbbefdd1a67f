import TensorCore
import Training
import XCTest

/// Metrics accumulated batch by batch equal the whole-split values; binned AUC stays close to exact.
final class EpochMetricsTests: XCTestCase {
    func testBatchedMetricsEqualWholeSplitCompute() {
        var rng = RandomGenerator(seed: 3)
        let n = 1000
        let scores = (0..<n).map { _ in Float(rng.int(below: 100_000)) / 100_000 }
        let labels = scores.map { s in Float(rng.int(below: 100) < Int(s * 80) + 10 ? 1 : 0) }
        let all: [Metric] = [.accuracy, .precision, .recall, .f1, .auc]
        var exact = EpochMetrics(all, exactAUC: true), binned = EpochMetrics(all, exactAUC: false)
        for start in stride(from: 0, to: n, by: 96) {
            let end = min(start + 96, n)
            let p = Tensor(shape: [end - start, 1], values: Array(scores[start..<end]))
            let t = Tensor(shape: [end - start, 1], values: Array(labels[start..<end]))
            exact.add(predictions: p, targets: t)
            binned.add(predictions: p, targets: t)
        }
        let p = Tensor(shape: [n, 1], values: scores), t = Tensor(shape: [n, 1], values: labels)
        XCTAssertEqual(exact.values, all.map { MetricValue($0.key, $0.compute(predictions: p, targets: t)) })
        XCTAssertEqual(binned.values.dropLast(), exact.values.dropLast())
        XCTAssertEqual(binned.values.last!.value, exact.values.last!.value, accuracy: 1e-3)
        XCTAssertEqual(exact.keptScores, n)
        XCTAssertEqual(binned.keptScores, 0)
    }

    func testCategoricalAccuracyAndMicroAveragedMetricsOverBatches() {
        let p = Tensor(shape: [4, 3], values: [0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4, 0.6, 0.3, 0.1])
        let t = Tensor(shape: [4], values: [0, 1, 1, 2])
        var m = EpochMetrics([.accuracy, .precision, .recall], exactAUC: true)
        m.add(predictions: Tensor(shape: [2, 3], values: Array(p.values[0..<6])), targets: Tensor(shape: [2], values: [0, 1]))
        m.add(predictions: Tensor(shape: [2, 3], values: Array(p.values[6..<12])), targets: Tensor(shape: [2], values: [1, 2]))
        XCTAssertEqual(m.values, [Metric.accuracy, .precision, .recall].map { MetricValue($0.key, $0.compute(predictions: p, targets: t)) })
        XCTAssertEqual(m.values[0].value, 0.5)
    }

    func testBinnedAUCTiesWithinABinAndEdgeCases() {
        var auc = BinnedAUC(bins: 10)
        XCTAssertEqual(auc.value, 0)
        auc.add(score: 0.91, target: 1)
        auc.add(score: 0.95, target: 0)
        auc.add(score: 0.15, target: 0)
        XCTAssertEqual(auc.value, 0.75, "one tie in bin 9 counts one half, one clear win")
        auc.add(score: .nan, target: 1)
        XCTAssertTrue(auc.value.isNaN)
    }
}
