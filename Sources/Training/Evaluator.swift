import LabData
import NeuralNet
import TensorCore

/// Keras's `evaluate` and `predict`: inference mode, in batches.
public enum Evaluator {
    /// Predictions for every row of `inputs`, [N, units], computed `batchSize` rows at a time.
    public static func predict(_ network: Sequential, inputs: Tensor, batchSize: Int = 32) -> Tensor {
        let n = inputs.shape.first ?? 0
        let gather = BatchGather(inputs)
        let order = Array(0..<n)
        var out: Tensor?
        var start = 0
        while start < n {
            let rows = start..<min(start + batchSize, n)
            let p = network.predict(gather.gather(order, rows))
            let width = p.count / rows.count
            if out == nil { out = Tensor(shape: [n] + p.shape.dropFirst()) }
            (out!.data + rows.lowerBound * width).update(from: p.data, count: p.count)
            start = rows.upperBound
        }
        return out ?? Tensor(shape: [0, 1])
    }

    /// Loss and compiled metrics of `model` on a dataset, under plain keys (`loss`, `accuracy`, …).
    static func values(_ model: Model, inputs: Tensor, targets: Tensor, batchSize: Int) -> [MetricValue] {
        let p = predict(model.network, inputs: inputs, batchSize: batchSize)
        return [MetricValue("loss", Float(model.network.loss(predictions: p, targets: targets)))]
            + model.metrics.map { MetricValue($0.key, $0.compute(predictions: p, targets: targets)) }
    }

    /// Evaluates `model` on `data` and records the result as the model's test result.
    /// - Throws: `TrainingError` when the model has no weights or the data does not fit.
    @discardableResult
    public static func evaluate(_ model: Model, on data: Dataset, named name: String, batchSize: Int = 32) throws -> TestResult {
        let inputs = try Trainer.checkedInputs(model, data, named: name)
        // A model built by a `train` that then failed (or loaded without compile settings) has no loss yet.
        if model.network.loss == nil { try model.network.compile() }
        let values = values(model, inputs: inputs, targets: data.targets, batchSize: batchSize)
        let result = TestResult(loss: values[0].value, metrics: Array(values.dropFirst()), samples: data.count)
        model.history.test = result
        return result
    }

    /// Predictions for raw texts through the model's own tokenizer and padding.
    /// - Throws: `TrainingError.noTokenizer` or `.notBuilt`.
    public static func predict(_ model: Model, texts: [String]) throws -> Tensor {
        guard let encoding = model.textEncoding else { throw TrainingError.noTokenizer(model: model.name) }
        guard model.network.isBuilt else { throw TrainingError.notBuilt(model: model.name) }
        let inputs = encoding.encode(texts)
        do {
            try model.network.checkBatch(x: inputs, y: nil)
        } catch let error as ModelError {
            throw TrainingError.incompatible(model: model.name, dataset: "the text", reason: error.description)
        }
        return predict(model.network, inputs: inputs)
    }
}
