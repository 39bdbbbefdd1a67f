import TensorCore

/// One layer of a `Sequential` model with an explicit forward and backward pass.
///
/// A layer is created from its spec without weights; `build` allocates and
/// initializes them for a per-sample input shape (Keras initializers). Then
/// `forward` computes the output into a buffer the layer owns (resized per
/// batch, so valid until the next `forward`) and caches what `backward` needs;
/// `backward` takes dL/dy, adds the parameter gradients into `parameters`, and
/// returns dL/dx in another owned buffer. Shapes include the batch: N batch,
/// T steps, D features, V vocabulary.
public protocol Layer: AnyObject {
    /// The layer as written (kind and arguments).
    var spec: LayerSpec { get }
    /// The Keras name, e.g. `lstm_1`, given by `Sequential` through a `LayerNamer`.
    var name: String { get set }
    /// The trainable parameters in Keras order; empty before `build`.
    var parameters: [Parameter] { get }
    /// Whether `build` has allocated the parameters and buffers.
    var isBuilt: Bool { get }
    /// Allocates and initializes the parameters for a per-sample input shape.
    /// - Throws: `ModelError` when the shape does not fit the layer.
    func build(inputShape: [Int], using rng: inout RandomGenerator) throws
    /// Computes the output for a batch; `training` enables dropout and caching for backward.
    func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor
    /// Accumulates parameter gradients from dL/dy of the last training forward and returns dL/dx.
    func backward(_ dy: Tensor) -> Tensor
    /// Takes the layer's Keras names from a session's namer (a wrapper names the
    /// layer it wraps first, as Keras constructs that one first).
    func takeNames(from namer: inout LayerNamer)
    /// The name model files record for the layer: `name`, or `bidirectional_1/lstm_1` for a wrapper.
    var fileName: String { get }
    /// The full tensor names of `parameters`, in order, for a layer recorded as `fileName`
    /// (`lstm_1` → `lstm_1.kernel`, …; `bidirectional_1/lstm_1` → `bidirectional_1.forward_lstm_1.kernel`, …).
    func tensorNames(fileName: String) -> [String]
}

extension Layer {
    /// Keras's class name, e.g. `MaxPooling1D`.
    public var typeName: String { spec.kerasTypeName }
    /// Keras's name prefix, e.g. `max_pooling1d`.
    public var namePrefix: String { spec.namePrefix }

    public func takeNames(from namer: inout LayerNamer) { name = namer.nextName(for: namePrefix) }

    public var fileName: String { name }

    public func tensorNames(fileName: String) -> [String] { parameters.map { "\(fileName).\($0.name)" } }
}

/// Makes the layer a spec describes (unbuilt: no weights yet).
public func makeLayer(_ spec: LayerSpec) -> any Layer {
    switch spec {
    case let .embedding(inputDim, outputDim): Embedding(inputDim, outputDim)
    case let .lstm(units, returnSequences, recurrentActivation, dropout):
        LSTM(units, returnSequences: returnSequences, recurrentActivation: recurrentActivation, dropout: dropout)
    case let .gru(units, returnSequences, recurrentActivation, resetAfter, dropout):
        GRU(units, returnSequences: returnSequences, recurrentActivation: recurrentActivation, resetAfter: resetAfter,
            dropout: dropout)
    case let .simpleRNN(units, returnSequences, dropout): SimpleRNN(units, returnSequences: returnSequences, dropout: dropout)
    case let .bidirectional(inner, mergeMode): Bidirectional(makeLayer(inner), mergeMode: mergeMode, backward: makeLayer(inner))
    case let .cudnnLSTM(units, returnSequences): CuDNNLSTM(units, returnSequences: returnSequences)
    case let .conv1D(filters, kernelSize, strides, padding, activation):
        Conv1D(filters, kernelSize, strides: strides, padding: padding, activation: activation)
    case let .maxPooling1D(poolSize, strides): MaxPooling1D(poolSize, strides: strides)
    case .globalMaxPooling1D: GlobalMaxPooling1D()
    case .globalAveragePooling1D: GlobalAveragePooling1D()
    case .flatten: Flatten()
    case let .dropout(rate): Dropout(rate)
    case let .spatialDropout1D(rate): SpatialDropout1D(rate)
    case let .dense(units, activation): Dense(units, activation: activation)
    }
}
