import TensorCore

/// Keras `MaxPooling1D(pool_size, strides)` with `valid` padding.
///
/// Input [N, L, C], output [N, L', C] with L' = ⌊(L − p) / s⌋ + 1 and s = p by
/// default. Forward keeps, for every output element, the flat input index of
/// its maximum (the first on ties); backward routes dy there.
///
/// Fast path: forward walks each window tap by tap with the channels as the
/// inner, vectorized loop (see `poolWindow`); the first
/// version took the argmax per channel in a scalar loop, 19% of CNN training.
public final class MaxPooling1D: Layer {
    public let spec: LayerSpec
    public var name: String
    public let parameters: [Parameter] = []
    public private(set) var isBuilt = false
    /// p, the window length.
    public let poolSize: Int
    /// s, the step between windows.
    public let strides: Int

    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    private var argmax: [Int32] = []
    private var inputShape: [Int] = []

    /// An unbuilt max pooling of windows `poolSize` long, `strides` apart (default `poolSize`).
    public init(_ poolSize: Int, strides: Int? = nil) {
        self.poolSize = poolSize
        self.strides = strides ?? poolSize
        spec = .maxPooling1D(poolSize: poolSize, strides: strides)
        name = spec.namePrefix
    }

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        isBuilt = true
    }

    /// x [N, L, C] → y [N, L', C]; caches the argmax indices.
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        let n = x.shape[0], l = x.shape[1], c = x.shape[2]
        let lo = (l - poolSize) / strides + 1
        inputShape = x.shape
        output.resize(to: [n, lo, c])
        if !training { return maxOnly(x, samples: n, length: l, channels: c, outputLength: lo) }
        if argmax.count < output.count { argmax = [Int32](repeating: 0, count: output.count) }
        let xd = x.data, y = output.data, p = poolSize, s = strides
        argmax.withUnsafeMutableBufferPointer { am in
            let amp = am.baseAddress!
            Parallel.forRanges(n) { range in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * c) { values in
                    withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * c) { indices in
                        let scratch = [(values.baseAddress!, indices.baseAddress!), (values.baseAddress! + c, indices.baseAddress! + c)]
                        for sample in range {
                            for j in 0..<lo {
                                let o = (sample * lo + j) * c, first = (sample * l + j * s) * c
                                Self.poolWindow(xd + first, start: Int32(first), taps: p, channels: c,
                                                into: y + o, argmax: amp + o, scratch: scratch)
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    /// Inference: the window maxima alone (no backward will ask where they were), one
    /// vectorized pass per tap; the argmax bookkeeping was half of the pooling's time.
    private func maxOnly(_ x: Tensor, samples n: Int, length l: Int, channels c: Int, outputLength lo: Int) -> Tensor {
        let xd = x.data, y = output.data, p = poolSize, s = strides
        Parallel.forRanges(n) { range in
            for sample in range {
                for j in 0..<lo {
                    let out = y + (sample * lo + j) * c, window = xd + (sample * l + j * s) * c
                    out.update(from: window, count: c)
                    for tap in 1..<Swift.max(p, 1) {
                        let row = window + tap * c
                        for ch in 0..<c { let v = row[ch], best = out[ch]; out[ch] = v > best ? v : best }
                    }
                }
            }
        }
        return output
    }

    /// The max and argmax over `taps` rows of `channels` values (rows `channels` apart).
    ///
    /// Each tap is one pass over the channels from a running (max, argmax) row
    /// into another, alternating between two scratch rows and ending in the
    /// output. A pass that read and wrote the same row compiled to per-lane
    /// conditional stores; this form vectorizes to compares and selects.
    @inline(__always)
    private static func poolWindow(_ x: UnsafePointer<Float>, start: Int32, taps: Int, channels c: Int,
                                   into y: UnsafeMutablePointer<Float>, argmax a: UnsafeMutablePointer<Int32>,
                                   scratch: [(UnsafeMutablePointer<Float>, UnsafeMutablePointer<Int32>)]) {
        if taps <= 1 {
            for ch in 0..<c { y[ch] = x[ch]; a[ch] = start &+ Int32(truncatingIfNeeded: ch) }
            return
        }
        if taps == 3 {
            // The common window in one pass from registers (a second pass through a scratch row did not vectorize).
            let x1 = x + c, x2 = x + 2 * c, i1 = start &+ Int32(truncatingIfNeeded: c), i2 = start &+ Int32(truncatingIfNeeded: 2 * c)
            for ch in 0..<c {
                let v0 = x[ch], v1 = x1[ch], v2 = x2[ch]
                let first = v1 > v0, best01 = first ? v1 : v0, third = v2 > best01
                y[ch] = third ? v2 : best01
                a[ch] = (third ? i2 : (first ? i1 : start)) &+ Int32(truncatingIfNeeded: ch)
            }
            return
        }
        var (dv, di) = taps == 2 ? (y, a) : scratch[0]
        let x1 = x + c, index1 = start &+ Int32(truncatingIfNeeded: c)
        for ch in 0..<c {
            let v = x1[ch], best = x[ch], better = v > best
            dv[ch] = better ? v : best
            di[ch] = (better ? index1 : start) &+ Int32(truncatingIfNeeded: ch)
        }
        for tap in 2..<taps {
            let (cv, ci) = (UnsafePointer(dv), UnsafePointer(di))
            (dv, di) = tap == taps - 1 ? (y, a) : scratch[(tap - 1) % 2]
            let xt = x + tap * c, index = start &+ Int32(truncatingIfNeeded: tap * c)
            for ch in 0..<c {
                let v = xt[ch], best = cv[ch], at = ci[ch], better = v > best
                dv[ch] = better ? v : best
                di[ch] = better ? index &+ Int32(truncatingIfNeeded: ch) : at
            }
        }
    }

    /// dL/dy [N, L', C] → dL/dx [N, L, C], nonzero only at the argmax positions.
    /// Samples in parallel: every argmax of a sample lies in that sample's input.
    public func backward(_ dy: Tensor) -> Tensor {
        inputGradient.resize(to: inputShape)
        let n = inputShape[0], perInput = inputShape.dropFirst().reduce(1, *), perOutput = dy.count / max(n, 1)
        let dx = inputGradient.data, g = dy.data
        argmax.withUnsafeBufferPointer { am in
            Parallel.forRanges(n) { range in
                (dx + range.lowerBound * perInput).update(repeating: 0, count: range.count * perInput)
                for i in (range.lowerBound * perOutput)..<(range.upperBound * perOutput) { dx[Int(am[i])] += g[i] }
            }
        }
        return inputGradient
    }
}
