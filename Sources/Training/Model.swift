import LabData
import NeuralNet
import TensorCore

/// A named model in a session: the network with everything that belongs to its
/// experiment — compiled metrics, one continuous history, the text encoding it
/// was trained with and the names of its classes.
public final class Model {
    /// The session name (`lstm1`).
    public let name: String
    /// The layers and weights.
    public let network: Sequential
    /// Metrics reported besides the loss (`compile … metrics=`); Keras default here: accuracy.
    public var metrics: [Metric]
    /// Every finished epoch across all `train` calls, and the latest evaluation.
    public var history: History
    /// How raw text becomes input, once trained on tokenized text.
    public var textEncoding: TextEncoding?
    /// The vectorizer (vocabulary and idf) raw text goes through, once trained on vectorized text.
    public var textFeatures: TextVectorizer?
    /// Class names by index (binary: negative then positive), once trained on labelled data.
    public var classNames: [String]?
    /// The model's own random stream: weight initialization, shuffling and dropout.
    ///
    /// Forked from the session's generator when the model is defined and saved
    /// in checkpoints, so training resumed from a checkpoint draws exactly the
    /// numbers an uninterrupted run would have drawn.
    public var rng: RandomGenerator
    /// The unfinished epoch of a checkpoint saved by `checkpoint_every=`; the next `fit` takes
    /// it up where it stopped (and clears it). Nil for a model between epochs.
    public var resumePoint: EpochProgress?

    public init(name: String, network: Sequential, rng: RandomGenerator, metrics: [Metric] = [.accuracy],
                history: History = History(), textEncoding: TextEncoding? = nil, textFeatures: TextVectorizer? = nil,
                classNames: [String]? = nil) {
        self.name = name
        self.network = network
        self.rng = rng
        self.metrics = metrics
        self.history = history
        self.textEncoding = textEncoding
        self.textFeatures = textFeatures
        self.classNames = classNames
    }

    /// The name of class `index` (its number when the model has no class names).
    public func className(_ index: Int) -> String {
        classNames.flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? String(index)
    }

    /// The class a row of predictions picks: Keras's 0.5 threshold for one
    /// sigmoid output, else the first largest probability.
    public static func predictedClass(_ row: [Float]) -> Int {
        row.count == 1 ? (row[0] > 0.5 ? 1 : 0) : row.withUnsafeBufferPointer { Reductions.argmax($0.baseAddress!, count: $0.count) }
    }

    /// The history keys of the compiled metrics, `loss` first (`loss`, `accuracy`, …).
    public var valueKeys: [String] { ["loss"] + metrics.map(\.key) }
}
