import LabData
import NeuralNet
import Training

/// The fractions of `split NAME train= val= test=`; absent ones are 0.
public struct SplitFractions: Equatable, Sendable {
    /// Share of rows in `NAME.train`, in [0, 1].
    public var train: Double
    /// Share of rows in `NAME.val`, in [0, 1].
    public var val: Double
    /// Share of rows in `NAME.test`, in [0, 1]; the three add up to at most 1.
    public var test: Double

    /// Fractions as given; the parser checks their ranges and sum.
    public init(train: Double, val: Double, test: Double) {
        self.train = train
        self.val = val
        self.test = test
    }
}

/// What `tokenize` was told: Keras `Tokenizer(num_words, oov_token)` + `pad_sequences(maxlen, padding, truncating)`.
public struct TokenizeOptions: Equatable, Sendable {
    /// `words=`: Keras `num_words`, only the `words − 1` most frequent words kept; nil keeps all.
    public var words: Int?
    /// `maxlen=`: the padded length; nil pads to the longest sequence, as Keras does.
    public var maxLength: Int?
    /// `padding=pre|post` (Keras default `pre`).
    public var padding: SequenceEnd
    /// `truncating=pre|post` (Keras default `pre`).
    public var truncating: SequenceEnd
    /// `oov=true` reserves index 1 for out-of-vocabulary words.
    public var reservesOOV: Bool

    /// Options with Keras defaults for anything not given.
    public init(words: Int? = nil, maxLength: Int? = nil, padding: SequenceEnd = .kerasDefault,
                truncating: SequenceEnd = .kerasDefault, reservesOOV: Bool = false) {
        self.words = words
        self.maxLength = maxLength
        self.padding = padding
        self.truncating = truncating
        self.reservesOOV = reservesOOV
    }
}

/// What `compile` was told; absent parts follow the defaults in LANGUAGE.md.
public struct CompileOptions: Equatable, Sendable {
    /// `loss=`; nil infers it from the last layer (sigmoid → binary, softmax → sparse categorical).
    public var loss: Loss?
    /// `optimizer=` with `lr=`, `momentum=`, `nesterov=`; Adam with Keras defaults when absent.
    public var optimizer: OptimizerSpec
    /// `metrics=`; nil means `[.accuracy]`.
    public var metrics: [Metric]?
    /// `clipnorm=`, `clipvalue=` (Keras optimizer arguments); none by default.
    public var clipping: GradientClipping
    /// `sparse_update=`: how the optimizer treats embedding rows a batch did not touch (Keras's dense by default).
    public var sparseUpdate: SparseUpdate

    /// Options with the defaults of LANGUAGE.md for anything not given.
    public init(loss: Loss? = nil, optimizer: OptimizerSpec = .adam(), metrics: [Metric]? = nil,
                clipping: GradientClipping = GradientClipping(), sparseUpdate: SparseUpdate = .dense) {
        self.loss = loss
        self.optimizer = optimizer
        self.metrics = metrics
        self.clipping = clipping
        self.sparseUpdate = sparseUpdate
    }
}

/// What `train NAME on DATA.split …` was told (Keras `fit` defaults).
public struct TrainOptions: Equatable, Sendable {
    /// The training data (after `on`).
    public var data: DatasetReference
    /// `val=`: validation data evaluated after each epoch.
    public var validation: DatasetReference?
    /// `validation_split=F`: validate on the last F of the rows (taken before shuffling), as Keras.
    public var validationSplit: Double?
    /// `class_weight=balanced|0:1,1:3`; resolved into `fit.classWeights` once the labels are known.
    public var classWeight: ClassWeightOption?
    /// Every other option, as `Trainer.fit` takes it: the parser writes the library's values directly.
    public var fit: FitOptions
    /// `tensorboard="DIR"`: TensorBoard scalars for each finished epoch (written here, not by the trainer).
    public var tensorboard: String?

    /// Options with Keras `fit` defaults for anything not given.
    public init(data: DatasetReference, validation: DatasetReference? = nil, epochs: Int = FitOptions.defaultEpochs,
                batchSize: Int = FitOptions.defaultBatchSize,
                checkpoint: String? = nil, patience: Int? = nil, restoresBest: Bool = false, shuffle: Bool? = nil) {
        self.data = data
        self.validation = validation
        fit = FitOptions(epochs: epochs, batchSize: batchSize, shuffle: shuffle, checkpoint: checkpoint,
                         patience: patience, restoreBest: restoresBest)
    }
}

/// How `train class_weight=` weighs classes.
public enum ClassWeightOption: Equatable, Sendable {
    /// scikit-learn's `balanced`: computed from the training labels.
    case balanced
    /// Given weights by class index (`0:1,1:3`).
    case given(ClassWeights)
}
