import TensorCore

/// Mini-batches of rows of `inputs` and `targets`, in order or shuffled, written into reused tensors.
///
/// Shuffling permutes row indices with the session's generator (one
/// permutation per epoch, made when the iterator is created); the dataset is
/// never copied: each `next()` gathers the batch's rows into `x` [B, …] and
/// `y` [B, …], resized in place (the last batch may be smaller). The tensors
/// returned are the same objects every call: copy them to keep a batch.
public struct BatchIterator: IteratorProtocol, Sequence {
    /// Model inputs, [N, …].
    public let inputs: Tensor
    /// Targets, [N, …].
    public let targets: Tensor
    /// Rows per batch, B.
    public let batchSize: Int
    /// The row order of this epoch.
    public let order: [Int]
    /// The reused batch of inputs.
    public let x: Tensor
    /// The reused batch of targets.
    public let y: Tensor
    private var position = 0

    /// An iterator over one epoch.
    /// - Precondition: `inputs` and `targets` have the same first dimension; `batchSize` ≥ 1.
    public init(inputs: Tensor, targets: Tensor, batchSize: Int, shuffle: Bool, rng: inout RandomGenerator) {
        let n = inputs.shape.first ?? 0
        self.init(inputs: inputs, targets: targets, batchSize: batchSize, order: shuffle ? rng.permutation(n) : Array(0..<n))
    }

    /// An iterator over one epoch that visits rows in `order` (a permutation drawn by the caller).
    /// - Precondition: `inputs` and `targets` have the same first dimension; `batchSize` ≥ 1;
    ///   every index of `order` is a row.
    public init(inputs: Tensor, targets: Tensor, batchSize: Int, order: [Int]) {
        precondition(batchSize >= 1, "batch size \(batchSize)")
        precondition(inputs.shape.first == targets.shape.first, "inputs \(inputs.shape) and targets \(targets.shape) differ in rows")
        self.inputs = inputs
        self.targets = targets
        self.batchSize = batchSize
        self.order = order
        let n = order.count
        x = Tensor(shape: [Swift.min(batchSize, n)] + inputs.shape.dropFirst())
        y = Tensor(shape: [Swift.min(batchSize, n)] + targets.shape.dropFirst())
    }

    /// The number of batches in the epoch, ⌈N / B⌉.
    public var batchCount: Int { order.count / batchSize + (order.count % batchSize == 0 ? 0 : 1) }

    /// The next batch (x, y), or nil after the last.
    public mutating func next() -> (x: Tensor, y: Tensor)? {
        guard position < order.count else { return nil }
        let rows = order[position..<Swift.min(position + batchSize, order.count)]
        position += rows.count
        gather(inputs, rows, into: x)
        gather(targets, rows, into: y)
        return (x, y)
    }

    private func gather(_ source: Tensor, _ rows: ArraySlice<Int>, into out: Tensor) {
        let width = source.count / Swift.max(source.shape.first ?? 1, 1)
        out.resize(to: [rows.count] + source.shape.dropFirst())
        for (r, i) in rows.enumerated() { (out.data + r * width).update(from: source.data + i * width, count: width) }
    }
}
