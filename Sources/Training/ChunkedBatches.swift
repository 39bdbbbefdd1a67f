import LabData
import NeuralNet
import TensorCore

/// Mini-batches of libsvm chunk files, one chunk in memory at a time (the seed's generator over
/// ten `.svm` chunks).
///
/// Each epoch, when shuffling, the chunk order is a permutation drawn from the model's generator,
/// and the rows of each chunk are permuted by a generator seeded from one number drawn at the
/// start of the epoch plus the chunk's index, so the same seed replays the same batches. Batches
/// never span two chunks (a chunk's last batch may be smaller). Without shuffling, files and rows
/// go in order.
public final class ChunkedBatches: BatchSource {
    /// The chunk files.
    public let chunks: LibSVMChunks
    private var order: [Int]
    private var rowSeed: UInt64?
    /// The most rows held in memory at once during the last epoch (the largest chunk read).
    public private(set) var peakRowsHeld = 0

    /// A source over `chunks`, in file order until `beginEpoch` shuffles.
    public init(_ chunks: LibSVMChunks) {
        self.chunks = chunks
        order = Array(chunks.paths.indices)
    }

    public var count: Int { chunks.rows }
    public var inputLength: Int { chunks.columnCount }
    public var holdsAllRows: Bool { false }
    /// Keras reshuffles every epoch by default; here chunk order and rows within each chunk.
    public var shufflesByDefault: Bool { true }

    /// Checks the extremes every batch can hold: D columns and the largest target of the mapping.
    public func check(_ network: Sequential) throws {
        var x = SparseRows(columnCount: chunks.columnCount)
        x.append(row: [(Int32, Float)]())
        let largest = Float(max(chunks.mapping.outputs - 1, 0))
        let y = chunks.mapping.kind == .classes ? Tensor(shape: [1], values: [largest])
            : Tensor(shape: [1, 1], values: [chunks.mapping.kind == .numeric ? 0 : largest])
        try network.checkBatch(.sparse(x), y: y)
    }

    public func beginEpoch(shuffle: Bool, shuffleBuffer: Int?, using rng: inout RandomGenerator) throws {
        if shuffleBuffer != nil { throw TrainingError.shuffleBufferNeedsStream }
        order = shuffle ? rng.permutation(chunks.paths.count) : Array(chunks.paths.indices)
        rowSeed = shuffle ? rng.next() : nil
    }

    public func forEachBatch(batchSize: Int, _ body: (ModelInput, Tensor) throws -> Bool) throws {
        _ = try forEachBatch(of: order, batchSize: batchSize, body)
    }

    /// Data-parallel: this epoch's chunks and per-step rows for `processes` processes at global
    /// batch `batch` (call after `beginEpoch`, which every process does alike).
    public func shards(processes: Int, batch: Int) -> ChunkShards {
        ChunkShards(order: order, chunkRows: chunks.chunkRows, processes: processes, batch: batch)
    }

    /// Data-parallel: calls `body(x, y, shares)` for every step of `shards`, with process `rank`'s
    /// own rows of the step read from its own chunks only, and every process's row count. Once its
    /// chunks are used up, x and y hold no row (the other processes still train).
    public func forEachShardBatch(rank: Int, shards: ChunkShards,
                                  _ body: (ModelInput, Tensor, [Int]) throws -> Bool) throws {
        var step = 0
        let share = ChunkShards.rowsPerStep(rank: rank, processes: shards.chunks.count, batch: shards.batch)
        let going = try forEachBatch(of: shards.chunks[rank], batchSize: share) { x, y in
            defer { step += 1 }
            return try body(x, y, shards.shares[step])
        }
        guard going else { return }
        try shards.finish(from: step, empty: .sparse(SparseRows(columnCount: chunks.columnCount)),
                          Tensor(shape: chunks.mapping.kind == .classes ? [0] : [0, 1]), body)
    }

    /// The batches of the chunks `list`, in that order; false when `body` stopped them.
    private func forEachBatch(of list: [Int], batchSize: Int, _ body: (ModelInput, Tensor) throws -> Bool) throws -> Bool {
        peakRowsHeld = 0
        let classes = chunks.mapping.kind == .classes
        let y = Tensor(shape: classes ? [0] : [0, 1])
        for k in list {
            let (rows, targets) = try chunks.chunk(k)
            peakRowsHeld = max(peakRowsHeld, rows.rowCount)
            var within = Array(0..<rows.rowCount)
            if let rowSeed {
                var rng = RandomGenerator(seed: rowSeed &+ UInt64(k))
                within = rng.permutation(rows.rowCount)
            }
            var start = 0
            while start < within.count {
                let batch = within[start..<min(start + batchSize, within.count)]
                y.resize(to: classes ? [batch.count] : [batch.count, 1])
                for (r, i) in batch.enumerated() { y.data[r] = targets[i] }
                start = batch.endIndex
                guard try body(.sparse(rows.gather(batch)), y) else { return false }
            }
        }
        return true
    }
}
