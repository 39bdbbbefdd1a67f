import TensorCore

/// The GRU forward for inference (`training: false`) with `resetAfter` (Keras 2.3+):
/// `GRU`'s computation through `RecurrentPanels`. The four blocks of a panel are
/// x·W_z + h·R_z, x·W_r + h·R_r, x·W_h and h·R_h (the last two each zero over the
/// other's rows, a quarter of the products spent on zeros, for one kernel shared with
/// the LSTM), with biases b_z, b_r (input + recurrent), b_in,h and b_rec,h.
final class GRUInference {
    let units: Int
    let returnSequences: Bool
    let gate: RecurrentActivation
    private let panels = RecurrentPanels()
    /// The four bias blocks [4U].
    private let bias = Tensor(shape: [0])
    /// h_t [N, T, U] when returning sequences, else [N, U].
    let output = Tensor(shape: [0])

    init(units: Int, returnSequences: Bool, gate: RecurrentActivation) {
        self.units = units
        self.returnSequences = returnSequences
        self.gate = gate
    }

    /// x [N, T, D] → y [N, T, U] or [N, U], with W [D, 3U], R [U, 3U], b [2, 3U] (input, recurrent).
    func forward(_ x: Tensor, kernel w: Tensor, recurrent r: Tensor, bias b: UnsafePointer<Float>) -> Tensor {
        let d = x.shape[2], u = units, g3 = 3 * u, wd = UnsafePointer(w.data), rd = UnsafePointer(r.data)
        bias.resize(to: [4 * u])
        Kernels.add(b, b + g3, into: bias.data, count: 2 * u)
        (bias.data + 2 * u).update(from: b + 2 * u, count: u)
        (bias.data + 3 * u).update(from: b + g3 + 2 * u, count: u)
        panels.pack(inputs: d, units: u, bias: bias.data) { row, block in
            if row < d { return block < 3 ? wd + row * g3 + block * u : nil }
            return block == 2 ? nil : rd + (row - d) * g3 + (block == 3 ? 2 : block) * u
        }
        switch gate {
        case .sigmoid: run(x) { VectorMath.gateSigmoid($0) }
        case .hardSigmoid: run(x) { VectorMath.hardSigmoid($0) }
        }
        return output
    }

    /// `GRUGateKernels.forwardResetAfter`'s formulas on 8 units at once: z = σ(·), r = σ(·),
    /// ĥ = tanh(P_h + r ⊙ Q_h), h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ.
    @inline(__always)
    private func run(_ x: Tensor, _ act: (PanelKernel.Lanes) -> PanelKernel.Lanes) {
        panels.run(x, into: output, returnSequences: returnSequences) { z, _, previous, _, hidden, count in
            let update = act(PanelKernel.load(z)), reset = act(PanelKernel.load(z + 8))
            let candidate = VectorMath.tanh(PanelKernel.load(z + 16) + reset * PanelKernel.load(z + 24))
            PanelKernel.store(update * PanelKernel.load(previous) + (1 - update) * candidate, hidden, count: count)
        }
    }
}
