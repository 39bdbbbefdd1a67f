import Foundation
import TensorCore

/// One step of Adam, SGD (momentum, Nesterov) or RMSprop on a run of values, as Keras 2 computes it.
///
/// - Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr_t·m / (√v + ε̂),
///   lr_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), ε̂ = ε (Keras 2, tf.keras and Keras 3 all add ε unscaled).
/// - SGD: v ← μv − lr·g; θ ← θ + v, or θ ← θ + μv − lr·g with Nesterov; θ ← θ − lr·g without momentum.
/// - RMSprop: a ← ρa + (1−ρ)g²; θ ← θ − lr·g / (√a + ε).
struct OptimizerRule {
    let spec: OptimizerSpec
    let iteration: Int

    /// Updates `count` values from their gradient and state slots.
    func apply(_ theta: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ state: [UnsafeMutablePointer<Float>], count: Int) {
        let n = count
        switch spec {
        case let .adam(lr, b1, b2, eps):
            let t = Double(iteration)
            let c2 = (1 - pow(Double(b2), t)).squareRoot()
            let lrt = Float(Double(lr) * c2 / (1 - pow(Double(b1), t))), epst = eps
            let m = state[0], v = state[1]
            Parallel.forRanges(n, grain: 1 << 16) { r in
                for i in r {
                    let gi = g[i]
                    m[i] = b1 * m[i] + (1 - b1) * gi
                    v[i] = b2 * v[i] + (1 - b2) * gi * gi
                    theta[i] -= lrt * m[i] / (v[i].squareRoot() + epst)
                }
            }
        case let .sgd(lr, momentum, nesterov):
            if momentum == 0 {
                for i in 0..<n { theta[i] -= lr * g[i] }
                return
            }
            let vel = state[0]
            for i in 0..<n {
                vel[i] = momentum * vel[i] - lr * g[i]
                theta[i] += nesterov ? momentum * vel[i] - lr * g[i] : vel[i]
            }
        case let .rmsprop(lr, rho, eps):
            let a = state[0]
            for i in 0..<n {
                a[i] = rho * a[i] + (1 - rho) * g[i] * g[i]
                theta[i] -= lr * g[i] / (a[i].squareRoot() + eps)
            }
        }
    }

    /// A Keras (dense) update of a whole [V, D] table whose gradient is given as touched rows:
    /// touched rows use their gradient, all other rows a zero gradient.
    func applyDenseSweep(_ theta: UnsafeMutablePointer<Float>, _ g: SparseRowGradient, _ state: [UnsafeMutablePointer<Float>]) {
        let d = g.width
        let zeros = [Float](repeating: 0, count: d)
        zeros.withUnsafeBufferPointer { z in
            Parallel.forRanges(g.rowCount, grain: 1024) { rows in
                for row in rows {
                    let grad = g.slot(ofRow: row).map { UnsafePointer(g.values.data + $0 * d) } ?? z.baseAddress!
                    apply(theta + row * d, grad, state.map { $0 + row * d }, count: d)
                }
            }
        }
    }
}
