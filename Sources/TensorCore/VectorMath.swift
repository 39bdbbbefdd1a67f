/// Vectorizable transcendental functions of `Float`, and 8-lane forms of the gate functions.
///
/// `Foundation`'s `expf`/`tanhf` are opaque scalar calls; gate activations of an
/// LSTM evaluate hundreds of millions of them per epoch, so lab computes them here.
/// Accuracy: `exp` within 2 ulp over [-87.3, 88.7]; `sigmoid` within 3e-7
/// absolute; `tanh` within 3.1e-7 absolute and 2.5e-7 relative below 1;
/// `gateSigmoid` within 2.2e-7 absolute. `KernelsTests` checks them against
/// Foundation's scalar functions.
///
/// Fast path (measured with `perf` on the seed LSTM): the scalar forms use only
/// add, multiply, divide, min/max, a select and integer bit operations, so a
/// plain loop over a buffer calling them is auto-vectorized by LLVM. The first
/// version rounded with `SIMD16.rounded(_:)` and converted with
/// `SIMD16<Int32>(_:)`, which Swift lowers to 16 `rintf` calls and a generic
/// per-lane conversion: 35% of LSTM training time. Rounding here adds and
/// subtracts 1.5·2²³, which leaves the integer n in the low mantissa bits, and
/// 2ⁿ is built from those bits directly. Clamping and selection on `SIMD16`
/// masks lowered to per-lane code, so kernels over long rows call the scalar forms
/// in loops (see `Kernels`); the 8-lane `Lanes` forms (compare-and-blend clamps) are for
/// register kernels whose loops are too short for LLVM to vectorize (the gates of
/// `LSTMInference` and `GRUInference`, 8 units at a time).
public enum VectorMath {
    /// One AVX2 register of floats.
    public typealias Lanes = SIMD8<Float>

    /// 1.5·2²³: adding it rounds a float of magnitude < 2²² to an integer, kept in the low mantissa bits.
    @usableFromInline static let roundingMagic: Float = 12_582_912

    /// eˣ; underflows to 0 below -87.3 and saturates at 88.7.
    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        // Range reduction x = n·ln2 + r, |r| ≤ ln2/2, then a degree-6 polynomial
        // for eʳ (Cephes expf coefficients) and a 2ⁿ scale built in the exponent bits.
        let xc = Swift.min(Swift.max(x, -87.3), 88.7)
        let shifted = xc * 1.442_695_04 + roundingMagic
        let n = shifted - roundingMagic
        var r = xc - n * 0.693_359_375
        r = r + n * 2.121_944_4e-4
        var p: Float = 1.987_569_150e-4
        p = p * r + 1.398_199_950e-3
        p = p * r + 8.333_451_907e-3
        p = p * r + 4.166_579_589e-2
        p = p * r + 1.666_666_546e-1
        p = p * r + 5.000_000_120e-1
        p = p * (r * r) + r + 1
        let scale = Float(bitPattern: (shifted.bitPattern &- roundingMagic.bitPattern &+ 127) &<< 23)
        return x < -87.3 ? 0 : p * scale
    }

    /// The logistic function 1 / (1 + e⁻ˣ).
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    /// tanh x as a rational function (Eigen's `generic_fast_tanh_float` minimax
    /// coefficients): an odd degree-13 polynomial over an even degree-6 one on x
    /// clamped to ±7.905 (where tanh rounds to ±1 within 3e-7).
    ///
    /// Absolute error ≤ 3.1e-7 and relative error ≤ 2.5e-7 for |x| < 1, so small
    /// values keep their digits. Measured: 7.5 ns per LSTM unit for the fused
    /// gate pass (3 sigmoids, 2 tanh) against 13 ns with tanh built on `exp`.
    @inlinable @inline(__always)
    public static func tanh(_ a: Float) -> Float {
        let x = Swift.min(Swift.max(a, -7.905_311_107_635_498), 7.905_311_107_635_498)
        let x2 = x * x
        var p: Float = -2.760_768_477_423_55e-16
        p = p * x2 + 2.000_187_904_824_77e-13
        p = p * x2 + -8.604_671_522_137_35e-11
        p = p * x2 + 5.122_297_090_371_14e-08
        p = p * x2 + 1.485_722_357_179_79e-05
        p = p * x2 + 6.372_619_288_754_36e-04
        p = p * x2 + 4.893_524_558_917_86e-03
        p = p * x
        var q: Float = 1.198_258_394_667_02e-06
        q = q * x2 + 1.185_347_056_866_54e-04
        q = q * x2 + 2.268_434_632_439_00e-03
        q = q * x2 + 4.893_525_185_543_85e-03
        return p / q
    }

    /// The logistic function as ½·tanh(x/2) + ½, for LSTM gates.
    ///
    /// Absolute error ≤ 2.2e-7 (what a gate's product with a cell value sees),
    /// but relative error grows for outputs below ~1e-3, so probabilities that
    /// feed a log loss use `sigmoid` instead. Cheaper than `sigmoid` by one `exp`.
    @inlinable @inline(__always)
    public static func gateSigmoid(_ x: Float) -> Float { 0.5 * tanh(0.5 * x) + 0.5 }

    /// Keras's `hard_sigmoid`: clip(0.2·x + 0.5, 0, 1).
    @inlinable @inline(__always)
    public static func hardSigmoid(_ x: Float) -> Float { Swift.min(Swift.max(x * 0.2 + 0.5, 0), 1) }

    /// tanh in each of 8 lanes: the scalar `tanh`'s operations in the same order, so the same bits.
    @inlinable @inline(__always)
    public static func tanh(_ a: Lanes) -> Lanes {
        let x = clamp(a, -7.905_311_107_635_498, 7.905_311_107_635_498)
        let x2 = x * x
        var p = Lanes(repeating: -2.760_768_477_423_55e-16)
        p = p * x2 + 2.000_187_904_824_77e-13
        p = p * x2 + -8.604_671_522_137_35e-11
        p = p * x2 + 5.122_297_090_371_14e-08
        p = p * x2 + 1.485_722_357_179_79e-05
        p = p * x2 + 6.372_619_288_754_36e-04
        p = p * x2 + 4.893_524_558_917_86e-03
        p = p * x
        var q = Lanes(repeating: 1.198_258_394_667_02e-06)
        q = q * x2 + 1.185_347_056_866_54e-04
        q = q * x2 + 2.268_434_632_439_00e-03
        q = q * x2 + 4.893_525_185_543_85e-03
        return p / q
    }

    /// `gateSigmoid` in each of 8 lanes (the same bits).
    @inlinable @inline(__always)
    public static func gateSigmoid(_ x: Lanes) -> Lanes { 0.5 * tanh(0.5 * x) + 0.5 }

    /// `hardSigmoid` in each of 8 lanes (the same bits).
    @inlinable @inline(__always)
    public static func hardSigmoid(_ x: Lanes) -> Lanes { clamp(x * 0.2 + 0.5, 0, 1) }

    /// `Swift.min(Swift.max(x, low), high)` lane by lane, NaN kept as there, by compare and
    /// blend: the standard library's `pointwiseMin`/`pointwiseMax` are not specialized
    /// and run lane by lane.
    @inlinable @inline(__always)
    static func clamp(_ x: Lanes, _ low: Float, _ high: Float) -> Lanes {
        let lo = Lanes(repeating: low), hi = Lanes(repeating: high)
        let raised = x.replacing(with: lo, where: lo .>= x)
        return raised.replacing(with: hi, where: hi .< raised)
    }
}
