import LabData
import NeuralNet
import TensorCore

/// Mini-batches of a dataset held in memory, reshuffled by index every epoch (Keras `fit(shuffle=True)`).
///
/// The permutation comes from the model's generator at the start of each epoch; dense batches
/// are gathered into reused tensors by `BatchIterator`, sparse ones copy only their rows'
/// non-zeros, so the dataset is never copied.
public final class InMemoryBatches: BatchSource {
    /// Model inputs, [N, T…] dense or [N, D] sparse.
    public let inputs: ModelInput
    /// Targets, [N…].
    public let targets: Tensor
    private var order: [Int]

    /// A source over `inputs` and `targets`.
    /// - Precondition: both have the same first dimension N ≥ 1 and dense `inputs` are at least [N, T].
    public init(inputs: ModelInput, targets: Tensor) {
        if case .dense(let x) = inputs { precondition(x.shape.count >= 2, "inputs \(x.shape)") }
        precondition(inputs.rows == targets.shape.first && inputs.rows > 0, "inputs of \(inputs.rows) rows, targets \(targets.shape)")
        self.inputs = inputs
        self.targets = targets
        order = Array(0..<inputs.rows)
    }

    /// A source over dense `inputs`.
    public convenience init(inputs: Tensor, targets: Tensor) { self.init(inputs: .dense(inputs), targets: targets) }

    /// A source over a tokenized, vectorized or array dataset.
    /// - Throws: `TrainingError.notTokenized` or `.empty`, naming the dataset `name`.
    public convenience init(_ data: Dataset, named name: String) throws {
        if let sparse = data.sparseInputs {
            guard data.count > 0 else { throw TrainingError.empty(dataset: name) }
            self.init(inputs: .sparse(sparse), targets: data.targets)
            return
        }
        guard let inputs = data.inputs else { throw TrainingError.notTokenized(dataset: name, model: nil) }
        guard data.count > 0, inputs.shape.count >= 2 else { throw TrainingError.empty(dataset: name) }
        self.init(inputs: .dense(inputs), targets: data.targets)
    }

    public var count: Int { inputs.rows }
    public var inputLength: Int { inputs.sampleLength }
    public var holdsAllRows: Bool { true }
    /// Keras reshuffles every epoch by default.
    public var shufflesByDefault: Bool { true }

    public func check(_ network: Sequential) throws { try network.checkBatch(inputs, y: targets) }

    public func beginEpoch(shuffle: Bool, shuffleBuffer: Int?, using rng: inout RandomGenerator) throws {
        if shuffleBuffer != nil { throw TrainingError.shuffleBufferNeedsStream }
        order = shuffle ? rng.permutation(count) : Array(0..<count)
    }

    public func forEachBatch(batchSize: Int, _ body: (ModelInput, Tensor) throws -> Bool) throws {
        switch inputs {
        case .dense(let x):
            var iterator = BatchIterator(inputs: x, targets: targets, batchSize: batchSize, order: order)
            while let (x, y) = iterator.next() {
                guard try body(.dense(x), y) else { return }
            }
        case .sparse(let x):
            let width = targets.count / max(count, 1)
            let y = Tensor(shape: [0] + targets.shape.dropFirst())
            var start = 0
            while start < order.count {
                let rows = order[start..<min(start + batchSize, order.count)]
                y.resize(to: [rows.count] + targets.shape.dropFirst())
                for (r, i) in rows.enumerated() { (y.data + r * width).update(from: targets.data + i * width, count: width) }
                start = rows.endIndex
                guard try body(.sparse(x.gather(rows)), y) else { return }
            }
        }
    }
}
