import TensorCore

/// The LSTM of `LSTMRecurrence` with a recurrent dropout mask, one step at a time over the whole batch.
///
/// Per step Z = x_t · W + (h_{t−1} ⊙ m_r) · R + b, then the same gates as
/// `LSTMRecurrence` (`LSTMGateKernels`); the carried h and c are never masked.
/// Used only while a training batch has a recurrent mask (Keras's
/// `recurrent_dropout`): the fused fast path cannot mask h_{t−1} inside its
/// [x_t, h_{t−1}, 1] operand, and the plain path must stay as it is.
/// Cost: one [N·T, D] · [D, 4U] GEMM for the inputs, then for each slice of m samples
/// (`BatchSlices`) one [m, U] · [U, 4U] GEMM per step forward and one [m, 4U] · [4U, U] backward.
final class LSTMStepRecurrence {
    let units: Int
    let returnSequences: Bool
    let gate: RecurrentActivation

    /// x ⊙ m_x [N, T, D] of the last forward.
    private var input = Tensor(shape: [0])
    /// Z, overwritten by the gate activations, then by dZ [N, T, 4U].
    private let gates = Tensor(shape: [0])
    /// c_t, tanh(c_t), h_t and h_{t−1} ⊙ m_r (zeros at t = 0) [N, T, U].
    private let cells = Tensor(shape: [0])
    private let cellTanh = Tensor(shape: [0])
    private let hidden = Tensor(shape: [0])
    private let maskedHidden = Tensor(shape: [0])
    /// The last h [N, U].
    private let lastHidden = Tensor(shape: [0])
    /// dh and dc flowing back through time [N, U]; U zeros for absent inputs of the gate kernel.
    private let hiddenGradient = Tensor(shape: [0])
    private let cellGradient = Tensor(shape: [0])
    private let zeros = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    init(units: Int, returnSequences: Bool, gate: RecurrentActivation) {
        self.units = units
        self.returnSequences = returnSequences
        self.gate = gate
    }

    /// x [N, T, D] → y [N, T, U] or [N, U], with W [D, 4U], R [U, 4U], b [4U] and the masks' recurrent mask.
    func forward(_ x: Tensor, kernel w: Tensor, recurrent r: Tensor, bias b: UnsafePointer<Float>,
                 masks: RecurrentDropoutMasks) -> Tensor {
        let n = x.shape[0], t = x.shape[1], u = units, g4 = 4 * u
        input = x
        gates.resize(to: [n, t, g4])
        for buffer in [cells, cellTanh, hidden, maskedHidden] { buffer.resize(to: [n, t, u]) }
        Kernels.fill(rows: n * t, with: b, into: gates.data, cols: g4)
        GEMM.multiply(x.matrix(rows: n * t), .none, w.matrix, .none, into: gates.mutableMatrix(rows: n * t), beta: 1)
        let c = cells.data, tc = cellTanh.data, hd = hidden.data
        BatchSlices.forEach(n) { samples in
            for step in 0..<t {
                let hm = maskedHidden.stepRows(step, samples: samples), z = gates.stepRows(step, samples: samples)
                for (i, sample) in samples.enumerated() {
                    let row = hm.base + i * hm.stride
                    if step == 0 { row.update(repeating: 0, count: u) } else { row.update(from: hd + (sample * t + step - 1) * u, count: u) }
                }
                if step > 0 {
                    masks.maskRecurrent(hm.base, samples: samples, units: u, stride: hm.stride)
                    GEMM.multiply(hm.readOnly, .none, r.matrix, .none, into: z, beta: 1)
                }
                for (i, sample) in samples.enumerated() {
                    let at = (sample * t + step) * u
                    LSTMGateKernels.forward(z.base + i * z.stride, cellPrevious: step > 0 ? UnsafePointer(c + at - u) : nil,
                                            cell: c + at, cellTanh: tc + at, hidden: hd + at, units: u, gate: gate)
                }
            }
        }
        if returnSequences { return hidden }
        lastHidden.resize(to: [n, u])
        for i in 0..<n { (lastHidden.data + i * u).update(from: hd + (i * t + t - 1) * u, count: u) }
        return lastHidden
    }

    /// Takes dL/dy, accumulates dW, dR, db and returns dL/d(x ⊙ m_x) [N, T, D].
    func backward(_ dy: Tensor, kernel w: Tensor, recurrent r: Tensor, kernelGradient dw: Tensor, recurrentGradient dr: Tensor,
                  biasGradient db: UnsafeMutablePointer<Float>, masks: RecurrentDropoutMasks) -> Tensor {
        let n = gates.shape[0], t = gates.shape[1], u = units, g4 = 4 * u
        for buffer in [hiddenGradient, cellGradient] { buffer.resize(to: [n, u]); buffer.zero() }
        zeros.resize(to: [u]); zeros.zero()
        let c = cells.data, tc = cellTanh.data, dh = hiddenGradient.data, dc = cellGradient.data
        BatchSlices.forEach(n) { samples in
            let dhm = hiddenGradient.sampleRows(samples)
            for step in stride(from: t - 1, through: 0, by: -1) {
                let z = gates.stepRows(step, samples: samples)
                for (i, sample) in samples.enumerated() {
                    let at = (sample * t + step) * u
                    let outside: UnsafePointer<Float>? = returnSequences ? UnsafePointer(dy.data + at)
                        : (step == t - 1 ? UnsafePointer(dy.data + sample * u) : nil)
                    LSTMGateKernels.backward(z.base + i * z.stride, cellPrevious: step > 0 ? UnsafePointer(c + at - u) : nil,
                                             cellTanh: tc + at, hiddenGradient: dh + sample * u, outputGradient: outside,
                                             cellGradient: dc + sample * u, units: u, gate: gate, zeros: zeros.data)
                }
                if step > 0 {
                    GEMM.multiply(z.readOnly, .none, r.matrix, .transposed, into: dhm)
                    masks.maskRecurrent(dhm.base, samples: samples, units: u, stride: u)
                }
            }
        }
        let rows = n * t, dZ = gates.matrix(rows: rows)
        GEMM.multiply(maskedHidden.matrix(rows: rows), .transposed, dZ, .none, into: dr.mutableMatrix, beta: 1)
        GEMM.multiply(input.matrix(rows: rows), .transposed, dZ, .none, into: dw.mutableMatrix, beta: 1)
        Kernels.sumRows(gates.data, rows: rows, cols: g4, into: db, accumulate: true)
        inputGradient.resize(to: input.shape)
        GEMM.multiply(dZ, .none, w.matrix, .transposed, into: inputGradient.mutableMatrix(rows: rows))
        return inputGradient
    }
}
