/// Vectorized transcendental functions on 16 lanes of `Float` (one AVX-512 register).
///
/// `Foundation`'s `expf`/`tanhf` are scalar calls; gate activations of an LSTM
/// evaluate hundreds of millions of them per epoch, so lab computes them here.
/// Accuracy: `exp` within 2 ulp over [-87.3, 88.7]; `sigmoid` and `tanh`
/// within 3e-7 absolute. `Kernels` tests them against the scalar functions.
public enum VectorMath {
    public typealias Lanes = SIMD16<Float>

    /// eˣ for each lane; underflows to 0 below -87.3 and saturates at 88.7.
    @inlinable @inline(__always)
    public static func exp(_ x: Lanes) -> Lanes {
        // Range reduction x = n·ln2 + r, |r| ≤ ln2/2, then a degree-6 polynomial
        // for eʳ (Cephes expf coefficients) and a 2ⁿ scale built in the exponent bits.
        let xc = x.clamped(lowerBound: Lanes(repeating: -87.3), upperBound: Lanes(repeating: 88.7))
        let n = (xc * 1.442_695_04).rounded(.toNearestOrEven)
        var r = xc - n * 0.693_359_375
        r = r + n * 2.121_944_4e-4
        var p = Lanes(repeating: 1.987_569_150e-4)
        p = p * r + 1.398_199_950e-3
        p = p * r + 8.333_451_907e-3
        p = p * r + 4.166_579_589e-2
        p = p * r + 1.666_666_546e-1
        p = p * r + 5.000_000_120e-1
        p = p * (r * r) + r + 1
        let bits = (SIMD16<Int32>(n) &+ 127) &<< 23
        let scale = unsafeBitCast(bits, to: Lanes.self)
        var result = p * scale
        result.replace(with: 0, where: x .< -87.3)
        return result
    }

    /// The logistic function 1 / (1 + e⁻ˣ) for each lane.
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Lanes) -> Lanes {
        1 / (1 + exp(-x))
    }

    /// tanh for each lane; a short Taylor series near zero keeps relative accuracy there.
    @inlinable @inline(__always)
    public static func tanh(_ x: Lanes) -> Lanes {
        let e = exp(2 * x.clamped(lowerBound: Lanes(repeating: -10), upperBound: Lanes(repeating: 10)))
        var result = (e - 1) / (e + 1)
        let x2 = x * x
        var poly = x2 * Lanes(repeating: -17.0 / 315) + Lanes(repeating: 2.0 / 15)
        poly = poly * x2 + Lanes(repeating: -1.0 / 3)
        poly = poly * x2 + Lanes(repeating: 1)
        let small = x * poly
        result.replace(with: small, where: (x .< 0.125) .& (x .> -0.125))
        return result
    }

    /// Keras's `hard_sigmoid`: clip(0.2·x + 0.5, 0, 1).
    @inlinable @inline(__always)
    public static func hardSigmoid(_ x: Lanes) -> Lanes {
        (x * 0.2 + 0.5).clamped(lowerBound: Lanes(repeating: 0), upperBound: Lanes(repeating: 1))
    }

    /// eˣ for one value, through the same polynomial as the vector form.
    public static func exp(_ x: Float) -> Float { exp(Lanes(repeating: x))[0] }
}
