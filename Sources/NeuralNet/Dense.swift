import TensorCore

/// Keras `Dense(units, activation)`: y = act(x · W + b) on the last axis.
///
/// Input [N, …, D], output [N, …, U] (U = `units`; leading axes fold into
/// rows as Keras 2 does). `kernel` [D, U] is glorot-uniform, `bias` [U] zeros.
/// Forward caches x and y; backward uses y for the activation derivative.
public final class Dense: Layer {
    public let spec: LayerSpec
    public var name: String
    public private(set) var parameters: [Parameter] = []
    public var isBuilt: Bool { !parameters.isEmpty }
    /// U, the output width.
    public let units: Int
    /// The activation applied to x · W + b.
    public let activation: Activation

    private var input = Tensor(shape: [0])
    private let output = Tensor(shape: [0])
    private let preActivationGradient = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    /// An unbuilt dense layer of `units` outputs.
    public init(_ units: Int, activation: Activation = .linear) {
        self.units = units
        self.activation = activation
        spec = .dense(units: units, activation: activation)
        name = spec.namePrefix
    }

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        let d = inputShape.last!
        let kernel = Tensor(shape: [d, units])
        Initializers.glorotUniform(kernel, fanIn: d, fanOut: units, using: &rng)
        parameters = [Parameter(name: "kernel", value: kernel), Parameter(name: "bias", value: Tensor(shape: [units]))]
    }

    /// x [N, …, D] → y [N, …, U]; caches x (by reference) and y.
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        let w = parameters[0].value, b = parameters[1].value
        let rows = x.count / w.shape[0]
        input = x
        output.resize(to: Array(x.shape.dropLast()) + [units])
        Kernels.fill(rows: rows, with: b.data, into: output.data, cols: units)
        GEMM.multiply(x.matrix(rows: rows), .none, w.matrix, .none, into: output.mutableMatrix(rows: rows), beta: 1)
        activation.forward(output.data, into: output.data, rows: rows, cols: units)
        return output
    }

    /// Takes dL/dy [N, …, U], returns dL/dx [N, …, D].
    public func backward(_ dy: Tensor) -> Tensor {
        preActivationGradient.copy(from: dy)
        activation.backward(output: output.data, gradient: preActivationGradient.data, rows: dy.count / units, cols: units)
        return backward(preActivationGradient: preActivationGradient)
    }

    /// Backward from dL/dz, z = x · W + b, skipping the activation (losses fused with
    /// a final sigmoid or softmax call this with p − y).
    public func backward(preActivationGradient dz: Tensor) -> Tensor {
        let w = parameters[0].value
        let rows = dz.count / units
        guard case let .dense(dw) = parameters[0].gradient, case let .dense(db) = parameters[1].gradient else {
            preconditionFailure("dense gradients are dense")
        }
        GEMM.multiply(input.matrix(rows: rows), .transposed, dz.matrix(rows: rows), .none, into: dw.mutableMatrix, beta: 1)
        Kernels.sumRows(dz.data, rows: rows, cols: units, into: db.data, accumulate: true)
        inputGradient.resize(to: input.shape)
        GEMM.multiply(dz.matrix(rows: rows), .none, w.matrix, .transposed, into: inputGradient.mutableMatrix(rows: rows))
        return inputGradient
    }
}
