import TensorCore

/// Keras `Dropout(rate)`: inverted dropout, active only in training.
///
/// In training each element is kept with probability 1 − rate and scaled by
/// 1 / (1 − rate), drawing from the passed-in generator (so a seed replays
/// the same masks); in inference the input passes through unchanged.
/// Input and output have the same shape; forward caches the scaled mask.
public final class Dropout: Layer {
    public let spec: LayerSpec
    public var name: String
    public let parameters: [Parameter] = []
    public private(set) var isBuilt = false
    /// The fraction of elements dropped.
    public let rate: Float

    private let output = Tensor(shape: [0])
    private let mask = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    /// An unbuilt dropout of `rate` (Keras's fraction to drop).
    public init(_ rate: Float) {
        self.rate = rate
        spec = .dropout(rate: rate)
        name = spec.namePrefix
    }

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        isBuilt = true
    }

    /// x → x ⊙ mask in training (mask ∈ {0, 1/(1 − rate)}), x itself in inference.
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        guard training else { return x }
        mask.resize(to: x.shape)
        let keep = 1 - rate, scale = 1 / keep
        for i in 0..<mask.count { mask.data[i] = rng.uniform() < keep ? scale : 0 }
        output.resize(to: x.shape)
        Kernels.multiply(x.data, mask.data, into: output.data, count: x.count)
        return output
    }

    /// dL/dy → dL/dx = dL/dy ⊙ mask (after a training forward).
    public func backward(_ dy: Tensor) -> Tensor {
        inputGradient.resize(to: dy.shape)
        Kernels.multiply(dy.data, mask.data, into: inputGradient.data, count: dy.count)
        return inputGradient
    }
}
