import TensorCore

/// Keras 2 `CuDNNLSTM(units, return_sequences)`: an LSTM with sigmoid gates and two bias vectors.
///
/// The same computation as `LSTM` with recurrent activation sigmoid, but
/// `bias` is [8U]: an input bias [4U] followed by a recurrent bias [4U], both
/// added to every gate pre-activation, as cuDNN does. So Keras 2's summary
/// counts (526,336 parameters for 256 units on 256 inputs) and weight files
/// match. Init as Keras 2: kernel glorot-uniform, recurrent kernel orthogonal,
/// bias zeros except ones in the recurrent bias's f block (effective forget bias 1).
public final class CuDNNLSTM: Layer {
    public let spec: LayerSpec
    public var name: String
    public private(set) var parameters: [Parameter] = []
    public var isBuilt: Bool { !parameters.isEmpty }
    /// U, the hidden size.
    public let units: Int
    private let recurrence: LSTMRecurrence
    /// The forward of `training: false` (fused, nothing kept for a backward).
    private let inference: LSTMInference
    private let combinedBias = Tensor(shape: [0])
    private let combinedBiasGradient = Tensor(shape: [0])

    /// An unbuilt CuDNNLSTM of `units` hidden units.
    public init(_ units: Int, returnSequences: Bool = false) {
        self.units = units
        spec = .cudnnLSTM(units: units, returnSequences: returnSequences)
        name = spec.namePrefix
        recurrence = LSTMRecurrence(units: units, returnSequences: returnSequences, gate: .sigmoid)
        inference = LSTMInference(units: units, returnSequences: returnSequences, gate: .sigmoid)
    }

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        let d = inputShape[1], u = units
        let kernel = Tensor(shape: [d, 4 * u]), recurrent = Tensor(shape: [u, 4 * u]), bias = Tensor(shape: [8 * u])
        Initializers.glorotUniform(kernel, fanIn: d, fanOut: 4 * u, using: &rng)
        Initializers.orthogonal(recurrent, rows: u, cols: 4 * u, using: &rng)
        (bias.data + 5 * u).update(repeating: 1, count: u)
        parameters = [Parameter(name: "kernel", value: kernel), Parameter(name: "recurrent_kernel", value: recurrent),
                      Parameter(name: "bias", value: bias)]
        combinedBias.resize(to: [4 * u])
        combinedBiasGradient.resize(to: [4 * u])
    }

    /// x [N, T, D] → [N, U] or [N, T, U], with b = b_input + b_recurrent.
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        let b = parameters[2].value.data, g4 = 4 * units
        Kernels.add(b, b + g4, into: combinedBias.data, count: g4)
        if !training {
            return inference.forward(x, kernel: parameters[0].value, recurrent: parameters[1].value, bias: combinedBias.data)
        }
        return recurrence.forward(x, kernel: parameters[0].value, recurrent: parameters[1].value, bias: combinedBias.data)
    }

    /// Backward through time; both bias halves receive the same gradient. Returns dL/dx [N, T, D].
    public func backward(_ dy: Tensor) -> Tensor {
        guard case let .dense(dw) = parameters[0].gradient, case let .dense(dr) = parameters[1].gradient,
              case let .dense(db) = parameters[2].gradient else { preconditionFailure("lstm gradients are dense") }
        combinedBiasGradient.zero()
        let dx = recurrence.backward(dy, kernel: parameters[0].value, recurrent: parameters[1].value,
                                     kernelGradient: dw, recurrentGradient: dr, biasGradient: combinedBiasGradient.data)
        let g4 = 4 * units
        Kernels.add(db.data, combinedBiasGradient.data, into: db.data, count: g4)
        Kernels.add(db.data + g4, combinedBiasGradient.data, into: db.data + g4, count: g4)
        return dx
    }
}
