import TensorCore

/// What a model will allocate, estimated from its definition alone, so a stack
/// that cannot fit is refused before any weight or activation exists.
extension ModelDefinition {
    /// The weight count of every layer whose count is known for `inputLength`
    /// (layers whose input width depends on an unknown length count as 0).
    /// - Returns: nil when the total overflows `Int`.
    /// - Precondition: `inferShapes(inputLength:)` accepts the definition.
    public func knownParameterCount(inputLength length: Int?) -> Int? {
        guard let shapes = try? inferShapes(inputLength: length) else { return nil }
        let inputs = [[length ?? inputLength]] + shapes.dropLast()
        var counts: [Int] = []
        for (i, (spec, input)) in zip(layers, inputs).enumerated() {
            if spec.weightsDependOnInputFeatures && input.last.flatMap({ $0 }) == nil { continue }
            guard let count = try? spec.parameterCount(input: input, position: i) else { return nil }
            counts.append(count)
        }
        return CheckedSize.sum(counts)
    }

    /// The floats one sample keeps alive during a training step: every layer's
    /// output and input gradient, plus the LSTM's per-step gates, states and
    /// stacked inputs and the convolution's unfolded windows (a lower bound; nil on overflow).
    public func activationElementsPerSample(inputLength length: Int) -> Int? {
        guard let shapes = try? inferShapes(inputLength: length) else { return nil }
        let outputs = shapes.map { $0.map { $0 ?? 0 } }
        let inputs = [[length]] + outputs.dropLast()
        var total = 0
        for (spec, (input, output)) in zip(layers, zip(inputs, outputs)) {
            guard let inElements = CheckedSize.product(input), let outElements = CheckedSize.product(output),
                  var layerTotal = CheckedSize.sum([inElements, outElements]) else { return nil }
            let steps = input.first ?? 0, features = input.last ?? 0
            switch spec {
            case .lstm, .cudnnLSTM, .gru, .simpleRNN, .bidirectional:
                guard let extra = spec.recurrentStateElements(steps: steps, features: features),
                      let sum = CheckedSize.sum([layerTotal, extra]) else { return nil }
                layerTotal = sum
            case let .conv1D(_, kernelSize, _, _, _):
                guard let extra = CheckedSize.product([output.first ?? 0, kernelSize, features]),
                      let sum = CheckedSize.sum([layerTotal, extra]) else { return nil }
                layerTotal = sum
            default:
                break
            }
            guard let sum = CheckedSize.sum([total, layerTotal]) else { return nil }
            total = sum
        }
        return total
    }

    /// Refuses a model whose weights (with their gradients) cannot fit, as far as they are known
    /// for `inputLength`; called when the model is defined.
    /// - Throws: `MemoryError` naming the model, its parameter count and the memory there is.
    public func requireMemoryForWeights(name: String, inputLength length: Int?) throws(MemoryError) {
        let count = knownParameterCount(inputLength: length)
        let bytes = MemoryBudget.floatBytes(count.flatMap { CheckedSize.product([$0, 2]) })
        try MemoryBudget.require(bytes, for: "\(name) (\(count.map(NumberFormat.grouped) ?? "too many") weights, with their gradients)")
    }

    /// Refuses training when the activations of one batch of `batchSize` samples of `inputLength`
    /// (and, for a model not built yet, its weights, their gradients and the optimizer's two slots) cannot fit.
    /// - Throws: `MemoryError` naming the model and the batch.
    public func requireMemoryForTraining(name: String, inputLength length: Int, batchSize: Int,
                                         includingWeights: Bool) throws(MemoryError) {
        let weights = includingWeights ? knownParameterCount(inputLength: length).flatMap { CheckedSize.product([$0, 4]) } : 0
        let activations = activationElementsPerSample(inputLength: length).flatMap { CheckedSize.product([$0, batchSize]) }
        let total = weights.flatMap { w in activations.flatMap { CheckedSize.sum([w, $0]) } }
        let what = includingWeights ? "weights, gradients, optimizer state and a batch" : "a batch"
        try MemoryBudget.require(MemoryBudget.floatBytes(total),
                                 for: "training \(name) (\(what) of \(NumberFormat.grouped(batchSize)) sample\(batchSize == 1 ? "" : "s"))")
    }
}

extension LayerSpec {
    /// Per sample, the floats a recurrent layer caches over its steps: per step four
    /// gates, c and h, and the stacked [x, h, 1] row (an LSTM's; GRU and SimpleRNN keep
    /// less, so this bounds them too); twice the wrapped layer's for a Bidirectional.
    /// Nil on overflow, 0 for other layers.
    func recurrentStateElements(steps: Int, features: Int) -> Int? {
        switch self {
        case let .lstm(units, _, _, _), let .cudnnLSTM(units, _), let .gru(units, _, _, _, _), let .simpleRNN(units, _, _):
            guard let width = CheckedSize.sum([features, units, 1]).flatMap({ w in CheckedSize.product([6, units]).flatMap { CheckedSize.sum([w, $0]) } })
            else { return nil }
            return CheckedSize.product([steps, width])
        case let .bidirectional(inner, _):
            return inner.recurrentStateElements(steps: steps, features: features).flatMap { CheckedSize.product([2, $0]) }
        default:
            return 0
        }
    }
}
