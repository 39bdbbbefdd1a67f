import TensorCore
import TestSupport
import XCTest

final class GEMMTests: XCTestCase {
    /// Random m×n tensor with entries in [-1, 1).
    func random(_ rows: Int, _ cols: Int, _ rng: inout RandomGenerator) -> Tensor {
        let t = Tensor(shape: [rows, cols])
        Initializers.uniform(t, low: -1, high: 1, using: &rng)
        return t
    }

    func testMatchesNaiveOnOddShapesAndAllTransposes() {
        var rng = RandomGenerator(seed: 3)
        for (m, n, k) in [(1, 1, 1), (7, 5, 3), (33, 17, 65), (64, 400, 132), (5, 1, 9)] {
            for ta in [Transpose.none, .transposed] {
                for tb in [Transpose.none, .transposed] {
                    let a = ta == .none ? random(m, k, &rng) : random(k, m, &rng)
                    let b = tb == .none ? random(k, n, &rng) : random(n, k, &rng)
                    let c1 = random(m, n, &rng), c2 = c1.copy()
                    GEMM.multiply(a.matrix, ta, b.matrix, tb, into: c1.mutableMatrix, alpha: 0.5, beta: 0.25)
                    GEMM.naive(a.matrix, ta, b.matrix, tb, into: c2.mutableMatrix, alpha: 0.5, beta: 0.25)
                    assertClose(c1, c2, rtol: 1e-4, atol: 1e-4, "\(m)×\(n)×\(k) \(ta) \(tb)")
                }
            }
        }
    }

    /// Products large enough to be split over threads, by rows (tall C) and by
    /// columns (wide C), in every transpose: against the naive product, and the
    /// same bits at 1, 2 and 3 threads (the cut follows the shape, not the threads).
    func testSplitProductsMatchNaiveAndDoNotDependOnTheThreadCount() {
        defer { Parallel.setThreads(2) }
        var rng = RandomGenerator(seed: 5)
        for (m, n, k) in [(301, 64, 70), (48, 517, 90)] {
            for ta in [Transpose.none, .transposed] {
                for tb in [Transpose.none, .transposed] {
                    let a = ta == .none ? random(m, k, &rng) : random(k, m, &rng)
                    let b = tb == .none ? random(k, n, &rng) : random(n, k, &rng)
                    let start = random(m, n, &rng)
                    var results: [Tensor] = []
                    for threads in [1, 2, 3] {
                        Parallel.setThreads(threads)
                        let c = start.copy()
                        GEMM.multiply(a.matrix, ta, b.matrix, tb, into: c.mutableMatrix, alpha: 0.5, beta: 0.25)
                        results.append(c)
                    }
                    let expected = start.copy()
                    GEMM.naive(a.matrix, ta, b.matrix, tb, into: expected.mutableMatrix, alpha: 0.5, beta: 0.25)
                    assertClose(results[1], expected, rtol: 1e-4, atol: 1e-4, "\(m)×\(n)×\(k) \(ta) \(tb)")
                    for r in 1..<results.count {
                        let differing = zip(results[0].values, results[r].values).filter { $0 != $1 }.count
                        XCTAssertEqual(differing, 0, "\(m)×\(n)×\(k) \(ta) \(tb): elements that differ from 1 thread at \(r + 1)")
                    }
                }
            }
        }
    }

    func testStridedViewsMultiplySubmatrices() {
        var rng = RandomGenerator(seed: 4)
        let big = random(6, 10, &rng), b = random(4, 3, &rng)
        // The 6×4 block starting at column 2 of a 6×10 matrix.
        let a = MatrixView(UnsafePointer(big.data + 2), rows: 6, cols: 4, stride: 10)
        let c1 = Tensor(shape: [6, 3]), c2 = Tensor(shape: [6, 3])
        GEMM.multiply(a, .none, b.matrix, .none, into: c1.mutableMatrix)
        GEMM.naive(a, .none, b.matrix, .none, into: c2.mutableMatrix)
        assertClose(c1, c2, rtol: 1e-5, atol: 1e-5)
        XCTAssertEqual(c2[0, 0], (0..<4).map { big[0, 2 + $0] * b[$0, 0] }.reduce(0, +), accuracy: 1e-5)
    }

    func testEmptyInnerDimensionScalesOutput() {
        let storage = Tensor(shape: [1])
        let a = MatrixView(UnsafePointer(storage.data), rows: 2, cols: 0)
        let b = MatrixView(UnsafePointer(storage.data), rows: 0, cols: 3)
        let c = Tensor(shape: [2, 3], repeating: 4)
        GEMM.multiply(a, .none, b, .none, into: c.mutableMatrix, beta: 0.5)
        XCTAssertEqual(c.values, [Float](repeating: 2, count: 6))
    }

    func testFlopCount() {
        XCTAssertEqual(GEMM.flops(m: 1024, n: 1024, k: 1024), 2_147_483_648)
    }
}
