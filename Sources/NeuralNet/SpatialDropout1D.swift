import TensorCore

/// Keras `SpatialDropout1D(rate)`: drops whole channels of each sample, active only in training.
///
/// Input and output [N, T, C]. In training each sample's channel c is kept with
/// probability 1 − rate for all T steps at once (Keras's noise shape (N, 1, C)),
/// scaled by 1 / (1 − rate); the mask [N, C] is drawn from the passed-in
/// generator, so a seed replays it. In inference x passes through unchanged.
public final class SpatialDropout1D: Layer {
    public let spec: LayerSpec
    public var name: String
    public let parameters: [Parameter] = []
    public private(set) var isBuilt = false
    /// The fraction of channels dropped.
    public let rate: Float

    /// The scaled channel mask [N, C] of the last training forward.
    private let mask = Tensor(shape: [0])
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    /// An unbuilt spatial dropout of `rate` (Keras's fraction of channels to drop).
    public init(_ rate: Float) {
        self.rate = rate
        spec = .spatialDropout1D(rate: rate)
        name = spec.namePrefix
    }

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        isBuilt = true
    }

    /// x [N, T, C] → x ⊙ mask[n, c] in training (mask ∈ {0, 1/(1 − rate)}), x itself in inference.
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        guard training else { return x }
        let n = x.shape[0], t = x.shape[1], c = x.shape[2], keep = 1 - rate, scale = 1 / keep
        BatchShare.fill(mask, rows: n, rowShape: [c]) { target, count in
            for i in 0..<count { target[i] = rng.uniform() < keep ? scale : 0 }
        }
        output.resize(to: x.shape)
        Self.multiplySteps(x, mask: mask, into: output, steps: t, channels: c)
        return output
    }

    /// dL/dy → dL/dx = dL/dy ⊙ mask[n, c] (after a training forward).
    public func backward(_ dy: Tensor) -> Tensor {
        inputGradient.resize(to: dy.shape)
        Self.multiplySteps(dy, mask: mask, into: inputGradient, steps: dy.shape[1], channels: dy.shape[2])
        return inputGradient
    }

    private static func multiplySteps(_ x: Tensor, mask: Tensor, into y: Tensor, steps t: Int, channels c: Int) {
        for i in 0..<x.shape[0] {
            for step in 0..<t {
                let at = (i * t + step) * c
                Kernels.multiply(x.data + at, mask.data + i * c, into: y.data + at, count: c)
            }
        }
    }
}
