import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class PoolingTests: XCTestCase {
    func testMaxPoolingForwardDropsTheIncompleteWindow() {
        let pool = built(MaxPooling1D(2), [5, 1])
        var rng = RandomGenerator(seed: 1)
        let x = Tensor(shape: [1, 5, 1], values: [1, 3, 2, 0, 9])
        let y = pool.forward(x, training: false, using: &rng)
        XCTAssertEqual(y.shape, [1, 2, 1])
        XCTAssertEqual(y.values, [3, 2])
        XCTAssertEqual(pool.forward(x, training: true, using: &rng).values, [3, 2])
        XCTAssertEqual(pool.backward(Tensor(shape: [1, 2, 1], values: [10, 20])).values, [0, 10, 20, 0, 0])
    }

    /// Inference takes the maxima without their positions; the values are the training pass's,
    /// ties and NaN included (the first of equal values, a NaN kept only where it comes first).
    func testMaxPoolingInferenceGivesTheTrainingValues() {
        var rng = RandomGenerator(seed: 1)
        for (size, strides) in [(1, 1), (2, 2), (3, 3), (3, 1), (4, 2), (5, 3)] {
            let pool = built(MaxPooling1D(size, strides: strides), [23, 11])
            let x = randomTensor([3, 23, 11], seed: UInt64(size * 10 + strides))
            x.data[5] = x.data[16]; x.data[40] = .nan; x.data[100] = .nan
            let inference = pool.forward(x, training: false, using: &rng).values
            let training = pool.forward(x, training: true, using: &rng).values
            XCTAssertEqual(inference.map(\.bitPattern), training.map(\.bitPattern), "pool \(size) strides \(strides)")
        }
    }

    /// Inputs are distinct and 0.05 apart, so h = 1e-2 never changes an argmax. Tolerance: rtol 2e-2, atol 2e-3.
    func testPoolingGradients() {
        checkLayerGradients(built(MaxPooling1D(3), [7, 2]), input: distinctTensor([2, 7, 2]))
        checkLayerGradients(built(MaxPooling1D(3, strides: 1), [5, 2]), input: distinctTensor([2, 5, 2]))
        checkLayerGradients(built(GlobalMaxPooling1D(), [4, 3]), input: distinctTensor([2, 4, 3]))
        checkLayerGradients(built(GlobalAveragePooling1D(), [4, 3]), input: randomTensor([2, 4, 3]))
    }

    func testGlobalPoolingForward() {
        var rng = RandomGenerator(seed: 1)
        let x = Tensor(shape: [1, 3, 2], values: [1, -1, 4, 0, 2, -5])
        XCTAssertEqual(built(GlobalMaxPooling1D(), [3, 2]).forward(x, training: false, using: &rng).values, [4, 0])
        assertClose(built(GlobalAveragePooling1D(), [3, 2]).forward(x, training: false, using: &rng).values, [7.0 / 3, -2], rtol: 1e-6)
    }

    /// The vectorized window passes against a direct per-element max/argmax, with
    /// ties (the first maximum wins), a channel count that leaves vector tails, and
    /// pool sizes 1 to 5 with and without overlap.
    func testMaxPoolingMatchesDirectMaxAndRoutesGradientsToTheFirstMaximum() {
        let n = 2, l = 17, c = 37
        let x = Tensor(shape: [n, l, c], values: (0..<(n * l * c)).map { Float(($0 * 7919) % 23) })
        for (p, s) in [(1, 1), (2, 2), (3, 3), (3, 1), (4, 2), (5, 5)] {
            var rng = RandomGenerator(seed: 0)
            let pool = MaxPooling1D(p, strides: s)
            try! pool.build(inputShape: [l, c], using: &rng)
            let y = pool.forward(x, training: true, using: &rng)
            let lo = (l - p) / s + 1
            var expected = [Float](), routed = [Float](repeating: 0, count: x.count)
            for b in 0..<n { for j in 0..<lo { for ch in 0..<c {
                let base = (b * l + j * s) * c + ch
                var best = base
                for tap in 1..<p where x.data[base + tap * c] > x.data[best] { best = base + tap * c }
                expected.append(x.data[best])
                routed[best] += Float(expected.count)
            } } }
            XCTAssertEqual(y.values, expected, "pool \(p) stride \(s)")
            let dy = Tensor(shape: y.shape, values: (1...y.count).map { Float($0) })
            XCTAssertEqual(pool.backward(dy).values, routed, "pool \(p) stride \(s)")
        }
    }
}
