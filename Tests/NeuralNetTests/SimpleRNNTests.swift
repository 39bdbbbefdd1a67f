import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class SimpleRNNTests: XCTestCase {
    func testForwardMatchesIndependentReference() {
        let n = 3, t = 4, d = 3, u = 5
        let rnn = built(SimpleRNN(u, returnSequences: true), [t, d])
        rnn.parameters[2].value.copy(from: randomTensor([u], seed: 21))
        let x = randomTensor([n, t, d], low: -2, high: 2)
        var rng = RandomGenerator(seed: 1)
        let y = rnn.forward(x, training: false, using: &rng).copy()
        let w = RecurrentReference.rows(rnn.parameters[0].value, cols: u), r = RecurrentReference.rows(rnn.parameters[1].value, cols: u)
        let b = rnn.parameters[2].value.values.map(Double.init)
        for s in 0..<n {
            let expected = RecurrentReference.simpleRNN(x: RecurrentReference.sample(x, s), w: w, r: r, b: b)
            assertClose((0..<t).flatMap { step in (0..<u).map { y[s, step, $0] } }, expected.flatMap { $0 }.map(Float.init),
                        rtol: 1e-5, atol: 2e-6, "sample \(s)")
        }
        let last = built(SimpleRNN(u), [t, d])
        for (a, b) in zip(last.parameters, rnn.parameters) { a.value.copy(from: b.value) }
        let h = last.forward(x, training: false, using: &rng)
        XCTAssertEqual(h.shape, [n, u])
        XCTAssertEqual(h.values, (0..<n).flatMap { s in (0..<u).map { y[s, t - 1, $0] } })
    }

    func testKerasLayout() throws {
        let rnn = built(SimpleRNN(4), [7, 6])
        XCTAssertEqual(rnn.parameters.map(\.value.shape), [[6, 4], [4, 4], [4]])
        XCTAssertEqual(try rnn.spec.parameterCount(input: [7, 6], position: 0), 6 * 4 + 4 * 4 + 4)
    }

    /// Tolerance: rtol 2e-2, atol 2e-3 (see `GradientCheck`).
    func testGradientsLastState() {
        checkLayerGradients(built(SimpleRNN(5), [4, 3]), input: randomTensor([2, 4, 3]))
    }

    func testGradientsReturningSequences() {
        checkLayerGradients(built(SimpleRNN(4, returnSequences: true), [5, 3]), input: randomTensor([3, 5, 3]))
    }
}
