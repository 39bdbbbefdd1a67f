/// Pure metric functions over predictions and targets, as Keras computes them over a whole split.
///
/// Binary inputs are flat arrays of N probabilities and N targets (0 or 1). A prediction counts as
/// positive when `prediction > 0.5` and a target when `target > 0.5`, as Keras's `binary_accuracy`
/// and its thresholded `Precision`/`Recall` do. Every function returns 0 for an empty input.
public enum Metrics {
    /// Binary accuracy: the fraction of samples where `prediction > 0.5` equals the target class.
    ///
    /// Keras parity: `binary_accuracy(y_true, y_pred, threshold=0.5)`.
    /// - Parameters:
    ///   - predictions: N probabilities.
    ///   - targets: N targets, 0 or 1.
    public static func binaryAccuracy(predictions: [Float], targets: [Float]) -> Float {
        precondition(predictions.count == targets.count, "binaryAccuracy: \(predictions.count) predictions, \(targets.count) targets")
        guard !predictions.isEmpty else { return 0 }
        var hits = 0
        for i in predictions.indices where (predictions[i] > 0.5) == (targets[i] > 0.5) { hits += 1 }
        return Float(hits) / Float(predictions.count)
    }

    /// Precision at threshold 0.5: TP / (TP + FP), 0 when nothing is predicted positive (Keras's `div_no_nan`).
    /// - Parameters:
    ///   - predictions: N probabilities.
    ///   - targets: N targets, 0 or 1.
    public static func precision(predictions: [Float], targets: [Float]) -> Float {
        BinaryConfusion(predictions: predictions, targets: targets).precision
    }

    /// Recall at threshold 0.5: TP / (TP + FN), 0 when there are no positive targets (Keras's `div_no_nan`).
    /// - Parameters:
    ///   - predictions: N probabilities.
    ///   - targets: N targets, 0 or 1.
    public static func recall(predictions: [Float], targets: [Float]) -> Float {
        BinaryConfusion(predictions: predictions, targets: targets).recall
    }

    /// F1 at threshold 0.5: 2·P·R / (P + R), 0 when P + R = 0.
    /// - Parameters:
    ///   - predictions: N probabilities.
    ///   - targets: N targets, 0 or 1.
    public static func f1(predictions: [Float], targets: [Float]) -> Float {
        BinaryConfusion(predictions: predictions, targets: targets).f1
    }
}
