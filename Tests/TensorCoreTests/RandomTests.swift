import TensorCore
import TestSupport
import XCTest

final class RandomTests: XCTestCase {
    func testSameSeedSameStream() {
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42), c = RandomGenerator(seed: 43)
        let sa = (0..<100).map { _ in a.next() }
        XCTAssertEqual(sa, (0..<100).map { _ in b.next() })
        XCTAssertNotEqual(sa, (0..<100).map { _ in c.next() })
    }

    func testStreamIsPinned() {
        // The first outputs for seed 0; a change here breaks replay of saved scripts.
        var r = RandomGenerator(seed: 0)
        let first = (0..<3).map { _ in r.next() }
        var again = RandomGenerator(seed: 0)
        XCTAssertEqual(first, (0..<3).map { _ in again.next() })
        XCTAssertEqual(first.count, Set(first).count)
    }

    func moments(_ xs: [Double]) -> (mean: Double, variance: Double) {
        let mean = xs.reduce(0, +) / Double(xs.count)
        return (mean, xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count))
    }

    func testUniformMoments() {
        var r = RandomGenerator(seed: 1)
        let xs = (0..<200_000).map { _ in Double(r.uniform(-0.05, 0.05)) }
        let m = moments(xs)
        XCTAssertEqual(m.mean, 0, accuracy: 5e-4)
        XCTAssertEqual(m.variance, 0.01 / 12, accuracy: 2e-5)
        XCTAssertTrue(xs.allSatisfy { $0 >= -0.05 && $0 < 0.05 })
    }

    func testNormalAndTruncatedNormalMoments() {
        var r = RandomGenerator(seed: 2)
        let m = moments((0..<200_000).map { _ in r.normal(mean: 1, std: 2) })
        XCTAssertEqual(m.mean, 1, accuracy: 0.02)
        XCTAssertEqual(m.variance, 4, accuracy: 0.05)
        let t = (0..<200_000).map { _ in r.truncatedNormal() }
        XCTAssertTrue(t.allSatisfy { abs($0) <= 2 })
        // Variance of N(0,1) truncated to ±2 is 0.7737.
        XCTAssertEqual(moments(t).variance, 0.7737, accuracy: 0.01)
    }

    func testIntBelowIsUniformAndInRange() {
        var r = RandomGenerator(seed: 5)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[r.int(below: 7)] += 1 }
        XCTAssertTrue(counts.allSatisfy { abs($0 - 10_000) < 400 }, "\(counts)")
    }

    func testPermutationIsAPermutationAndReproducible() {
        var a = RandomGenerator(seed: 9), b = RandomGenerator(seed: 9)
        let p = a.permutation(1000)
        XCTAssertEqual(p.sorted(), Array(0..<1000))
        XCTAssertEqual(p, b.permutation(1000))
        XCTAssertNotEqual(p, Array(0..<1000))
    }

    func testGlorotUniformLimit() {
        var r = RandomGenerator(seed: 6)
        let t = Tensor(shape: [32, 400])
        Initializers.glorotUniform(t, fanIn: 32, fanOut: 400, using: &r)
        let limit = Float((6.0 / 432).squareRoot())
        XCTAssertTrue(t.values.allSatisfy { abs($0) <= limit })
        XCTAssertGreaterThan(t.values.map { abs($0) }.max()!, limit * 0.99)
    }

    func testOrthogonalRowsAndColumns() {
        var r = RandomGenerator(seed: 8)
        for (rows, cols) in [(100, 400), (50, 20), (16, 16)] {
            let t = Tensor(shape: [rows, cols])
            Initializers.orthogonal(t, rows: rows, cols: cols, using: &r)
            // Wide: Q·Qᵀ = I (rows orthonormal). Tall or square: Qᵀ·Q = I.
            let wide = rows < cols
            let n = wide ? rows : cols
            let product = Tensor(shape: [n, n]), identity = Tensor(shape: [n, n])
            for i in 0..<n { identity[i, i] = 1 }
            if wide {
                GEMM.multiply(t.matrix, .none, t.matrix, .transposed, into: product.mutableMatrix)
            } else {
                GEMM.multiply(t.matrix, .transposed, t.matrix, .none, into: product.mutableMatrix)
            }
            assertClose(product, identity, rtol: 0, atol: 1e-5, "\(rows)×\(cols)")
        }
    }
}
