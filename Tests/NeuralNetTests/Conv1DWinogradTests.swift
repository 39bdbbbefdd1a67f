import NeuralNet
import TensorCore
import TestSupport
import XCTest

/// Kernel-3, stride-1 `Conv1D` inference runs Winograd's F(4,3) (`Conv1DWinograd`);
/// training runs im2col. Both must compute the same convolution.
final class Conv1DWinogradTests: XCTestCase {
    /// Inference against the direct convolution in Double: output lengths below one tile,
    /// with a partial last tile, exactly whole tiles, and over many 64-tile blocks; channel
    /// and filter counts that are not multiples of a SIMD width; both paddings.
    func testMatchesDirectConvolution() {
        // (padding, input length, channels, filters, samples)
        for (padding, length, c, f, n) in [(Padding.valid, 3, 2, 3, 2), (.valid, 6, 5, 4, 3), (.valid, 7, 13, 9, 2), (.same, 1, 3, 2, 2),
                                           (.same, 5, 7, 11, 3), (.same, 8, 4, 4, 1), (.valid, 130, 17, 10, 5), (.same, 401, 3, 5, 3)] {
            let conv = built(Conv1D(f, 3, padding: padding, activation: .relu), [length, c])
            conv.parameters[1].value.copy(from: randomTensor([f], seed: 9))
            let x = randomTensor([n, length, c], seed: 3)
            var rng = RandomGenerator(seed: 1)
            let y = conv.forward(x, training: false, using: &rng).copy()
            let lo = padding == .valid ? length - 2 : length
            XCTAssertEqual(y.shape, [n, lo, f])
            let expected = directConvolution(x, conv.parameters[0].value, conv.parameters[1].value, strides: 1,
                                                       padLeft: padding == .same ? 1 : 0, outLength: lo)
            assertClose(y.values, expected.map { max($0, 0) }, rtol: 1e-5, atol: 1e-5, "\(padding) length \(length) C \(c) F \(f)")
            let trained = conv.forward(x, training: true, using: &rng)
            assertClose(y.values, trained.values, rtol: 1e-5, atol: 1e-5, "inference vs training forward")
        }
    }

    /// At the peer CNN's sizes (embedding 100, 250 filters, glorot kernel) the rounding
    /// Winograd adds stays far below what a prediction could notice: within 5e-6 of the
    /// output scale of the direct convolution (measured 1.5e-6; im2col's own: 7e-7).
    func testRoundingAtTheCNNSizes() {
        let conv = built(Conv1D(250, 3), [34, 100])
        let x = randomTensor([1, 34, 100], low: -0.05, high: 0.05, seed: 7)
        var rng = RandomGenerator(seed: 1)
        let y = conv.forward(x, training: false, using: &rng).values
        let expected = directConvolution(x, conv.parameters[0].value, conv.parameters[1].value, strides: 1, padLeft: 0, outLength: 32)
        let scale = expected.map(abs).max()!
        let worst = zip(y, expected).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(worst / scale, 5e-6, "worst error \(worst) against output scale \(scale)")
    }

    /// Blocks are cut from tile 0 by shape: one thread and two give the same bits.
    func testSameBitsAtAnyThreadCount() {
        defer { Parallel.setThreads(2) }
        let conv = built(Conv1D(7, 3, padding: .same), [300, 9])
        let x = randomTensor([4, 300, 9], seed: 2)
        var rng = RandomGenerator(seed: 1)
        Parallel.setThreads(1)
        let one = conv.forward(x, training: false, using: &rng).values
        Parallel.setThreads(2)
        XCTAssertEqual(conv.forward(x, training: false, using: &rng).values, one)
    }
}
