/// A layer as the user wrote it: kind and arguments, before any weights exist.
///
/// The language parser produces these, `Sequential` builds layers from them,
/// and model files store them (as JSON) as the model definition. Positional
/// arguments follow Keras's positional order for each layer.
public enum LayerSpec: Codable, Equatable, Sendable {
    /// `Embedding(inputDim, outputDim)`: token ids → vectors.
    case embedding(inputDim: Int, outputDim: Int)
    /// `LSTM(units, return_sequences, recurrent_activation, dropout, recurrent_dropout)`; nil `dropout` is none.
    case lstm(units: Int, returnSequences: Bool, recurrentActivation: RecurrentActivation, dropout: RecurrentDropout? = nil)
    /// `GRU(units, return_sequences, recurrent_activation, reset_after, dropout, recurrent_dropout)`:
    /// Keras 2.3+ (`reset_after` true, two bias rows) or Keras 2.2 (`reset_after` false, one).
    case gru(units: Int, returnSequences: Bool, recurrentActivation: RecurrentActivation, resetAfter: Bool = true,
             dropout: RecurrentDropout? = nil)
    /// `SimpleRNN(units, return_sequences, dropout, recurrent_dropout)` with tanh.
    case simpleRNN(units: Int, returnSequences: Bool, dropout: RecurrentDropout? = nil)
    /// `Bidirectional(layer, merge_mode)` around an `lstm`, `gru` or `simpleRNN` spec.
    indirect case bidirectional(LayerSpec, mergeMode: MergeMode)
    /// Keras 2 `CuDNNLSTM(units, return_sequences)`: sigmoid gates, two bias vectors.
    case cudnnLSTM(units: Int, returnSequences: Bool)
    /// `Conv1D(filters, kernel_size, strides, padding, activation)`.
    case conv1D(filters: Int, kernelSize: Int, strides: Int, padding: Padding, activation: Activation)
    /// `MaxPooling1D(pool_size, strides)`; `strides` nil means `pool_size`.
    case maxPooling1D(poolSize: Int, strides: Int?)
    /// `GlobalMaxPooling1D()`.
    case globalMaxPooling1D
    /// `GlobalAveragePooling1D()`.
    case globalAveragePooling1D
    /// `Flatten()`.
    case flatten
    /// `Dropout(rate)`: inverted dropout, active only in training.
    case dropout(rate: Float)
    /// `SpatialDropout1D(rate)`: drops whole channels of a [steps, channels] sample.
    case spatialDropout1D(rate: Float)
    /// `Dense(units, activation)`.
    case dense(units: Int, activation: Activation)
}

/// Keras's `padding` of a 1-D convolution.
public enum Padding: String, Codable, CaseIterable, Sendable {
    /// No padding: output length ⌊(L − k) / s⌋ + 1.
    case valid
    /// Zero padding so the output length is ⌈L / s⌉.
    case same
}

/// The gate activation of an LSTM (Keras's `recurrent_activation`).
public enum RecurrentActivation: String, Codable, CaseIterable, Sendable {
    /// 1 / (1 + e⁻ˣ), Keras 2.3+ and Keras 3 default.
    case sigmoid
    /// clip(0.2·x + 0.5, 0, 1), Keras ≤ 2.2 default.
    case hardSigmoid = "hard_sigmoid"
}

/// The dropout rates of a recurrent layer (Keras's `dropout` and `recurrent_dropout`).
///
/// As Keras: in training, one mask per sequence for the inputs [N, D] and one for
/// the recurrent state [N, U], fixed over the time steps, with inverted scaling.
public struct RecurrentDropout: Codable, Equatable, Sendable {
    /// The fraction of input features dropped, in [0, 1).
    public var input: Float
    /// The fraction of recurrent-state units dropped, in [0, 1).
    public var recurrent: Float

    public init(input: Float = 0, recurrent: Float = 0) {
        self.input = input
        self.recurrent = recurrent
    }
}

/// How `Bidirectional` combines the forward and backward outputs (Keras's `merge_mode`).
public enum MergeMode: String, Codable, CaseIterable, Sendable {
    /// Forward then backward along the feature axis (2U wide).
    case concat
    /// Element-wise sum.
    case sum
    /// Element-wise product.
    case mul
    /// Element-wise mean.
    case ave

    /// Keras `Bidirectional`'s default.
    public static let kerasDefault = MergeMode.concat
}

/// A whole model as written: optional sample length and the layer stack.
public struct ModelDefinition: Codable, Equatable, Sendable {
    /// The sample shape (sequence length) when given by `input N`; otherwise bound from data.
    public var inputLength: Int?
    /// The layers, first to last.
    public var layers: [LayerSpec]
    /// Embeddings that start from word vectors or do not train (`weights=`, `trainable=false`); nil when none.
    public var embeddingSetups: [EmbeddingSetup]?

    public init(inputLength: Int? = nil, layers: [LayerSpec], embeddingSetups: [EmbeddingSetup]? = nil) {
        self.inputLength = inputLength
        self.layers = layers
        self.embeddingSetups = embeddingSetups
    }

    /// The setup of layer `index`, when it has one.
    public func embeddingSetup(ofLayer index: Int) -> EmbeddingSetup? { embeddingSetups?.first { $0.layer == index } }

    /// Checks that every setup names a distinct embedding layer.
    /// - Throws: `ModelError.invalidArgument` for the first that does not.
    public func validateEmbeddingSetups() throws {
        var seen = Set<Int>()
        for setup in embeddingSetups ?? [] {
            guard layers.indices.contains(setup.layer), case .embedding = layers[setup.layer], seen.insert(setup.layer).inserted else {
                throw ModelError.invalidArgument(layer: max(0, setup.layer), kind: "embedding setup",
                                                 message: "layer \(setup.layer) is not an embedding, or has two setups")
            }
        }
    }
}

/// How an embedding layer starts and whether it trains: `embedding V D weights=NAME trainable=false`.
///
/// Kept in the model definition (and so in model files) as the vectors' provenance.
public struct EmbeddingSetup: Codable, Equatable, Sendable {
    /// The embedding's index in the layer stack.
    public var layer: Int
    /// The name of the word-vector table its rows start from, nil for the initializer alone.
    public var vectors: String?
    /// Whether the optimizer updates the table (Keras `trainable`).
    public var trainable: Bool
    /// Where the vectors came from (`word2vec on amazon.train dim=100 …` or a file path), once resolved.
    public var source: String?
    /// How many rows got a vector (the others keep the initializer), once resolved.
    public var covered: Int?

    public init(layer: Int, vectors: String?, trainable: Bool, source: String? = nil, covered: Int? = nil) {
        self.layer = layer
        self.vectors = vectors
        self.trainable = trainable
        self.source = source
        self.covered = covered
    }
}

extension Activation: Codable {}
