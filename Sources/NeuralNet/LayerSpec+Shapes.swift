import TensorCore

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
            // Token ids exist only at the input: any layer below would hand it real numbers.
            guard position == 0 else {
                throw ModelError.invalidArgument(layer: position, kind: keyword, message: "must be the first layer (it reads token ids)")
            }
            guard input.count == 1 else { throw mismatch(position, "(batch, steps)", input) }
            return try checked([input[0], outputDim], input: input, position: position)
        case let .lstm(units, returnSequences, _, _), let .cudnnLSTM(units, returnSequences),
             let .gru(units, returnSequences, _, _, _), let .simpleRNN(units, returnSequences, _):
            guard input.count == 2 else { throw mismatch(position, sequence, input) }
            return try checked(returnSequences ? [input[0], units] : [units], input: input, position: position)
        case let .bidirectional(inner, mergeMode):
            guard input.count == 2 else { throw mismatch(position, sequence, input) }
            var shape = try inner.outputShape(input: input, position: position)
            if mergeMode == .concat, let last = shape.last ?? nil {
                guard let doubled = CheckedSize.product([2, last]) else {
                    throw ModelError.tooLarge(layer: position, kind: keyword, what: "the output width")
                }
                shape[shape.count - 1] = doubled
                return try checked(shape, input: input, position: position)
            }
            return shape
        case .spatialDropout1D:
            guard input.count == 2 else { throw mismatch(position, sequence, input) }
            return input
        case let .conv1D(filters, kernelSize, strides, padding, _):
            guard input.count == 2 else { throw mismatch(position, sequence, input) }
            guard let length = input[0] else { return [nil, filters] }
            guard length >= (padding == .valid ? kernelSize : 1) else {
                throw ModelError.emptyOutput(layer: position, kind: keyword, input: input)
            }
            // ⌈L / s⌉ written without L + s − 1, which overflows for a huge stride.
            let out = padding == .valid ? (length - kernelSize) / strides + 1 : length / strides + (length % strides == 0 ? 0 : 1)
            return try checked([out, filters], input: input, position: position)
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
            let known = input.compactMap { $0 }
            if known.count < input.count { return [nil] }
            guard let product = CheckedSize.product(known) else {
                throw ModelError.tooLarge(layer: position, kind: keyword, what: "the flattened size of \(ModelError.batchShape(input))")
            }
            return [product]
        case .dropout:
            return input
        case let .dense(units, _):
            guard !input.isEmpty else { throw mismatch(position, "(batch, features)", input) }
            return try checked(input.dropLast() + [units], input: input, position: position)
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
    /// - Parameter position: the layer's index in its stack, carried by errors.
    /// - Throws: `ModelError.tooLarge` when the count does not fit in an `Int`.
    public func parameterCount(input: [Int?], position: Int) throws -> Int {
        guard let count = checkedParameterCount(input: input) else {
            throw ModelError.tooLarge(layer: position, kind: keyword, what: "the weight count")
        }
        return count
    }

    /// The weight count, nil when it overflows `Int` (sizes come from user input).
    private func checkedParameterCount(input: [Int?]) -> Int? {
        let features = input.last.flatMap { $0 } ?? 0
        typealias C = CheckedSize
        switch self {
        case let .embedding(inputDim, outputDim):
            return C.product([inputDim, outputDim])
        case let .lstm(units, _, _, _):
            return C.sum([features, units, 1]).flatMap { C.product([4, units, $0]) }
        case let .gru(units, _, _, resetAfter, _):
            return C.sum([features, units]).flatMap { C.product([3, units, $0]) }
                .flatMap { w in C.product([resetAfter ? 6 : 3, units]).flatMap { C.sum([w, $0]) } }
        case let .simpleRNN(units, _, _):
            return C.sum([features, units, 1]).flatMap { C.product([units, $0]) }
        case let .bidirectional(inner, _):
            return inner.checkedParameterCount(input: input).flatMap { C.product([2, $0]) }
        case let .cudnnLSTM(units, _):
            return C.sum([features, units]).flatMap { C.product([4, units, $0]) }.flatMap { w in C.product([8, units]).flatMap { C.sum([w, $0]) } }
        case let .conv1D(filters, kernelSize, _, _, _):
            return C.product([kernelSize, features, filters]).flatMap { C.sum([$0, filters]) }
        case let .dense(units, _):
            return C.product([features, units]).flatMap { C.sum([$0, units]) }
        case .maxPooling1D, .globalMaxPooling1D, .globalAveragePooling1D, .flatten, .dropout, .spatialDropout1D:
            return 0
        }
    }

    /// `output` after checking that its element count and the layer's weight count fit in an `Int`.
    private func checked(_ output: [Int?], input: [Int?], position: Int) throws -> [Int?] {
        guard CheckedSize.product(output.compactMap { $0 }) != nil else {
            throw ModelError.tooLarge(layer: position, kind: keyword, what: "the output \(ModelError.batchShape(output))")
        }
        _ = try parameterCount(input: input, position: position)
        return output
    }

    /// The largest `strides=` a convolution takes, 2³²: far beyond any sequence lab can hold.
    public static let maximumStride = 1 << 32

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
            // Bounded so the layer's ⌈L / s⌉ (as L + s − 1) cannot overflow for any length that fits in memory.
            try require(strides > 0 && strides <= LayerSpec.maximumStride, "strides must be in 1…\(LayerSpec.maximumStride), got \(strides)")
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

    /// Checks that the last layer gives one vector per sample, as every loss expects.
    /// - Throws: `ModelError` for an impossible stack, or `.sequenceOutput` at the last layer when
    ///   its output keeps a steps axis (a `dense` over a sequence without `flatten` or pooling first).
    public func requireVectorOutput(inputLength length: Int? = nil) throws {
        let shapes = try inferShapes(inputLength: length)
        guard let last = shapes.last, last.count > 1 else { return }
        throw ModelError.sequenceOutput(layer: layers.count - 1, kind: layers[layers.count - 1].keyword, output: last)
    }

    /// Layers that are legal but almost surely a mistake, with the index of each and why:
    /// today `dense 1 softmax`, whose output is always 1.
    public var warnings: [(layer: Int, message: String)] {
        layers.enumerated().compactMap { i, spec in
            guard case .dense(1, .softmax) = spec else { return nil }
            return (i, "dense 1 softmax always outputs 1.0 (a softmax over one unit); "
                       + "use dense 1 sigmoid for two classes or dense N softmax for N classes")
        }
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
