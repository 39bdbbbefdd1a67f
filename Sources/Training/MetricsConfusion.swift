/// The binary confusion counts at threshold 0.5, from which precision, recall and F1 follow.
///
/// A prediction is positive when `prediction > 0.5`, a target when `target > 0.5` (Keras's
/// thresholded metrics). Ratios whose denominator is 0 are 0, as Keras's `div_no_nan` makes them.
public struct BinaryConfusion: Equatable, Codable, Sendable {
    /// Predicted positive, target positive.
    public var truePositives = 0
    /// Predicted positive, target negative.
    public var falsePositives = 0
    /// Predicted negative, target negative.
    public var trueNegatives = 0
    /// Predicted negative, target positive.
    public var falseNegatives = 0

    /// Counts the four outcomes over N predictions and N targets.
    /// - Parameters:
    ///   - predictions: N probabilities.
    ///   - targets: N targets, 0 or 1.
    public init(predictions: [Float], targets: [Float]) {
        precondition(predictions.count == targets.count, "BinaryConfusion: \(predictions.count) predictions, \(targets.count) targets")
        for i in predictions.indices {
            switch (predictions[i] > 0.5, targets[i] > 0.5) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, false): trueNegatives += 1
            case (false, true): falseNegatives += 1
            }
        }
    }

    /// TP / (TP + FP), or 0 when nothing was predicted positive.
    public var precision: Float { Self.ratio(truePositives, truePositives + falsePositives) }

    /// TP / (TP + FN), or 0 when no target is positive.
    public var recall: Float { Self.ratio(truePositives, truePositives + falseNegatives) }

    /// 2·P·R / (P + R), or 0 when both precision and recall are 0.
    public var f1: Float {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    private static func ratio(_ numerator: Int, _ denominator: Int) -> Float {
        denominator == 0 ? 0 : Float(numerator) / Float(denominator)
    }
}
