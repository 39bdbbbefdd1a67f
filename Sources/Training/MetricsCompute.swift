import TensorCore

extension Metric {
    /// The name Keras uses for this metric in history keys and progress lines ("accuracy", "auc", …);
    /// validation values add the prefix `val_`.
    public var key: String { rawValue }

    /// Computes this metric over a whole split.
    ///
    /// With one output column (predictions [N, 1] or [N]) the problem is binary: targets are N
    /// values 0/1. With C > 1 columns, `accuracy` is categorical (targets N class indices or N×C
    /// one-hot rows); `auc`, `precision`, `recall` and `f1` flatten one-hot targets and
    /// predictions into N·C binary decisions (micro-averaging), as Keras's `AUC`, `Precision`
    /// and `Recall` do on one-hot labels.
    /// - Parameters:
    ///   - predictions: [N, C] or [N] model outputs (probabilities).
    ///   - targets: [N], [N, 1] or [N, C].
    public func compute(predictions: Tensor, targets: Tensor) -> Float {
        let classes = predictions.shape.count > 1 ? predictions.shape.last! : 1
        let p = predictions.values
        var t = targets.values
        if classes == 1 {
            precondition(t.count == p.count, "\(key): \(p.count) predictions, \(t.count) targets")
            return binary(predictions: p, targets: t)
        }
        if isAccuracy { return Metrics.categoricalAccuracy(predictions: p, targets: t, classes: classes) }
        if t.count != p.count { t = Metrics.oneHot(t, classes: classes) }
        return binary(predictions: p, targets: t)
    }

    private func binary(predictions: [Float], targets: [Float]) -> Float {
        switch self {
        case .accuracy, .acc, .binaryAccuracy, .sparseCategoricalAccuracy: return Metrics.binaryAccuracy(predictions: predictions, targets: targets)
        case .auc: return Metrics.auc(predictions: predictions, targets: targets)
        case .precision: return Metrics.precision(predictions: predictions, targets: targets)
        case .recall: return Metrics.recall(predictions: predictions, targets: targets)
        case .f1: return Metrics.f1(predictions: predictions, targets: targets)
        }
    }
}
