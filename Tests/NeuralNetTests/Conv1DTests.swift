import NeuralNet
import TensorCore
import TestSupport
import XCTest

/// Direct convolution in Double: the specification im2col + GEMM must match.
func directConvolution(_ x: Tensor, _ k: Tensor, _ b: Tensor, strides s: Int, padLeft: Int, outLength lo: Int) -> [Float] {
    let n = x.shape[0], l = x.shape[1], c = x.shape[2], taps = k.shape[0], f = k.shape[2]
    var y: [Float] = []
    for sample in 0..<n {
        for j in 0..<lo {
            for filter in 0..<f {
                var sum = Double(b[filter])
                for tap in 0..<taps {
                    let pos = j * s + tap - padLeft
                    guard pos >= 0 && pos < l else { continue }
                    for ch in 0..<c { sum += Double(x[sample, pos, ch]) * Double(k[tap, ch, filter]) }
                }
                y.append(Float(sum))
            }
        }
    }
    return y
}

final class Conv1DTests: XCTestCase {
    func testValidAndSamePaddingMatchDirectConvolution() {
        // (padding, strides, input length, expected output length, left padding as TensorFlow)
        for (padding, strides, length, outLength, padLeft) in [(Padding.valid, 1, 7, 5, 0), (.valid, 2, 8, 3, 0), (.same, 1, 7, 7, 1), (.same, 2, 8, 4, 0)] {
            let conv = built(Conv1D(4, 3, strides: strides, padding: padding), [length, 2])
            conv.parameters[1].value.copy(from: randomTensor([4], seed: 9))
            let x = randomTensor([2, length, 2])
            var rng = RandomGenerator(seed: 1)
            let y = conv.forward(x, training: false, using: &rng)
            XCTAssertEqual(y.shape, [2, outLength, 4])
            let expected = directConvolution(x, conv.parameters[0].value, conv.parameters[1].value, strides: strides, padLeft: padLeft, outLength: outLength)
            assertClose(y.values, expected, rtol: 1e-5, atol: 1e-6, "\(padding) strides \(strides)")
        }
    }

    /// The blocked forward over many 512-row blocks per thread: inference (one block
    /// of patches) and training (all patches kept) give the same bits and match the
    /// direct convolution with ReLU. Kernel 5: kernel 3 at stride 1 infers by Winograd
    /// (`Conv1DWinogradTests`).
    func testBlockedForwardAcrossManyBlocks() {
        let conv = built(Conv1D(5, 5, padding: .same, activation: .relu), [401, 3])
        conv.parameters[1].value.copy(from: randomTensor([5], seed: 4))
        let x = randomTensor([3, 401, 3])
        var rng = RandomGenerator(seed: 1)
        let inference = conv.forward(x, training: false, using: &rng).copy()
        XCTAssertEqual(conv.forward(x, training: true, using: &rng).values, inference.values)
        let expected = directConvolution(x, conv.parameters[0].value, conv.parameters[1].value, strides: 1, padLeft: 2, outLength: 401)
        assertClose(inference.values, expected.map { max($0, 0) }, rtol: 1e-5, atol: 1e-6)
    }

    /// Tolerance: rtol 2e-2, atol 2e-3 (linear activation: no kinks).
    func testGradientsValidAndSame() {
        checkLayerGradients(built(Conv1D(3, 3), [6, 2]), input: randomTensor([2, 6, 2]))
        checkLayerGradients(built(Conv1D(3, 2, strides: 2, padding: .same), [5, 2]), input: randomTensor([2, 5, 2]))
        checkLayerGradients(built(Conv1D(3, 3, padding: .same), [6, 2]), input: randomTensor([2, 6, 2]))
        checkLayerGradients(built(Conv1D(3, 5), [7, 2]), input: randomTensor([2, 7, 2]))
    }

    /// The training backward's dK, db and dx against Double sums over each sample's own
    /// windows, with both paddings, several samples (no product may cross a sample boundary)
    /// and ReLU; a second backward accumulates.
    func testBackwardIsTheDirectGradients() {
        for (padding, padLeft) in [(Padding.valid, 0), (.same, 1)] {
            let n = 3, l = 9, c = 4, f = 5, k = 3
            let conv = built(Conv1D(f, k, padding: padding, activation: .relu), [l, c])
            conv.parameters[1].value.copy(from: randomTensor([f], seed: 9))
            let x = randomTensor([n, l, c], seed: 3)
            var rng = RandomGenerator(seed: 1)
            let y = conv.forward(x, training: true, using: &rng).copy()
            let lo = y.shape[1], dy = randomTensor(y.shape, seed: 7)
            let dx = conv.backward(dy).copy()
            var dk = [Double](repeating: 0, count: k * c * f), db = [Double](repeating: 0, count: f)
            var expectedDx = [Double](repeating: 0, count: n * l * c)
            for s in 0..<n {
                for j in 0..<lo {
                    for o in 0..<f {
                        let dz = y[s, j, o] > 0 ? Double(dy[s, j, o]) : 0
                        db[o] += dz
                        for tap in 0..<k {
                            let pos = j + tap - padLeft
                            guard pos >= 0 && pos < l else { continue }
                            for ch in 0..<c {
                                dk[(tap * c + ch) * f + o] += Double(x[s, pos, ch]) * dz
                                expectedDx[(s * l + pos) * c + ch] += dz * Double(conv.parameters[0].value.data[(tap * c + ch) * f + o])
                            }
                        }
                    }
                }
            }
            guard case let .dense(gk) = conv.parameters[0].gradient, case let .dense(gb) = conv.parameters[1].gradient else {
                return XCTFail("dense gradients")
            }
            assertClose(dx.values, expectedDx.map(Float.init), rtol: 1e-5, atol: 1e-6, "dx \(padding)")
            assertClose(gk.values, dk.map(Float.init), rtol: 1e-5, atol: 1e-6, "dK \(padding)")
            assertClose(gb.values, db.map(Float.init), rtol: 1e-5, atol: 1e-6, "db \(padding)")
            _ = conv.forward(x, training: true, using: &rng)
            _ = conv.backward(dy)
            assertClose(gk.values, dk.map { Float(2 * $0) }, rtol: 1e-5, atol: 1e-6, "dK accumulates \(padding)")
        }
    }

    func testGradientsWithReLU() {
        checkLayerGradients(built(Conv1D(3, 3, activation: .relu), [6, 2]), input: randomTensor([2, 6, 2], seed: 12))
    }
}
