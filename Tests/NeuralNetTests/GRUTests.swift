import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class GRUTests: XCTestCase {
    /// The inference forward and the training forward against the Double reference.
    func checkForward(resetAfter: Bool, hard: Bool, n: Int = 2, t: Int = 4, d: Int = 3, u: Int = 5) {
        let gru = built(GRU(u, returnSequences: true, recurrentActivation: hard ? .hardSigmoid : .sigmoid, resetAfter: resetAfter), [t, d])
        gru.parameters[2].value.copy(from: randomTensor(resetAfter ? [2, 3 * u] : [3 * u], seed: 21))
        let x = randomTensor([n, t, d], low: -2, high: 2)
        var rng = RandomGenerator(seed: 1)
        let w = RecurrentReference.rows(gru.parameters[0].value, cols: 3 * u), r = RecurrentReference.rows(gru.parameters[1].value, cols: 3 * u)
        let b = gru.parameters[2].value.values.map(Double.init)
        let expected = (0..<n).map { s in
            RecurrentReference.gru(x: RecurrentReference.sample(x, s), w: w, r: r, bIn: Array(b[..<(3 * u)]),
                                   bRec: resetAfter ? Array(b[(3 * u)...]) : nil, units: u, hard: hard)
        }
        for training in [false, true] {
            let y = gru.forward(x, training: training, using: &rng)
            for s in 0..<n {
                let got = (0..<t).flatMap { step in (0..<u).map { y[s, step, $0] } }
                assertClose(got, expected[s].flatMap { $0 }.map(Float.init), rtol: 1e-5, atol: 2e-6, "training \(training), sample \(s)")
            }
        }
    }

    func testForwardMatchesIndependentReferenceResetAfter() { checkForward(resetAfter: true, hard: false) }
    func testForwardMatchesIndependentReferenceResetBefore() { checkForward(resetAfter: false, hard: false) }
    func testForwardMatchesIndependentReferenceWithHardSigmoid() { checkForward(resetAfter: true, hard: true) }

    /// 13 units: a full panel of 8 and a partial one in the inference kernel; 7 samples: tiles of 3 and 1.
    func testForwardMatchesIndependentReferenceAcrossPanelsAndTiles() {
        checkForward(resetAfter: true, hard: false, n: 7, t: 4, d: 6, u: 13)
        checkForward(resetAfter: true, hard: true, n: 7, t: 4, d: 6, u: 13)
    }

    func testKerasLayoutAndInitialisation() {
        let gru = built(GRU(4), [7, 6])
        XCTAssertEqual(gru.parameters.map(\.name), ["kernel", "recurrent_kernel", "bias"])
        XCTAssertEqual(gru.parameters.map(\.value.shape), [[6, 12], [4, 12], [2, 12]])
        XCTAssertEqual(gru.parameters[2].value.values, [Float](repeating: 0, count: 24))
        let r = gru.parameters[1].value
        for i in 0..<4 {
            for j in 0..<4 {
                let dot = (0..<12).reduce(Float(0)) { $0 + r[i, $1] * r[j, $1] }
                XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-5)
            }
        }
        let limit = (6.0 / Float(6 + 12)).squareRoot()
        XCTAssertTrue(gru.parameters[0].value.values.allSatisfy { abs($0) <= limit })
        XCTAssertEqual(built(GRU(4, resetAfter: false), [7, 6]).parameters.map(\.value.shape), [[6, 12], [4, 12], [12]])
    }

    /// Tolerance: rtol 2e-2, atol 2e-3 (see `GradientCheck`); 4 steps so gradients cross time.
    func testGradientsResetAfterLastState() {
        let gru = built(GRU(5), [4, 3])
        gru.parameters[2].value.copy(from: randomTensor([2, 15], seed: 9))
        checkLayerGradients(gru, input: randomTensor([2, 4, 3]))
    }

    func testGradientsResetBeforeReturningSequences() {
        let gru = built(GRU(6, returnSequences: true, resetAfter: false), [4, 3])
        gru.parameters[2].value.copy(from: randomTensor([18], seed: 9))
        checkLayerGradients(gru, input: randomTensor([3, 4, 3]))
    }

    func testGradientsWithHardSigmoid() {
        checkLayerGradients(built(GRU(5, recurrentActivation: .hardSigmoid), [3, 3]), input: randomTensor([2, 3, 3], low: -0.5, high: 0.5))
    }
}
