import DataParallel
import LabData
import NeuralNet
import TensorCore

/// Keras's `evaluate` and `predict`: inference mode, in batches.
public enum Evaluator {
    /// Predictions for every row of `inputs`, [N, units], computed `batchSize` rows at a time.
    /// - Parameter interrupt: polled before every batch (Ctrl-C); nil runs to the end.
    /// - Throws: `TrainingError.interrupted` when `interrupt` is requested before the last batch.
    /// - Parameter communicator: in a data-parallel run, process r computes batches k ≡ r (mod N)
    ///   (the same batches a single process cuts, so the same numbers) and the processes exchange
    ///   the rest; the caller then passes no `interrupt`, which one process alone would see.
    public static func predict(_ network: Sequential, inputs: Tensor, batchSize: Int = FitOptions.defaultBatchSize,
                               interrupt: InterruptFlag? = nil, communicator: Communicator? = nil) throws -> Tensor {
        try predict(network, inputs: .dense(inputs), batchSize: batchSize, interrupt: interrupt, communicator: communicator)
    }

    /// Predictions for every row of dense or sparse `inputs`, [N, units], `batchSize` rows at a time.
    /// - Throws: `TrainingError.interrupted` when `interrupt` is requested before the last batch;
    ///   a communicator's error in a data-parallel run.
    public static func predict(_ network: Sequential, inputs: ModelInput, batchSize: Int = FitOptions.defaultBatchSize,
                               interrupt: InterruptFlag? = nil, communicator: Communicator? = nil) throws -> Tensor {
        let n = inputs.rows
        let gather: BatchGather? = if case .dense(let x) = inputs { BatchGather(x) } else { nil }
        let order = Array(0..<n)
        func batch(_ rows: Range<Int>) -> ModelInput {
            switch inputs {
            case .dense: .dense(gather!.gather(order, rows))
            case .sparse(let x): .sparse(x.gather(rows))
            }
        }
        var out: Tensor?
        if let communicator, n > 0 {
            let width = (try network.outputShapes(inputLength: inputs.sampleLength).last ?? [1]).reduce(1, *)
            let all = Tensor(shape: [n, width])
            for start in stride(from: communicator.rank * batchSize, to: n, by: communicator.size * batchSize) {
                let rows = start..<min(start + batchSize, n)
                let p = network.predict(batch(rows))
                (all.data + rows.lowerBound * width).update(from: p.data, count: p.count)
            }
            try communicator.allreduceSum(all.data, count: all.count)
            return all
        }
        var start = 0
        while start < n {
            if let interrupt, interrupt.isRequested { throw TrainingError.interrupted(done: start, total: n) }
            let rows = start..<min(start + batchSize, n)
            let p = network.predict(batch(rows))
            let width = p.count / rows.count
            if out == nil { out = Tensor(shape: [n] + p.shape.dropFirst()) }
            (out!.data + rows.lowerBound * width).update(from: p.data, count: p.count)
            start = rows.upperBound
        }
        return out ?? Tensor(shape: [0, 1])
    }

    /// Loss and compiled metrics of `model` on a dataset, under plain keys (`loss`, `accuracy`, …).
    static func values(_ model: Model, inputs: ModelInput, targets: Tensor, batchSize: Int,
                       interrupt: InterruptFlag? = nil, communicator: Communicator? = nil) throws -> [MetricValue] {
        let p = try predict(model.network, inputs: inputs, batchSize: batchSize, interrupt: interrupt, communicator: communicator)
        return [MetricValue("loss", Float(model.network.loss(predictions: p, targets: targets)))]
            + model.metrics.map { MetricValue($0.key, $0.compute(predictions: p, targets: targets)) }
    }

    /// Evaluates `model` on `data` and records the result as the model's test result, labelled with
    /// the epoch whose weights it measured. Text not tokenized yet is read with the model's own tokenizer.
    /// - Parameters:
    ///   - encoding: how `data` was tokenized, nil when it was not (or holds arrays).
    ///   - features: the vectorizer that made `data`'s sparse rows, nil when it was not vectorized.
    ///   - interrupt: polled before every batch (Ctrl-C); an interrupted evaluation records nothing.
    /// - Throws: `TrainingError` when the model has no weights, the data was tokenized with another
    ///   vocabulary, does not fit, or `interrupt` was requested.
    @discardableResult
    public static func evaluate(_ model: Model, on data: Dataset, named name: String, encodedWith encoding: TextEncoding?,
                                vectorizedWith features: TextVectorizer? = nil,
                                batchSize: Int = FitOptions.defaultBatchSize, interrupt: InterruptFlag? = nil,
                                communicator: Communicator? = nil) throws -> TestResult {
        let inputs = try Trainer.checkedInputs(model, data, named: name, encodedWith: encoding, vectorizedWith: features)
        // A model built by a `train` that then failed (or loaded without compile settings) has no loss yet.
        if model.network.loss == nil { try model.network.compile() }
        let values = try values(model, inputs: inputs, targets: data.targets, batchSize: batchSize,
                                interrupt: communicator == nil ? interrupt : nil, communicator: communicator)
        let result = TestResult(loss: values[0].value, metrics: Array(values.dropFirst()), samples: data.count,
                                epoch: model.history.weightsEpoch)
        model.history.test = result
        return result
    }

    /// Predictions for raw texts through the model's own vectorizer, or its tokenizer and padding.
    /// - Throws: `TrainingError.noTokenizer` or `.notBuilt`.
    public static func predict(_ model: Model, texts: [String]) throws -> Tensor {
        let inputs: ModelInput
        if let features = model.textFeatures {
            inputs = .sparse(features.transform(texts))
        } else if let encoding = model.textEncoding {
            inputs = .dense(encoding.encode(texts))
        } else {
            throw TrainingError.noTokenizer(model: model.name)
        }
        guard model.network.isBuilt else { throw TrainingError.notBuilt(model: model.name) }
        do {
            try model.network.checkBatch(inputs, y: nil)
        } catch let error as ModelError {
            throw TrainingError.incompatible(model: model.name, dataset: "the text", reason: error.description)
        }
        return try predict(model.network, inputs: inputs)
    }
}
