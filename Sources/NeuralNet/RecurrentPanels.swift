import TensorCore

/// The inference forward (`training: false`) shared by `LSTM`, `CuDNNLSTM` and `GRU`:
/// each step's product and gates fused in one pass, nothing kept for a backward.
///
/// Why: the training path's per-step `GEMM` (m × (D+U+1) · (D+U+1) × 4U) has OpenBLAS
/// pack the same weights again at every step and zero its output, and its gate pass reads
/// Z back from memory; inference needs none of the cached values. Measured on the seed
/// LSTM at 1 thread, alternating with the training path: 800–1,000 → 910–1,160 samples/s;
/// the seed GRU at 2 threads: 1,450–1,750 → 2,170–2,390. Here:
/// - the layer packs its weights once per forward into panels of 8 units × 4 gate
///   blocks ([D+U, 32] each, the blocks of a unit in one panel, zero-padded), and
///   the four blocks' biases ([P, 32]) after them (`pack`);
/// - each step multiplies three rows [x_t, h_{t−1}] at a time by one panel in
///   registers (`PanelKernel`), starting from the bias, so the panel's Z tile
///   (3 × 32) stays in L1, and the layer's gate function turns each tile row into
///   h_t for those 8 units at once;
/// - h_t goes straight into the next step's operand rows (two buffers in turn).
///
/// Each row's Z is the bias plus the products in order over [x_t, h_{t−1}],
/// whatever rows it shares a tile with, and the batch is cut by its size alone
/// (`Parallel.blockCount`): results do not depend on the thread count or the
/// batch, and differ from the training forward only by the GEMM's summation order.
final class RecurrentPanels {
    /// Panels [P, D+U, 32], then biases [P, 32].
    private let packed = Tensor(shape: [0])
    private var inputs = 0, units = 0

    /// P, the panels for U units.
    var panels: Int { (units + PanelKernel.unitsPerPanel - 1) / PanelKernel.unitsPerPanel }

    /// Packs the weights for D inputs and U units: row k, block g of the panel of units
    /// 8p ..< 8p + 8 is `source(k, g)` (a row of at least U floats from which units 8p… are
    /// read; nil for zeros), and bias block g is `bias + g · U` (so `bias` holds [4U]).
    func pack(inputs d: Int, units u: Int, bias: UnsafePointer<Float>, source: (Int, Int) -> UnsafePointer<Float>?) {
        inputs = d
        units = u
        let k = d + u, width = PanelKernel.width, per = PanelKernel.unitsPerPanel, panels = panels
        packed.resize(to: [panels * (k + 1) * width])
        packed.zero()
        let out = packed.data
        for panel in 0..<panels {
            let j0 = panel * per, count = Swift.min(per, u - j0)
            for block in 0..<4 {
                for row in 0..<k {
                    guard let row0 = source(row, block) else { continue }
                    (out + (panel * k + row) * width + block * per).update(from: row0 + j0, count: count)
                }
                (out + (panels * k + panel) * width + block * per).update(from: bias + block * u + j0, count: count)
            }
        }
    }

    /// Runs the recurrence over x [N, T, D] into `output` ([N, T, U] with `returnSequences`, else
    /// [N, U]), with the weights of the last `pack`.
    ///
    /// `gates(z, first, previous, state, hidden, count)` turns one tile row z [32] into h_t for
    /// 8 units: `previous` is h_{t−1} there (zeros at the first step; 8 readable floats),
    /// `state` 8 floats of this row's own state (an LSTM's cells, [N, 8P] per slice),
    /// `hidden` where h_t's first `count` floats go. Callers pick their gate activation
    /// outside `run`, one specialized pass per activation: a `switch` on it inside `gates`
    /// ran ~10% slower (seed LSTM at 1 thread, 1,034–1,178 → 934–987 samples/s).
    @inline(__always)
    func run(_ x: Tensor, into output: Tensor, returnSequences: Bool,
             gates: (UnsafePointer<Float>, Bool, UnsafePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) {
        let n = x.shape[0], t = x.shape[1], d = inputs, u = units, k = d + u, panels = panels
        precondition(x.shape[2] == d, "packed for \(d) inputs")
        output.resize(to: returnSequences ? [n, t, u] : [n, u])
        guard n > 0 && t > 0 else { output.zero(); return }
        let width = PanelKernel.width, per = PanelKernel.unitsPerPanel, stateStride = panels * per
        let pieces = Parallel.blockCount(n, minimumSize: LSTMRecurrence.minimumSliceRows)
        let xd = UnsafePointer(x.data), y = output.data, wp = UnsafePointer(packed.data), biases = wp + panels * k * width
        Parallel.forPieces(pieces) { p in
            let range = Parallel.piece(p, of: pieces, count: n), m = range.count, s0 = range.lowerBound
            // Two operand buffers [m, D+U] in turn, the states [m, 8P], one Z tile, and 8 floats
            // so that the last row's `previous` can be read as a whole panel.
            let capacity = 2 * m * k + m * stateStride + PanelKernel.tileFloats + per
            withUnsafeTemporaryAllocation(of: Float.self, capacity: capacity) { scratch in
                let start = scratch.baseAddress!
                start.initialize(repeating: 0, count: capacity)
                let states = start + 2 * m * k, z = states + m * stateStride
                var (a, aNext) = (start, start + m * k)
                for step in 0..<t {
                    for i in 0..<m { (a + i * k).update(from: xd + ((s0 + i) * t + step) * d, count: d) }
                    let last = step + 1 == t
                    for panel in 0..<panels {
                        let weights = wp + panel * k * width, bias = biases + panel * width
                        let j0 = panel * per, count = Swift.min(per, u - j0)
                        var i = 0
                        while i < m {
                            let rows = Swift.min(PanelKernel.rowsPerTile, m - i)
                            PanelKernel.multiply(rows: rows, a + i * k, stride: k, depth: k, panel: weights, bias: bias, into: z)
                            for row in 0..<rows {
                                let sample = s0 + i + row, here = outputOffset(sample, step, t, u, returnSequences)
                                let h = last ? y + here + j0 : aNext + (i + row) * k + d + j0
                                gates(z + row * width, step == 0, a + (i + row) * k + d + j0,
                                      states + (i + row) * stateStride + j0, h, count)
                                if returnSequences && !last { (y + here + j0).update(from: h, count: count) }
                            }
                            i += rows
                        }
                    }
                    swap(&a, &aNext)
                }
            }
        }
    }

    /// Where sample s's h_t starts in the output: [N, T, U] or [N, U].
    @inline(__always)
    private func outputOffset(_ s: Int, _ step: Int, _ t: Int, _ u: Int, _ sequences: Bool) -> Int {
        sequences ? (s * t + step) * u : s * u
    }
}
