import TensorCore

/// A stack of layers, each feeding the next (Keras `Sequential`).
///
/// Shapes and parameter counts come from the specs alone (`outputShapes`,
/// `parameterCount`), so a summary never allocates weights. `build` allocates
/// and initializes for a sequence length T; `compile` picks a loss and optimizer;
/// `trainStep` runs forward (training mode), loss, backward and one optimizer
/// update; `predict` runs in inference mode. Input x: token ids [N, T] as Floats
/// (or features [N, T, D] when the first layer is not an embedding), or sparse CSR rows
/// [N, D] (`ModelInput.sparse`) when the first layer is `Dense`.
public final class Sequential {
    /// The layers, first to last, named by a `LayerNamer`.
    public let layers: [any Layer]
    /// The sequence length from `input N` or bound by `build`.
    public private(set) var inputLength: Int?
    /// The loss chosen by `compile`.
    public private(set) var loss: Loss?
    /// The optimizer chosen by `compile`, with its state.
    public private(set) var optimizer: Optimizer?
    /// How a batch's losses combine (Keras default: mean).
    public var reduction: LossReduction = .mean
    /// The rows of the global batch this process computes in a data-parallel step (nil otherwise);
    /// `computeGradients` draws random masks for the whole global batch and keeps these rows.
    public var batchShare: BatchShare?
    /// The predictions of the last `trainStep` batch, [N, units] (valid until the next call).
    public private(set) var lastPredictions = Tensor(shape: [0])
    private let lossGradient = Tensor(shape: [0])

    /// A model over `layers`, named from a fresh namer (`embedding_1`, …).
    public convenience init(_ layers: [any Layer], inputLength: Int? = nil) {
        var namer = LayerNamer()
        self.init(layers, inputLength: inputLength, namer: &namer)
    }

    /// A model over `layers`, named from the session's namer.
    public init(_ layers: [any Layer], inputLength: Int? = nil, namer: inout LayerNamer) {
        self.layers = layers
        self.inputLength = inputLength
        for layer in layers { layer.takeNames(from: &namer) }
    }

    /// A model from a result-builder block: `Sequential { Embedding(5000, 32); LSTM(100); Dense(1, activation: .sigmoid) }`.
    public convenience init(inputLength: Int? = nil, @LayerBuilder _ layers: () -> [any Layer]) {
        self.init(layers(), inputLength: inputLength)
    }

    /// A model from a definition (as the language or a model file gives it), named from the session's namer.
    /// Embedding setups (`weights=`, `trainable=false`) that lie outside the stack or name another kind are ignored;
    /// `ModelDefinition.validateEmbeddingSetups` reports them.
    public convenience init(definition: ModelDefinition, namer: inout LayerNamer) {
        self.init(definition.layers.map(makeLayer), inputLength: definition.inputLength, namer: &namer)
        for setup in definition.embeddingSetups ?? [] where layers.indices.contains(setup.layer) {
            guard let embedding = layers[setup.layer] as? Embedding else { continue }
            embedding.trainable = setup.trainable
            embeddingSetups.append(setup)
        }
    }

    /// The embeddings that start from word vectors or are frozen, as defined.
    public var embeddingSetups: [EmbeddingSetup] = []

    /// The model as written: input length, layer specs and embedding setups.
    public var definition: ModelDefinition {
        ModelDefinition(inputLength: inputLength, layers: layers.map(\.spec), embeddingSetups: embeddingSetups.isEmpty ? nil : embeddingSetups)
    }

    /// Whether the optimizer updates `layer`'s parameters (false for a frozen embedding).
    public static func isTrainable(_ layer: any Layer) -> Bool { (layer as? Embedding)?.trainable ?? true }

    /// Checks the stack with the known input length (or none), as at definition time.
    /// - Throws: `ModelError` for the first layer that cannot take its input.
    public func validate() throws { _ = try definition.inferShapes() }

    /// The per-sample output shape of every layer for sequence length `inputLength` (no allocation).
    /// - Throws: `ModelError` for an impossible stack.
    public func outputShapes(inputLength: Int) throws -> [[Int]] {
        try definition.inferShapes(inputLength: inputLength).map { $0.map { $0! } }
    }

    /// The parameter count of every layer for `inputLength` (default: the model's), computed from specs.
    /// - Throws: `ModelError` for an impossible stack, or when a count depends on an unknown length.
    public func parameterCounts(inputLength length: Int? = nil) throws -> [Int] {
        let shapes = try definition.inferShapes(inputLength: length ?? inputLength)
        let inputs = [[length ?? inputLength]] + shapes.dropLast()
        for (i, (layer, input)) in zip(layers, inputs).enumerated() where layer.spec.weightsDependOnInputFeatures {
            if input.last.flatMap({ $0 }) == nil { throw ModelError.unknownLength(layer: i, kind: layer.spec.keyword) }
        }
        return try zip(layers, inputs).enumerated().map { i, pair in try pair.0.spec.parameterCount(input: pair.1, position: i) }
    }

    /// The total parameter count (0 when the stack is invalid or its total overflows; see `parameterCounts` for the error).
    public var parameterCount: Int { CheckedSize.sum((try? parameterCounts()) ?? []) ?? 0 }

    /// Whether every weight is a finite number (false after a diverged update).
    public var hasFiniteWeights: Bool {
        namedParameters.allSatisfy { named in
            let t = named.parameter.value
            return (0..<t.count).allSatisfy { t.data[$0].isFinite }
        }
    }

    /// Whether every layer has its weights.
    public var isBuilt: Bool { layers.allSatisfy(\.isBuilt) }

    /// Allocates and initializes every layer for sequence length `inputLength` (Keras initializers).
    /// - Throws: `ModelError` for an impossible stack or a length different from `input N`.
    public func build(inputLength length: Int, using rng: inout RandomGenerator) throws {
        // Zero-width samples (an .npy of shape (N, 0), a libsvm file of labels only) leave
        // nothing to compute: an LSTM over 0 steps or a dense over 0 features.
        guard length >= 1 else { throw ModelError.batchShape(what: "each sample", expected: "at least 1 step or feature", got: [length]) }
        if let fixed = inputLength, fixed != length {
            throw ModelError.batchShape(what: "the input length", expected: "\(fixed)", got: [length])
        }
        let shapes = try outputShapes(inputLength: length)
        var input = [length]
        for (layer, output) in zip(layers, shapes) {
            try layer.build(inputShape: input, using: &rng)
            input = output
        }
        inputLength = length
    }

    /// Chooses the loss and optimizer (with fresh state).
    public func compile(loss: Loss, optimizer: OptimizerSpec = .adam(), sparseUpdate: SparseUpdate = .dense) {
        self.loss = loss
        self.optimizer = Optimizer(optimizer, sparseUpdate: sparseUpdate)
    }

    /// Compiles with the loss implied by the last layer (LANGUAGE.md) and Adam by default.
    /// - Throws: `ModelError.cannotInferLoss` when the last layer implies none.
    public func compile(optimizer: OptimizerSpec = .adam()) throws {
        guard let implied = definition.defaultLoss else {
            throw ModelError.cannotInferLoss(lastLayer: layers.last.map { "\($0.spec.keyword)" } ?? "none")
        }
        compile(loss: implied, optimizer: optimizer)
    }

    /// Every parameter with its full Keras name (`lstm_1.kernel`), in layer order.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        layers.flatMap { layer in zip(layer.tensorNames(fileName: layer.fileName), layer.parameters).map { ($0, $1) } }
    }

    /// The parameters the optimizer updates: `namedParameters` without frozen layers'.
    public var trainableParameters: [(name: String, parameter: Parameter)] {
        layers.filter(Self.isTrainable).flatMap { layer in zip(layer.tensorNames(fileName: layer.fileName), layer.parameters).map { ($0, $1) } }
    }

    /// Checks a batch against the built model and compiled loss before training on it.
    /// - Throws: `ModelError` for a wrong shape, a target outside the classes, or a token id outside the embedding.
    public func checkBatch(x: Tensor, y: Tensor?) throws { try checkBatch(.dense(x), y: y) }

    /// Checks a batch, dense or sparse, against the built model and compiled loss before training on it.
    /// Sparse rows need a `dense` first layer built for their column count.
    /// - Throws: `ModelError` for a wrong shape, a target outside the classes, or a token id outside the embedding.
    public func checkBatch(_ input: ModelInput, y: Tensor?) throws {
        guard let length = inputLength else { throw ModelError.unknownLength(layer: 0, kind: layers.first?.spec.keyword ?? "model") }
        let n = input.rows
        if case .sparse(let rows) = input {
            guard case .dense? = layers.first?.spec else {
                throw ModelError.batchShape(what: "sparse rows", expected: "a dense first layer", got: [n, rows.columnCount])
            }
            guard rows.columnCount == length else {
                throw ModelError.batchShape(what: "x", expected: "[N, \(length)]", got: [n, rows.columnCount])
            }
        } else if case .dense(let x) = input, case let .embedding(inputDim, _)? = layers.first?.spec {
            guard x.shape == [n, length] else { throw ModelError.batchShape(what: "x", expected: "[N, \(length)]", got: x.shape) }
            for i in 0..<x.count where !(x.data[i] >= 0 && x.data[i] < Float(inputDim) && x.data[i].rounded() == x.data[i]) {
                throw ModelError.tokenOutOfRange(id: x.data[i], inputDim: inputDim)
            }
        } else if case .dense(let x) = input {
            guard x.shape.count >= 2, x.shape[1] == length else { throw ModelError.batchShape(what: "x", expected: "[N, \(length), …]", got: x.shape) }
        }
        try definition.requireVectorOutput(inputLength: length)
        guard let y, let loss else { return }
        let units = (try outputShapes(inputLength: length)).last?.first ?? 1
        switch loss {
        case .sparseCategoricalCrossentropy:
            // Keras takes class indices as [N] or [N, 1]; both lay the indices out the same way.
            guard y.shape == [n] || y.shape == [n, 1] else {
                throw ModelError.batchShape(what: "y", expected: "[\(n)] class indices", got: y.shape)
            }
            for i in 0..<y.count where !(y.data[i] >= 0 && y.data[i] < Float(units) && y.data[i].rounded() == y.data[i]) {
                throw ModelError.batchShape(what: "y", expected: "class indices in 0..<\(units)", got: y.shape)
            }
        case .binaryCrossentropy:
            try requireTargetsFit(y, samples: n, units: units, loss: loss)
            // Class indices 0, 1, 2 fed to one sigmoid would train as "≥ 1 means positive" without a word.
            for i in 0..<y.count where !(y.data[i] >= 0 && y.data[i] <= 1) {
                throw ModelError.binaryTargetOutOfRange(y.data[i])
            }
        case .categoricalCrossentropy where units > 1 && (y.shape == [n] || y.shape == [n, 1]):
            // Keras users reach for categorical_crossentropy with integer labels; the fix is the loss.
            throw targetsDoNotFit(loss, units, targets: "class indices (\(n) × 1)",
                                  "one-hot targets [\(n), \(units)] are needed; for class indices compile with loss=sparse_categorical_crossentropy")
        default:
            try requireTargetsFit(y, samples: n, units: units, loss: loss)
        }
    }

    /// Targets of `units` values per sample; otherwise an error naming the last layer to change.
    private func requireTargetsFit(_ y: Tensor, samples n: Int, units: Int, loss: Loss) throws {
        guard y.count != n * units || y.shape.first != n else { return }
        let perSample = y.shape.first == n && n > 0 && y.count % n == 0 ? y.count / n : 0
        guard perSample >= 1 else { throw ModelError.batchShape(what: "y", expected: "[\(n), \(units)]", got: y.shape) }
        throw targetsDoNotFit(loss, units, targets: "\(perSample) value\(perSample == 1 ? "" : "s") per sample",
                              "change \(layers[layers.count - 1].name) to \(perSample) unit\(perSample == 1 ? "" : "s"), or the loss")
    }

    /// The error for targets that do not match the last layer, naming that layer.
    private func targetsDoNotFit(_ loss: Loss, _ units: Int, targets: String, _ advice: String) -> ModelError {
        let last = layers.count - 1
        return .targetsDoNotFitOutput(loss: loss.rawValue, lastLayer: last, kind: layers[last].name,
                                      units: units, targets: targets, advice: advice)
    }

    private func forward(_ input: ModelInput, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        var rest = layers[...]
        var h: Tensor
        switch input {
        case .dense(let x): h = x
        case .sparse(let x):
            guard let first = layers.first as? Dense else { preconditionFailure("sparse rows need a dense first layer (checkBatch)") }
            h = first.forward(sparse: x, training: training)
            rest = rest.dropFirst()
        }
        for layer in rest { h = layer.forward(h, training: training, using: &rng) }
        return h
    }

    /// One training step: forward (training mode), loss, backward, optimizer update.
    /// The batch's predictions stay readable in `lastPredictions`.
    /// With `sampleWeights` (one per sample, Keras `sample_weight`/`class_weight`) each sample's
    /// loss and gradient are scaled by its weight.
    /// - Returns: the batch loss (mean by default), computed before the update.
    /// - Precondition: built and compiled, and the batch passes `checkBatch`.
    public func trainStep(x: Tensor, y: Tensor, sampleWeights: [Float]? = nil, using rng: inout RandomGenerator) -> Double {
        trainStep(.dense(x), y: y, sampleWeights: sampleWeights, using: &rng)
    }

    /// One training step on a dense or sparse batch (see `trainStep(x:y:sampleWeights:using:)`).
    /// After sparse rows the first dense layer forms only its weight gradients.
    public func trainStep(_ x: ModelInput, y: Tensor, sampleWeights: [Float]? = nil, using rng: inout RandomGenerator) -> Double {
        let value = computeGradients(x, y: y, sampleWeights: sampleWeights, using: &rng)
        applyGradients()
        return value
    }

    /// The first half of `trainStep`: forward (training mode), loss and backward, leaving each
    /// trainable parameter's gradient for `applyGradients` (a data-parallel run averages them in between).
    /// - Returns: the batch loss (mean by default).
    /// - Precondition: built and compiled, and the batch passes `checkBatch`.
    public func computeGradients(_ x: ModelInput, y: Tensor, sampleWeights: [Float]? = nil, using rng: inout RandomGenerator) -> Double {
        guard let loss else { preconditionFailure("compile the model before training") }
        precondition(isBuilt, "build the model before training")
        let params = trainableParameters
        for (_, p) in params { p.zeroGradient() }
        BatchShare.active = batchShare
        let p = forward(x, training: true, using: &rng)
        BatchShare.active = nil
        lastPredictions.copy(from: p)
        let value = loss.value(predictions: p, targets: y, reduction: reduction, sampleWeights: sampleWeights)
        var g: Tensor
        var rest = layers[...]
        if let dense = layers.last as? Dense, loss.fuses(with: dense.activation) {
            loss.logitGradient(probabilities: p, targets: y, reduction: reduction, into: lossGradient)
            if let sampleWeights { Self.scaleRows(lossGradient, by: sampleWeights) }
            g = dense.backward(preActivationGradient: lossGradient)
            rest = rest.dropLast()
        } else {
            loss.gradient(predictions: p, targets: y, reduction: reduction, into: lossGradient)
            if let sampleWeights { Self.scaleRows(lossGradient, by: sampleWeights) }
            g = lossGradient
        }
        for layer in rest.reversed() { g = layer.backward(g) }
        return value
    }

    /// The second half of `trainStep`: one optimizer update from the gradients `computeGradients` left.
    public func applyGradients() {
        guard let optimizer else { preconditionFailure("compile the model before training") }
        optimizer.step(trainableParameters)
    }

    /// Multiplies row s of an [N, …] gradient by `weights[s]`.
    private static func scaleRows(_ g: Tensor, by weights: [Float]) {
        let width = g.count / max(weights.count, 1)
        for (s, w) in weights.enumerated() {
            let row = g.data + s * width
            for j in 0..<width { row[j] *= w }
        }
    }

    /// Predictions for a batch in inference mode (no dropout): [N, units] probabilities for classifiers.
    public func predict(_ x: Tensor) -> Tensor { predict(.dense(x)) }

    /// Predictions for a dense or sparse batch in inference mode.
    public func predict(_ x: ModelInput) -> Tensor {
        precondition(isBuilt, "build the model before predicting")
        var unused = RandomGenerator(seed: 0)
        return forward(x, training: false, using: &unused).copy()
    }

    /// The compiled loss of `predictions` against `targets` (mean by default).
    public func loss(predictions: Tensor, targets: Tensor) -> Double {
        guard let loss else { preconditionFailure("compile the model first") }
        return loss.value(predictions: predictions, targets: targets, reduction: reduction)
    }

    /// The optimizer's state as named tensors (`optimizer.iterations`, `optimizer.m.lstm_1.kernel`, …).
    public func exportOptimizerState() -> [String: Tensor] { optimizer?.exportState() ?? [:] }

    /// Restores optimizer state exported under other layer names (`savedLayerNames[i]`, a `fileName`, for `layers[i]`).
    /// - Parameter adopting: keep `tensors` themselves rather than copies (tensors read from a file that nothing
    ///   else holds: a full-size model's Adam moments are 1.9 GB).
    /// - Throws: `ModelFileError.shapeMismatch` when a slot does not fit.
    public func importOptimizerState(_ tensors: [String: Tensor], savedLayerNames: [String]? = nil, path: String = "",
                                     adopting: Bool = false) throws {
        guard let optimizer else { return }
        let saved = savedLayerNames ?? layers.map(\.fileName)
        var rename: [String: String] = [:]
        for (layer, old) in zip(layers, saved) {
            for (now, then) in zip(layer.tensorNames(fileName: layer.fileName), layer.tensorNames(fileName: old)) { rename[now] = then }
        }
        try optimizer.importState(tensors, parameters: namedParameters, savedName: { rename[$0] ?? $0 }, path: path,
                                  adopting: adopting)
    }
}
