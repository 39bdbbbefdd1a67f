import TensorCore

/// Keras `MaxPooling1D(pool_size, strides)` with `valid` padding.
///
/// Input [N, L, C], output [N, L', C] with L' = ⌊(L − p) / s⌋ + 1 and s = p by
/// default. Forward keeps, for every output element, the flat input index of
/// its maximum (the first on ties); backward routes dy there.
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
        if argmax.count < output.count { argmax = [Int32](repeating: 0, count: output.count) }
        let xd = x.data, y = output.data, p = poolSize, s = strides
        argmax.withUnsafeMutableBufferPointer { am in
            let amp = am.baseAddress!
            Parallel.forRanges(n) { range in
                for sample in range {
                    for j in 0..<lo {
                        let o = (sample * lo + j) * c
                        let first = (sample * l + j * s) * c
                        for ch in 0..<c {
                            var best = first + ch
                            for tap in 1..<max(p, 1) where xd[first + tap * c + ch] > xd[best] { best = first + tap * c + ch }
                            y[o + ch] = xd[best]
                            amp[o + ch] = Int32(best)
                        }
                    }
                }
            }
        }
        return output
    }

    /// dL/dy [N, L', C] → dL/dx [N, L, C], nonzero only at the argmax positions.
    public func backward(_ dy: Tensor) -> Tensor {
        inputGradient.resize(to: inputShape)
        inputGradient.zero()
        for i in 0..<dy.count { inputGradient.data[Int(argmax[i])] += dy.data[i] }
        return inputGradient
    }
}
