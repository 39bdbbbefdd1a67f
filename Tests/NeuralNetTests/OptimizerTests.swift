import Foundation
import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class OptimizerTests: XCTestCase {
    func parameter(_ values: [Float], gradient: [Float]) -> Parameter {
        let p = Parameter(name: "kernel", value: Tensor(shape: [values.count], values: values))
        if case let .dense(g) = p.gradient { g.copy(from: Tensor(shape: [gradient.count], values: gradient)) }
        return p
    }

    /// Two Adam steps against the Keras formulas evaluated in Double.
    func testAdamMatchesKerasFormula() {
        let p = parameter([1, -2], gradient: [0.5, -0.1])
        let adam = Optimizer(.adam())
        var theta = [1.0, -2.0], m = [0.0, 0.0], v = [0.0, 0.0]
        for t in 1...2 {
            adam.step([("w", p)])
            let lrt = 1e-3 * (1 - pow(0.999, Double(t))).squareRoot() / (1 - pow(0.9, Double(t)))
            for (i, g) in [0.5, -0.1].enumerated() {
                m[i] = 0.9 * m[i] + 0.1 * g
                v[i] = 0.999 * v[i] + 0.001 * g * g
                theta[i] -= lrt * m[i] / (v[i].squareRoot() + 1e-7)
            }
        }
        assertClose(p.value.values, theta.map(Float.init), rtol: 1e-6, atol: 1e-7)
        XCTAssertEqual(adam.iterations, 2)
    }

    /// The SIMD Adam step gives the bits of the plain Float loop (lengths that are not multiples of
    /// eight, three iterations), so vectorizing it changed no result.
    func testAdamStepHasTheBitsOfThePlainLoop() {
        var rng = RandomGenerator(seed: 3)
        let n = 1003
        let start = (0..<n).map { _ in rng.uniform() - 0.5 }, gradient = (0..<n).map { _ in (rng.uniform() - 0.5) * 0.1 }
        let p = parameter(start, gradient: gradient)
        let adam = Optimizer(.adam())
        let lr: Float = 1e-3, b1: Float = 0.9, b2: Float = 0.999, eps: Float = 1e-7
        var theta = start, m = [Float](repeating: 0, count: n), v = [Float](repeating: 0, count: n)
        for t in 1...3 {
            adam.step([("w", p)])
            let c2 = (1 - pow(Double(b2), Double(t))).squareRoot()
            let lrt = Float(Double(lr) * c2 / (1 - pow(Double(b1), Double(t))))
            for i in 0..<n {
                let g = gradient[i]
                m[i] = b1 * m[i] + (1 - b1) * g
                v[i] = b2 * v[i] + (1 - b2) * g * g
                theta[i] -= lrt * m[i] / (v[i].squareRoot() + eps)
            }
        }
        XCTAssertEqual(p.value.values.map(\.bitPattern), theta.map(\.bitPattern))
    }

    func testSGDMomentumNesterovAndRMSprop() {
        let plain = parameter([1], gradient: [2])
        Optimizer(.sgd(learningRate: 0.1)).step([("w", plain)])
        XCTAssertEqual(plain.value[0], 0.8, accuracy: 1e-7)

        let momentum = parameter([1], gradient: [2]), sgd = Optimizer(.sgd(learningRate: 0.1, momentum: 0.9))
        sgd.step([("w", momentum)]); sgd.step([("w", momentum)])
        XCTAssertEqual(momentum.value[0], 1 - 0.2 - (0.9 * 0.2 + 0.2), accuracy: 1e-6)

        let nesterov = parameter([1], gradient: [2])
        Optimizer(.sgd(learningRate: 0.1, momentum: 0.9, nesterov: true)).step([("w", nesterov)])
        XCTAssertEqual(nesterov.value[0], 1 + 0.9 * -0.2 - 0.2, accuracy: 1e-6)

        let rms = parameter([1], gradient: [2])
        Optimizer(.rmsprop()).step([("w", rms)])
        XCTAssertEqual(Double(rms.value[0]), 1 - 1e-3 * 2 / ((0.1 * 4).squareRoot() + 1e-7), accuracy: 1e-6)
    }

    /// Sparse embedding rows: `.dense` equals Adam on the densified gradient; `.lazy` leaves untouched rows alone.
    func testSparseRowsDenseAndLazy() {
        func embeddingParameter() -> Parameter {
            let p = Parameter(name: "embeddings", sparseRowsOf: Tensor(shape: [4, 2], values: [1, 2, 3, 4, 5, 6, 7, 8]))
            return p
        }
        func touchRow2(_ p: Parameter) {
            guard case let .sparseRows(g) = p.gradient else { return XCTFail("sparse expected") }
            let row = g.accumulator(forRow: 2)
            row[0] = 0.5; row[1] = -0.5
        }
        let reference = Parameter(name: "w", value: Tensor(shape: [4, 2], values: [1, 2, 3, 4, 5, 6, 7, 8]))
        let dense = embeddingParameter(), lazy = embeddingParameter()
        let refOpt = Optimizer(.adam()), denseOpt = Optimizer(.adam()), lazyOpt = Optimizer(.adam(), sparseUpdate: .lazy)
        for step in 0..<3 {
            for p in [reference, dense, lazy] { p.zeroGradient() }
            if step == 0 {
                touchRow2(dense); touchRow2(lazy)
                if case let .dense(g) = reference.gradient { g[4] = 0.5; g[5] = -0.5 }
            }
            refOpt.step([("w", reference)]); denseOpt.step([("e", dense)]); lazyOpt.step([("e", lazy)])
        }
        XCTAssertEqual(dense.value.values, reference.value.values)
        XCTAssertEqual(Array(lazy.value.values[0..<4]) + Array(lazy.value.values[6..<8]), [1, 2, 3, 4, 7, 8])
        // Lazy: row 2 moved once (first step ≈ lr · sign(g)); dense: it keeps moving on momentum.
        XCTAssertEqual(lazy.value[4], 5 - 1e-3, accuracy: 1e-6)
        XCTAssertEqual(lazy.value[5], 6 + 1e-3, accuracy: 1e-6)
        XCTAssertLessThan(dense.value[4], lazy.value[4] - 1e-3)
    }

    func testStateRoundTripResumesIdentically() throws {
        let a = parameter([1, 2], gradient: [0.3, -0.2]), b = parameter([1, 2], gradient: [0.3, -0.2])
        let first = Optimizer(.adam())
        first.step([("w", a)])
        b.value.copy(from: a.value)
        let resumed = Optimizer(.adam())
        try resumed.importState(first.exportState(), parameters: [("w", b)])
        XCTAssertEqual(Set(first.exportState().keys), ["optimizer.iterations", "optimizer.m.w", "optimizer.v.w"])
        first.step([("w", a)]); resumed.step([("w", b)])
        XCTAssertEqual(a.value.values, b.value.values)
        XCTAssertEqual(resumed.iterations, 2)
    }
}
