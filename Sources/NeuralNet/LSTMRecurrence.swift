import TensorCore

/// The LSTM computation shared by `LSTM` and `CuDNNLSTM` (Keras gate order i, f, c, o).
///
/// Per step t, with Z = x_t · W + h_{t−1} · R + b split into four U-wide blocks:
/// i = σ(Z_i), f = σ(Z_f), g = tanh(Z_c), o = σ(Z_o), c_t = f ⊙ c_{t−1} + i ⊙ g,
/// h_t = o ⊙ tanh(c_t); σ is the recurrent activation (sigmoid or hard sigmoid).
///
/// Cost layout (fast path, measured on the seed LSTM, batch 64, T 500, 2 cores):
/// - The batch is cut by its size alone into up to `Parallel.maxBlocks` (2)
///   contiguous slices of at least `minimumSliceRows` samples, which lab's
///   threads take in turn (`Parallel.forPieces`); each walks all T steps for
///   its slice with single-threaded GEMMs and no synchronization. Samples are
///   independent in the recurrence, so only the weight gradients cross slices,
///   and those are summed in slice order: results do not depend on the thread
///   count.
/// - Each step is one GEMM [x_t, h_{t−1}, 1] · [W; R; b] ([m, D+U+1] · [D+U+1, 4U]):
///   the input projection, the recurrence and the bias at once, on operands that
///   stay in L2. Projecting all N·T inputs up front (32000×32 · 32×400 for the
///   seed) ran at ~120 GFLOP/s because its 51 MB output left L3 before use.
/// - One fused vectorized pass per step applies the gates (`LSTMGateKernels`).
/// - Backward keeps one GEMM per step, dZ_t · [W; R; b]ᵀ, which yields dx_t and
///   dh_{t−1} together; [W; R; b]'s gradient is one large GEMM per slice,
///   [x, h, 1]ᵀ · dZ over all its steps (its last row is the bias gradient).
/// Buffers are resized per batch and never allocated inside the time loop.
final class LSTMRecurrence {
    let units: Int
    let returnSequences: Bool
    let gate: RecurrentActivation

    /// [W; R; b] as one [D + U + 1, 4U] matrix, rebuilt by every forward.
    private let stacked = Tensor(shape: [0])
    /// One per slice of the batch.
    private var slices: [Slice] = []
    /// h_t [N, T, U] when returning sequences, else [N, U].
    let output = Tensor(shape: [0])
    /// dL/dx [N, T, D].
    let inputGradient = Tensor(shape: [0])
    private var inputShape: [Int] = []
    /// The slice count of the last forward (backward must cut the batch the same way).
    private var pieces = 1
    /// The fewest samples in a batch slice: a step GEMM of fewer rows runs too
    /// far below OpenBLAS's peak to be worth a thread of its own.
    static let minimumSliceRows = 16

    /// The cached state of one contiguous slice of m samples, time-major so a step's rows are contiguous.
    private final class Slice {
        var samples = 0..<0
        /// Step t's rows [x_t, h_{t−1}, 1] at [t, m, D + U + 1].
        let operands = Tensor(shape: [0])
        /// Z, overwritten by the gate activations, then by dZ in backward [T, m, 4U].
        let gates = Tensor(shape: [0])
        /// c_t and tanh(c_t) [T, m, U].
        let cells = Tensor(shape: [0])
        let cellTanh = Tensor(shape: [0])
        /// dh and dc flowing back through time [m, U], and one step's d[x, h, 1] [m, D + U + 1].
        let hiddenGradient = Tensor(shape: [0])
        let cellGradient = Tensor(shape: [0])
        let operandGradient = Tensor(shape: [0])
        /// This slice's share of d[W; R; b] [D + U + 1, 4U].
        let stackedGradient = Tensor(shape: [0])
        /// U zeros, standing in for c_{−1} and for an absent output gradient.
        let zeros = Tensor(shape: [0])
    }

    init(units: Int, returnSequences: Bool, gate: RecurrentActivation) {
        self.units = units
        self.returnSequences = returnSequences
        self.gate = gate
    }

    /// x [N, T, D] → y [N, T, U] or [N, U], with W [D, 4U], R [U, 4U], b [4U].
    func forward(_ x: Tensor, kernel w: Tensor, recurrent r: Tensor, bias b: UnsafePointer<Float>) -> Tensor {
        let n = x.shape[0], t = x.shape[1], d = x.shape[2], u = units, g4 = 4 * u, k = d + u + 1
        inputShape = x.shape
        stacked.resize(to: [k, g4])
        stacked.data.update(from: w.data, count: d * g4)
        (stacked.data + d * g4).update(from: r.data, count: u * g4)
        (stacked.data + (d + u) * g4).update(from: b, count: g4)
        output.resize(to: returnSequences ? [n, t, u] : [n, u])
        let pieces = Parallel.blockCount(n, minimumSize: LSTMRecurrence.minimumSliceRows)
        self.pieces = pieces
        while slices.count < pieces { slices.append(Slice()) }
        let xd = x.data, y = output.data, wb = stacked.matrix, sequences = returnSequences, act = gate
        Parallel.forPieces(pieces) { p in
            let slice = slices[p]
            let range = Parallel.piece(p, of: pieces, count: n), m = range.count, s0 = range.lowerBound
            slice.samples = range
            slice.operands.resize(to: [t, m, k])
            slice.gates.resize(to: [t, m, g4])
            slice.cells.resize(to: [t, m, u])
            slice.cellTanh.resize(to: [t, m, u])
            let ops = slice.operands.data, z = slice.gates.data, c = slice.cells.data, tc = slice.cellTanh.data
            for i in 0..<m {
                (ops + i * k + d).update(repeating: 0, count: u)
                ops[i * k + d + u] = 1
            }
            for step in 0..<t {
                let rowsNow = ops + step * m * k
                for i in 0..<m {
                    (rowsNow + i * k).update(from: xd + ((s0 + i) * t + step) * d, count: d)
                    if step > 0 { rowsNow[i * k + d + u] = 1 }
                }
                let zt = z + step * m * g4
                GEMM.multiply(MatrixView(UnsafePointer(rowsNow), rows: m, cols: k), .none, wb, .none,
                              into: MutableMatrixView(zt, rows: m, cols: g4))
                for i in 0..<m {
                    let row = step * m + i
                    let h: UnsafeMutablePointer<Float>
                    if step + 1 < t { h = ops + (row + m) * k + d }
                    else { h = sequences ? y + ((s0 + i) * t + step) * u : y + (s0 + i) * u }
                    LSTMGateKernels.forward(zt + i * g4, cellPrevious: step > 0 ? UnsafePointer(c + (row - m) * u) : nil,
                                            cell: c + row * u, cellTanh: tc + row * u, hidden: h, units: u, gate: act)
                    if sequences && step + 1 < t { (y + ((s0 + i) * t + step) * u).update(from: h, count: u) }
                }
            }
        }
        return output
    }

    /// Takes dL/dy, accumulates dW, dR, db and returns dL/dx [N, T, D].
    func backward(_ dy: Tensor, kernel w: Tensor, recurrent r: Tensor,
                  kernelGradient dw: Tensor, recurrentGradient dr: Tensor, biasGradient db: UnsafeMutablePointer<Float>) -> Tensor {
        let t = inputShape[1], d = inputShape[2], u = units, g4 = 4 * u, k = d + u + 1
        let pieces = self.pieces
        inputGradient.resize(to: inputShape)
        let dx = inputGradient.data, dyd = dy.data, wb = stacked.matrix, sequences = returnSequences, act = gate
        Parallel.forPieces(pieces) { p in
            let slice = slices[p]
            let m = slice.samples.count, s0 = slice.samples.lowerBound
            slice.hiddenGradient.resize(to: [m, u]); slice.hiddenGradient.zero()
            slice.cellGradient.resize(to: [m, u]); slice.cellGradient.zero()
            slice.operandGradient.resize(to: [m, k])
            slice.zeros.resize(to: [u]); slice.zeros.zero()
            let z = slice.gates.data, c = slice.cells.data, tc = slice.cellTanh.data
            let dh = slice.hiddenGradient.data, dc = slice.cellGradient.data, dops = slice.operandGradient.data
            let zeros = UnsafePointer(slice.zeros.data)
            for step in stride(from: t - 1, through: 0, by: -1) {
                let zt = z + step * m * g4
                for i in 0..<m {
                    let row = step * m + i, sample = s0 + i
                    let outside: UnsafePointer<Float>? = sequences ? UnsafePointer(dyd + (sample * t + step) * u)
                        : (step == t - 1 ? UnsafePointer(dyd + sample * u) : nil)
                    LSTMGateKernels.backward(zt + i * g4, cellPrevious: step > 0 ? UnsafePointer(c + (row - m) * u) : nil,
                                             cellTanh: tc + row * u, hiddenGradient: dh + i * u, outputGradient: outside,
                                             cellGradient: dc + i * u, units: u, gate: act, zeros: zeros)
                }
                GEMM.multiply(MatrixView(UnsafePointer(zt), rows: m, cols: g4), .none, wb, .transposed,
                              into: slice.operandGradient.mutableMatrix)
                for i in 0..<m {
                    (dx + ((s0 + i) * t + step) * d).update(from: dops + i * k, count: d)
                    (dh + i * u).update(from: dops + i * k + d, count: u)
                }
            }
            slice.stackedGradient.resize(to: [k, g4])
            GEMM.multiply(slice.operands.matrix(rows: t * m), .transposed, slice.gates.matrix(rows: t * m), .none,
                          into: slice.stackedGradient.mutableMatrix)
        }
        for p in 0..<pieces {
            let g = slices[p].stackedGradient.data
            Kernels.add(dw.data, g, into: dw.data, count: d * g4)
            Kernels.add(dr.data, g + d * g4, into: dr.data, count: u * g4)
            Kernels.add(db, g + (d + u) * g4, into: db, count: g4)
        }
        return inputGradient
    }
}
