import TensorCore

/// The element-wise activations a layer can apply to its output (Keras names).
public enum Activation: String, CaseIterable, Sendable {
    case linear, relu, sigmoid, tanh, softmax

    /// Applies the activation to a `rows` × `cols` matrix (softmax is per row).
    public func forward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        let n = rows * cols
        switch self {
        case .linear: if UnsafePointer(y) != x { y.update(from: x, count: n) }
        case .relu: Kernels.relu(x, into: y, count: n)
        case .sigmoid: Kernels.sigmoid(x, into: y, count: n)
        case .tanh: Kernels.tanh(x, into: y, count: n)
        case .softmax: Kernels.softmaxRows(x, into: y, rows: rows, cols: cols)
        }
    }

    /// Turns the gradient with respect to the output `y` into the gradient with
    /// respect to the pre-activation, in place.
    ///
    /// For softmax this is the full Jacobian product per row:
    /// g ← y ⊙ (g − ⟨g, y⟩).
    public func backward(output y: UnsafePointer<Float>, gradient g: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        let n = rows * cols
        switch self {
        case .linear: break
        case .relu: Kernels.reluBackward(output: y, gradient: g, count: n)
        case .sigmoid: Kernels.sigmoidBackward(output: y, gradient: g, count: n)
        case .tanh: Kernels.tanhBackward(output: y, gradient: g, count: n)
        case .softmax:
            for r in 0..<rows {
                let yr = y + r * cols, gr = g + r * cols
                let d = Reductions.dot(yr, UnsafePointer(gr), count: cols)
                for j in 0..<cols { gr[j] = yr[j] * (gr[j] - d) }
            }
        }
    }
}
