import TensorCore

/// Keras `SimpleRNN(units, return_sequences, dropout, recurrent_dropout)` with tanh.
///
/// Per step: h_t = tanh(x_t · W + (h_{t−1} ⊙ m_r) · R + b), h_{−1} = 0, with x
/// already multiplied by its input mask m_x (see `RecurrentDropoutMasks`; both
/// masks are ones outside training). Input [N, T, D]; output [N, U] (last h) or
/// [N, T, U]. Parameters in Keras layout: `kernel` [D, U] glorot-uniform,
/// `recurrent_kernel` [U, U] orthogonal, `bias` [U] zeros: U·(D + U + 1) in all.
/// Cost: one [N·T, D] · [D, U] GEMM for all inputs, then per step one [m, U] · [U, U]
/// GEMM for each slice of m samples (`BatchSlices`).
public final class SimpleRNN: Layer {
    public let spec: LayerSpec
    public var name: String
    public private(set) var parameters: [Parameter] = []
    public var isBuilt: Bool { !parameters.isEmpty }
    /// U, the hidden size.
    public let units: Int
    private let returnSequences: Bool
    private let masks: RecurrentDropoutMasks

    /// x ⊙ m_x [N, T, D] (x itself without input dropout).
    private var input = Tensor(shape: [0])
    /// h_t [N, T, U].
    private let hidden = Tensor(shape: [0])
    /// h_{t−1} ⊙ m_r [N, T, U]; zeros at t = 0.
    private let maskedHidden = Tensor(shape: [0])
    /// The last h [N, U] when not returning sequences.
    private let lastHidden = Tensor(shape: [0])
    /// dL/d(pre-activation) [N, T, U].
    private let preActivationGradient = Tensor(shape: [0])
    /// dL/dh_t flowing back through time [N, U].
    private let hiddenGradient = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    /// An unbuilt SimpleRNN of `units` hidden units.
    public init(_ units: Int, returnSequences: Bool = false, dropout: RecurrentDropout? = nil) {
        self.units = units
        self.returnSequences = returnSequences
        spec = .simpleRNN(units: units, returnSequences: returnSequences, dropout: dropout)
        name = spec.namePrefix
        masks = RecurrentDropoutMasks(dropout ?? RecurrentDropout())
    }

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        let d = inputShape[1], u = units
        let kernel = Tensor(shape: [d, u]), recurrent = Tensor(shape: [u, u])
        Initializers.glorotUniform(kernel, fanIn: d, fanOut: u, using: &rng)
        Initializers.orthogonal(recurrent, rows: u, cols: u, using: &rng)
        parameters = [Parameter(name: "kernel", value: kernel), Parameter(name: "recurrent_kernel", value: recurrent),
                      Parameter(name: "bias", value: Tensor(shape: [u]))]
    }

    /// x [N, T, D] → [N, U] or [N, T, U]; caches the masked input, h and h_{t−1} ⊙ m_r.
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        let n = x.shape[0], t = x.shape[1], d = x.shape[2], u = units
        let w = parameters[0].value, r = parameters[1].value, b = parameters[2].value
        masks.draw(samples: n, features: d, units: u, training: training, using: &rng)
        input = masks.maskInput(x)
        hidden.resize(to: [n, t, u])
        maskedHidden.resize(to: [n, t, u])
        Kernels.fill(rows: n * t, with: b.data, into: hidden.data, cols: u)
        GEMM.multiply(input.matrix(rows: n * t), .none, w.matrix, .none, into: hidden.mutableMatrix(rows: n * t), beta: 1)
        BatchSlices.forEach(n) { samples in
            for step in 0..<t {
                let hm = maskedHidden.stepRows(step, samples: samples), h = hidden.stepRows(step, samples: samples)
                for i in 0..<samples.count {
                    let row = hm.base + i * hm.stride
                    if step == 0 { row.update(repeating: 0, count: u) } else { row.update(from: h.base + i * h.stride - u, count: u) }
                }
                if step > 0 {
                    masks.maskRecurrent(hm.base, samples: samples, units: u, stride: hm.stride)
                    GEMM.multiply(hm.readOnly, .none, r.matrix, .none, into: h, beta: 1)
                }
                for i in 0..<samples.count { Kernels.tanh(h.base + i * h.stride, into: h.base + i * h.stride, count: u) }
            }
        }
        if returnSequences { return hidden }
        lastHidden.resize(to: [n, u])
        for i in 0..<n { (lastHidden.data + i * u).update(from: hidden.data + (i * t + t - 1) * u, count: u) }
        return lastHidden
    }

    /// Backward through time from dL/dy; returns dL/dx [N, T, D].
    public func backward(_ dy: Tensor) -> Tensor {
        guard case let .dense(dw) = parameters[0].gradient, case let .dense(dr) = parameters[1].gradient,
              case let .dense(db) = parameters[2].gradient else { preconditionFailure("simple_rnn gradients are dense") }
        let n = hidden.shape[0], t = hidden.shape[1], u = units, r = parameters[1].value
        preActivationGradient.resize(to: [n, t, u])
        hiddenGradient.resize(to: [n, u])
        hiddenGradient.zero()
        let dh = hiddenGradient.data
        BatchSlices.forEach(n) { samples in
            let dhm = hiddenGradient.sampleRows(samples)
            for step in stride(from: t - 1, through: 0, by: -1) {
                let da = preActivationGradient.stepRows(step, samples: samples), h = hidden.stepRows(step, samples: samples)
                for (i, sample) in samples.enumerated() {
                    let outside: UnsafePointer<Float>? = returnSequences ? UnsafePointer(dy.data + (sample * t + step) * u)
                        : (step == t - 1 ? UnsafePointer(dy.data + sample * u) : nil)
                    let ar = da.base + i * da.stride, dhr = dh + sample * u
                    if let outside { Kernels.add(dhr, outside, into: ar, count: u) } else { ar.update(from: dhr, count: u) }
                    Kernels.tanhBackward(output: h.base + i * h.stride, gradient: ar, count: u)
                }
                if step > 0 {
                    GEMM.multiply(da.readOnly, .none, r.matrix, .transposed, into: dhm)
                    masks.maskRecurrent(dhm.base, samples: samples, units: u, stride: u)
                }
            }
        }
        let rows = n * t, dA = preActivationGradient.matrix(rows: rows)
        GEMM.multiply(maskedHidden.matrix(rows: rows), .transposed, dA, .none, into: dr.mutableMatrix, beta: 1)
        GEMM.multiply(input.matrix(rows: rows), .transposed, dA, .none, into: dw.mutableMatrix, beta: 1)
        Kernels.sumRows(preActivationGradient.data, rows: rows, cols: u, into: db.data, accumulate: true)
        inputGradient.resize(to: input.shape)
        GEMM.multiply(dA, .none, parameters[0].value.matrix, .transposed, into: inputGradient.mutableMatrix(rows: rows))
        masks.unmaskInputGradient(inputGradient)
        return inputGradient
    }
}
