import TensorCore

/// Keras `LSTM(units, return_sequences, recurrent_activation)`.
///
/// Input [N, T, D]; output [N, U] (last h), or [N, T, U] with `returnSequences`.
/// Parameters in Keras layout, gate blocks i, f, c, o along the columns:
/// `kernel` [D, 4U] glorot-uniform, `recurrent_kernel` [U, 4U] orthogonal,
/// `bias` [4U] zeros with ones in the f block (`unit_forget_bias`).
/// Activation tanh; recurrent activation sigmoid (Keras ≥ 2.3) or hard sigmoid (Keras ≤ 2.2).
/// See `LSTMRecurrence` for the computation and its cost.
public final class LSTM: Layer {
    public let spec: LayerSpec
    public var name: String
    public private(set) var parameters: [Parameter] = []
    public var isBuilt: Bool { !parameters.isEmpty }
    /// U, the hidden size.
    public let units: Int
    private let recurrence: LSTMRecurrence

    /// An unbuilt LSTM of `units` hidden units.
    public init(_ units: Int, returnSequences: Bool = false, recurrentActivation: RecurrentActivation = .sigmoid) {
        self.units = units
        spec = .lstm(units: units, returnSequences: returnSequences, recurrentActivation: recurrentActivation)
        name = spec.namePrefix
        recurrence = LSTMRecurrence(units: units, returnSequences: returnSequences, gate: recurrentActivation)
    }

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        let d = inputShape[1], u = units
        let kernel = Tensor(shape: [d, 4 * u]), recurrent = Tensor(shape: [u, 4 * u]), bias = Tensor(shape: [4 * u])
        Initializers.glorotUniform(kernel, fanIn: d, fanOut: 4 * u, using: &rng)
        Initializers.orthogonal(recurrent, rows: u, cols: 4 * u, using: &rng)
        (bias.data + u).update(repeating: 1, count: u)
        parameters = [Parameter(name: "kernel", value: kernel), Parameter(name: "recurrent_kernel", value: recurrent),
                      Parameter(name: "bias", value: bias)]
    }

    /// x [N, T, D] → [N, U] or [N, T, U]; caches gates, cells and hidden states.
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        recurrence.forward(x, kernel: parameters[0].value, recurrent: parameters[1].value, bias: parameters[2].value.data)
    }

    /// Backward through time from dL/dy; returns dL/dx [N, T, D].
    public func backward(_ dy: Tensor) -> Tensor {
        guard case let .dense(dw) = parameters[0].gradient, case let .dense(dr) = parameters[1].gradient,
              case let .dense(db) = parameters[2].gradient else { preconditionFailure("lstm gradients are dense") }
        return recurrence.backward(dy, kernel: parameters[0].value, recurrent: parameters[1].value,
                                   kernelGradient: dw, recurrentGradient: dr, biasGradient: db.data)
    }
}
