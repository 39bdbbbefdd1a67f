import Foundation
import TensorCore
import TestSupport
import XCTest

final class KernelsTests: XCTestCase {
    /// Values from -20 to 20 in uneven steps, a count that leaves a vector tail.
    let inputs: [Float] = (0..<1003).map { Float($0) * 0.04 - 20 + Float($0 % 7) * 0.001 }

    func apply(_ kernel: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) -> [Float] {
        let x = Tensor(shape: [inputs.count], values: inputs), y = Tensor(shape: [inputs.count])
        kernel(x.data, y.data, x.count)
        return y.values
    }

    func testTranscendentalsMatchScalarReferences() {
        assertClose(apply { Kernels.sigmoid($0, into: $1, count: $2) }, inputs.map { 1 / (1 + Foundation.exp(-$0)) }, rtol: 1e-6, atol: 3e-7)
        assertClose(apply { Kernels.tanh($0, into: $1, count: $2) }, inputs.map { Foundation.tanh($0) }, rtol: 1e-6, atol: 3e-7)
        assertClose(apply { x, y, n in for i in 0..<n { y[i] = VectorMath.exp(x[i]) } }, inputs.map { Foundation.exp($0) }, rtol: 3e-7, atol: 0)
        XCTAssertEqual(VectorMath.exp(-100), 0)
    }

    func testGateSigmoidMatchesTheLogisticFunctionInAbsoluteError() {
        for x in inputs {
            let reference = 1 / (1 + Foundation.exp(-Double(x)))
            XCTAssertEqual(Double(VectorMath.gateSigmoid(x)), reference, accuracy: 2.5e-7, "at \(x)")
        }
    }

    func testTanhKeepsRelativeAccuracyNearZero() {
        for x: Float in [1e-6, -3e-4, 0.01, 0.1, -0.124, 0.126] {
            XCTAssertEqual(VectorMath.tanh(x), Foundation.tanh(x), accuracy: abs(Foundation.tanh(x)) * 2e-6)
        }
    }

    /// The 8-lane forms have the scalar forms' bits, past the clamps, at ±0, ±∞ and NaN.
    func testLaneFormsHaveTheScalarBits() {
        let specials: [Float] = [0, -0, .infinity, -.infinity, .nan, 7.905_311, -7.905_311, 1e-30, 3e9, -3e9, 2.5, -2.5]
        let values = inputs + specials
        func bits(_ x: Float) -> UInt32 { x.isNaN ? 0x7FC0_0000 : x.bitPattern }
        for start in stride(from: 0, to: values.count, by: 8) {
            var lanes = VectorMath.Lanes(repeating: 0)
            for l in 0..<8 { lanes[l] = values[(start + l) % values.count] }
            let forms: [(String, VectorMath.Lanes, (Float) -> Float)] = [
                ("tanh", VectorMath.tanh(lanes), { VectorMath.tanh($0) }),
                ("gateSigmoid", VectorMath.gateSigmoid(lanes), { VectorMath.gateSigmoid($0) }),
                ("hardSigmoid", VectorMath.hardSigmoid(lanes), { VectorMath.hardSigmoid($0) }),
            ]
            for (name, got, scalar) in forms {
                for l in 0..<8 { XCTAssertEqual(bits(got[l]), bits(scalar(lanes[l])), "\(name)(\(lanes[l]))") }
            }
        }
    }

    func testPiecewiseKernelsMatchScalarReferences() {
        XCTAssertEqual(apply { Kernels.relu($0, into: $1, count: $2) }, inputs.map { max($0, 0) })
        assertClose(apply { x, y, n in for i in 0..<n { y[i] = VectorMath.hardSigmoid(x[i]) } }, inputs.map { min(max(0.2 * $0 + 0.5, 0), 1) })
        let y = Tensor(shape: [inputs.count], values: inputs), g = Tensor(shape: [inputs.count], repeating: 2)
        Kernels.reluBackward(output: y.data, gradient: g.data, count: y.count)
        XCTAssertEqual(g.values, inputs.map { $0 > 0 ? 2 : 0 })
    }

    func testArithmeticKernels() {
        let n = 37
        let x = Tensor(shape: [n], values: (0..<n).map { Float($0) }), y = Tensor(shape: [n], repeating: 1)
        Kernels.axpy(2, x.data, y.data, count: n)
        let axpy: [Float] = (0..<n).map { i -> Float in 1 + 2 * Float(i) }
        XCTAssertEqual(y.values, axpy)
        Kernels.multiply(x.data, y.data, into: y.data, count: n)
        let expected: [Float] = (0..<n).map { i -> Float in let f = Float(i); return f * (1 + 2 * f) }
        XCTAssertEqual(y.values, expected)
        Kernels.scale(y.data, by: 0.5, count: n)
        XCTAssertEqual(y[3], 3 * 7 * 0.5)
    }

    func testRowKernels() {
        let m = Tensor(shape: [3, 4], values: (0..<12).map { Float($0) })
        let bias = Tensor(shape: [4], values: [1, 2, 3, 4])
        Kernels.addRowVector(bias.data, to: m.data, rows: 3, cols: 4)
        XCTAssertEqual(m.values, [1, 3, 5, 7, 5, 7, 9, 11, 9, 11, 13, 15])
        let sums = Tensor(shape: [4])
        Kernels.sumRows(m.data, rows: 3, cols: 4, into: sums.data)
        XCTAssertEqual(sums.values, [15, 21, 27, 33])
        let s = Tensor(shape: [2, 3])
        let logits = Tensor(shape: [2, 3], values: [1, 2, 3, 1000, 1000, 1000])
        Kernels.softmaxRows(logits.data, into: s.data, rows: 2, cols: 3)
        let e: [Float] = [1, 2, 3].map { Foundation.exp(Float($0)) }
        let total = e.reduce(0, +)
        let third: Float = 1.0 / 3
        assertClose(s.values, e.map { $0 / total } + [third, third, third])
    }

    /// Large enough to be cut over the threads, and 300 columns (a partial cache line):
    /// each column's sum adds the rows in order, the same bits at 1 and 2 threads, accumulating.
    func testSumRowsOverThreadsAddsEachColumnInRowOrder() {
        defer { Parallel.setThreads(2) }
        let rows = 700, cols = 300
        let x = Tensor(shape: [rows, cols], values: (0..<(rows * cols)).map { Float(($0 * 7919) % 1000) * 1e-3 - 0.4 })
        var expected = [Float](repeating: 1, count: cols)
        for r in 0..<rows { for j in 0..<cols { expected[j] += x.data[r * cols + j] } }
        for threads in [1, 2] {
            Parallel.setThreads(threads)
            let sums = Tensor(shape: [cols], repeating: 1)
            Kernels.sumRows(x.data, rows: rows, cols: cols, into: sums.data, accumulate: true)
            XCTAssertEqual(sums.values, expected, "\(threads) threads")
        }
    }

    func testReductions() {
        let x = Tensor(shape: [50], values: (0..<50).map { Float($0 % 13) - 4 })
        XCTAssertEqual(Reductions.sum(x.data, count: 50), x.values.reduce(0, +))
        XCTAssertEqual(Reductions.dot(x.data, x.data, count: 50), x.values.map { $0 * $0 }.reduce(0, +))
        XCTAssertEqual(Reductions.max(x.data, count: 50), 8)
        XCTAssertEqual(Reductions.argmax(x.data, count: 50), 12)
        XCTAssertEqual(Reductions.mean(x.data, count: 50), x.values.reduce(0, +) / 50)
    }
}
