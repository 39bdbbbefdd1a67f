import TensorCore

/// Keras `LSTM(units, return_sequences, recurrent_activation, dropout, recurrent_dropout)`.
///
/// Input [N, T, D]; output [N, U] (last h), or [N, T, U] with `returnSequences`.
/// Parameters in Keras layout, gate blocks i, f, c, o along the columns:
/// `kernel` [D, 4U] glorot-uniform, `recurrent_kernel` [U, 4U] orthogonal,
/// `bias` [4U] zeros with ones in the f block (`unit_forget_bias`).
/// Activation tanh; recurrent activation sigmoid (Keras ≥ 2.3) or hard sigmoid (Keras ≤ 2.2).
/// See `LSTMRecurrence` for the computation and its cost. With `dropout` the
/// inputs are multiplied by a per-sequence mask before that same recurrence; a
/// training batch with `recurrent_dropout` runs `LSTMStepRecurrence` instead,
/// which masks h_{t−1} before R (see `RecurrentDropoutMasks`).
public final class LSTM: Layer {
    public let spec: LayerSpec
    public var name: String
    public private(set) var parameters: [Parameter] = []
    public var isBuilt: Bool { !parameters.isEmpty }
    /// U, the hidden size.
    public let units: Int
    private let recurrence: LSTMRecurrence
    /// The forward of `training: false` (fused, nothing kept for a backward).
    private let inference: LSTMInference
    /// Present only with dropout: the masks and the masked-recurrence path.
    private let masks: RecurrentDropoutMasks?
    private let stepRecurrence: LSTMStepRecurrence?
    /// Whether the last forward ran `stepRecurrence` (backward must take the same path).
    private var lastForwardMasked = false

    /// An unbuilt LSTM of `units` hidden units.
    public init(_ units: Int, returnSequences: Bool = false, recurrentActivation: RecurrentActivation = .sigmoid,
                dropout: RecurrentDropout? = nil) {
        self.units = units
        spec = .lstm(units: units, returnSequences: returnSequences, recurrentActivation: recurrentActivation, dropout: dropout)
        name = spec.namePrefix
        recurrence = LSTMRecurrence(units: units, returnSequences: returnSequences, gate: recurrentActivation)
        inference = LSTMInference(units: units, returnSequences: returnSequences, gate: recurrentActivation)
        masks = dropout.map(RecurrentDropoutMasks.init)
        stepRecurrence = dropout.map { _ in LSTMStepRecurrence(units: units, returnSequences: returnSequences, gate: recurrentActivation) }
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

    /// x [N, T, D] → [N, U] or [N, T, U]; in training caches gates, cells and hidden states
    /// for `backward`, at inference keeps nothing (`LSTMInference`; no dropout applies).
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        let w = parameters[0].value, r = parameters[1].value, b = parameters[2].value.data
        if !training { return inference.forward(x, kernel: w, recurrent: r, bias: b) }
        guard let masks, let stepRecurrence else { return recurrence.forward(x, kernel: w, recurrent: r, bias: b) }
        masks.draw(samples: x.shape[0], features: x.shape[2], units: units, training: training, using: &rng)
        let input = masks.maskInput(x)
        lastForwardMasked = masks.recurrentActive
        if lastForwardMasked { return stepRecurrence.forward(input, kernel: w, recurrent: r, bias: b, masks: masks) }
        return recurrence.forward(input, kernel: w, recurrent: r, bias: b)
    }

    /// Backward through time from dL/dy; returns dL/dx [N, T, D].
    public func backward(_ dy: Tensor) -> Tensor {
        guard case let .dense(dw) = parameters[0].gradient, case let .dense(dr) = parameters[1].gradient,
              case let .dense(db) = parameters[2].gradient else { preconditionFailure("lstm gradients are dense") }
        let w = parameters[0].value, r = parameters[1].value
        guard let masks, let stepRecurrence else {
            return recurrence.backward(dy, kernel: w, recurrent: r, kernelGradient: dw, recurrentGradient: dr, biasGradient: db.data)
        }
        let dx = lastForwardMasked
            ? stepRecurrence.backward(dy, kernel: w, recurrent: r, kernelGradient: dw, recurrentGradient: dr, biasGradient: db.data,
                                      masks: masks)
            : recurrence.backward(dy, kernel: w, recurrent: r, kernelGradient: dw, recurrentGradient: dr, biasGradient: db.data)
        masks.unmaskInputGradient(dx)
        return dx
    }
}
