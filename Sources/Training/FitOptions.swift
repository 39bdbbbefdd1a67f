/// How `train` runs: Keras's `fit` arguments plus lab's checkpoint and early stopping.
public struct FitOptions: Equatable, Sendable {
    /// Epochs to run in this call (the history keeps counting across calls).
    public var epochs: Int
    /// Samples per gradient step (Keras default 32).
    public var batchSize: Int
    /// Whether to reshuffle the training samples every epoch (Keras default true).
    public var shuffle: Bool
    /// Where to save the whole experiment after every epoch, atomically; nil for none.
    public var checkpoint: String?
    /// Stop when `val_loss` has not improved for this many epochs; nil for never.
    public var patience: Int?
    /// With `patience`, put back the weights of the best epoch when stopping.
    public var restoreBest: Bool

    public init(epochs: Int = 1, batchSize: Int = 32, shuffle: Bool = true, checkpoint: String? = nil,
                patience: Int? = nil, restoreBest: Bool = false) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.checkpoint = checkpoint
        self.patience = patience
        self.restoreBest = restoreBest
    }
}

/// What happened during a `fit` call, as it happens (for progress output).
public enum TrainingEvent: Sendable {
    /// An epoch began: its number in the history and the last epoch of this call.
    case epochStarted(epoch: Int, lastEpoch: Int)
    /// A batch finished: samples seen so far this epoch, of `total`, and the running values.
    case batchFinished(seen: Int, total: Int, running: [MetricValue])
    /// An epoch finished and was recorded.
    case epochFinished(EpochRecord, total: Int)
    /// Ctrl-C stopped training after `seen` samples of the epoch; that epoch is not recorded.
    case interrupted(epoch: Int, seen: Int, total: Int)
    /// Early stopping ended training; `best` is the epoch with the lowest `val_loss`.
    case stoppedEarly(epoch: Int, best: Int, restored: Bool)
    /// The checkpoint file was written after an epoch.
    case checkpointSaved(path: String, epoch: Int)
}

/// How a `fit` call ended.
public enum FitOutcome: Equatable, Sendable {
    /// Every requested epoch ran.
    case completed
    /// `patience` ran out at this epoch.
    case stoppedEarly(epoch: Int)
    /// Ctrl-C stopped training during this (unrecorded) epoch.
    case interrupted(epoch: Int)
}
