/// Names, shape inference and parameter counts computed from a spec alone,
/// without allocating weights (so `summary` of a 926,453 × 256 model is instant).
extension LayerSpec {
    /// The language keyword of the layer kind (`lstm`, `maxpool1d`, …), used in error text.
    public var keyword: String {
        switch self {
        case .embedding: "embedding"
        case .lstm: "lstm"
        case .gru: "gru"
        case .simpleRNN: "simplernn"
        case .bidirectional: "bidirectional"
        case .cudnnLSTM: "cudnnlstm"
        case .conv1D: "conv1d"
        case .maxPooling1D: "maxpool1d"
        case .globalMaxPooling1D: "globalmaxpool1d"
        case .globalAveragePooling1D: "globalaveragepool1d"
        case .flatten: "flatten"
        case .dropout: "dropout"
        case .spatialDropout1D: "spatialdropout1d"
        case .dense: "dense"
        }
    }

    /// Keras's class name, shown in summaries: `LSTM`, `MaxPooling1D`, `CuDNNLSTM`, …
    public var kerasTypeName: String {
        switch self {
        case .embedding: "Embedding"
        case .lstm: "LSTM"
        case .gru: "GRU"
        case .simpleRNN: "SimpleRNN"
        case .bidirectional: "Bidirectional"
        case .cudnnLSTM: "CuDNNLSTM"
        case .conv1D: "Conv1D"
        case .maxPooling1D: "MaxPooling1D"
        case .globalMaxPooling1D: "GlobalMaxPooling1D"
        case .globalAveragePooling1D: "GlobalAveragePooling1D"
        case .flatten: "Flatten"
        case .dropout: "Dropout"
        case .spatialDropout1D: "SpatialDropout1D"
        case .dense: "Dense"
        }
    }

    /// Keras 2's name prefix, the snake case of the class name: `lstm`, `max_pooling1d`, `cu_dnnlstm`, …
    public var namePrefix: String {
        switch self {
        case .embedding: "embedding"
        case .lstm: "lstm"
        case .gru: "gru"
        case .simpleRNN: "simple_rnn"
        case .bidirectional: "bidirectional"
        case .cudnnLSTM: "cu_dnnlstm"
        case .conv1D: "conv1d"
        case .maxPooling1D: "max_pooling1d"
        case .globalMaxPooling1D: "global_max_pooling1d"
        case .globalAveragePooling1D: "global_average_pooling1d"
        case .flatten: "flatten"
        case .dropout: "dropout"
        case .spatialDropout1D: "spatial_dropout1d"
        case .dense: "dense"
        }
    }

    /// The per-sample output shape for a per-sample input shape (nil = unknown length).
    ///
    /// - Parameter position: the layer's index in its stack, carried by errors.
    /// - Throws: `ModelError` when the arguments are out of range or the input
    ///   shape does not fit, e.g. "lstm expects (batch, steps, features) but gets (batch, 10500)".
    public func outputShape(input: [Int?], position: Int) throws -> [Int?] {
        try checkArguments(position: position)
        let sequence = "(batch, steps, features)"
        switch self {
        case let .embedding(_, outputDim):
            guard input.count == 1 else { throw mismatch(position, "(batch, steps)", input) }
            return [input[0], outputDim]
        case let .lstm(units, returnSequences, _, _), let .cudnnLSTM(units, returnSequences),
             let .gru(units, returnSequences, _, _, _), let .simpleRNN(units, returnSequences, _):
            guard input.count == 2 else { throw mismatch(position, sequence, input) }
            return returnSequences ? [input[0], units] : [units]
        case let .bidirectional(inner, mergeMode):
            guard input.count == 2 else { throw mismatch(position, sequence, input) }
            var shape = try inner.outputShape(input: input, position: position)
            if mergeMode == .concat { shape[shape.count - 1] = shape.last!.map { 2 * $0 } }
            return shape
        case .spatialDropout1D:
            guard input.count == 2 else { throw mismatch(position, sequence, input) }
            return input
        case let .conv1D(filters, kernelSize, strides, padding, _):
            guard input.count == 2 else { throw mismatch(position, sequence, input) }
            guard let length = input[0] else { return [nil, filters] }
            let out = padding == .valid ? (length - kernelSize) / strides + 1 : (length + strides - 1) / strides
            guard length >= (padding == .valid ? kernelSize : 1), out > 0 else {
                throw ModelError.emptyOutput(layer: position, kind: keyword, input: input)
            }
            return [out, filters]
        case let .maxPooling1D(poolSize, strides):
            guard input.count == 2 else { throw mismatch(position, sequence, input) }
            guard let length = input[0] else { return input }
            guard length >= poolSize else { throw ModelError.emptyOutput(layer: position, kind: keyword, input: input) }
            return [(length - poolSize) / (strides ?? poolSize) + 1, input[1]]
        case .globalMaxPooling1D, .globalAveragePooling1D:
            guard input.count == 2 else { throw mismatch(position, sequence, input) }
            return [input[1]]
        case .flatten:
            guard !input.isEmpty else { throw mismatch(position, "(batch, features…)", input) }
            if input.contains(where: { $0 == nil }) { return [nil] }
            return [input.reduce(1) { $0 * $1! }]
        case .dropout:
            return input
        case let .dense(units, _):
            guard !input.isEmpty else { throw mismatch(position, "(batch, features)", input) }
            return input.dropLast() + [units]
        }
    }

    /// Whether the weight count depends on the size of the input's last dimension.
    public var weightsDependOnInputFeatures: Bool {
        switch self {
        case .lstm, .cudnnLSTM, .gru, .simpleRNN, .bidirectional, .conv1D, .dense: return true
        case .embedding, .maxPooling1D, .globalMaxPooling1D, .globalAveragePooling1D, .flatten, .dropout, .spatialDropout1D:
            return false
        }
    }

    /// The number of weights for a per-sample input shape the layer accepts
    /// (as Keras counts them: CuDNNLSTM has 8·units biases, a Keras 2.3 GRU 6·units,
    /// a Bidirectional twice its wrapped layer).
    /// - Precondition: `outputShape(input:position:)` accepted `input`.
    public func parameterCount(input: [Int?]) -> Int {
        let features = input.last.flatMap { $0 } ?? 0
        switch self {
        case let .embedding(inputDim, outputDim): return inputDim * outputDim
        case let .lstm(units, _, _, _): return 4 * units * (features + units + 1)
        case let .gru(units, _, _, resetAfter, _):
            return 3 * units * (features + units) + (resetAfter ? 6 : 3) * units
        case let .simpleRNN(units, _, _): return units * (features + units + 1)
        case let .bidirectional(inner, _): return 2 * inner.parameterCount(input: input)
        case let .cudnnLSTM(units, _): return 4 * units * (features + units) + 8 * units
        case let .conv1D(filters, kernelSize, _, _, _): return kernelSize * features * filters + filters
        case let .dense(units, _): return features * units + units
        case .maxPooling1D, .globalMaxPooling1D, .globalAveragePooling1D, .flatten, .dropout, .spatialDropout1D: return 0
        }
    }

    private func mismatch(_ position: Int, _ expected: String, _ input: [Int?]) -> ModelError {
        .incompatibleShape(layer: position, kind: keyword, expected: expected, got: input)
    }

    private func checkArguments(position: Int) throws {
        func require(_ ok: Bool, _ message: String) throws {
            if !ok { throw ModelError.invalidArgument(layer: position, kind: keyword, message: message) }
        }
        switch self {
        case let .embedding(inputDim, outputDim):
            try require(inputDim > 0 && inputDim <= 1 << 24, "input_dim must be in 1…16777216, got \(inputDim)")
            try require(outputDim > 0, "output_dim must be positive, got \(outputDim)")
        case let .lstm(units, _, _, dropout), let .gru(units, _, _, _, dropout), let .simpleRNN(units, _, dropout):
            try require(units > 0, "units must be positive, got \(units)")
            if let dropout {
                try require(dropout.input >= 0 && dropout.input < 1, "dropout must be in [0, 1), got \(dropout.input)")
                try require(dropout.recurrent >= 0 && dropout.recurrent < 1,
                            "recurrent_dropout must be in [0, 1), got \(dropout.recurrent)")
            }
        case let .cudnnLSTM(units, _):
            try require(units > 0, "units must be positive, got \(units)")
        case let .bidirectional(inner, _):
            switch inner {
            case .lstm, .gru, .simpleRNN: break
            default: try require(false, "wraps lstm, gru or simplernn, not \(inner.keyword)")
            }
        case let .conv1D(filters, kernelSize, strides, _, _):
            try require(filters > 0, "filters must be positive, got \(filters)")
            try require(kernelSize > 0, "kernel_size must be positive, got \(kernelSize)")
            try require(strides > 0, "strides must be positive, got \(strides)")
        case let .maxPooling1D(poolSize, strides):
            try require(poolSize > 0, "pool_size must be positive, got \(poolSize)")
            try require((strides ?? 1) > 0, "strides must be positive, got \(strides ?? 0)")
        case let .dropout(rate), let .spatialDropout1D(rate):
            try require(rate >= 0 && rate < 1, "rate must be in [0, 1), got \(rate)")
        case let .dense(units, _):
            try require(units > 0, "units must be positive, got \(units)")
        case .globalMaxPooling1D, .globalAveragePooling1D, .flatten:
            break
        }
    }
}

extension ModelDefinition {
    /// The per-sample output shape of every layer, first to last, for a sample length
    /// (nil: use `inputLength`, and leave the length unknown when that is nil too).
    /// - Throws: `ModelError` for the first layer that cannot take its input.
    public func inferShapes(inputLength length: Int? = nil) throws -> [[Int?]] {
        guard !layers.isEmpty else { throw ModelError.emptyModel }
        var shape: [Int?] = [length ?? inputLength]
        var shapes: [[Int?]] = []
        for (i, spec) in layers.enumerated() {
            shape = try spec.outputShape(input: shape, position: i)
            shapes.append(shape)
        }
        return shapes
    }

    /// The loss `compile` implies when none is given (LANGUAGE.md): a final
    /// `dense 1 sigmoid` ⇒ binary cross-entropy, a final softmax ⇒ sparse
    /// categorical cross-entropy; nil otherwise.
    public var defaultLoss: Loss? {
        guard case let .dense(units, activation)? = layers.last else { return nil }
        if units == 1 && activation == .sigmoid { return .binaryCrossentropy }
        if activation == .softmax { return .sparseCategoricalCrossentropy }
        return nil
    }
}
