import COpenBLAS
import Dispatch
import Synchronization

/// The compute threads of this process and a deterministic parallel-for.
///
/// Work is always cut into the same pieces for the same thread count, and
/// each piece writes only its own outputs, so results never depend on which
/// thread finishes first. Reductions that cross pieces are combined in piece
/// order by the caller.
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

    /// The number of pieces `forPieces` cuts `count` independent items into:
    /// one per thread, never more than the items.
    public static func pieceCount(_ count: Int) -> Int { max(1, min(threads, count)) }

    /// Runs `body(p)` for every piece `p` in `0..<pieces`, each on its own thread,
    /// with every `GEMM` inside running single-threaded on the calling thread.
    ///
    /// For work made of many small GEMMs on independent rows (an LSTM's time
    /// steps over a batch): each thread owns a slice of the batch and walks all
    /// steps with no synchronization. Measured on the seed LSTM (batch 64, 2
    /// cores): letting OpenBLAS split each 64×133·133×400 step GEMM over its own
    /// threads while lab's threads ran the gates spent ~30% of the time in
    /// `sched_yield` as the two pools waited for each other. With one piece
    /// the body runs on the caller (its GEMMs still single-threaded).
    /// - Parameters:
    ///   - pieces: the number of pieces, normally `pieceCount` (more pieces than threads share them).
    ///   - body: called once per piece; must write only that piece's outputs.
    public static func forPieces(_ pieces: Int, _ body: (Int) -> Void) {
        precondition(pieces >= 1, "no pieces")
        piecesRunning.add(1, ordering: .relaxed)
        defer { piecesRunning.subtract(1, ordering: .relaxed) }
        if pieces == 1 { body(0); return }
        nonisolated(unsafe) let work = body
        DispatchQueue.concurrentPerform(iterations: pieces) { work($0) }
    }

    /// The `p`-th of `pieces` contiguous, near-equal ranges covering `0..<count`.
    public static func piece(_ p: Int, of pieces: Int, count: Int) -> Range<Int> {
        let base = count / pieces, extra = count % pieces
        let start = p * base + min(p, extra)
        return start..<(start + base + (p < extra ? 1 : 0))
    }
}
