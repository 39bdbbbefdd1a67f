import TensorCore

/// The LSTM forward for inference (`training: false`): the same recurrence as
/// `LSTMRecurrence`, with each step's product and gates fused in one pass and
/// nothing kept for a backward.
///
/// Why: at inference the training path's per-step `GEMM` (m × (D+U+1) · (D+U+1) × 4U)
/// spent as much time in OpenBLAS's packing of the same weights at every step, in
/// zeroing its output and in the separate gate pass over Z in memory as in its
/// kernel; the seed LSTM ran at ~60% of the SGEMM peak. Here:
/// - [W; R] and b are packed once per forward into panels of 8 units × 4 gates
///   ([D+U, 32] each, the gates of a unit in one panel), padded with zero columns;
/// - each step multiplies three rows [x_t, h_{t−1}] at a time by one panel in
///   registers (`LSTMPanelKernel`), starting from the bias, so the panel's
///   Z tile (3 × 32) never leaves L1, and applies the gates to it at once;
/// - h_t goes straight into the next step's operand rows (two buffers in turn).
///
/// Each row's Z is the bias plus the products in order over [x_t, h_{t−1}],
/// whatever rows it shares a tile with, and the gates are `LSTMGateKernels`'s
/// formulas: results do not depend on the thread count or the batch cut, and
/// differ from the training forward only by the GEMM's summation order.
final class LSTMInference {
    let units: Int
    let returnSequences: Bool
    let gate: RecurrentActivation

    /// [W; R] in panels [P, D+U, 32], then b in panels [P, 32], P = ⌈U / 8⌉.
    private let packed = Tensor(shape: [0])
    /// h_t [N, T, U] when returning sequences, else [N, U].
    let output = Tensor(shape: [0])

    init(units: Int, returnSequences: Bool, gate: RecurrentActivation) {
        self.units = units
        self.returnSequences = returnSequences
        self.gate = gate
    }

    /// x [N, T, D] → y [N, T, U] or [N, U], with W [D, 4U], R [U, 4U], b [4U].
    func forward(_ x: Tensor, kernel w: Tensor, recurrent r: Tensor, bias b: UnsafePointer<Float>) -> Tensor {
        let n = x.shape[0], t = x.shape[1], d = x.shape[2], u = units, k = d + u
        let panels = (u + LSTMPanelKernel.unitsPerPanel - 1) / LSTMPanelKernel.unitsPerPanel
        let cellStride = panels * LSTMPanelKernel.unitsPerPanel
        pack(kernel: w.data, recurrent: r.data, bias: b, inputs: d, panels: panels)
        output.resize(to: returnSequences ? [n, t, u] : [n, u])
        guard n > 0 && t > 0 else { output.zero(); return output }
        let pieces = Parallel.blockCount(n, minimumSize: LSTMRecurrence.minimumSliceRows)
        let xd = UnsafePointer(x.data), y = output.data, wp = UnsafePointer(packed.data)
        let biasPanels = wp + panels * k * LSTMPanelKernel.width
        let sequences = returnSequences, act = gate
        Parallel.forPieces(pieces) { p in
            let range = Parallel.piece(p, of: pieces, count: n), m = range.count, s0 = range.lowerBound
            // Two operand buffers [m, D+U] in turn, the cells [m, 8P] (whole panels) and one Z tile.
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * m * k + m * cellStride + LSTMPanelKernel.tileFloats) { scratch in
                let now = scratch.baseAddress!, next = now + m * k, cells = next + m * k, z = cells + m * cellStride
                for i in 0..<m { (now + i * k + d).update(repeating: 0, count: u) }
                var (a, aNext) = (now, next)
                for step in 0..<t {
                    for i in 0..<m { (a + i * k).update(from: xd + ((s0 + i) * t + step) * d, count: d) }
                    let last = step + 1 == t
                    for panel in 0..<panels {
                        let weights = wp + panel * k * LSTMPanelKernel.width, bias = biasPanels + panel * LSTMPanelKernel.width
                        let j0 = panel * LSTMPanelKernel.unitsPerPanel, count = Swift.min(LSTMPanelKernel.unitsPerPanel, u - j0)
                        var i = 0
                        while i < m {
                            let rows = Swift.min(LSTMPanelKernel.rowsPerTile, m - i)
                            LSTMPanelKernel.multiply(rows: rows, a + i * k, stride: k, depth: k, panel: weights, bias: bias, into: z)
                            for row in 0..<rows {
                                let sample = s0 + i + row
                                let h = last ? (sequences ? y + (sample * t + step) * u : y + sample * u) + j0
                                    : aNext + (i + row) * k + d + j0
                                LSTMPanelKernel.gates(z + row * LSTMPanelKernel.width, first: step == 0,
                                                      cell: cells + (i + row) * cellStride + j0, hidden: h, count: count, gate: act)
                                if sequences && !last { (y + (sample * t + step) * u + j0).update(from: h, count: count) }
                            }
                            i += rows
                        }
                    }
                    swap(&a, &aNext)
                }
            }
        }
        return output
    }

    /// Packs [W; R] and b into `packed`'s panels: column 8g + l of panel p is gate g of unit 8p + l.
    private func pack(kernel w: UnsafePointer<Float>, recurrent r: UnsafePointer<Float>, bias b: UnsafePointer<Float>,
                      inputs d: Int, panels: Int) {
        let u = units, k = d + u, width = LSTMPanelKernel.width, per = LSTMPanelKernel.unitsPerPanel
        packed.resize(to: [panels * (k + 1) * width])
        packed.zero()
        let out = packed.data
        for panel in 0..<panels {
            let j0 = panel * per, count = Swift.min(per, u - j0)
            for gate in 0..<4 {
                for row in 0..<k {
                    let source = row < d ? w + row * 4 * u : r + (row - d) * 4 * u
                    (out + (panel * k + row) * width + gate * per).update(from: source + gate * u + j0, count: count)
                }
                (out + (panels * k + panel) * width + gate * per).update(from: b + gate * u + j0, count: count)
            }
        }
    }
}
