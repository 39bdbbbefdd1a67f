import TensorCore

/// The LSTM forward for inference (`training: false`) of `LSTM` and `CuDNNLSTM`:
/// `LSTMRecurrence`'s computation through `RecurrentPanels`, gate blocks i, f, c, o of
/// [W; R] in each panel and the cells as each row's state.
final class LSTMInference {
    let units: Int
    let returnSequences: Bool
    let gate: RecurrentActivation
    private let panels = RecurrentPanels()
    /// h_t [N, T, U] when returning sequences, else [N, U].
    let output = Tensor(shape: [0])

    init(units: Int, returnSequences: Bool, gate: RecurrentActivation) {
        self.units = units
        self.returnSequences = returnSequences
        self.gate = gate
    }

    /// x [N, T, D] → y [N, T, U] or [N, U], with W [D, 4U], R [U, 4U], b [4U].
    func forward(_ x: Tensor, kernel w: Tensor, recurrent r: Tensor, bias b: UnsafePointer<Float>) -> Tensor {
        let d = x.shape[2], u = units, wd = UnsafePointer(w.data), rd = UnsafePointer(r.data)
        panels.pack(inputs: d, units: u, bias: b) { row, block in (row < d ? wd + row * 4 * u : rd + (row - d) * 4 * u) + block * u }
        switch gate {
        case .sigmoid: run(x) { VectorMath.gateSigmoid($0) }
        case .hardSigmoid: run(x) { VectorMath.hardSigmoid($0) }
        }
        return output
    }

    /// `LSTMGateKernels.forward`'s formulas on 8 units at once (the same bits):
    /// c_t = f ⊙ c_{t−1} + i ⊙ g (c_{−1} = 0), h_t = o ⊙ tanh(c_t).
    @inline(__always)
    private func run(_ x: Tensor, _ act: (PanelKernel.Lanes) -> PanelKernel.Lanes) {
        panels.run(x, into: output, returnSequences: returnSequences) { z, first, _, cell, hidden, count in
            let i = act(PanelKernel.load(z)), f = act(PanelKernel.load(z + 8))
            let g = VectorMath.tanh(PanelKernel.load(z + 16)), o = act(PanelKernel.load(z + 24))
            let c = first ? i * g : f * PanelKernel.load(cell) + i * g
            PanelKernel.store(c, cell)
            PanelKernel.store(o * VectorMath.tanh(c), hidden, count: count)
        }
    }
}
