import NeuralNet

/// How `train` runs: Keras's `fit` arguments plus lab's checkpoint, early stopping and the
/// Keras callbacks (ReduceLROnPlateau, CSVLogger, ModelCheckpoint) as options.
public struct FitOptions: Equatable, Sendable {
    /// Keras's `batch_size` default, for `fit`, `evaluate` and `predict` alike.
    public static let defaultBatchSize = 32
    /// Keras's `epochs` default.
    public static let defaultEpochs = 1
    /// Keras's ReduceLROnPlateau `patience` default.
    public static let defaultReducePatience = 10

    /// Epochs to run in this call (the history keeps counting across calls).
    public var epochs: Int
    /// Samples per gradient step (Keras default 32).
    public var batchSize: Int
    /// Whether to reshuffle the training samples every epoch; nil takes the source's
    /// `shufflesByDefault` (Keras's true in memory, file order for a streamed file).
    public var shuffle: Bool?
    /// Where to save the whole experiment after every epoch, atomically; nil for none.
    public var checkpoint: String?
    /// With `checkpoint`, also save every N steps within an epoch, with the epoch's position
    /// (`EpochProgress`), so a long epoch can stop and resume; nil saves after epochs only.
    public var checkpointEvery: Int?
    /// Rows a streamed file is shuffled through (tf.data's `shuffle(buffer_size)`, reseeded each
    /// epoch from the model's generator); nil reads it in file order.
    public var shuffleBuffer: Int?
    /// With `checkpoint`, save only after epochs that improve the monitored column (Keras `save_best_only`).
    public var bestOnly = false
    /// The column early stopping, plateau reduction and best-only checkpoints watch (default `val_loss`).
    public var monitor = Monitor()
    /// Stop when the monitored column has not improved for this many epochs; nil for never.
    public var patience: Int?
    /// With `patience`, put back the weights of the best epoch when stopping.
    public var restoreBest: Bool
    /// ReduceLROnPlateau: the factor (0 < f < 1), or nil for none.
    public var reduceFactor: Float?
    /// ReduceLROnPlateau: epochs without improvement before a reduction (Keras default 10).
    public var reducePatience = FitOptions.defaultReducePatience
    /// ReduceLROnPlateau: the floor of the learning rate.
    public var minLearningRate: Float = 0
    /// A learning-rate schedule for this call, over the compiled rate; nil keeps it constant.
    public var schedule: LearningRateSchedule?
    /// Gradient clipping for this call; nil keeps the compiled clipping.
    public var clipping: GradientClipping?
    /// Per-class loss weights (Keras `class_weight`); nil weighs every sample 1.
    public var classWeights: ClassWeights?
    /// A CSV file that receives one row per finished epoch (Keras `CSVLogger(append=True)`).
    public var log: String?

    public init(epochs: Int = FitOptions.defaultEpochs, batchSize: Int = FitOptions.defaultBatchSize,
                shuffle: Bool? = nil, checkpoint: String? = nil,
                patience: Int? = nil, restoreBest: Bool = false) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.checkpoint = checkpoint
        self.patience = patience
        self.restoreBest = restoreBest
    }

    /// Whether the history gets an `lr` column (the rate of each epoch's last update): when the
    /// rate changes, with `reduceFactor` or `schedule` (Keras adds `lr` with ReduceLROnPlateau).
    public var recordsLearningRate: Bool { reduceFactor != nil || schedule != nil }

    /// Whether anything watches `monitor`.
    public var usesMonitor: Bool { patience != nil || reduceFactor != nil || (bestOnly && checkpoint != nil) }
}

/// What happened during a `fit` call, as it happens (for progress output).
public enum TrainingEvent: Sendable {
    /// An epoch began: its number in the history, the last epoch of this call, and the samples
    /// already trained before a resumed checkpoint (0 for a fresh epoch).
    case epochStarted(epoch: Int, lastEpoch: Int, resumedAt: Int)
    /// A batch finished: samples seen so far this epoch, of `total`, and the running values.
    case batchFinished(seen: Int, total: Int, running: [MetricValue])
    /// An epoch finished and was recorded.
    case epochFinished(EpochRecord, total: Int)
    /// Ctrl-C stopped training after `seen` samples of the epoch; that epoch is not recorded.
    case interrupted(epoch: Int, seen: Int, total: Int)
    /// Early stopping ended training; `best` is the epoch with the best value of `monitor`.
    case stoppedEarly(epoch: Int, best: Int, restored: Bool, monitor: String)
    /// ReduceLROnPlateau lowered the learning rate after `epoch`.
    case learningRateReduced(epoch: Int, rate: Float)
    /// The checkpoint file was written after an epoch, or `seen` samples into it (`checkpoint_every=`; nil after).
    case checkpointSaved(path: String, epoch: Int, seen: Int?)
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
