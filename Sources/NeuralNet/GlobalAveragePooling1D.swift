import TensorCore

/// Keras `GlobalAveragePooling1D()`: the mean over steps of every feature.
///
/// Input [N, T, C], output [N, C]; backward spreads dy / T over the steps.
public final class GlobalAveragePooling1D: Layer {
    public let spec = LayerSpec.globalAveragePooling1D
    public var name = LayerSpec.globalAveragePooling1D.namePrefix
    public let parameters: [Parameter] = []
    public private(set) var isBuilt = false

    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    private var inputShape: [Int] = []

    /// A global average pooling (no arguments).
    public init() {}

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        isBuilt = true
    }

    /// x [N, T, C] → y [N, C].
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        let n = x.shape[0], t = x.shape[1], c = x.shape[2]
        inputShape = x.shape
        output.resize(to: [n, c])
        for sample in 0..<n {
            let y = output.data + sample * c
            Kernels.sumRows(x.data + sample * t * c, rows: t, cols: c, into: y)
            Kernels.scale(y, by: 1 / Float(t), count: c)
        }
        return output
    }

    /// dL/dy [N, C] → dL/dx [N, T, C] = dy / T at every step.
    public func backward(_ dy: Tensor) -> Tensor {
        let n = inputShape[0], t = inputShape[1], c = inputShape[2]
        inputGradient.resize(to: inputShape)
        for sample in 0..<n {
            for step in 0..<t {
                let dst = inputGradient.data + (sample * t + step) * c
                dst.update(from: dy.data + sample * c, count: c)
                Kernels.scale(dst, by: 1 / Float(t), count: c)
            }
        }
        return inputGradient
    }
}
