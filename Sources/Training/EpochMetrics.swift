import TensorCore

/// The compiled metrics of one epoch, accumulated batch by batch without keeping every prediction.
///
/// Accuracy, precision, recall and F1 are exact sums of counts, equal to `Metric.compute` over
/// the whole split. AUC is exact when `exactAUC` is true (the scores and targets of the epoch are
/// kept, N·C floats each, and ranked at the end, as `Metrics.auc`) and otherwise comes from a
/// fixed-bin histogram (`BinnedAUC`), so memory stays bounded for splits read as a stream.
/// Binary and multi-class outputs follow `Metric.compute`: one output column is binary; with C > 1
/// columns accuracy is categorical and the other metrics micro-average the one-hot decisions.
public struct EpochMetrics: Codable, Sendable {
    /// The metrics reported, in order.
    public let metrics: [Metric]
    /// Whether AUC is ranked exactly (true) or binned (false).
    public let exactAUC: Bool
    private var hits = 0, decisions = 0
    private var confusion = BinaryConfusion(predictions: [], targets: [])
    private var scores: [Float] = [], scoreTargets: [Float] = []
    private var binned: BinnedAUC?

    /// An empty accumulator for `metrics`.
    public init(_ metrics: [Metric], exactAUC: Bool) {
        self.metrics = metrics
        self.exactAUC = exactAUC
        if metrics.contains(.auc) && !exactAUC { binned = BinnedAUC() }
    }

    /// The number of scores kept for an exact AUC (0 when AUC is binned or not compiled).
    public var keptScores: Int { scores.count }

    /// Adds one batch.
    /// - Parameters:
    ///   - predictions: [B, C] or [B] outputs.
    ///   - targets: [B], [B, 1] or [B, C].
    public mutating func add(predictions: Tensor, targets: Tensor) {
        let classes = predictions.shape.count > 1 ? predictions.shape.last! : 1
        let p = predictions.values
        var t = targets.values
        if classes > 1 {
            let rows = p.count / classes
            let oneHot = t.count == p.count
            for row in 0..<rows {
                let target = oneHot ? Self.argmax(t, row: row, classes: classes) : Int(t[row])
                if Self.argmax(p, row: row, classes: classes) == target { hits += 1 }
            }
            decisions += rows
            if !oneHot && metrics.contains(where: { !$0.isAccuracy }) { t = Metrics.oneHot(t, classes: classes) }
        } else {
            precondition(t.count == p.count, "EpochMetrics: \(p.count) predictions, \(t.count) targets")
            for i in p.indices where (p[i] > 0.5) == (t[i] > 0.5) { hits += 1 }
            decisions += p.count
        }
        guard metrics.contains(where: { !$0.isAccuracy }) else { return }
        let batch = BinaryConfusion(predictions: p, targets: t)
        confusion.truePositives += batch.truePositives
        confusion.falsePositives += batch.falsePositives
        confusion.trueNegatives += batch.trueNegatives
        confusion.falseNegatives += batch.falseNegatives
        guard metrics.contains(.auc) else { return }
        if exactAUC {
            scores += p
            scoreTargets += t
        } else {
            for i in p.indices { binned!.add(score: p[i], target: t[i]) }
        }
    }

    /// The value of every metric over the batches added, under its history key.
    public var values: [MetricValue] {
        metrics.map { metric in
            switch metric {
            case .accuracy, .acc, .binaryAccuracy, .sparseCategoricalAccuracy:
                return MetricValue(metric.key, decisions == 0 ? 0 : Float(hits) / Float(decisions))
            case .precision: return MetricValue(metric.key, confusion.precision)
            case .recall: return MetricValue(metric.key, confusion.recall)
            case .f1: return MetricValue(metric.key, confusion.f1)
            case .auc:
                return MetricValue(metric.key, exactAUC ? Metrics.auc(predictions: scores, targets: scoreTargets) : binned!.value)
            }
        }
    }

    private static func argmax(_ values: [Float], row: Int, classes: Int) -> Int {
        let base = row * classes
        var best = 0
        for k in 1..<classes where values[base + k] > values[base + best] { best = k }
        return best
    }
}
