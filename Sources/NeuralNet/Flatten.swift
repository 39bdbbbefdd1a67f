import TensorCore

/// Keras `Flatten()`: every sample's elements in one row.
///
/// Input [N, …], output [N, F] with F the product of the per-sample shape (row-major, as Keras).
public final class Flatten: Layer {
    public let spec = LayerSpec.flatten
    public var name = LayerSpec.flatten.namePrefix
    public let parameters: [Parameter] = []
    public private(set) var isBuilt = false

    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    private var inputShape: [Int] = []

    /// A flatten layer (no arguments).
    public init() {}

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        isBuilt = true
    }

    /// x [N, …] → y [N, F] (a copy).
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        inputShape = x.shape
        output.copy(from: x)
        output.reshape(to: [x.shape[0], x.count / max(x.shape[0], 1)])
        return output
    }

    /// dL/dy [N, F] → dL/dx [N, …].
    public func backward(_ dy: Tensor) -> Tensor {
        inputGradient.copy(from: dy)
        inputGradient.reshape(to: inputShape)
        return inputGradient
    }
}
