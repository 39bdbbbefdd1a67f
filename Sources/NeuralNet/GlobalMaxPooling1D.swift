import TensorCore

/// Keras `GlobalMaxPooling1D()`: the maximum over steps of every feature.
///
/// Input [N, T, C], output [N, C]. Forward keeps the step of each maximum
/// (the first on ties); backward routes dy there.
public final class GlobalMaxPooling1D: Layer {
    public let spec = LayerSpec.globalMaxPooling1D
    public var name = LayerSpec.globalMaxPooling1D.namePrefix
    public let parameters: [Parameter] = []
    public private(set) var isBuilt = false

    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    private var argmax: [Int32] = []
    private var inputShape: [Int] = []

    /// A global max pooling (no arguments).
    public init() {}

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        isBuilt = true
    }

    /// x [N, T, C] → y [N, C]; caches the argmax indices.
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        let n = x.shape[0], t = x.shape[1], c = x.shape[2]
        inputShape = x.shape
        output.resize(to: [n, c])
        argmax.removeAll(keepingCapacity: true)
        for sample in 0..<n {
            for ch in 0..<c {
                var best = sample * t * c + ch
                for step in 1..<max(t, 1) where x.data[(sample * t + step) * c + ch] > x.data[best] {
                    best = (sample * t + step) * c + ch
                }
                output.data[sample * c + ch] = x.data[best]
                argmax.append(Int32(best))
            }
        }
        return output
    }

    /// dL/dy [N, C] → dL/dx [N, T, C].
    public func backward(_ dy: Tensor) -> Tensor {
        inputGradient.resize(to: inputShape)
        inputGradient.zero()
        for i in 0..<dy.count { inputGradient.data[Int(argmax[i])] += dy.data[i] }
        return inputGradient
    }
}
