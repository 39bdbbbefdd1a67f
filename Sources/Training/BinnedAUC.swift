/// The area under the ROC curve from fixed-bin histograms of scores, for splits read as a stream.
///
/// Scores are counted into `bins` equal-width bins over [0, 1] (values outside are clamped into
/// the end bins), separately for positive and negative targets. The area is the Mann–Whitney
/// statistic with every pair of scores that share a bin counted as a tie (one half), so the
/// result differs from the exact `Metrics.auc` only through pairs closer than 1/`bins`: with the
/// default 10,000 bins the difference is at most the fraction of positive–negative pairs that fall
/// in one bin. Memory is two arrays of `bins` counts, whatever the number of samples. Keras's
/// streaming `AUC` is the same idea with 200 thresholds. Any NaN score makes the result NaN; with
/// no positive or no negative target the result is 0, as `Metrics.auc` returns.
public struct BinnedAUC: Codable, Sendable {
    /// The number of bins over [0, 1].
    public let bins: Int
    private var positives: [Int]
    private var negatives: [Int]
    private var sawNaN = false

    /// An empty histogram with `bins` bins.
    /// - Precondition: `bins` ≥ 1.
    public init(bins: Int = 10_000) {
        precondition(bins >= 1, "BinnedAUC: \(bins) bins")
        self.bins = bins
        positives = [Int](repeating: 0, count: bins)
        negatives = [Int](repeating: 0, count: bins)
    }

    /// Counts one score; `target > 0.5` is positive.
    public mutating func add(score: Float, target: Float) {
        guard !score.isNaN else { sawNaN = true; return }
        let bin = Swift.min(bins - 1, Swift.max(0, Int(Double(score) * Double(bins))))
        if target > 0.5 { positives[bin] += 1 } else { negatives[bin] += 1 }
    }

    /// The area under the ROC curve of the scores counted so far.
    public var value: Float {
        if sawNaN { return .nan }
        let p = positives.reduce(0, +), n = negatives.reduce(0, +)
        guard p > 0, n > 0 else { return 0 }
        var below = 0.0, wins = 0.0
        for b in 0..<bins {
            wins += Double(positives[b]) * (below + 0.5 * Double(negatives[b]))
            below += Double(negatives[b])
        }
        return Float(wins / (Double(p) * Double(n)))
    }
}
