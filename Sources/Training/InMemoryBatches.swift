import LabData
import NeuralNet
import TensorCore

/// Mini-batches of a dataset held in memory, reshuffled by index every epoch (Keras `fit(shuffle=True)`).
///
/// The permutation comes from the model's generator at the start of each epoch; batches are
/// gathered into reused tensors by `BatchIterator`, so the dataset is never copied.
public final class InMemoryBatches: BatchSource {
    /// Model inputs, [N, T…].
    public let inputs: Tensor
    /// Targets, [N…].
    public let targets: Tensor
    private var order: [Int]

    /// A source over `inputs` and `targets`.
    /// - Precondition: both have the same first dimension N ≥ 1 and `inputs` is at least [N, T].
    public init(inputs: Tensor, targets: Tensor) {
        precondition(inputs.shape.count >= 2 && inputs.shape.first == targets.shape.first && inputs.shape[0] > 0,
                     "inputs \(inputs.shape), targets \(targets.shape)")
        self.inputs = inputs
        self.targets = targets
        order = Array(0..<inputs.shape[0])
    }

    /// A source over a tokenized (or array) dataset.
    /// - Throws: `TrainingError.notTokenized` or `.empty`, naming the dataset `name`.
    public convenience init(_ data: Dataset, named name: String) throws {
        guard let inputs = data.inputs else { throw TrainingError.notTokenized(dataset: name, model: nil) }
        guard data.count > 0, inputs.shape.count >= 2 else { throw TrainingError.empty(dataset: name) }
        self.init(inputs: inputs, targets: data.targets)
    }

    public var count: Int { inputs.shape[0] }
    public var inputLength: Int { inputs.shape[1] }
    public var holdsAllRows: Bool { true }
    /// Keras reshuffles every epoch by default.
    public var shufflesByDefault: Bool { true }

    public func check(_ network: Sequential) throws { try network.checkBatch(x: inputs, y: targets) }

    public func beginEpoch(shuffle: Bool, using rng: inout RandomGenerator) {
        order = shuffle ? rng.permutation(count) : Array(0..<count)
    }

    public func forEachBatch(batchSize: Int, _ body: (Tensor, Tensor) throws -> Bool) throws {
        var iterator = BatchIterator(inputs: inputs, targets: targets, batchSize: batchSize, order: order)
        while let (x, y) = iterator.next() {
            guard try body(x, y) else { return }
        }
    }
}
