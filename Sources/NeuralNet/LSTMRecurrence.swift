import TensorCore

/// The LSTM computation shared by `LSTM` and `CuDNNLSTM` (Keras gate order i, f, c, o).
///
/// Per step t, with Z = x_t · W + h_{t−1} · R + b split into four U-wide blocks:
/// i = σ(Z_i), f = σ(Z_f), g = tanh(Z_c), o = σ(Z_o), c_t = f ⊙ c_{t−1} + i ⊙ g,
/// h_t = o ⊙ tanh(c_t); σ is the recurrent activation (sigmoid or hard sigmoid).
///
/// Cost layout: x · W for all N·T rows is one GEMM; each step adds h_{t−1} · R
/// with one GEMM over strided views (no copies); one fused vectorized pass per
/// step applies the gates. Backward through time keeps one [N, 4U] GEMM per step
/// for dh_{t−1}, then dW, dR and dx are three large GEMMs over all steps.
/// Buffers are resized per batch and never allocated inside the time loop.
final class LSTMRecurrence {
    let units: Int
    let returnSequences: Bool
    let gate: RecurrentActivation

    /// Z, overwritten by the gate activations [N, T, 4U]; backward overwrites it with dZ.
    private let gates = Tensor(shape: [0])
    /// c_t [N, T, U] and tanh(c_t) [N, T, U].
    private let cells = Tensor(shape: [0])
    private let cellTanh = Tensor(shape: [0])
    /// h_{t−1} [N, T, U] (zero at t = 0), the left operand of dR.
    private let previousHidden = Tensor(shape: [0])
    /// h_t [N, T, U] when returning sequences, else [N, U].
    let output = Tensor(shape: [0])
    private let hiddenGradient = Tensor(shape: [0])
    private let cellGradient = Tensor(shape: [0])
    let inputGradient = Tensor(shape: [0])
    private var input = Tensor(shape: [0])
    /// U zeros, standing in for c_{−1} and for an absent output gradient.
    private let zeroRow = Tensor(shape: [0])

    init(units: Int, returnSequences: Bool, gate: RecurrentActivation) {
        self.units = units
        self.returnSequences = returnSequences
        self.gate = gate
    }

    /// x [N, T, D] → y [N, T, U] or [N, U], with W [D, 4U], R [U, 4U], b [4U].
    func forward(_ x: Tensor, kernel w: Tensor, recurrent r: Tensor, bias b: UnsafePointer<Float>) -> Tensor {
        let n = x.shape[0], t = x.shape[1], u = units, g4 = 4 * u
        input = x
        gates.resize(to: [n, t, g4])
        cells.resize(to: [n, t, u])
        cellTanh.resize(to: [n, t, u])
        previousHidden.resize(to: [n, t, u])
        output.resize(to: returnSequences ? [n, t, u] : [n, u])
        Kernels.fill(rows: n * t, with: b, into: gates.data, cols: g4)
        GEMM.multiply(x.matrix(rows: n * t), .none, w.matrix, .none, into: gates.mutableMatrix(rows: n * t), beta: 1)
        let z = gates.data, c = cells.data, tc = cellTanh.data, hp = previousHidden.data, y = output.data
        let sequences = returnSequences, act = gate
        for step in 0..<t {
            if step > 0 {
                GEMM.multiply(MatrixView(UnsafePointer(hp + step * u), rows: n, cols: u, stride: t * u), .none,
                              r.matrix, .none,
                              into: MutableMatrixView(z + step * g4, rows: n, cols: g4, stride: t * g4), beta: 1)
            }
            Parallel.forRanges(n, grain: max(1, 2048 / u)) { range in
                for s in range {
                    let row = s * t + step
                    let cPrev: UnsafePointer<Float>? = step > 0 ? UnsafePointer(c + (row - 1) * u) : nil
                    let h = sequences ? y + row * u : y + s * u
                    LSTMGateKernels.forward(z + row * g4, cellPrevious: cPrev, cell: c + row * u, cellTanh: tc + row * u,
                                            hidden: h, units: u, gate: act)
                    if step + 1 < t { (hp + (row + 1) * u).update(from: h, count: u) }
                }
            }
            if step == 0 { for s in 0..<n { (hp + s * t * u).update(repeating: 0, count: u) } }
        }
        return output
    }

    /// Takes dL/dy, accumulates dW, dR, db and returns dL/dx [N, T, D].
    func backward(_ dy: Tensor, kernel w: Tensor, recurrent r: Tensor,
                  kernelGradient dw: Tensor, recurrentGradient dr: Tensor, biasGradient db: UnsafeMutablePointer<Float>) -> Tensor {
        let n = gates.shape[0], t = gates.shape[1], u = units, g4 = 4 * u
        hiddenGradient.resize(to: [n, u]); hiddenGradient.zero()
        cellGradient.resize(to: [n, u]); cellGradient.zero()
        let z = gates.data, c = cells.data, tc = cellTanh.data, dh = hiddenGradient.data, dc = cellGradient.data
        let sequences = returnSequences, act = gate
        zeroRow.resize(to: [u]); zeroRow.zero()
        let zeros = UnsafePointer(zeroRow.data)
        for step in stride(from: t - 1, through: 0, by: -1) {
            Parallel.forRanges(n, grain: max(1, 2048 / u)) { range in
                for s in range {
                    let row = s * t + step
                    let outside: UnsafePointer<Float>? = sequences ? UnsafePointer(dy.data + row * u)
                        : (step == t - 1 ? UnsafePointer(dy.data + s * u) : nil)
                    let cPrev: UnsafePointer<Float>? = step > 0 ? UnsafePointer(c + (row - 1) * u) : nil
                    LSTMGateKernels.backward(z + row * g4, cellPrevious: cPrev, cellTanh: tc + row * u,
                                             hiddenGradient: dh + s * u, outputGradient: outside,
                                             cellGradient: dc + s * u, units: u, gate: act, zeros: zeros)
                }
            }
            if step > 0 {
                GEMM.multiply(MatrixView(UnsafePointer(z + step * g4), rows: n, cols: g4, stride: t * g4), .none,
                              r.matrix, .transposed, into: hiddenGradient.mutableMatrix)
            }
        }
        let rows = n * t
        GEMM.multiply(input.matrix(rows: rows), .transposed, gates.matrix(rows: rows), .none, into: dw.mutableMatrix, beta: 1)
        GEMM.multiply(previousHidden.matrix(rows: rows), .transposed, gates.matrix(rows: rows), .none, into: dr.mutableMatrix, beta: 1)
        Kernels.sumRows(gates.data, rows: rows, cols: g4, into: db, accumulate: true)
        inputGradient.resize(to: input.shape)
        GEMM.multiply(gates.matrix(rows: rows), .none, w.matrix, .transposed, into: inputGradient.mutableMatrix(rows: rows))
        return inputGradient
    }
}
