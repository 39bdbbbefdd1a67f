/// The result of `evaluate` on a test split: its loss and compiled metrics, labelled with the
/// epoch whose weights it measured.
///
/// A result describes weights, so any later training step makes it stale (`isCurrent` false):
/// `compare` and `expect … test …` then refuse to present it as the model's, and `history`
/// shows it marked stale.
public struct TestResult: Codable, Equatable, Sendable {
    /// The sample-weighted mean loss over the split.
    public var loss: Float
    /// The compiled metrics in `compile` order, named by their Keras keys (`accuracy`, `auc`, …).
    public var metrics: [MetricValue]
    /// The number of samples evaluated.
    public var samples: Int
    /// The epoch whose weights were measured (`History.weightsEpoch`; 0: never trained); nil for a
    /// result read from a file saved before results were labelled.
    public var epoch: Int?
    /// Whether the weights measured are still the model's current weights.
    public var isCurrent: Bool

    /// A current test result of `samples` samples, measured after epoch `epoch`.
    public init(loss: Float, metrics: [MetricValue], samples: Int, epoch: Int?, isCurrent: Bool = true) {
        self.loss = loss
        self.metrics = metrics
        self.samples = samples
        self.epoch = epoch
        self.isCurrent = isCurrent
    }

    /// The value under `key`: `loss` or a metric key, nil when not compiled.
    public func value(of key: String) -> Float? { key == "loss" ? loss : metrics.value(of: key) }

    /// The accuracy under whichever name it was compiled (`accuracy`, `acc`, …), nil when not compiled.
    public var accuracy: Float? { metrics.first { Metric(rawValue: $0.name)?.isAccuracy == true }?.value }

    /// `after epoch 3`, or `from an unknown epoch` for an unlabelled result.
    public var label: String { epoch.map { "after epoch \($0)" } ?? "from an unknown epoch" }

    private enum CodingKeys: String, CodingKey { case loss, metrics, samples, epoch, isCurrent = "current" }

    /// Decodes a result; one from a file written before results were labelled counts as stale.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        loss = try c.decode(Float.self, forKey: .loss)
        metrics = try c.decode([MetricValue].self, forKey: .metrics)
        samples = try c.decode(Int.self, forKey: .samples)
        epoch = try c.decodeIfPresent(Int.self, forKey: .epoch)
        isCurrent = try c.decodeIfPresent(Bool.self, forKey: .isCurrent) ?? false
    }
}
