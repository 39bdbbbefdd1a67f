import TensorCore

/// Keras `GRU(units, return_sequences, recurrent_activation, reset_after, dropout, recurrent_dropout)`.
///
/// Gate blocks z, r, h along the columns; σ is the recurrent activation, x is
/// already times its input mask m_x and h̃ = h_{t−1} ⊙ m_r (see
/// `RecurrentDropoutMasks`; ones outside training). With P = x_t · W + b_in:
/// - `resetAfter` (Keras 2.3+, tf.keras default): Q = h̃ · R + b_rec,
///   z = σ(P_z + Q_z), r = σ(P_r + Q_r), ĥ = tanh(P_h + r ⊙ Q_h);
///   `bias` [2, 3U] holds b_in and b_rec: 3·U·(D + U) + 6·U parameters.
/// - otherwise (Keras 2.2): z = σ(P_z + h̃ · R_z), r = σ(P_r + h̃ · R_r),
///   ĥ = tanh(P_h + (r ⊙ h̃) · R_h); `bias` [3U]: 3·U·(D + U + 1) parameters.
///
/// Then h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ with h_{−1} = 0 (the carried state is
/// never masked). Input [N, T, D]; output [N, U] or [N, T, U] with
/// `returnSequences`. Init as Keras: `kernel` [D, 3U] glorot-uniform,
/// `recurrent_kernel` [U, 3U] orthogonal, biases zeros.
/// Cost: one [N·T, D] · [D, 3U] GEMM for all inputs, then one or two small GEMMs per step
/// for each slice of the batch (`BatchSlices`), and three weight-gradient GEMMs over all N·T rows.
public final class GRU: Layer {
    public let spec: LayerSpec
    public var name: String
    public private(set) var parameters: [Parameter] = []
    public var isBuilt: Bool { !parameters.isEmpty }
    /// U, the hidden size.
    public let units: Int
    /// Keras 2.3's `reset_after`: the reset gate multiplies h̃ · R_h rather than h̃.
    public let resetAfter: Bool
    private let returnSequences: Bool
    private let gate: RecurrentActivation
    private let masks: RecurrentDropoutMasks
    /// The forward of `training: false` with `resetAfter` (fused, nothing kept for a backward).
    private let inference: GRUInference

    /// x ⊙ m_x [N, T, D] (x itself without input dropout).
    private var input = Tensor(shape: [0])
    /// P, overwritten by z, r, ĥ [N, T, 3U].
    private let gates = Tensor(shape: [0])
    /// Q: the recurrent projections [N, T, 3U] (with `resetAfter` Q_h feeds backward).
    private let projections = Tensor(shape: [0])
    /// h̃ [N, T, U], zeros at t = 0; and r ⊙ h̃ [N, T, U] without `resetAfter`.
    private let maskedHidden = Tensor(shape: [0])
    private let resetHidden = Tensor(shape: [0])
    /// h_t [N, T, U], and the last h [N, U].
    private let hidden = Tensor(shape: [0])
    private let lastHidden = Tensor(shape: [0])
    /// dL/dP and dL/dQ [N, T, 3U].
    private let gateGradient = Tensor(shape: [0])
    private let projectionGradient = Tensor(shape: [0])
    /// dL/dh_t flowing back through time, and scratch for dL/dh̃ and dL/d(r ⊙ h̃) [N, U].
    private let hiddenGradient = Tensor(shape: [0])
    private let scratch = Tensor(shape: [0])
    private let resetGradient = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    /// U zeros, standing in for h_{−1} and for an absent output gradient.
    private let zeros = Tensor(shape: [0])

    /// An unbuilt GRU of `units` hidden units (Keras 2.3+ `reset_after` by default).
    public init(_ units: Int, returnSequences: Bool = false, recurrentActivation: RecurrentActivation = .sigmoid,
                resetAfter: Bool = true, dropout: RecurrentDropout? = nil) {
        self.units = units
        self.resetAfter = resetAfter
        self.returnSequences = returnSequences
        gate = recurrentActivation
        spec = .gru(units: units, returnSequences: returnSequences, recurrentActivation: recurrentActivation,
                    resetAfter: resetAfter, dropout: dropout)
        name = spec.namePrefix
        masks = RecurrentDropoutMasks(dropout ?? RecurrentDropout())
        inference = GRUInference(units: units, returnSequences: returnSequences, gate: recurrentActivation)
    }

    public func build(inputShape: [Int], using rng: inout RandomGenerator) throws {
        _ = try spec.outputShape(input: inputShape, position: 0)
        let d = inputShape[1], u = units
        let kernel = Tensor(shape: [d, 3 * u]), recurrent = Tensor(shape: [u, 3 * u])
        Initializers.glorotUniform(kernel, fanIn: d, fanOut: 3 * u, using: &rng)
        Initializers.orthogonal(recurrent, rows: u, cols: 3 * u, using: &rng)
        parameters = [Parameter(name: "kernel", value: kernel), Parameter(name: "recurrent_kernel", value: recurrent),
                      Parameter(name: "bias", value: Tensor(shape: resetAfter ? [2, 3 * u] : [3 * u]))]
    }

    /// x [N, T, D] → [N, U] or [N, T, U]; in training caches the masked input, gates, projections
    /// and states for `backward`; at inference with `resetAfter` keeps nothing (`GRUInference`).
    public func forward(_ x: Tensor, training: Bool, using rng: inout RandomGenerator) -> Tensor {
        let n = x.shape[0], t = x.shape[1], d = x.shape[2], u = units, g3 = 3 * u
        let w = parameters[0].value, r = parameters[1].value, b = parameters[2].value.data
        if !training && resetAfter { return inference.forward(x, kernel: w, recurrent: r, bias: b) }
        masks.draw(samples: n, features: d, units: u, training: training, using: &rng)
        input = masks.maskInput(x)
        for buffer in [gates, projections] { buffer.resize(to: [n, t, g3]) }
        for buffer in [maskedHidden, resetHidden, hidden] { buffer.resize(to: [n, t, u]) }
        zeros.resize(to: [u]); zeros.zero()
        let none = UnsafePointer(zeros.data)
        Kernels.fill(rows: n * t, with: b, into: gates.data, cols: g3)
        GEMM.multiply(input.matrix(rows: n * t), .none, w.matrix, .none, into: gates.mutableMatrix(rows: n * t), beta: 1)
        let act = gate
        BatchSlices.forEach(n) { samples in
            let m = samples.count
            for step in 0..<t {
                let hm = maskedHidden.stepRows(step, samples: samples), p = gates.stepRows(step, samples: samples)
                let q = projections.stepRows(step, samples: samples), h = hidden.stepRows(step, samples: samples)
                for i in 0..<m {
                    let row = hm.base + i * hm.stride
                    if step == 0 { row.update(repeating: 0, count: u) } else { row.update(from: h.base + i * h.stride - u, count: u) }
                }
                masks.maskRecurrent(hm.base, samples: samples, units: u, stride: hm.stride)
                let previous = { (i: Int) -> UnsafePointer<Float> in step > 0 ? UnsafePointer(h.base + i * h.stride - u) : none }
                if resetAfter {
                    Kernels.fill(rows: m, with: b + g3, into: q.base, cols: g3, stride: q.stride)
                    if step > 0 { GEMM.multiply(hm.readOnly, .none, r.matrix, .none, into: q, beta: 1) }
                    for i in 0..<m {
                        GRUGateKernels.forwardResetAfter(p.base + i * p.stride, q.base + i * q.stride, previous: previous(i),
                                                         hidden: h.base + i * h.stride, units: u, gate: act)
                    }
                } else {
                    let s = resetHidden.stepRows(step, samples: samples)
                    let qzr = MutableMatrixView(q.base, rows: m, cols: 2 * u, stride: q.stride)
                    let qh = MutableMatrixView(q.base + 2 * u, rows: m, cols: u, stride: q.stride)
                    GEMM.multiply(hm.readOnly, .none, MatrixView(r.data, rows: u, cols: 2 * u, stride: g3), .none, into: qzr)
                    for i in 0..<m {
                        GRUGateKernels.forwardGates(p.base + i * p.stride, q.base + i * q.stride, maskedHidden: hm.base + i * hm.stride,
                                                    resetHidden: s.base + i * s.stride, units: u, gate: act)
                    }
                    GEMM.multiply(s.readOnly, .none, MatrixView(r.data + 2 * u, rows: u, cols: u, stride: g3), .none, into: qh)
                    for i in 0..<m {
                        GRUGateKernels.forwardCandidate(p.base + i * p.stride, q.base + i * q.stride, previous: previous(i),
                                                        hidden: h.base + i * h.stride, units: u)
                    }
                }
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
              case let .dense(db) = parameters[2].gradient else { preconditionFailure("gru gradients are dense") }
        let n = hidden.shape[0], t = hidden.shape[1], u = units, g3 = 3 * u, r = parameters[1].value
        for buffer in [gateGradient, projectionGradient] { buffer.resize(to: [n, t, g3]) }
        for buffer in [hiddenGradient, scratch, resetGradient] { buffer.resize(to: [n, u]) }
        hiddenGradient.zero()
        zeros.resize(to: [u]); zeros.zero()
        let dh = hiddenGradient.data, act = gate, none = UnsafePointer(zeros.data)
        BatchSlices.forEach(n) { samples in
            let m = samples.count, dhm = scratch.sampleRows(samples), ds = resetGradient.sampleRows(samples)
            let dhSlice = dh + samples.lowerBound * u
            for step in stride(from: t - 1, through: 0, by: -1) {
                let a = gates.stepRows(step, samples: samples), q = projections.stepRows(step, samples: samples)
                let h = hidden.stepRows(step, samples: samples), hm = maskedHidden.stepRows(step, samples: samples)
                let dp = gateGradient.stepRows(step, samples: samples), dq = projectionGradient.stepRows(step, samples: samples)
                for (i, sample) in samples.enumerated() {
                    let outside: UnsafePointer<Float> = returnSequences ? UnsafePointer(dy.data + (sample * t + step) * u)
                        : (step == t - 1 ? UnsafePointer(dy.data + sample * u) : none)
                    GRUGateKernels.backward(a.base + i * a.stride, q.base + i * q.stride,
                                            previous: step > 0 ? UnsafePointer(h.base + i * h.stride - u) : none,
                                            hiddenGradient: dhSlice + i * u, outputGradient: outside,
                                            dp: dp.base + i * dp.stride, dq: dq.base + i * dq.stride, units: u, gate: act, resetAfter: resetAfter)
                }
                if resetAfter {
                    GEMM.multiply(dq.readOnly, .none, r.matrix, .transposed, into: dhm)
                } else {
                    // d(r ⊙ h̃) = dQ_h · R_hᵀ gives the reset gate's gradient and part of dh̃.
                    GEMM.multiply(MatrixView(dq.base + 2 * u, rows: m, cols: u, stride: dq.stride), .none,
                                  MatrixView(r.data + 2 * u, rows: u, cols: u, stride: g3), .transposed, into: ds)
                    for i in 0..<m {
                        GRUGateKernels.backwardReset(a.base + i * a.stride, maskedHidden: hm.base + i * hm.stride,
                                                     resetGradient: ds.base + i * u, dp: dp.base + i * dp.stride,
                                                     dq: dq.base + i * dq.stride, units: u, gate: act)
                    }
                    GEMM.multiply(MatrixView(dq.base, rows: m, cols: 2 * u, stride: dq.stride), .none,
                                  MatrixView(r.data, rows: u, cols: 2 * u, stride: g3), .transposed, into: dhm)
                    Kernels.add(dhm.base, ds.base, into: dhm.base, count: m * u)
                }
                masks.maskRecurrent(dhm.base, samples: samples, units: u, stride: u)
                Kernels.add(dhSlice, dhm.base, into: dhSlice, count: m * u)
            }
        }
        let rows = n * t, dP = gateGradient.matrix(rows: rows)
        if resetAfter {
            GEMM.multiply(maskedHidden.matrix(rows: rows), .transposed, projectionGradient.matrix(rows: rows), .none,
                          into: dr.mutableMatrix, beta: 1)
            Kernels.sumRows(projectionGradient.data, rows: rows, cols: g3, into: db.data + g3, accumulate: true)
        } else {
            let dq = projectionGradient.data
            GEMM.multiply(maskedHidden.matrix(rows: rows), .transposed, MatrixView(dq, rows: rows, cols: 2 * u, stride: g3), .none,
                          into: MutableMatrixView(dr.data, rows: u, cols: 2 * u, stride: g3), beta: 1)
            GEMM.multiply(resetHidden.matrix(rows: rows), .transposed, MatrixView(dq + 2 * u, rows: rows, cols: u, stride: g3), .none,
                          into: MutableMatrixView(dr.data + 2 * u, rows: u, cols: u, stride: g3), beta: 1)
        }
        GEMM.multiply(input.matrix(rows: rows), .transposed, dP, .none, into: dw.mutableMatrix, beta: 1)
        Kernels.sumRows(gateGradient.data, rows: rows, cols: g3, into: db.data, accumulate: true)
        inputGradient.resize(to: input.shape)
        GEMM.multiply(dP, .none, parameters[0].value.matrix, .transposed, into: inputGradient.mutableMatrix(rows: rows))
        masks.unmaskInputGradient(inputGradient)
        return inputGradient
    }
}
