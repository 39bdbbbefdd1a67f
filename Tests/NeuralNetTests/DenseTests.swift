import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class DenseTests: XCTestCase {
    func testForwardMatchesHandComputedAffineMap() {
        let dense = built(Dense(2, activation: .linear), [3])
        dense.parameters[0].value.copy(from: Tensor(shape: [3, 2], values: [1, 2, 3, 4, 5, 6]))
        dense.parameters[1].value.copy(from: Tensor(shape: [2], values: [0.5, -1]))
        var rng = RandomGenerator(seed: 1)
        let y = dense.forward(Tensor(shape: [1, 3], values: [1, 0, -1]), training: false, using: &rng)
        XCTAssertEqual(y.values, [1 - 5 + 0.5, 2 - 6 - 1])
    }

    func testGlorotUniformKernelAndZeroBias() {
        let dense = built(Dense(300), [200])
        let limit = Float((6.0 / 500).squareRoot())
        let k = dense.parameters[0].value.values
        XCTAssertLessThanOrEqual(k.map(abs).max()!, limit)
        XCTAssertGreaterThan(k.map(abs).max()!, 0.99 * limit)
        XCTAssertEqual(dense.parameters[1].value.values, [Float](repeating: 0, count: 300))
    }

    /// Tolerance: rtol 2e-2, atol 2e-3 (Float32 forward, h = 1e-2).
    func testGradientsForEveryActivation() {
        for activation in Activation.allCases {
            let dense = built(Dense(4, activation: activation), [5])
            dense.name = "dense_\(activation)"
            checkLayerGradients(dense, input: randomTensor([3, 5], seed: 8))
        }
    }

    func testGradientsOnThreeDimensionalInput() {
        checkLayerGradients(built(Dense(3, activation: .tanh), [4, 6]), input: randomTensor([2, 4, 6]))
    }
}
