import COpenBLAS
import Dispatch
import Synchronization

/// The compute threads of this process and a deterministic parallel-for.
///
/// The determinism contract of lab: the same script with the same seed gives
/// the same bits at any thread count, on a given CPU and OpenBLAS kernel set.
/// So work whose cut can change floating-point results (a GEMM's sub-products,
/// an LSTM's batch slices, partial sums) is cut by shape into blocks
/// (`blockCount`), never by thread count; threads only take blocks in turn
/// (`forPieces`), each block writes only its own outputs, and reductions that
/// cross blocks are combined in block order by the caller. `forRanges` cuts by
/// thread count and is for work whose results do not depend on the cut
/// (element-wise maps, gathers, integer counts).
public enum Parallel {
    private static let threadCount = Atomic<Int>(defaultThreads())
    /// How many `forPieces` calls are running (GEMMs inside them must not split again).
    private static let piecesRunning = Atomic<Int>(0)

    /// The number of compute threads: lab's kernels and `GEMM`'s row or column split.
    public static var threads: Int { threadCount.load(ordering: .relaxed) }

    /// Whether the caller runs inside a `forPieces` piece.
    public static var insidePieces: Bool { piecesRunning.load(ordering: .relaxed) > 0 }

    /// Sets the number of compute threads.
    /// - Parameter n: clamped to at least 1.
    public static func setThreads(_ n: Int) {
        threadCount.store(max(1, n), ordering: .relaxed)
    }

    /// OpenBLAS's own thread count at load (from the machine or `OPENBLAS_NUM_THREADS`),
    /// after which OpenBLAS itself is kept single-threaded: `GEMM` splits work over
    /// lab's threads instead (see `GEMM.multiply`).
    private static func defaultThreads() -> Int {
        let n = max(1, Int(openblas_get_num_threads()))
        openblas_set_num_threads(1)
        return n
    }

    /// Runs `body` over `0..<count` cut into at most `threads` contiguous ranges
    /// of at least `grain` items each, the ranges in parallel.
    ///
    /// The cut depends only on `count`, `grain` and the thread count.
    /// - Parameters:
    ///   - count: the number of items.
    ///   - grain: the smallest range worth a thread of its own.
    ///   - body: called once per range; must write only outputs of its range.
    public static func forRanges(_ count: Int, grain: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let pieces = min(threads, max(1, count / max(grain, 1)))
        if pieces == 1 { body(0..<count); return }
        // Safe by contract: each piece touches only its own outputs, and
        // concurrentPerform returns only after every piece has finished.
        nonisolated(unsafe) let work = body
        DispatchQueue.concurrentPerform(iterations: pieces) { p in
            work(piece(p, of: pieces, count: count))
        }
    }

    /// Runs `body(i)` for every `i` in `0..<count`, on all threads.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        forRanges(count) { range in for i in range { body(i) } }
    }

    /// The most blocks `blockCount` cuts work into: the two cores of the machines
    /// lab targets (AMD Zen 3 and Zen 5, 2 vCPUs). Each block of a GEMM packs its
    /// shared operand again (8 MB of B per block for the CNN's kernel gradient),
    /// so more blocks than cores cost time; with 2, lab at 2 threads makes exactly
    /// the calls it made when it cut by thread count. More threads get the same
    /// bits but no further split of these products.
    public static let maxBlocks = 2

    /// How many blocks to cut `count` items into, from the shape alone: at most
    /// `maxBlocks`, each of at least `minimumSize` items (one block when fewer).
    /// The thread count never enters, so results cut this way are the same at
    /// every thread count.
    public static func blockCount(_ count: Int, minimumSize: Int) -> Int {
        max(1, min(maxBlocks, count / max(1, minimumSize)))
    }

    /// Runs `body(p)` for every piece `p` in `0..<pieces` on up to `threads`
    /// threads (thread w takes pieces w, w + threads, …), with every `GEMM`
    /// inside running single-threaded on the calling thread.
    ///
    /// For work made of many small GEMMs on independent rows (an LSTM's time
    /// steps over a batch): each thread owns a slice of the batch and walks all
    /// steps with no synchronization. Measured on the seed LSTM (batch 64, 2
    /// cores): letting OpenBLAS split each 64×133·133×400 step GEMM over its own
    /// threads while lab's threads ran the gates spent ~30% of the time in
    /// `sched_yield` as the two pools waited for each other. With one thread
    /// the pieces run in order on the caller (their GEMMs still single-threaded).
    /// - Parameters:
    ///   - pieces: the number of pieces, normally a `blockCount` (cut by shape).
    ///   - body: called once per piece; must write only that piece's outputs.
    public static func forPieces(_ pieces: Int, _ body: (Int) -> Void) {
        precondition(pieces >= 1, "no pieces")
        piecesRunning.add(1, ordering: .relaxed)
        defer { piecesRunning.subtract(1, ordering: .relaxed) }
        let workers = min(threads, pieces)
        if workers == 1 { for p in 0..<pieces { body(p) }; return }
        nonisolated(unsafe) let work = body
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for p in stride(from: w, to: pieces, by: workers) { work(p) }
        }
    }

    /// The `p`-th of `pieces` contiguous, near-equal ranges covering `0..<count`.
    public static func piece(_ p: Int, of pieces: Int, count: Int) -> Range<Int> {
        let base = count / pieces, extra = count % pieces
        let start = p * base + min(p, extra)
        return start..<(start + base + (p < extra ? 1 : 0))
    }
}
