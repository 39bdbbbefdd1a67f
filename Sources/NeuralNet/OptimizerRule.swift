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
        case .adam:
            let adam = AdamStep(spec: spec, iteration: iteration)
            Parallel.forRanges(n, grain: 1 << 15) { r in
                adam.apply(theta + r.lowerBound, g + r.lowerBound, state[0] + r.lowerBound, state[1] + r.lowerBound,
                           count: r.count)
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
    ///
    /// Fast path: one pass over the table in `Parallel.threads` row ranges, the
    /// constants computed once, Adam's inner loop vectorized. The first version
    /// built an array of state pointers and recomputed the bias corrections for
    /// every row (20,000 rows per CNN step). A zero gradient goes through the same
    /// arithmetic as a stored one (β·m + (1−β)·0 is exactly β·m), so the numbers
    /// equal a dense update's.
    func applyDenseSweep(_ theta: UnsafeMutablePointer<Float>, _ g: SparseRowGradient, _ state: [UnsafeMutablePointer<Float>]) {
        let d = g.width
        let zeros = [Float](repeating: 0, count: d)
        let adam: AdamStep? = if case .adam = spec { AdamStep(spec: spec, iteration: iteration) } else { nil }
        zeros.withUnsafeBufferPointer { z in
            Parallel.forRanges(g.rowCount, grain: 256) { rows in
                for row in rows {
                    let grad = g.slot(ofRow: row).map { UnsafePointer(g.values.data + $0 * d) } ?? z.baseAddress!
                    let offset = row * d
                    if let adam {
                        adam.apply(theta + offset, grad, state[0] + offset, state[1] + offset, count: d)
                    } else {
                        apply(theta + offset, grad, state.map { $0 + offset }, count: d)
                    }
                }
            }
        }
    }
}

/// Adam's update with its step constants computed once (Keras formulas, see `OptimizerRule`).
struct AdamStep {
    let b1: Float, b2: Float, lrt: Float, eps: Float

    init(spec: OptimizerSpec, iteration: Int) {
        guard case let .adam(lr, b1, b2, eps) = spec else { preconditionFailure("not adam") }
        let t = Double(iteration)
        let c2 = (1 - pow(Double(b2), t)).squareRoot()
        self.b1 = b1
        self.b2 = b2
        lrt = Float(Double(lr) * c2 / (1 - pow(Double(b1), t)))
        self.eps = eps
    }

    /// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr_t·m / (√v + ε) over `count` values, eight at a time.
    ///
    /// Written with SIMD8 because the plain loop stayed scalar (LLVM did not vectorize it across
    /// the four pointers; perf showed vsqrtss/vdivss): 51% of a full-size LSTM step was this
    /// sweep over the 237 M-weight table. Lane by lane the same operations in the same order
    /// (no contraction into FMA), so the bits equal the scalar loop's (OptimizerTests).
    @inline(__always)
    func apply(_ theta: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
               _ v: UnsafeMutablePointer<Float>, count: Int) {
        typealias Lanes = SIMD8<Float>
        let b1 = b1, b2 = b2, c1 = 1 - b1, c2 = 1 - b2, lrt = lrt, eps = eps
        let vb1 = Lanes(repeating: b1), vb2 = Lanes(repeating: b2), vc1 = Lanes(repeating: c1), vc2 = Lanes(repeating: c2)
        let vlrt = Lanes(repeating: lrt), veps = Lanes(repeating: eps)
        let rt = UnsafeMutableRawPointer(theta), rg = UnsafeRawPointer(g), rm = UnsafeMutableRawPointer(m), rv = UnsafeMutableRawPointer(v)
        var i = 0
        while i + 8 <= count {
            let o = i * 4
            let gi = rg.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            let mi = vb1 * rm.loadUnaligned(fromByteOffset: o, as: Lanes.self) + vc1 * gi
            let vi = vb2 * rv.loadUnaligned(fromByteOffset: o, as: Lanes.self) + vc2 * gi * gi
            rm.storeBytes(of: mi, toByteOffset: o, as: Lanes.self)
            rv.storeBytes(of: vi, toByteOffset: o, as: Lanes.self)
            let t = rt.loadUnaligned(fromByteOffset: o, as: Lanes.self) - vlrt * mi / (vi.squareRoot() + veps)
            rt.storeBytes(of: t, toByteOffset: o, as: Lanes.self)
            i += 8
        }
        while i < count {
            let gi = g[i]
            let mi = b1 * m[i] + c1 * gi
            let vi = b2 * v[i] + c2 * gi * gi
            m[i] = mi
            v[i] = vi
            theta[i] -= lrt * mi / (vi.squareRoot() + eps)
            i += 1
        }
    }
}
