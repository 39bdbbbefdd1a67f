import NeuralNet
import TensorCore

/// Where `Trainer.fit` gets an epoch's mini-batches: a dataset in memory (`InMemoryBatches`)
/// or a file read on the fly (`StreamedBatches`). Both go through the same epoch loop.
public protocol BatchSource: AnyObject {
    /// The samples of one epoch, N (for progress lines).
    var count: Int { get }
    /// The sample length T (padded sequence length or feature width) the network is built for.
    var inputLength: Int { get }
    /// Whether every sample is in memory, so epoch metrics such as AUC can be exact.
    var holdsAllRows: Bool { get }
    /// Whether epochs are reshuffled when `FitOptions.shuffle` is not given.
    var shufflesByDefault: Bool { get }
    /// Checks that every sample this source can produce fits the built, compiled network.
    /// - Throws: `ModelError` naming the first mismatch.
    func check(_ network: Sequential) throws
    /// Prepares the next epoch; a shuffling source draws its order from `rng`.
    /// - Parameter shuffleBuffer: `shuffle_buffer=`, which only a streamed file takes.
    /// - Throws: `TrainingError.invalidOption` when the source cannot honour `shuffle` or `shuffleBuffer`.
    func beginEpoch(shuffle: Bool, shuffleBuffer: Int?, using rng: inout RandomGenerator) throws
    /// Calls `body(x, y)` for each batch of the epoch, x [B, T…] (dense, or sparse rows [B, D]) and
    /// y [B…] in reused tensors (the last batch may be smaller); stops early when `body` returns false.
    func forEachBatch(batchSize: Int, _ body: (ModelInput, Tensor) throws -> Bool) throws
}
