/// The training record of one model: one `EpochRecord` per finished epoch, continuous across
/// `train` calls, plus the latest `evaluate` result and the total training time.
///
/// Keras parity: `History.history` holds the same keys (`loss`, `accuracy`, `val_loss`, …);
/// here epochs are numbered from 1 and keep counting when training resumes. Codable, so it
/// travels inside saved model files as JSON; wall-clock times stay out of the encoding, so two
/// identical trainings save identical bytes (times are shown only for training in this session).
public struct History: Codable, Equatable, Sendable {
    /// The finished epochs, in order, numbered 1, 2, 3, ….
    public private(set) var epochs: [EpochRecord] = []
    /// The latest `evaluate` result, current or stale, or nil when the model has not been evaluated.
    public var test: TestResult?

    /// The latest `evaluate` result if it measured the current weights, else nil.
    public var currentTest: TestResult? { test?.isCurrent == true ? test : nil }

    /// The epoch whose weights the model holds when that is not the last one (early stopping
    /// restored the best epoch's weights), else nil.
    public var restoredEpoch: Int?

    /// The epoch whose weights the model holds: the restored one, else the last finished one
    /// (0 before any training). Test results are labelled with it.
    public var weightsEpoch: Int { restoredEpoch ?? epochs.last?.epoch ?? 0 }

    /// Marks the test result stale: the weights it measured are about to change.
    public mutating func weightsWillChange() {
        test?.isCurrent = false
    }
    /// Total wall-clock seconds spent training in this session: every recorded epoch plus any
    /// time added with `addTrainingTime` (an interrupted epoch, for example). Not encoded.
    public private(set) var trainingSeconds: Double = 0

    /// Whether any training time was measured in this session (false for a history read from a file).
    public var isTimed: Bool { trainingSeconds > 0 || epochs.contains { $0.seconds != nil } }

    /// An empty history.
    public init() {}

    /// A history of epochs numbered already (a run read back from a run store), timed as recorded.
    public init(epochs: [EpochRecord]) {
        self.epochs = epochs
        trainingSeconds = epochs.compactMap(\.seconds).reduce(0, +)
    }

    /// The number the next recorded epoch will get.
    public var nextEpoch: Int { (epochs.last?.epoch ?? 0) + 1 }

    /// Records a finished epoch and returns it.
    ///
    /// - Parameters:
    ///   - train: training values, `loss` first, then metrics, under their plain keys.
    ///   - validation: validation values under plain keys (`loss`, `accuracy`); stored as
    ///     `val_loss`, `val_accuracy`. Empty when training had no validation split.
    ///   - seconds: the epoch's wall time, also added to `trainingSeconds`.
    @discardableResult
    public mutating func append(train: [MetricValue], validation: [MetricValue] = [], seconds: Double) -> EpochRecord {
        let record = EpochRecord(epoch: nextEpoch, values: train + validation.map(\.validation), seconds: seconds)
        epochs.append(record)
        restoredEpoch = nil
        trainingSeconds += seconds
        return record
    }

    /// Adds training time that belongs to no recorded epoch (an epoch stopped by Ctrl-C).
    public mutating func addTrainingTime(_ seconds: Double) {
        trainingSeconds += seconds
    }

    private enum CodingKeys: String, CodingKey { case epochs, test, restoredEpoch = "restored_epoch" }

    /// Every key any epoch holds, in Keras order: `loss`, the other training keys in first-seen
    /// order, then `val_loss` and the other validation keys in the same order.
    public var keys: [String] {
        var seen: [String] = []
        for record in epochs { for v in record.values where !seen.contains(v.name) { seen.append(v.name) } }
        let train = seen.filter { !$0.hasPrefix("val_") }
        let validation = seen.filter { $0.hasPrefix("val_") }
        let orderedTrain = train.contains("loss") ? ["loss"] + train.filter { $0 != "loss" } : train
        let paired = orderedTrain.map { "val_" + $0 }.filter(validation.contains)
        return orderedTrain + paired + validation.filter { !paired.contains($0) }
    }

    /// The last recorded value under `key`, or nil when no epoch has it.
    public func last(_ key: String) -> Float? {
        epochs.last { $0.value(of: key) != nil }?.value(of: key)
    }

    /// The (epoch, value) pairs under `key`, in epoch order, for epochs that have it.
    public func series(_ key: String) -> [(epoch: Int, value: Float)] {
        epochs.compactMap { record in record.value(of: key).map { (record.epoch, $0) } }
    }

    /// The lowest `val_loss` and the first epoch that reached it (NaN values skipped), or nil when
    /// no epoch has a validation loss. Matches Keras's `EarlyStopping`/`ModelCheckpoint` choice of best.
    public var bestValidationLoss: (epoch: Int, value: Float)? {
        var best: (epoch: Int, value: Float)?
        for (epoch, value) in series("val_loss") where !value.isNaN {
            if best == nil || value < best!.value { best = (epoch, value) }
        }
        return best
    }
}
