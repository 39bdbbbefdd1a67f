import Foundation
import NeuralNet
import TensorCore
import TestSupport
import XCTest

final class LossTests: XCTestCase {
    func testBinaryCrossentropyHandValuesAndKerasClipping() {
        let p = Tensor(shape: [2, 1], values: [0.8, 0]), y = Tensor(shape: [2, 1], values: [1, 0])
        XCTAssertEqual(Loss.binaryCrossentropy.value(predictions: p, targets: y), (-log(0.8) - log(1 - 1e-7)) / 2, accuracy: 1e-7)
        let wrong = Tensor(shape: [1, 1], values: [0])
        XCTAssertEqual(Loss.binaryCrossentropy.value(predictions: wrong, targets: Tensor(shape: [1, 1], values: [1])), -log(1e-7), accuracy: 1e-6)
        XCTAssertEqual(Loss.binaryCrossentropy.value(predictions: p, targets: y, reduction: .sum), -log(0.8) - log(1 - 1e-7), accuracy: 1e-7)
    }

    func testCategoricalSparseAndMeanSquaredValues() {
        let p = Tensor(shape: [2, 3], values: [0.2, 0.5, 0.3, 0.1, 0.1, 0.8])
        let oneHot = Tensor(shape: [2, 3], values: [0, 1, 0, 0, 0, 1])
        let expected = (-log(0.5) - log(0.8)) / 2
        XCTAssertEqual(Loss.categoricalCrossentropy.value(predictions: p, targets: oneHot), expected, accuracy: 1e-6)
        XCTAssertEqual(Loss.sparseCategoricalCrossentropy.value(predictions: p, targets: Tensor(shape: [2], values: [1, 2])), expected, accuracy: 1e-6)
        XCTAssertEqual(Loss.meanSquaredError.value(predictions: p, targets: oneHot), ((0.04 + 0.25 + 0.09) / 3 + (0.01 + 0.01 + 0.04) / 3) / 2, accuracy: 1e-7)
    }

    /// dL/dP of every loss against central differences. Tolerance: rtol 1e-2, atol 1e-4, h = 1e-3
    /// (probabilities stay inside the clipping range).
    func testGradientsWithRespectToPredictions() {
        let probabilities = Tensor(shape: [3, 4], values: [0.1, 0.2, 0.3, 0.4, 0.25, 0.25, 0.4, 0.1, 0.6, 0.1, 0.2, 0.1])
        let targets: [Loss: Tensor] = [
            .binaryCrossentropy: Tensor(shape: [3, 4], values: [1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1]),
            .categoricalCrossentropy: Tensor(shape: [3, 4], values: [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1]),
            .sparseCategoricalCrossentropy: Tensor(shape: [3], values: [2, 0, 3]),
            .meanSquaredError: randomTensor([3, 4]),
        ]
        for loss in Loss.allCases {
            for reduction in LossReduction.allCases {
                let p = probabilities.copy(), y = targets[loss]!, g = Tensor(shape: [0])
                loss.gradient(predictions: p, targets: y, reduction: reduction, into: g)
                GradientCheck.check("\(loss) \(reduction)", x: p, analytic: g, step: 1e-3, rtol: 1e-2, atol: 1e-4) {
                    loss.value(predictions: p, targets: y, reduction: reduction)
                }
            }
        }
    }

    /// The fused logit gradient P − Y equals the chain rule through sigmoid / softmax. Tolerance: rtol 1e-2, atol 1e-4.
    func testFusedLogitGradients() {
        let logits = randomTensor([3, 4], low: -2, high: 2)
        let cases: [(Loss, Activation, Tensor)] = [
            (.binaryCrossentropy, .sigmoid, Tensor(shape: [3, 4], values: [1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1])),
            (.categoricalCrossentropy, .softmax, Tensor(shape: [3, 4], values: [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1])),
            (.sparseCategoricalCrossentropy, .softmax, Tensor(shape: [3], values: [2, 0, 3])),
        ]
        for (loss, activation, y) in cases {
            XCTAssertTrue(loss.fuses(with: activation))
            let z = logits.copy(), p = Tensor(shape: [3, 4]), g = Tensor(shape: [0])
            activation.forward(z.data, into: p.data, rows: 3, cols: 4)
            loss.logitGradient(probabilities: p, targets: y, into: g)
            GradientCheck.check("\(loss) fused", x: z, analytic: g, step: 1e-3, rtol: 1e-2, atol: 1e-4) {
                let q = Tensor(shape: [3, 4])
                activation.forward(z.data, into: q.data, rows: 3, cols: 4)
                return loss.value(predictions: q, targets: y)
            }
        }
        XCTAssertFalse(Loss.meanSquaredError.fuses(with: .sigmoid))
    }

    /// Every activation's backward against central differences. Tolerance: rtol 1e-2, atol 1e-4.
    func testActivationBackward() {
        for activation in Activation.allCases {
            let x = randomTensor([2, 5], low: -2, high: 2, seed: 31)
            let w = GradientCheck.weights(count: 10)
            let y = Tensor(shape: [2, 5])
            activation.forward(x.data, into: y.data, rows: 2, cols: 5)
            let g = Tensor(shape: [2, 5], values: w.values)
            activation.backward(output: y.data, gradient: g.data, rows: 2, cols: 5)
            GradientCheck.check("\(activation)", x: x, analytic: g, step: 1e-3, rtol: 1e-2, atol: 1e-4) {
                let q = Tensor(shape: [2, 5])
                activation.forward(x.data, into: q.data, rows: 2, cols: 5)
                return GradientCheck.weightedSum(q, w)
            }
        }
    }
}
