/// One finished epoch in a `History`: its number, its ordered values and its wall time.
///
/// The wall time is not encoded: a saved model file holds only what training computed, so two
/// identical trainings write identical bytes. A record read back from a file has no time.
public struct EpochRecord: Codable, Equatable, Sendable {
    /// The epoch number, from 1, continuing across `train` calls.
    public var epoch: Int
    /// Values in Keras order: `loss`, metrics…, `val_loss`, `val_` metrics….
    public var values: [MetricValue]
    /// Wall-clock seconds the epoch took, validation included; nil when the epoch was not timed
    /// in this session (read from a model file).
    public var seconds: Double? = nil

    /// A record of epoch `epoch` with its values and duration.
    public init(epoch: Int, values: [MetricValue], seconds: Double?) {
        self.epoch = epoch
        self.values = values
        self.seconds = seconds
    }

    /// The value under a history key (`loss`, `val_accuracy`, …), or nil when this epoch lacks it.
    public func value(of key: String) -> Float? { values.value(of: key) }

    private enum CodingKeys: String, CodingKey { case epoch, values }
}
