import TensorCore
import XCTest

/// Finite-difference gradient checking for explicit backward passes.
///
/// Each checked element x gets the central difference
/// (L(x + h) − L(x − h)) / 2h, with L evaluated in `Double` by the caller's
/// closure (a weighted sum of the layer's Float32 outputs), and is compared with
/// the analytic gradient: |num − ana| ≤ atol + rtol·max(|num|, |ana|).
/// Float32 forward passes limit the attainable accuracy to about 1e-3 relative
/// at h = 1e-2, hence the default tolerances.
public enum GradientCheck {
    /// Checks `analytic` (the gradient of `loss` with respect to `x`) at up to
    /// `samples` evenly spaced elements of `x`.
    /// - Parameters:
    ///   - x: the values perturbed in place (restored afterwards).
    ///   - analytic: the gradient computed by the backward pass, same count as `x`.
    ///   - loss: recomputes the scalar loss from the current contents of `x`.
    public static func check(_ name: String, x: Tensor, analytic: Tensor, step: Float = 1e-2,
                             rtol: Double = 2e-2, atol: Double = 2e-3, samples: Int = 40,
                             loss: () -> Double, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(x.count, analytic.count, "\(name): gradient count", file: file, line: line)
        guard x.count == analytic.count, x.count > 0 else { return }
        let stride = max(1, x.count / samples)
        var i = 0
        while i < x.count {
            let saved = x.data[i]
            x.data[i] = saved + step
            let up = loss()
            x.data[i] = saved - step
            let down = loss()
            x.data[i] = saved
            let numeric = (up - down) / (2 * Double(step))
            let ana = Double(analytic.data[i])
            let allowed = atol + rtol * max(abs(numeric), abs(ana))
            if !(abs(numeric - ana) <= allowed) {
                XCTFail("\(name)[\(i)]: numeric \(numeric) vs analytic \(ana)", file: file, line: line)
                return
            }
            i += stride
        }
    }

    /// A fixed pseudo-random weighting of outputs, so that L = Σ wᵢ·yᵢ exercises
    /// every output with a different weight; its gradient dL/dy is `w` itself.
    public static func weights(count: Int, seed: UInt64 = 99) -> Tensor {
        var rng = RandomGenerator(seed: seed)
        let w = Tensor(shape: [count])
        Initializers.uniform(w, low: -1, high: 1, using: &rng)
        return w
    }

    /// Σ wᵢ·yᵢ in `Double`.
    public static func weightedSum(_ y: Tensor, _ w: Tensor) -> Double {
        precondition(y.count == w.count)
        var s = 0.0
        for i in 0..<y.count { s += Double(y.data[i]) * Double(w.data[i]) }
        return s
    }
}
