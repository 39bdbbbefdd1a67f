import NeuralNet
import TensorCore

/// Data-parallel reading of libsvm chunk files: each process reads whole chunk files of its own
/// (positions p ≡ rank (mod N) of the epoch's chunk order) and never opens the others. One
/// streamed file is cut the same way, as N byte ranges that are one "chunk" per process
/// (`StreamedBatches.forEachShardBatch`; their row counts are exchanged once).
///
/// Process r takes b_r rows per step, its share of the global batch B (⌈B/N⌉ or ⌊B/N⌋, as for
/// rows in memory), cut from its own chunks as `ChunkedBatches` cuts them (never spanning two
/// chunks). The load-time scan gave every chunk's row count to every process, so all of them
/// know each step's shares without asking: a process whose chunks are used up contributes no
/// row to the remaining steps, and the epoch lasts as many steps as the longest share.
public struct ChunkShards: Sendable, Equatable {
    /// Each process's chunks this epoch, in reading order: `chunks[rank]`.
    public let chunks: [[Int]]
    /// The rows each process contributes to each step: `shares[step][rank]`.
    public let shares: [[Int]]
    /// B, the global batch (a step holds fewer rows where chunks end).
    public let batch: Int

    /// The shares of `processes` processes reading chunks in `order` (rows per chunk in
    /// `chunkRows`) at global batch `batch`.
    /// - Precondition: `batch ≥ processes` (each process takes at least one row per step).
    public init(order: [Int], chunkRows: [Int], processes n: Int, batch: Int) {
        precondition(n >= 1 && batch >= n, "batch \(batch) for \(n) processes")
        self.batch = batch
        let owned = (0..<n).map { r in order.indices.filter { $0 % n == r }.map { order[$0] } }
        chunks = owned
        let perProcess = (0..<n).map { r in
            let share = Self.rowsPerStep(rank: r, processes: n, batch: batch)
            return owned[r].flatMap { k in
                stride(from: 0, to: chunkRows[k], by: share).map { min(share, chunkRows[k] - $0) }
            }
        }
        let steps = perProcess.map(\.count).max() ?? 0
        shares = (0..<steps).map { s in perProcess.map { s < $0.count ? $0[s] : 0 } }
    }

    /// Calls `body(x, y, shares)` with a process's empty `x` and `y` for the steps from `step` on:
    /// its share is used up, and the other processes still train.
    func finish(from step: Int, empty x: ModelInput, _ y: Tensor,
                _ body: (ModelInput, Tensor, [Int]) throws -> Bool) rethrows {
        for s in step..<max(step, shares.count) {
            guard try body(x, y, shares[s]) else { return }
        }
    }

    /// b_r: the rows j < B with j ≡ r (mod N).
    public static func rowsPerStep(rank r: Int, processes n: Int, batch: Int) -> Int { (batch - r + n - 1) / n }
}
