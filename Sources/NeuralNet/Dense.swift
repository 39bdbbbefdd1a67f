import TensorCore

/// Keras `Dense(units, activation)`: y = act(x · W + b) on the last axis.
///
/// Input [N, …, D], output [N, …, U] (U = `units`; leading axes fold into
/// rows as Keras 2 does). `kernel` [D, U] is glorot-uniform, `bias` [U] zeros.
/// Forward caches x and y; backward uses y for the activation derivative.
/// As a first layer it also takes sparse rows (`forward(sparse:)`): x · W then touches only the
/// stored columns' rows of W, and backward forms only dW and db (no dL/dx, nothing densified).
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
    /// The sparse batch of the last `forward(sparse:)`, nil after a dense forward.
    private var sparseInput: SparseRows?
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
        sparseInput = nil
        output.resize(to: Array(x.shape.dropLast()) + [units])
        Kernels.fill(rows: rows, with: b.data, into: output.data, cols: units)
        GEMM.multiply(x.matrix(rows: rows), .none, w.matrix, .none, into: output.mutableMatrix(rows: rows), beta: 1)
        activation.forward(output.data, into: output.data, rows: rows, cols: units)
        return output
    }

    /// Sparse x [N, D] (CSR) → y [N, U]; caches x (the CSR rows) and y.
    /// - Precondition: built for D = `x.columnCount`.
    public func forward(sparse x: SparseRows, training: Bool) -> Tensor {
        let w = parameters[0].value, b = parameters[1].value
        sparseInput = x
        output.resize(to: [x.rowCount, units])
        Kernels.fill(rows: x.rowCount, with: b.data, into: output.data, cols: units)
        x.multiply(w, accumulatingInto: output.data)
        activation.forward(output.data, into: output.data, rows: x.rowCount, cols: units)
        return output
    }

    /// Takes dL/dy [N, …, U], returns dL/dx [N, …, D] (an empty tensor after a sparse forward).
    public func backward(_ dy: Tensor) -> Tensor {
        preActivationGradient.copy(from: dy)
        activation.backward(output: output.data, gradient: preActivationGradient.data, rows: dy.count / units, cols: units)
        return backward(preActivationGradient: preActivationGradient)
    }

    /// Backward from dL/dz, z = x · W + b, skipping the activation (losses fused with
    /// a final sigmoid or softmax call this with p − y). After a sparse forward only dW and db
    /// are formed and the returned dL/dx is empty.
    public func backward(preActivationGradient dz: Tensor) -> Tensor {
        let w = parameters[0].value
        let rows = dz.count / units
        guard case let .dense(dw) = parameters[0].gradient, case let .dense(db) = parameters[1].gradient else {
            preconditionFailure("dense gradients are dense")
        }
        Kernels.sumRows(dz.data, rows: rows, cols: units, into: db.data, accumulate: true)
        if let sparse = sparseInput {
            // A sparse input is the model's input: nothing upstream needs dL/dx.
            sparse.transposedMultiply(dz.data, units: units, accumulatingInto: dw)
            inputGradient.resize(to: [0])
            return inputGradient
        }
        GEMM.multiply(input.matrix(rows: rows), .transposed, dz.matrix(rows: rows), .none, into: dw.mutableMatrix, beta: 1)
        inputGradient.resize(to: input.shape)
        GEMM.multiply(dz.matrix(rows: rows), .none, w.matrix, .transposed, into: inputGradient.mutableMatrix(rows: rows))
        return inputGradient
    }
}
