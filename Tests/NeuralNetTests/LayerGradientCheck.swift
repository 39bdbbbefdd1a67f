import NeuralNet
import TensorCore
import TestSupport
import XCTest

/// Finite-difference checks of a layer's backward: dL/dx and every parameter gradient,
/// with L = Σ wᵢ·yᵢ for fixed random weights w (see `GradientCheck`).
/// Each forward reseeds the generator, so dropout masks repeat exactly.
func checkLayerGradients(_ layer: any Layer, input x: Tensor, checkInput: Bool = true,
                         rtol: Double = 2e-2, atol: Double = 2e-3,
                         file: StaticString = #filePath, line: UInt = #line) {
    var rng = RandomGenerator(seed: 11)
    let y = layer.forward(x, training: true, using: &rng)
    let w = GradientCheck.weights(count: y.count)
    let dy = Tensor(shape: y.shape, values: w.values)
    for p in layer.parameters { p.zeroGradient() }
    let dx = layer.backward(dy).copy()
    let grads: [Tensor] = layer.parameters.map {
        switch $0.gradient {
        case let .dense(g): g.copy()
        case let .sparseRows(g): g.dense()
        }
    }
    func loss() -> Double {
        var r = RandomGenerator(seed: 11)
        return GradientCheck.weightedSum(layer.forward(x, training: true, using: &r), w)
    }
    if checkInput { GradientCheck.check("\(layer.name) dx", x: x, analytic: dx, rtol: rtol, atol: atol, loss: loss, file: file, line: line) }
    for (p, g) in zip(layer.parameters, grads) {
        GradientCheck.check("\(layer.name).\(p.name)", x: p.value, analytic: g, rtol: rtol, atol: atol, loss: loss, file: file, line: line)
    }
}

/// A tensor of uniform values in [low, high).
func randomTensor(_ shape: [Int], low: Float = -1, high: Float = 1, seed: UInt64 = 5) -> Tensor {
    var rng = RandomGenerator(seed: seed)
    let t = Tensor(shape: shape)
    Initializers.uniform(t, low: low, high: high, using: &rng)
    return t
}

/// A tensor of distinct values 0.05 apart in random order (no near-ties for max pooling).
func distinctTensor(_ shape: [Int], seed: UInt64 = 6) -> Tensor {
    var rng = RandomGenerator(seed: seed)
    let n = shape.reduce(1, *)
    return Tensor(shape: shape, values: rng.permutation(n).map { Float($0) * 0.05 - Float(n) * 0.025 })
}

/// Builds a layer for a per-sample input shape with a fixed seed.
func built<L: Layer>(_ layer: L, _ inputShape: [Int]) -> L {
    var rng = RandomGenerator(seed: 3)
    XCTAssertNoThrow(try layer.build(inputShape: inputShape, using: &rng))
    return layer
}
