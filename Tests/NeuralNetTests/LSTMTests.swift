import Foundation
import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class LSTMTests: XCTestCase {
    /// An independent scalar LSTM in Double, gate order i, f, c, o, for the reference values.
    func reference(x: [[Double]], w: [[Double]], r: [[Double]], b: [Double], units u: Int, hard: Bool) -> [[Double]] {
        func gate(_ z: Double) -> Double { hard ? min(max(0.2 * z + 0.5, 0), 1) : 1 / (1 + exp(-z)) }
        var h = [Double](repeating: 0, count: u), c = h
        var hs: [[Double]] = []
        for xt in x {
            var z = b
            for j in 0..<(4 * u) {
                for k in 0..<xt.count { z[j] += xt[k] * w[k][j] }
                for k in 0..<u { z[j] += h[k] * r[k][j] }
            }
            for j in 0..<u {
                let i = gate(z[j]), f = gate(z[u + j]), g = tanh(z[2 * u + j]), o = gate(z[3 * u + j])
                c[j] = f * c[j] + i * g
                h[j] = o * tanh(c[j])
            }
            hs.append(h)
        }
        return hs
    }

    /// The inference forward and the training forward against the Double reference, every sample.
    func checkForward(hard: Bool, n: Int = 2, t: Int = 3, d: Int = 4, u: Int = 5) {
        let lstm = built(LSTM(u, returnSequences: true, recurrentActivation: hard ? .hardSigmoid : .sigmoid), [t, d])
        lstm.parameters[2].value.copy(from: randomTensor([4 * u], seed: 21))
        let x = randomTensor([n, t, d], low: -2, high: 2)
        let p = lstm.parameters.map { $0.value.values.map(Double.init) }
        let w = (0..<d).map { Array(p[0][($0 * 4 * u)..<(($0 + 1) * 4 * u)]) }
        let r = (0..<u).map { Array(p[1][($0 * 4 * u)..<(($0 + 1) * 4 * u)]) }
        let expected = (0..<n).map { s in
            reference(x: (0..<t).map { step in (0..<d).map { Double(x[s, step, $0]) } }, w: w, r: r, b: p[2], units: u, hard: hard)
        }
        var rng = RandomGenerator(seed: 1)
        for training in [false, true] {
            let y = lstm.forward(x, training: training, using: &rng)
            for s in 0..<n {
                let got = (0..<t).flatMap { step in (0..<u).map { y[s, step, $0] } }
                assertClose(got, expected[s].flatMap { $0 }.map(Float.init), rtol: 1e-5, atol: 2e-6, "training \(training), sample \(s)")
            }
        }
    }

    func testForwardMatchesIndependentReferenceWithSigmoidGates() { checkForward(hard: false) }
    func testForwardMatchesIndependentReferenceWithHardSigmoidGates() { checkForward(hard: true) }

    /// 13 units: a full panel of 8 and a partial one in the inference kernel; 7 samples: tiles of 3 and 1.
    func testForwardMatchesIndependentReferenceAcrossPanelsAndTiles() {
        checkForward(hard: false, n: 7, t: 4, d: 6, u: 13)
        checkForward(hard: true, n: 7, t: 4, d: 6, u: 13)
    }

    /// Backward cuts the batch into the slices of its forward, even when the thread
    /// count changed in between: the same bits as a run at a fixed count.
    func testBackwardUsesTheSlicesOfItsForward() {
        defer { Parallel.setThreads(2) }
        func run(threadsForBackward: Int) -> [Float] {
            Parallel.setThreads(2)
            let lstm = built(LSTM(6), [4, 3])
            var rng = RandomGenerator(seed: 1)
            _ = lstm.forward(randomTensor([5, 4, 3]), training: true, using: &rng)
            Parallel.setThreads(threadsForBackward)
            let dx = lstm.backward(randomTensor([5, 6], seed: 8)).values
            return dx + lstm.parameters.flatMap { p -> [Float] in
                guard case let .dense(g) = p.gradient else { return [] }
                return g.values
            }
        }
        XCTAssertEqual(run(threadsForBackward: 1), run(threadsForBackward: 2))
    }

    func testKerasInitialisation() {
        let lstm = built(LSTM(8), [10, 6])
        let r = lstm.parameters[1].value
        // Rows of the 8 × 32 recurrent kernel are orthonormal.
        for i in 0..<8 {
            for j in 0..<8 {
                let dot = (0..<32).reduce(Float(0)) { $0 + r[i, $1] * r[j, $1] }
                XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-5)
            }
        }
        XCTAssertEqual(lstm.parameters[2].value.values, [Float](repeating: 0, count: 8) + [Float](repeating: 1, count: 8) + [Float](repeating: 0, count: 16))
        XCTAssertEqual(lstm.parameters.map(\.value.shape), [[6, 32], [8, 32], [32]])
    }

    /// Tolerance: rtol 2e-2, atol 2e-3; sequences of 4 steps so gradients cross time.
    func testGradientsReturningLastState() {
        checkLayerGradients(built(LSTM(5), [4, 3]), input: randomTensor([2, 4, 3]))
    }

    func testGradientsReturningSequences() {
        checkLayerGradients(built(LSTM(17, returnSequences: true), [4, 3]), input: randomTensor([3, 4, 3]))
    }

    func testGradientsWithHardSigmoid() {
        checkLayerGradients(built(LSTM(5, recurrentActivation: .hardSigmoid), [3, 3]), input: randomTensor([2, 3, 3], low: -0.5, high: 0.5))
    }

    func testCuDNNLSTMHasTwoBiasesThatActAsTheirSum() {
        let cudnn = built(CuDNNLSTM(4), [3, 2])
        XCTAssertEqual(cudnn.parameters.map(\.value.shape), [[2, 16], [4, 16], [32]])
        XCTAssertEqual(cudnn.parameters[2].value.values.reduce(0, +), 4)
        XCTAssertEqual(cudnn.parameters[2].value[20], 1)
        let plain = built(LSTM(4), [3, 2])
        plain.parameters[0].value.copy(from: cudnn.parameters[0].value)
        plain.parameters[1].value.copy(from: cudnn.parameters[1].value)
        let b = randomTensor([32], seed: 4)
        cudnn.parameters[2].value.copy(from: b)
        plain.parameters[2].value.copy(from: Tensor(shape: [16], values: (0..<16).map { b[$0] + b[16 + $0] }))
        let x = randomTensor([2, 3, 2])
        var rng = RandomGenerator(seed: 1)
        let a = cudnn.forward(x, training: false, using: &rng).copy()
        assertClose(a, plain.forward(x, training: false, using: &rng), rtol: 1e-6, atol: 1e-7)
    }

    func testCuDNNLSTMGradients() {
        checkLayerGradients(built(CuDNNLSTM(3, returnSequences: true), [3, 2]), input: randomTensor([2, 3, 2]))
    }
}
