/// The ROC curve of a binary classifier over one split: scikit-learn's `roc_curve` with
/// `drop_intermediate=False`, one point per distinct score from (0, 0) to (1, 1).
public struct ROCCurve: Equatable, Sendable {
    /// (false positive rate, true positive rate) pairs, thresholds descending.
    public let points: [(fpr: Double, tpr: Double)]
    /// The exact area under the curve (``Metrics/auc(predictions:targets:)``).
    public let auc: Float

    /// The curve, or nil when the targets hold no positive or no negative row (the rates are then undefined).
    /// - Parameters:
    ///   - predictions: N scores; a row counts as positive at a threshold its score reaches.
    ///   - targets: N targets; `target > 0.5` is positive.
    public init?(predictions: [Float], targets: [Float]) {
        precondition(predictions.count == targets.count, "ROCCurve: \(predictions.count) predictions, \(targets.count) targets")
        let positives = targets.reduce(0) { $0 + ($1 > 0.5 ? 1 : 0) }
        let negatives = targets.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let order = predictions.indices.sorted { predictions[$0] > predictions[$1] }
        var points: [(fpr: Double, tpr: Double)] = [(0, 0)]
        var truePositives = 0, falsePositives = 0, start = 0
        while start < order.count {
            var end = start
            // Tied scores move the curve in one step, as a threshold cannot separate them.
            while end < order.count && predictions[order[end]] == predictions[order[start]] {
                if targets[order[end]] > 0.5 { truePositives += 1 } else { falsePositives += 1 }
                end += 1
            }
            points.append((Double(falsePositives) / Double(negatives), Double(truePositives) / Double(positives)))
            start = end
        }
        self.points = points
        auc = Metrics.auc(predictions: predictions, targets: targets)
    }

    /// A curve recorded earlier (a run store's rows), its points and area as they were computed.
    public init(points: [(fpr: Double, tpr: Double)], auc: Float) {
        self.points = points
        self.auc = auc
    }

    /// Compares points and area.
    public static func == (a: ROCCurve, b: ROCCurve) -> Bool {
        a.auc == b.auc && a.points.elementsEqual(b.points) { $0.fpr == $1.fpr && $0.tpr == $1.tpr }
    }
}
