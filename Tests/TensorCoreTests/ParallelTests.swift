import TensorCore
import XCTest

final class ParallelTests: XCTestCase {
    override func tearDown() { Parallel.setThreads(2) }

    func testPiecesCoverTheRangeInOrder() {
        for count in [1, 2, 7, 100] {
            for pieces in 1...min(count, 5) {
                let ranges = (0..<pieces).map { Parallel.piece($0, of: pieces, count: count) }
                XCTAssertEqual(ranges.flatMap { Array($0) }, Array(0..<count))
            }
        }
    }

    /// Per-piece partial sums combined in piece order give the same bits at 1 and 2 threads
    /// when the piece count is fixed by the caller, and every element is visited once.
    func testSameResultsAtOneAndTwoThreads() {
        let n = 100_003
        let x = Tensor(shape: [n], values: (0..<n).map { Float($0 % 101) * 0.37 })
        func run(threads: Int) -> [Float] {
            Parallel.setThreads(threads)
            let y = Tensor(shape: [n])
            Parallel.forRanges(n, grain: 1000) { r in
                for i in r { y.data[i] = x.data[i] * x.data[i] + 1 }
            }
            return y.values
        }
        XCTAssertEqual(run(threads: 1), run(threads: 2))
        XCTAssertEqual(Parallel.threads, 2)
    }

    func testForEachVisitsEveryIndexOnce() {
        Parallel.setThreads(2)
        let hits = Tensor(shape: [1000])
        Parallel.forEach(1000) { hits.data[$0] += 1 }
        XCTAssertEqual(hits.values, [Float](repeating: 1, count: 1000))
    }

    /// Block counts follow the shape alone: the same at every thread count.
    func testBlockCountIgnoresTheThreadCount() {
        for threads in [1, 2, 3, 8] {
            Parallel.setThreads(threads)
            XCTAssertEqual(Parallel.blockCount(1, minimumSize: 16), 1)
            XCTAssertEqual(Parallel.blockCount(31, minimumSize: 16), 1)
            XCTAssertEqual(Parallel.blockCount(47, minimumSize: 16), 2)
            XCTAssertEqual(Parallel.blockCount(100_000, minimumSize: 16), Parallel.maxBlocks)
        }
    }

    /// More pieces than threads: each piece still runs exactly once, at 1 to 3 threads.
    func testForPiecesRunsMorePiecesThanThreadsOnce() {
        for threads in [1, 2, 3] {
            Parallel.setThreads(threads)
            let runs = Tensor(shape: [7])
            Parallel.forPieces(7) { runs.data[$0] += 1 }
            XCTAssertEqual(runs.values, [Float](repeating: 1, count: 7), "\(threads) threads")
        }
    }

    /// Every piece runs once, GEMMs inside give the single-threaded product, and
    /// OpenBLAS stays single-threaded (lab splits GEMMs itself).
    func testForPiecesRunsEachPieceOnceWithSingleThreadedGEMM() {
        Parallel.setThreads(2)
        let a = Tensor(shape: [8, 5], values: (0..<40).map { Float($0 % 7) - 3 })
        let b = Tensor(shape: [5, 6], values: (0..<30).map { Float($0 % 5) * 0.5 })
        let expected = Tensor(shape: [8, 6])
        GEMM.naive(a.matrix, .none, b.matrix, .none, into: expected.mutableMatrix)
        let products = [Tensor(shape: [8, 6]), Tensor(shape: [8, 6])]
        let runs = Tensor(shape: [2])
        Parallel.forPieces(2) { p in
            runs.data[p] += 1
            GEMM.multiply(a.matrix, .none, b.matrix, .none, into: products[p].mutableMatrix)
        }
        XCTAssertEqual(runs.values, [1, 1])
        for product in products { XCTAssertEqual(product.values, expected.values) }
        XCTAssertEqual(BLASRuntime.threads, 1)
    }
}
