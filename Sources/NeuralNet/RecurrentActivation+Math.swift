import TensorCore

extension RecurrentActivation {
    /// The gate activation of one pre-activation (the same scalar forms the fast LSTM uses).
    @inline(__always) func apply(_ x: Float) -> Float {
        switch self {
        case .sigmoid: VectorMath.gateSigmoid(x)
        case .hardSigmoid: VectorMath.hardSigmoid(x)
        }
    }

    /// The derivative from the gate's output a: a(1 − a) for sigmoid, 0.2 inside (0, 1) for hard sigmoid.
    @inline(__always) func derivative(output a: Float) -> Float {
        switch self {
        case .sigmoid: a * (1 - a)
        case .hardSigmoid: a > 0 && a < 1 ? 0.2 : 0
        }
    }
}
