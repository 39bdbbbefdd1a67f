import TensorCore

/// Keras `Dropout(rate)`: inverted dropout, active only in training.
///
/// In training each element is kept with probability 1 − rate and scaled by
/// 1 / (1 − rate), drawing from the passed-in generator (so a seed replays
/// the same masks); in inference the input passes through unchanged.
/// Input and output have the same shape; forward caches the scaled mask.
///
/// Fast path: the mask is drawn in chunks of 4096 elements, chunk c from its own
/// stream seeded with (one draw from the passed generator) + c, so chunks run on
/// all threads and the mask does not depend on the thread count. Drawing it
/// serially was 5% of CNN training on one thread, more on two.
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
    private static let chunk = 4096

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
        output.resize(to: x.shape)
        let keep = 1 - rate, scale = 1 / keep, seed = rng.next(), chunk = Dropout.chunk
        let m = mask.data, xd = x.data, y = output.data, count = x.count
        if BatchShare.active != nil {
            // A data-parallel step: the global batch's mask, this process's rows (see `BatchShare`).
            BatchShare.fill(mask, rows: x.shape[0], rowShape: Array(x.shape.dropFirst())) { target, total in
                Parallel.forRanges((total + chunk - 1) / chunk) { chunks in
                    for c in chunks {
                        var stream = RandomGenerator(seed: seed &+ UInt64(c))
                        for i in c * chunk..<Swift.min(c * chunk + chunk, total) { target[i] = stream.uniform() < keep ? scale : 0 }
                    }
                }
            }
            Kernels.multiply(xd, mask.data, into: y, count: count)
            return output
        }
        Parallel.forRanges((count + chunk - 1) / chunk) { chunks in
            for c in chunks {
                var stream = RandomGenerator(seed: seed &+ UInt64(c))
                let lo = c * chunk, hi = Swift.min(lo + chunk, count)
                for i in lo..<hi { m[i] = stream.uniform() < keep ? scale : 0 }
                Kernels.multiply(xd + lo, m + lo, into: y + lo, count: hi - lo)
            }
        }
        return output
    }

    /// dL/dy → dL/dx = dL/dy ⊙ mask (after a training forward).
    public func backward(_ dy: Tensor) -> Tensor {
        inputGradient.resize(to: dy.shape)
        Kernels.multiply(dy.data, mask.data, into: inputGradient.data, count: dy.count)
        return inputGradient
    }
}
