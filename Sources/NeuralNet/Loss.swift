/// The losses `compile … loss=` accepts (Keras names as raw values).
public enum Loss: String, Codable, CaseIterable, Sendable {
    /// Targets 0/1 of shape [N, 1]; predictions clipped to [1e-7, 1 − 1e-7] as Keras does.
    case binaryCrossentropy = "binary_crossentropy"
    /// One-hot targets [N, C].
    case categoricalCrossentropy = "categorical_crossentropy"
    /// Class-index targets [N] (stored as Float).
    case sparseCategoricalCrossentropy = "sparse_categorical_crossentropy"
    /// Mean squared error.
    case meanSquaredError = "mse"
}

/// An optimizer and its hyper-parameters as `compile` gives them (Keras defaults).
public enum OptimizerSpec: Codable, Equatable, Sendable {
    /// Adam: lr 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-7 by default.
    case adam(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7)
    /// SGD with optional (Nesterov) momentum: lr 0.01 by default.
    case sgd(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false)
    /// RMSprop: lr 1e-3, ρ 0.9, ε 1e-7 by default.
    case rmsprop(learningRate: Float = 1e-3, rho: Float = 0.9, epsilon: Float = 1e-7)

    /// Whether every hyperparameter is finite and in range (a model file may say anything).
    public var isValid: Bool {
        switch self {
        case let .adam(lr, beta1, beta2, epsilon):
            return lr.isFinite && lr > 0 && (0..<1).contains(beta1) && (0..<1).contains(beta2) && epsilon.isFinite && epsilon > 0
        case let .sgd(lr, momentum, _):
            return lr.isFinite && lr > 0 && momentum.isFinite && momentum >= 0
        case let .rmsprop(lr, rho, epsilon):
            return lr.isFinite && lr > 0 && (0..<1).contains(rho) && epsilon.isFinite && epsilon > 0
        }
    }
}

extension OptimizerSpec {
    /// The learning rate the spec was compiled with.
    public var learningRate: Float {
        switch self {
        case let .adam(lr, _, _, _), let .sgd(lr, _, _), let .rmsprop(lr, _, _): lr
        }
    }

    /// The same rule with another learning rate.
    public func withLearningRate(_ rate: Float) -> OptimizerSpec {
        switch self {
        case let .adam(_, b1, b2, eps): .adam(learningRate: rate, beta1: b1, beta2: b2, epsilon: eps)
        case let .sgd(_, momentum, nesterov): .sgd(learningRate: rate, momentum: momentum, nesterov: nesterov)
        case let .rmsprop(_, rho, eps): .rmsprop(learningRate: rate, rho: rho, epsilon: eps)
        }
    }
}
