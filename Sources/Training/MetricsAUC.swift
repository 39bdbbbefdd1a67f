extension Metrics {
    /// The exact area under the ROC curve over a whole split.
    ///
    /// Equals the trapezoid rule over the ROC points at every distinct prediction value, which is
    /// the Mann–Whitney statistic: the probability that a random positive scores above a random
    /// negative, ties counting one half. Computed from average ranks after one sort, O(N log N),
    /// in Double. Keras's streaming `AUC` approximates this with 200 fixed thresholds.
    ///
    /// Edge cases: with no positive or no negative targets the ROC curve is undefined; like Keras
    /// (whose TPR or FPR is then 0 everywhere through `div_no_nan`) this returns 0. Any NaN
    /// prediction makes the result NaN.
    /// - Parameters:
    ///   - predictions: N scores (any real values; only their order matters).
    ///   - targets: N targets; `target > 0.5` is positive.
    public static func auc(predictions: [Float], targets: [Float]) -> Float {
        precondition(predictions.count == targets.count, "auc: \(predictions.count) predictions, \(targets.count) targets")
        if predictions.contains(where: \.isNaN) { return .nan }
        let positives = targets.reduce(0) { $0 + ($1 > 0.5 ? 1 : 0) }
        let negatives = targets.count - positives
        guard positives > 0, negatives > 0 else { return 0 }

        let order = predictions.indices.sorted { predictions[$0] < predictions[$1] }
        var positiveRankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && predictions[order[end]] == predictions[order[start]] { end += 1 }
            // Ranks start+1 … end share their average.
            let averageRank = Double(start + 1 + end) / 2
            for k in start..<end where targets[order[k]] > 0.5 { positiveRankSum += averageRank }
            start = end
        }
        let p = Double(positives), n = Double(negatives)
        return Float((positiveRankSum - p * (p + 1) / 2) / (p * n))
    }
}
