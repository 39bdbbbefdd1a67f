import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class DropoutTests: XCTestCase {
    func testInferenceIsIdentityAndTrainingScalesKeptElements() {
        let dropout = built(Dropout(0.25), [1000])
        let x = Tensor(shape: [4, 1000], repeating: 2)
        var rng = RandomGenerator(seed: 1)
        XCTAssertEqual(dropout.forward(x, training: false, using: &rng).values, x.values)
        let y = dropout.forward(x, training: true, using: &rng).values
        XCTAssertEqual(Set(y), [0, 2 / 0.75])
        let dropped = Double(y.filter { $0 == 0 }.count) / Double(y.count)
        XCTAssertEqual(dropped, 0.25, accuracy: 0.03)
    }

    func testSameSeedSameMask() {
        let dropout = built(Dropout(0.5), [64])
        let x = randomTensor([2, 64])
        var a = RandomGenerator(seed: 7), b = RandomGenerator(seed: 7)
        let first = dropout.forward(x, training: true, using: &a).values
        XCTAssertEqual(first, dropout.forward(x, training: true, using: &b).values)
    }

    /// Tolerance: rtol 2e-2, atol 2e-3 (the mask is replayed by reseeding).
    func testGradientsOfDropoutAndFlatten() {
        checkLayerGradients(built(Dropout(0.3), [4, 3]), input: randomTensor([2, 4, 3]))
        checkLayerGradients(built(Flatten(), [4, 3]), input: randomTensor([2, 4, 3]))
    }
}
