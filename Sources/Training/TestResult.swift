/// The result of `evaluate` on a test split: its loss and compiled metrics.
public struct TestResult: Codable, Equatable, Sendable {
    /// The sample-weighted mean loss over the split.
    public var loss: Float
    /// The compiled metrics in `compile` order, named by their Keras keys (`accuracy`, `auc`, …).
    public var metrics: [MetricValue]
    /// The number of samples evaluated.
    public var samples: Int

    /// A test result of `samples` samples.
    public init(loss: Float, metrics: [MetricValue], samples: Int) {
        self.loss = loss
        self.metrics = metrics
        self.samples = samples
    }

    /// The value under `key`: `loss` or a metric key, nil when not compiled.
    public func value(of key: String) -> Float? { key == "loss" ? loss : metrics.value(of: key) }
}
